import type {MetricDataResult} from '@aws-sdk/client-cloudwatch'
import {describe, expect, it} from 'vitest'
import {cacheFigures, cacheQueries, hitRatio} from '../../packages/cli/src/lib/cache/metrics.js'
import {recoveryOf} from '../../packages/cli/src/lib/cache/verify.js'
import {waitForCacheStatus} from '../../packages/cli/src/lib/cache/wait.js'
import type {AwsSession} from '../../packages/cli/src/lib/aws/session.js'
import {fakeClock} from './fake-clock.js'

const MINUTE = 60_000
const T0 = Date.parse('2026-03-01T10:00:00.000Z')
const at = (minute: number) => new Date(T0 + minute * MINUTE)

/** One query's datapoints, by minute after T0. */
function series(Id: string, points: Record<number, number>): MetricDataResult {
  const minutes = Object.keys(points).map(Number)
  return {Id, Timestamps: minutes.map(at), Values: minutes.map((minute) => points[minute]), StatusCode: 'Complete'}
}

describe('hit ratio', () => {
  it('is hits over hits and misses; missing data stays missing, never 0%', () => {
    expect(hitRatio(80, 20)).toBe(0.8)
    expect(hitRatio(0, 10)).toBe(0)
    expect(hitRatio(0, 0)).toBeNull()
    expect(hitRatio(null, 10)).toBeNull()
    expect(hitRatio(10, null)).toBeNull()
  })

  it('asks CloudWatch for the four series of the stage, per minute', () => {
    expect(cacheQueries({apiName: 'shop', stage: 'prod'}).map((query) => [query.Id, query.MetricStat?.Metric?.MetricName, query.MetricStat?.Stat, query.MetricStat?.Period])).toEqual([
      ['hits', 'CacheHitCount', 'Sum', 60],
      ['misses', 'CacheMissCount', 'Sum', 60],
      ['intSum', 'IntegrationLatency', 'Sum', 60],
      ['intN', 'IntegrationLatency', 'SampleCount', 60],
    ])
    expect(cacheQueries({apiName: 'shop', stage: 'prod'})[0].MetricStat?.Metric?.Dimensions).toEqual([{Name: 'ApiName', Value: 'shop'}, {Name: 'Stage', Value: 'prod'}])
  })

  it('keeps every minute of the window, null where nothing was published, and totals only minutes with both counts', () => {
    const results = [
      series('hits', {0: 80, 1: 40, 3: 5}),
      series('misses', {0: 20, 1: 60}),
      series('intSum', {0: 1000, 1: 3000}),
      series('intN', {0: 20, 1: 60}),
    ]
    const figures = cacheFigures(results, {start: T0, end: T0 + 4 * MINUTE})
    expect(figures.minutes).toEqual([
      {minute: '2026-03-01T10:00:00.000Z', hits: 80, misses: 20, hitRatio: 0.8, integrationLatencyMs: 50},
      {minute: '2026-03-01T10:01:00.000Z', hits: 40, misses: 60, hitRatio: 0.4, integrationLatencyMs: 50},
      {minute: '2026-03-01T10:02:00.000Z', hits: null, misses: null, hitRatio: null, integrationLatencyMs: null},
      {minute: '2026-03-01T10:03:00.000Z', hits: 5, misses: null, hitRatio: null, integrationLatencyMs: null},
    ])
    expect(figures).toMatchObject({hits: 125, misses: 80, hitRatio: 120 / 200, integrationLatencyMs: 4000 / 80})
  })

  it('has null totals for a window with no data', () => {
    expect(cacheFigures([], {start: T0, end: T0 + 2 * MINUTE})).toMatchObject({hits: null, misses: null, hitRatio: null, integrationLatencyMs: null})
  })
})

