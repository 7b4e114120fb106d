// npm run demo: a narrated runbook against a fresh local sandbox, run with the real CLI.
// Each command is echoed, then its output. Later features add their steps to RUNBOOK.
// Everything runs through apigw itself; nothing here talks to the sandbox directly.
import {spawn, spawnSync} from 'node:child_process'
import {existsSync, mkdtempSync, rmSync, statSync, readdirSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const cli = join(root, 'packages', 'cli')
const bin = join(cli, 'bin', 'run.js')
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
  // --- custom domains (issue 21): a blue/green switch and back on the HTTP API ---
  ['Custom domains. A second stage of the HTTP API, "green", beside "live"; a regional domain (TLS 1.2) whose path plants reaches live.', 'deploy --api greenhouse --stage green --create-stage --sandbox'],
  ['', 'domains create api.greenhouse.example --certificate-arn arn:aws:acm:us-east-1:123456789012:certificate/5d1c2a6e-8f3b-4c1d-9e7a-2b4f6c8d0e1f --sandbox'],
  ['', 'domains map --domain api.greenhouse.example --path plants --api greenhouse --stage live --sandbox'],
  ['Blue/green: move plants to green in place (one UpdateApiMapping, never unmapped), recording live as the way back. --dry-run first.', 'domains switch --domain api.greenhouse.example --path plants --to greenhouse:green --sandbox --dry-run'],
  ['', 'domains switch --domain api.greenhouse.example --path plants --to greenhouse:green --yes --sandbox'],
  ['And back to live.', 'domains switch --domain api.greenhouse.example --path plants --back --yes --sandbox'],
  ['', 'domains show api.greenhouse.example --sandbox'],
  // --- end of custom domains ---
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
  ['Caching: a 0.5 GB cache cluster for prod, its GET methods cached for 60 s. On AWS a cluster is billed by the hour and takes minutes to create (1 s here); --wait follows it until AVAILABLE.', 'cache enable --api shop --stage prod --size 0.5 --ttl 60 --wait --sandbox'],
  ['One method cached longer: its patch paths write each "/" of the resource path as ~1.', 'cache method set --api shop --stage prod "GET /orders/{orderId}" --ttl 300 --sandbox --dry-run'],
  // --- Logs (issue 19): execution logging on prod, so the failed canary's errors can be read. ---
  ['Execution logging at ERROR on prod: API Gateway logs the failures behind 5XXs (the canary\'s also in a /Canary group).', 'stages set --api shop --stage prod --logging error --sandbox'],
  // --- end of Logs ---
  ['Canary releases. Live traffic in the background, 400 requests/s; whatever runs as the canary answers 20% of its requests with 5XX.', 'sandbox traffic --api shop --stage prod --follow --rps 400 --canary-error-rate 5xx=20%', {background: true}],
  ['A canary by hand: 10% of prod\'s traffic goes to the API as it is now; status shows canary and base side by side (no canary data yet is said, never shown as 0).', 'canary start --api shop --stage prod --percent 10 --description "Checkout v2 (#512)" --sandbox'],
  ['', 'canary status --api shop --stage prod --since 5m --sandbox'],
  ['', 'canary abort --api shop --stage prod --sandbox'],
  ['Let apigw decide: deploy a canary at 5%, then 25%, 100%, judged every 10 s against the gates. The canary breaks the 5XX gate: rolled back at the first step, exit 1.', 'canary run --api shop --stage prod --steps 5,25,100 --bake 30s --interval 10s --description "Checkout v2 (#512)" --yes --sandbox', {exit: 1}],
  // --- Logs (issue 19): the failed canary's logs. ---
  ["Why did it fail? The canary's execution log, the first lines behind its 5XXs (apigw logs reads the stage's groups, base and canary apart).", 'logs --api shop --stage prod --canary --execution --filter failed --since 5m --limit 4 --sandbox'],
  // --- end of Logs ---
  ['Fixed: the same traffic, with a healthy canary this time.', 'sandbox traffic --api shop --stage prod --follow --rps 400', {background: true}],
  ['', 'canary run --api shop --stage prod --steps 10,50,100 --bake 20s --interval 10s --description "Checkout v3 (#530)" --yes --sandbox'],
  ['', 'stages history --api shop --stage prod --sandbox'],
  ['Meanwhile prod\'s cache filled under the live traffic (canary requests skip it): the cluster, how each method is cached, and the hit ratio.', 'cache status --api shop --stage prod --since 5m --sandbox'],
  ['Flush it and watch: the hit ratio falls and climbs back over one TTL while the backend takes the load (a line every 10 s, then a chart).', 'cache flush --api shop --stage prod --wait --verify-for 40s --sandbox'],
  ['Usage plans give API keys a throttle and a quota on REST stages. --dry-run shows the exact CreateUsagePlan.', 'plans create --name gold --throttle 100:200 --quota 100000/month --stage shop:prod --sandbox --dry-run'],
  ['A write whose answer is lost after AWS made it (a reset, a proxy\'s 503): the sandbox rehearses it on the next CreateUsagePlan. apigw looks for what it made before trying again, so there is one plan gold, not two.', 'sandbox faults lost=CreateUsagePlan:503'],
  ['', 'plans create --name gold --throttle 100:200 --quota 100000/month --stage shop:prod --sandbox'],
  ['', 'plans list --sandbox'],
  ['API keys for partners: one in plan gold, its value generated by AWS and written to a file only you can read. No value is ever printed unless asked (--show-value).', 'keys create --name partner-acme --plan gold --customer acme --out {state}/acme.key --sandbox'],
  ['More keys from a CSV file in AWS\'s format; every row is checked before anything is created.', 'keys import examples/partner-keys.csv --sandbox'],
  ['', 'keys list --sandbox'],
  ['A key may be in only one plan per API stage: apigw refuses before AWS would, and says how to move it.', 'plans create --name trial --quota 1000/day --stage shop:prod --sandbox'],
  ['', 'plans attach trial partner-acme --sandbox', {exit: 5}],
  ['Three hours of requests with partner-acme\'s key, then its daily usage against the quota.', 'sandbox traffic --api shop --stage prod --duration 3h --rps 5 --keys partner-acme'],
  ['', 'plans usage gold --since 7d --sandbox'],
  ['Rotate partner-acme without cutting anyone off: a new key in the same plans, both keys tagged, so any machine can carry the rotation on.', 'keys rotate partner-acme --sandbox --dry-run'],
  ['Rehearse a failure part-way: the next CreateUsagePlanKey fails once (--retry-budget 0s, so apigw does not retry it). Exit 8: what is done, and the command that carries on.', 'sandbox faults fail=CreateUsagePlanKey'],
  ['', 'keys rotate partner-acme --out {state}/acme-new.key --retry-budget 0s --sandbox', {exit: 8}],
  ['The same command carries on where it stopped, never making a second key; the new value goes to a file only you can read.', 'keys rotate partner-acme --out {state}/acme-new.key --sandbox'],
  ['Is anyone still using the old key? Yes: partner-acme\'s requests today.', 'keys rotations --sandbox'],
  ['So finalizing refuses (exit 5) while the old key had requests today…', 'keys rotate partner-acme --finalize --sandbox', {exit: 5}],
  ['…unless --force; before the grace deadline it also asks (--yes). The old key is disabled; the new one stays.', 'keys rotate partner-acme --finalize --force --yes --sandbox'],
  ['Disabling a key cuts its callers off at once: it needs --yes. Deleting is for good: it needs the key named.', 'keys disable partner-globex --yes --sandbox'],
  ['', 'keys delete partner-initech --confirm partner-initech --sandbox'],
  ['Backfill 30 minutes of traffic: CloudWatch now holds Count, 4XXError, 5XXError, Latency and IntegrationLatency for shop/prod.', 'sandbox traffic --api shop --stage prod --duration 30m --rps 20 --error-rate 4xx=2%,5xx=0.5% --latency p50=40ms,p99=350ms'],
  ['Rehearse a bad day: throttle 40% of calls. apigw retries within its budget and says so on stderr.', 'sandbox faults throttle=40%'],
  ['', 'apis list --sandbox'],
  ['', 'sandbox faults none'],
  ['Deleting an API takes its name: --confirm <name> (or typing it at a terminal). --dry-run shows what goes.', 'apis delete --api chat --confirm chat --sandbox --dry-run'],
  ['', 'apis delete --api chat --confirm chat --sandbox'],
  ['Metrics for scripts: prod\'s 5XX rate minute by minute, as CSV (empty cells where CloudWatch has no data, never 0).', 'metrics get --api shop --stage prod --metric 5xx-rate --since 10m --output csv --sandbox'],
  ['A CI gate on the last 15 minutes: within the limits, exit 0…', 'metrics check --api shop --stage prod --since 15m --max-5xx-rate 1% --max-p99 800ms --sandbox'],
  ['…and over them, exit 1, with the numbers.', 'metrics check --api shop --stage prod --since 15m --max-5xx-rate 0.1% --sandbox', {exit: 1}],
  ['Every API and stage of the region, worst first.', 'dashboard --all --sandbox'],
  ['The fleet: every region named, in one table with account and region (the sandbox keeps regions apart: eu-west-1 has no APIs).', 'dashboard --all --regions us-east-1,eu-west-1 --sandbox'],
  ['What that traffic costs at us-east-1 prices, with shop\'s cache cluster hours, and whether a REST API could be a cheaper HTTP API.', 'cost --all --since 3h --sandbox'],
  ['And the dashboard: prod over the last 30 minutes, with each method\'s panels (detailed metrics were turned on above).', 'dashboard --api shop --stage prod --since 30m --routes --sandbox'],
  // ---- doctor (issue 20): the tour ends with the production checklist ----
  ['Last, the production checklist: doctor audits what is live (here four checks of it; no high finding among them, so exit 0).', 'doctor --api shop --stage prod --checks execution-logging-off,xray-off,access-logging-off,waf-missing --sandbox'],
  ['--fix makes the fixable ones one change (read back and audited again), with a log group for the access logs; WAF is left to a person, with its steps.', 'doctor --fix --api shop --stage prod --checks execution-logging-off,xray-off,access-logging-off,waf-missing --yes --sandbox'],
  ['A second run: the fixed checks pass, even at --fail-on low.', 'doctor --api shop --stage prod --checks execution-logging-off,xray-off,access-logging-off --fail-on low --sandbox'],
  // ---- end of doctor ----
  ['What the sandbox holds now, then stop it.', 'sandbox status'],
  ['', 'sandbox stop'],
]

