import {beforeAll, describe, expect, it} from 'vitest'
import {runCli} from '../helpers/cli.js'
import {backfill} from '../helpers/live-stage.js'
import {env, sandbox, seed, useSandboxCli} from '../helpers/sandbox-cli.js'

useSandboxCli()

// An absolute window (--start/--end, ISO 8601) beside --since, wherever a command reads one.
const HOUR = 3_600_000
const apigw = (...args: string[]) => runCli(args, env)
const json = (stdout: string) => JSON.parse(stdout)
const iso = (ms: number) => new Date(ms).toISOString()
const total = (points: Array<{value: number | null}>) => points.reduce((sum, point) => sum + (point.value ?? 0), 0)

describe('--start and --end', () => {
  // Traffic only between two and one whole hours ago: a window a --since from now cannot reach.
  const hour = Math.floor(Date.now() / HOUR) * HOUR
  const window = {start: hour - 2 * HOUR, end: hour - HOUR}
  let requests: number

  beforeAll(async () => {
    const api = await seed.restApi('window-shop')
    requests = backfill(sandbox, api.id, 'prod', window).requests
  })

  it('metrics get reads exactly the window named, period by period', async () => {
    const result = await apigw('metrics', 'get', '--api', 'window-shop', '--stage', 'prod', '--metric', 'count', '--start', iso(window.start), '--end', iso(window.end), '--json')
    expect(result.code, result.stderr).toBe(0)
    const series = json(result.stdout)
    expect(series.window).toMatchObject({start: iso(window.start), end: iso(window.end), periodSeconds: 60})
    expect(series.points).toHaveLength(60)
    expect(requests).toBeGreaterThan(0)
    expect(total(series.points)).toBe(requests)

    // --since counts back from --end; from now, the last hour had no traffic.
    const before = await apigw('metrics', 'get', '--api', 'window-shop', '--stage', 'prod', '--metric', 'count', '--since', '30m', '--end', iso(window.end), '--json')
    expect(json(before.stdout).window).toMatchObject({start: iso(window.end - HOUR / 2), end: iso(window.end)})
    const recent = await apigw('metrics', 'get', '--api', 'window-shop', '--stage', 'prod', '--metric', 'count', '--since', '1h', '--json')
    expect(total(json(recent.stdout).points)).toBe(0)
  })

  it('metrics check, dashboard, canary status and cache status take the window too', async () => {
    const flags = ['--api', 'window-shop', '--stage', 'prod', '--start', iso(window.start), '--end', iso(window.end), '--json']
    const check = await apigw('metrics', 'check', ...flags, '--max-5xx-rate', '100%')
    expect(check.code, check.stdout + check.stderr).toBe(0)
    for (const command of [['dashboard'], ['canary', 'status'], ['cache', 'status']]) {
      const result = await apigw(...command, ...flags)
      expect(result.code, `${command.join(' ')}: ${result.stderr}`).toBe(0)
    }
    const dashboard = json((await apigw('dashboard', ...flags)).stdout)
    expect(dashboard.window).toMatchObject({start: iso(window.start), end: iso(window.end)})
  })

  it.each([
    [['--since', '1h', '--start', '2026-12-01T09:00Z'], '--since and --start both set where the window begins; give one.'],
    [['--start', '2026-12-01T09:00'], 'Try: --start 2026-12-01T09:00Z'],
    [['--start', 'yesterday'], '--start must be an ISO 8601 time with its zone'],
    [['--start', '2026-12-01T10:00Z', '--end', '2026-12-01T09:00Z'], '--start 2026-12-01T10:00Z is not before --end 2026-12-01T09:00Z.'],
    [['--end', '2999-01-01'], '--end 2999-01-01 is in the future'],
  ])('refuses %j before any AWS call (exit 2)', async (flags, said) => {
    const result = await runCli(['metrics', 'get', '--api', 'window-shop', '--stage', 'prod', '--metric', 'count', ...flags], {...env, AWS_ENDPOINT_URL: 'http://127.0.0.1:9'})
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(said)
  })
})
