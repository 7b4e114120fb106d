import {createServer, request, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'

/** An answer the proxy gives instead of forwarding: an AWS error as API Gateway sends it. */
export interface ProxyAnswer {
  status: number
  errorType: string
  message: string
  headers?: Record<string, string>
}

export interface InterceptingProxy {
  endpoint: string
  /** How many requests were answered by the proxy itself. */
  intercepted(): number
  close(): Promise<void>
}

/**
 * An HTTP server on 127.0.0.1 that forwards everything to `target`, except the requests
 * `intercept` answers (given the method and the path), which get that AWS error instead.
 */
export async function startInterceptingProxy(target: string, intercept: (method: string, path: string) => ProxyAnswer | undefined): Promise<InterceptingProxy> {
  const upstream = new URL(target)
  let intercepted = 0
  const server: Server = createServer((incoming, answer) => {
    const own = intercept(incoming.method ?? 'GET', decodeURIComponent(new URL(incoming.url ?? '/', 'http://x').pathname))
    if (own) {
      intercepted++
      incoming.resume()
      answer.writeHead(own.status, {'content-type': 'application/json', 'x-amzn-ErrorType': own.errorType, ...own.headers})
      answer.end(JSON.stringify({message: own.message}))
      return
    }
    const forwarded = request(
      {host: upstream.hostname, port: upstream.port, method: incoming.method, path: incoming.url, headers: incoming.headers},
      (response) => {
        answer.writeHead(response.statusCode ?? 502, response.headers)
        response.pipe(answer)
      },
    )
    forwarded.on('error', () => answer.destroy())
    incoming.pipe(forwarded)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const {port} = server.address() as AddressInfo
  return {
    endpoint: `http://127.0.0.1:${port}`,
    intercepted: () => intercepted,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

export interface ThrottleProxy {
  endpoint: string
  /** How many requests were answered 429. */
  throttled(): number
  close(): Promise<void>
}

/**
 * Forwards everything to `target` except the FIRST `POST …/deployments`, which it answers as API
 * Gateway's control plane does when throttled (docs/aws-behaviour.md#throttled-calls-answer-429): 429 TooManyRequestsException with
 * Retry-After: 1.
 */
export async function startThrottleProxy(target: string): Promise<ThrottleProxy> {
  let throttled = false
  const proxy = await startInterceptingProxy(target, (method, path) => {
    if (throttled || method !== 'POST' || !/\/deployments$/.test(path)) return undefined
    throttled = true
    return {status: 429, errorType: 'TooManyRequestsException', message: 'Too Many Requests', headers: {'Retry-After': '1'}}
  })
  return {endpoint: proxy.endpoint, throttled: proxy.intercepted, close: proxy.close}
}
