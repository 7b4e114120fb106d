import {createServer, request, type IncomingMessage, type Server, type ServerResponse} from 'node:http'
import type {AddressInfo} from 'node:net'

export interface BarrierProxy {
  endpoint: string
  /** Resolves once a call `matches` picks is held: the time for another writer to go. */
  held(): Promise<void>
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
 * Two writers at once, without timing: an HTTP server on 127.0.0.1 that forwards everything to
 * `target`, except the calls `matches` picks (by method and path), which it holds until `count` of
 * them have arrived (or release()). Then it forwards them one at a time in arrival order, and only
 * once all have taken effect does it give back their answers. So every write lands, and each writer
 * reads back after the last one: the worst interleaving, every time. The first to arrive is the one
 * overwritten.
 */
export async function startBarrierProxy(target: string, count: number, matches: (method: string, path: string) => boolean): Promise<BarrierProxy> {
  const upstream = new URL(target)
  let held: Held[] = []
  let open = false
  let onHeld = () => {}
  const firstHeld = new Promise<void>((resolve) => (onHeld = resolve))

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
      onHeld()
      if (held.length >= count) void letThrough()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const {port} = server.address() as AddressInfo
  return {
    endpoint: `http://127.0.0.1:${port}`,
    held: () => firstHeld,
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

export interface GateProxy {
  endpoint: string
  /** Opens the gate now (call it when a racing command has exited). */
  release(): void
  close(): Promise<void>
}

/**
 * Two commands at once, overlapping however busy the machine is: an HTTP server on 127.0.0.1 that
 * forwards everything to `target`, but holds the calls `hold` picks until `count` calls `opens`
 * picks have been answered (or release()). Holding the first command's write until both commands'
 * claims have landed puts the second's claim inside the first's change, every time.
 */
export async function startGateProxy(
  target: string,
  hold: (method: string, path: string) => boolean,
  opens: (method: string, path: string) => boolean,
  count: number,
): Promise<GateProxy> {
  const upstream = new URL(target)
  let opened = 0
  let open: () => void = () => {}
  const gate = new Promise<void>((resolve) => (open = resolve))
  const server: Server = createServer((incoming, answer) => {
    const chunks: Buffer[] = []
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
    incoming.on('end', async () => {
      const method = incoming.method ?? 'GET'
      const path = decodeURIComponent(new URL(incoming.url ?? '/', 'http://x').pathname)
      if (hold(method, path)) await gate
      const call = request({host: upstream.hostname, port: upstream.port, method, path: incoming.url, headers: incoming.headers}, (response) => {
        answer.writeHead(response.statusCode ?? 502, response.headers)
        response.pipe(answer)
        response.on('end', () => {
          if (opens(method, path) && ++opened >= count) open()
        })
      })
      call.on('error', () => answer.destroy())
      call.end(Buffer.concat(chunks))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const {port} = server.address() as AddressInfo
  return {
    endpoint: `http://127.0.0.1:${port}`,
    release: () => open(),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
