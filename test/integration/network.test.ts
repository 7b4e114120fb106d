import {CreateRestApiCommand} from '@aws-sdk/client-api-gateway'
import {createHash} from 'node:crypto'
import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs'
import {createServer, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {awsEnv, runCli} from '../helpers/cli.js'
import {startForwardProxy, type ForwardProxy} from '../helpers/forward-proxy.js'
import {sdkClients, startTestSandbox, type Sandbox} from '../helpers/sandbox.js'
import {startTlsFront, type TlsFront} from '../helpers/tls-front.js'

// apigw on a company network: a forward proxy, a TLS-inspecting endpoint with its own CA, and
// endpoints that answer with something other than AWS.
let sandbox: Sandbox
let proxy: ForwardProxy
let front: TlsFront
let foreign: Server
let foreignUrl: string
/** A port nothing listens on (a closed server's). */
let closedPort: number

const names = (stdout: string) => (JSON.parse(stdout).apis as Array<{name: string}>).map((api) => api.name)

beforeAll(async () => {
  sandbox = await startTestSandbox()
  await sdkClients(sandbox.endpoint).rest.send(new CreateRestApiCommand({name: 'behind-proxy'}))
  proxy = await startForwardProxy()
  front = await startTlsFront(sandbox.endpoint)
  foreign = createServer((request, answer) => {
    request.resume()
    if (request.url?.startsWith('/silent')) return
    if (request.url?.startsWith('/bad-gateway')) answer.writeHead(502, {'content-type': 'text/plain'}).end('Bad Gateway')
    else answer.writeHead(200, {'content-type': 'text/html'}).end('<!DOCTYPE html>\n<html><head><title>Sign in to the corporate network</title></head></html>')
  })
  await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve))
  foreignUrl = `http://127.0.0.1:${(foreign.address() as AddressInfo).port}`
  const closed = createServer().listen(0, '127.0.0.1')
  await new Promise((resolve) => closed.once('listening', resolve))
  closedPort = (closed.address() as AddressInfo).port
  await new Promise((resolve) => closed.close(resolve))
})

afterAll(async () => {
  foreign?.closeAllConnections()
  await Promise.all([sandbox?.stop(), proxy?.close(), front?.close(), new Promise((resolve) => foreign?.close(resolve))])
})

