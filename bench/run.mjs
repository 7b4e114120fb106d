// npm run bench: apigw's startup and listing speed, side by side with node, the AWS CLI and a bare
// SDK script, in alternating rounds against one local moto_server. Prints medians and the budgets
// from the issues (PASS or over); it is a measurement, not a test, and always exits 0 unless something breaks.
import {spawn, spawnSync} from 'node:child_process'
import {once} from 'node:events'
import {createInterface} from 'node:readline'
import {fileURLToPath} from 'node:url'
import {APIGatewayClient, CreateRestApiCommand} from '@aws-sdk/client-api-gateway'
import {ApiGatewayV2Client, CreateApiCommand} from '@aws-sdk/client-apigatewayv2'

const rounds = Number(process.env.BENCH_ROUNDS ?? 15)
const here = (path) => fileURLToPath(new URL(path, import.meta.url))

async function startMoto() {
  const child = spawn('python3', [here('../test/helpers/moto_server.py')], {stdio: ['pipe', 'pipe', 'inherit']})
  const [port] = await once(createInterface({input: child.stdout}), 'line')
  return {endpoint: `http://127.0.0.1:${port}`, stop: () => child.stdin.end()}
}

const moto = await startMoto()
const env = {
  ...process.env,
  AWS_ACCESS_KEY_ID: 'AKIDBENCH',
  AWS_SECRET_ACCESS_KEY: 'secret',
  AWS_REGION: 'us-east-1',
  AWS_DEFAULT_REGION: 'us-east-1',
  AWS_ENDPOINT_URL: moto.endpoint,
  AWS_EC2_METADATA_DISABLED: 'true',
}
const sdkConfig = {endpoint: moto.endpoint, region: 'us-east-1', credentials: {accessKeyId: 'A', secretAccessKey: 'B'}}
const v1 = new APIGatewayClient(sdkConfig)
const v2 = new ApiGatewayV2Client(sdkConfig)
for (let i = 0; i < 30; i++) await v1.send(new CreateRestApiCommand({name: `bench-rest-${i}`}))
for (let i = 0; i < 10; i++) await v2.send(new CreateApiCommand({Name: `bench-http-${i}`, ProtocolType: 'HTTP'}))

// apigw is started as the baselines are, by node: starting it through its #! line adds env's exec,
// the same for any script (shown as its own row, outside the budgets).
const apigw = here('../packages/cli/bin/run.js')
const candidates = {
  'node -e 0': ['node', '-e', '0'],
  'apigw --version': ['node', apigw, '--version'],
  'apigw --version, through #!': [apigw, '--version'],
  'apigw --help': ['node', apigw, '--help'],
  'apigw apis --help': ['node', apigw, 'apis', '--help'],
  'apigw apis list --help': ['node', apigw, 'apis', 'list', '--help'],
  'apigw apis list --type rest --json': ['node', apigw, 'apis', 'list', '--type', 'rest', '--json'],
  'apigw apis list --json': ['node', apigw, 'apis', 'list', '--json'],
  'aws apigateway get-rest-apis': ['aws', '--endpoint-url', moto.endpoint, 'apigateway', 'get-rest-apis'],
  'bare SDK GetRestApis': ['node', here('bare-sdk.mjs')],
  'bare SDK GetRestApis + GetApis': ['node', here('bare-sdk.mjs'), 'both'],
}

const times = Object.fromEntries(Object.keys(candidates).map((name) => [name, []]))
for (let round = 0; round < rounds; round++) {
  for (const [name, [command, ...args]] of Object.entries(candidates)) {
    const started = process.hrtime.bigint()
    const result = spawnSync(command, args, {env, stdio: ['ignore', 'pipe', 'pipe']})
    times[name].push(Number(process.hrtime.bigint() - started) / 1e6)
    if (result.status !== 0) throw new Error(`${name} failed (${result.status}): ${result.stderr}`)
  }
}
moto.stop()

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}
const medians = Object.fromEntries(Object.entries(times).map(([name, values]) => [name, median(values)]))
console.log(`apigw benchmark: ${rounds} alternating rounds, medians (ms)\n`)
for (const [name, ms] of Object.entries(medians)) console.log(`  ${name.padEnd(36)} ${ms.toFixed(1).padStart(7)}`)

// `apis list --json` makes GetRestApis and GetApis: its budget is against a bare SDK script making
// both. With --type rest it makes GetRestApis alone, against the one-call script: no budget, shown
// for what apigw's own start (oclif, the session) costs beside a script's.
const budgets = [
  ['apigw --version', 'node -e 0', 1.2, 15],
  ['apigw --help', 'node -e 0', 1.5, 15],
  ['apigw apis --help', 'node -e 0', 1.5, 15],
  ['apigw apis list --help', 'node -e 0', 1.5, 15],
  ['apigw apis list --json', 'bare SDK GetRestApis + GetApis', 1.15, 15],
  ['apigw apis list --json', 'aws apigateway get-rest-apis', 0.6, 2],
  ['apigw apis list --type rest --json', 'bare SDK GetRestApis'],
]
console.log(`\nbudgets (node ${process.version})`)
for (const [subject, baseline, limit, issue] of budgets) {
  const ratio = medians[subject] / medians[baseline]
  const verdict = limit === undefined ? '(no budget)' : `(budget ${limit}x, issue #${issue}) ${ratio <= limit ? 'PASS' : 'over'}`
  console.log(`  ${`${subject} / ${baseline}:`.padEnd(72)} ${ratio.toFixed(2)}x ${verdict}`)
}
