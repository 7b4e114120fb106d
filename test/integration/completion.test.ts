import {CreateApiKeyCommand, CreateUsagePlanCommand} from '@aws-sdk/client-api-gateway'
import {mkdirSync, mkdtempSync, readdirSync, statSync, utimesSync, writeFileSync} from 'node:fs'
import {createServer, type Server, type Socket} from 'node:net'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {awsEnv, runCli, spawnCli} from '../helpers/cli.js'
import {sdkClients, startTestSandbox, type Sandbox} from '../helpers/sandbox.js'
import {seeder} from '../helpers/seed.js'
import {runOnTerminal} from '../helpers/tmux.js'

// `apigw __complete`, the names shell completion offers, run as the completion scripts run it,
// against a sandbox; whether it called AWS is read from the sandbox (the time of its last request).
const BIN = fileURLToPath(new URL('../../packages/cli/bin/run.js', import.meta.url))
let sandbox: Sandbox
let silent: Server
const held = new Set<Socket>()

beforeAll(async () => {
  sandbox = await startTestSandbox()
  const seed = seeder(sandbox.endpoint)
  const shop = await seed.restApi('shop')
  await seed.httpApi('orders')
  const {rest} = sdkClients(sandbox.endpoint)
  await rest.send(new CreateApiKeyCommand({name: 'partner-acme', enabled: true}))
  await rest.send(new CreateApiKeyCommand({name: 'partner-zeta', enabled: true}))
  await rest.send(new CreateUsagePlanCommand({name: 'gold', apiStages: [{apiId: shop.id, stage: 'prod'}]}))
  // An endpoint that takes connections and never answers.
  silent = createServer((socket) => held.add(socket)).listen(0, '127.0.0.1')
})

afterAll(async () => {
  await sandbox?.stop()
  for (const socket of held) socket.destroy()
  silent?.close()
})

/** A user with their own cache folder, pointed at the sandbox. */
function user(extra: Record<string, string | undefined> = {}) {
  const cache = mkdtempSync(join(tmpdir(), 'apigw-completion-'))
  return {cache: join(cache, 'apigw', 'completion'), env: awsEnv(sandbox.endpoint, {XDG_CACHE_HOME: cache, ...extra})}
}

const complete = (args: string[], env: Record<string, string>) => runCli(['__complete', ...args], env)
// The time box ends the process itself (process.exit from a timer): a real process is needed to see it end.
const completeInOwnProcess = (args: string[], env: Record<string, string>) => spawnCli(['__complete', ...args], env)
const lines = (stdout: string) => stdout.split('\n').filter(Boolean)

