// npm run demo: a narrated runbook against a fresh local sandbox, run with the real CLI.
// Each command is echoed, then its output. Later features add their steps to RUNBOOK.
import {spawnSync} from 'node:child_process'
import {existsSync, mkdtempSync, readFileSync, rmSync, statSync, readdirSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

// The SDK's Node 22 notice is not news to a demo audience (apigw silences it the same way).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true'
const root = fileURLToPath(new URL('..', import.meta.url))
const bin = join(root, 'bin', 'run.js')
const color = process.stdout.isTTY && !process.env.NO_COLOR
const style = (code, text) => (color ? `\x1b[${code}m${text}\x1b[0m` : text)

/** What an operator would do first with apigw and a sandbox. Setup steps use the SDK where apigw has no command yet. */
const RUNBOOK = [
  ['Start a sandbox in the background (its state lives in a temporary directory).', 'sandbox start --detach --transition-delay 1s'],
  ['It answers on 127.0.0.1; status shows where, and what it holds.', 'sandbox status'],
  ['Import examples/petstore.yaml and deploy it to stage "prod". (apigw gets import and deploy commands later; until then the AWS SDK does it, as any AWS client can against the sandbox.)', importPetstore],
  ['Every apigw command runs against the sandbox with --sandbox (or APIGW_SANDBOX=1).', 'apis list --sandbox'],
  ['The API, its stage and its resource tree.', 'apis show --api pets --sandbox'],
  ['Backfill 30 minutes of traffic: CloudWatch now holds Count, 4XXError, 5XXError, Latency, cache metrics.', 'sandbox traffic --api pets --stage prod --duration 30m --rps 20 --error-rate 4xx=2%,5xx=0.5% --latency p50=40ms,p99=350ms'],
  ['Rehearse a bad day: throttle 40% of calls. apigw retries within its budget and says so on stderr.', 'sandbox faults throttle=40%'],
  ['', 'apis list --sandbox'],
  ['', 'sandbox faults none'],
  ['Stop the sandbox.', 'sandbox stop'],
]

function buildIfNeeded() {
  const built = join(root, 'dist', 'cli', 'main.js')
  const newest = (dir) => Math.max(...readdirSync(dir, {withFileTypes: true, recursive: true}).filter((e) => e.isFile()).map((e) => statSync(join(e.parentPath, e.name)).mtimeMs))
  if (existsSync(built) && newest(join(root, 'src')) < statSync(built).mtimeMs) return
  console.log(style('2', '# building apigw (npm run build)'))
  const result = spawnSync('npm', ['run', 'build', '--silent'], {cwd: root, stdio: 'inherit'})
  if (result.status !== 0) process.exit(result.status ?? 1)
}

function apigw(args, env) {
  console.log(`${style('1;36', '$ apigw')} ${style('1', args)}`)
  const result = spawnSync(process.execPath, [bin, ...splitArgs(args)], {env, stdio: 'inherit'})
  if (result.status !== 0) throw new Error(`apigw ${args} exited with ${result.status}`)
}

const splitArgs = (args) => args.match(/"[^"]*"|\S+/g).map((arg) => arg.replace(/^"|"$/g, ''))

async function importPetstore(env) {
  const {APIGatewayClient, ImportRestApiCommand, CreateDeploymentCommand} = await import('@aws-sdk/client-api-gateway')
  const status = JSON.parse(spawnSync(process.execPath, [bin, 'sandbox', 'status', '--json'], {env, encoding: 'utf8'}).stdout)
  const client = new APIGatewayClient({endpoint: status.endpoint, region: 'us-east-1', credentials: {accessKeyId: 'demo', secretAccessKey: 'demo'}})
  console.log(`${style('1;35', 'SDK')} ${style('1', 'ImportRestApi body=examples/petstore.yaml')}`)
  const api = await client.send(new ImportRestApiCommand({body: readFileSync(join(root, 'examples', 'petstore.yaml'))}))
  console.log(`imported "${api.name}" as ${api.id}`)
  console.log(`${style('1;35', 'SDK')} ${style('1', `CreateDeployment restApiId=${api.id} stageName=prod`)}`)
  const deployment = await client.send(new CreateDeploymentCommand({restApiId: api.id, stageName: 'prod', description: 'first release'}))
  console.log(`deployment ${deployment.id} is live on stage prod`)
}

async function main() {
  buildIfNeeded()
  const stateDir = mkdtempSync(join(tmpdir(), 'apigw-demo-'))
  // A clean, CI-like environment: the demo must not touch the operator's AWS account or profiles.
  const env = {PATH: process.env.PATH, HOME: stateDir, APIGW_SANDBOX_DIR: stateDir, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true'}
  try {
    for (const [narration, step] of RUNBOOK) {
      if (narration) console.log(`\n${style('2', `# ${narration}`)}`)
      if (typeof step === 'function') await step(env)
      else apigw(step, env)
    }
    console.log(`\n${style('32', 'Demo complete.')} Try it yourself: apigw sandbox start --detach, then any command with --sandbox.`)
  } finally {
    // Never leave a sandbox behind, even when a step failed.
    spawnSync(process.execPath, [bin, 'sandbox', 'stop'], {env, stdio: 'ignore'})
    rmSync(stateDir, {recursive: true, force: true})
  }
}

main().catch((error) => {
  console.error(`\nDemo failed: ${error.message}`)
  process.exit(1)
})
