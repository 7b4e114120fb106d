import {CreateApiKeyCommand, CreateDeploymentCommand, CreateRestApiCommand, GetApiKeysCommand, GetRestApisCommand, PutIntegrationCommand, PutMethodCommand} from '@aws-sdk/client-api-gateway'
import {GetMetricDataCommand} from '@aws-sdk/client-cloudwatch'
import {spawn} from 'node:child_process'
import {mkdtempSync, statSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {createInterface} from 'node:readline'
import {fileURLToPath} from 'node:url'
import {afterAll, describe, expect, it} from 'vitest'
import {runCli, spawnCli} from '../helpers/cli.js'
import {isAlive, readRuntimeFile} from '../../packages/cli/src/lib/sandbox/runtime.js'
import {controlFetch, sdkClients} from '../helpers/sandbox.js'
import {until} from '../helpers/wait.js'

const stateDirs: string[] = []

/** A CI-like environment whose default sandbox lives in a fresh directory, stopping by itself when idle. */
function sandboxEnv(extra: Record<string, string> = {}) {
  const home = mkdtempSync(join(tmpdir(), 'apigw-sandbox-cli-'))
  const stateDir = join(home, 'state')
  stateDirs.push(stateDir)
  const env = {PATH: process.env.PATH!, HOME: home, CI: 'true', APIGW_SANDBOX_DIR: stateDir, APIGW_SANDBOX_IDLE_TIMEOUT_MS: '60000', ...extra}
  return {env, stateDir}
}

const json = (stdout: string) => JSON.parse(stdout)

/** A REST API with one mock method, deployed to stage "prod". */
async function deployedApi(endpoint: string, name: string) {
  const {rest} = sdkClients(endpoint)
  const api = await rest.send(new CreateRestApiCommand({name}))
  await rest.send(new PutMethodCommand({restApiId: api.id, resourceId: api.rootResourceId, httpMethod: 'GET', authorizationType: 'NONE'}))
  await rest.send(new PutIntegrationCommand({restApiId: api.id, resourceId: api.rootResourceId, httpMethod: 'GET', type: 'MOCK'}))
  await rest.send(new CreateDeploymentCommand({restApiId: api.id, stageName: 'prod'}))
  return api
}

afterAll(async () => {
  await Promise.all(stateDirs.map((stateDir) => runCli(['sandbox', 'stop', '--state-dir', stateDir], {PATH: process.env.PATH!})))
})

describe('apigw sandbox start --detach / status / stop', () => {
  it('starts in the background on 127.0.0.1, reports itself, refuses a second one, and stops', async () => {
    const {env, stateDir} = sandboxEnv()
    const before = await runCli(['sandbox', 'status', '--json'], env)
    expect(before.code).toBe(1)
    expect(json(before.stdout)).toMatchObject({running: false, stateDir})

    const started = await runCli(['sandbox', 'start', '--detach', '--json'], env)
    expect(started.code).toBe(0)
    const info = json(started.stdout)
    expect(info).toMatchObject({detached: true, stateDir})
    expect(info.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    // The control token stays in the runtime file, which (like the log and the state) is the owner's alone.
    expect(info.token).toBeUndefined()
    expect(readRuntimeFile(stateDir)!.token).toMatch(/^[\w-]{32}$/)
    expect(statSync(stateDir).mode & 0o777).toBe(0o700)
    for (const file of ['sandbox.json', 'sandbox.log', 'state.json', 'journal.ndjson']) expect(statSync(join(stateDir, file)).mode & 0o777, file).toBe(0o600)
    expect((await fetch(`${info.endpoint}/_sandbox/shutdown`, {method: 'POST'})).status).toBe(403)

    const status = await runCli(['sandbox', 'status', '--json'], env)
    expect(status.code).toBe(0)
    expect(json(status.stdout)).toMatchObject({running: true, endpoint: info.endpoint, pid: info.pid, faults: 'none'})

    const second = await runCli(['sandbox', 'start', '--detach', '--json'], env)
    expect(second.code).toBe(5)
    expect(json(second.stdout).error.code).toBe('SANDBOX_RUNNING')

    const stopped = await runCli(['sandbox', 'stop', '--json'], env)
    expect(stopped.code).toBe(0)
    expect(json(stopped.stdout)).toEqual({stopped: true, pid: info.pid, stateDir})
    await expect(fetch(`${info.endpoint}/_sandbox/status`)).rejects.toThrow()
    expect((await runCli(['sandbox', 'status'], env)).code).toBe(1)

    const again = await runCli(['sandbox', 'stop'], env)
    expect(again.code).toBe(0)
    expect(again.stderr).toContain('No sandbox is running')
  })

  it('keeps acknowledged state when killed, and across restarts', async () => {
    const {env} = sandboxEnv()
    const first = json((await runCli(['sandbox', 'start', '--detach', '--json'], env)).stdout)
    await sdkClients(first.endpoint).rest.send(new CreateRestApiCommand({name: 'survivor'}))
    process.kill(first.pid, 'SIGKILL')
    await until(() => !isAlive(first.pid))

    const second = json((await runCli(['sandbox', 'start', '--detach', '--json'], env)).stdout)
    expect(second.pid).not.toBe(first.pid)
    const apis = await sdkClients(second.endpoint).rest.send(new GetRestApisCommand({}))
    expect(apis.items?.map((api) => api.name)).toEqual(['survivor'])
    await runCli(['sandbox', 'stop'], env)
  })

  it('refuses a busy port with exit 5 and a way out', async () => {
    const {env} = sandboxEnv()
    const first = json((await runCli(['sandbox', 'start', '--detach', '--json'], env)).stdout)
    const other = sandboxEnv()
    const clash = await runCli(['sandbox', 'start', '--port', String(first.port)], other.env)
    expect(clash.code).toBe(5)
    expect(clash.stderr).toContain(`Port ${first.port} is already in use on 127.0.0.1.`)
    expect(clash.stderr).toContain('Try: --port 0')
  })
})

describe('apigw sandbox start in the foreground', () => {
  it('serves until Ctrl-C, then stops cleanly with exit 0', async () => {
    const {env, stateDir} = sandboxEnv()
    const bin = fileURLToPath(new URL('../../packages/cli/bin/run.js', import.meta.url))
    const child = spawn(process.execPath, [bin, 'sandbox', 'start', '--json'], {env, stdio: ['ignore', 'pipe', 'pipe']})
    let stderr = ''
    child.stderr.on('data', (chunk) => (stderr += chunk))
    const lines = createInterface({input: child.stdout})
    let output = ''
    for await (const line of lines) {
      output += line
      if (line === '}') break
    }
    const info = JSON.parse(output)
    expect(info.token).toBeUndefined()
    const status = await controlFetch(readRuntimeFile(stateDir)!, 'status')
    expect(status.status).toBe(200)
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve))
    child.kill('SIGINT')
    expect(await exited).toBe(0)
    expect(stderr).toContain('Sandbox stopped.')
  })
})

