import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {TABLES, type StageRecord} from '../../packages/sandbox/src/model.js'
import {simulateTraffic} from '../../packages/sandbox/src/traffic/simulate.js'
import {awsEnv, runCli} from '../helpers/cli.js'
import {seeder} from '../helpers/seed.js'
import {startTestSandbox, type Sandbox} from '../helpers/sandbox.js'
import {movableClock} from '../helpers/sandbox-clock.js'

const MINUTE = 60_000

/**
 * The sandbox runs on a clock the test can set back, so that a cache can be enabled, warmed and
 * flushed "earlier" and apigw, on the real clock, reads that history from CloudWatch now.
 */
describe('the hit ratio after a flush, in sandbox traffic', () => {
  const {clock, travelTo} = movableClock()
  let sandbox: Sandbox
  let env: Record<string, string>
  let seed: ReturnType<typeof seeder>
  beforeAll(async () => {
    sandbox = await startTestSandbox({clock})
    env = awsEnv(sandbox.endpoint)
    seed = seeder(sandbox.endpoint)
  })
  afterAll(() => sandbox.stop())

  const apigw = (...args: string[]) => runCli(args, env)
  const json = (stdout: string) => JSON.parse(stdout)
  const flushes = (apiId: string) => sandbox.context.store.get<StageRecord>(TABLES.stages, `${apiId}/prod`)!.cacheFlushes
  const traffic = (apiId: string, start: number, end: number, rps: number) =>
    simulateTraffic(sandbox.context, {apiId, stage: 'prod', rps, start, end, errorRate: {'4xx': 0, '5xx': 0}, latency: {p50: 40, p99: 350}, cacheHit: 0.8})

  /** A REST stage whose cache was enabled at `from` and served steady traffic until `until` (real times). */
  async function warmCache(name: string, from: number, until: number): Promise<string> {
    travelTo(from)
    const api = await seed.petsApi(name)
    const enabled = await apigw('cache', 'enable', '--api', api.id, '--stage', 'prod', '--wait')
    expect(enabled.code, enabled.stderr).toBe(0)
    traffic(api.id, clock.now(), until, 100)
    return api.id
  }

  it('cache status shows the hit ratio fall at a flush and climb back over the next five minutes', async () => {
    const now = Date.now()
    const apiId = await warmCache('hit-ratio', now - 45 * MINUTE, now - 20 * MINUTE)
    travelTo(now - 20 * MINUTE)
    const flushed = await apigw('cache', 'flush', '--api', apiId, '--stage', 'prod')
    expect(flushed.code, flushed.stderr).toBe(0)
    const [flushedAt] = flushes(apiId)
    traffic(apiId, now - 20 * MINUTE, now, 100)
    travelTo(Date.now())

    const result = await apigw('cache', 'status', '--api', apiId, '--stage', 'prod', '--since', '50m', '--json')
    expect(result.code, result.stderr).toBe(0)
    const {metrics} = json(result.stdout)
    const flushMinute = Math.floor(flushedAt / MINUTE) * MINUTE
    const ratio = (minutesAfterFlush: number) => metrics.minutes.find((minute: {minute: string}) => Date.parse(minute.minute) === flushMinute + minutesAfterFlush * MINUTE).hitRatio
    for (const before of [-10, -5, -2]) expect(ratio(before)).toBeGreaterThan(0.75)
    // Cold after the flush, refilling linearly over the default TTL (300 s).
    expect(ratio(1)).toBeLessThan(0.35)
    for (const minute of [2, 3, 4]) expect(ratio(minute)).toBeGreaterThan(ratio(minute - 1))
    for (const after of [6, 10, 15]) expect(ratio(after)).toBeGreaterThan(0.75)
    expect(metrics.hitRatio).toBeGreaterThan(0.5)
    expect(metrics.hitRatio).toBeLessThan(0.8)
    expect(metrics.integrationLatencyMs).toBeGreaterThan(0)
    // Minutes before the cache existed have no hit ratio: missing, not 0%.
    expect(metrics.minutes[0].hitRatio).toBeNull()

    const table = await apigw('cache', 'status', '--api', apiId, '--stage', 'prod', '--since', '50m')
    expect(table.stdout).toMatch(/^per minute\s+\s*[▁▂▃▄▅▆▇█ ]+ hit ratio, a bar a minute$/m)
  })

  it('flush --verify watches the hit ratio and integration latency after the flush: far below the steady state, not recovered yet', async () => {
    const now = Date.now()
    const apiId = await warmCache('verify', now - 30 * MINUTE, now)
    travelTo(Date.now())
    // Live traffic from the moment the sandbox records the flush.
    let last: number | undefined
    const timer = setInterval(() => {
      const [flushedAt] = flushes(apiId)
      if (flushedAt === undefined) return
      const end = Date.now()
      traffic(apiId, last ?? flushedAt, end, 5000)
      last = end
    }, 250)
    try {
      const result = await apigw('cache', 'flush', '--api', apiId, '--stage', 'prod', '--wait', '--verify-for', '3s', '--json')
      expect(result.code, result.stderr).toBe(0)
      const {verification} = json(result.stdout)
      expect(verification.flushedAt).toMatch(/^\d{4}-\d\d-\d\dT/)
      expect(verification.before.hitRatio).toBeGreaterThan(0.75)
      expect(verification.before.integrationLatencyMs).toBeGreaterThan(0)
      // Only requests after the flush count, a whole minute at a time: until the first minute after it
      // has begun there is no figure at all (a 3 s watch rarely crosses a minute), and then it is low.
      expect(verification.sinceStart).toBe(new Date(Math.ceil(Date.parse(verification.flushedAt) / MINUTE) * MINUTE).toISOString())
      if (verification.since.hitRatio === null) {
        expect(verification).toMatchObject({latest: null, recovered: null})
        expect(result.stderr).toContain(`hit ratio since the flush n/a yet (counts from ${verification.sinceStart.slice(11, 16)})`)
      } else {
        expect(verification.since.hitRatio).toBeLessThan(0.5)
        expect(verification.latest.hitRatio).toBeLessThan(0.5)
        expect(verification.recovered).toBe(false)
      }
      expect(verification.metrics.minutes.length).toBeGreaterThanOrEqual(11)
      expect(result.stderr).toContain('Watching the hit ratio and integration latency of stage "prod" for 3s after the flush…')
      expect(result.stderr).toMatch(/UTC {2}hit ratio since the flush ([\d.]+%|n\/a yet \(counts from \d\d:\d\d\)) \(before [\d.]+%; latest minute ([\d.]+%|-)\), integration latency (\d+ ms|-) \(before \d+ ms\)/)

      const table = await apigw('cache', 'flush', '--api', apiId, '--stage', 'prod', '--verify-for', '1s')
      expect(table.stdout).toMatch(/^hit ratio\s+[▁▂▃▄▅▆▇█ ]*│[▁▂▃▄▅▆▇█ ]*\s+[\d.]+%/m)
      expect(table.stdout).toMatch(/^recovered\s+(not yet \(under 90%|n\/a yet \(counts from \d\d:\d\d\))/m)
    } finally {
      clearInterval(timer)
    }
  })
})