describe('HTTP(S)_PROXY and NO_PROXY', () => {
  it('sends plain-HTTP calls through HTTP_PROXY, with its credentials, and lists what the endpoint holds', async () => {
    const before = proxy.requests.length
    const withUser = proxy.url.replace('http://', 'http://ops:s3cret@')
    const result = await runCli(['apis', 'list', '--json'], awsEnv(sandbox.endpoint, {HTTP_PROXY: withUser}))
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(names(result.stdout)).toContain('behind-proxy')
    expect(proxy.requests.slice(before)).toContain(new URL(sandbox.endpoint).host)
    expect(proxy.authorizations).toContain(`Basic ${Buffer.from('ops:s3cret').toString('base64')}`)
  })

  it('prefers http_proxy over HTTP_PROXY, as the AWS CLI does', async () => {
    const before = proxy.requests.length
    const env = awsEnv(sandbox.endpoint, {HTTP_PROXY: `http://127.0.0.1:${closedPort}`, http_proxy: proxy.url})
    const result = await runCli(['apis', 'list', '--json'], env)
    expect(result.code).toBe(0)
    expect(proxy.requests.length).toBeGreaterThan(before)
  })

  it('goes direct to hosts in NO_PROXY (by host, with its port, or *)', async () => {
    const before = proxy.requests.length
    const {host} = new URL(sandbox.endpoint)
    for (const noProxy of ['example.com, 127.0.0.1', host, '*']) {
      const result = await runCli(['apis', 'list', '--json'], awsEnv(sandbox.endpoint, {HTTP_PROXY: proxy.url, NO_PROXY: noProxy}))
      expect(result.code).toBe(0)
      expect(names(result.stdout)).toContain('behind-proxy')
    }
    expect(proxy.requests.length).toBe(before)
    const otherPort = await runCli(['apis', 'list', '--json'], awsEnv(sandbox.endpoint, {HTTP_PROXY: proxy.url, no_proxy: '127.0.0.1:1'}))
    expect(otherPort.code).toBe(0)
    expect(proxy.requests.length).toBeGreaterThan(before)
  })

  // The SDK's role assumer inherits the calling client's request handler, so apigw's agents carry it.
  it("sends the credential chain's own calls (STS AssumeRole for a role profile) through the proxy too", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'apigw-role-'))
    writeFileSync(join(dir, 'config'), '[profile base]\nregion = us-east-1\naws_access_key_id = AKIDBASE\naws_secret_access_key = secret\n[profile role]\nregion = us-east-1\nrole_arn = arn:aws:iam::123456789012:role/ops\nsource_profile = base\n')
    const sts = new URL(foreignUrl)
    const env = awsEnv(sandbox.endpoint, {
      AWS_CONFIG_FILE: join(dir, 'config'),
      AWS_ACCESS_KEY_ID: undefined,
      AWS_SECRET_ACCESS_KEY: undefined,
      AWS_ENDPOINT_URL_STS: foreignUrl,
      HTTP_PROXY: proxy.url,
    })
    const before = proxy.requests.length
    await runCli(['apis', 'list', '--profile', 'role'], env)
    expect(proxy.requests.slice(before)).toContain(sts.host)
  })

  it("and an SSO profile's GetRoleCredentials", async () => {
    const home = mkdtempSync(join(tmpdir(), 'apigw-sso-'))
    const startUrl = 'https://corp.awsapps.com/start'
    mkdirSync(join(home, '.aws', 'sso', 'cache'), {recursive: true})
    writeFileSync(join(home, '.aws', 'config'), `[profile sso]\nregion = us-east-1\nsso_start_url = ${startUrl}\nsso_region = us-east-1\nsso_account_id = 123456789012\nsso_role_name = ops\n`)
    const token = {accessToken: 'token', expiresAt: new Date(Date.now() + 3_600_000).toISOString(), region: 'us-east-1', startUrl}
    writeFileSync(join(home, '.aws', 'sso', 'cache', `${createHash('sha1').update(startUrl).digest('hex')}.json`), JSON.stringify(token))
    const env = awsEnv(sandbox.endpoint, {HOME: home, AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_ENDPOINT_URL_SSO: foreignUrl, HTTP_PROXY: proxy.url})
    const before = proxy.requests.length
    await runCli(['apis', 'list', '--profile', 'sso'], env)
    expect(proxy.requests.slice(before)).toContain(new URL(foreignUrl).host)
  })

  it('names a proxy that cannot be reached, without its password, and exits 6', async () => {
    const env = awsEnv(sandbox.endpoint, {HTTP_PROXY: `http://ops:s3cret@127.0.0.1:${closedPort}`})
    const result = await runCli(['apis', 'list'], env)
    expect(result.code).toBe(6)
    expect(result.stderr).toContain(`failed: could not reach the proxy http://127.0.0.1:${closedPort} (ECONNREFUSED).`)
    expect(result.stderr).toContain('Try: check HTTPS_PROXY / HTTP_PROXY')
    expect(result.stderr).not.toContain('s3cret')
  })

  it('tunnels HTTPS through the proxy with CONNECT', async () => {
    const before = proxy.tunnels.length
    const result = await runCli(['apis', 'list', '--json'], awsEnv(front.endpoint, {HTTPS_PROXY: proxy.url, AWS_CA_BUNDLE: front.caFile}))
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(names(result.stdout)).toContain('behind-proxy')
    const tunnels = proxy.tunnels.slice(before)
    expect(tunnels.length).toBeGreaterThan(0)
    expect(new Set(tunnels)).toEqual(new Set([new URL(front.endpoint).host]))
  })

  it('says which proxy refused the tunnel, and how to give it credentials on a 407', async () => {
    const refusing = await startForwardProxy({refuseConnect: 407})
    try {
      const result = await runCli(['apis', 'list', '--json'], awsEnv(front.endpoint, {https_proxy: refusing.url, AWS_CA_BUNDLE: front.caFile}))
      expect(result.code).toBe(6)
      const {error} = JSON.parse(result.stdout)
      expect(error.code).toBe('PROXY_FAILED')
      expect(error.message).toContain(`the proxy ${refusing.url} refused to open a tunnel to ${new URL(front.endpoint).host}: HTTP 407`)
      expect(error.suggestions[0]).toContain('HTTPS_PROXY=http://user:password@host:port')
    } finally {
      await refusing.close()
    }
  })
})