describe('apigw sandbox faults and reset', () => {
  it('changes faults on a running sandbox, and apigw rides out throttling within its retry budget', async () => {
    const {env, stateDir} = sandboxEnv()
    await runCli(['sandbox', 'start', '--detach'], env)
    const set = await runCli(['sandbox', 'faults', 'throttle=100%', '--json'], env)
    expect(json(set.stdout)).toEqual({faults: 'throttle=100%'})
    // A process of its own: given up on at its budget, its retries must end with it, not go on
    // calling (an in-process run's timers outlive it) and eat into the fail=#n count below.
    const throttled = await spawnCli(['apis', 'list', '--sandbox', '--retry-budget', '2s'], env)
    expect(throttled.code).toBe(6)
    expect(throttled.stderr).toMatch(/throttled by AWS \(Get(Rest)?Apis\); retrying in/)

    const bad = await runCli(['sandbox', 'faults', 'slow=5%'], env)
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('sandbox faults takes throttle=…, error=…, reset=…, latency=…, fail=…, lost=…; got "slow=5%"')
    expect(bad.stderr).toContain('Try: apigw sandbox faults throttle=20%,error=5%,reset=2%,latency=300ms')

    // fail=<Operation>#<n>: the n-th call of that operation from now fails once, and is shown counting down.
    expect(json((await runCli(['sandbox', 'faults', 'fail=GetRestApis#2', '--json'], env)).stdout)).toEqual({faults: 'fail=GetRestApis#2'})
    expect((await runCli(['apis', 'list', '--type', 'rest', '--sandbox', '--retry-budget', '0s'], env)).code).toBe(0)
    expect(json((await runCli(['sandbox', 'faults', '--json'], env)).stdout)).toEqual({faults: 'fail=GetRestApis#1'})
    const failed = await runCli(['apis', 'list', '--type', 'rest', '--sandbox', '--retry-budget', '0s'], env)
    expect(failed.code).toBe(6)
    expect(failed.stderr).toContain('GetRestApis failed: Service Unavailable')
    expect(json((await runCli(['sandbox', 'faults', '--json'], env)).stdout)).toEqual({faults: 'none'})
    const unknown = await runCli(['sandbox', 'faults', 'fail=CreateUsagePlanKeys'], env)
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('The sandbox serves no operation named "CreateUsagePlanKeys"')
    expect(unknown.stderr).toContain('Did you mean: CreateUsagePlanKey')

    // lost=<Operation>: the call takes effect, then its answer is lost; the key is there, read back independently.
    expect(json((await runCli(['sandbox', 'faults', 'lost=CreateApiKey:503,latency=UpdateStage:400ms', '--json'], env)).stdout)).toEqual({
      faults: 'latency=UpdateStage:400ms,lost=CreateApiKey#1:503',
    })
    const {rest} = sdkClients(readRuntimeFile(stateDir)!.endpoint)
    const lost = await rest.send(new CreateApiKeyCommand({name: 'lost-answer'})).catch((error) => error)
    expect(lost.$metadata.httpStatusCode).toBe(503)
    expect((await rest.send(new GetApiKeysCommand({nameQuery: 'lost-answer'}))).items).toHaveLength(1)
    expect(json((await runCli(['sandbox', 'faults', '--json'], env)).stdout)).toEqual({faults: 'latency=UpdateStage:400ms'})
    const unknownLost = await runCli(['sandbox', 'faults', 'lost=CreateApiKeys:503'], env)
    expect(unknownLost.code).toBe(2)
    expect(unknownLost.stderr).toContain('Did you mean: CreateApiKey')

    await runCli(['sandbox', 'faults', 'none'], env)
    const shown = await runCli(['sandbox', 'faults', '--json'], env)
    expect(json(shown.stdout)).toEqual({faults: 'none'})
  })

  it('asks for --yes without a terminal, and then forgets everything', async () => {
    const {env} = sandboxEnv()
    const info = json((await runCli(['sandbox', 'start', '--detach', '--json'], env)).stdout)
    await sdkClients(info.endpoint).rest.send(new CreateRestApiCommand({name: 'doomed'}))
    const refused = await runCli(['sandbox', 'reset'], env)
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('Try: apigw sandbox reset --yes')
    expect((await sdkClients(info.endpoint).rest.send(new GetRestApisCommand({}))).items).toHaveLength(1)

    const reset = await runCli(['sandbox', 'reset', '--yes', '--json'], env)
    expect(reset.code).toBe(0)
    expect((await sdkClients(info.endpoint).rest.send(new GetRestApisCommand({}))).items ?? []).toHaveLength(0)
  })
})

