import type {AwsSession, LogsGateway, QueryResults} from '../aws/index.js'
import {ApigwError, ExitCode} from '../errors.js'
import {systemClock, type Clock} from '../util/clock.js'
import {findStageLogs, loggingOff, type Side, type StageLogs} from './groups.js'
import {summaryQueries} from './insights.js'

/** How often the queries are asked for their results, and how long they may run. */
const POLL_MS = 1_000
const QUERY_TIMEOUT_MS = 5 * 60_000
const TOP = 10

export interface SideFigures {
  requests: number
  '4xx': number
  '5xx': number
  '4xxRate': number | null
  '5xxRate': number | null
}

/** The stable JSON shape of `logs summary` (docs/json.md). */
export interface LogsSummary {
  api: StageLogs['api']
  stage: string
  window: {start: string; end: string}
  groups: string[]
  /** 5XX and 4XX responses by route and status, most first. */
  errors: Array<{route: string; status: number; requests: number}>
  /** Routes by p99 integration latency, slowest first; null when the format has no integration latency. */
  slowest: Array<{route: string; p99: number | null; requests: number}> | null
  /** Callers (API key id, else source IP) by requests, most first; null when the format names neither. */
  callers: Array<{caller: string; requests: number; '4xx': number; '5xx': number}> | null
  /** Base and canary apart; canary null when the stage's access logs have no canary group. */
  sides: {base: SideFigures; canary: SideFigures | null}
  notes: string[]
}

export interface SummaryOptions {
  api: string
  stage: string
  startTime: number
  endTime: number
  /** Where the queries stand, for stderr. */
  onProgress?: (line: string) => void
  clock?: Clock
}

/** `apigw logs summary`: Logs Insights over the stage's access logs (base and canary groups), three queries at once. */
export async function summarizeStageLogs(session: AwsSession, options: SummaryOptions): Promise<LogsSummary> {
  const stage = await findStageLogs(session, {api: options.api, stage: options.stage, kinds: ['access'], sides: ['base', 'canary']})
  if (!stage.accessLog?.format) throw loggingOff(stage, 'logs summary reads access logs')
  const groups = stage.sources.map((source) => source.group)
  const notes = [...stage.notices]
  const queries = summaryQueries(stage.accessLog.format)
  const logs = await session.logs()
  const clock = options.clock ?? systemClock
  // The stage's group holds the canary's requests too (docs/aws-behaviour.md#api-gateway-creates-the-execution-log-groups):
  // only the count by group reads the /Canary one, to tell the canary's requests apart.
  const stageGroups = stage.sources.filter((source) => source.side === 'base').map((source) => source.group)
  const run = async (which: keyof typeof queries): Promise<QueryResults | null> => {
    const query = queries[which]
    if ('missing' in query) {
      notes.push(`No ${which === 'latency' ? 'slowest routes' : which} table: ${query.missing}.`)
      return null
    }
    const logGroupNames = which === 'requests' ? groups : stageGroups
    if (logGroupNames.length === 0) return null
    return runQuery(logs, {logGroupNames, startTime: Math.floor(options.startTime / 1000), endTime: Math.ceil(options.endTime / 1000), queryString: query.query}, clock, (line) => options.onProgress?.(`${which}: ${line}`))
  }
  const [requests, latency, callers] = await Promise.all([run('requests'), run('latency'), run('callers')])
  for (const result of [requests, callers]) if (result && result.rows.length >= 10_000) notes.push('Logs Insights returned its maximum of 10,000 rows: the figures leave out the rest; try a shorter --since.')
  const hasCanary = stage.sources.some((source) => source.side === 'canary')
  return {
    api: stage.api,
    stage: stage.stage,
    window: {start: new Date(options.startTime).toISOString(), end: new Date(options.endTime).toISOString()},
    groups,
    ...summaryTables({requests: requests?.rows ?? null, latency: latency?.rows ?? null, callers: callers?.rows ?? null}, hasCanary),
    notes,
  }
}

type Rows = Array<Record<string, string>>

/** The tables of the summary from the queries' rows (null: the query did not run). */
export function summaryTables(rows: {requests: Rows | null; latency: Rows | null; callers: Rows | null}, hasCanary: boolean): Pick<LogsSummary, 'errors' | 'slowest' | 'callers' | 'sides'> {
  return {
    errors: errorsByRoute((rows.requests ?? []).filter((row) => sideOf(row) === 'base')),
    slowest: rows.latency && rows.latency.map((row) => ({route: routeOfRow(row), p99: numberOrNull(row.p99), requests: Number(row.requests)})),
    callers: rows.callers && topCallers(rows.callers),
    sides: sidesOf(rows.requests ?? [], hasCanary),
  }
}

