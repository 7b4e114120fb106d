// npm run bench (fourth part): what a dashboard costs. A sandbox in this process holds a REST stage
// with a canary and a cache (twelve panels, base and canary side by side) and three hours of
// traffic, and 100 HTTP APIs with an hour of traffic each. It times, in rounds: a dashboard refresh
// (the GetMetricData calls it makes, reading, rendering at 160x48 and 80x24), and `dashboard --all`
// (its queries and calls). A measurement, not a test: it prints medians against the budgets of issue 9.
import {importFromSource, median, sandboxSession} from './bundle.mjs'

const rounds = Number(process.env.BENCH_ROUNDS ?? 30)
const APIS = 100

const lib = await importFromSource('dashboard-lib', `
      export {AwsSession} from '../packages/cli/src/lib/aws/session.js'
      export {openDashboard} from '../packages/cli/src/lib/dashboard/stage.js'
      export {readFleet} from '../packages/cli/src/lib/dashboard/fleet.js'
      export {dashboardView} from '../packages/cli/src/cli/ui/dashboard-view.js'
      export {palette} from '../packages/cli/src/cli/ui/palette.js'
      export {startTestSandbox} from '../test/helpers/sandbox.js'
      export {seeder} from '../test/helpers/seed.js'
      export {backfill, canaryStageWithCache} from '../test/helpers/live-stage.js'`)

const sandbox = await lib.startTestSandbox()
const calls = []
const session = sandboxSession(lib, sandbox.endpoint, {
  onDebug: (line) => {
    const call = /^cloudwatch (\w+) ok/.exec(line)
    if (call) calls.push(call[1])
  },
})
const getMetricData = () => calls.filter((call) => call === 'GetMetricData').length

// The queries each GetMetricData call carries, counted at the gateway.
const cloudwatch = await session.cloudwatch()
let queries = 0
const send = cloudwatch.getMetricData
cloudwatch.getMetricData = (input) => ((queries += input.MetricDataQueries.length), send(input))

const shop = await lib.canaryStageWithCache(sandbox, 'bench-shop')
lib.backfill(sandbox, shop.id, 'prod')
const seed = lib.seeder(sandbox.endpoint)
for (let i = 0; i < APIS; i++) {
  const api = await seed.httpApi(`bench-fleet-${String(i).padStart(3, '0')}`)
  lib.backfill(sandbox, api.id, '$default', {rps: 2, errorRate: {'4xx': 0.02, '5xx': (i % 10) / 200}}, 1)
}

const thresholds = {max5xxRate: 0.01, max4xxRate: 0.05, maxP99Ms: null}
const dashboard = await lib.openDashboard(session, {api: 'bench-shop', stage: 'prod', sinceMs: 3 * 3_600_000, periodSeconds: 60, routes: false, thresholds})
const colors = lib.palette(true)
const times = {read: [], wide: [], narrow: [], calls: [], queries: []}
let panels = 0
for (let round = 0; round < rounds; round++) {
  const [callsBefore, queriesBefore] = [getMetricData(), queries]
  let started = performance.now()
  const data = await dashboard.read()
  times.read.push(performance.now() - started)
  times.calls.push(getMetricData() - callsBefore)
  times.queries.push(queries - queriesBefore)
  panels = data.panels.length
  started = performance.now()
  lib.dashboardView(data, colors, {width: 160, height: 47})
  times.wide.push(performance.now() - started)
  started = performance.now()
  lib.dashboardView(data, colors, {width: 80, height: 23})
  times.narrow.push(performance.now() - started)
}

const fleet = {ms: [], calls: [], queries: [], rows: 0}
for (let round = 0; round < Math.max(3, rounds / 6); round++) {
  const [callsBefore, queriesBefore] = [getMetricData(), queries]
  const started = performance.now()
  const result = await lib.readFleet(session, {sinceMs: 3_600_000})
  fleet.ms.push(performance.now() - started)
  fleet.calls.push(getMetricData() - callsBefore)
  fleet.queries.push(queries - queriesBefore)
  fleet.rows = result.rows.length
}
await sandbox.stop()

const verdict = (ok) => (ok ? 'within' : 'OVER')
const fleetQueries = median(fleet.queries)
const fleetCalls = median(fleet.calls)
console.log(`\napigw dashboard benchmark: ${rounds} refreshes of ${panels} panels (base and canary, 3 h of 1-minute periods), medians`)
console.log(`  GetMetricData calls per refresh  ${median(times.calls)} (${median(times.queries)} queries)   budget 1: ${verdict(Math.max(...times.calls) === 1)}`)
console.log(`  read (one call, local sandbox)   ${median(times.read).toFixed(1)} ms`)
console.log(`  render 160x48                    ${median(times.wide).toFixed(1)} ms   budget < 30 ms: ${verdict(median(times.wide) < 30)}`)
console.log(`  render 80x24                     ${median(times.narrow).toFixed(1)} ms   budget < 30 ms: ${verdict(median(times.narrow) < 30)}`)
console.log(`\ndashboard --all: ${fleet.rows} API stages, medians of ${fleet.ms.length} rounds`)
console.log(`  queries                          ${fleetQueries}`)
console.log(`  GetMetricData calls              ${fleetCalls}   budget ceil(${fleetQueries}/500) = ${Math.ceil(fleetQueries / 500)}: ${verdict(fleetCalls === Math.ceil(fleetQueries / 500))}`)
console.log(`  read (ListMetrics, GetApis, GetRestApis, GetMetricData)  ${median(fleet.ms).toFixed(0)} ms`)
