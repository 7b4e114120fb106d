import {beforeAll, describe, expect, it} from 'vitest'
import {runCli} from '../helpers/cli.js'
import {backfill, canaryStageWithCache} from '../helpers/live-stage.js'
import {env, sandbox, seed, useSandboxCli} from '../helpers/sandbox-cli.js'

useSandboxCli()

const MINUTE = 60_000
const metrics = (...args: string[]) => runCli(['metrics', ...args], env)
const json = (stdout: string) => JSON.parse(stdout)
/** The AWS calls a run made, from --debug. */
const callsOf = (stderr: string, operation: string) => stderr.split('\n').filter((line) => line.includes(`cloudwatch ${operation} ok`)).length

describe('apigw metrics get and check against a sandbox with traffic', () => {
  let shop: Awaited<ReturnType<typeof canaryStageWithCache>>
  let traffic: ReturnType<typeof backfill>
  let orders: {id: string}

  beforeAll(async () => {
    shop = await canaryStageWithCache(sandbox, 'metrics-shop')
    traffic = backfill(sandbox, shop.id, 'prod')
    orders = await seed.httpApi('metrics-orders')
    // The HTTP API had traffic only in the last half hour of the hour asked for below.
    backfill(sandbox, orders.id, '$default', {rps: 5}, 0.5)
    await seed.restApi('metrics-quiet')
  })

  it('gets a figure period by period, from one GetMetricData call, the period in progress left out', async () => {
    const {code, stdout, stderr} = await metrics('get', '--api', 'metrics-shop', '--stage', 'prod', '--metric', 'count', '--json', '--debug')
    expect(code).toBe(0)
    const series = json(stdout)
    expect(series).toMatchObject({api: {id: shop.id, name: 'metrics-shop', type: 'rest'}, stage: 'prod', metric: 'count', title: 'Requests', unit: 'count', traffic: 'all', unavailable: null, notes: []})
    expect(series.window.periodSeconds).toBe(60)
    expect(series.points).toHaveLength(180)
    expect(Date.parse(series.window.end)).toBeLessThanOrEqual(Date.now())
    expect(Date.parse(series.points[0].timestamp) % MINUTE).toBe(0)
    // Every request but those of the minute in progress (and the first, partial, minute's before the window).
    const total = series.points.reduce((sum: number, point: {value: number | null}) => sum + (point.value ?? 0), 0)
    expect(total).toBeLessThanOrEqual(traffic.requests)
    expect(total).toBeGreaterThan(traffic.requests * 0.98)
    expect(callsOf(stderr, 'GetMetricData')).toBe(1)
  })

  it('gives the canary and the base apart: the canary under "prod/Canary", the base as the stage less the canary', async () => {
    const rate = async (traffic: string) => {
      const {stdout} = await metrics('get', '--api', 'metrics-shop', '--stage', 'prod', '--metric', '5xx-rate', '--traffic', traffic, '--since', '1h', '--json')
      const values = json(stdout).points.map((point: {value: number}) => point.value)
      return values.reduce((sum: number, value: number) => sum + value, 0) / values.length
    }
    expect(await rate('canary')).toBeCloseTo(0.1, 1)
    expect(await rate('base')).toBeLessThan(0.01)
    const all = await rate('all')
    expect(all).toBeGreaterThan(0.015)
    expect(all).toBeLessThan(0.03)

    const {stdout} = await metrics('get', '--api', 'metrics-shop', '--stage', 'prod', '--metric', 'p99', '--traffic', 'base', '--since', '30m', '--json')
    for (const point of json(stdout).points) {
      expect(point.value).toBeGreaterThan(250)
      expect(point.value).toBeLessThan(500)
    }
  })

  it('shows the cache flush as a dip, and the canary (which does not use the cache) as missing, not 0', async () => {
    const {stdout} = await metrics('get', '--api', 'metrics-shop', '--stage', 'prod', '--metric', 'cache-hit-ratio', '--traffic', 'base', '--since', '1h', '--json')
    const byMinute = new Map(json(stdout).points.map((point: {timestamp: string; value: number}) => [Date.parse(point.timestamp), point.value]))
    const flushMinute = Math.floor(shop.flushedAt / MINUTE) * MINUTE
    expect(byMinute.get(flushMinute + MINUTE)).toBeLessThan(0.4)
    expect(byMinute.get(flushMinute - 5 * MINUTE)).toBeCloseTo(0.8, 1)
    expect(byMinute.get(flushMinute + 10 * MINUTE)).toBeCloseTo(0.8, 1)

    const canary = json((await metrics('get', '--api', 'metrics-shop', '--stage', 'prod', '--metric', 'cache-hit-ratio', '--traffic', 'canary', '--since', '10m', '--json')).stdout)
    expect(canary.points.map((point: {value: number | null}) => point.value)).toEqual(Array(10).fill(null))
    expect(canary).toMatchObject({current: null, min: null, max: null, unavailable: null})
  })

  it('writes CSV, with empty cells where CloudWatch has no data', async () => {
    const {code, stdout} = await metrics('get', '--api', 'metrics-orders', '--stage', '$default', '--metric', '5xx', '--since', '1h', '--period', '5m', '--output', 'csv')
    expect(code).toBe(0)
    const lines = stdout.trimEnd().split('\n')
    expect(lines[0]).toBe('timestamp,value')
    expect(lines).toHaveLength(13)
    expect(lines.slice(1, 6).every((line) => /^\d{4}-\d\d-\d\dT\d\d:\d[05]:00\.000Z,$/.test(line))).toBe(true)
    expect(lines.at(-2)).toMatch(/Z,\d+$/)
  })

  it('reads HTTP metrics under their own names, and refuses what an API kind does not publish', async () => {
    const {stdout} = await metrics('get', '--api', 'metrics-orders', '--stage', '$default', '--metric', 'count', '--since', '10m', '--json')
    expect(json(stdout).points.every((point: {value: number}) => point.value > 200)).toBe(true)

    const cache = await metrics('get', '--api', 'metrics-orders', '--stage', '$default', '--metric', 'cache-hit-ratio')
    expect(cache.code).toBe(2)
    expect(cache.stderr).toContain('HTTP APIs do not publish cache-hit-ratio (Cache hit ratio)')
    const canary = await metrics('get', '--api', 'metrics-orders', '--stage', '$default', '--metric', 'count', '--traffic', 'canary', '--json')
    expect(canary.code).toBe(2)
    expect(json(canary.stdout).error).toMatchObject({code: 'UNSUPPORTED_API_TYPE', suggestions: ['Try: --traffic all']})
  })

  it('says which statistic CloudWatch refused, and why, rather than failing', async () => {
    const {code, stdout} = await metrics('get', '--api', 'metrics-shop', '--stage', 'prod', '--metric', 'latency:tm99', '--since', '10m')
    expect(code).toBe(0)
    expect(stdout).toContain('unavailable: CloudWatch refused tm99 of Latency: The value tm99 for parameter MetricDataQueries.member.1.MetricStat.Stat is not supported.')
  })

  it('refuses bad flags before any call, and names a missing stage', async () => {
    const period = await metrics('get', '--api', 'metrics-shop', '--stage', 'prod', '--metric', 'count', '--period', '90s')
    expect(period).toMatchObject({code: 2})
    expect(period.stderr).toContain('--period must be whole minutes')
    const unknown = await metrics('get', '--api', 'metrics-shop', '--stage', 'prod', '--metric', 'p99-latency')
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('Unknown metric "p99-latency"')
    const stage = await metrics('get', '--api', 'metrics-shop', '--stage', 'prd', '--metric', 'count')
    expect(stage.code).toBe(4)
    expect(stage.stderr).toContain('Try: --stage prod')
  })

  it('passes a stage within its limits (exit 0) and fails one over them (exit 1), with the numbers', async () => {
    const pass = await metrics('check', '--api', 'metrics-shop', '--stage', 'prod', '--traffic', 'base', '--max-5xx-rate', '1%', '--max-p99', '800ms', '--json', '--debug')
    expect(pass.code).toBe(0)
    const passed = json(pass.stdout)
    expect(passed).toMatchObject({outcome: 'passed', pass: true, traffic: 'base', reason: null})
    expect(passed.gates.map((gate: {gate: string; status: string}) => [gate.gate, gate.status])).toEqual([['5xx-rate', 'pass'], ['4xx-rate', 'skipped'], ['p99', 'pass']])
    expect(passed.figures.requests).toBeGreaterThan(3000)
    expect(callsOf(pass.stderr, 'GetMetricData')).toBe(1)

    const fail = await metrics('check', '--api', 'metrics-shop', '--stage', 'prod', '--traffic', 'canary', '--max-5xx-rate', '1%')
    expect(fail.code).toBe(1)
    expect(fail.stdout).toMatch(/Check failed/)
    expect(fail.stdout).toMatch(/✗ +5xx-rate +\d+(\.\d+)?% +≤ 1% +canary 5XX rate \d+(\.\d+)?% \(\d+ of \d+\) > 1% allowed/)
  })

  it('reports not enough data as its own outcome, a failure unless --no-data pass', async () => {
    const quiet = await metrics('check', '--api', 'metrics-quiet', '--stage', 'prod', '--json')
    expect(quiet.code).toBe(1)
    expect(json(quiet.stdout)).toMatchObject({outcome: 'not-enough-data', pass: false, figures: {requests: null}})
    expect(json(quiet.stdout).reason).toMatch(/^CloudWatch has no metrics for REST API "metrics-quiet"/)

    const few = await metrics('check', '--api', 'metrics-orders', '--stage', '$default', '--since', '5m', '--min-requests', '100000', '--no-data', 'pass', '--json')
    expect(few.code).toBe(0)
    expect(json(few.stdout)).toMatchObject({outcome: 'not-enough-data', pass: true})
    expect(json(few.stdout).reason).toMatch(/^\d+ stage requests in the window; at least 100000 are needed to judge\.$/)

    const bad = await metrics('check', '--api', 'metrics-shop', '--stage', 'prod', '--max-5xx-rate', '1')
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('--max-5xx-rate must be a percentage between 0% and 100% (with the %)')
  })
})
