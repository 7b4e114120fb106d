import {Agent as HttpAgent, request as httpRequest, type ClientRequest, type AgentOptions} from 'node:http'
import {Agent as HttpsAgent} from 'node:https'
import {connect as netConnect, isIP, type Socket} from 'node:net'
import {pipeline, Transform, type Duplex, type Readable} from 'node:stream'
import {connect as tlsConnect, type ConnectionOptions, type PeerCertificate, type TLSSocket} from 'node:tls'
import type {HttpHandler} from '@smithy/core/protocols'
import {NodeHttpHandler} from '@smithy/node-http-handler'
import {BODY_START, NetworkFailure, proxyFor, proxyLabel, type Network} from './network.js'

// Loaded only on the path that makes AWS calls (node:http and node:https cost ~20 ms to load).

type Callback = (error: Error | null, socket: Duplex) => void
type SocketOptions = ConnectionOptions & {host: string; port: number | string; apigwProxy?: URL}

/** How much of an answer's body is kept, to quote one the SDK cannot read (errors.ts). */
const KEPT_BODY_BYTES = 512

/** The SDK's NodeHttpHandler with apigw's agents and the AWS CLI's two timeouts, keeping the start of each body. */
export function createRequestHandler(network: Network): HttpHandler {
  const agentOptions: AgentOptions = {keepAlive: true, maxSockets: 50}
  const handler = new NodeHttpHandler({
    httpAgent: new ProxyingHttpAgent(network, agentOptions),
    httpsAgent: new TunnellingHttpsAgent(network, {...agentOptions, ...(network.ca && {ca: network.ca.pem})}),
    connectionTimeout: network.connectTimeoutMs,
    // Idle time while waiting for the answer, which is what the AWS CLI's read timeout limits.
    socketTimeout: network.readTimeoutMs,
  })
  return {
    metadata: handler.metadata,
    handle: async (request, options) => {
      const {response} = await handler.handle(request, options)
      response.body = keepStart(response.body as Readable, response)
      return {response}
    },
    updateHttpClientConfig: (key, value) => handler.updateHttpClientConfig(key as never, value as never),
    httpHandlerConfigs: () => handler.httpHandlerConfigs(),
    destroy: () => handler.destroy(),
  }
}

/** The body, passed through unchanged, its first bytes kept on the response (the SDK keeps no copy of what it could not parse). */
function keepStart(body: Readable, response: object): Readable {
  const kept: Buffer[] = []
  let size = 0
  Object.defineProperty(response, BODY_START, {get: () => Buffer.concat(kept).toString('utf8')})
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (size < KEPT_BODY_BYTES) {
        kept.push(chunk.subarray(0, KEPT_BODY_BYTES - size))
        size += chunk.length
      }
      done(null, chunk)
    },
  })
  return pipeline(body, tap, () => {})
}

/**
 * Plain-HTTP requests through an HTTP proxy: the request line names the whole URL (absolute form),
 * sent to the proxy. A proxy that cannot be reached is named in the error.
 */
class ProxyingHttpAgent extends HttpAgent {
  constructor(
    private readonly network: Network,
    options: AgentOptions,
  ) {
    super(options)
  }

  addRequest(request: ClientRequest, options: SocketOptions): void {
    const port = Number(options.port) || 80
    const proxy = proxyFor(this.network, 'http:', options.host, port)
    if (proxy) {
      request.path = `http://${authority(options.host, port)}${request.path}`
      const authorization = proxyAuthorization(proxy)
      if (authorization) request.setHeader('Proxy-Authorization', authorization)
      options = {...options, host: proxy.hostname, port: proxyPort(proxy), apigwProxy: proxy}
    }
    // @ts-expect-error addRequest is Node's internal hook, missing from its types.
    super.addRequest(request, options)
  }

  createConnection(options: SocketOptions, callback?: Callback): Duplex | null | undefined {
    if (!options.apigwProxy) return super.createConnection(options, callback)
    const proxy = options.apigwProxy
    const socket = netConnect({host: proxy.hostname, port: proxyPort(proxy)})
    socket.once('connect', () => {
      socket.removeAllListeners('error')
      callback!(null, socket)
    })
    socket.once('error', (error) => callback!(unreachableProxy(proxy, error), socket))
    return undefined
  }
}

/**
 * HTTPS: directly, or through the proxy's CONNECT tunnel, then TLS with apigw's trust settings. The
 * socket is handed to the request only after the handshake, so a refused certificate can be
 * described (which one, issued by whom) before a single byte of the request is sent.
 */
class TunnellingHttpsAgent extends HttpsAgent {
  constructor(
    private readonly network: Network,
    options: AgentOptions & {ca?: string},
  ) {
    super(options)
  }

  createConnection(options: SocketOptions, callback?: Callback): undefined {
    secureSocket(this.network, options).then(
      (socket) => callback!(null, socket),
      (error: Error) => callback!(error, undefined as unknown as Duplex),
    )
    return undefined
  }
}

async function secureSocket(network: Network, options: SocketOptions): Promise<TLSSocket> {
  try {
    return await handshake(network, options, network.verify)
  } catch (error) {
    if (error instanceof NetworkFailure || !isTlsFailure(error)) throw error
    const target = authority(options.host, Number(options.port) || 443)
    const refused = isCertificateRefusal(error) ? await refusedCertificate(network, options) : undefined
    throw tlsFailure(network, target, error as NodeJS.ErrnoException, refused)
  }
}

