import {mkdtempSync, rmSync} from 'node:fs'
import {request} from 'node:http'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {APIGatewayClient, CreateApiKeyCommand, CreateUsagePlanCommand, GetApiKeysCommand, GetUsagePlansCommand} from '@aws-sdk/client-api-gateway'
import {PutMetricDataCommand, ListMetricsCommand} from '@aws-sdk/client-cloudwatch'
import {afterAll, beforeAll, beforeEach, describe, expect, it} from 'vitest'
import {realClock, type Clock} from '../../packages/sandbox/src/clock.js'
import {describeFaults, faultsFromJson, NO_FAULTS} from '../../packages/sandbox/src/faults.js'
import {controlFetch, sdkClients, startTestSandbox, type Sandbox} from '../helpers/sandbox.js'

describe('faults as JSON', () => {
  it('takes every fault, leaves out what is not named, and refuses anything it does not know', () => {
    const faults = {...NO_FAULTS, throttle: 0.1, lost: [{operation: 'CreateApiKey', call: 2, answer: '503' as const}], lostShare: 0.01, operationLatencyMs: {UpdateStage: 400}, fail: [{operation: 'TagResource', call: 1}]}
    expect(faultsFromJson(JSON.parse(JSON.stringify(faults)))).toEqual(faults)
    expect(describeFaults(faults)).toBe('throttle=10%,latency=UpdateStage:400ms,fail=TagResource#1,lost=CreateApiKey#2:503,lost=1%:reset')
    expect(faultsFromJson({})).toEqual(NO_FAULTS)
    expect(() => faultsFromJson({lost: [{operation: 'CreateApiKeys', call: 1}]})).toThrow(/serves no operation named "CreateApiKeys"/)
    expect(() => faultsFromJson({slow: 1})).toThrow(/unknown field "slow"/)
    expect(() => faultsFromJson({throttle: 2})).toThrow(/throttle must be a number from 0 to 1/)
    expect(() => faultsFromJson({latencyMs: -5})).toThrow(/latencyMs must be whole milliseconds/)
    expect(() => faultsFromJson([])).toThrow(/expected an object/)
    expect(() => faultsFromJson({lost: [{operation: 'CreateApiKey', call: 1, answer: 'drop'}]})).toThrow(/lost by reset, 503, timeout; got "drop"/)
    expect(() => faultsFromJson({throttle: 0.6, error: 0.5})).toThrow(/add up to more than 100%/)
  })
})

