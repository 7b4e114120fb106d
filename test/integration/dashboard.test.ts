import {CreateStageCommand} from '@aws-sdk/client-apigatewayv2'
import {beforeAll, describe, expect, it} from 'vitest'
import {runCli} from '../helpers/cli.js'
import {backfill, canaryStageWithCache} from '../helpers/live-stage.js'
import {clients, env, sandbox, seed, useSandboxCli} from '../helpers/sandbox-cli.js'

useSandboxCli()

const dashboard = (...args: string[]) => runCli(['dashboard', ...args], env)
const json = (stdout: string) => JSON.parse(stdout)
const callsOf = (stderr: string, operation: string) => stderr.split('\n').filter((line) => line.includes(`cloudwatch ${operation} ok`)).length

const REST_PANELS = ['count', '4xx', '4xx-rate', '5xx', '5xx-rate', 'p50', 'p90', 'p99', 'integration-p50', 'integration-p90', 'integration-p99', 'cache-hit-ratio']

describe('apigw dashboard against a sandbox with traffic', () => {
  let shop: Awaited<ReturnType<typeof canaryStageWithCache>>
  let orders: {id: string}
  let chat: {id: string}

  beforeAll(async () => {
    shop = await canaryStageWithCache(sandbox, 'dash-shop')
    backfill(sandbox, shop.id, 'prod')
    orders = await seed.httpApi('dash-orders')
    backfill(sandbox, orders.id, '$default', {rps: 5, errorRate: {'4xx': 0.01, '5xx': 0.05}}, 1)
    chat = await seed.websocketApi('dash-chat')
    await clients.v2.send(new CreateStageCommand({ApiId: chat.id, StageName: 'live'}))
    backfill(sandbox, chat.id, 'live', {rps: 5}, 1)
    await seed.restApi('dash-quiet')
  })

  it('shows twelve panels of a REST stage with a cache, base and canary side by side, from one GetMetricData call', async () => {
    const {code, stdout, stderr} = await dashboard('--api', 'dash-shop', '--stage', 'prod', '--json', '--debug')
    expect(code).toBe(0)
    const data = json(stdout)
    expect(data.panels.map((panel: {metric: string}) => panel.metric)).toEqual(REST_PANELS)
    expect(data).toMatchObject({api: {name: 'dash-shop', type: 'rest'}, stage: 'prod', traffic: ['base', 'canary'], canary: {deploymentId: shop.canaryDeploymentId, percentTraffic: 20}, routes: null, notes: []})
    expect(data.timestamps).toHaveLength(180)
    const panel = (metric: string) => data.panels.find((p: {metric: string}) => p.metric === metric)
    const [base, canary] = panel('5xx-rate').series
    expect(base.traffic).toBe('base')
    expect(base.max).toBeLessThan(0.05)
    expect(canary.current).toBeGreaterThan(0.03)
    expect(panel('5xx-rate').limit).toBe(0.01)
    // The canary does not use the stage cache: its hit ratio is missing, never 0.
    expect(panel('cache-hit-ratio').series[1]).toMatchObject({current: null, min: null, max: null})
    expect(panel('cache-hit-ratio').series[0].min).toBeLessThan(0.4)
    expect(callsOf(stderr, 'GetMetricData')).toBe(1)
    expect(callsOf(stderr, 'ListMetrics')).toBe(1)
  })

  it('prints one snapshot without a terminal, 80 columns wide, or as wide as COLUMNS says', async () => {
    const {code, stdout, stderr} = await dashboard('--api', 'dash-shop', '--stage', 'prod', '--watch')
    expect(code).toBe(0)
    expect(stderr).toContain('--watch redraws on a terminal only: printed one snapshot.')
    const lines = stdout.trimEnd().split('\n')
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(80)
    expect(stdout).toMatch(/^dash-shop \(\w+\) REST · stage prod · \d\d:\d\d–\d\d:\d\d UTC · 1m periods$/m)
    expect(stdout).toContain('canary 20% (deployment')
    expect(stdout).toMatch(/^5XX rate \(%\)  limit 1%$/m)
    expect(stdout).toMatch(/^base  now [\d.]+%/m)
    expect(stdout).not.toContain('\x1b[')

    const wide = await runCli(['dashboard', '--api', 'dash-shop', '--stage', 'prod'], {...env, COLUMNS: '160'})
    const wideLines = wide.stdout.trimEnd().split('\n')
    expect(Math.max(...wideLines.map((line) => line.length))).toBeGreaterThan(120)
    expect(Math.max(...wideLines.map((line) => line.length))).toBeLessThanOrEqual(160)
  })

  it('leaves out what an HTTP or WebSocket API does not publish, and shows a WebSocket API\'s own panels', async () => {
    const http = json((await dashboard('--api', 'dash-orders', '--stage', '$default', '--since', '1h', '--json')).stdout)
    expect(http.panels.map((panel: {metric: string}) => panel.metric)).toEqual(REST_PANELS.slice(0, -1))
    expect(http.traffic).toEqual(['all'])
    const websocket = json((await dashboard('--api', 'dash-chat', '--stage', 'live', '--since', '1h', '--json')).stdout)
    expect(websocket.panels.map((panel: {metric: string}) => panel.metric)).toEqual(['connects', 'messages', 'client-errors', 'integration-errors', 'execution-errors', 'integration-p50', 'integration-p90', 'integration-p99'])
    expect(websocket.panels[1].series[0].current).toBeGreaterThan(100)
  })

  it('says how to turn detailed metrics on for --routes, and shows each method\'s panels once they are', async () => {
    const off = await dashboard('--api', 'dash-orders', '--stage', '$default', '--since', '1h', '--routes')
    expect(off.code).toBe(0)
    expect(off.stdout.replaceAll('\n', ' ')).toContain(`Detailed metrics are off for stage "$default", so CloudWatch has no per-route series. Try: apigw stages set --api ${orders.id} --stage '$default' --metrics on`)

    const set = await runCli(['stages', 'set', '--api', 'dash-orders', '--stage', '$default', '--metrics', 'on'], env)
    expect(set.code).toBe(0)
    const waiting = json((await dashboard('--api', 'dash-orders', '--stage', '$default', '--routes', '--json')).stdout)
    expect(waiting.routes).toMatchObject({detailedMetrics: true, routes: []})
    expect(waiting.routes.note).toMatch(/^Detailed metrics are on, but CloudWatch has no per-route series/)

    backfill(sandbox, orders.id, '$default', {rps: 5}, 0.25)
    const on = await dashboard('--api', 'dash-orders', '--stage', '$default', '--since', '15m', '--routes', '--json', '--debug')
    const routes = json(on.stdout).routes
    expect(routes.note).toBeNull()
    expect(routes.routes.map((route: {route: string}) => route.route)).toEqual(['GET /orders'])
    expect(routes.routes[0].panels.map((panel: {metric: string}) => panel.metric)).toEqual(['count', '5xx-rate', 'p99'])
    expect(routes.routes[0].panels[0].series[0].current).toBeGreaterThan(100)
    expect(callsOf(on.stderr, 'GetMetricData')).toBe(1)
    const text = await runCli(['dashboard', '--api', 'dash-orders', '--stage', '$default', '--since', '15m', '--routes'], env)
    expect(text.stdout).toMatch(/^Routes\n +now min–max\n {2}GET \/orders\n {4}count +[▁-█ ]+ +\d+/m)
  })

  it('finds REST per-method series (ApiName, Method, Resource, Stage) too', async () => {
    await seed.restApi('dash-methods')
    await runCli(['stages', 'set', '--api', 'dash-methods', '--stage', 'prod', '--metrics', 'on'], env)
    const methods = await runCli(['apis', 'show', '--api', 'dash-methods', '--json'], env)
    backfill(sandbox, json(methods.stdout).api.id, 'prod', {}, 0.25)
    const data = json((await dashboard('--api', 'dash-methods', '--stage', 'prod', '--since', '10m', '--routes', '--json')).stdout)
    expect(data.routes.routes.map((route: {route: string}) => route.route)).toEqual(['GET /pets'])
    // Every request went to the one method: its series and the stage's agree.
    expect(data.routes.routes[0].panels[0].series[0].values).toEqual(data.panels[0].series[0].values)
  })

  it('says so when CloudWatch has nothing for the stage, and shows its figures as missing rather than 0', async () => {
    const data = json((await dashboard('--api', 'dash-quiet', '--stage', 'prod', '--since', '10m', '--json')).stdout)
    expect(data.notes[0]).toMatch(/^CloudWatch has no metrics for REST API "dash-quiet" \(\w+\) stage "prod" in AWS\/ApiGateway: no requests yet/)
    for (const panel of data.panels) expect(panel.series[0]).toMatchObject({current: null, min: null, max: null, values: Array(10).fill(null)})
    const text = await dashboard('--api', 'dash-quiet', '--stage', 'prod', '--since', '10m')
    expect(text.stdout).toMatch(/^Requests \(req\/min\)  no data$/m)
  })

  it('--all: a row per API and stage with metrics, worst first, and the quiet APIs named', async () => {
    const {code, stdout, stderr} = await dashboard('--all', '--json', '--debug')
    expect(code).toBe(0)
    const fleet = json(stdout)
    const names = fleet.rows.map((row: {api: {name: string}; stage: string}) => `${row.api.name} ${row.stage}`)
    expect(names.slice(0, 2)).toEqual(['dash-orders $default', 'dash-shop prod'])
    expect(names).toContain('dash-chat live')
    const orders = fleet.rows[0]
    expect(orders.rate5xx).toBeGreaterThan(0.03)
    expect(orders.p99Ms).toBeGreaterThan(200)
    expect(['up', 'down', 'flat']).toContain(orders.trend)
    expect(fleet.quiet.map((api: {name: string}) => api.name)).toContain('dash-quiet')
    expect(callsOf(stderr, 'GetMetricData')).toBe(1)

    const table = await dashboard('--all', '--since', '30m')
    expect(table.stdout).toMatch(/^API +ID +TYPE +STAGE +REQUESTS +5XX RATE +TREND +P99$/m)
    expect(table.stdout).toMatch(/^dash-orders +\w+ +HTTP +\$default +[\d.]+k? +[\d.]+% +[↑↓→] +\d+ ms$/m)
  })

  it('refuses flags that do not go together', async () => {
    const none = await dashboard()
    expect(none.code).toBe(2)
    expect(none.stderr).toContain('--api and --stage name the stage to show (or --all for every stage of the region).')
    expect((await dashboard('--all', '--api', 'dash-shop')).code).toBe(2)
    const watch = await dashboard('--api', 'dash-shop', '--stage', 'prod', '--watch', 'soon')
    expect(watch.code).toBe(2)
    expect(watch.stderr).toContain('--watch must be a duration')
  })
})
