import {TABLES, type MetricMinute} from '../model.js'
import type {Store} from '../store.js'
import {indexMinute} from './series.js'

export interface Dimension {
  Name: string
  Value: string
}

/** What PutMetricData (or the traffic simulator) reports for one series at one time. */
export interface MetricObservation {
  namespace: string
  metricName: string
  dimensions: Dimension[]
  unit?: string
  timestamp: number
  /** Individual values, each seen `counts[i]` times (1 when counts is absent). */
  values?: number[]
  counts?: number[]
  /** A pre-aggregated statistic set, as PutMetricData's StatisticValues. */
  statistics?: {sum: number; sampleCount: number; minimum: number; maximum: number}
}

export const MINUTE_MS = 60_000

/** The start of the minute `time` (epoch ms) falls in. */
export const minuteOf = (time: number) => Math.floor(time / MINUTE_MS) * MINUTE_MS

/** A stable key for one series: namespace, metric name and dimensions in name order. */
export function seriesKey(namespace: string, metricName: string, dimensions: Dimension[]): string {
  const sorted = [...dimensions].sort((a, b) => (a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : 0))
  return JSON.stringify([namespace, metricName, sorted.map((d) => [d.Name, d.Value])])
}

/** Folds an observation into its series' one-minute aggregate, as CloudWatch stores standard-resolution data. */
export function recordMetric(store: Store, observation: MetricObservation): MetricMinute {
  const minute = minuteOf(observation.timestamp)
  const key = seriesKey(observation.namespace, observation.metricName, observation.dimensions)
  const id = `${key}|${minute}`
  const existing = store.get<MetricMinute>(TABLES.metricData, id)
  const [countedBefore, revision] = [(existing?.sampleCount ?? 0) > 0, store.revision(TABLES.metricData)]
  const entry: MetricMinute = existing ?? {
    namespace: observation.namespace,
    metricName: observation.metricName,
    dimensions: observation.dimensions,
    unit: observation.unit,
    minute,
    sum: 0,
    sampleCount: 0,
    minimum: Number.POSITIVE_INFINITY,
    maximum: Number.NEGATIVE_INFINITY,
    distribution: [],
  }
  if (observation.statistics) {
    const {sum, sampleCount, minimum, maximum} = observation.statistics
    entry.sum += sum
    entry.sampleCount += sampleCount
    entry.minimum = Math.min(entry.minimum, minimum)
    entry.maximum = Math.max(entry.maximum, maximum)
    // Percentiles need the values themselves: a statistic set gives them only when all its values are equal.
    if (minimum === maximum) addToDistribution(entry, [[minimum, sampleCount]])
    else delete entry.distribution
  } else {
    const samples = (observation.values ?? []).map((value, i): Sample => [value, observation.counts?.[i] ?? 1]).filter(([, count]) => count > 0)
    for (const [value, count] of samples) {
      entry.sum += value * count
      entry.sampleCount += count
      entry.minimum = Math.min(entry.minimum, value)
      entry.maximum = Math.max(entry.maximum, value)
    }
    addToDistribution(entry, samples)
  }
  store.put(TABLES.metricData, id, entry)
  indexMinute(store, key, entry, countedBefore, revision)
  return entry
}

/** A value and how many times it was seen. */
type Sample = [value: number, count: number]

function addToDistribution(entry: MetricMinute, samples: Sample[]): void {
  if (!entry.distribution) return
  const merged = new Map<number, number>()
  for (let i = 0; i < entry.distribution.length; i += 2) merged.set(entry.distribution[i], entry.distribution[i + 1])
  for (const [value, count] of samples) merged.set(value, (merged.get(value) ?? 0) + count)
  entry.distribution = [...merged].sort((a, b) => a[0] - b[0]).flat()
}

/**
 * A minute as an older sandbox stored it (state version 2 and before: a distribution of [value,
 * count] pairs) in today's shape (one flat array); today's minutes are returned as they are.
 */
export function upgradeMinute(minute: MetricMinute): MetricMinute {
  const distribution = minute.distribution as unknown[] | undefined
  if (Array.isArray(distribution?.[0])) minute.distribution = (distribution as Sample[]).flat()
  return minute
}