describe('global --sandbox', () => {
  it('starts a background sandbox when none runs, says so on stderr, and reuses it', async () => {
    const {env} = sandboxEnv()
    const first = await runCli(['apis', 'list', '--sandbox', '--json'], env)
    expect(first.code).toBe(0)
    expect(json(first.stdout)).toEqual({apis: []})
    expect(first.stderr).toMatch(/Started a local sandbox on http:\/\/127\.0\.0\.1:\d+ .*it stops after 1m without calls/)

    const second = await runCli(['apis', 'list', '--json'], {...env, APIGW_SANDBOX: '1'})
    expect(second.code).toBe(0)
    expect(second.stderr).toBe('')
  })

  it('cannot be combined with --endpoint-url', async () => {
    const {env} = sandboxEnv()
    const result = await runCli(['apis', 'list', '--sandbox', '--endpoint-url', 'http://127.0.0.1:1'], env)
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('--endpoint-url=http://127.0.0.1:1 cannot also be provided when using --sandbox')
  })
})

describe('apigw sandbox traffic', () => {
  it('backfills CloudWatch metrics for a stage, readable with GetMetricData', async () => {
    const {env} = sandboxEnv()
    const info = json((await runCli(['sandbox', 'start', '--detach', '--json'], env)).stdout)
    const api = await deployedApi(info.endpoint, 'orders')
    const {cloudWatch} = sdkClients(info.endpoint)

    const result = await runCli(['sandbox', 'traffic', '--api', 'orders', '--stage', 'prod', '--duration', '10m', '--rps', '10', '--error-rate', '5xx=10%', '--json'], env)
    expect(result.code, result.stderr).toBe(0)
    const summary = json(result.stdout)
    expect(summary).toMatchObject({apiId: api.id, apiName: 'orders', stage: 'prod', canaryRequests: 0})
    expect(summary.requests).toBeGreaterThan(5000)
    expect(summary.errors5xx / summary.requests).toBeCloseTo(0.1, 2)

    const end = new Date()
    const metric = (MetricName: string) => ({
      MetricStat: {Metric: {Namespace: 'AWS/ApiGateway', MetricName, Dimensions: [{Name: 'ApiName', Value: 'orders'}, {Name: 'Stage', Value: 'prod'}]}, Period: 3600, Stat: 'Sum'},
    })
    const data = await cloudWatch.send(new GetMetricDataCommand({
      StartTime: new Date(end.getTime() - 2 * 3600_000),
      EndTime: end,
      MetricDataQueries: [{Id: 'count', ...metric('Count')}, {Id: 'errors', ...metric('5XXError')}],
    }))
    const sum = (id: string) => data.MetricDataResults!.find((r) => r.Id === id)!.Values!.reduce((a, b) => a + b, 0)
    expect(sum('count')).toBe(summary.requests)
    expect(sum('errors')).toBe(summary.errors5xx)
  })

  it('names an unknown API or stage with exit 4, and bad flags with exit 2', async () => {
    const {env} = sandboxEnv()
    const info = json((await runCli(['sandbox', 'start', '--detach', '--json'], env)).stdout)
    const noApi = await runCli(['sandbox', 'traffic', '--api', 'ghost', '--stage', 'prod'], env)
    expect(noApi.code).toBe(4)
    expect(noApi.stderr).toContain('No API with id or name "ghost" in the sandbox.')
    expect(noApi.stderr).toContain('Try: apigw apis list --sandbox')

    await sdkClients(info.endpoint).rest.send(new CreateRestApiCommand({name: 'stageless'}))
    const noStage = await runCli(['sandbox', 'traffic', '--api', 'stageless', '--stage', 'prod'], env)
    expect(noStage.code).toBe(4)
    expect(noStage.stderr).toContain('Invalid Stage identifier specified')
    expect(noStage.stderr).toContain('Try: apigw apis show --api')

    const badRate = await runCli(['sandbox', 'traffic', '--api', 'stageless', '--stage', 'prod', '--latency', 'p50=1s,p99=10ms'], env)
    expect(badRate.code).toBe(2)
    expect(badRate.stderr).toContain('--latency needs 0 < p50 ≤ p99')
  })

  it('publishes live with --follow until Ctrl-C, then stops with exit 0', async () => {
    const {env} = sandboxEnv()
    const info = json((await runCli(['sandbox', 'start', '--detach', '--json'], env)).stdout)
    await deployedApi(info.endpoint, 'live')
    // Ctrl-C a moment after it runs: the time since it started is published, at a million requests a
    // second. (A Ctrl-C within the millisecond it started publishes nothing: test/unit/follow-traffic.test.ts.)
    const result = await spawnCli(['sandbox', 'traffic', '--api', 'live', '--stage', 'prod', '--follow', '--rps', '1000000'], env, (child) => {
      child.stderr!.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('Ctrl-C to stop')) setTimeout(() => child.kill('SIGINT'), 50)
      })
    })
    expect(result.code, result.stderr).toBe(0)
    const published = Number(/Stopped after (\d+) requests/.exec(result.stderr)![1])
    expect(published).toBeGreaterThan(0)
  })

  it('needs a running sandbox, and says how to start one', async () => {
    const {env} = sandboxEnv()
    const result = await runCli(['sandbox', 'traffic', '--api', 'x', '--stage', 'prod'], env)
    expect(result.code).toBe(6)
    expect(result.stderr).toContain('Try: apigw sandbox start --detach')
  })
})
