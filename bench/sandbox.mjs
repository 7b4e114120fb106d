// npm run bench (second part): the sandbox's speed. GetStage throughput with 16 concurrent clients,
// side by side with moto_server; and how fast a sandbox holding 600 APIs and 10,000 API keys starts.
// A measurement, not a test: it prints medians against the budgets of issue 3.
import {spawn} from 'node:child_process'
import {once} from 'node:events'
import {Agent, request} from 'node:http'
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {createInterface} from 'node:readline'
import {fileURLToPath} from 'node:url'
import {Worker} from 'node:worker_threads'

const here = (path) => fileURLToPath(new URL(path, import.meta.url))
const rounds = Number(process.env.BENCH_ROUNDS ?? 3)
const CLIENTS = 16
const WINDOW_MS = Number(process.env.BENCH_WINDOW_MS ?? 3000)
/** SDK clients are spread over this many threads, as a load generator would spread them over cores. */
const SDK_THREADS = 2
const agent = new Agent({keepAlive: true, maxSockets: CLIENTS})
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1]

/** One signed-looking AWS REST-JSON call over a kept-alive connection (neither server checks signatures). */
function call(endpoint, method, path, body) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body)
    const req = request(`${endpoint}${path}`, {
      method,
      agent,
      headers: {
        'content-type': 'application/json',
        authorization: 'AWS4-HMAC-SHA256 Credential=AKIDBENCH/20260101/us-east-1/apigateway/aws4_request, SignedHeaders=host, Signature=0',
        'x-amz-date': '20260101T000000Z',
      },
    }, (res) => {
      let text = ''
      res.on('data', (chunk) => (text += chunk))
      res.on('end', () => (res.statusCode < 300 ? resolve(text ? JSON.parse(text) : undefined) : reject(new Error(`${method} ${path}: ${res.statusCode} ${text}`))))
    })
    req.on('error', reject)
    req.end(payload)
  })
}

/** Requests per second that `clients` concurrent loops of `send` complete within the window. */
async function throughput(send) {
  let done = 0
  const stopAt = performance.now() + WINDOW_MS
  await Promise.all(Array.from({length: CLIENTS}, async () => {
    while (performance.now() < stopAt) {
      await send()
      done++
    }
  }))
  return done / (WINDOW_MS / 1000)
}

/** GetStage calls per second that CLIENTS concurrent JS SDK clients, over SDK_THREADS threads, complete. */
async function sdkThroughput(endpoint, apiId) {
  const counts = await Promise.all(Array.from({length: SDK_THREADS}, async () => {
    const worker = new Worker(here('sdk-load-worker.mjs'), {workerData: {endpoint, apiId, clients: CLIENTS / SDK_THREADS, windowMs: WINDOW_MS}})
    const [count] = await once(worker, 'message')
    return count
  }))
  return counts.reduce((a, b) => a + b, 0) / (WINDOW_MS / 1000)
}

async function startSandboxProcess(stateDir) {
  const child = spawn(process.execPath, [here('../packages/cli/dist/sandbox/main.js'), JSON.stringify({stateDir, port: 0, idleTimeoutMs: 0, transitionDelayMs: 3000})], {stdio: ['ignore', 'ignore', 'pipe']})
  const [line] = await once(createInterface({input: child.stderr}), 'line')
  const endpoint = /listening on (\S+)/.exec(line)[1]
  return {endpoint, stop: async () => (child.kill('SIGTERM'), await once(child, 'exit'))}
}

async function startMoto() {
  const child = spawn('python3', [here('../test/helpers/moto_server.py')], {stdio: ['pipe', 'pipe', 'inherit']})
  const [port] = await once(createInterface({input: child.stdout}), 'line')
  return {endpoint: `http://127.0.0.1:${port}`, stop: () => child.stdin.end()}
}

/** A REST API with a "prod" stage, made through the wire protocol. */
async function apiWithStage(endpoint) {
  const api = await call(endpoint, 'POST', '/restapis', {name: 'bench'})
  // AWS refuses to deploy an API without methods.
  const method = `/restapis/${api.id}/resources/${api.rootResourceId}/methods/GET`
  await call(endpoint, 'PUT', method, {authorizationType: 'NONE'})
  await call(endpoint, 'PUT', `${method}/integration`, {type: 'MOCK'})
  const deployment = await call(endpoint, 'POST', `/restapis/${api.id}/deployments`, {stageName: 'prod'})
  return {path: `/restapis/${api.id}/stages/prod`, apiId: api.id, deployment}
}

// GetStage throughput, sandbox and moto side by side, alternating rounds.
const stateDir = mkdtempSync(join(tmpdir(), 'apigw-bench-'))
const sandbox = await startSandboxProcess(stateDir)
const moto = await startMoto()
const targets = {sandbox: sandbox.endpoint, moto: moto.endpoint}
const stagePaths = {sandbox: (await apiWithStage(sandbox.endpoint)).path, moto: (await apiWithStage(moto.endpoint)).path}
const rates = {'sandbox, raw HTTP': [], 'moto, raw HTTP': [], 'sandbox, JS SDK': [], 'moto, JS SDK': []}
// Raw HTTP: what the server can do. JS SDK: what real clients see, signing every request.
for (let round = 0; round < rounds; round++) {
  for (const name of Object.keys(targets)) {
    const path = stagePaths[name]
    rates[`${name}, raw HTTP`].push(await throughput(() => call(targets[name], 'GET', path)))
    const [, , apiId] = path.split('/')
    rates[`${name}, JS SDK`].push(await sdkThroughput(targets[name], apiId))
  }
}
moto.stop()

// Startup with a large state: 600 REST APIs and 10,000 API keys, created through the wire protocol.
let created = 0
const jobs = [
  ...Array.from({length: 600}, (_, i) => () => call(sandbox.endpoint, 'POST', '/restapis', {name: `api-${i}`})),
  ...Array.from({length: 10_000}, (_, i) => () => call(sandbox.endpoint, 'POST', '/apikeys', {name: `key-${i}`, enabled: true})),
]
await Promise.all(Array.from({length: CLIENTS}, async () => {
  while (created < jobs.length) await jobs[created++]()
}))
await sandbox.stop()
const startTimes = []
for (let round = 0; round < Math.max(rounds, 5); round++) {
  const started = performance.now()
  const restarted = await startSandboxProcess(stateDir)
  const page = await call(restarted.endpoint, 'GET', '/apikeys?limit=500')
  startTimes.push(performance.now() - started)
  if (page.item.length !== 500) throw new Error(`expected a full page of keys after restart, got ${page.item.length}`)
  await restarted.stop()
}
rmSync(stateDir, {recursive: true, force: true})
agent.destroy()

console.log(`\nSandbox: GetStage with ${CLIENTS} concurrent clients (median of ${rounds} rounds of ${WINDOW_MS / 1000} s)`)
for (const [name, values] of Object.entries(rates)) console.log(`  ${name.padEnd(20)} ${Math.round(median(values)).toString().padStart(6)} req/s`)
console.log(`  budget: sandbox ≥ 2000 req/s`)
console.log(`\nSandbox start with 600 APIs + 10,000 API keys (spawn → first answer, median of ${startTimes.length})`)
console.log(`  ${Math.round(median(startTimes))} ms   budget: < 1000 ms`)
