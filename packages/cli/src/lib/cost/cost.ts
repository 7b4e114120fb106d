import type {AwsSession, MetricDataQuery} from '../aws/index.js'
import {type AnyApi, type ApiType, fetchApis, listStages, resolveApi, summarize, type FoundStage} from '../catalog/index.js'
import {apiDimension, metricName, NAMESPACE} from '../metrics/index.js'
import {systemClock, type Clock} from '../util/clock.js'
import {AWS_FAN_OUT, mapConcurrently} from '../util/concurrency.js'
import {byCodePoint} from '../util/text.js'
import {forEachTarget, located, type TargetReport, type TargetSpec} from '../fleet/index.js'
import {restOnlyFeatures} from './features.js'
import {tiered, type Prices, type Tier} from './prices.js'

export interface CostOptions {
  /** One API (id or name); all of the region's when absent. */
  api?: string
  sinceMs: number
  clock?: Clock
  prices: Prices
}

/** One API's cost over the window (USD), in `apigw cost --json` (docs/json.md). */
export interface ApiCost {
  api: {id: string; name: string; type: ApiType}
  /** Requests (REST, HTTP) or messages (WebSocket), from CloudWatch's Count or MessageCount. */
  requests: number
  /** WebSocket only: at least one minute per connection (ConnectCount); null for other kinds. */
  connectionMinutes: number | null
  requestCost: number
  /** REST only: each stage with a cache cluster, its size now, and the hours it is counted for. */
  caches: Array<{stage: string; sizeGb: string; hours: number; cost: number}>
  cost: number
  /** REST only (null otherwise): what the same traffic would cost as an HTTP API, or why it cannot be one. */
  asHttp: {restOnly: string[]; requestCost: number | null} | null
}

export interface CostReport {
  window: {start: string; end: string; hours: number}
  prices: {source: string; date: string; region: string}
  apis: ApiCost[]
  total: number
  assumptions: string[]
}

const HOUR = 3_600_000

export const ASSUMPTIONS = [
  'Tiers apply to the requests of the APIs read, as if the window were one month of this account and region.',
  'HTTP requests count in 512 KB units and WebSocket messages in 32 KB units: each is taken as one unit.',
  'WebSocket connection minutes are not in CloudWatch: each connection is counted as one minute, so this is a lower bound.',
  "A stage's cache cluster is counted with its present size for the whole window (or since the stage was created).",
  'The free tier, data transfer and CloudWatch charges are left out.',
]

/**
 * Requests per API from CloudWatch over the window (one GetMetricData call per 500 stages) × the
 * price tiers of its kind, plus cache-cluster hours × their hourly price (docs/fleet.md#cost).
 */
export async function readCost(session: AwsSession, options: CostOptions): Promise<CostReport> {
  const {prices} = options
  const entries = options.api ? [await resolveApi(session, options.api)] : await fetchApis(session)
  const withStages = await mapConcurrently(entries, AWS_FAN_OUT, async (entry) => ({entry, stages: await listStages(session, entry)}))
  const end = Math.floor((options.clock ?? systemClock).now() / 60_000) * 60_000
  const start = end - Math.ceil(options.sinceMs / 60_000) * 60_000
  const counts = await readCounts(session, withStages, {start, end})
  const hasRest = entries.some((entry) => entry.type === 'rest')
  const planned = hasRest ? new Set((await (await session.rest()).listUsagePlans()).flatMap((plan) => (plan.apiStages ?? []).map((stage) => stage.apiId!))) : new Set<string>()

  const totals = {rest: 0, http: 0, websocket: 0, connectionMinutes: 0}
  counts.forEach((count, i) => {
    totals[withStages[i].entry.type] += count.requests
    totals.connectionMinutes += count.connects
  })
  const share = (units: number, total: number, tiers: Tier[]) => (total === 0 ? 0 : (tiered(total, tiers) * units) / total)
  const requestTiers = {rest: prices.rest.requests, http: prices.http.requests, websocket: prices.websocket.messages}

  const apis = await mapConcurrently(withStages, AWS_FAN_OUT, async ({entry, stages}, i): Promise<ApiCost> => {
    const {requests, connects} = counts[i]
    const websocket = entry.type === 'websocket'
    const requestCost =
      share(requests, totals[entry.type], requestTiers[entry.type]) + (websocket ? share(connects, totals.connectionMinutes, prices.websocket.connectionMinutes) : 0)
    const caches = entry.type === 'rest' ? cacheCosts(stages, prices, {start, end}) : []
    const summary = summarize(entry)
    return {
      api: {id: summary.id, name: summary.name, type: summary.type},
      requests,
      connectionMinutes: websocket ? connects : null,
      requestCost,
      caches,
      cost: requestCost + caches.reduce((sum, cache) => sum + cache.cost, 0),
      asHttp: entry.type === 'rest' ? await asHttp(session, entry, stages, planned, requests, totals.http, prices) : null,
    }
  })
  return {
    window: {start: new Date(start).toISOString(), end: new Date(end).toISOString(), hours: (end - start) / HOUR},
    prices: {source: prices.source, date: prices.date, region: prices.region},
    apis: apis.sort((a, b) => b.cost - a.cost || byCodePoint(a.api.name, b.api.name)),
    total: apis.reduce((sum, api) => sum + api.cost, 0),
    assumptions: ASSUMPTIONS,
  }
}

