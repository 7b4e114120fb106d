import {TABLES, type MetricMinute} from '../model.js'
import type {Store} from '../store.js'
import {minuteOf, seriesKey} from './record.js'

/** Every stored series' minutes by series key, in time order, and the table revision it reflects. */
interface SeriesIndex {
  revision: number
  series: Map<string, MetricMinute[]>
}

/** One index per region's store, built on the first read and then kept up to date by recordMetric. */
const indexes = new WeakMap<Store, SeriesIndex>()

/**
 * Every stored series' minutes by series key, in time order. Built by one pass over the table only
 * when a change did not come through `indexMinute` (a first read, a cleared state); otherwise the
 * index kept since is returned as it is.
 */
export function indexSeries(store: Store): Map<string, MetricMinute[]> {
  const revision = store.revision(TABLES.metricData)
  let index = indexes.get(store)
  if (index?.revision !== revision) indexes.set(store, (index = {revision, series: fullScan(store)}))
  return index.series
}

function fullScan(store: Store): Map<string, MetricMinute[]> {
  const series = new Map<string, MetricMinute[]>()
  for (const minute of store.all<MetricMinute>(TABLES.metricData)) {
    if (minute.sampleCount <= 0) continue
    const key = seriesKey(minute.namespace, minute.metricName, minute.dimensions)
    const minutes = series.get(key) ?? []
    if (minutes.length === 0) series.set(key, minutes)
    minutes.push(minute)
  }
  for (const minutes of series.values()) minutes.sort((a, b) => a.minute - b.minute)
  return series
}

/**
 * Keeps an index current after recordMetric stored `minute` (revision `before` was the table's
 * just before): a minute that now counts samples joins its series in time order; one that counted
 * already is the object the index holds, updated in place. An index that had missed a change is
 * left stale, to be rebuilt on its next read.
 */
export function indexMinute(store: Store, key: string, minute: MetricMinute, countedBefore: boolean, before: number): void {
  const index = indexes.get(store)
  if (index?.revision !== before) return
  index.revision = store.revision(TABLES.metricData)
  if (countedBefore || minute.sampleCount <= 0) return
  const minutes = index.series.get(key) ?? []
  if (minutes.length === 0) index.series.set(key, minutes)
  minutes.splice(firstAtOrAfter(minutes, minute.minute), 0, minute)
}

/** The position of the first minute at or after `time` (minutes in time order). */
function firstAtOrAfter(minutes: MetricMinute[], time: number): number {
  let [low, high] = [0, minutes.length]
  while (low < high) {
    const middle = (low + high) >> 1
    if (minutes[middle].minute < time) low = middle + 1
    else high = middle
  }
  return low
}

/** What CloudWatch calls the unit of data published without one. */
export const unitOf = (minute: MetricMinute) => minute.unit ?? 'None'

/**
 * The minutes from StartTime (rounded down to the minute, as CloudWatch does) up to EndTime, grouped
 * into Period buckets aligned to the epoch, oldest first (minutes in time order).
 */
export function bucketsOf(minutes: MetricMinute[], startMs: number, endMs: number, periodMs: number): [start: number, minutes: MetricMinute[]][] {
  const buckets = new Map<number, MetricMinute[]>()
  for (let i = firstAtOrAfter(minutes, minuteOf(startMs)); i < minutes.length && minutes[i].minute < endMs; i++) {
    const minute = minutes[i]
    const start = Math.floor(minute.minute / periodMs) * periodMs
    const bucket = buckets.get(start) ?? []
    if (bucket.length === 0) buckets.set(start, bucket)
    bucket.push(minute)
  }
  return [...buckets]
}
