import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {toApigwError} from '../../packages/cli/src/lib/aws/errors.js'
import {BODY_START, bypassesProxy, NetworkFailure, proxyFor, resolveNetwork} from '../../packages/cli/src/lib/aws/network.js'
import {ApigwError} from '../../packages/cli/src/lib/errors.js'

const dir = mkdtempSync(join(tmpdir(), 'apigw-network-'))
const pem = (name: string) => {
  const path = join(dir, name)
  writeFileSync(path, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n')
  return path
}
const noHome = {HOME: dir}
const proxies = (env: Record<string, string>) => {
  const network = resolveNetwork({}, {...noHome, ...env}, undefined, 60_000)
  return {http: network.proxies['http:']?.href, https: network.proxies['https:']?.href}
}

describe('proxy variables, as the AWS CLI (Python urllib) reads them', () => {
  it('reads either case; the lower-case one wins', () => {
    expect(proxies({HTTPS_PROXY: 'http://upper:3128'})).toEqual({http: undefined, https: 'http://upper:3128/'})
    expect(proxies({HTTPS_PROXY: 'http://upper:3128', https_proxy: 'http://lower:3128'}).https).toBe('http://lower:3128/')
    expect(proxies({Http_Proxy: 'http://mixed:3128'}).http).toBe('http://mixed:3128/')
  })

  it('an empty lower-case variable switches the upper-case one off', () => {
    expect(proxies({HTTPS_PROXY: 'http://upper:3128', https_proxy: ''}).https).toBeUndefined()
  })

  it('ignores HTTP_PROXY (not http_proxy) under CGI, where a Proxy header could set it', () => {
    expect(proxies({HTTP_PROXY: 'http://evil:80', REQUEST_METHOD: 'GET'}).http).toBeUndefined()
    expect(proxies({http_proxy: 'http://ok:80', REQUEST_METHOD: 'GET'}).http).toBe('http://ok/')
  })

  it('takes host:port without a scheme as http://', () => {
    expect(proxies({HTTPS_PROXY: 'proxy.corp:3128'}).https).toBe('http://proxy.corp:3128/')
  })

  it('refuses a proxy URL that is not http://, without echoing its password (exit 3)', () => {
    const attempt = () => resolveNetwork({}, {...noHome, HTTPS_PROXY: 'socks5://user:pw@proxy:1080'}, undefined, 60_000)
    expect(attempt).toThrow(ApigwError)
    expect(attempt).toThrow(/"socks5:\/\/proxy:1080" \(from HTTP\(S\)_PROXY\) is not an http:\/\/ proxy URL/)
    try {
      attempt()
    } catch (error) {
      expect(error).toMatchObject({code: 'INVALID_PROXY', exitCode: 3})
    }
  })
})

describe('NO_PROXY', () => {
  it.each([
    ['api.example.com', 'api.example.com', 443, true],
    ['example.com', 'api.example.com', 443, true],
    ['.example.com', 'api.example.com', 443, true],
    ['.example.com', 'example.com', 443, true],
    ['example.com', 'badexample.com', 443, false],
    ['*', 'anything.at.all', 443, true],
    [' localhost , 127.0.0.1 ', '127.0.0.1', 4566, true],
    ['127.0.0.1:4566', '127.0.0.1', 4566, true],
    ['127.0.0.1:4566', '127.0.0.1', 4567, false],
    ['EXAMPLE.com', 'Api.Example.COM', 443, true],
    ['', 'example.com', 443, false],
  ])('NO_PROXY=%j for %s:%i bypasses the proxy: %s', (noProxy, host, port, bypassed) => {
    expect(bypassesProxy(noProxy, host, port)).toBe(bypassed)
  })

  it('applies to the scheme of the endpoint: HTTPS_PROXY for https, HTTP_PROXY for http', () => {
    const network = resolveNetwork({}, {...noHome, HTTPS_PROXY: 'http://p:1', NO_PROXY: 'internal.corp'}, undefined, 60_000)
    expect(proxyFor(network, 'https:', 'apigateway.us-east-1.amazonaws.com', 443)?.host).toBe('p:1')
    expect(proxyFor(network, 'http:', 'apigateway.us-east-1.amazonaws.com', 80)).toBeUndefined()
    expect(proxyFor(network, 'https:', 'api.internal.corp', 443)).toBeUndefined()
  })
})

describe('CA bundle and timeouts', () => {
  it('--ca-bundle wins over AWS_CA_BUNDLE, which wins over the profile\'s ca_bundle', () => {
    const config = join(dir, 'config')
    writeFileSync(config, `[default]\nca_bundle = ${pem('profile.pem')}\n[profile corp]\nca_bundle = ${pem('corp.pem')}\n`)
    const env = {...noHome, AWS_CONFIG_FILE: config}
    expect(resolveNetwork({}, env, undefined, 60_000).ca).toMatchObject({path: join(dir, 'profile.pem'), source: 'profile default'})
    expect(resolveNetwork({}, env, 'corp', 60_000).ca).toMatchObject({path: join(dir, 'corp.pem'), source: 'profile corp'})
    expect(resolveNetwork({}, {...env, AWS_CA_BUNDLE: pem('env.pem')}, undefined, 60_000).ca?.source).toBe('AWS_CA_BUNDLE')
    expect(resolveNetwork({caBundle: pem('flag.pem')}, {...env, AWS_CA_BUNDLE: pem('env.pem')}, undefined, 60_000).ca?.source).toBe('--ca-bundle')
  })

  it('a bundle with no certificate is refused: exit 2 from the flag, 3 from the environment', () => {
    const notPem = join(dir, 'not.pem')
    writeFileSync(notPem, 'hello')
    expect(() => resolveNetwork({caBundle: notPem}, noHome, undefined, 60_000)).toThrow(expect.objectContaining({code: 'INVALID_CA_BUNDLE', exitCode: 2}))
    expect(() => resolveNetwork({}, {...noHome, AWS_CA_BUNDLE: notPem}, undefined, 60_000)).toThrow(expect.objectContaining({code: 'INVALID_CA_BUNDLE', exitCode: 3}))
  })

  it('timeouts default to the AWS CLI\'s 60 s, within the retry budget (at least 5 s); 0 stays 0 (no limit)', () => {
    expect(resolveNetwork({}, noHome, undefined, 60_000)).toMatchObject({connectTimeoutMs: 60_000, readTimeoutMs: 60_000, verify: true})
    expect(resolveNetwork({}, noHome, undefined, 300_000)).toMatchObject({connectTimeoutMs: 60_000, readTimeoutMs: 60_000})
    expect(resolveNetwork({}, noHome, undefined, 20_000)).toMatchObject({connectTimeoutMs: 20_000, readTimeoutMs: 20_000})
    expect(resolveNetwork({}, noHome, undefined, 0)).toMatchObject({connectTimeoutMs: 5_000, readTimeoutMs: 5_000})
    expect(resolveNetwork({readTimeoutSeconds: 90}, noHome, undefined, 1_000)).toMatchObject({readTimeoutMs: 90_000})
    expect(resolveNetwork({connectTimeoutSeconds: 0, readTimeoutSeconds: 5, noVerifySsl: true}, noHome, undefined, 60_000)).toMatchObject({connectTimeoutMs: 0, readTimeoutMs: 5_000, verify: false})
  })
})

describe('mapping network failures and foreign answers', () => {
  const context = {operation: 'GetRestApis', endpoint: 'https://apigw.corp.example', profile: undefined}

  it('a TLS or proxy failure is exit 6 with its own code and suggestions', () => {
    const tls = toApigwError(new NetworkFailure('tls', 'apigw refused the TLS certificate of x:443.', ['Try: --ca-bundle <file>']), context)
    expect(tls).toMatchObject({code: 'TLS_FAILED', exitCode: 6, message: 'GetRestApis failed: apigw refused the TLS certificate of x:443.', suggestions: ['Try: --ca-bundle <file>']})
    expect(toApigwError(new NetworkFailure('proxy', 'could not reach the proxy http://p:1 (ECONNREFUSED).', []), context)).toMatchObject({code: 'PROXY_FAILED', exitCode: 6})
  })

  it('an error status with an empty body that names no AWS error', () => {
    const error = Object.assign(new Error('UnknownError'), {name: 'Unknown', $fault: 'client', $metadata: {httpStatusCode: 404}})
    Object.defineProperty(error, '$response', {value: {statusCode: 404, [BODY_START]: ''}})
    expect(toApigwError(error, context)).toMatchObject({
      code: 'NOT_AN_AWS_ANSWER',
      exitCode: 6,
      message: 'GetRestApis failed: the endpoint at https://apigw.corp.example answered HTTP 404 with a body that is not an AWS answer (it starts: nothing: the body is empty); check --endpoint-url or your proxy.',
    })
  })

  it("a proxy's 407 page suggests the proxy's credentials", () => {
    const error = Object.assign(new SyntaxError('Unexpected token'), {$metadata: {httpStatusCode: 407}})
    Object.defineProperty(error, '$response', {value: {statusCode: 407, [BODY_START]: '<html>Proxy Authentication Required</html>'}})
    const mapped = toApigwError(error, context) as ApigwError
    expect(mapped.message).toContain('(it starts: "<html>Proxy Authentication Required</html>")')
    expect(mapped.suggestions[0]).toContain('HTTP_PROXY=http://user:password@host:port')
  })
})