describe('apigw __complete', () => {
  it('lists API names (REST and HTTP), stage names of an API, API key names and usage plan names, one a line', async () => {
    const {env} = user()
    for (const [args, expected] of [
      [['apis'], ['orders', 'shop']],
      [['stages', '--api', 'shop'], ['prod']],
      [['stages', '--api', 'orders'], ['$default']],
      [['keys'], ['partner-acme', 'partner-zeta']],
      [['plans'], ['gold']],
    ] as const) {
      const result = await complete([...args], env)
      expect({args, stderr: result.stderr, code: result.code}).toEqual({args, stderr: '', code: 0})
      expect(lines(result.stdout)).toEqual(expected)
    }
  })

  it('answers for the last word of a command line: what goes there, or nothing', async () => {
    const {env} = user()
    expect(lines((await complete(['words', 'stages', 'show', '--api', 'shop', '--stage', 'p'], env)).stdout)).toEqual(['prod'])
    expect(lines((await complete(['words', 'plans', 'attach', 'gold', ''], env)).stdout)).toEqual(['partner-acme', 'partner-zeta'])
    expect(lines((await complete(['words', 'metrics', 'check', '--api', ''], env)).stdout)).toEqual(['orders', 'shop'])
    const none = await complete(['words', 'stages', 'create', '--api', 'shop', '--stage', ''], env)
    expect(none).toEqual({code: 0, stdout: '', stderr: ''})
  })

  it('answers again from its cache (a 0600 file) without calling AWS, and calls again once the answer is a minute old', async () => {
    const {env, cache} = user()
    expect(lines((await complete(['keys'], env)).stdout)).toEqual(['partner-acme', 'partner-zeta'])
    const [file] = readdirSync(cache)
    expect(statSync(join(cache, file!)).mode & 0o777).toBe(0o600)
    await sdkClients(sandbox.endpoint).rest.send(new CreateApiKeyCommand({name: 'partner-new', enabled: true}))
    sandbox.lastRequestAt = 0
    expect(lines((await complete(['keys'], env)).stdout)).toEqual(['partner-acme', 'partner-zeta'])
    expect(sandbox.lastRequestAt).toBe(0)
    // Another target (region) is another answer: eu-west-1 has keys of its own.
    await sdkClients(sandbox.endpoint, 'eu-west-1').rest.send(new CreateApiKeyCommand({name: 'partner-eu', enabled: true}))
    expect(lines((await complete(['keys', '--region', 'eu-west-1'], env)).stdout)).toEqual(['partner-eu'])
    sandbox.lastRequestAt = 0
    const aMinuteAgo = new Date(Date.now() - 61_000)
    utimesSync(join(cache, file!), aMinuteAgo, aMinuteAgo)
    expect(lines((await complete(['keys'], env)).stdout)).toContain('partner-new')
    expect(sandbox.lastRequestAt).toBeGreaterThan(0)
  })

  it.each([
    ['no credentials', {AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined}, []],
    ['a profile that does not exist', {}, ['--profile', 'nosuch']],
    ['an endpoint where nothing listens', {AWS_ENDPOINT_URL: 'http://127.0.0.1:9'}, []],
    ['a flag it does not know', {}, ['--nosuch']],
    ['an API that does not exist', {}, ['--api', 'nosuch']],
  ])('with %s: no names, nothing on stderr, exit 0', async (_what, extra, args) => {
    const {env} = user(extra)
    const kind = args[0] === '--api' ? 'stages' : 'apis'
    expect(await complete([kind, ...args], env)).toEqual({code: 0, stdout: '', stderr: ''})
  })

  it('gives up after its time box when AWS does not answer: no names, exit 0', async () => {
    const {port} = silent.address() as {port: number}
    const {env} = user({AWS_ENDPOINT_URL: `http://127.0.0.1:${port}`})
    expect(await completeInOwnProcess(['apis'], env)).toEqual({code: 0, stdout: '', stderr: ''})
  })

  it('on a terminal, never asks for an MFA code: no names, exit 0', async () => {
    const home = mkdtempSync(join(tmpdir(), 'apigw-completion-home-'))
    mkdirSync(join(home, '.aws'))
    writeFileSync(
      join(home, '.aws', 'config'),
      `[profile base]\nendpoint_url = ${sandbox.endpoint}\n\n[profile ops]\nrole_arn = arn:aws:iam::123456789012:role/operator\nsource_profile = base\nmfa_serial = arn:aws:iam::123456789012:mfa/alice\nregion = eu-west-1\nendpoint_url = ${sandbox.endpoint}\n`,
    )
    writeFileSync(join(home, '.aws', 'credentials'), '[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = secret\n')
    const run = await runOnTerminal([process.execPath, BIN, '__complete', 'apis', '--profile', 'ops'], {PATH: process.env.PATH ?? '', HOME: home, AWS_EC2_METADATA_DISABLED: 'true'})
    expect(run.screen).not.toMatch(/MFA/)
    expect(run).toMatchObject({code: 0, stdout: ''})
  })

  it('with --sandbox (or APIGW_SANDBOX=1) asks the running sandbox, and never starts one', async () => {
    const home = mkdtempSync(join(tmpdir(), 'apigw-completion-home-'))
    const stateDir = join(home, 'sandbox')
    const env = {PATH: process.env.PATH ?? '', HOME: home, CI: 'true', XDG_CACHE_HOME: join(home, 'cache'), APIGW_SANDBOX_DIR: stateDir}
    expect(await completeInOwnProcess(['apis', '--sandbox'], env)).toEqual({code: 0, stdout: '', stderr: ''})
    expect(await completeInOwnProcess(['apis'], {...env, APIGW_SANDBOX: '1'})).toEqual({code: 0, stdout: '', stderr: ''})
    expect((await runCli(['sandbox', 'status'], env)).code).toBe(1)
    try {
      expect((await runCli(['sandbox', 'start', '--detach'], env)).code).toBe(0)
      expect((await runCli(['apis', 'create', '--name', 'rehearsal', '--type', 'http', '--sandbox'], env)).code).toBe(0)
      expect(await complete(['apis', '--sandbox'], env)).toEqual({code: 0, stdout: 'rehearsal\n', stderr: ''})
    } finally {
      await runCli(['sandbox', 'stop'], env)
    }
  })

  it('prints the bash and zsh functions, and refuses another shell (exit 2)', async () => {
    const {env} = user()
    expect((await complete(['script', 'bash'], env)).stdout).toContain('complete -F _apigw_complete_names apigw')
    expect((await complete(['script', 'zsh'], env)).stdout).toContain('compdef _apigw_complete_names apigw')
    const fish = await complete(['script', 'fish'], env)
    expect(fish.code).toBe(2)
    expect(fish.stderr).toContain('apigw completes names in bash and zsh')
  })
})
