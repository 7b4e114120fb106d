import {connect} from 'node:net'
import {gzipSync} from 'node:zlib'
import {CreateApiKeyCommand, CreateRestApiCommand, CreateUsagePlanCommand, GetApiKeysCommand, GetRestApisCommand, GetUsagePlansCommand} from '@aws-sdk/client-api-gateway'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {describeFaults} from '../../packages/sandbox/src/faults.js'
import {isLoopbackHost, isLoopbackOrigin, TOKEN_HEADER} from '../../packages/sandbox/src/guard.js'
import {sdkClients, startTestSandbox, type Sandbox} from '../helpers/sandbox.js'

// Malformed and hostile requests, sent byte by byte as a broken client or a web page would send
// them. After each one the sandbox must still answer an SDK call, and hold exactly what it held.

let sandbox: Sandbox
let clients: ReturnType<typeof sdkClients>
let keyId: string
let apiId: string

beforeAll(async () => {
  // Short slow-client limits, so the slow-client cases end soon (what is checked is that they end).
  sandbox = await startTestSandbox({headersTimeoutMs: 300, requestTimeoutMs: 600, faults: {operationLatencyMs: {GetStage: 1}}})
  clients = sdkClients(sandbox.endpoint)
  keyId = (await clients.rest.send(new CreateApiKeyCommand({name: 'partner', value: 'partner-secret-value-0001', enabled: true}))).id!
  await clients.rest.send(new CreateUsagePlanCommand({name: 'gold'}))
  apiId = (await clients.rest.send(new CreateRestApiCommand({name: 'pets'}))).id!
})
afterAll(() => sandbox.stop())

/** Everything a hostile request could change or read, as an SDK client and the store see it. */
async function snapshot() {
  const {rest} = clients
  return {
    keys: (await rest.send(new GetApiKeysCommand({includeValues: true}))).items,
    plans: (await rest.send(new GetUsagePlansCommand({}))).items,
    apis: (await rest.send(new GetRestApisCommand({}))).items,
    records: sandbox.context.store.summary(),
    faults: describeFaults(sandbox.faults),
  }
}

/** Writes the pieces on a raw socket (then resets it, if asked); resolves with the answer's status, or "closed" without one. */
function raw(pieces: (string | Buffer)[], options: {reset?: boolean} = {}): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(sandbox.port, '127.0.0.1')
    let received = ''
    socket.on('data', (chunk) => (received += chunk.toString('latin1')))
    socket.on('error', () => {})
    socket.on('close', () => resolve(/^HTTP\/1\.[01] (\d{3})/.exec(received)?.[1] ?? 'closed'))
    socket.on('connect', () => {
      for (const piece of pieces) socket.write(piece)
      if (options.reset) socket.resetAndDestroy()
    })
  })
}

interface Call {
  method?: string
  target: string
  headers?: Record<string, string>
  body?: string | Buffer
}

/** One whole HTTP/1.1 request, to 127.0.0.1 unless its headers say otherwise; the connection closes after the answer. */
function request({method = 'GET', target, headers = {}, body}: Call): Buffer {
  const all: Record<string, string> = {host: `127.0.0.1:${sandbox.port}`, connection: 'close', ...headers}
  if (body !== undefined && all['transfer-encoding'] === undefined) all['content-length'] ??= String(Buffer.byteLength(body))
  const head = `${method} ${target} HTTP/1.1\r\n${Object.entries(all).map(([name, value]) => `${name}: ${value}\r\n`).join('')}\r\n`
  return Buffer.concat([Buffer.from(head, 'latin1'), Buffer.from(body ?? '')])
}

