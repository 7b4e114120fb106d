import type {SandboxContext} from '../context.js'
import type {Store} from '../store.js'
import {groupExists, groupNotFound, streamExists, streamNotFound} from './errors.js'

/** The store table of log groups: name → LogGroupRecord. Groups persist with the rest of the state. */
export const LOG_GROUPS = 'logGroups'

export interface LogGroupRecord {
  logGroupName: string
  creationTime: number
  retentionInDays?: number
}

/**
 * One stream's events, time-sorted, in parallel arrays (no object per event): the traffic simulator
 * writes hundreds of thousands of them, and readers binary-search `times`.
 */
export interface LogStream {
  name: string
  creationTime: number
  times: number[]
  messages: string[]
  ingestion: number[]
  /** Each event's number, unique in the process and never reused: what its eventId is made of. */
  sequence: number[]
  storedBytes: number
}

/** A group's streams. Events live in memory only (README: "Log events"). */
export class LogGroupData {
  readonly streams = new Map<string, LogStream>()
  private sortedNames: string[] | undefined

  /** Stream names in order (what DescribeLogStreams and the readers' tie-break use). */
  names(): string[] {
    return (this.sortedNames ??= [...this.streams.keys()].sort())
  }

  stream(name: string): LogStream {
    const found = this.streams.get(name)
    if (!found) throw streamNotFound()
    return found
  }

  create(name: string, at: number): LogStream {
    if (this.streams.has(name)) throw streamExists()
    return this.ensure(name, at)
  }

  /** The stream, made if missing (API Gateway makes its own streams as it writes). */
  ensure(name: string, at: number): LogStream {
    let stream = this.streams.get(name)
    if (!stream) {
      this.streams.set(name, (stream = {name, creationTime: at, times: [], messages: [], ingestion: [], sequence: [], storedBytes: 0}))
      this.sortedNames = undefined
    }
    return stream
  }

  storedBytes(): number {
    let total = 0
    for (const stream of this.streams.values()) total += stream.storedBytes
    return total
  }
}

let lastSequence = 0

/** Adds one event in time order: an append when it is the latest, as nearly every write is. */
export function appendEvent(stream: LogStream, timestamp: number, message: string, ingestionTime: number): void {
  let at = stream.times.length
  if (at > 0 && stream.times[at - 1] > timestamp) at = firstAfter(stream.times, timestamp)
  const sequence = ++lastSequence
  if (at === stream.times.length) {
    stream.times.push(timestamp)
    stream.messages.push(message)
    stream.ingestion.push(ingestionTime)
    stream.sequence.push(sequence)
  } else {
    stream.times.splice(at, 0, timestamp)
    stream.messages.splice(at, 0, message)
    stream.ingestion.splice(at, 0, ingestionTime)
    stream.sequence.splice(at, 0, sequence)
  }
  // AWS counts each event's UTF-8 bytes plus 26 bytes of overhead.
  stream.storedBytes += Buffer.byteLength(message) + 26
}

/** The first index whose time is >= `time`. */
export function firstAtOrAfter(times: number[], time: number): number {
  let low = 0
  let high = times.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (times[middle] < time) low = middle + 1
    else high = middle
  }
  return low
}

/** The first index whose time is > `time`. */
export function firstAfter(times: number[], time: number): number {
  return firstAtOrAfter(times, time + 1)
}

/** Each region store's groups' events; a group made anew starts empty, whatever an old one of its name held. */
const eventsByStore = new WeakMap<Store, Map<string, LogGroupData>>()

/** The log groups of one region. */
export class LogGroups {
  constructor(private readonly context: SandboxContext) {}

  private get data(): Map<string, LogGroupData> {
    let found = eventsByStore.get(this.context.store)
    if (!found) eventsByStore.set(this.context.store, (found = new Map()))
    return found
  }

  record(name: string): LogGroupRecord | undefined {
    return this.context.store.get<LogGroupRecord>(LOG_GROUPS, name)
  }

  all(): LogGroupRecord[] {
    return this.context.store.all<LogGroupRecord>(LOG_GROUPS)
  }

  create(name: string): LogGroupRecord {
    if (this.record(name)) throw groupExists()
    // Groups forgotten by a reset of the sandbox leave their events here: let them go.
    for (const known of this.data.keys()) if (!this.record(known)) this.data.delete(known)
    this.data.set(name, new LogGroupData())
    return this.context.store.put<LogGroupRecord>(LOG_GROUPS, name, {logGroupName: name, creationTime: this.context.clock.now()})
  }

  /** The group made if missing, as API Gateway makes its execution-log groups. */
  ensure(name: string): LogGroupData {
    if (!this.record(name)) this.create(name)
    return this.events(name)
  }

  delete(name: string): void {
    if (!this.context.store.delete(LOG_GROUPS, name)) throw groupNotFound()
    this.data.delete(name)
  }

  /** A group's streams and events; ResourceNotFoundException when the group does not exist. */
  events(name: string): LogGroupData {
    if (!this.record(name)) throw groupNotFound()
    let found = this.data.get(name)
    if (!found) this.data.set(name, (found = new LogGroupData()))
    return found
  }
}

/** The ARN DescribeLogGroups shows as `arn` (with `:*`) and `logGroupArn` (without). */
export const groupArn = (context: SandboxContext, name: string) => `arn:aws:logs:${context.region}:${context.accountId}:log-group:${name}`
