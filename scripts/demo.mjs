// npm run demo: a narrated runbook against a fresh local sandbox, run with the real CLI.
// Each command is echoed, then its output. Later features add their steps to RUNBOOK.
// Everything runs through apigw itself; nothing here talks to the sandbox directly.
import {spawn, spawnSync} from 'node:child_process'
import {existsSync, mkdtempSync, rmSync, statSync, readdirSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const bin = join(root, 'bin', 'run.js')
const color = process.stdout.isTTY && !process.env.NO_COLOR
const style = (code, text) => (color ? `\x1b[${code}m${text}\x1b[0m` : text)

/** What an operator would do first with apigw and a sandbox. `{state}` is the demo's temporary directory. */
const RUNBOOK = [
  ['Start a sandbox in the background (its state lives in a temporary directory).', 'sandbox start --detach --transition-delay 1s'],
  ['Import a REST API from OpenAPI and deploy it to stage "prod". Every apigw command runs against the sandbox with --sandbox (or APIGW_SANDBOX=1).', 'apis import examples/shop.yaml --endpoint-type regional --deploy prod --sandbox'],
  ['An HTTP API too, deployed to a new stage "live".', 'apis import examples/http-api.yaml --deploy live --sandbox'],
  ['And a WebSocket API, created from flags. --dry-run first shows the exact AWS call.', 'apis create --name chat --type websocket --sandbox --dry-run'],
  ['', 'apis create --name chat --type websocket --sandbox'],
  ['All three kinds, in one list.', 'apis list --sandbox'],
  ['The REST API: settings, stages, resources.', 'apis show --api shop --sandbox'],
  ["The HTTP API's route table alone.", 'apis routes --api greenhouse --sandbox'],
  ["Export what stage prod serves, then check the file in version control against it: no drift (exit 0).", 'apis export --api shop --stage prod --yaml --out {state}/shop-prod.yaml --sandbox'],
  ['', 'apis diff examples/shop.yaml --api shop --sandbox'],
  ['Ship a fix: deploy to a new "dev" stage, then promote dev to prod (the CI step). Every deployment records who made it and what it replaced.', 'deploy --api shop --stage dev --create-stage --description "Fix checkout timeout (#482)" --wait --sandbox'],
  ['', 'stages promote --api shop --from dev --to prod --diff --yes --sandbox'],
  ["prod's releases, newest first, from those records.", 'stages history --api shop --stage prod --sandbox'],
  ['Something is wrong in prod: roll back to what it ran before.', 'stages rollback --api shop --stage prod --yes --sandbox'],
  ['', 'stages history --api shop --stage prod --sandbox'],
  ['Tune the stage: throttling and detailed metrics. --dry-run shows the exact patch operations first.', 'stages set --api shop --stage prod --throttle 100:200 --metrics on --sandbox --dry-run'],
  ['', 'stages set --api shop --stage prod --throttle 100:200 --metrics on --sandbox'],
  ['', 'stages list --api shop --sandbox'],
  ['Canary releases. Live traffic in the background, 400 requests/s; whatever runs as the canary answers 20% of its requests with 5XX.', 'sandbox traffic --api shop --stage prod --follow --rps 400 --canary-error-rate 5xx=20%', {background: true}],
  ['A canary by hand: 10% of prod\'s traffic goes to the API as it is now; status shows canary and base side by side (no canary data yet is said, never shown as 0).', 'canary start --api shop --stage prod --percent 10 --description "Checkout v2 (#512)" --sandbox'],
  ['', 'canary status --api shop --stage prod --since 5m --sandbox'],
  ['', 'canary abort --api shop --stage prod --sandbox'],
  ['Let apigw decide: deploy a canary at 5%, then 25%, 100%, judged every 10 s against the gates. The canary breaks the 5XX gate: rolled back at the first step, exit 1.', 'canary run --api shop --stage prod --steps 5,25,100 --bake 30s --interval 10s --description "Checkout v2 (#512)" --yes --sandbox', {exit: 1}],
  ['Fixed: the same traffic, with a healthy canary this time.', 'sandbox traffic --api shop --stage prod --follow --rps 400', {background: true}],
  ['', 'canary run --api shop --stage prod --steps 10,50,100 --bake 20s --interval 10s --description "Checkout v3 (#530)" --yes --sandbox'],
  ['', 'stages history --api shop --stage prod --sandbox'],
  ['Backfill 30 minutes of traffic: CloudWatch now holds Count, 4XXError, 5XXError, Latency and IntegrationLatency for shop/prod.', 'sandbox traffic --api shop --stage prod --duration 30m --rps 20 --error-rate 4xx=2%,5xx=0.5% --latency p50=40ms,p99=350ms'],
  ['Rehearse a bad day: throttle 40% of calls. apigw retries within its budget and says so on stderr.', 'sandbox faults throttle=40%'],
  ['', 'apis list --sandbox'],
  ['', 'sandbox faults none'],
  ['Deleting an API takes its name: --confirm <name> (or typing it at a terminal). --dry-run shows what goes.', 'apis delete --api chat --confirm chat --sandbox --dry-run'],
  ['', 'apis delete --api chat --confirm chat --sandbox'],
  ['What the sandbox holds now, then stop it.', 'sandbox status'],
  ['', 'sandbox stop'],
]

function buildIfNeeded() {
  const built = join(root, 'dist', 'cli', 'main.js')
  const newest = (dir) => Math.max(...readdirSync(dir, {withFileTypes: true, recursive: true}).filter((e) => e.isFile()).map((e) => statSync(join(e.parentPath, e.name)).mtimeMs))
  if (existsSync(built) && newest(join(root, 'src')) < statSync(built).mtimeMs) return
  console.log(style('2', '# building apigw (npm run build)'))
  const result = spawnSync('npm', ['run', 'build', '--silent'], {cwd: root, stdio: 'inherit'})
  if (result.status !== 0) process.exit(result.status ?? 1)
}

/** At most one step runs in the background (live traffic); a new one, or the end, stops it with Ctrl-C. */
let background

function stopBackground() {
  if (!background) return Promise.resolve()
  const exited = new Promise((resolve) => background.once('exit', resolve))
  background.kill('SIGINT')
  background = undefined
  return exited
}

async function apigw(args, env, {background: inBackground = false, exit = 0} = {}) {
  console.log(`${style('1;36', '$ apigw')} ${style('1', args)}${inBackground ? style('2', '   (in the background)') : ''}`)
  if (inBackground) {
    await stopBackground()
    background = spawn(process.execPath, [bin, ...splitArgs(args)], {env, stdio: ['ignore', 'ignore', 'inherit']})
    return
  }
  const result = spawnSync(process.execPath, [bin, ...splitArgs(args)], {env, stdio: 'inherit'})
  if (result.status !== exit) throw new Error(`apigw ${args} exited with ${result.status}, not ${exit}`)
}

const splitArgs = (args) => args.match(/"[^"]*"|\S+/g).map((arg) => arg.replace(/^"|"$/g, ''))

async function main() {
  buildIfNeeded()
  const stateDir = mkdtempSync(join(tmpdir(), 'apigw-demo-'))
  // A clean, CI-like environment: the demo must not touch the operator's AWS account or profiles.
  const env = {PATH: process.env.PATH, HOME: stateDir, APIGW_SANDBOX_DIR: stateDir}
  try {
    for (const [narration, step, options] of RUNBOOK) {
      if (narration) console.log(`\n${style('2', `# ${narration}`)}`)
      await apigw(step.replaceAll('{state}', stateDir), env, options)
    }
    console.log(`\n${style('32', 'Demo complete.')} Try it yourself: apigw sandbox start --detach, then any command with --sandbox.`)
  } finally {
    // Never leave a process behind, even when a step failed.
    await stopBackground()
    spawnSync(process.execPath, [bin, 'sandbox', 'stop'], {env, stdio: 'ignore'})
    rmSync(stateDir, {recursive: true, force: true})
  }
}

main().catch((error) => {
  console.error(`\nDemo failed: ${error.message}`)
  process.exit(1)
})