describe('TLS: CA bundles and --no-verify-ssl', () => {
  it('refuses a certificate from an unknown CA, says which, and how to trust its CA (exit 6)', async () => {
    const result = await runCli(['apis', 'list', '--type', 'rest'], awsEnv(front.endpoint))
    expect(result.code).toBe(6)
    expect(result.stderr).toContain(`GetRestApis failed: apigw refused the TLS certificate of ${new URL(front.endpoint).host}`)
    expect(result.stderr).toContain('The certificate it showed is for "localhost", issued by "apigw test CA"')
    expect(result.stderr).toContain('Try: --ca-bundle <file> (or export AWS_CA_BUNDLE=<file>, or ca_bundle in the profile)')
    expect(result.stderr).not.toMatch(/\n\s+at /)
  })

  it('accepts it with AWS_CA_BUNDLE, with the profile\'s ca_bundle and with --ca-bundle', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'apigw-ca-'))
    writeFileSync(join(dir, 'config'), `[profile corp]\nregion = us-east-1\naws_access_key_id = AKIDCORP\naws_secret_access_key = secret\nca_bundle = ${front.caFile}\n`)
    const profileEnv = awsEnv(front.endpoint, {AWS_CONFIG_FILE: join(dir, 'config'), AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined})
    const runs = [
      runCli(['apis', 'list', '--json'], awsEnv(front.endpoint, {AWS_CA_BUNDLE: front.caFile})),
      runCli(['apis', 'list', '--json', '--profile', 'corp'], profileEnv),
      runCli(['apis', 'list', '--json', '--ca-bundle', front.caFile], awsEnv(front.endpoint)),
    ]
    for (const result of await Promise.all(runs)) {
      expect(result.stderr).toBe('')
      expect(result.code).toBe(0)
      expect(names(result.stdout)).toContain('behind-proxy')
    }
  })

  it('--ca-bundle wins over AWS_CA_BUNDLE; a missing file is exit 2 before any call', async () => {
    const wins = await runCli(['apis', 'list', '--json', '--ca-bundle', front.caFile], awsEnv(front.endpoint, {AWS_CA_BUNDLE: '/nonexistent/ca.pem'}))
    expect(wins.code).toBe(0)
    const missing = await runCli(['apis', 'list', '--ca-bundle', '/nonexistent/ca.pem'], awsEnv(front.endpoint))
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('The CA bundle /nonexistent/ca.pem (from --ca-bundle) cannot be read')
  })

  it('https:// to a plain-HTTP port: a failed handshake, with the scheme to check (exit 6)', async () => {
    const endpoint = foreignUrl.replace('http:', 'https:')
    const result = await runCli(['apis', 'list', '--json'], awsEnv(endpoint))
    expect(result.code).toBe(6)
    const {error} = JSON.parse(result.stdout)
    expect(error.code).toBe('TLS_FAILED')
    expect(error.message).toContain(`apigw could not talk TLS with ${new URL(endpoint).host}`)
    expect(error.suggestions[0]).toContain('check the scheme and port of --endpoint-url')
  })

  it('--no-verify-ssl connects anyway and warns on stderr', async () => {
    const result = await runCli(['apis', 'list', '--json', '--no-verify-ssl'], awsEnv(front.endpoint))
    expect(result.code).toBe(0)
    expect(names(result.stdout)).toContain('behind-proxy')
    expect(result.stderr).toContain('Warning: --no-verify-ssl: TLS certificates are not checked')
  })
})

