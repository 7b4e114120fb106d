import type {SandboxContext} from '../context.js'
import {firstAfter, firstAtOrAfter, LogGroups, type LogGroupData, type LogStream} from './data.js'
import {invalidParameter} from './errors.js'
import {compileFilterPattern} from './filter-pattern.js'
import {checkStreamName, decodeToken, encodeToken, groupNameOf, limitOf, optionalBoolean, optionalNumber, optionalString, optionalStrings, requiredString, type Input} from './input.js'

/** FilterLogEvents: at most 10,000 events and 1 MB of messages a page. docs/aws-behaviour.md#cloudwatch-logs-limits-and-messages */
const MAX_FILTER_EVENTS = 10_000
const MAX_PAGE_BYTES = 1_048_576
/** Each event's size on the page: its message and 26 bytes of overhead, as PutLogEvents counts it. */
const eventBytes = (message: string) => Buffer.byteLength(message) + 26

/** Where a FilterLogEvents page ended: after the event at (time, stream, index), in (time, stream name, index) order. */
type FilterPosition = [time: number, stream: string, index: number]
const isFilterPosition = (value: unknown): value is FilterPosition =>
  Array.isArray(value) && value.length === 3 && Number.isFinite(value[0]) && typeof value[1] === 'string' && Number.isInteger(value[2])

/** One stream's cursor in the merge. */
interface Head {
  stream: LogStream
  index: number
  end: number
}

/** Streams merged by (time, name): a binary heap of cursors, so a page costs O(page · log streams), never a copy of all events. */
class MergeHeap {
  private readonly heads: Head[] = []

  push(head: Head): void {
    if (head.index >= head.end) return
    const heads = this.heads
    heads.push(head)
    for (let i = heads.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1
      if (!before(heads[i], heads[parent])) break
      ;[heads[i], heads[parent]] = [heads[parent], heads[i]]
      i = parent
    }
  }

  /** The earliest cursor, taken out (push it back once advanced). */
  pop(): Head | undefined {
    const heads = this.heads
    const top = heads[0]
    const last = heads.pop()
    if (heads.length > 0 && last) {
      heads[0] = last
      for (let i = 0; ; ) {
        const left = 2 * i + 1
        const smallest = [left, left + 1].filter((child) => child < heads.length).reduce((best, child) => (before(heads[child], heads[best]) ? child : best), i)
        if (smallest === i) break
        ;[heads[i], heads[smallest]] = [heads[smallest], heads[i]]
        i = smallest
      }
    }
    return top
  }
}

function before(a: Head, b: Head): boolean {
  const ta = a.stream.times[a.index]
  const tb = b.stream.times[b.index]
  return ta !== tb ? ta < tb : a.stream.name < b.stream.name
}

/** The streams FilterLogEvents searches: named ones (that must exist), those with a prefix, or all. */
function selectedStreams(events: LogGroupData, input: Input): LogStream[] {
  const names = optionalStrings(input, 'logStreamNames')
  const prefix = optionalString(input, 'logStreamNamePrefix')
  if (names !== undefined && prefix !== undefined) throw invalidParameter('Cannot specify both logStreamNames and logStreamNamePrefix.')
  if (names !== undefined) {
    if (names.length < 1 || names.length > 100) throw invalidParameter('logStreamNames must name between 1 and 100 log streams.')
    return [...new Set(names)].map((name) => events.stream(checkStreamName(name)))
  }
  return events
    .names()
    .filter((name) => prefix === undefined || name.startsWith(prefix))
    .map((name) => events.streams.get(name)!)
}

