import type {AwsSession, MetricDataResult} from '../aws/index.js'
import {minuteWindow} from '../metrics/index.js'
import {systemClock, type Clock} from '../util/clock.js'
import {cacheFigures, fetchCacheSeries, withNote, type CacheFigures, type CacheMinute, type CacheTarget} from './metrics.js'

const MINUTE_MS = 60_000
/** How far back before the flush the steady state is read. */
export const BEFORE_MS = 10 * 60_000
/** The hit ratio counts as recovered at this share of what it was before the flush. */
export const RECOVERED_SHARE = 0.9

type Side = Pick<CacheFigures, 'hitRatio' | 'integrationLatencyMs'>

/** The stable `verification` field of `cache flush --verify` (docs/json.md). */
export interface Verification {
  flushedAt: string
  /** When this look was taken. */
  checkedAt: string
  /** The minutes before the flush's minute (up to 10). */
  before: Side
  /** The first whole minute after the flush: `since` and `latest` count from it. */
  sinceStart: string
  /**
   * From `sinceStart` on. CloudWatch counts a minute at a time, so the flush's own minute mixes
   * requests from before and after it: it is in neither figure. Null until a whole minute has passed.
   */
  since: Side
  /** The newest minute since the flush with a hit ratio; null while there is none. */
  latest: CacheMinute | null
  /** The latest hit ratio is at least 90% of the one before; null when either is unknown. */
  recovered: boolean | null
  /** Every minute of both, for the chart. */
  metrics: CacheFigures
}

/** What one look at the series says about the recovery (pure: `results` cover whole minutes around `flushedAt`). */
export function recoveryOf(results: MetricDataResult[], target: CacheTarget, flushedAt: number, now: number): Verification {
  const window = minuteWindow(flushedAt - BEFORE_MS, now)
  const flushMinute = minuteWindow(flushedAt, flushedAt).start
  const sinceStart = Math.ceil(flushedAt / MINUTE_MS) * MINUTE_MS
  const side = (start: number, end: number): Side => {
    const {hitRatio, integrationLatencyMs} = cacheFigures(results, {start, end})
    return {hitRatio, integrationLatencyMs}
  }
  const before = side(window.start, flushMinute)
  const metrics = withNote(cacheFigures(results, window), target, window)
  const latest = metrics.minutes.filter((minute) => Date.parse(minute.minute) >= sinceStart && minute.hitRatio !== null).at(-1) ?? null
  return {
    flushedAt: new Date(flushedAt).toISOString(),
    checkedAt: new Date(now).toISOString(),
    before,
    sinceStart: new Date(sinceStart).toISOString(),
    since: side(sinceStart, Math.max(sinceStart, window.end)),
    latest,
    recovered: latest?.hitRatio == null || before.hitRatio === null ? null : latest.hitRatio >= RECOVERED_SHARE * before.hitRatio,
    metrics,
  }
}

export interface RecoveryOptions {
  flushedAt: number
  /** How long to watch, from now. */
  forMs: number
  /** Between looks. */
  intervalMs: number
  clock?: Clock
  onLook?(verification: Verification): void
}

/**
 * Watches a stage's hit ratio and integration latency after a flush: a look (one GetMetricData
 * call) now, then every `intervalMs`, the last at the end of `forMs`. Returns the last look.
 */
export async function watchRecovery(session: AwsSession, target: CacheTarget, options: RecoveryOptions): Promise<Verification> {
  const clock = options.clock ?? systemClock
  const until = clock.now() + options.forMs
  for (;;) {
    const now = clock.now()
    const verification = recoveryOf(await fetchCacheSeries(session, target, minuteWindow(options.flushedAt - BEFORE_MS, now)), target, options.flushedAt, now)
    options.onLook?.(verification)
    const left = until - clock.now()
    if (left <= 0) return verification
    await clock.sleep(Math.min(options.intervalMs, left))
    // A long watch is many short calls: each look gets the whole retry budget again.
    session.renewRetryBudget()
  }
}
