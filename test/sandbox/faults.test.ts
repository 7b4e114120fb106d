import {mkdtempSync, rmSync} from 'node:fs'
import {request} from 'node:http'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {APIGatewayClient, CreateApiKeyCommand, CreateUsagePlanCommand, GetApiKeysCommand, GetUsagePlansCommand} from '@aws-sdk/client-api-gateway'
import {PutMetricDataCommand, ListMetricsCommand} from '@aws-sdk/client-cloudwatch'
import {afterAll, beforeAll, beforeEach, describe, expect, it} from 'vitest'
import {systemClock, type Clock} from '../../src/lib/util/clock.js'
import {describeFaults, faultsFromJson, NO_FAULTS, parseFaults} from '../../src/sandbox/faults.js'
import {controlFetch, sdkClients, startTestSandbox, type Sandbox} from '../helpers/sandbox.js'

describe('post-write fault syntax', () => {
  it('parses lost=<operation>#<call>:<how>, the next call and a reset when not given, and describes it back', () => {
    const faults = parseFaults('lost=CreateApiKey,lost=CreateUsagePlanKey#2:503,lost=CreateDeployment#1:timeout')
    expect(faults.lost).toEqual([
      {operation: 'CreateApiKey', call: 1, answer: 'reset'},
      {operation: 'CreateUsagePlanKey', call: 2, answer: '503'},
      {operation: 'CreateDeployment', call: 1, answer: 'timeout'},
    ])
    expect(describeFaults(faults)).toBe('lost=CreateApiKey#1:reset,lost=CreateUsagePlanKey#2:503,lost=CreateDeployment#1:timeout')
    expect(parseFaults(describeFaults(faults))).toEqual(faults)
  })

  it('parses lost=<share> of write calls, and per-operation latency beside the every-call latency', () => {
    const faults = parseFaults('lost=2%:503,latency=300ms,latency=UpdateStage:400ms,latency=GetStage:1s')
    expect(faults).toEqual({...NO_FAULTS, lostShare: 0.02, lostShareAnswer: '503', latencyMs: 300, operationLatencyMs: {UpdateStage: 400, GetStage: 1000}})
    expect(describeFaults(faults)).toBe('latency=300ms,latency=UpdateStage:400ms,latency=GetStage:1000ms,lost=2%:503')
    expect(parseFaults('lost=5%')).toMatchObject({lostShare: 0.05, lostShareAnswer: 'reset'})
  })

  it('refuses unknown operations with the closest names, unknown ways to lose an answer, and bad shares', () => {
    expect(() => parseFaults('lost=CreateApiKeys')).toThrow(/serves no operation named "CreateApiKeys"/)
    expect(() => parseFaults('latency=UpdateStages:400ms')).toThrow(/serves no operation named "UpdateStages"/)
    expect(() => parseFaults('lost=CreateApiKey#1:drop')).toThrow(/lost by reset, 503, timeout; got "drop"/)
    expect(() => parseFaults('lost=CreateApiKey#0')).toThrow(/lost takes an operation/)
    expect(() => parseFaults('lost=120%')).toThrow(/lost must be a percentage between 0% and 100%/)
    expect(() => parseFaults('latency=UpdateStage:fast')).toThrow(/must be a duration/)
    expect(() => parseFaults('latency=10m')).toThrow(/latency is at most 120s/)
  })

  it('checks faults sent as JSON as strictly as the text', () => {
    const faults = parseFaults('throttle=10%,lost=CreateApiKey#2:503,lost=1%,latency=UpdateStage:400ms,fail=TagResource')
    expect(faultsFromJson(JSON.parse(JSON.stringify(faults)))).toEqual(faults)
    expect(faultsFromJson({})).toEqual(NO_FAULTS)
    expect(() => faultsFromJson({lost: [{operation: 'CreateApiKeys', call: 1}]})).toThrow(/serves no operation named "CreateApiKeys"/)
    expect(() => faultsFromJson({slow: 1})).toThrow(/unknown field "slow"/)
    expect(() => faultsFromJson({throttle: 2})).toThrow(/throttle must be a number from 0 to 1/)
    expect(() => faultsFromJson({latencyMs: -5})).toThrow(/latencyMs must be whole milliseconds/)
    expect(() => faultsFromJson([])).toThrow(/expected an object/)
  })
})

