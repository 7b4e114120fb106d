import {readFileSync} from 'node:fs'
import type {HttpHandler} from '@smithy/core/protocols'
import {ApigwError, ExitCode} from '../errors.js'
import {configProfiles, type Env} from './shared-config.js'

/** What the operator typed: --ca-bundle, --no-verify-ssl, --cli-connect-timeout, --cli-read-timeout. */
export interface NetworkFlags {
  caBundle?: string
  noVerifySsl?: boolean
  /** Seconds; 0 means no limit (the AWS CLI's meaning). */
  connectTimeoutSeconds?: number
  readTimeoutSeconds?: number
}

/** How apigw reaches an endpoint: proxies, trusted certificates and timeouts, resolved once per run. */
export interface Network {
  /** From HTTP_PROXY / HTTPS_PROXY, either case, lower case winning (as the AWS CLI reads them). */
  proxies: {'http:'?: URL; 'https:'?: URL}
  /** NO_PROXY, as written. */
  noProxy?: string
  /** The CA bundle that replaces the default trust store, as in the AWS CLI. */
  ca?: {pem: string; path: string; source: string}
  verify: boolean
  /** 0 means no limit. */
  connectTimeoutMs: number
  /** How long the endpoint may stay silent while apigw waits for its answer; 0 means no limit. */
  readTimeoutMs: number
}

/** The AWS CLI's default for both timeouts. */
const AWS_CLI_TIMEOUT_MS = 60_000
/** The shortest default: below it, a slow but working endpoint would look hung. */
const MIN_DEFAULT_TIMEOUT_MS = 5_000

/**
 * Resolves the network settings of one run: --ca-bundle, then AWS_CA_BUNDLE, then the profile's
 * `ca_bundle` (the AWS CLI's order); proxies from the environment. A CA bundle that cannot be read
 * fails here, before any call.
 */
export function resolveNetwork(flags: NetworkFlags, env: Env, profile: string | undefined, retryBudgetMs: number): Network {
  const caCandidates: Array<[string | undefined, string]> = [
    [flags.caBundle, '--ca-bundle'],
    [env.AWS_CA_BUNDLE, 'AWS_CA_BUNDLE'],
    [configProfiles(env).get(profile ?? 'default')?.ca_bundle, `profile ${profile ?? 'default'}`],
  ]
  const caFound = caCandidates.find(([value]) => value && value.trim() !== '')
  const proxies = proxyVariables(env)
  return {
    proxies: {'http:': proxyUrl(proxies.http), 'https:': proxyUrl(proxies.https)},
    noProxy: proxies.no,
    ca: caFound && readCaBundle(caFound[0]!.trim(), caFound[1]),
    verify: !flags.noVerifySsl,
    connectTimeoutMs: timeoutMs(flags.connectTimeoutSeconds, retryBudgetMs),
    readTimeoutMs: timeoutMs(flags.readTimeoutSeconds, retryBudgetMs),
  }
}

/** The sandbox's network: plain HTTP on loopback, so no proxy, CA bundle or flag applies. */
export function sandboxNetwork(retryBudgetMs: number): Network {
  return {proxies: {}, verify: true, connectTimeoutMs: timeoutMs(undefined, retryBudgetMs), readTimeoutMs: timeoutMs(undefined, retryBudgetMs)}
}

/**
 * A timeout typed as a flag is the AWS CLI's (0: no limit). Without one, the AWS CLI's 60 s, but no
 * longer than the retry budget (and at least 5 s), so that one hung call cannot outlast --retry-budget.
 */
function timeoutMs(seconds: number | undefined, retryBudgetMs: number): number {
  if (seconds !== undefined) return seconds * 1000
  return Math.min(AWS_CLI_TIMEOUT_MS, Math.max(MIN_DEFAULT_TIMEOUT_MS, retryBudgetMs))
}

/**
 * The `<scheme>_proxy` variables in any case, a lower-case one winning over its upper-case twin,
 * and an empty lower-case one switching it off (Python's urllib, which the AWS CLI uses). As there,
 * a CGI environment (REQUEST_METHOD set) ignores HTTP_PROXY, which a client's Proxy header could set.
 */
function proxyVariables(env: Env): Record<string, string | undefined> {
  const found: Record<string, string | undefined> = {}
  const names = Object.keys(env).filter((name) => /_proxy$/i.test(name))
  for (const name of names) if (env[name]) found[name.slice(0, -6).toLowerCase()] = env[name]
  if (env.REQUEST_METHOD !== undefined) delete found.http
  for (const name of names.filter((name) => name.endsWith('_proxy'))) found[name.slice(0, -6).toLowerCase()] = env[name] || undefined
  return found
}

