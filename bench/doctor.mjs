// npm run bench (fifth part): what `apigw doctor --all` costs. A sandbox in this process holds REST
// APIs of 5 stages each, written straight into its store; doctor audits 100, 250 and 500 stages,
// first through the library (median of rounds), then as the built CLI, a process of its own, on
// 500. It prints the curve, the AWS calls per audit, and the budget of issue 20 (500 stages < 10 s).
// A measurement, not a test.
import {spawn} from 'node:child_process'
import {here, importFromSource, median, sandboxSession} from './bundle.mjs'

const rounds = Number(process.env.BENCH_ROUNDS ?? 3)
const STAGES_PER_API = 5
const SIZES = [100, 250, 500]

const lib = await importFromSource('doctor-lib', `
      export {AwsSession} from '../packages/cli/src/lib/aws/session.js'
      export {runDoctor} from '../packages/cli/src/lib/doctor/audit.js'
      export {startTestSandbox} from '../test/helpers/sandbox.js'
      export {seedRestApi, seedRestStage} from '../test/helpers/sandbox-seed.js'`)

const sandbox = await lib.startTestSandbox()
const store = sandbox.context.store
let apis = 0
/** Adds APIs until the region holds `stages` stages. */
function grow(stages) {
  const created = new Date('2026-12-01T00:00:00Z').getTime()
  while (apis * STAGES_PER_API < stages) {
    const id = `bench${String(apis).padStart(5, '0')}`
    lib.seedRestApi(store, {id, createdDate: created})
    for (let s = 0; s < STAGES_PER_API; s++) lib.seedRestStage(store, {apiId: id, stageName: `stage${s}`, deploymentId: 'd1', createdDate: created})
    apis++
  }
}

const newSession = () =>
  sandboxSession(lib, sandbox.endpoint, {retryBudgetMs: 30_000})

const curve = []
for (const size of SIZES) {
  grow(size)
  const times = []
  let report
  for (let round = 0; round < rounds; round++) {
    const started = performance.now()
    report = (await lib.runDoctor(newSession(), {failOn: 'high'})).report
    times.push(performance.now() - started)
  }
  curve.push({size, ms: median(times), calls: report.calls, stages: report.scope.stages, findings: report.findings.length})
}

// The built CLI as an operator runs it: a process of its own, start-up included.
// Not spawnSync: the sandbox answering it lives in this process's event loop.
const started = performance.now()
const cli = await new Promise((resolve, reject) => {
  const child = spawn(process.execPath, [here('../packages/cli/bin/run.js'), 'doctor', '--all', '--json'], {
    env: {PATH: process.env.PATH, HOME: process.env.HOME, AWS_ACCESS_KEY_ID: 'bench', AWS_SECRET_ACCESS_KEY: 'bench', AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL: sandbox.endpoint, AWS_EC2_METADATA_DISABLED: 'true'},
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let stdout = ''
  child.stdout.on('data', (chunk) => (stdout += chunk))
  child.on('error', reject)
  child.on('close', (status) => resolve({status, stdout}))
})
const cliMs = performance.now() - started
await sandbox.stop()
const cliReport = cli.stdout ? JSON.parse(cli.stdout) : undefined

console.log(`\napigw doctor --all benchmark: REST APIs of ${STAGES_PER_API} stages in a sandbox in this process, medians of ${rounds} rounds`)
console.log('  stages  APIs  AWS calls  findings  time')
for (const point of curve) {
  console.log(`  ${String(point.stages).padStart(6)}  ${String(point.stages / STAGES_PER_API).padStart(4)}  ${String(point.calls).padStart(9)}  ${String(point.findings).padStart(8)}  ${point.ms.toFixed(0).padStart(5)} ms`)
}
const last = curve.at(-1)
console.log(`  budget: 500 stages < 10 s: ${last.ms < 10_000 ? 'within' : 'OVER'} (${(last.ms / 1000).toFixed(2)} s, ${(last.ms / last.stages).toFixed(1)} ms a stage)`)
console.log(`  the CLI (a process, start-up included) on ${cliReport?.scope.stages ?? '?'} stages: ${(cliMs / 1000).toFixed(2)} s, ${cliReport?.calls ?? '?'} AWS calls, exit ${cli.status}`)
