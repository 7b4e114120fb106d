import {createServer, request, type IncomingMessage, type Server} from 'node:http'
import {connect, type AddressInfo, type Socket} from 'node:net'

export interface ForwardProxy {
  /** http://127.0.0.1:<port> */
  url: string
  /** Plain-HTTP requests forwarded (absolute-form request lines), by target host:port. */
  requests: string[]
  /** CONNECT tunnels opened, by target host:port. */
  tunnels: string[]
  /** Proxy-Authorization headers seen. */
  authorizations: string[]
  close(): Promise<void>
}

/**
 * A forward proxy on 127.0.0.1, as a company network has one: absolute-form HTTP requests are
 * forwarded, CONNECT opens a TCP tunnel. `refuseConnect` answers every CONNECT with that status.
 */
export async function startForwardProxy(options: {refuseConnect?: number} = {}): Promise<ForwardProxy> {
  const proxy = {requests: [] as string[], tunnels: [] as string[], authorizations: [] as string[]}
  const sockets = new Set<Socket>()
  const seen = (incoming: IncomingMessage) => {
    const authorization = incoming.headers['proxy-authorization']
    if (authorization) proxy.authorizations.push(authorization)
  }
  const server: Server = createServer((incoming, answer) => {
    seen(incoming)
    const target = new URL(incoming.url ?? '')
    proxy.requests.push(target.host)
    const {'proxy-authorization': _, ...headers} = incoming.headers
    const forwarded = request({host: target.hostname, port: target.port, method: incoming.method, path: `${target.pathname}${target.search}`, headers}, (response) => {
      answer.writeHead(response.statusCode ?? 502, response.headers)
      response.pipe(answer)
    })
    forwarded.on('error', () => answer.writeHead(502).end('Bad Gateway'))
    incoming.pipe(forwarded)
  })
  server.on('connect', (incoming: IncomingMessage, client: Socket, head: Buffer) => {
    seen(incoming)
    proxy.tunnels.push(incoming.url ?? '')
    sockets.add(client)
    if (options.refuseConnect) {
      client.end(`HTTP/1.1 ${options.refuseConnect} Refused\r\nContent-Length: 0\r\n\r\n`)
      return
    }
    const [host, port] = (incoming.url ?? '').split(/:(?=\d+$)/)
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    sockets.add(upstream)
    upstream.on('error', () => client.destroy())
    client.on('error', () => upstream.destroy())
  })
  server.on('connection', (socket) => sockets.add(socket))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    ...proxy,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      for (const socket of sockets) socket.destroy()
      return new Promise((resolve) => server.close(() => resolve()))
    },
  }
}
