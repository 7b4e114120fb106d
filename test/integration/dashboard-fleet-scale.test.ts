import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {AwsSession} from '../../packages/cli/src/lib/aws/session.js'
import {readFleet} from '../../packages/cli/src/lib/dashboard/fleet.js'
import {readMetrics, stageDimensions} from '../../packages/cli/src/lib/metrics/read.js'
import {systemClock} from '../../packages/cli/src/lib/util/clock.js'
import {countingSession} from '../helpers/counting-session.js'
import {backfill} from '../helpers/live-stage.js'
import {startTestSandbox, type Sandbox} from '../helpers/sandbox.js'
import {seeder} from '../helpers/seed.js'

/** 32 stages ask 576 queries: two GetMetricData calls, made at once. */
const STAGES = 32

describe('dashboard --all over more than one GetMetricData call', () => {
  let sandbox: Sandbox
  const ids: string[] = []
  let calls: string[]
  let session: AwsSession

  beforeAll(async () => {
    sandbox = await startTestSandbox()
    const seed = seeder(sandbox.endpoint)
    for (let i = 0; i < STAGES; i++) {
      const api = await seed.httpApi(`scale-${String(i).padStart(2, '0')}`)
      ids.push(api.id)
      backfill(sandbox, api.id, '$default', {rps: 1 + (i % 3), errorRate: {'4xx': 0.01, '5xx': (i % 8) / 100}}, 0.5)
    }
    ;({session, calls} = countingSession(sandbox.endpoint))
  })
  afterAll(() => sandbox.stop())

  it('gives each stage the figures a read of that stage alone gives, over the same window', async () => {
    const now = Date.now()
    const fleet = await readFleet(session, {sinceMs: 1_800_000, clock: {...systemClock, now: () => now}})
    expect(calls.filter((call) => call === 'GetMetricData')).toHaveLength(2)
    expect(fleet.rows).toHaveLength(STAGES)
    const window = {start: Date.parse(fleet.window.start), end: Date.parse(fleet.window.end), periodSeconds: fleet.window.periodSeconds}
    const cloudwatch = await session.cloudwatch()
    for (const row of fleet.rows) {
      const parts = [{dimensions: stageDimensions({Name: 'ApiId', Value: row.api.id}, row.stage), weight: 1}]
      const [alone] = (await readMetrics(cloudwatch, window, {figures: [{kind: 'http', parts, noRequests: ''}]})).figures
      expect(row.requests).toBeGreaterThan(0)
      expect([row.requests, row.rate5xx, row.p99Ms]).toEqual([alone.requests, alone.rate5xx, alone.latencyMs.p99])
    }
    expect(new Set(fleet.rows.map((row) => row.api.id))).toEqual(new Set(ids))
    // Worst first: the 5XX rates never rise down the table.
    const rates = fleet.rows.map((row) => row.rate5xx!)
    expect(rates).toEqual([...rates].sort((a, b) => b - a))
  })
})
