import {CreateRestApiCommand} from '@aws-sdk/client-api-gateway'
import {createHash} from 'node:crypto'
import {mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {parseFaults} from '../../packages/cli/src/lib/sandbox/faults.js'
import {runCli, runProgram} from '../helpers/cli.js'
import {sdkClients, startTestSandbox, type Sandbox} from '../helpers/sandbox.js'
import {runOnTerminal} from '../helpers/tmux.js'

// Every kind of AWS profile, run as an operator would: the profile's own endpoint (the sandbox,
// which also answers STS), output and retry settings, and a role that needs an MFA code.
const BIN = fileURLToPath(new URL('../../packages/cli/bin/run.js', import.meta.url))
const ROLE = 'arn:aws:iam::123456789012:role/operator'
const MFA = 'arn:aws:iam::123456789012:mfa/alice'

let sandbox: Sandbox

beforeAll(async () => {
  sandbox = await startTestSandbox()
  // The profiles below name both regions, and each region has its own APIs.
  for (const region of ['us-east-1', 'eu-west-1']) await sdkClients(sandbox.endpoint, region).rest.send(new CreateRestApiCommand({name: 'shop'}))
})

afterAll(async () => {
  await sandbox?.stop()
})

/** A fresh home with ~/.aws/config and credentials naming the sandbox; nothing else in the environment points at it. */
function home(config: string): {HOME: string; env: Record<string, string>} {
  const dir = mkdtempSync(join(tmpdir(), 'apigw-profiles-'))
  mkdirSync(join(dir, '.aws'))
  writeFileSync(join(dir, '.aws', 'config'), config.replaceAll('SANDBOX', sandbox.endpoint))
  writeFileSync(join(dir, '.aws', 'credentials'), '[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = secret\n')
  return {HOME: dir, env: {PATH: process.env.PATH ?? '', HOME: dir, AWS_EC2_METADATA_DISABLED: 'true'}}
}

const names = (stdout: string) => (JSON.parse(stdout) as {apis: Array<{name: string}>}).apis.map((api) => api.name)

const STATIC = '[profile base]\nregion = eu-west-1\nendpoint_url = SANDBOX\n'
const MFA_ROLE = `${STATIC}\n[profile ops]\nrole_arn = ${ROLE}\nsource_profile = base\nmfa_serial = ${MFA}\nregion = eu-west-1\nendpoint_url = SANDBOX\n`

describe('--profile honours everything AWS_PROFILE does', () => {
  it("sends calls to the profile's endpoint_url, with --profile as with AWS_PROFILE", async () => {
    const {env} = home(STATIC)
    const byFlag = await runCli(['apis', 'list', '--profile', 'base', '--json'], {...env, CI: 'true'})
    expect(byFlag.stderr).toBe('')
    expect(byFlag.code).toBe(0)
    expect(names(byFlag.stdout)).toContain('shop')
    const byEnv = await runCli(['apis', 'list', '--json'], {...env, CI: 'true', AWS_PROFILE: 'base'})
    expect(byEnv.stdout).toBe(byFlag.stdout)
  })

  it("sends calls to the endpoint of the profile's services section", async () => {
    const {env} = home(
      `[profile svc]\nregion = us-east-1\naws_access_key_id = AKIDSVC\naws_secret_access_key = s\nservices = local\n[services local]\napi_gateway =\n  endpoint_url = SANDBOX\napigatewayv2 =\n  endpoint_url = SANDBOX\n[profile base]\n`,
    )
    const result = await runCli(['apis', 'list', '--profile', 'svc', '--json'], {...env, CI: 'true'})
    expect(result.stderr).toBe('')
    expect(names(result.stdout)).toContain('shop')
  })

  it("prints in the profile's output format, AWS_DEFAULT_OUTPUT over it, and -o over both", async () => {
    const {env} = home(STATIC.replace('[profile base]\n', '[profile base]\noutput = json\n'))
    const asProfile = await runCli(['apis', 'list', '--profile', 'base'], {...env, CI: 'true'})
    expect(names(asProfile.stdout)).toContain('shop')
    const asEnv = await runCli(['apis', 'list', '--profile', 'base'], {...env, CI: 'true', AWS_DEFAULT_OUTPUT: 'yaml'})
    expect(asEnv.stdout).toMatch(/^apis:\n {2}- /)
    const asFlag = await runCli(['apis', 'list', '--profile', 'base', '-o', 'text'], {...env, CI: 'true', AWS_DEFAULT_OUTPUT: 'yaml'})
    expect(asFlag.stdout).not.toMatch(/^apis:|^\{/)
    expect(asFlag.stdout).toContain('shop')
    // A format the AWS CLI does not have is refused before anything is done.
    const bad = await runCli(['apis', 'create', '--name', 'never', '--type', 'http', '--profile', 'base'], {...env, CI: 'true', AWS_DEFAULT_OUTPUT: 'xml'})
    expect(bad.code).toBe(3)
    expect(bad.stderr).toContain('"xml" (from AWS_DEFAULT_OUTPUT) is not an output format.')
    expect(names((await runCli(['apis', 'list', '--profile', 'base', '--json'], {...env, CI: 'true'})).stdout)).not.toContain('never')
    // A failure is reported in the configured output too: JSON on stdout, as with --json.
    const missing = await runCli(['apis', 'show', '--api', 'nope', '--profile', 'base'], {...env, CI: 'true'})
    expect(missing.code).toBe(4)
    expect(JSON.parse(missing.stdout).error).toMatchObject({code: 'API_NOT_FOUND', exitCode: 4})
  })

  it('stops after AWS_MAX_ATTEMPTS attempts however much retry budget is left', async () => {
    const {env} = home(STATIC)
    sandbox.faults = parseFaults('error=100%')
    try {
      const result = await runCli(['apis', 'list', '--profile', 'base', '--json'], {...env, CI: 'true', AWS_MAX_ATTEMPTS: '2'})
      expect(result.code).toBe(6)
      expect(JSON.parse(result.stdout).error.message).toContain('failed after 2 attempts')
      expect(result.stderr.match(/retrying in/g)).toHaveLength(2)
    } finally {
      sandbox.faults = parseFaults('')
    }
  })
})

describe('a role profile with mfa_serial', () => {
  const cacheFile = (dir: string) => {
    // The AWS CLI's name for it: sha1 of json.dumps({"RoleArn": …, "SerialNumber": …}, sort_keys=True).
    const key = createHash('sha1').update(`{"RoleArn": "${ROLE}", "SerialNumber": "${MFA}"}`).digest('hex')
    return join(dir, '.aws', 'cli', 'cache', `${key}.json`)
  }

  it('without a terminal, exits 3 and says how to get credentials instead', async () => {
    const {env} = home(MFA_ROLE)
    const result = await runCli(['apis', 'list', '--profile', 'ops'], {...env, CI: 'true'})
    expect(result.code).toBe(3)
    expect(result.stdout).toBe('')
    expect(result.stderr).toContain(`Profile "ops" assumes a role with MFA (mfa_serial ${MFA}), and there is no terminal to ask for the code on.`)
    expect(result.stderr).toContain('in a terminal: it asks for the code once and caches')
    expect(result.stderr).toContain(`aws sts assume-role --role-arn ${ROLE} --role-session-name apigw --serial-number ${MFA} --token-code <code> --profile base, then export AWS_ACCESS_KEY_ID`)
    expect(result.stderr).not.toContain('no MFA code callback')
    expect(result.stderr).not.toContain('aws configure')
  })

  it('asks for the code on the terminal once, caches the role as the AWS CLI does, and is not asked again', async () => {
    const {HOME, env} = home(MFA_ROLE)
    const first = await runOnTerminal([process.execPath, BIN, 'apis', 'list', '--profile', 'ops', '--json'], env, [{when: /Enter MFA code for/, type: '123456'}])
    expect(first.screen).toContain(`Enter MFA code for ${MFA}`)
    expect(first.code).toBe(0)
    expect(names(first.stdout)).toContain('shop')

    const file = cacheFile(HOME)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    const cached = JSON.parse(readFileSync(file, 'utf8'))
    expect(cached.Credentials.AccessKeyId).toMatch(/^ASIA/)
    expect(cached.AssumedRoleUser.Arn).toMatch(/^arn:aws:sts::123456789012:assumed-role\/operator\/apigw-session-\d+$/)
    expect(Date.parse(cached.Credentials.Expiration)).toBeGreaterThan(Date.now() + 50 * 60_000)
    expect(readdirSync(join(HOME, '.aws', 'cli', 'cache'))).toHaveLength(1)

    // No terminal now: the cached credentials are used, nothing is asked.
    const second = await runCli(['apis', 'list', '--profile', 'ops', '--json'], {...env, CI: 'true'})
    expect(second.stderr).toBe('')
    expect(second.code).toBe(0)
    expect(second.stdout).toBe(first.stdout)

    // The AWS CLI finds the same cache entry: it asks nothing either, and STS sees the assumed role.
    const aws = await runProgram('aws', ['sts', 'get-caller-identity', '--profile', 'ops', '--output', 'json'], {env})
    expect(aws.stderr).toBe('')
    expect(JSON.parse(aws.stdout).Arn).toBe(cached.AssumedRoleUser.Arn)
  })

  it('takes Ctrl-C at the prompt as an interruption, exit 130, and caches nothing', async () => {
    const {HOME, env} = home(MFA_ROLE)
    const run = await runOnTerminal([process.execPath, BIN, 'apis', 'list', '--profile', 'ops'], env, [{when: /Enter MFA code for/, press: 'C-c'}])
    expect(run.code).toBe(130)
    expect(run.screen).toContain('Interrupted: no MFA code was given, so nothing was done.')
    expect(run.stdout).toBe('')
    expect(() => statSync(cacheFile(HOME))).toThrow()
  })

  it("uses what the AWS CLI cached after asking for the code itself, and asks nothing", async () => {
    const {HOME, env} = home(MFA_ROLE)
    const aws = await runOnTerminal(['aws', 'sts', 'get-caller-identity', '--profile', 'ops', '--output', 'json'], env, [{when: /Enter MFA code for/, type: '123456'}])
    expect(aws.code).toBe(0)
    const written = readFileSync(cacheFile(HOME), 'utf8')
    expect(JSON.parse(written).Credentials.AccessKeyId).toMatch(/^ASIA/)

    const result = await runCli(['apis', 'list', '--profile', 'ops', '--json'], {...env, CI: 'true'})
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(names(result.stdout)).toContain('shop')
    // apigw did not assume the role again: the AWS CLI's entry is as it left it.
    expect(readFileSync(cacheFile(HOME), 'utf8')).toBe(written)
  })

  it('reports STS refusing the role as a configuration error, exit 3, in STS\'s words', async () => {
    const {env} = home(MFA_ROLE.replace(`role_arn = ${ROLE}`, 'role_arn = operator').replace(`mfa_serial = ${MFA}\n`, ''))
    const result = await runCli(['apis', 'list', '--profile', 'ops'], {...env, CI: 'true'})
    expect(result.code).toBe(3)
    expect(result.stderr).toContain(`STS refused to let profile "ops" assume operator: ValidationError: 1 validation error detected: Value 'operator' at 'roleArn'`)
    expect(result.stderr).toContain('Try: check role_arn in profile ops, and that profile base may assume it')
  })

  it('without mfa_serial, assumes the role with no prompt and caches it all the same', async () => {
    const {HOME, env} = home(MFA_ROLE.replace(`mfa_serial = ${MFA}\n`, ''))
    const result = await runCli(['apis', 'list', '--profile', 'ops', '--json'], {...env, CI: 'true'})
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    const key = createHash('sha1').update(`{"RoleArn": "${ROLE}"}`).digest('hex')
    expect(statSync(join(HOME, '.aws', 'cli', 'cache', `${key}.json`)).mode & 0o777).toBe(0o600)
  })
})