describe('recovery after a flush', () => {
  const target = {apiName: 'shop', stage: 'prod'}
  // Steady 80% before the flush at 10:10:30, then cold and refilling.
  const hits = {5: 80, 6: 80, 7: 80, 8: 80, 9: 80, 10: 40, 11: 10, 12: 40, 13: 75}
  const results = [series('hits', hits), series('misses', Object.fromEntries(Object.entries(hits).map(([minute, value]) => [minute, 100 - value]))), series('intSum', {9: 1000, 10: 3000}), series('intN', {9: 20, 10: 60})]
  const flushedAt = T0 + 10.5 * MINUTE

  it('compares the minutes before the flush with those since, and the newest one', () => {
    const look = recoveryOf(results, target, flushedAt, T0 + 13.5 * MINUTE)
    expect(look).toMatchObject({flushedAt: '2026-03-01T10:10:30.000Z', checkedAt: '2026-03-01T10:13:30.000Z', before: {hitRatio: 0.8, integrationLatencyMs: 50}})
    // Only the whole minutes after the flush (10:11 on): 10:10 mixes requests from before it.
    expect(look.sinceStart).toBe('2026-03-01T10:11:00.000Z')
    expect(look.since.hitRatio).toBeCloseTo(125 / 300)
    expect(look.latest).toMatchObject({minute: '2026-03-01T10:13:00.000Z', hitRatio: 0.75})
    expect(look.recovered).toBe(true) // 75% ≥ 90% of 80%
    expect(look.metrics.window).toEqual({start: '2026-03-01T10:00:00.000Z', end: '2026-03-01T10:14:00.000Z', periodSeconds: 60})
  })

  it('counts nothing since the flush until its first whole minute has data: the flush minute\'s hits from before it never show as a recovery', () => {
    // At 10:10:50 only the flush's own minute exists: 40% of it is mostly requests served before the flush.
    expect(recoveryOf(results, target, flushedAt, T0 + 10.8 * MINUTE)).toMatchObject({since: {hitRatio: null, integrationLatencyMs: null}, latest: null, recovered: null})
    // A flush right on the minute counts that minute.
    expect(recoveryOf(results, target, T0 + 11 * MINUTE, T0 + 11.5 * MINUTE)).toMatchObject({sinceStart: '2026-03-01T10:11:00.000Z', latest: {hitRatio: 0.1}})
  })

  it('is not recovered while the newest minute is under 90% of before, and unknown without data', () => {
    expect(recoveryOf(results, target, flushedAt, T0 + 11.5 * MINUTE)).toMatchObject({latest: {hitRatio: 0.1}, recovered: false})
    expect(recoveryOf([], target, flushedAt, T0 + 11.5 * MINUTE)).toMatchObject({latest: null, recovered: null, before: {hitRatio: null}})
  })
})

describe('waiting for a cache cluster', () => {
  /** A session whose GetStage answers the statuses in turn, the last one for ever. */
  function sessionAnswering(statuses: string[]) {
    let looks = 0
    const getStage = async () => ({cacheClusterEnabled: true, cacheClusterSize: '0.5', cacheClusterStatus: statuses[Math.min(looks++, statuses.length - 1)]})
    return {session: {rest: async () => ({getStage})} as unknown as AwsSession, looks: () => looks}
  }

  it('looks quickly at first, then less often, and says each status it passes through', async () => {
    const clock = fakeClock()
    const progress: string[] = []
    const {session} = sessionAnswering(['CREATE_IN_PROGRESS', 'CREATE_IN_PROGRESS', 'CREATE_IN_PROGRESS', 'AVAILABLE'])
    const cluster = await waitForCacheStatus(session, {apiId: 'a1', stageName: 'prod', until: ['AVAILABLE'], timeoutMs: 600_000, clock, onProgress: (line) => progress.push(line)})
    expect(cluster).toEqual({enabled: true, size: '0.5', status: 'AVAILABLE'})
    expect(clock.slept).toEqual([250, 500, 1000])
    expect(progress).toEqual(['Waiting for the cache cluster of stage "prod" to be AVAILABLE: CREATE_IN_PROGRESS', 'The cache cluster of stage "prod" is AVAILABLE (after 1.8 s).'])
  })

  it('times out with exit 7 naming the status it is stuck in, having looked at the deadline', async () => {
    const clock = fakeClock()
    const {session, looks} = sessionAnswering(['DELETE_IN_PROGRESS'])
    await expect(waitForCacheStatus(session, {apiId: 'a1', stageName: 'prod', until: ['NOT_AVAILABLE'], timeoutMs: 20_000, clock})).rejects.toMatchObject({
      code: 'TIMED_OUT',
      exitCode: 7,
      message: expect.stringContaining('waiting for the cache cluster of stage "prod" to be NOT_AVAILABLE: it is DELETE_IN_PROGRESS'),
    })
    expect(clock.slept).toEqual([250, 500, 1000, 2000, 4000, 5000, 5000, 2250])
    expect(looks()).toBe(9)
  })
})
