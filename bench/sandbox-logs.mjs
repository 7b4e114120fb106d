// npm run bench (fifth part): the sandbox's CloudWatch Logs at the size of issue 19's bench. A sandbox
// process simulates an hour of traffic (about 100,000 requests) through a stage logging JSON access
// lines, then reads them back through the real SDK client: every FilterLogEvents page, one filtered
// read, and a Logs Insights stats query. Prints times and the sandbox's resident memory. A
// measurement, not a test.
import {spawn} from 'node:child_process'
import {once} from 'node:events'
import {mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {createInterface} from 'node:readline'
import {fileURLToPath} from 'node:url'
import {APIGatewayClient, CreateDeploymentCommand, CreateRestApiCommand, PutIntegrationCommand, PutMethodCommand, UpdateStageCommand} from '@aws-sdk/client-api-gateway'
import {CloudWatchLogsClient, CreateLogGroupCommand, FilterLogEventsCommand, GetQueryResultsCommand, StartQueryCommand} from '@aws-sdk/client-cloudwatch-logs'

const here = (path) => fileURLToPath(new URL(path, import.meta.url))
const HOUR_MS = 3_600_000
const RPS = Number(process.env.BENCH_LOGS_RPS ?? 28)
const GROUP = '/bench/access'
const FORMAT = '{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","requestTime":"$context.requestTime","httpMethod":"$context.httpMethod","resourcePath":"$context.resourcePath","status":"$context.status","protocol":"$context.protocol","responseLength":"$context.responseLength","integrationLatency":"$context.integrationLatency"}'

const stateDir = mkdtempSync(join(tmpdir(), 'apigw-bench-logs-'))
const child = spawn(process.execPath, [here('../packages/cli/dist/sandbox/main.js'), JSON.stringify({stateDir, port: 0, idleTimeoutMs: 0})], {stdio: ['ignore', 'ignore', 'pipe']})
const [line] = await once(createInterface({input: child.stderr}), 'line')
const endpoint = /listening on (\S+)/.exec(line)[1]
const {token} = JSON.parse(readFileSync(join(stateDir, 'sandbox.json'), 'utf8'))
const config = {endpoint, region: 'us-east-1', credentials: {accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench'}}
const rest = new APIGatewayClient(config)
const logs = new CloudWatchLogsClient(config)
const rssMb = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))[1]) / 1024
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`
const timed = async (run) => {
  const start = performance.now()
  const value = await run()
  return [performance.now() - start, value]
}

try {
  const api = await rest.send(new CreateRestApiCommand({name: 'bench-logs'}))
  await rest.send(new PutMethodCommand({restApiId: api.id, resourceId: api.rootResourceId, httpMethod: 'GET', authorizationType: 'NONE'}))
  await rest.send(new PutIntegrationCommand({restApiId: api.id, resourceId: api.rootResourceId, httpMethod: 'GET', type: 'MOCK'}))
  await rest.send(new CreateDeploymentCommand({restApiId: api.id, stageName: 'prod'}))
  await logs.send(new CreateLogGroupCommand({logGroupName: GROUP}))
  const destinationArn = `arn:aws:logs:us-east-1:123456789012:log-group:${GROUP}`
  await rest.send(new UpdateStageCommand({restApiId: api.id, stageName: 'prod', patchOperations: [{op: 'replace', path: '/accessLogSettings/destinationArn', value: destinationArn}, {op: 'replace', path: '/accessLogSettings/format', value: FORMAT}]}))
  const before = rssMb()

  const end = Date.now()
  const spec = {apiId: api.id, stage: 'prod', rps: RPS, start: end - HOUR_MS, end, errorRate: {'4xx': 0.02, '5xx': 0.01}, latency: {p50: 80, p99: 400}, cacheHit: 0}
  const [writeMs, summary] = await timed(async () => (await fetch(`${endpoint}/_sandbox/traffic`, {method: 'POST', headers: {'x-apigw-sandbox-token': token}, body: JSON.stringify(spec)})).json())
  const afterWrite = rssMb()

  const [readMs, read] = await timed(async () => {
    let pages = 0
    let events = 0
    let firstPageMs
    let nextToken
    const start = performance.now()
    do {
      const page = await logs.send(new FilterLogEventsCommand({logGroupName: GROUP, startTime: end - HOUR_MS, endTime: end, nextToken}))
      firstPageMs ??= performance.now() - start
      pages++
      events += page.events.length
      nextToken = page.nextToken
    } while (nextToken)
    return {pages, events, firstPageMs}
  })
  const [filterMs, failed] = await timed(async () => (await logs.send(new FilterLogEventsCommand({logGroupName: GROUP, filterPattern: '{ $.status = 5* }'}))).events.length)
  const [queryMs, rows] = await timed(async () => {
    const {queryId} = await logs.send(new StartQueryCommand({logGroupName: GROUP, startTime: Math.floor((end - HOUR_MS) / 1000), endTime: Math.ceil(end / 1000), queryString: 'stats count(*) as n, pct(integrationLatency, 99) as p99 by status'}))
    for (;;) {
      const result = await logs.send(new GetQueryResultsCommand({queryId}))
      if (result.status === 'Complete') return result.results.length
    }
  })

  console.log(`sandbox logs: ${summary.requests} simulated requests in 1 h (${RPS} rps), JSON access lines`)
  console.log(`  writing the lines (POST /_sandbox/traffic): ${seconds(writeMs)}; sandbox RSS ${before.toFixed(0)} MB -> ${afterWrite.toFixed(0)} MB`)
  console.log(`  FilterLogEvents, every page: ${read.events} events in ${read.pages} pages, ${seconds(readMs)} (first page ${seconds(read.firstPageMs)})`)
  console.log(`  FilterLogEvents { $.status = 5* } over all: ${failed} events (simulated 5XX: ${summary.errors5xx}) in ${seconds(filterMs)}`)
  console.log(`  Logs Insights stats by status: ${rows} rows in ${seconds(queryMs)}; sandbox RSS after reading ${rssMb().toFixed(0)} MB`)
} finally {
  child.kill('SIGTERM')
  await once(child, 'exit')
  rmSync(stateDir, {recursive: true, force: true})
}