describe('answers that are not from AWS', () => {
  it('an HTML page: says what answered and how it starts, exit 6, no SDK internals', async () => {
    const result = await runCli(['apis', 'list', '--type', 'rest'], awsEnv(foreignUrl))
    expect(result.code).toBe(6)
    expect(result.stderr).toContain(
      `GetRestApis failed: the endpoint at ${foreignUrl} answered HTTP 200 with a body that is not an AWS answer (it starts: "<!DOCTYPE html> <html><head><title>Sign in to the corporate network</title></hea…"); check --endpoint-url or your proxy.`,
    )
    expect(result.stderr).toContain(`Or: see what answers there: curl -i ${foreignUrl}`)
    expect(result.stderr).not.toContain('$response')
    expect(result.stderr).not.toContain('Unexpected token')
  })

  it("a proxy's 502 text, after the retries a 502 gets", async () => {
    const result = await runCli(['apis', 'list', '--json', '--retry-budget', '1s'], awsEnv(`${foreignUrl}/bad-gateway`))
    expect(result.code).toBe(6)
    const {error} = JSON.parse(result.stdout)
    expect(error.code).toBe('NOT_AN_AWS_ANSWER')
    expect(error.message).toMatch(/answered HTTP 502 with a body that is not an AWS answer \(it starts: "Bad Gateway"\); check --endpoint-url or your proxy\.$/)
  })
})

describe('--cli-read-timeout', () => {
  it('gives up on an endpoint that stays silent, saying which limit ran out (exit 6)', async () => {
    const result = await runCli(['apis', 'list', '--json', '--cli-read-timeout', '1', '--retry-budget', '1s'], awsEnv(`${foreignUrl}/silent`))
    expect(result.code).toBe(6)
    const {error} = JSON.parse(result.stdout)
    expect(error.code).toBe('UNAVAILABLE')
    expect(error.message).toContain(`timed out: ${foreignUrl}/silent sent nothing for 1 s (--cli-read-timeout).`)
    expect(error.message).not.toContain('@smithy')
  })

  it('refuses a negative timeout as a usage error', async () => {
    const result = await runCli(['apis', 'list', '--cli-connect-timeout', '-1'], awsEnv(foreignUrl))
    expect(result.code).toBe(2)
  })
})

describe('--sandbox', () => {
  it('ignores the proxy and CA settings meant for AWS: the sandbox is plain HTTP on loopback', async () => {
    const home = mkdtempSync(join(tmpdir(), 'apigw-network-sandbox-'))
    const stateDir = join(home, 'state')
    mkdirSync(join(home, '.aws'))
    writeFileSync(join(home, '.aws', 'config'), '[default]\nca_bundle = /nonexistent/ca.pem\n')
    const env = {PATH: process.env.PATH!, HOME: home, CI: 'true', APIGW_SANDBOX_DIR: stateDir, HTTP_PROXY: `http://127.0.0.1:${closedPort}`, AWS_CA_BUNDLE: '/nonexistent/ca.pem'}
    try {
      const result = await runCli(['apis', 'list', '--sandbox', '--json'], env)
      expect(result.code).toBe(0)
      expect(JSON.parse(result.stdout)).toEqual({apis: []})
    } finally {
      await runCli(['sandbox', 'stop', '--state-dir', stateDir], {PATH: process.env.PATH!})
    }
  })
})