/** A TLS connection to the target, through the proxy's tunnel when one applies. */
async function handshake(network: Network, options: SocketOptions, verify: boolean): Promise<TLSSocket> {
  const host = options.host
  const port = Number(options.port) || 443
  const proxy = proxyFor(network, 'https:', host, port)
  const tunnel = proxy ? await openTunnel(network, proxy, authority(host, port)) : undefined
  // `path` is the request's, not a socket path; `socket` carries the tunnel when there is one.
  const {path: _path, ...rest} = options as SocketOptions & {path?: string}
  const socket = tlsConnect({
    ...rest,
    host,
    port,
    ...(tunnel && {socket: tunnel}),
    servername: isIP(host) ? undefined : host,
    rejectUnauthorized: verify,
  })
  return new Promise((resolve, reject) => {
    socket.once('secureConnect', () => {
      socket.removeListener('error', reject)
      resolve(socket)
    })
    socket.once('error', reject)
  })
}

/** Opens a tunnel to `target` with CONNECT; a proxy that cannot be reached, or refuses, is named. */
function openTunnel(network: Network, proxy: URL, target: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const authorization = proxyAuthorization(proxy)
    const connect = httpRequest({
      host: proxy.hostname,
      port: proxyPort(proxy),
      method: 'CONNECT',
      path: target,
      headers: {host: target, ...(authorization && {'proxy-authorization': authorization})},
      agent: false,
    })
    const refused = (status: number | undefined, reason: string | undefined) =>
      new NetworkFailure('proxy', `the proxy ${proxyLabel(proxy)} refused to open a tunnel to ${target}: HTTP ${status} ${reason ?? ''}`.trimEnd() + '.', [
        status === 407
          ? 'Try: put the proxy user and password in its URL (export HTTPS_PROXY=http://user:password@host:port)'
          : 'Try: check HTTPS_PROXY, or list the endpoint in NO_PROXY if it must be reached directly',
      ])
    connect.once('connect', (answer, socket) => {
      if (answer.statusCode === 200) return resolve(socket)
      socket.destroy()
      reject(refused(answer.statusCode, answer.statusMessage))
    })
    connect.once('response', (answer) => {
      answer.resume()
      reject(refused(answer.statusCode, answer.statusMessage))
    })
    connect.once('error', (error) => reject(unreachableProxy(proxy, error)))
    if (network.connectTimeoutMs > 0) {
      connect.setTimeout(network.connectTimeoutMs, () =>
        connect.destroy(Object.assign(new Error(`no answer within ${network.connectTimeoutMs / 1000} s`), {code: 'ETIMEDOUT'})),
      )
    }
    connect.end()
  })
}

/** The certificate the endpoint showed, read on a second connection that sends nothing. */
async function refusedCertificate(network: Network, options: SocketOptions): Promise<PeerCertificate | undefined> {
  try {
    const socket = await handshake(network, options, false)
    const certificate = socket.getPeerCertificate()
    socket.destroy()
    return certificate
  } catch {
    return undefined
  }
}

function isTlsFailure(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code ?? ''
  return isCertificateRefusal(error) || code.startsWith('ERR_SSL_') || code === 'EPROTO' || code.startsWith('ERR_TLS_')
}

function isCertificateRefusal(error: unknown): boolean {
  return /CERT|SELF_SIGNED|UNABLE_TO_(VERIFY|GET_ISSUER)/.test((error as NodeJS.ErrnoException).code ?? '')
}

function tlsFailure(network: Network, target: string, error: NodeJS.ErrnoException, certificate: PeerCertificate | undefined): NetworkFailure {
  const trust = network.ca ? `the CA bundle ${network.ca.path} (from ${network.ca.source})` : "Node's default CAs"
  const shown = certificate?.subject
    ? ` The certificate it showed is for ${name(certificate.subject)}, issued by ${name(certificate.issuer)}${certificate.fingerprint256 ? ` (SHA-256 ${certificate.fingerprint256})` : ''}.`
    : ''
  const what = certificate ? `refused the TLS certificate of ${target} (${error.code}: ${error.message}), checked against ${trust}.` : `could not talk TLS with ${target} (${error.code ?? error.message}).`
  const suggestions = certificate
    ? [
        'Try: --ca-bundle <file> (or export AWS_CA_BUNDLE=<file>, or ca_bundle in the profile) with the PEM certificate of the CA that issued it, e.g. your network\'s TLS-inspecting proxy CA',
        'Or: --no-verify-ssl, only to diagnose: it lets anyone on the way read and change the calls',
      ]
    : ['Try: check the scheme and port of --endpoint-url (https:// to a plain-HTTP port fails like this)', 'Or: check HTTPS_PROXY and NO_PROXY']
  return new NetworkFailure('tls', `apigw ${what}${shown}`, suggestions, error)
}

function unreachableProxy(proxy: URL, error: NodeJS.ErrnoException): NetworkFailure {
  return new NetworkFailure('proxy', `could not reach the proxy ${proxyLabel(proxy)} (${error.code ?? error.message}).`, [
    'Try: check HTTPS_PROXY / HTTP_PROXY (and https_proxy / http_proxy, which win), or add the endpoint to NO_PROXY',
  ], error)
}

function name(entity: PeerCertificate['subject'] | undefined): string {
  if (!entity) return 'an unknown party'
  return entity.CN ? `"${entity.CN}"` : Object.entries(entity).map(([key, value]) => `${key}=${value}`).join(', ')
}

function authority(host: string, port: number): string {
  return `${isIP(host) === 6 ? `[${host}]` : host}:${port}`
}

function proxyPort(proxy: URL): number {
  return Number(proxy.port) || 80
}

/** Basic credentials from the proxy URL, as the AWS CLI sends them. */
function proxyAuthorization(proxy: URL): string | undefined {
  if (!proxy.username) return undefined
  return `Basic ${Buffer.from(`${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`).toString('base64')}`
}