describe('post-write faults in the sandbox', () => {
  let sandbox: Sandbox
  let clients: ReturnType<typeof sdkClients>
  let sleeps: number[]
  const clock: Clock = {...realClock, sleep: (ms) => (sleeps.push(ms), realClock.sleep(0))}
  beforeAll(async () => {
    sandbox = await startTestSandbox({clock})
    clients = sdkClients(sandbox.endpoint)
  })
  beforeEach(() => {
    sandbox.faults = faultsFromJson({})
    sleeps = []
  })
  afterAll(() => sandbox.stop())

  const keysNamed = async (name: string) => ((await clients.rest.send(new GetApiKeysCommand({nameQuery: name}))).items ?? []).filter((key) => key.name === name)

  it('lost=CreateApiKey: the key is created, then the connection is reset', async () => {
    sandbox.faults = faultsFromJson({lost: [{operation: 'CreateApiKey', call: 1}]})
    const error = await clients.rest.send(new CreateApiKeyCommand({name: 'lost-reset'})).catch((e) => e)
    expect(error.$metadata?.httpStatusCode).toBeUndefined()
    expect(error.code ?? error.name).toMatch(/ECONNRESET|socket hang up|Error/)
    expect(await keysNamed('lost-reset')).toHaveLength(1)
    expect(sandbox.faults.lost).toEqual([])
    // Spent: the next call is answered.
    await clients.rest.send(new CreateApiKeyCommand({name: 'lost-reset-after'}))
    expect(await keysNamed('lost-reset-after')).toHaveLength(1)
  })

  it('lost=CreateApiKey#2:503: the second call takes effect and is answered 503 ServiceUnavailableException', async () => {
    sandbox.faults = faultsFromJson({lost: [{operation: 'CreateApiKey', call: 2, answer: '503'}]})
    await clients.rest.send(new CreateApiKeyCommand({name: 'lost-first'}))
    const error = await clients.rest.send(new CreateApiKeyCommand({name: 'lost-second'})).catch((e) => e)
    expect(error.name).toBe('ServiceUnavailableException')
    expect(error.$metadata.httpStatusCode).toBe(503)
    expect(await keysNamed('lost-first')).toHaveLength(1)
    expect(await keysNamed('lost-second')).toHaveLength(1)
  })

  it('lost=CreateApiKey:timeout: the key is created and no answer comes until the client gives up', async () => {
    sandbox.faults = faultsFromJson({lost: [{operation: 'CreateApiKey', call: 1, answer: 'timeout'}]})
    const impatient = new APIGatewayClient({
      endpoint: sandbox.endpoint,
      region: 'us-east-1',
      credentials: {accessKeyId: 'AKIDTEST', secretAccessKey: 'secret'},
      maxAttempts: 1,
      requestHandler: {requestTimeout: 300, throwOnRequestTimeout: true},
    })
    const error = await impatient.send(new CreateApiKeyCommand({name: 'lost-timeout'})).catch((e) => e)
    expect(error.name).toBe('TimeoutError')
    expect(await keysNamed('lost-timeout')).toHaveLength(1)
  })

  it('lost=100% strikes every write and no read', async () => {
    sandbox.faults = faultsFromJson({lostShare: 1, lostShareAnswer: '503'})
    const error = await clients.rest.send(new CreateUsagePlanCommand({name: 'lost-plan'})).catch((e) => e)
    expect(error.name).toBe('ServiceUnavailableException')
    const putMetric = await clients.cloudWatch.send(new PutMetricDataCommand({Namespace: 'Lost', MetricData: [{MetricName: 'm', Value: 1}]})).catch((e) => e)
    expect(putMetric.name).toBe('ServiceUnavailable')
    const plans = await clients.rest.send(new GetUsagePlansCommand({}))
    expect(plans.items?.filter((plan) => plan.name === 'lost-plan')).toHaveLength(1)
    expect((await clients.cloudWatch.send(new ListMetricsCommand({Namespace: 'Lost'}))).Metrics).toHaveLength(1)
  })

  it('delays the calls of one operation by its own latency, on top of the every-call latency', async () => {
    sandbox.faults = faultsFromJson({latencyMs: 5, operationLatencyMs: {CreateApiKey: 400}})
    await clients.rest.send(new CreateApiKeyCommand({name: 'slow'}))
    await clients.rest.send(new GetApiKeysCommand({}))
    expect(sleeps).toEqual([405, 5])
  })

  it('sets faults through PUT /_sandbox/faults, and refuses an unknown operation there with 400', async () => {
    const put = (body: unknown) => controlFetch(sandbox, 'faults', {method: 'PUT', body: JSON.stringify(body)})
    const refused = await put({lost: [{operation: 'CreateApiKeys', call: 1, answer: 'reset'}]})
    expect(refused.status).toBe(400)
    expect(refused.headers.get('x-amzn-errortype')).toBe('BadRequestException')
    expect((await refused.json()).message).toMatch(/serves no operation named "CreateApiKeys"/)
    const accepted = await put({lost: [{operation: 'CreateApiKey', call: 2, answer: 'timeout'}], operationLatencyMs: {UpdateStage: 400}})
    expect(await accepted.json()).toEqual({faults: 'latency=UpdateStage:400ms,lost=CreateApiKey#2:timeout'})
  })
})

describe('a sandbox holding a lost answer', () => {
  it('stops promptly while a call waits out a long latency fault', async () => {
    const sandbox = await startTestSandbox({faults: {operationLatencyMs: {CreateApiKey: 60_000}}})
    const arrivedBefore = sandbox.lastRequestAt
    const call = sdkClients(sandbox.endpoint).rest.send(new CreateApiKeyCommand({name: 'slow'})).catch((error) => error.code ?? error.name)
    await expect.poll(() => sandbox.lastRequestAt).toBeGreaterThan(arrivedBefore)
    await sandbox.stop()
    expect(await call).toMatch(/ECONNRESET|socket hang up|Error/)
  })

  it('keeps the write in its journal, and stops promptly though a client still waits', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'apigw-lost-'))
    try {
      const sandbox = await startTestSandbox({stateDir, faults: {lost: [{operation: 'CreateApiKey', call: 1, answer: 'timeout'}]}})
      const {rest} = sdkClients(sandbox.endpoint)
      const body = JSON.stringify({name: 'held', enabled: true})
      // A patient client: it never gives up, so only the sandbox's close can end the call.
      const answered = new Promise<string>((resolve) => {
        const call = request(`${sandbox.endpoint}/apikeys`, {method: 'POST', headers: {'content-type': 'application/json'}}, () => resolve('answered'))
        call.on('error', (error) => resolve((error as NodeJS.ErrnoException).code ?? error.message))
        call.end(body)
      })
      await expect.poll(async () => ((await rest.send(new GetApiKeysCommand({}))).items ?? []).map((key) => key.name)).toEqual(['held'])
      await sandbox.stop()
      expect(await answered).toBe('ECONNRESET')

      const reopened = await startTestSandbox({stateDir})
      const keys = await sdkClients(reopened.endpoint).rest.send(new GetApiKeysCommand({}))
      await reopened.stop()
      expect(keys.items?.map((key) => key.name)).toEqual(['held'])
    } finally {
      rmSync(stateDir, {recursive: true, force: true})
    }
  })
})
