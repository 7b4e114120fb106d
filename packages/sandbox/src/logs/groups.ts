import type {SandboxContext} from '../context.js'
import {appendEvent, groupArn, LogGroups, type LogGroupRecord} from './data.js'
import {constraintFailed, invalidParameter} from './errors.js'
import {checkGroupName, checkStreamName, decodeToken, encodeToken, groupNameOf, limitOf, optionalBoolean, optionalString, requiredString, type Input} from './input.js'

const DAY_MS = 86_400_000
/** PutLogEvents: at most 10,000 events and 1,048,576 bytes (each message's UTF-8 bytes + 26) per call. */
const MAX_BATCH_EVENTS = 10_000
const MAX_BATCH_BYTES = 1_048_576
/** Events older than 14 days or more than 2 hours ahead are rejected, not stored. */
const TOO_OLD_MS = 14 * DAY_MS
const TOO_NEW_MS = 2 * 3_600_000

const isName = (value: unknown): value is string => typeof value === 'string'

export function createLogGroup(context: SandboxContext, input: Input) {
  new LogGroups(context).create(checkGroupName(requiredString(input, 'logGroupName')))
  return {}
}

export function deleteLogGroup(context: SandboxContext, input: Input) {
  new LogGroups(context).delete(checkGroupName(requiredString(input, 'logGroupName')))
  return {}
}

/** Groups by name order; `logGroupNamePrefix` or a case-insensitive `logGroupNamePattern`, never both. */
export function describeLogGroups(context: SandboxContext, input: Input) {
  const prefix = optionalString(input, 'logGroupNamePrefix')
  const pattern = optionalString(input, 'logGroupNamePattern')
  if (prefix !== undefined && pattern !== undefined) throw invalidParameter('LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.')
  const limit = limitOf(input, 50)
  const token = optionalString(input, 'nextToken')
  const after = token === undefined ? undefined : decodeToken(token, isName)
  const groups = new LogGroups(context)
  const matching = groups
    .all()
    .filter((group) => (prefix === undefined || group.logGroupName.startsWith(prefix)) && (pattern === undefined || group.logGroupName.toLowerCase().includes(pattern.toLowerCase())))
    .filter((group) => after === undefined || group.logGroupName > after)
    .sort((a, b) => (a.logGroupName < b.logGroupName ? -1 : 1))
  const page = matching.slice(0, limit)
  return {
    logGroups: page.map((group) => describeGroup(context, groups, group)),
    ...(matching.length > limit ? {nextToken: encodeToken(page.at(-1)!.logGroupName)} : {}),
  }
}

function describeGroup(context: SandboxContext, groups: LogGroups, group: LogGroupRecord) {
  const arn = groupArn(context, group.logGroupName)
  return {
    logGroupName: group.logGroupName,
    creationTime: group.creationTime,
    ...(group.retentionInDays === undefined ? {} : {retentionInDays: group.retentionInDays}),
    metricFilterCount: 0,
    arn: `${arn}:*`,
    storedBytes: groups.events(group.logGroupName).storedBytes(),
    logGroupClass: 'STANDARD',
    logGroupArn: arn,
  }
}

export function createLogStream(context: SandboxContext, input: Input) {
  const events = new LogGroups(context).events(checkGroupName(requiredString(input, 'logGroupName')))
  events.create(checkStreamName(requiredString(input, 'logStreamName')), context.clock.now())
  return {}
}

