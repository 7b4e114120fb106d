import {TABLES, type MetricMinute} from '../model.js'
import type {Store} from '../store.js'

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

const MINUTE_MS = 60_000

/** A stable key for one series: namespace, metric name and dimensions in name order. */
export function seriesKey(namespace: string, metricName: string, dimensions: Dimension[]): string {
  const sorted = [...dimensions].sort((a, b) => (a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : 0))
  return JSON.stringify([namespace, metricName, sorted.map((d) => [d.Name, d.Value])])
}

/** Folds an observation into its series' one-minute aggregate, as CloudWatch stores standard-resolution data. */
export function recordMetric(store: Store, observation: MetricObservation): MetricMinute {
  const minute = Math.floor(observation.timestamp / MINUTE_MS) * MINUTE_MS
  const id = `${seriesKey(observation.namespace, observation.metricName, observation.dimensions)}|${minute}`
  const existing = store.get<MetricMinute>(TABLES.metricData, id)
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
    // Percentiles need the values themselves; a statistic set has none.
    delete entry.distribution
  } else {
    const counts = new Map(entry.distribution)
    for (const [i, value] of (observation.values ?? []).entries()) {
      const count = observation.counts?.[i] ?? 1
      if (count <= 0) continue
      entry.sum += value * count
      entry.sampleCount += count
      entry.minimum = Math.min(entry.minimum, value)
      entry.maximum = Math.max(entry.maximum, value)
      if (entry.distribution) counts.set(value, (counts.get(value) ?? 0) + count)
    }
    if (entry.distribution) entry.distribution = [...counts].sort((a, b) => a[0] - b[0])
  }
  return store.put(TABLES.metricData, id, entry)
}
