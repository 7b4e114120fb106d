import type {AwsSession, MetricDataQuery, MetricDataResult} from '../aws/index.js'
import {minuteWindow, NAMESPACE, PERIOD_SECONDS, shownMinutes, type WindowMetrics} from '../metrics/index.js'

/**
 * A REST stage's cache in CloudWatch (docs/aws-behaviour.md#metric-names-and-dimensions): CacheHitCount and CacheMissCount (Sum) and
 * IntegrationLatency (Sum and SampleCount, for its average), keyed by ApiName and Stage, one
 * datapoint a minute, over whole minutes, in ONE GetMetricData call per look. A minute without data
 * stays null: never a made-up zero, and never a 0% hit ratio.
 */

/** One minute of the stage's cache. */
export interface CacheMinute {
  /** The minute's start, ISO 8601. */
  minute: string
  hits: number | null
  misses: number | null
  /** hits ÷ (hits + misses), 0–1; null unless both were published and there were requests. */
  hitRatio: number | null
  /** Average, ms, of the requests that reached the backend. */
  integrationLatencyMs: number | null
}

/** The stable `metrics` field of `cache status`. */
export interface CacheFigures {
  window: WindowMetrics['window']
  hits: number | null
  misses: number | null
  hitRatio: number | null
  integrationLatencyMs: number | null
  minutes: CacheMinute[]
  /** Why the figures are null, when they are. */
  note: string | null
}

export interface CacheTarget {
  /** REST metrics are keyed by API name. */
  apiName: string
  stage: string
}

const QUERIES = {hits: ['CacheHitCount', 'Sum'], misses: ['CacheMissCount', 'Sum'], intSum: ['IntegrationLatency', 'Sum'], intN: ['IntegrationLatency', 'SampleCount']} as const
type Series = keyof typeof QUERIES

export function cacheQueries(target: CacheTarget): MetricDataQuery[] {
  return Object.entries(QUERIES).map(([id, [MetricName, Stat]]) => ({
    Id: id,
    MetricStat: {Metric: {Namespace: NAMESPACE, MetricName, Dimensions: [{Name: 'ApiName', Value: target.apiName}, {Name: 'Stage', Value: target.stage}]}, Period: PERIOD_SECONDS, Stat},
    ReturnData: true,
  }))
}

/** hits ÷ (hits + misses): null when either is missing or there were no requests. */
export function hitRatio(hits: number | null, misses: number | null): number | null {
  if (hits === null || misses === null || hits + misses <= 0) return null
  return hits / (hits + misses)
}

const average = (sum: number | null, count: number | null) => (sum === null || count === null || count <= 0 ? null : sum / count)

/**
 * Every minute of the window (epoch ms, whole minutes), each with what was published for it or
 * null, and the totals: sums of what was published, the hit ratio over the minutes that have
 * both counts (so a missing series never reads as "no hits"), and the average integration latency.
 */
export function cacheFigures(results: MetricDataResult[], window: {start: number; end: number}): Omit<CacheFigures, 'window' | 'note'> {
  const series = new Map<string, Map<number, number>>()
  for (const result of results) {
    const points = new Map<number, number>()
    result.Timestamps?.forEach((time, i) => points.set(new Date(time).getTime(), result.Values![i]))
    series.set(result.Id ?? '', points)
  }
  const at = (name: Series, minute: number) => series.get(name)?.get(minute) ?? null
  const starts: number[] = []
  for (let minute = window.start; minute < window.end; minute += PERIOD_SECONDS * 1000) starts.push(minute)
  const sum = (name: Series, only = starts) => {
    const values = only.map((minute) => at(name, minute)).filter((value) => value !== null)
    return values.length === 0 ? null : values.reduce((total, value) => total + value, 0)
  }
  const counted = starts.filter((minute) => hitRatio(at('hits', minute), at('misses', minute)) !== null)
  return {
    hits: sum('hits'),
    misses: sum('misses'),
    hitRatio: hitRatio(sum('hits', counted), sum('misses', counted)),
    integrationLatencyMs: average(sum('intSum'), sum('intN')),
    minutes: starts.map((minute) => ({
      minute: new Date(minute).toISOString(),
      hits: at('hits', minute),
      misses: at('misses', minute),
      hitRatio: hitRatio(at('hits', minute), at('misses', minute)),
      integrationLatencyMs: average(at('intSum', minute), at('intN', minute)),
    })),
  }
}

/** The cache series over a window of whole minutes (epoch ms): ONE GetMetricData call. */
export async function fetchCacheSeries(session: AwsSession, target: CacheTarget, window: {start: number; end: number}): Promise<MetricDataResult[]> {
  return (await session.cloudwatch()).getMetricData({MetricDataQueries: cacheQueries(target), StartTime: new Date(window.start), EndTime: new Date(window.end), ScanBy: 'TimestampAscending'})
}

/** The figures over a window, with a note when there is no hit ratio to show. */
export function withNote(figures: Omit<CacheFigures, 'window' | 'note'>, target: CacheTarget, window: {start: number; end: number}): CacheFigures {
  const note =
    figures.hitRatio === null
      ? `CloudWatch has no CacheHitCount and CacheMissCount for API "${target.apiName}" stage "${target.stage}" in ${NAMESPACE} over this window: the cache was off or being created, there were no requests, or their metrics are not published yet (they appear a minute or two after the requests).`
      : null
  return {window: shownMinutes(window.start, window.end), ...figures, note}
}

/** The stage's cache over [start, end) (epoch ms), widened to whole minutes. */
export async function readCacheMetrics(session: AwsSession, target: CacheTarget, range: {start: number; end: number}): Promise<CacheFigures> {
  const window = minuteWindow(range.start, range.end)
  return withNote(cacheFigures(await fetchCacheSeries(session, target, window), window), target, window)
}