/**
 * `--quick` (the demo's test): the same steps and output, with shorter bakes and watches. The canary
 * is still judged every 10 s, as often as live traffic is published: more often, evaluations would
 * judge the same numbers again and count one bad round as several failures.
 */
const QUICK = process.argv.includes('--quick')
const QUICKER = [
  ['--bake 30s', '--bake 10s'],
  ['--bake 20s', '--bake 10s'],
  ['--verify-for 40s', '--verify-for 10s'],
]
const timed = (step) => (QUICK ? QUICKER.reduce((text, [long, short]) => text.replaceAll(long, short), step) : step)

function buildIfNeeded() {
  // The build writes the help index last.
  const built = join(cli, 'dist', 'help-index.json')
  const newest = (dir) => Math.max(...readdirSync(dir, {withFileTypes: true, recursive: true}).filter((e) => e.isFile()).map((e) => statSync(join(e.parentPath, e.name)).mtimeMs))
  const sources = ['packages/cli/src', 'packages/sandbox/src'].map((dir) => newest(join(root, dir)))
  if (existsSync(built) && Math.max(...sources) < statSync(built).mtimeMs) return
  console.log(style('2', '# building apigw (npm run build --workspace apigw)'))
  const result = spawnSync('npm', ['run', 'build', '--silent', '--workspace', 'apigw'], {cwd: root, stdio: 'inherit'})
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
  // Stopping the sandbox under live traffic would end the traffic with an error: stop the traffic first.
  if (args.startsWith('sandbox stop')) await stopBackground()
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
      await apigw(timed(step).replaceAll('{state}', stateDir), env, options)
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
