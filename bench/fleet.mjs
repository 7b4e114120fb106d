// npm run bench (fifth part): how `dashboard --all` grows with the fleet, and how fast a sandbox
// holding a fleet's metrics starts. One sandbox in this process grows to 100, 250, 500 and 1,000
// HTTP API stages with 30 minutes of traffic each; at each size it times the fleet read and its
// table (medians), with the GetMetricData calls made. At 500 stages its state directory is copied,
// and a sandbox process started on the copy twice (a journal to fold, then none): spawn to first
// answer, and its memory. A measurement, not a test: it prints figures against the budgets of issue 22.
import {spawn} from 'node:child_process'
import {copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync} from 'node:fs'
import {availableParallelism, loadavg, tmpdir} from 'node:os'
import {join} from 'node:path'
import {createInterface} from 'node:readline'
import {ListMetricsCommand} from '@aws-sdk/client-cloudwatch'
import {here, importFromSource, median, sandboxSession} from './bundle.mjs'

const rounds = Number(process.env.BENCH_ROUNDS ?? 3)
const SIZES = (process.env.BENCH_FLEET_SIZES ?? '100,250,500,1000').split(',').map(Number)
const STATE_AT = 500
const BUDGETS_MS = {500: 1500, 1000: 3000}

const lib = await importFromSource('fleet-lib', `
  export {AwsSession} from '../packages/cli/src/lib/aws/session.js'
  export {readFleet} from '../packages/cli/src/lib/dashboard/fleet.js'
  export {fleetView} from '../packages/cli/src/cli/ui/fleet-view.js'
  export {palette} from '../packages/cli/src/cli/ui/palette.js'
  export {sdkClients, startTestSandbox} from '../test/helpers/sandbox.js'
  export {seeder} from '../test/helpers/seed.js'
  export {backfill} from '../test/helpers/live-stage.js'`)

const stateDir = mkdtempSync(join(tmpdir(), 'apigw-bench-fleet-'))
const copyDir = mkdtempSync(join(tmpdir(), 'apigw-bench-fleet-copy-'))
const sandbox = await lib.startTestSandbox({stateDir})
let calls = 0
const session = sandboxSession(lib, sandbox.endpoint, {
  onDebug: (line) => /^cloudwatch GetMetricData ok/.test(line) && calls++,
})
const seed = lib.seeder(sandbox.endpoint)
const colors = lib.palette(false)
const thresholds = {max5xxRate: 0.01, max4xxRate: 0.05, maxP99Ms: null}

const curve = []
let stages = 0
let start
for (const size of SIZES) {
  for (; stages < size; stages++) {
    const api = await seed.httpApi(`bench-fleet-${String(stages).padStart(4, '0')}`)
    lib.backfill(sandbox, api.id, '$default', {rps: 1, errorRate: {'4xx': 0.02, '5xx': (stages % 10) / 200}}, 0.5)
  }
  const point = {size, ms: [], cpu: [], calls: 0, rows: 0}
  for (let round = 0; round < rounds; round++) {
    const before = calls
    const [started, cpu] = [performance.now(), process.cpuUsage()]
    const fleet = await lib.readFleet(session, {sinceMs: 1_800_000})
    lib.fleetView(fleet, colors, thresholds)
    point.ms.push(performance.now() - started)
    const used = process.cpuUsage(cpu)
    point.cpu.push((used.user + used.system) / 1000)
    point.calls = calls - before
    point.rows = fleet.rows.length
  }
  curve.push(point)
  if (size === STATE_AT) start = copyState()
}
await sandbox.stop()

/** The state directory as it is now (every change is written before it is answered), copied. */
function copyState() {
  for (const name of readdirSync(stateDir)) if (/^(state\.json|journal\.ndjson)$/.test(name)) copyFileSync(join(stateDir, name), join(copyDir, name))
  return {bytes: readdirSync(copyDir).reduce((all, name) => all + statSync(join(copyDir, name)).size, 0)}
}

/** A sandbox process on the copy: spawn to the first ListMetrics answered, and its memory then (MiB). */
async function startOnCopy() {
  const started = performance.now()
  const child = spawn(process.execPath, [here('../packages/cli/dist/sandbox/main.js'), JSON.stringify({stateDir: copyDir, port: 0, idleTimeoutMs: 0})], {stdio: ['ignore', 'ignore', 'pipe']})
  const endpoint = await new Promise((resolve, reject) => {
    createInterface({input: child.stderr}).on('line', (line) => {
      const listening = /listening on (\S+)/.exec(line)
      if (listening) resolve(listening[1])
      else if (/failed/.test(line)) reject(new Error(line))
    })
  })
  await lib.sdkClients(endpoint).cloudWatch.send(new ListMetricsCommand({Namespace: 'AWS/ApiGateway', MetricName: 'Count'}))
  const ms = performance.now() - started
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8')
  const mib = (field) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)[1]) / 1024
  const memory = {rss: mib('VmRSS'), peak: mib('VmHWM')}
  // utime and stime, in clock ticks (100 a second), after the command name (which may hold spaces).
  const [utime, stime] = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ').slice(11, 13).map(Number)
  const cpu = (utime + stime) * 10
  child.kill('SIGTERM')
  await new Promise((resolve) => child.once('exit', resolve))
  return {ms, cpu, ...memory}
}

const starts = start ? [await startOnCopy(), await startOnCopy()] : []
rmSync(stateDir, {recursive: true, force: true})
rmSync(copyDir, {recursive: true, force: true})

const verdict = (ok) => (ok ? 'within' : 'OVER')
console.log(`\ndashboard --all against the sandbox: read and render (fleet-view), medians of ${rounds} rounds`)
console.log(`(the CLI and the sandbox share this process: CPU ms is both, and moves less than wall ms when the machine is busy; load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores)`)
console.log('  stages   rows   GetMetricData calls   wall ms   CPU ms')
for (const point of curve) {
  const ms = median(point.ms)
  const budget = BUDGETS_MS[point.size] === undefined ? '' : `   budget ≤ ${BUDGETS_MS[point.size]} ms: ${verdict(ms <= BUDGETS_MS[point.size])}`
  console.log(`  ${String(point.size).padStart(6)}   ${String(point.rows).padStart(4)}   ${String(point.calls).padStart(19)}   ${ms.toFixed(0).padStart(7)}   ${median(point.cpu).toFixed(0).padStart(6)}${budget}`)
}
for (const [i, point] of curve.entries()) {
  if (i === 0) continue
  const previous = curve[i - 1]
  console.log(`  growth ${previous.size}→${point.size}: n^${(Math.log(median(point.ms) / median(previous.ms)) / Math.log(point.size / previous.size)).toFixed(2)}`)
}
if (start) {
  console.log(`\nSandbox start on ${STATE_AT} stages × 30 min of metrics (${(start.bytes / 1_048_576).toFixed(0)} MiB of state): spawn → first ListMetrics answer`)
  for (const [i, run] of starts.entries()) {
    const what = i === 0 ? 'with a journal to fold' : 'with an empty journal '
    console.log(`  ${what}  ${run.ms.toFixed(0).padStart(5)} ms (budget ≤ 1000: ${verdict(run.ms <= 1000)}), CPU ${run.cpu} ms   RSS ${run.rss.toFixed(0)} MiB, peak ${run.peak.toFixed(0)} MiB (budget < 200: ${verdict(run.peak < 200)})`)
  }
}
