// npm run bench (fifth part): `apigw logs --since 1h` over 10,000, 50,000 and 100,000 access log
// events in a sandbox (seeded through PutLogEvents): the time to the first line, the total time and
// the peak memory (max RSS) of the apigw process. apigw prints each FilterLogEvents page as it comes,
// so the memory should stay flat as the events grow. A measurement, not a test: it prints figures.
import {spawn} from 'node:child_process'
import {once} from 'node:events'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {createInterface} from 'node:readline'
import {fileURLToPath} from 'node:url'

const {APIGatewayClient, CreateDeploymentCommand, CreateRestApiCommand, PutIntegrationCommand, PutMethodCommand, UpdateStageCommand} = await import('@aws-sdk/client-api-gateway')
const {CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand, PutLogEventsCommand} = await import('@aws-sdk/client-cloudwatch-logs')

const here = (path) => fileURLToPath(new URL(path, import.meta.url))
const SIZES = [10_000, 50_000, 100_000]
const BATCH = 5_000
const FORMAT = '$context.identity.sourceIp $context.identity.caller $context.identity.user [$context.requestTime] "$context.httpMethod $context.resourcePath $context.protocol" $context.status $context.responseLength $context.requestId'

async function startSandboxProcess(stateDir) {
  const child = spawn(process.execPath, [here('../packages/cli/dist/sandbox/main.js'), JSON.stringify({stateDir, port: 0, idleTimeoutMs: 0})], {stdio: ['ignore', 'ignore', 'pipe']})
  const [line] = await once(createInterface({input: child.stderr}), 'line')
  return {endpoint: /listening on (\S+)/.exec(line)[1], stop: async () => (child.kill('SIGTERM'), await once(child, 'exit'))}
}

const dir = mkdtempSync(join(tmpdir(), 'apigw-bench-logs-'))
const sandbox = await startSandboxProcess(join(dir, 'state'))
const config = {endpoint: sandbox.endpoint, region: 'us-east-1', credentials: {accessKeyId: 'A', secretAccessKey: 'B'}}
const rest = new APIGatewayClient(config)
const logs = new CloudWatchLogsClient(config)

const api = await rest.send(new CreateRestApiCommand({name: 'bench-logs'}))
await rest.send(new PutMethodCommand({restApiId: api.id, resourceId: api.rootResourceId, httpMethod: 'GET', authorizationType: 'NONE'}))
await rest.send(new PutIntegrationCommand({restApiId: api.id, resourceId: api.rootResourceId, httpMethod: 'GET', type: 'MOCK'}))
await rest.send(new CreateDeploymentCommand({restApiId: api.id, stageName: 'prod'}))
const group = 'bench-access'
await logs.send(new CreateLogGroupCommand({logGroupName: group}))
await rest.send(
  new UpdateStageCommand({
    restApiId: api.id,
    stageName: 'prod',
    patchOperations: [
      {op: 'replace', path: '/accessLogSettings/destinationArn', value: `arn:aws:logs:us-east-1:123456789012:log-group:${group}`},
      {op: 'replace', path: '/accessLogSettings/format', value: FORMAT},
    ],
  }),
)

// The events of one size are spread over the last 50 minutes; each size adds a stream of its own.
let seeded = 0
async function seedUpTo(total) {
  const logStreamName = `s${total}`
  await logs.send(new CreateLogStreamCommand({logGroupName: group, logStreamName}))
  const count = total - seeded
  const start = Date.now() - 50 * 60_000
  for (let from = 0; from < count; from += BATCH) {
    const logEvents = Array.from({length: Math.min(BATCH, count - from)}, (_, i) => {
      const n = seeded + from + i
      const timestamp = start + Math.floor(((from + i) / count) * 49 * 60_000)
      const status = n % 50 === 0 ? 502 : 200
      return {timestamp, message: `198.51.100.${n % 250} - - [07/Dec/2026:10:00:00 +0000] "GET /orders/{id} HTTP/1.1" ${status} ${100 + (n % 400)} ${n.toString(16).padStart(8, '0')}-0b6e-4c1d-9f7a-1b2c3d4e5f60`}
    })
    await logs.send(new PutLogEventsCommand({logGroupName: group, logStreamName, logEvents}))
  }
  seeded = total
}

// apigw's peak memory, written by the process itself as it exits.
const rssFile = join(dir, 'rss.cjs')
writeFileSync(rssFile, "process.on('exit', () => require('node:fs').writeSync(2, `\\nmaxrss-kb ${process.resourceUsage().maxRSS}\\n`))\n")
const env = {PATH: process.env.PATH, HOME: dir, CI: 'true', AWS_ACCESS_KEY_ID: 'AKIDBENCH', AWS_SECRET_ACCESS_KEY: 'secret', AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL: sandbox.endpoint, NODE_OPTIONS: `--require ${rssFile} ${process.env.BENCH_NODE_OPTIONS ?? ''}`}

async function run(format) {
  const started = performance.now()
  const child = spawn(process.execPath, [here('../packages/cli/bin/run.js'), 'logs', '--api', api.id, '--stage', 'prod', '--since', '1h', '-o', format], {env})
  let first
  let lines = 0
  let stderr = ''
  child.stdout.on('data', (chunk) => {
    first ??= performance.now() - started
    for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines++
  })
  child.stderr.on('data', (chunk) => (stderr += chunk))
  const [code] = await once(child, 'exit')
  const total = performance.now() - started
  if (code !== 0) throw new Error(`apigw logs exited ${code}: ${stderr}`)
  return {first, total, lines, rssMb: Number(/maxrss-kb (\d+)/.exec(stderr)[1]) / 1024}
}

const rows = []
for (const size of SIZES) {
  await seedUpTo(size)
  for (const format of ['json', 'table']) {
    const result = await run(format)
    if (result.lines !== size) throw new Error(`expected ${size} lines, got ${result.lines}`)
    rows.push({size, format, ...result})
  }
}
await sandbox.stop()
rmSync(dir, {recursive: true, force: true})

console.log('\napigw logs --since 1h over N access log events (CLF) in a sandbox process; one run each')
console.log(`  ${'events'.padStart(7)}  ${'output'.padEnd(6)}  ${'first line'.padStart(10)}  ${'total'.padStart(9)}  ${'peak RSS'.padStart(9)}`)
for (const row of rows) console.log(`  ${String(row.size).padStart(7)}  ${row.format.padEnd(6)}  ${`${row.first.toFixed(0)} ms`.padStart(10)}  ${`${row.total.toFixed(0)} ms`.padStart(9)}  ${`${row.rssMb.toFixed(1)} MB`.padStart(9)}`)
const json = rows.filter((row) => row.format === 'json')
console.log(`  memory from ${json[0].size} to ${json.at(-1).size} events: ${json[0].rssMb.toFixed(1)} → ${json.at(-1).rssMb.toFixed(1)} MB (${((json.at(-1).rssMb / json[0].rssMb - 1) * 100).toFixed(0)}% for ${json.at(-1).size / json[0].size}× the events)`)
