import {createServer, request, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'

export interface ThrottleProxy {
  endpoint: string
  /** How many requests were answered 429. */
  throttled(): number
  close(): Promise<void>
}

/**
 * An HTTP server on 127.0.0.1 that forwards everything to `target`, except the FIRST
 * `POST …/deployments`, which it answers as API Gateway's control plane does when throttled
 * (aws-facts §8): 429 TooManyRequestsException with Retry-After: 1.
 */
export async function startThrottleProxy(target: string): Promise<ThrottleProxy> {
  const upstream = new URL(target)
  let throttled = 0
  const server: Server = createServer((incoming, answer) => {
    if (throttled === 0 && incoming.method === 'POST' && /\/deployments$/.test(new URL(incoming.url ?? '/', 'http://x').pathname)) {
      throttled++
      incoming.resume()
      answer.writeHead(429, {'content-type': 'application/json', 'x-amzn-ErrorType': 'TooManyRequestsException', 'Retry-After': '1'})
      answer.end(JSON.stringify({message: 'Too Many Requests'}))
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
    throttled: () => throttled,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
