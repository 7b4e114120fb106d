import {once} from 'node:events'
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {createServer} from 'node:http'
import type {AddressInfo} from 'node:net'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {awsEnv, runCli, spawnCli} from '../helpers/cli.js'
import {startMoto, type MotoServer} from '../helpers/moto.js'

// How apigw finds its region, credentials and endpoint, seen from the outside.
let moto: MotoServer

beforeAll(async () => {
  moto = await startMoto()
})

afterAll(async () => {
  await moto?.stop()
})

describe('configuration', () => {
  it('fails with exit 3 and names the fixes when no region is configured', async () => {
    const result = await runCli(['apis', 'list'], awsEnv(moto.endpoint, {AWS_REGION: undefined}))
    expect(result.code).toBe(3)
    expect(result.stdout).toBe('')
    expect(result.stderr).toContain('No AWS region is configured')
    expect(result.stderr).toContain('Try: apigw <command> --region us-east-1')
    expect(result.stderr).toContain('export AWS_REGION=us-east-1')
    expect(result.stderr).not.toMatch(/\n\s+at /)
  })

  it('honours AWS_DEFAULT_REGION, which the JS SDK alone would ignore', async () => {
    const env = awsEnv(moto.endpoint, {AWS_REGION: undefined, AWS_DEFAULT_REGION: 'eu-west-3'})
    const result = await runCli(['apis', 'show', '--api', 'missing-api'], env)
    expect(result.code).toBe(4)
    expect(result.stderr).toContain('in region eu-west-3')
  })

  it('prefers --region over the environment', async () => {
    const result = await runCli(['apis', 'show', '--api', 'missing-api', '--region', 'ap-south-1'], awsEnv(moto.endpoint))
    expect(result.stderr).toContain('in region ap-south-1')
  })

  it("reads the profile's region and credentials from the AWS config files", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'apigw-aws-'))
    writeFileSync(join(dir, 'config'), '[default]\nregion = us-west-2\n\n[profile ops]\nregion = eu-central-1\n')
    writeFileSync(join(dir, 'credentials'), '[ops]\naws_access_key_id = AKIDOPS\naws_secret_access_key = secret\n')
    const env = awsEnv(moto.endpoint, {
      AWS_REGION: undefined,
      AWS_ACCESS_KEY_ID: undefined,
      AWS_SECRET_ACCESS_KEY: undefined,
      AWS_CONFIG_FILE: join(dir, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
    })
    const result = await runCli(['apis', 'show', '--api', 'missing-api', '--profile', 'ops'], env)
    expect(result.code).toBe(4)
    expect(result.stderr).toContain('in region eu-central-1')
    const viaEnv = await runCli(['apis', 'show', '--api', 'missing-api'], {...env, AWS_PROFILE: 'ops'})
    expect(viaEnv.stderr).toContain('in region eu-central-1')
  })

  it('fails with exit 3 when no credentials can be found', async () => {
    const env = awsEnv(moto.endpoint, {AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined})
    const result = await runCli(['apis', 'list', '--json'], env)
    expect(result.code).toBe(3)
    const {error} = JSON.parse(result.stdout)
    expect(error.code).toBe('MISSING_CREDENTIALS')
    expect(error.exitCode).toBe(3)
    expect(error.message).toContain('No AWS credentials could be loaded')
    expect(error.suggestions.join('\n')).toContain('AWS_PROFILE')
  })

  it('fails with exit 3, before any AWS call, for a profile that does not exist', async () => {
    const result = await runCli(['apis', 'list', '--profile', 'nope', '--debug'], awsEnv(moto.endpoint))
    expect(result.code).toBe(3)
    expect(result.stderr).toContain('Profile "nope" (from --profile) is not defined in the AWS config or credentials file.')
    expect(result.stderr).not.toContain('GetRestApis')
  })

  it('says in one line when a profile wins over access keys in the environment', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'apigw-aws-'))
    writeFileSync(join(dir, 'credentials'), '[ops]\naws_access_key_id = AKIDOPS\naws_secret_access_key = secret\n')
    const result = await runCli(['apis', 'list', '--profile', 'ops', '--json'], awsEnv(moto.endpoint, {AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials')}))
    expect(result.code).toBe(0)
    expect(result.stderr).toBe('Warning: both profile "ops" and AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY are set; using the profile.\n')
  })

  it('uses the service-specific endpoint variables over AWS_ENDPOINT_URL', async () => {
    const env = awsEnv('http://127.0.0.1:9', {
      AWS_ENDPOINT_URL_API_GATEWAY: moto.endpoint,
      AWS_ENDPOINT_URL_APIGATEWAYV2: moto.endpoint,
    })
    const result = await runCli(['apis', 'list', '--json'], env)
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout)).toEqual({apis: []})
  })

  it('gives up on an endpoint that never answers, with exit 6', async () => {
    const silent = await silentServer()
    try {
      const result = await runCli(['apis', 'list', '--type', 'rest', '--retry-budget', '0s'], awsEnv(silent.endpoint))
      expect(result.code).toBe(6)
      expect(result.stderr).toMatch(/GetRestApis failed: .*timed? ?out/i)
    } finally {
      silent.close()
    }
  })

  it('reports an unreachable endpoint with exit 6', async () => {
    const result = await runCli(['apis', 'list', '--retry-budget', '0s'], awsEnv('http://127.0.0.1:9'))
    expect(result.code).toBe(6)
    expect(result.stderr).toMatch(/could not connect to http:\/\/127\.0\.0\.1:9 \(ECONNREFUSED\)/)
  })

  it('prints AWS calls and their timings on stderr with --debug', async () => {
    const result = await runCli(['apis', 'list', '--json', '--debug'], awsEnv(moto.endpoint))
    expect(result.code).toBe(0)
    expect(result.stderr).toMatch(/\[debug\] apigateway GetRestApis ok in \d+ ms/)
    expect(result.stderr).toMatch(/\[debug\] apigatewayv2 GetApis ok in \d+ ms/)
    expect(JSON.parse(result.stdout)).toEqual({apis: []})
  })
})

