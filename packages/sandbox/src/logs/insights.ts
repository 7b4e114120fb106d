import type {SandboxContext} from '../context.js'
import {AwsServiceError} from '../http.js'
import {firstAfter, firstAtOrAfter, LogGroups} from './data.js'
import {constraintFailed, invalidParameter} from './errors.js'
import {checkGroupName, optionalNumber, optionalString, optionalStrings, requiredString, type Input} from './input.js'
import {asNumber, malformed, parseQuery, type Aggregate, type Command, type Row} from './insights-query.js'

/** A query scans at most 50 groups and answers at most 10,000 rows (1,000 without a limit). docs/aws-behaviour.md#logs-insights-queries */
const MAX_GROUPS = 50
const DEFAULT_ROWS = 1000

type Status = 'Scheduled' | 'Running' | 'Complete' | 'Cancelled'

interface Query {
  status: Status
  results: {field: string; value: string}[][]
  statistics: {recordsMatched: number; recordsScanned: number; bytesScanned: number}
}

/** Each region store's queries, by id; answers are computed at StartQuery and shown as the status moves on. */
const queriesByContext = new WeakMap<object, Map<string, Query>>()
const queriesOf = (context: SandboxContext) => {
  let found = queriesByContext.get(context.store)
  if (!found) queriesByContext.set(context.store, (found = new Map()))
  return found
}

/** The groups a query names: `logGroupName`, `logGroupNames` or `logGroupIdentifiers` (names or ARNs), one of them. */
function queryGroups(input: Input): string[] {
  const single = optionalString(input, 'logGroupName')
  const names = optionalStrings(input, 'logGroupNames')
  const identifiers = optionalStrings(input, 'logGroupIdentifiers')
  const given = [single, names, identifiers].filter((value) => value !== undefined).length
  if (given !== 1) throw invalidParameter('Exactly one of logGroupName, logGroupNames and logGroupIdentifiers must be provided.')
  const groups = single !== undefined ? [single] : (names ?? identifiers!).map((name) => name.replace(/^arn:aws[\w-]*:logs:[\w-]+:\d{12}:log-group:([^:]+)(:\*)?$/, '$1'))
  if (groups.length > MAX_GROUPS) throw constraintFailed('logGroupNames', `[${groups.length} groups]`, `Member must have length less than or equal to ${MAX_GROUPS}`)
  return groups.map((name) => checkGroupName(name))
}

export function startQuery(context: SandboxContext, input: Input) {
  const groups = queryGroups(input)
  const start = optionalNumber(input, 'startTime')
  const end = optionalNumber(input, 'endTime')
  if (start === undefined) throw constraintFailed('startTime', null, 'Member must not be null')
  if (end === undefined) throw constraintFailed('endTime', null, 'Member must not be null')
  if (end < start) throw invalidParameter('End time should not be before the start time')
  const commands = parseQuery(requiredString(input, 'queryString'))
  const limit = optionalNumber(input, 'limit')
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1 && limit <= 10_000)) throw constraintFailed('limit', limit, 'Member must have value between 1 and 10000')
  const store = new LogGroups(context)
  const events = groups.map((name) => ({name, data: store.events(name)}))
  const queryId = crypto.randomUUID()
  queriesOf(context).set(queryId, {status: 'Scheduled', ...run(commands, events, start * 1000, end * 1000 + 999, limit)})
  return {queryId}
}

/** Scheduled, then Running, then Complete, one step each time it is asked: callers see every status, as on AWS. */
export function getQueryResults(context: SandboxContext, input: Input) {
  const query = requireQuery(context, requiredString(input, 'queryId'))
  const status = query.status
  if (status === 'Scheduled') query.status = 'Running'
  else if (status === 'Running') query.status = 'Complete'
  const done = status === 'Complete'
  return {status, results: done ? query.results : [], statistics: done ? query.statistics : {recordsMatched: 0, recordsScanned: 0, bytesScanned: 0}}
}

export function stopQuery(context: SandboxContext, input: Input) {
  const query = requireQuery(context, requiredString(input, 'queryId'))
  if (query.status === 'Complete' || query.status === 'Cancelled') throw invalidParameter(`Query is not running: its status is ${query.status}.`)
  query.status = 'Cancelled'
  return {success: true}
}

function requireQuery(context: SandboxContext, id: string): Query {
  const query = queriesOf(context).get(id)
  if (!query) throw new AwsServiceError(400, 'ResourceNotFoundException', `Query ${id} does not exist.`)
  return query
}

/** A JSON event's fields, flattened with dots (`route.key`), as Logs Insights discovers them. */
function discovered(row: Row, value: unknown, prefix: string): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    row.set(prefix, value)
    return
  }
  for (const [key, inner] of Object.entries(value)) discovered(row, inner, prefix === '' ? key : `${prefix}.${key}`)
}

function rowOf(group: string, stream: string, time: number, message: string, ptr: string): Row {
  const row: Row = new Map<string, unknown>([
    ['@timestamp', time],
    ['@message', message],
    ['@logStream', stream],
    ['@log', group],
    ['@ptr', ptr],
  ])
  if (message.startsWith('{')) {
    try {
      discovered(row, JSON.parse(message), '')
    } catch {
      // Not JSON after all: only the @ fields.
    }
  }
  return row
}

