import type {CloudWatchGateway, Metric, MetricDataQuery, MetricDataResult} from '../aws/cloudwatch-gateway.js'
import type {AwsSession} from '../aws/session.js'
import {mixedQuantile, type Component, type Sketch} from './distribution.js'

/**
 * A REST stage's canary and base requests in CloudWatch (aws-facts §1, §7).
 *
 * Series: AWS/ApiGateway keys REST metrics by ApiName and Stage. The canary's own series is found,
 * not assumed: ListMetrics lists the API's Stage values, and the canary's is "<stage>/Canary" (any
 * case), else another "<stage>/…canary…" value. The stage's own series counts the canary's requests
 * too, so the base is the stage minus the canary: exactly for counts, errors and integration latency
 * (sums), and through distribution sketches for latency percentiles (./distribution.ts).
 *
 * Time: API Gateway publishes one datapoint a minute, so queries use Period 60 and a window of whole
 * minutes: its start rounded down, its end rounded up, so that the minute in progress, holding the
 * newest requests, is always in. A bake of a few seconds is then judged on the minute it falls in;
 * a longer window is added up minute by minute. Everything one look needs comes from ONE
 * GetMetricData call. A rollout's first minute may hold requests from before it (a previous
 * canary's, at another share): countFrom reads that minute as it stands when the rollout begins,
 * and later looks take it off (one more GetMetricData call, once).
 */

export const NAMESPACE = 'AWS/ApiGateway'
export const PERIOD_SECONDS = 60
const MINUTE_MS = PERIOD_SECONDS * 1000

/** What one side (canary or base) did over a window. Null where there is no data: never a made-up zero. */
export interface Figures {
  requests: number | null
  errors4xx: number | null
  errors5xx: number | null
  /** Shares of requests, 0–1. */
  rate4xx: number | null
  rate5xx: number | null
  /** Latency (ms) percentiles over the window. */
  latencyMs: {p50: number | null; p90: number | null; p99: number | null}
  /** The integration's average latency (ms). */
  integrationLatencyMs: number | null
  /** Why the figures are null, when they are. */
  note: string | null
}

export interface WindowMetrics {
  window: {start: string; end: string; periodSeconds: number}
  /** The Stage dimension values used: null when CloudWatch has no such series. */
  series: {stage: string | null; canary: string | null}
  canary: Figures
  base: Figures
}

/** Where the controller and `canary status` get their numbers. */
export interface CanaryMetricsSource {
  /** Canary and base over [start, end) (epoch ms), widened to whole minutes. */
  read(window: {start: number; end: number}): Promise<WindowMetrics>
  /**
   * Counts no request made before `at`: what the minute `at` falls in holds so far (say, a previous
   * canary's requests) is read now and taken off every later look at that minute.
   */
  countFrom(at: number): Promise<void>
}

export interface MetricsTarget {
  /** REST metrics are keyed by API name (aws-facts §7). */
  apiName: string
  stage: string
}

/** The window as queried: whole minutes, at least one. */
export function minuteWindow(start: number, end: number): {start: number; end: number} {
  const from = Math.floor(start / MINUTE_MS) * MINUTE_MS
  return {start: from, end: Math.max(from + MINUTE_MS, Math.ceil(end / MINUTE_MS) * MINUTE_MS)}
}

/** The window as results show it: whole minutes, ISO 8601. */
export function shownWindow(start: number, end: number): WindowMetrics['window'] {
  const window = minuteWindow(start, end)
  return {start: new Date(window.start).toISOString(), end: new Date(window.end).toISOString(), periodSeconds: PERIOD_SECONDS}
}

/** The stage's series are looked up until the canary's shows up; then kept for the rest of the run. */
export function canaryMetrics(session: AwsSession, target: MetricsTarget): CanaryMetricsSource {
  let found: {stage?: string; canary?: string} | undefined
  let before: Baseline | undefined
  const discover = async (cloudwatch: CloudWatchGateway) => {
    if (!found?.canary) found = findSeries(await cloudwatch.listMetrics({Namespace: NAMESPACE, MetricName: 'Count', Dimensions: [{Name: 'ApiName', Value: target.apiName}]}), target)
    return found
  }
  return {
    async read(window) {
      const cloudwatch = await session.cloudwatch()
      return readWindow(cloudwatch, target, await discover(cloudwatch), minuteWindow(window.start, window.end), before)
    },
    async countFrom(at) {
      const cloudwatch = await session.cloudwatch()
      const minute = minuteWindow(at, at)
      before = {minute: minute.start, ...(await fetchSeries(cloudwatch, target, await discover(cloudwatch), minute))}
    },
  }
}