/** An endpoint that accepts connections and never answers. */
async function silentServer() {
  const server = createServer(() => {})
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    onConnection: (listener: () => void) => server.once('connection', listener),
    close: () => {
      server.closeAllConnections()
      server.close()
    },
  }
}

describe('interruption', () => {
  it('exits 130 with a message on Ctrl-C while waiting on AWS', async () => {
    const silent = await silentServer()
    try {
      const result = await spawnCli(['apis', 'list'], awsEnv(silent.endpoint), (child) => {
        silent.onConnection(() => child.kill('SIGINT'))
      })
      expect(result.code).toBe(130)
      expect(result.stderr).toContain('Interrupted.')
      expect(result.stdout).toBe('')
    } finally {
      silent.close()
    }
  })
})

describe('usage', () => {
  it('treats an unknown command as a usage error (exit 2) pointing at the topic help', async () => {
    const result = await runCli(['apis', 'lsit'], awsEnv(moto.endpoint))
    expect(result.code).toBe(2)
    expect(result.stderr).toBe(
      'Error: "apis lsit" is not an apigw command.\nDid you mean: apigw apis list?\nTry: apigw help apis (lists the available commands)\n',
    )
    expect(result.stderr).not.toContain('\u001B[')
    const json = await runCli(['nope', '--json'], awsEnv(moto.endpoint))
    expect(json.code).toBe(2)
    expect(JSON.parse(json.stdout).error).toMatchObject({code: 'UNKNOWN_COMMAND', exitCode: 2})
    const version = await runCli(['version'], awsEnv(moto.endpoint))
    expect(version.stderr).toContain('Try: apigw --version')
  })

  it('names the words a command does not take, not the command, as the mistake (exit 2)', async () => {
    const extra = await runCli(['keys', 'create', 'partner-a'], awsEnv(moto.endpoint))
    expect(extra.code).toBe(2)
    expect(extra.stderr).toBe('Error: apigw keys create takes no argument "partner-a": its input is given with flags.\nTry: apigw keys create --help\n')
    const json = await runCli(['plans', 'create', 'gold', 'silver', '--json'], awsEnv(moto.endpoint))
    expect(JSON.parse(json.stdout).error).toMatchObject({code: 'UNEXPECTED_ARGUMENT', message: 'apigw plans create takes no argument "gold silver": its input is given with flags.', exitCode: 2})
  })

  it('rejects an invalid --query before any AWS call', async () => {
    const result = await runCli(['apis', 'list', '--query', 'apis[?', '--debug'], awsEnv(moto.endpoint))
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('--query "apis[?" is not a valid JMESPath expression')
    expect(result.stderr).not.toContain('GetRestApis')
  })

  it('rejects a malformed --region as a usage error (exit 2)', async () => {
    const result = await runCli(['apis', 'list', '--region', 'us-east'], awsEnv(moto.endpoint))
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('"us-east" (from --region) is not an AWS region name.')
  })

  it('rejects an unknown flag (exit 2) with a hint', async () => {
    const result = await runCli(['apis', 'list', '--colour'], awsEnv(moto.endpoint))
    expect(result.code).toBe(2)
    expect(result.stderr).toBe('Error: Unknown flag: --colour.\nDid you mean --color or --no-color?\nTry: apigw apis list --help\n')
  })

  it('rejects a malformed --retry-budget before any AWS call', async () => {
    const result = await runCli(['apis', 'list', '--retry-budget', 'soon', '--debug'], awsEnv(moto.endpoint))
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('--retry-budget must be a duration')
    expect(result.stderr).not.toContain('GetRestApis')
  })

  it('prints its version', async () => {
    const result = await runCli(['--version'], awsEnv(moto.endpoint))
    expect(result.code).toBe(0)
    expect(result.stdout).toBe(`apigw/${JSON.parse(readFileSync(new URL('../../packages/cli/package.json', import.meta.url), 'utf8')).version} ${process.platform}-${process.arch} node-${process.version}\n`)
  })

  it('documents the global flags in every command help', async () => {
    const result = await runCli(['apis', 'list', '--help'], awsEnv(moto.endpoint))
    expect(result.code).toBe(0)
    for (const flag of ['--profile', '--region', '--endpoint-url', '--output', '--json', '--query', '--[no-]color', '--yes', '--debug', '--retry-budget']) {
      expect(result.stdout).toContain(flag)
    }
  })
})