/** The cost of moving this API alone onto HTTP API prices, over the HTTP requests already there; null when it uses REST-only features. */
async function asHttp(session: AwsSession, entry: AnyApi & {type: 'rest'}, stages: FoundStage[], planned: Set<string>, requests: number, httpTotal: number, prices: Prices) {
  const restOnly = await restOnlyFeatures(session, entry.api, stages.map((stage) => stage.raw as Extract<FoundStage, {kind: 'rest'}>['raw']), planned)
  const requestCost = restOnly.length > 0 ? null : tiered(httpTotal + requests, prices.http.requests) - tiered(httpTotal, prices.http.requests)
  return {restOnly, requestCost}
}

function cacheCosts(stages: FoundStage[], prices: Prices, window: {start: number; end: number}): ApiCost['caches'] {
  return stages.flatMap((stage) => {
    const cache = stage.summary.cache
    if (!cache?.enabled || !cache.size) return []
    const created = stage.kind === 'rest' && stage.raw.createdDate ? new Date(stage.raw.createdDate).getTime() : window.start
    const hours = Math.max(0, window.end - Math.max(window.start, created)) / HOUR
    return [{stage: stage.summary.name, sizeGb: cache.size, hours, cost: hours * (prices.cacheHourly[cache.size] ?? 0)}]
  })
}

/** Each API's requests (messages) and connections summed over the window, over its stages' series. */
async function readCounts(session: AwsSession, apis: Array<{entry: AnyApi; stages: FoundStage[]}>, window: {start: number; end: number}) {
  const queries: MetricDataQuery[] = []
  const owners: Array<{api: number; connects: boolean}> = []
  apis.forEach(({entry, stages}, api) => {
    const summary = summarize(entry)
    const dimension = apiDimension({kind: entry.type, id: summary.id, name: summary.name})
    const metrics = entry.type === 'websocket' ? [['messages', false], ['connects', true]] as const : [['requests', false]] as const
    for (const stage of stages) {
      for (const [signal, connects] of metrics) {
        queries.push({
          Id: `q${queries.length}`,
          MetricStat: {
            Metric: {Namespace: NAMESPACE, MetricName: metricName(entry.type, signal), Dimensions: [dimension, {Name: 'Stage', Value: stage.summary.name}]},
            Period: (window.end - window.start) / 1000,
            Stat: 'Sum',
          },
        })
        owners.push({api, connects})
      }
    }
  })
  const counts = apis.map(() => ({requests: 0, connects: 0}))
  if (queries.length === 0) return counts
  const results = await (await session.cloudwatch()).getMetricData({StartTime: new Date(window.start), EndTime: new Date(window.end), MetricDataQueries: queries})
  results.forEach((result, i) => {
    const sum = (result.Values ?? []).reduce((all, value) => all + value, 0)
    counts[owners[i].api][owners[i].connects ? 'connects' : 'requests'] += sum
  })
  return counts
}

/** `apigw cost` with --regions or --profiles: every target's APIs, each priced with its own account's and region's tiers. */
export interface FleetCostReport extends Omit<CostReport, 'window' | 'apis'> {
  /** The window every target was read over; null when none could be read. */
  window: CostReport['window'] | null
  apis: Array<ApiCost & Pick<TargetReport, 'account' | 'region' | 'profile'>>
  targets: TargetReport[]
}

export async function readFleetCost(specs: TargetSpec[], open: (spec: TargetSpec) => Promise<AwsSession>, options: Omit<CostOptions, 'api'>): Promise<FleetCostReport> {
  // One instant for every target, so that they all read the same window.
  const now = (options.clock ?? systemClock).now()
  const run = await forEachTarget(specs, open, (session) => readCost(session, {...options, clock: {...systemClock, now: () => now}}))
  const apis = located(run, (report) => report.apis).sort((a, b) => b.cost - a.cost || byCodePoint(a.api.name, b.api.name))
  return {
    window: run.results[0]?.result.window ?? null,
    prices: {source: options.prices.source, date: options.prices.date, region: options.prices.region},
    apis,
    total: apis.reduce((sum, api) => sum + api.cost, 0),
    assumptions: [...ASSUMPTIONS, 'Each region of each account is priced with the one table; tiers apply per account and region.'],
    targets: run.targets,
  }
}