const send = (call: Call) => raw([request(call)])
const token = () => ({[TOKEN_HEADER]: sandbox.token})
const evil = {origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded'}
const cloudWatchJson = {'x-amz-target': 'GraniteServiceVersion20100801.PutMetricData', 'content-type': 'application/x-amz-json-1.0'}
const CBOR_PATH = '/service/GraniteServiceVersion20100801/operation/PutMetricData'
const cbor = {'content-type': 'application/cbor', 'smithy-protocol': 'rpc-v2-cbor'}

const cases: [name: string, attempt: () => Promise<string>, expected: RegExp][] = [
  // Malformed URLs and escapes.
  ['a bad escape in a path parameter', () => send({target: '/restapis/%zz'}), /^400$/],
  ['half a UTF-8 sequence in a path parameter', () => send({target: '/apikeys/%E2%82'}), /^400$/],
  ['a lone % in a nested path parameter', () => send({target: '/usageplans/%/keys'}), /^400$/],
  ['a bad escape in a DELETE', () => send({method: 'DELETE', target: '/apikeys/%ff'}), /^400$/],
  ['bad escapes in the query', () => send({target: '/restapis?limit=%zz&position=%%%'}), /^[24]\d\d$/],
  ['a NUL escape in the path', () => send({target: '/apikeys/%00'}), /^4\d\d$/],
  ['an asterisk request target', () => send({method: 'OPTIONS', target: '*'}), /^4\d\d$/],
  ['a bad escape in a v2 path', () => send({target: '/v2/apis/%c3%28'}), /^400$/],
  // Bodies that are not what the operation takes.
  ['JSON cut short', () => send({method: 'POST', target: '/apikeys', body: '{"name":'}), /^400$/],
  ['JSON null', () => send({method: 'POST', target: '/apikeys', body: 'null'}), /^400$/],
  ['a JSON list', () => send({method: 'POST', target: '/usageplans', body: '[1,2]'}), /^400$/],
  ['a JSON string', () => send({method: 'POST', target: '/restapis', body: '"pets"'}), /^400$/],
  ['a name that is an object', () => send({method: 'POST', target: '/restapis', body: '{"name": {"a": 1}}'}), /^400$/],
  ['a key value that is a number and tags that are a string', () => send({method: 'POST', target: '/apikeys', body: '{"name": "k", "value": 7, "tags": "no"}'}), /^400$/],
  ['stage variables that are not strings', () => send({method: 'POST', target: `/restapis/${apiId}/deployments`, body: '{"stageName": "x", "variables": {"a": 1}}'}), /^400$/],
  ['patch operations of the wrong type', () => send({method: 'PATCH', target: `/apikeys/${keyId}`, body: '{"patchOperations": 5}'}), /^400$/],
  ['a patch operation that is not an object', () => send({method: 'PATCH', target: `/restapis/${apiId}`, body: '{"patchOperations": [null]}'}), /^400$/],
  ['CloudWatch JSON cut short', () => send({method: 'POST', target: '/', headers: cloudWatchJson, body: '{"Namespace":'}), /^400$/],
  ['CBOR that is not CBOR', () => send({method: 'POST', target: CBOR_PATH, headers: cbor, body: Buffer.from([0xff, 0xff, 0xff])}), /^400$/],
  ['CBOR claiming an array of 2^64 items', () => send({method: 'POST', target: CBOR_PATH, headers: cbor, body: Buffer.from([0x9b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff])}), /^400$/],
  ['CBOR cut short inside a map', () => send({method: 'POST', target: CBOR_PATH, headers: cbor, body: Buffer.from([0xa2, 0x69, 0x4e, 0x61])}), /^400$/],
  ['gzip that is not gzip', () => send({method: 'POST', target: '/', headers: {...cloudWatchJson, 'content-encoding': 'gzip'}, body: 'plain'}), /^400$/],
  ['a gzip bomb', () => send({method: 'POST', target: '/', headers: {...cloudWatchJson, 'content-encoding': 'gzip'}, body: gzipSync(Buffer.alloc(20 * 1024 * 1024, 0x20))}), /^413$/],
  // Uploads cut off, too big, or too slow.
  ['an upload reset mid-body', () => raw([request({method: 'POST', target: '/apikeys', headers: {'content-length': '1000'}}), '{"name": "half'], {reset: true}), /^closed$/],
  ['a body declared over the limit', () => raw([request({method: 'POST', target: '/restapis?mode=import', headers: {'content-length': String(50 * 1024 * 1024)}})]), /^413$/],
  ['a chunked body over the limit', () => send({method: 'POST', target: '/apikeys', headers: {'transfer-encoding': 'chunked'}, body: `a00400\r\n${'x'.repeat(0xa00400)}\r\n0\r\n\r\n`}), /^413$|^closed$/],
  ['headers that never end', () => raw([`GET /apikeys HTTP/1.1\r\nhost: 127.0.0.1:${sandbox.port}\r\nx-slow: 1\r\n`]), /^408$|^closed$/],
  ['a body that never ends', () => raw([request({method: 'POST', target: '/apikeys', headers: {'content-length': '100'}}), '{"name":']), /^408$|^closed$/],
  ['bytes that are not HTTP', () => raw(['HELLO THERE\r\n\r\n']), /^400$/],
  ['a header over 16 KB', () => send({target: '/apikeys', headers: {'x-big': 'a'.repeat(20_000)}}), /^431$/],
  // Foreign Hosts (DNS rebinding) and cross-site pages.
  ['a foreign Host reading key values', () => send({target: '/apikeys?includeValues=true', headers: {host: 'evil.example'}}), /^403$/],
  ['a rebound name with a port', () => send({target: `/apikeys/${keyId}?includeValues=true`, headers: {host: `evil.example:${sandbox.port}`}}), /^403$/],
  ['a name that starts like a loopback address', () => send({target: '/apikeys?includeValues=true', headers: {host: '127.0.0.1.evil.example'}}), /^403$/],
  ['a name that starts like localhost', () => send({method: 'DELETE', target: `/apikeys/${keyId}`, headers: {host: 'localhost.evil.example'}}), /^403$/],
  ['a foreign Host with the token', () => send({method: 'POST', target: '/_sandbox/reset', headers: {host: 'evil.example', ...token()}}), /^403$/],
  ['an absolute URL to a foreign host', () => send({target: 'http://evil.example/apikeys?includeValues=true', headers: {host: 'evil.example'}}), /^403$/],
  ['HTTP/1.0 without a Host', () => raw(['GET /apikeys?includeValues=true HTTP/1.0\r\n\r\n']), /^403$/],
  ['a cross-site form POST to /_sandbox/reset', () => send({method: 'POST', target: '/_sandbox/reset', headers: evil, body: 'a=1'}), /^403$/],
  ['a cross-site form POST to /_sandbox/shutdown', () => send({method: 'POST', target: '/_sandbox/shutdown', headers: evil, body: 'a=1'}), /^403$/],
  ['a cross-site form POST creating a key', () => send({method: 'POST', target: '/apikeys', headers: evil, body: 'name=evil'}), /^403$/],
  ['a cross-site read of key values', () => send({target: '/apikeys?includeValues=true', headers: {origin: 'http://evil.example:80'}}), /^403$/],
  ['a sandboxed frame (Origin null) reading key values', () => send({target: '/apikeys?includeValues=true', headers: {origin: 'null'}}), /^403$/],
  ['a cross-site page with the token', () => send({method: 'PUT', target: '/_sandbox/faults', headers: {...evil, ...token()}, body: '{}'}), /^403$/],
  // The control endpoints without their token, or with nonsense.
  ['/_sandbox/reset without the token', () => send({method: 'POST', target: '/_sandbox/reset'}), /^403$/],
  ['/_sandbox/shutdown with a wrong token', () => send({method: 'POST', target: '/_sandbox/shutdown', headers: {[TOKEN_HEADER]: 'guess'}}), /^403$/],
  ['/_sandbox/status without the token', () => send({target: '/_sandbox/status'}), /^403$/],
  ['/_sandbox/traffic without the token', () => send({method: 'POST', target: '/_sandbox/traffic', body: '{}'}), /^403$/],
  ['an unknown fault field', () => send({method: 'PUT', target: '/_sandbox/faults', headers: token(), body: '{"slow": 1}'}), /^400$/],
  ['a fault on an unknown operation', () => send({method: 'PUT', target: '/_sandbox/faults', headers: token(), body: '{"lost": [{"operation": "CreateApiKeys", "call": 1}]}'}), /^400$/],
  ['faults that are not JSON', () => send({method: 'PUT', target: '/_sandbox/faults', headers: token(), body: 'throttle=100%'}), /^400$/],
  ['a fault share over 100%', () => send({method: 'PUT', target: '/_sandbox/faults', headers: token(), body: '{"throttle": 0.7, "error": 0.7}'}), /^400$/],
]

describe('a sandbox nothing can knock over', () => {
  it('has at least 30 hostile cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30)
  })

  for (const [name, attempt, expected] of cases) {
    it(`survives ${name}, answering ${expected.source}, its state unchanged`, async () => {
      const before = await snapshot()
      expect(await attempt()).toMatch(expected)
      expect(await snapshot()).toEqual(before)
    })
  }

  it('answers loopback names and loopback pages as ever', async () => {
    expect(await send({target: '/apikeys', headers: {host: `localhost:${sandbox.port}`}})).toBe('200')
    expect(await send({target: '/apikeys', headers: {host: '[::1]'}})).toBe('200')
    expect(await send({target: '/restapis', headers: {host: '127.1.2.3', origin: 'http://localhost:3000'}})).toBe('200')
    expect(await send({target: '/_sandbox/status', headers: token()})).toBe('200')
  })
})

describe('what counts as loopback', () => {
  it('takes localhost, 127.0.0.0/8 and ::1, with or without a port, and nothing else', () => {
    for (const host of ['localhost', 'LOCALHOST:80', '127.0.0.1', '127.255.0.9:4566', '[::1]', '[::1]:8080', '[0:0:0:0:0:0:0:1]']) expect(isLoopbackHost(host), host).toBe(true)
    for (const host of [undefined, '', 'evil.example', '127.0.0.1.evil.example', 'localhost.evil.example', '127.0.0.256', '128.0.0.1', '[::2]', '::1', 'localhost:80:80', '0.0.0.0', '[::ffff:7f00:1]x']) {
      expect(isLoopbackHost(host), String(host)).toBe(false)
    }
    for (const origin of ['http://localhost:3000', 'https://127.0.0.1', 'http://[::1]:8080']) expect(isLoopbackOrigin(origin), origin).toBe(true)
    for (const origin of ['null', 'https://evil.example', 'http://localhost.evil.example', 'file://', 'chrome-extension://localhost']) expect(isLoopbackOrigin(origin), origin).toBe(false)
  })
})
