import {createServer, request, type IncomingMessage, type Server, type ServerResponse} from 'node:http'
import type {AddressInfo} from 'node:net'

export interface BarrierProxy {
  endpoint: string
  /** Lets the held calls through now, however many arrived (call it when a racing command has exited). */
  release(): void
  close(): Promise<void>
}

interface Held {
  incoming: IncomingMessage
  body: Buffer
  answer: ServerResponse
}

interface Answer {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: Buffer
}

/**
 * Two operators at once, without timing: an HTTP server on 127.0.0.1 that forwards everything to
 * `target`, except the calls `matches` picks (by method and path), which it holds until `count` of
 * them have arrived (or release()). Then it forwards them one at a time in arrival order, and only
 * once all have taken effect does it give back their answers. So every racing command has read the
 * resource before any write lands, every write lands, and each reads back after the last one: the
 * worst interleaving, every time. The first to arrive is the one overwritten.
 */
export async function startBarrierProxy(target: string, count: number, matches: (method: string, path: string) => boolean): Promise<BarrierProxy> {
  const upstream = new URL(target)
  let held: Held[] = []
  let open = false

  const forward = (incoming: IncomingMessage, body: Buffer) =>
    new Promise<Answer>((resolve, reject) => {
      const call = request({host: upstream.hostname, port: upstream.port, method: incoming.method, path: incoming.url, headers: incoming.headers}, (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () => resolve({status: response.statusCode ?? 502, headers: response.headers, body: Buffer.concat(chunks)}))
      })
      call.on('error', reject)
      call.end(body)
    })

  const letThrough = async () => {
    const batch = held
    held = []
    const answers: Answer[] = []
    for (const call of batch) answers.push(await forward(call.incoming, call.body))
    for (const [index, call] of batch.entries()) {
      call.answer.writeHead(answers[index].status, answers[index].headers)
      call.answer.end(answers[index].body)
    }
  }

  const server: Server = createServer((incoming, answer) => {
    const chunks: Buffer[] = []
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
    incoming.on('end', () => {
      const body = Buffer.concat(chunks)
      const path = decodeURIComponent(new URL(incoming.url ?? '/', 'http://x').pathname)
      if (open || !matches(incoming.method ?? 'GET', path)) {
        forward(incoming, body).then(
          (response) => {
            answer.writeHead(response.status, response.headers)
            answer.end(response.body)
          },
          () => answer.destroy(),
        )
        return
      }
      held.push({incoming, body, answer})
      if (held.length >= count) void letThrough()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const {port} = server.address() as AddressInfo
  return {
    endpoint: `http://127.0.0.1:${port}`,
    release: () => {
      open = true
      void letThrough()
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