describe('post-write faults in the sandbox', () => {
  let sandbox: Sandbox
  let clients: ReturnType<typeof sdkClients>
  let sleeps: number[]
  const clock: Clock = {...systemClock, sleep: (ms) => (sleeps.push(ms), systemClock.sleep(0))}
  beforeAll(async () => {
    sandbox = await startTestSandbox({clock})
    clients = sdkClients(sandbox.endpoint)
  })
  beforeEach(() => {
    sandbox.faults = parseFaults('none')
    sleeps = []
  })
  afterAll(() => sandbox.close())

  const keysNamed = async (name: string) => ((await clients.rest.send(new GetApiKeysCommand({nameQuery: name}))).items ?? []).filter((key) => key.name === name)

  it('lost=CreateApiKey: the key is created, then the connection is reset', async () => {
    sandbox.faults = parseFaults('lost=CreateApiKey')
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
    sandbox.faults = parseFaults('lost=CreateApiKey#2:503')
    await clients.rest.send(new CreateApiKeyCommand({name: 'lost-first'}))
    const error = await clients.rest.send(new CreateApiKeyCommand({name: 'lost-second'})).catch((e) => e)
    expect(error.name).toBe('ServiceUnavailableException')
    expect(error.$metadata.httpStatusCode).toBe(503)
    expect(await keysNamed('lost-first')).toHaveLength(1)
    expect(await keysNamed('lost-second')).toHaveLength(1)
  })

  it('lost=CreateApiKey:timeout: the key is created and no answer comes until the client gives up', async () => {
    sandbox.faults = parseFaults('lost=CreateApiKey:timeout')
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
    sandbox.faults = parseFaults('lost=100%:503')
    const error = await clients.rest.send(new CreateUsagePlanCommand({name: 'lost-plan'})).catch((e) => e)
    expect(error.name).toBe('ServiceUnavailableException')
    const putMetric = await clients.cloudWatch.send(new PutMetricDataCommand({Namespace: 'Lost', MetricData: [{MetricName: 'm', Value: 1}]})).catch((e) => e)
    expect(putMetric.name).toBe('ServiceUnavailable')
    const plans = await clients.rest.send(new GetUsagePlansCommand({}))
    expect(plans.items?.filter((plan) => plan.name === 'lost-plan')).toHaveLength(1)
    expect((await clients.cloudWatch.send(new ListMetricsCommand({Namespace: 'Lost'}))).Metrics).toHaveLength(1)
  })

  it('delays the calls of one operation by its own latency, on top of the every-call latency', async () => {
    sandbox.faults = parseFaults('latency=5ms,latency=CreateApiKey:400ms')
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
    const accepted = await put(parseFaults('lost=CreateApiKey#2:timeout,latency=UpdateStage:400ms'))
    expect(await accepted.json()).toEqual({faults: 'latency=UpdateStage:400ms,lost=CreateApiKey#2:timeout'})
  })
})

describe('a sandbox holding a lost answer', () => {
  it('stops promptly while a call waits out a long latency fault', async () => {
    const sandbox = await startTestSandbox({faults: parseFaults('latency=CreateApiKey:60s')})
    const arrivedBefore = sandbox.lastRequestAt
    const call = sdkClients(sandbox.endpoint).rest.send(new CreateApiKeyCommand({name: 'slow'})).catch((error) => error.code ?? error.name)
    await expect.poll(() => sandbox.lastRequestAt).toBeGreaterThan(arrivedBefore)
    await sandbox.close()
    expect(await call).toMatch(/ECONNRESET|socket hang up|Error/)
  })

  it('keeps the write in its journal, and stops promptly though a client still waits', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'apigw-lost-'))
    try {
      const sandbox = await startTestSandbox({stateDir, faults: parseFaults('lost=CreateApiKey:timeout')})
      const {rest} = sdkClients(sandbox.endpoint)
      const body = JSON.stringify({name: 'held', enabled: true})
      // A patient client: it never gives up, so only the sandbox's close can end the call.
      const answered = new Promise<string>((resolve) => {
        const call = request(`${sandbox.endpoint}/apikeys`, {method: 'POST', headers: {'content-type': 'application/json'}}, () => resolve('answered'))
        call.on('error', (error) => resolve((error as NodeJS.ErrnoException).code ?? error.message))
        call.end(body)
      })
      await expect.poll(async () => ((await rest.send(new GetApiKeysCommand({}))).items ?? []).map((key) => key.name)).toEqual(['held'])
      await sandbox.close()
      expect(await answered).toBe('ECONNRESET')

      const reopened = await startTestSandbox({stateDir})
      const keys = await sdkClients(reopened.endpoint).rest.send(new GetApiKeysCommand({}))
      await reopened.close()
      expect(keys.items?.map((key) => key.name)).toEqual(['held'])
    } finally {
      rmSync(stateDir, {recursive: true, force: true})
    }
  })
})
