import type {LogEvent, LogsGateway} from '../aws/index.js'
import {usageError} from '../errors.js'
import {accessLogParser, executionRequestId, fieldOf, routeOf, type AccessFields, type AccessLogParser} from './format.js'
import type {LogKind, LogSource, Side} from './groups.js'

/** One log line as apigw prints it (docs/json.md, `logs`): JSON lines of this shape. */
export interface LogLine {
  time: string
  kind: LogKind
  side: Side
  group: string
  eventId: string
  requestId: string | null
  /** Access lines only: the response status, and the route as `GET /orders/{id}`. */
  status: number | null
  route: string | null
  message: string
  /** Access lines only: every variable of the stage's format; null when the line is not in that format. */
  fields: AccessFields | null
}

/** What to keep of the lines read: the CloudWatch filter pattern goes to AWS; the rest is checked here. */
export interface LineFilter {
  filterPattern?: string
  status?: {from: number; to: number}
  route?: string
  requestId?: string
}

/** --status 5xx, 4xx or a code (100–599). */
export function parseStatus(text: string): {from: number; to: number} {
  const range = /^([1-5])xx$/i.exec(text.trim())
  if (range) return {from: Number(range[1]) * 100, to: Number(range[1]) * 100 + 99}
  if (/^[1-5]\d\d$/.test(text.trim())) return {from: Number(text), to: Number(text)}
  throw usageError(`--status must be 5xx, 4xx (any class 1xx–5xx) or a status code such as 502; got "${text}".`, ['Try: --status 5xx'])
}

/** --route 'GET /orders/{id}': a method (or ANY) and a path starting with /, or $default and the other WebSocket route keys. */
export function parseRoute(text: string): string {
  const match = /^([A-Za-z]+)\s+(\/\S*)$/.exec(text.trim())
  if (match) return `${match[1].toUpperCase()} ${match[2]}`
  if (/^\$\S+$/.test(text.trim())) return text.trim()
  throw usageError(`--route must be a method and a path, e.g. 'GET /orders/{id}'; got "${text}".`, ["Try: --route 'GET /orders/{id}'"])
}

/** The pattern sent to AWS: the operator's, or the request id as a quoted term (so AWS, not apigw, narrows the search). */
export const serverPattern = (filter: LineFilter) => filter.filterPattern ?? (filter.requestId ? `"${filter.requestId.replaceAll('"', '')}"` : undefined)

/** Turns a group's events into lines, in the stage's access log format; those the filter keeps. */
export function lineReader(format: string | null, filter: LineFilter) {
  const parser: AccessLogParser | null = format ? accessLogParser(format) : null
  return (source: LogSource, event: LogEvent): LogLine | null => {
    const line = source.kind === 'access' ? accessLine(parser, source, event) : executionLine(source, event)
    return keeps(filter, line) ? line : null
  }
}

function accessLine(parser: AccessLogParser | null, source: LogSource, event: LogEvent): LogLine {
  const fields = parser?.parse(event.message) ?? null
  const status = Number(fields && fieldOf(fields, 'status'))
  const side = source.side === 'canary' || (fields && fieldOf(fields, 'isCanaryRequest')) === 'true' ? 'canary' : 'base'
  return {...common(source, event), side, requestId: fields && fieldOf(fields, 'requestId'), status: Number.isInteger(status) && status > 0 ? status : null, route: fields ? routeOf(fields) : null, fields}
}

const executionLine = (source: LogSource, event: LogEvent): LogLine => ({...common(source, event), requestId: executionRequestId(event.message), status: null, route: null, fields: null})

const common = (source: LogSource, event: LogEvent) => ({
  time: new Date(event.timestamp).toISOString(),
  kind: source.kind,
  side: source.side,
  group: source.group,
  eventId: event.eventId,
  message: event.message.replace(/\n$/, ''),
})

function keeps(filter: LineFilter, line: LogLine): boolean {
  if (filter.requestId && line.requestId !== filter.requestId) return false
  if (filter.status && (line.status === null || line.status < filter.status.from || line.status > filter.status.to)) return false
  if (filter.route && line.route !== filter.route) return false
  return true
}

/** A group being read: its pages, and the page at hand. */
interface Cursor {
  source: LogSource
  pages: AsyncGenerator<LogEvent[]>
  page: LogEvent[]
  at: number
  done: boolean
}

/**
 * Every group's events over the window, merged by time, in batches: a batch ends where a group
 * needs its next page, so lines go out as pages arrive and only one page per group is held.
 */
export async function* readMerged(logs: LogsGateway, sources: LogSource[], window: {startTime: number; endTime?: number}, filterPattern?: string): AsyncGenerator<Array<{source: LogSource; event: LogEvent}>> {
  const cursors: Cursor[] = sources.map((source) => ({source, pages: logs.filterLogEvents({logGroupName: source.group, ...window, filterPattern}), page: [], at: 0, done: false}))
  const refill = async (cursor: Cursor) => {
    while (!cursor.done && cursor.at >= cursor.page.length) {
      const next = await cursor.pages.next()
      if (next.done) cursor.done = true
      else {
        cursor.page = next.value
        cursor.at = 0
      }
    }
  }
  await Promise.all(cursors.map(refill))
  for (;;) {
    const batch: Array<{source: LogSource; event: LogEvent}> = []
    let empty: Cursor | undefined
    while (!empty) {
      let first: Cursor | undefined
      for (const cursor of cursors) if (!cursor.done && (!first || cursor.page[cursor.at].timestamp < first.page[first.at].timestamp)) first = cursor
      if (!first) break
      batch.push({source: first.source, event: first.page[first.at++]})
      if (first.at >= first.page.length) empty = first
    }
    if (batch.length > 0) yield batch
    if (!empty) return
    await refill(empty)
  }
}