/** Starts a query and asks for its results until it is done (exit 7 after 5 minutes, 9 if Insights gives up). */
async function runQuery(logs: LogsGateway, input: Parameters<LogsGateway['startQuery']>[0], clock: Clock, progress: (line: string) => void): Promise<QueryResults> {
  const queryId = await logs.startQuery(input)
  const started = clock.now()
  let said = ''
  for (;;) {
    const results = await logs.getQueryResults(queryId)
    if (results.status === 'Complete') return results
    if (['Failed', 'Cancelled', 'Timeout'].includes(results.status)) {
      throw new ApigwError(`The Logs Insights query ended ${results.status}: ${input.queryString}`, {code: 'QUERY_FAILED', exitCode: ExitCode.aws, suggestions: ['Try: a shorter --since']})
    }
    if (clock.now() - started > QUERY_TIMEOUT_MS) {
      throw new ApigwError(`The Logs Insights query ${queryId} was still ${results.status} after 5 minutes.`, {code: 'QUERY_TIMEOUT', exitCode: ExitCode.timeout, suggestions: ['Try: a shorter --since']})
    }
    // A line when the query moves on (Scheduled, Running, more records), not every second.
    const line = `${results.status}, ${results.statistics?.recordsScanned ?? 0} records scanned`
    if (line !== said) progress((said = line))
    await clock.sleep(POLL_MS)
  }
}

const sideOf = (row: Record<string, string>): Side => ((row['@log'] ?? '').endsWith('/Canary') ? 'canary' : 'base')
const routeOfRow = (row: Record<string, string>) => row.route ?? `${row.method ?? '-'} ${row.path ?? '-'}`
const numberOrNull = (text: string | undefined) => (text === undefined || text === '' || Number.isNaN(Number(text)) ? null : Number(text))

/** Sums rows into one entry per key, in first-seen order. */
function tally<T extends {requests: number}>(rows: Rows, key: (row: Record<string, string>) => string | null, make: (row: Record<string, string>) => T, add: (into: T, row: Record<string, string>) => void = () => {}): T[] {
  const byKey = new Map<string, T>()
  for (const row of rows) {
    const name = key(row)
    if (name === null) continue
    const entry = byKey.get(name) ?? byKey.set(name, make(row)).get(name)!
    entry.requests += Number(row.requests)
    add(entry, row)
  }
  return [...byKey.values()]
}

function errorsByRoute(rows: Rows): LogsSummary['errors'] {
  const errors = tally(rows, (row) => (Number(row.status) >= 400 ? `${routeOfRow(row)} ${row.status}` : null), (row) => ({route: routeOfRow(row), status: Number(row.status), requests: 0}))
  return errors.sort((a, b) => b.requests - a.requests || b.status - a.status).slice(0, 2 * TOP)
}

function topCallers(rows: Rows): NonNullable<LogsSummary['callers']> {
  const callerOf = (row: Record<string, string>) => [row.key, row.ip].find((value) => value && value !== '-') ?? '-'
  const callers = tally(rows, callerOf, (row) => ({caller: callerOf(row), requests: 0, '4xx': 0, '5xx': 0}), (entry, row) => {
    const status = Number(row.status)
    if (status >= 500) entry['5xx'] += Number(row.requests)
    else if (status >= 400) entry['4xx'] += Number(row.requests)
  })
  return callers.sort((a, b) => b.requests - a.requests).slice(0, TOP)
}

/** The canary's figures from its own group; the base's are the stage group's less the canary's. */
function sidesOf(rows: Rows, hasCanary: boolean): LogsSummary['sides'] {
  const count = (side: Side) => {
    const figures = {requests: 0, '4xx': 0, '5xx': 0}
    for (const row of rows.filter((row) => sideOf(row) === side)) {
      const [requests, status] = [Number(row.requests), Number(row.status)]
      figures.requests += requests
      if (status >= 500) figures['5xx'] += requests
      else if (status >= 400) figures['4xx'] += requests
    }
    return figures
  }
  const [all, canary] = [count('base'), count('canary')]
  const base = hasCanary ? {requests: all.requests - canary.requests, '4xx': all['4xx'] - canary['4xx'], '5xx': all['5xx'] - canary['5xx']} : all
  return {base: withRates(base), canary: hasCanary ? withRates(canary) : null}
}

function withRates(figures: {requests: number; '4xx': number; '5xx': number}): SideFigures {
  const rate = (errors: number) => (figures.requests === 0 ? null : errors / figures.requests)
  return {...figures, '4xxRate': rate(figures['4xx']), '5xxRate': rate(figures['5xx'])}
}