/** A proxy URL as the AWS CLI accepts it: `host:port` alone means http://host:port. apigw talks to proxies in plain HTTP. */
function proxyUrl(value: string | undefined): URL | undefined {
  if (!value) return undefined
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value.replace(/^\/\//, '')}`
  let url: URL | undefined
  try {
    url = new URL(withScheme)
  } catch {
    // reported below
  }
  if (url?.protocol === 'http:' && url.hostname) return url
  throw new ApigwError(`The proxy ${JSON.stringify(redact(value))} (from HTTP(S)_PROXY) is not an http:// proxy URL.`, {
    code: 'INVALID_PROXY',
    exitCode: ExitCode.config,
    suggestions: ['Try: export HTTPS_PROXY=http://proxy.example.com:3128 (the proxy itself is spoken to in plain HTTP; the tunnel through it is TLS)'],
  })
}

/**
 * The proxy for a request to `host:port` over `protocol`, or undefined to connect directly: NO_PROXY
 * lists host names, domain suffixes (`.example.com` and `example.com` both cover its subdomains),
 * `host:port` entries, or `*` for every host, as the AWS CLI matches them.
 */
export function proxyFor(network: Network, protocol: string, host: string, port: number): URL | undefined {
  const proxy = network.proxies[protocol as 'http:' | 'https:']
  if (!proxy || bypassesProxy(network.noProxy, host, port)) return undefined
  return proxy
}

export function bypassesProxy(noProxy: string | undefined, host: string, port: number): boolean {
  if (!noProxy) return false
  if (noProxy.trim() === '*') return true
  const hostOnly = host.toLowerCase().replace(/^\[(.*)\]$/, '$1')
  const withPort = `${hostOnly}:${port}`
  return noProxy
    .split(',')
    .map((entry) => entry.trim().replace(/^\.+/, '').toLowerCase())
    .filter((entry) => entry !== '')
    .some((entry) => [hostOnly, withPort].some((name) => name === entry || name.endsWith(`.${entry}`)))
}

/** A proxy as apigw names it in messages: without the user name and password in its URL. */
export function proxyLabel(proxy: URL): string {
  return `${proxy.protocol}//${proxy.host}`
}

function redact(value: string): string {
  return value.replace(/\/\/[^@/]*@/, '//')
}

function readCaBundle(path: string, source: string): Network['ca'] {
  let pem: string
  try {
    pem = readFileSync(path, 'utf8')
  } catch (error) {
    throw badCaBundle(`The CA bundle ${path} (from ${source}) cannot be read: ${(error as Error).message}`, source)
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw badCaBundle(`The CA bundle ${path} (from ${source}) holds no PEM certificate.`, source)
  return {pem, path, source}
}

function badCaBundle(message: string, source: string): ApigwError {
  return new ApigwError(message, {
    code: 'INVALID_CA_BUNDLE',
    exitCode: source.startsWith('--') ? ExitCode.usage : ExitCode.config,
    suggestions: ['Try: --ca-bundle <file with the PEM certificates of the CAs to trust> (or export AWS_CA_BUNDLE=…)'],
  })
}

/**
 * A connection that failed before any request was sent: a certificate refused, a TLS handshake that
 * failed, or a proxy that could not be reached or refused the tunnel. errors.ts maps it to exit 6.
 */
export class NetworkFailure extends Error {
  constructor(
    readonly kind: 'tls' | 'proxy',
    message: string,
    readonly suggestions: string[],
    cause?: unknown,
  ) {
    super(message, {cause})
    this.name = 'NetworkFailure'
  }
}

/** Where agents.ts keeps the start of an answer's body on the SDK's response object. */
export const BODY_START = 'apigwBodyStart'

/**
 * The SDK clients' request handler: apigw's (agents.ts), loaded on the first call, so that commands
 * that make none never load node:http(s). One per session, so its clients share connections.
 */
export function lazyRequestHandler(network: Network): HttpHandler {
  let handler: Promise<HttpHandler> | undefined
  const load = () => (handler ??= import('./agents.js').then(({createRequestHandler}) => createRequestHandler(network)))
  return {
    metadata: {handlerProtocol: 'http/1.1'},
    handle: async (request, options) => (await load()).handle(request, options),
    // apigw configures its handler itself; the SDK's own settings (its logger) are not wanted.
    updateHttpClientConfig: () => {},
    httpHandlerConfigs: () => ({}),
    destroy: () => void handler?.then((loaded) => loaded.destroy?.()),
  }
}
