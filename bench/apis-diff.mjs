// npm run bench (third part): `apigw apis diff` on a 300-operation REST API. Generates the definition,
// imports and deploys it to a sandbox with apigw, then times in alternating rounds the GetExport call
// alone (a warm SDK client), `apigw apis export` and `apigw apis diff`, and reports what the diff
// costs beyond the export call. A measurement, not a test: it prints medians against the budget.
import {spawn, spawnSync} from 'node:child_process'
import {once} from 'node:events'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {createInterface} from 'node:readline'
import {fileURLToPath} from 'node:url'
import {stringify} from 'yaml'

// The SDK's notice about Node versions after 2026 would only clutter the figures.
const {APIGatewayClient, GetExportCommand} = await import('@aws-sdk/client-api-gateway')

const here = (path) => fileURLToPath(new URL(path, import.meta.url))
const rounds = Number(process.env.BENCH_ROUNDS ?? 7)
const OPERATIONS = 300
const LAMBDA = 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:bench/invocations'

/** A REST definition of OPERATIONS operations: collections (GET with query parameters, POST) and items (GET, DELETE). */
function definition() {
  const paths = {}
  // Four operations per collection.
  for (let i = 0; i < OPERATIONS / 4; i++) {
    const collection = `/resources${i}`
    paths[collection] = {
      get: {
        parameters: [{name: 'limit', in: 'query', schema: {type: 'string'}}, {name: 'cursor', in: 'query', schema: {type: 'string'}}],
        responses: {200: {description: 'a page'}},
        'x-amazon-apigateway-integration': {
          type: 'http_proxy',
          httpMethod: 'GET',
          uri: `https://backend.example.com${collection}`,
          requestParameters: {'integration.request.querystring.limit': 'method.request.querystring.limit'},
          timeoutInMillis: 10000,
        },
      },
      post: {security: [{api_key: []}], responses: {201: {description: 'created'}}, 'x-amazon-apigateway-integration': {type: 'aws_proxy', httpMethod: 'POST', uri: LAMBDA}},
    }
    paths[`${collection}/{id}`] = {
      parameters: [{name: 'id', in: 'path', required: true, schema: {type: 'string'}}],
      get: {
        responses: {200: {description: 'one'}},
        'x-amazon-apigateway-integration': {type: 'http_proxy', httpMethod: 'GET', uri: `https://backend.example.com${collection}/{id}`, requestParameters: {'integration.request.path.id': 'method.request.path.id'}},
      },
      delete: {security: [{api_key: []}], responses: {204: {description: 'gone'}}, 'x-amazon-apigateway-integration': {type: 'aws_proxy', httpMethod: 'POST', uri: LAMBDA}},
    }
  }
  return {
    openapi: '3.0.1',
    info: {title: 'bench-diff', version: '1'},
    paths,
    components: {securitySchemes: {api_key: {type: 'apiKey', name: 'x-api-key', in: 'header'}}},
  }
}

async function startSandboxProcess(stateDir) {
  const child = spawn(process.execPath, [here('../packages/cli/dist/sandbox/main.js'), JSON.stringify({stateDir, port: 0, idleTimeoutMs: 0, transitionDelayMs: 3000})], {stdio: ['ignore', 'ignore', 'pipe']})
  const [line] = await once(createInterface({input: child.stderr}), 'line')
  return {endpoint: /listening on (\S+)/.exec(line)[1], stop: async () => (child.kill('SIGTERM'), await once(child, 'exit'))}
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

const dir = mkdtempSync(join(tmpdir(), 'apigw-bench-diff-'))
const file = join(dir, 'bench-diff.yaml')
writeFileSync(file, stringify(definition()))
const sandbox = await startSandboxProcess(join(dir, 'state'))
const env = {PATH: process.env.PATH, HOME: dir, CI: 'true', AWS_ACCESS_KEY_ID: 'AKIDBENCH', AWS_SECRET_ACCESS_KEY: 'secret', AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL: sandbox.endpoint}
const apigw = (...args) => spawnSync(process.execPath, [here('../packages/cli/bin/run.js'), ...args], {env, encoding: 'utf8'})

const imported = apigw('apis', 'import', file, '--deploy', 'prod', '--json')
if (imported.status !== 0) throw new Error(`import failed: ${imported.stderr}`)
const apiId = JSON.parse(imported.stdout).api.id
const client = new APIGatewayClient({endpoint: sandbox.endpoint, region: 'us-east-1', credentials: {accessKeyId: 'A', secretAccessKey: 'B'}})
const getExport = () => client.send(new GetExportCommand({restApiId: apiId, stageName: 'prod', exportType: 'oas30', parameters: {extensions: 'apigateway'}, accepts: 'application/json'}))
await getExport()

const timed = (run) => {
  const started = process.hrtime.bigint()
  const result = run()
  return {ms: Number(process.hrtime.bigint() - started) / 1e6, result}
}
const times = {'GetExport call alone (warm SDK client)': [], 'apigw apis export': [], 'apigw apis diff': []}
let exportBytes = 0
for (let round = 0; round < rounds; round++) {
  const started = performance.now()
  exportBytes = (await getExport()).body.byteLength
  times['GetExport call alone (warm SDK client)'].push(performance.now() - started)
  const exported = timed(() => apigw('apis', 'export', '--api', apiId, '--stage', 'prod', '--extensions', 'apigateway', '--out', join(dir, 'export.json')))
  if (exported.result.status !== 0) throw new Error(`export failed: ${exported.result.stderr}`)
  times['apigw apis export'].push(exported.ms)
  const diffed = timed(() => apigw('apis', 'diff', file, '--api', apiId, '--stage', 'prod', '--json'))
  const report = JSON.parse(diffed.result.stdout)
  if (diffed.result.status !== 0 || report.operations.file !== OPERATIONS) throw new Error(`diff did not find the file equal to AWS (${diffed.result.status}): ${diffed.result.stdout.slice(0, 500)}`)
  times['apigw apis diff'].push(diffed.ms)
}
await sandbox.stop()
rmSync(dir, {recursive: true, force: true})

const medians = Object.fromEntries(Object.entries(times).map(([name, values]) => [name, median(values)]))
console.log(`\napis diff on ${OPERATIONS} operations (export ${Math.round(exportBytes / 1024)} KiB; median of ${rounds} alternating rounds, ms)`)
for (const [name, ms] of Object.entries(medians)) console.log(`  ${name.padEnd(40)} ${ms.toFixed(1).padStart(7)}`)
const beyond = medians['apigw apis diff'] - medians['GetExport call alone (warm SDK client)']
console.log(`  diff beyond the export call: ${beyond.toFixed(1)} ms (budget < 1000 ms) ${beyond < 1000 ? 'within' : 'OVER'}`)
console.log(`  of which beyond \`apigw apis export\` (reading, normalising, comparing): ${(medians['apigw apis diff'] - medians['apigw apis export']).toFixed(1)} ms`)