/** Events of a group, across streams, in time order, filtered and paged by (time, stream, index) position. */
export function filterLogEvents(context: SandboxContext, input: Input) {
  const events = new LogGroups(context).events(groupNameOf(input))
  const streams = selectedStreams(events, input)
  const start = optionalNumber(input, 'startTime') ?? 0
  const end = optionalNumber(input, 'endTime') ?? Number.MAX_SAFE_INTEGER
  const limit = limitOf(input, MAX_FILTER_EVENTS)
  const matches = compileFilterPattern(optionalString(input, 'filterPattern'))
  const token = optionalString(input, 'nextToken')
  const after = token === undefined ? undefined : decodeToken(token, isFilterPosition)

  const heap = new MergeHeap()
  for (const stream of streams) {
    // endTime is inclusive in AWS's FilterLogEvents.
    heap.push({stream, index: startIndex(stream, start, after), end: firstAfter(stream.times, end)})
  }
  const page: Record<string, unknown>[] = []
  let bytes = 0
  let last: FilterPosition | undefined
  let more = false
  for (let head = heap.pop(); head; head = heap.pop()) {
    const {stream, index} = head
    const message = stream.messages[index]
    if (matches(message)) {
      if (page.length === limit || bytes + eventBytes(message) > MAX_PAGE_BYTES) {
        more = true
        break
      }
      bytes += eventBytes(message)
      page.push({logStreamName: stream.name, timestamp: stream.times[index], message, ingestionTime: stream.ingestion[index], eventId: eventId(stream, index)})
      last = [stream.times[index], stream.name, index]
    }
    head.index++
    heap.push(head)
  }
  return {
    events: page,
    searchedLogStreams: streams.map((stream) => ({logStreamName: stream.name, searchedCompletely: !more})),
    ...(more && last ? {nextToken: encodeToken(last)} : {}),
  }
}

/** The first index of `stream` at or after `start` and past the position a previous page ended at. */
function startIndex(stream: LogStream, start: number, after: FilterPosition | undefined): number {
  if (!after || after[0] < start) return firstAtOrAfter(stream.times, start)
  const [time, name, index] = after
  if (stream.name < name) return firstAfter(stream.times, time)
  if (stream.name > name) return firstAtOrAfter(stream.times, time)
  return Math.max(index + 1, firstAtOrAfter(stream.times, time))
}

/** Digits, as AWS's are: the event's time and its sequence number, the same on every read (a follower dedupes by it). */
const eventId = (stream: LogStream, index: number) => `${stream.times[index]}${String(stream.sequence[index]).padStart(12, '0')}`

/** GetLogEvents: at most 10,000 events and 1 MB a page. */
const MAX_GET_EVENTS = 10_000

/** Tokens: `f/<index>` reads forward from index, `b/<index>` reads backward ending before index. */
type GetPosition = [direction: 'f' | 'b', index: number]
const isGetPosition = (value: unknown): value is GetPosition => Array.isArray(value) && value.length === 2 && (value[0] === 'f' || value[0] === 'b') && Number.isInteger(value[1])

/**
 * One stream's events in a window: from its head (`startFromHead`) or, by default, its last page;
 * nextForwardToken and nextBackwardToken always come back, the same token again at either end.
 */
export function getLogEvents(context: SandboxContext, input: Input) {
  const stream = new LogGroups(context).events(groupNameOf(input)).stream(checkStreamName(requiredString(input, 'logStreamName')))
  const low = firstAtOrAfter(stream.times, optionalNumber(input, 'startTime') ?? 0)
  // endTime is exclusive in GetLogEvents.
  const high = firstAtOrAfter(stream.times, optionalNumber(input, 'endTime') ?? Number.MAX_SAFE_INTEGER)
  const limit = limitOf(input, MAX_GET_EVENTS)
  const token = optionalString(input, 'nextToken')
  const position: GetPosition = token !== undefined ? decodeToken(token, isGetPosition) : optionalBoolean(input, 'startFromHead') ? ['f', low] : ['b', high]
  let from: number
  let to: number
  if (position[0] === 'f') {
    from = Math.max(low, position[1])
    to = Math.min(high, from + limit)
  } else {
    to = Math.min(high, position[1])
    from = Math.max(low, to - limit)
  }
  let bytes = 0
  const events: Record<string, unknown>[] = []
  for (let i = from; i < Math.max(from, to); i++) {
    bytes += eventBytes(stream.messages[i])
    if (bytes > MAX_PAGE_BYTES) {
      to = i
      break
    }
    events.push({timestamp: stream.times[i], message: stream.messages[i], ingestionTime: stream.ingestion[i]})
  }
  return {events, nextForwardToken: encodeToken(['f', Math.max(from, to)]), nextBackwardToken: encodeToken(['b', from])}
}
