import {type ApiSummary, type ApiType, fetchApis, summarize} from '../catalog/index.js'
import type {AwsSession, Metric} from '../aws/index.js'
import {type Dimension, type FiguresItem, formulaFor, measureFor, NAMESPACE, periodWindow, readMetrics, requestMetric, type SeriesItem, shownWindow} from '../metrics/index.js'
import {systemClock, type Clock} from '../util/clock.js'
import {byCodePoint} from '../util/text.js'

/** How the 5XX rate moved from the window's first half to its second. */
export type Trend = 'up' | 'down' | 'flat'

/** One API and stage in the fleet view. */
export interface FleetRow {
  api: Pick<ApiSummary, 'id' | 'name' | 'type'>
  /** Other REST APIs of the same name: CloudWatch counts their requests in this row too. */
  sameName: string[]
  stage: string
  requests: number | null
  /** Share of requests, 0–1. */
  rate5xx: number | null
  /** Latency p99 over the window, ms (IntegrationLatency for WebSocket APIs, which publish no Latency). */
  p99Ms: number | null
  trend: Trend | null
}

/** The stable JSON shape of `dashboard --all` (docs/json.md). */
export interface Fleet {
  window: {start: string; end: string; periodSeconds: number}
  /** Worst first: highest 5XX rate, then slowest p99, then busiest. */
  rows: FleetRow[]
  /** APIs with no series in CloudWatch (no requests in the last two weeks). */
  quiet: Array<Pick<ApiSummary, 'id' | 'name' | 'type'>>
}

/** The window is cut into this many periods, for the trend. */
const PERIODS = 12

/** A stage's series found in CloudWatch, and the API it belongs to. */
interface StageRef {
  apis: ApiSummary[]
  dimensions: Dimension[]
  stage: string
}

/**
 * Every API and stage of the region with metrics: found with ListMetrics (two calls, however many
 * APIs), read with one GetMetricData call per 500 queries.
 */
export async function readFleet(session: AwsSession, options: {sinceMs: number; clock?: Clock}): Promise<Fleet> {
  const cloudwatch = await session.cloudwatch()
  const [apis, ...listed] = await Promise.all([
    fetchApis(session),
    ...(['rest', 'websocket'] as const).map((kind) => cloudwatch.listMetrics({Namespace: NAMESPACE, MetricName: requestMetric(kind)})),
  ])
  const stages = stageRefs(listed.flat(), apis.map(summarize))
  const periodSeconds = Math.max(60, Math.ceil(options.sinceMs / PERIODS / 60_000) * 60)
  const window = periodWindow((options.clock ?? systemClock).now(), options.sinceMs, periodSeconds, {current: true})
  const figures: FiguresItem[] = []
  const series: SeriesItem[] = []
  for (const ref of stages) {
    const kind = ref.apis[0].type
    const parts = [{dimensions: ref.dimensions, weight: 1}]
    figures.push({kind, parts, noRequests: 'No requests in the window.'})
    for (const name of trendMeasures(kind)) series.push({formula: formulaFor(measureFor(name, kind).measure, kind)!, parts})
  }
  const read = await readMetrics(cloudwatch, window, {figures, series})
  const rows = stages.map((ref, i): FleetRow => {
    const [errors, requests] = read.series.slice(2 * i, 2 * i + 2).map((result) => result.values)
    const [api, ...others] = ref.apis
    return {
      api: {id: api.id, name: api.name, type: api.type},
      sameName: others.map((other) => other.id),
      stage: ref.stage,
      requests: read.figures[i].requests,
      rate5xx: read.figures[i].rate5xx,
      p99Ms: read.figures[i].latencyMs.p99,
      trend: trend(errors, requests),
    }
  })
  const seen = new Set(stages.flatMap((ref) => ref.apis.map((api) => api.id)))
  return {
    window: shownWindow(window),
    rows: rows.sort(worstFirst),
    quiet: apis
      .map(summarize)
      .filter((api) => !seen.has(api.id))
      .map((api) => ({id: api.id, name: api.name, type: api.type}))
      .sort((a, b) => byCodePoint(a.name, b.name)),
  }
}

/** The server errors and the requests, per period: the trend is their ratio in each half. */
const trendMeasures = (kind: ApiType) => (kind === 'websocket' ? ['integration-errors', 'messages'] : ['5xx', 'count'])

/**
 * Stage-level series (API and Stage dimensions only; not a canary's "<stage>/Canary", whose requests
 * the stage's series counts already), matched to the APIs that exist: REST by name, others by id.
 */
function stageRefs(metrics: Metric[], apis: ApiSummary[]): StageRef[] {
  const refs = new Map<string, StageRef>()
  for (const metric of metrics) {
    const dimensions = (metric.Dimensions ?? []) as Dimension[]
    const stage = dimensions.find((d) => d.Name === 'Stage')?.Value
    const api = dimensions.find((d) => d.Name !== 'Stage')
    if (dimensions.length !== 2 || !stage || !api || stage.includes('/')) continue
    const owners = api.Name === 'ApiName' ? apis.filter((a) => a.type === 'rest' && a.name === api.Value) : apis.filter((a) => a.type !== 'rest' && a.id === api.Value)
    if (owners.length > 0) refs.set(JSON.stringify(dimensions), {apis: owners, dimensions, stage})
  }
  return [...refs.values()]
}

/** Up or down when the second half's 5XX rate differs from the first's by a fifth and at least 0.1 percentage points. */
export function trend(errors: Array<number | null>, requests: Array<number | null>): Trend | null {
  const half = Math.floor(requests.length / 2)
  const rateOf = (from: number, to: number) => {
    const sum = (values: Array<number | null>) => values.slice(from, to).reduce<number>((all, value) => all + (value ?? 0), 0)
    const asked = sum(requests)
    return asked > 0 ? sum(errors) / asked : null
  }
  const [before, after] = [rateOf(0, half), rateOf(half, requests.length)]
  if (before === null || after === null) return null
  const change = after - before
  if (Math.abs(change) < Math.max(0.001, before * 0.2)) return 'flat'
  return change > 0 ? 'up' : 'down'
}

/** Highest 5XX rate first (no data last), then slowest p99, then busiest, then by name. */
export function worstFirst(a: FleetRow, b: FleetRow): number {
  const desc = (x: number | null, y: number | null) => (y ?? -1) - (x ?? -1)
  return desc(a.rate5xx, b.rate5xx) || desc(a.p99Ms, b.p99Ms) || desc(a.requests, b.requests) || byCodePoint(a.api.name, b.api.name) || byCodePoint(a.stage, b.stage)
}