function run(commands: Command[], groups: {name: string; data: ReturnType<LogGroups['events']>}[], start: number, end: number, limit: number | undefined) {
  const statistics = {recordsMatched: 0, recordsScanned: 0, bytesScanned: 0}
  let rows: Row[] = []
  const stats = commands.findIndex((command) => command.kind === 'stats')
  const beforeStats = stats === -1 ? commands : commands.slice(0, stats)
  for (const {name, data} of groups) {
    for (const stream of data.streams.values()) {
      const to = firstAfter(stream.times, end)
      for (let i = firstAtOrAfter(stream.times, start); i < to; i++) {
        statistics.recordsScanned++
        statistics.bytesScanned += Buffer.byteLength(stream.messages[i])
        let row: Row | undefined = rowOf(name, stream.name, stream.times[i], stream.messages[i], Buffer.from(`${name}:${stream.name}:${i}`).toString('base64url'))
        for (const command of beforeStats) {
          row = step(command, row)
          if (!row) break
        }
        if (row) rows.push(row)
      }
    }
  }
  statistics.recordsMatched = rows.length
  let shown: string[] | undefined = lastFields(beforeStats)
  rows.sort((a, b) => (b.get('@timestamp') as number) - (a.get('@timestamp') as number))
  let maxRows = limit ?? DEFAULT_ROWS
  const after = stats === -1 ? [] : commands.slice(stats)
  for (const command of after) {
    if (command.kind === 'stats') {
      rows = aggregate(command, rows)
      shown = [...command.by.map((by) => by.name), ...command.aggregates.map((a) => a.name)]
    } else if (command.kind === 'sort') rows = sortRows(rows, command)
    else if (command.kind === 'limit') maxRows = command.count
    else if (command.kind === 'filter') rows = rows.filter((row) => step(command, row))
    else throw malformed(`${command.kind} after stats is not served by the sandbox.`)
  }
  if (stats === -1) {
    for (const command of commands) {
      if (command.kind === 'sort') rows = sortRows(rows, command)
      if (command.kind === 'limit') maxRows = command.count
    }
  }
  const fieldNames = shown ?? ['@timestamp', '@message']
  const results = rows.slice(0, maxRows).map((row) => [
    ...fieldNames.filter((name) => row.get(name) !== undefined).map((name) => ({field: name, value: render(name, row.get(name))})),
    ...(stats === -1 ? [{field: '@ptr', value: String(row.get('@ptr'))}] : []),
  ])
  return {results, statistics}
}

function lastFields(commands: Command[]): string[] | undefined {
  const fields = commands.filter((command) => command.kind === 'fields')
  return fields.length === 0 ? undefined : fields.flatMap((command) => command.fields.map((field) => field.name))
}

function step(command: Command, row: Row): Row | undefined {
  switch (command.kind) {
    case 'filter':
      return truthyValue(command.test(row)) ? row : undefined
    case 'parse': {
      const match = command.regex.exec(String(command.source(row) ?? ''))
      if (match) command.names.forEach((name, i) => row.set(name, match.groups?.[name] ?? match[i + 1]))
      return row
    }
    case 'fields':
      for (const field of command.fields) row.set(field.name, field.value(row))
      return row
    default:
      return row
  }
}

const truthyValue = (value: unknown) => value !== undefined && value !== null && value !== false && value !== '' && value !== 0

function aggregate(command: Extract<Command, {kind: 'stats'}>, rows: Row[]): Row[] {
  const groups = new Map<string, {key: unknown[]; rows: Row[]}>()
  for (const row of rows) {
    const key = command.by.map((by) => by.value(row))
    const id = JSON.stringify(key)
    let group = groups.get(id)
    if (!group) groups.set(id, (group = {key, rows: []}))
    group.rows.push(row)
  }
  return [...groups.values()].map(({key, rows: members}) => {
    const row: Row = new Map()
    command.by.forEach((by, i) => row.set(by.name, key[i]))
    for (const a of command.aggregates) row.set(a.name, compute(a, members))
    return row
  })
}

function compute(a: Aggregate, rows: Row[]): number | undefined {
  if (!a.field) return rows.length
  const values = rows.map((row) => a.field!(row)).filter((value) => value !== undefined && value !== null)
  if (a.kind === 'count') return values.length
  if (a.kind === 'count_distinct') return new Set(values.map(String)).size
  const numbers = values.map(asNumber).filter((value): value is number => value !== undefined)
  if (numbers.length === 0) return undefined
  switch (a.kind) {
    case 'sum':
      return numbers.reduce((sum, n) => sum + n, 0)
    case 'avg':
      return numbers.reduce((sum, n) => sum + n, 0) / numbers.length
    case 'min':
      return Math.min(...numbers)
    case 'max':
      return Math.max(...numbers)
    default: {
      // Nearest rank.
      const sorted = numbers.sort((x, y) => x - y)
      return sorted[Math.max(0, Math.ceil((a.percentile! / 100) * sorted.length) - 1)]
    }
  }
}

function sortRows(rows: Row[], command: Extract<Command, {kind: 'sort'}>): Row[] {
  return [...rows].sort((a, b) => {
    for (const key of command.keys) {
      const [x, y] = [key.value(a), key.value(b)]
      const [nx, ny] = [asNumber(x), asNumber(y)]
      const order = nx !== undefined && ny !== undefined ? nx - ny : String(x ?? '').localeCompare(String(y ?? ''))
      if (order !== 0) return key.descending ? -order : order
    }
    return 0
  })
}

/** Values as Logs Insights shows them: times as `2025-01-15 11:52:07.123`, numbers as they are. */
function render(name: string, value: unknown): string {
  if ((name === '@timestamp' || name.startsWith('bin(')) && typeof value === 'number') return new Date(value).toISOString().replace('T', ' ').replace('Z', '')
  return String(value)
}
