import {CreateRestApiCommand, GetRestApisCommand} from '@aws-sdk/client-api-gateway'
import {existsSync, mkdtempSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {runCli, spawnCli} from '../helpers/cli.js'
import {readRuntimeFile} from '../../packages/cli/src/lib/sandbox/runtime.js'
import {controlFetch, sdkClients} from '../helpers/sandbox.js'
import {seeder} from '../helpers/seed.js'

// Which sandbox a command reaches: the one --endpoint-url names, the one this user started last,
// one shared start for commands racing to start one. Each test is a user with a home of their own.
const stateDirs: string[] = []

/** A user's environment: a fresh home, no APIGW_SANDBOX_DIR, background sandboxes stopping when idle. */
function user(extra: Record<string, string> = {}) {
  const home = mkdtempSync(join(tmpdir(), 'apigw-targeting-'))
  stateDirs.push(join(home, '.apigw', 'sandbox'))
  return {home, env: {PATH: process.env.PATH!, HOME: home, CI: 'true', APIGW_SANDBOX_IDLE_TIMEOUT_MS: '60000', ...extra}}
}

/** `sandbox start --detach --json` on `stateDir`, returning what it printed. */
async function startDetached(env: Record<string, string>, stateDir: string) {
  stateDirs.push(stateDir)
  const started = await runCli(['sandbox', 'start', '--detach', '--state-dir', stateDir, '--json'], env)
  expect(started.code, started.stderr).toBe(0)
  return {info: JSON.parse(started.stdout), stderr: started.stderr}
}

const json = (stdout: string) => JSON.parse(stdout)

afterAll(async () => {
  await Promise.all(stateDirs.map((stateDir) => runCli(['sandbox', 'stop', '--state-dir', stateDir], {PATH: process.env.PATH!})))
})

describe('sandbox start --detach, then the next commands', () => {
  it('prints the export line the next commands need, and they reach that sandbox', async () => {
    const {home, env} = user()
    const stateDir = join(home, 'rehearsal')
    const {info, stderr} = await startDetached(env, stateDir)
    const exports = {APIGW_SANDBOX: '1', APIGW_SANDBOX_DIR: stateDir, AWS_ENDPOINT_URL: info.endpoint}
    expect(info.env).toEqual(exports)
    expect(stderr).toContain(`export APIGW_SANDBOX=1 APIGW_SANDBOX_DIR=${stateDir} AWS_ENDPOINT_URL=${info.endpoint}\n`)
    await sdkClients(info.endpoint).rest.send(new CreateRestApiCommand({name: 'pets'}))

    // As pasted: no --sandbox, no note, and the API is there.
    const listed = await runCli(['apis', 'list', '--json'], {...env, ...exports})
    expect(listed.code, listed.stderr).toBe(0)
    expect(json(listed.stdout).apis.map((api: {name: string}) => api.name)).toEqual(['pets'])
    expect(listed.stderr).toBe('')
    // The background sandbox's command line (which any user can read) holds its options, not the environment.
    if (existsSync('/proc/self/cmdline')) {
      const args = readFileSync(`/proc/${info.pid}/cmdline`, 'utf8').split('\0').filter(Boolean)
      expect(Object.keys(JSON.parse(args.at(-1)!)).sort()).toEqual(['faults', 'idleTimeoutMs', 'port', 'stateDir', 'transitionDelayMs'])
    }
  })

  it('omits APIGW_SANDBOX_DIR for the default state directory', async () => {
    const {home, env} = user()
    const {info} = await startDetached(env, join(home, '.apigw', 'sandbox'))
    expect(info.env).toEqual({APIGW_SANDBOX: '1', AWS_ENDPOINT_URL: info.endpoint})
  })
})

describe('--sandbox never starts a second sandbox', () => {
  it('uses the sandbox this user started last with --state-dir, and says which', async () => {
    const {home, env} = user()
    const stateDir = join(home, 'D')
    const {info} = await startDetached(env, stateDir)
    await sdkClients(info.endpoint).rest.send(new CreateRestApiCommand({name: 'in-D'}))

    const listed = await runCli(['apis', 'list', '--sandbox', '--json'], env)
    expect(listed.code, listed.stderr).toBe(0)
    expect(json(listed.stdout).apis.map((api: {name: string}) => api.name)).toEqual(['in-D'])
    expect(listed.stderr).toBe(`Using the sandbox at ${info.endpoint} (state in ${stateDir}).\n`)
    expect(existsSync(join(home, '.apigw', 'sandbox', 'sandbox.json'))).toBe(false)

    // sandbox status looks at the default state directory, and points at the one that runs.
    const status = await runCli(['sandbox', 'status'], env)
    expect(status.code).toBe(1)
    expect(status.stderr).toBe(`The sandbox you started last runs on ${info.endpoint} with state in ${stateDir}: apigw sandbox status --state-dir ${stateDir}\n`)
  })

  it('shares one start among commands racing to start one', async () => {
    const {home, env} = user()
    const runs = await Promise.all([1, 2, 3].map(() => spawnCli(['apis', 'list', '--sandbox', '--json'], env)))
    for (const run of runs) expect(run.code, run.stderr).toBe(0)
    expect(runs.filter((run) => run.stderr.includes('Started a local sandbox')).length).toBe(1)
    // Every run saw the same (empty) sandbox: the one whose runtime file is in the default state directory.
    const info = readRuntimeFile(join(home, '.apigw', 'sandbox'))!
    expect(runs.map((run) => json(run.stdout))).toEqual([{apis: []}, {apis: []}, {apis: []}])
    const status = await runCli(['sandbox', 'status', '--json'], env)
    expect(json(status.stdout)).toMatchObject({running: true, pid: info.pid})
    expect(existsSync(join(home, '.apigw', 'sandbox', 'sandbox.start.lock'))).toBe(false)
  })
})

describe('sandbox status|faults|traffic|reset|stop --endpoint-url', () => {
  it('reach the sandbox at that endpoint, with the token from its runtime file', async () => {
    const {home, env} = user()
    const stateDir = join(home, 'elsewhere')
    const {info} = await startDetached(env, stateDir)
    const {rest} = sdkClients(info.endpoint)
    await rest.send(new CreateRestApiCommand({name: 'pets'}))
    // localhost and a trailing slash name the same sandbox.
    const endpoint = `${info.endpoint.replace('127.0.0.1', 'localhost')}/`

    const status = await runCli(['sandbox', 'status', '--endpoint-url', endpoint, '--json'], env)
    expect(status.code, status.stderr).toBe(0)
    expect(json(status.stdout)).toMatchObject({running: true, stateDir, endpoint: info.endpoint, pid: info.pid})
    // Without it, the default state directory's (none) is meant, as before.
    expect((await runCli(['sandbox', 'status'], env)).code).toBe(1)

    const faults = await runCli(['sandbox', 'faults', 'latency=5ms', '--endpoint-url', endpoint, '--json'], env)
    expect(faults.code, faults.stderr).toBe(0)
    expect(await (await controlFetch(readRuntimeFile(stateDir)!, 'status')).json()).toMatchObject({faults: 'latency=5ms'})

    const reset = await runCli(['sandbox', 'reset', '--yes', '--endpoint-url', endpoint, '--json'], env)
    expect(reset.code, reset.stderr).toBe(0)
    expect((await rest.send(new GetRestApisCommand({}))).items).toEqual([])

    const stopped = await runCli(['sandbox', 'stop', '--endpoint-url', endpoint, '--json'], env)
    expect(stopped.code, stopped.stderr).toBe(0)
    expect(json(stopped.stdout)).toEqual({stopped: true, pid: info.pid, stateDir})
    await expect(fetch(`${info.endpoint}/_sandbox/status`)).rejects.toThrow()
    const after = await runCli(['sandbox', 'status', '--endpoint-url', endpoint, '--json'], env)
    expect(after.code).toBe(1)
    expect(json(after.stdout)).toMatchObject({running: false, endpoint})
  })

  it('say how to give the token when no runtime file of this user names the endpoint, and take APIGW_SANDBOX_TOKEN', async () => {
    const owner = user()
    const {info} = await startDetached(owner.env, join(owner.home, 'theirs'))
    const token = readRuntimeFile(join(owner.home, 'theirs'))!.token
    const other = user()

    const refused = await runCli(['sandbox', 'status', '--endpoint-url', info.endpoint], other.env)
    expect(refused.code).toBe(3)
    expect(refused.stderr).toContain(`A sandbox answers at ${info.endpoint}, but none of your sandbox runtime files (sandbox.json) names it`)
    expect(refused.stderr).toContain('export APIGW_SANDBOX_TOKEN=')

    const wrong = await runCli(['sandbox', 'faults', '--endpoint-url', info.endpoint], {...other.env, APIGW_SANDBOX_TOKEN: 'not-it'})
    expect(wrong.code).toBe(3)
    expect(wrong.stderr).toContain('refused APIGW_SANDBOX_TOKEN')

    const status = await runCli(['sandbox', 'status', '--endpoint-url', info.endpoint, '--json'], {...other.env, APIGW_SANDBOX_TOKEN: token})
    expect(status.code, status.stderr).toBe(0)
    expect(json(status.stdout)).toMatchObject({running: true, stateDir: null, pid: info.pid})

    const stopped = await runCli(['sandbox', 'stop', '--endpoint-url', info.endpoint, '--json'], {...other.env, APIGW_SANDBOX_TOKEN: token})
    expect(stopped.code, stopped.stderr).toBe(0)
    expect(json(stopped.stdout)).toEqual({stopped: true, pid: info.pid, stateDir: null})
    await expect(fetch(`${info.endpoint}/_sandbox/status`)).rejects.toThrow()
  })

  it('sandbox traffic publishes through the sandbox at --endpoint-url', async () => {
    const {home, env} = user()
    const {info} = await startDetached(env, join(home, 'traffic'))
    await seeder(info.endpoint).restApi('shop')
    const traffic = await runCli(['sandbox', 'traffic', '--api', 'shop', '--stage', 'prod', '--duration', '5m', '--endpoint-url', info.endpoint, '--json'], env)
    expect(traffic.code, traffic.stderr).toBe(0)
    expect(json(traffic.stdout).requests).toBeGreaterThan(0)
  })
})

describe('a busy port', () => {
  it('is exit 5 with --detach too, naming the port', async () => {
    const {home, env} = user()
    const {info} = await startDetached(env, join(home, 'first'))
    stateDirs.push(join(home, 'second'))
    const clash = await runCli(['sandbox', 'start', '--detach', '--port', String(info.port), '--state-dir', join(home, 'second')], env)
    expect(clash.code).toBe(5)
    expect(clash.stderr).toContain(`Port ${info.port} is already in use on 127.0.0.1.`)
    expect(clash.stderr).toContain('Try: --port 0')
  })
})
