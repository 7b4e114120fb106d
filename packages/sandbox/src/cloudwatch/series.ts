import {TABLES, type MetricMinute} from '../model.js'
import type {Store} from '../store.js'
import {minuteOf, seriesKey} from './record.js'

/** Every stored series' minutes by series key, in time order: one pass over the table per request. */
export function indexSeries(store: Store): Map<string, MetricMinute[]> {
  const index = new Map<string, MetricMinute[]>()
  for (const minute of store.all<MetricMinute>(TABLES.metricData)) {
    if (minute.sampleCount <= 0) continue
    const key = seriesKey(minute.namespace, minute.metricName, minute.dimensions)
    const minutes = index.get(key) ?? []
    if (minutes.length === 0) index.set(key, minutes)
    minutes.push(minute)
  }
  for (const minutes of index.values()) minutes.sort((a, b) => a.minute - b.minute)
  return index
}

/** What CloudWatch calls the unit of data published without one. */
export const unitOf = (minute: MetricMinute) => minute.unit ?? 'None'

/**
 * The minutes from StartTime (rounded down to the minute, as CloudWatch does) up to EndTime, grouped
 * into Period buckets aligned to the epoch, oldest first.
 */
export function bucketsOf(minutes: MetricMinute[], startMs: number, endMs: number, periodMs: number): [start: number, minutes: MetricMinute[]][] {
  const from = minuteOf(startMs)
  const buckets = new Map<number, MetricMinute[]>()
  for (const minute of minutes) {
    if (minute.minute < from || minute.minute >= endMs) continue
    const start = Math.floor(minute.minute / periodMs) * periodMs
    const bucket = buckets.get(start) ?? []
    if (bucket.length === 0) buckets.set(start, bucket)
    bucket.push(minute)
  }
  return [...buckets]
}