/** The Stage values of the stage's and the canary's series, among the API's stage-level (not per-method) metrics. */
export function findSeries(metrics: Metric[], target: MetricsTarget): {stage?: string; canary?: string} {
  const stages = metrics
    .filter((metric) => metric.Dimensions?.length === 2 && metric.Dimensions.some((d) => d.Name === 'ApiName' && d.Value === target.apiName))
    .map((metric) => metric.Dimensions!.find((d) => d.Name === 'Stage')?.Value)
    .filter((value): value is string => value !== undefined)
  const lower = target.stage.toLowerCase()
  const stage = stages.find((value) => value === target.stage) ?? stages.find((value) => value.toLowerCase() === lower)
  const canary =
    stages.find((value) => value.toLowerCase() === `${lower}/canary`) ??
    stages.find((value) => value.toLowerCase().startsWith(`${lower}/`) && value.toLowerCase().includes('canary'))
  return {stage, canary}
}

/** Latency percentiles asked per minute: enough knots to sketch the distribution, dense in the tail. */
const LATENCY_KNOTS: Array<[stat: string, share: number]> = [
  ['Minimum', 0],
  ['p10', 0.1],
  ['p25', 0.25],
  ['p50', 0.5],
  ['p75', 0.75],
  ['p90', 0.9],
  ['p95', 0.95],
  ['p98', 0.98],
  ['p99', 0.99],
  ['p99.5', 0.995],
  ['p99.9', 0.999],
  ['Maximum', 1],
]

/** The sums each side needs, by query id suffix. */
const SUMS = {
  count: ['Count', 'Sum'],
  e4: ['4XXError', 'Sum'],
  e5: ['5XXError', 'Sum'],
  latN: ['Latency', 'SampleCount'],
  intSum: ['IntegrationLatency', 'Sum'],
  intN: ['IntegrationLatency', 'SampleCount'],
} as const

type SumName = keyof typeof SUMS
const knotId = (stat: string) => `lat_${stat.replace('.', '_').toLowerCase()}`

/** Every query one look needs for one series ("s" the stage, "c" the canary). */
export function seriesQueries(prefix: 's' | 'c', apiName: string, stageValue: string): MetricDataQuery[] {
  const metric = (MetricName: string, Stat: string, id: string): MetricDataQuery => ({
    Id: `${prefix}_${id}`,
    MetricStat: {
      Metric: {Namespace: NAMESPACE, MetricName, Dimensions: [{Name: 'ApiName', Value: apiName}, {Name: 'Stage', Value: stageValue}]},
      Period: PERIOD_SECONDS,
      Stat,
    },
    ReturnData: true,
  })
  return [
    ...Object.entries(SUMS).map(([id, [name, stat]]) => metric(name, stat, id)),
    ...LATENCY_KNOTS.map(([stat]) => metric('Latency', stat, knotId(stat))),
  ]
}

/** One series' minutes as GetMetricData returned them: per query id suffix, value by minute. */
type SeriesData = Map<string, Map<number, number>>

function seriesData(results: MetricDataResult[], prefix: string): SeriesData {
  const data: SeriesData = new Map()
  for (const result of results) {
    if (!result.Id?.startsWith(`${prefix}_`)) continue
    const points = new Map<number, number>()
    result.Timestamps?.forEach((time, i) => points.set(new Date(time).getTime(), result.Values![i]))
    data.set(result.Id.slice(prefix.length + 1), points)
  }
  return data
}

const total = (data: SeriesData, name: SumName) => [...(data.get(name)?.values() ?? [])].reduce((sum, value) => sum + value, 0)

/** Each minute's latency sketch. */
function sketches(data: SeriesData): Sketch[] {
  const counts = data.get('latN') ?? new Map<number, number>()
  return [...counts].map(([minute, requests]) => ({
    requests,
    knots: LATENCY_KNOTS.map(([stat, share]): [number, number] | undefined => {
      const value = data.get(knotId(stat))?.get(minute)
      return value === undefined ? undefined : [value, share]
    }).filter((knot): knot is [number, number] => knot !== undefined),
  }))
}

/** One series' data, counted `weight` times: -1 takes it off. */
interface Part {
  data: SeriesData
  weight: number
}

