import {timingSafeEqual} from 'node:crypto'
import type {IncomingHttpHeaders} from 'node:http'
import {AwsServiceError} from './http.js'

/**
 * Who may talk to the sandbox. It listens on 127.0.0.1 only, but a web page in the operator's
 * browser can still reach it: by a cross-site request (a form POST carries an Origin header), or
 * by DNS rebinding (a foreign name that resolves to 127.0.0.1, seen in the Host header). So every
 * request must name a loopback Host and, if it carries an Origin, a loopback Origin; and the
 * sandbox's own /_sandbox/ endpoints need a token header, which no form can send and which only
 * a reader of the runtime file (0600) or the in-process `Sandbox` knows.
 */

/** The header that carries the control token to /_sandbox/ endpoints. */
export const TOKEN_HEADER = 'x-apigw-sandbox-token'

const IPV4_LOOPBACK = /^127(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/
const IPV6_LOOPBACK = new Set(['::1', '0:0:0:0:0:0:0:1'])

/** `localhost`, `127.x.x.x` or `::1` (bracketed or not), as a Host header or URL hostname names them. */
export function isLoopbackName(name: string): boolean {
  const host = name.toLowerCase()
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host
  return host === 'localhost' || IPV4_LOOPBACK.test(host) || IPV6_LOOPBACK.has(bare)
}

/** A Host header naming a loopback name or address, with or without a port. */
export function isLoopbackHost(header: string | undefined): boolean {
  if (!header) return false
  const match = /^(\[[^\]]*\]|[^:[\]]*)(?::(\d{1,5}))?$/.exec(header)
  return match !== null && isLoopbackName(match[1])
}

/** An Origin header of a page served from this machine (http or https on a loopback name). */
export function isLoopbackOrigin(origin: string): boolean {
  try {
    const url = new URL(origin)
    return (url.protocol === 'http:' || url.protocol === 'https:') && isLoopbackName(url.hostname)
  } catch {
    // "null" (a sandboxed frame, a file: page) and anything unparseable are not loopback pages.
    return false
  }
}

/** Why a request is refused (403 AccessDeniedException), or undefined when it may proceed. */
export function refusal(headers: IncomingHttpHeaders, isControl: boolean, token: string): AwsServiceError | undefined {
  const deny = (message: string) => new AwsServiceError(403, 'AccessDeniedException', message)
  if (!isLoopbackHost(headers.host)) {
    return deny(`The sandbox answers only requests addressed to localhost, 127.0.0.1 or [::1]; got Host ${JSON.stringify(headers.host ?? '')}`)
  }
  if (headers.origin !== undefined && !isLoopbackOrigin(headers.origin)) {
    return deny(`The sandbox refuses cross-site requests; got Origin ${JSON.stringify(headers.origin)}`)
  }
  if (isControl && !sameToken(headers[TOKEN_HEADER], token)) {
    return deny(`The sandbox's /_sandbox/ endpoints need the ${TOKEN_HEADER} header with the token from its runtime file (sandbox.json)`)
  }
  return undefined
}

function sameToken(given: string | string[] | undefined, token: string): boolean {
  if (typeof given !== 'string') return false
  const a = Buffer.from(given)
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}