/** Streams by name (or by last event time, newest last unless `descending`), paged 50 at most. */
export function describeLogStreams(context: SandboxContext, input: Input) {
  const events = new LogGroups(context).events(groupNameOf(input))
  const prefix = optionalString(input, 'logStreamNamePrefix')
  const orderBy = optionalString(input, 'orderBy') ?? 'LogStreamName'
  if (orderBy !== 'LogStreamName' && orderBy !== 'LastEventTime') throw constraintFailed('orderBy', orderBy, 'Member must satisfy enum value set: [LogStreamName, LastEventTime]')
  if (orderBy === 'LastEventTime' && prefix !== undefined) throw invalidParameter('Cannot order by LastEventTime with a logStreamNamePrefix.')
  const limit = limitOf(input, 50)
  const token = optionalString(input, 'nextToken')
  const offset = token === undefined ? 0 : decodeToken(token, (value): value is number => Number.isInteger(value) && (value as number) >= 0)
  const lastTime = (name: string) => events.streams.get(name)!.times.at(-1) ?? 0
  let names = events.names().filter((name) => prefix === undefined || name.startsWith(prefix))
  if (orderBy === 'LastEventTime') names = [...names].sort((a, b) => lastTime(a) - lastTime(b))
  if (optionalBoolean(input, 'descending')) names = [...names].reverse()
  const page = names.slice(offset, offset + limit)
  const arn = groupArn(context, groupNameOf(input))
  return {
    logStreams: page.map((name) => {
      const stream = events.streams.get(name)!
      const last = stream.times.length - 1
      return {
        logStreamName: name,
        creationTime: stream.creationTime,
        ...(last >= 0 ? {firstEventTimestamp: stream.times[0], lastEventTimestamp: stream.times[last], lastIngestionTime: stream.ingestion[last]} : {}),
        arn: `${arn}:log-stream:${name}`,
        // AWS no longer reports stream sizes (always 0).
        storedBytes: 0,
      }
    }),
    ...(offset + limit < names.length ? {nextToken: encodeToken(offset + limit)} : {}),
  }
}

interface InputEvent {
  timestamp: number
  message: string
}

const isEvent = (value: unknown): value is InputEvent =>
  value !== null && typeof value === 'object' && typeof (value as InputEvent).timestamp === 'number' && typeof (value as InputEvent).message === 'string'

/** Writes a batch (in time order) to an existing stream; events too old or too new are reported, not stored. */
export function putLogEvents(context: SandboxContext, input: Input) {
  const events = new LogGroups(context).events(checkGroupName(requiredString(input, 'logGroupName')))
  const stream = events.stream(checkStreamName(requiredString(input, 'logStreamName')))
  const batch = input.logEvents
  if (!Array.isArray(batch) || batch.length === 0) throw constraintFailed('logEvents', batch ?? null, 'Member must have length greater than or equal to 1')
  if (batch.length > MAX_BATCH_EVENTS) throw constraintFailed('logEvents', `[${batch.length} events]`, `Member must have length less than or equal to ${MAX_BATCH_EVENTS}`)
  if (!batch.every(isEvent)) throw invalidParameter('Each log event needs a timestamp (epoch ms) and a message.')
  const bytes = batch.reduce((sum, event) => sum + Buffer.byteLength(event.message) + 26, 0)
  if (bytes > MAX_BATCH_BYTES) throw invalidParameter(`Upload too large: ${bytes} bytes exceeds limit of ${MAX_BATCH_BYTES}`)
  if (batch.some((event, i) => i > 0 && event.timestamp < batch[i - 1].timestamp)) throw invalidParameter('Log events in a single PutLogEvents request must be in chronological order.')
  const now = context.clock.now()
  let tooOldEnd = -1
  let tooNewStart = -1
  batch.forEach((event, i) => {
    if (event.timestamp < now - TOO_OLD_MS) tooOldEnd = i + 1
    else if (event.timestamp > now + TOO_NEW_MS) tooNewStart = tooNewStart === -1 ? i : tooNewStart
    else appendEvent(stream, event.timestamp, event.message, now)
  })
  const rejected = {...(tooOldEnd >= 0 ? {tooOldLogEventEndIndex: tooOldEnd} : {}), ...(tooNewStart >= 0 ? {tooNewLogEventStartIndex: tooNewStart} : {})}
  return Object.keys(rejected).length > 0 ? {rejectedLogEventsInfo: rejected} : {}
}
