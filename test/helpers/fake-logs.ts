import {createServer, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'

/**
 * A CloudWatch Logs stand-in for the logs commands' tests until the sandbox serves the service:
 * DescribeLogGroups and FilterLogEvents over AWS JSON 1.1, paged (`pageSize` events a page, so
 * paging is exercised), filter patterns of plain and quoted terms only.
 */
export interface FakeLogs {
  endpoint: string
  put(group: string, events: Array<{timestamp: number; message: string}>): void
  /** Calls by operation. */
  calls: Map<string, number>
  stop(): Promise<void>
}

interface Stored {
  eventId: string
  timestamp: number
  message: string
  logStreamName: string
}

export async function startFakeLogs(pageSize = 50): Promise<FakeLogs> {
  const groups = new Map<string, Stored[]>()
  const calls = new Map<string, number>()
  let ids = 0
  const answer = (operation: string, input: Record<string, unknown>): unknown => {
    if (operation === 'DescribeLogGroups') {
      const prefix = String(input.logGroupNamePrefix ?? '')
      return {logGroups: [...groups.keys()].filter((name) => name.startsWith(prefix)).sort().map((logGroupName) => ({logGroupName}))}
    }
    if (operation === 'FilterLogEvents') {
      const events = groups.get(String(input.logGroupName))
      if (!events) return undefined
      const start = Number(input.startTime ?? 0)
      const end = Number(input.endTime ?? Number.MAX_SAFE_INTEGER)
      const terms = [...String(input.filterPattern ?? '').matchAll(/"([^"]*)"|(\S+)/g)].map((match) => match[1] ?? match[2])
      const matching = events.filter((event) => event.timestamp >= start && event.timestamp <= end && terms.every((term) => event.message.includes(term)))
      const from = Number(input.nextToken ?? 0)
      const page = matching.slice(from, from + pageSize)
      return {events: page, searchedLogStreams: [], ...(from + pageSize < matching.length ? {nextToken: String(from + pageSize)} : {})}
    }
    return null
  }
  const server: Server = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk) => (body += chunk))
    request.on('end', () => {
      const operation = String(request.headers['x-amz-target'] ?? '').split('.')[1] ?? ''
      calls.set(operation, (calls.get(operation) ?? 0) + 1)
      const result = answer(operation, body ? JSON.parse(body) : {})
      const [status, type, payload] =
        result === null ? [400, 'UnknownOperationException', {message: operation}] : result === undefined ? [400, 'ResourceNotFoundException', {message: 'The specified log group does not exist.'}] : [200, undefined, result]
      response.writeHead(status, {'content-type': 'application/x-amz-json-1.1', ...(type ? {'x-amzn-errortype': type} : {})})
      response.end(JSON.stringify(type ? {__type: type, ...payload} : payload))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    put(group, events) {
      const stored = groups.get(group) ?? []
      for (const event of events) stored.push({...event, eventId: String(++ids).padStart(20, '0'), logStreamName: 'stream'})
      stored.sort((a, b) => a.timestamp - b.timestamp)
      groups.set(group, stored)
    },
    calls,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