/** A side's figures from its series, plus and minus: the base is the stage less the canary. */
function figures(parts: Part[], noRequests: string): Figures {
  const sum = (name: SumName) => parts.reduce((all, part) => all + part.weight * total(part.data, name), 0)
  const requests = sum('count')
  if (!(requests > 0)) return emptyFigures(noRequests)
  const components: Component[] = parts.flatMap((part) => sketches(part.data).map((sketch) => ({weight: part.weight, sketch})))
  const integrationRequests = sum('intN')
  return countedFigures({
    requests,
    errors4xx: Math.max(0, sum('e4')),
    errors5xx: Math.max(0, sum('e5')),
    latencyMs: {p50: mixedQuantile(components, 0.5), p90: mixedQuantile(components, 0.9), p99: mixedQuantile(components, 0.99)},
    integrationLatencyMs: integrationRequests > 0 ? sum('intSum') / integrationRequests : null,
  })
}

/** Figures from counts (requests > 0): the rates follow. */
export function countedFigures(counts: Pick<Figures, 'latencyMs' | 'integrationLatencyMs'> & {requests: number; errors4xx: number; errors5xx: number}): Figures {
  const {requests, errors4xx, errors5xx} = counts
  return {requests, errors4xx, errors5xx, rate4xx: errors4xx / requests, rate5xx: errors5xx / requests, latencyMs: counts.latencyMs, integrationLatencyMs: counts.integrationLatencyMs, note: null}
}

export function emptyFigures(note: string): Figures {
  return {requests: null, errors4xx: null, errors5xx: null, rate4xx: null, rate5xx: null, latencyMs: {p50: null, p90: null, p99: null}, integrationLatencyMs: null, note}
}

/** What one minute held when a rollout began, taken off later looks at that minute. */
interface Baseline {
  minute: number
  stage?: SeriesData
  canary?: SeriesData
}

/** Every query of the series found, over whole minutes, in ONE GetMetricData call (none when there is no series at all). */
async function fetchSeries(
  cloudwatch: CloudWatchGateway,
  target: MetricsTarget,
  found: {stage?: string; canary?: string},
  window: {start: number; end: number},
): Promise<{stage?: SeriesData; canary?: SeriesData}> {
  if (!found.stage) return {}
  const queries = [...seriesQueries('s', target.apiName, found.stage), ...(found.canary ? seriesQueries('c', target.apiName, found.canary) : [])]
  const results = await cloudwatch.getMetricData({MetricDataQueries: queries, StartTime: new Date(window.start), EndTime: new Date(window.end), ScanBy: 'TimestampAscending'})
  return {stage: seriesData(results, 's'), canary: found.canary ? seriesData(results, 'c') : undefined}
}

/** Canary and base over one window of whole minutes, less what `before` says was there earlier. */
async function readWindow(
  cloudwatch: CloudWatchGateway,
  target: MetricsTarget,
  found: {stage?: string; canary?: string},
  window: {start: number; end: number},
  before: Baseline | undefined,
): Promise<WindowMetrics> {
  const span = `${clockTime(window.start)}–${clockTime(window.end)} UTC`
  const shown = shownWindow(window.start, window.end)
  const series = {stage: found.stage ?? null, canary: found.canary ?? null}
  const noCanarySeries =
    `CloudWatch has no canary series for API "${target.apiName}" stage "${target.stage}" (Stage "${target.stage}/Canary" in ${NAMESPACE}): ` +
    'the canary has served no requests yet, or their metrics are not published yet (they appear a minute or two after the first requests).'
  const {stage, canary} = await fetchSeries(cloudwatch, target, found, window)
  if (!stage) {
    const note = `CloudWatch has no metrics for API "${target.apiName}" stage "${target.stage}" in ${NAMESPACE}: no requests yet, or not published yet (they appear a minute or two after the first requests).`
    return {window: shown, series, canary: emptyFigures(found.canary ? note : noCanarySeries), base: emptyFigures(note)}
  }
  const earlier = before && before.minute >= window.start ? before : undefined
  const side = (data: SeriesData | undefined, then: SeriesData | undefined, weight: number): Part[] => [
    ...(data ? [{data, weight}] : []),
    ...(then ? [{data: then, weight: -weight}] : []),
  ]
  const canaryParts = side(canary, earlier?.canary, 1)
  const canaryFigures = canary ? figures(canaryParts, `No canary requests in the window ${span}${earlier ? ' since the rollout began' : ''}.`) : emptyFigures(noCanarySeries)
  return {
    window: shown,
    series,
    canary: canaryFigures,
    base: figures(
      [...side(stage, earlier?.stage, 1), ...canaryParts.map((part) => ({...part, weight: -part.weight}))],
      canaryFigures.requests ? `Every request in the window ${span} went to the canary.` : `No requests in the window ${span}.`,
    ),
  }
}

/** "14:05" for a window edge. */
function clockTime(ms: number): string {
  return new Date(ms).toISOString().slice(11, 16)
}
