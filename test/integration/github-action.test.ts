import {GetStageCommand} from '@aws-sdk/client-api-gateway'
import {spawn} from 'node:child_process'
import {existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {beforeAll, describe, expect, it} from 'vitest'
import {parse} from 'yaml'
import {runCli, runProgram} from '../helpers/cli.js'
import {backfill} from '../helpers/live-stage.js'
import {driveTraffic} from '../helpers/live-traffic.js'
import {clients, env, sandbox, seed, useSandboxCli} from '../helpers/sandbox-cli.js'

useSandboxCli()

const root = fileURLToPath(new URL('../..', import.meta.url))
const ENTRY = join(root, 'action/run.mjs')
const INSTALL = join(root, 'action/install.mjs')

/** GITHUB_OUTPUT read the way GitHub reads it: `name=value`, or `name<<DELIMITER` … `DELIMITER`. */
function readOutputs(text: string): Record<string, string>[] {
  const entries: Record<string, string>[] = []
  const lines = text.split('\n')
  for (let i = 0; i < lines.length - 1; i++) {
    const heredoc = /^([\w-]+)<<(.+)$/.exec(lines[i])
    const plain = /^([\w-]+)=(.*)$/.exec(lines[i])
    if (heredoc) {
      const end = lines.indexOf(heredoc[2], i + 1)
      entries.push({[heredoc[1]]: lines.slice(i + 1, end).join('\n')})
      i = end
    } else if (plain) entries.push({[plain[1]]: plain[2]})
    else throw new Error(`not a GITHUB_OUTPUT line: ${lines[i]}`)
  }
  return entries
}

/** Runs the action's entry script as the runner would: inputs in INPUT_*, fresh GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files. */
async function runAction(command: string, extra: Record<string, string> = {}) {
  const scratch = mkdtempSync(join(tmpdir(), 'apigw-action-'))
  const files = {output: join(scratch, 'github-output'), summary: join(scratch, 'step-summary')}
  const result = await runProgram(process.execPath, [ENTRY], {
    env: {...env, GITHUB_ACTIONS: 'true', RUNNER_TEMP: scratch, GITHUB_OUTPUT: files.output, GITHUB_STEP_SUMMARY: files.summary, INPUT_COMMAND: command, ...extra},
  })
  const read = (path: string) => (existsSync(path) ? readFileSync(path, 'utf8') : '')
  const entries = readOutputs(read(files.output))
  return {...result, entries, outputs: Object.assign({}, ...entries) as Record<string, string>, summary: read(files.summary)}
}

describe('the GitHub Action (action/run.mjs) against a sandbox', () => {
  let shop: {id: string}

  beforeAll(async () => {
    shop = await seed.restApi('ga-shop')
    backfill(sandbox, shop.id, 'prod', {}, 0.5)
  })

  it('deploys: the JSON, the deployment ids, the API and stage as step outputs, each once, and a summary table', async () => {
    const run = await runAction(`apigw deploy --api ga-shop --stage dev --create-stage --description "commit abc1234's \\"first\\" run" --wait`)
    expect(run.code, run.stderr).toBe(0)
    const result = JSON.parse(run.stdout)
    expect(result).toMatchObject({stage: 'dev', action: 'deploy', stageCreated: true, live: true})
    expect(result.description).toContain(`commit abc1234's "first" run`)
    const {deploymentId} = (await clients.rest.send(new GetStageCommand({restApiId: shop.id, stageName: 'dev'})))
    expect(run.outputs).toEqual({
      'exit-code': '0',
      json: JSON.stringify(result),
      'api-id': shop.id,
      'api-name': 'ga-shop',
      stage: 'dev',
      'deployment-id': deploymentId,
      'previous-deployment-id': '',
    })
    // apigw's own deployment-id output and the action's are one entry, not two.
    expect(run.entries).toHaveLength(Object.keys(run.outputs).length)
    expect(run.summary).toContain('### ✅ apigw deploy: exit 0')
    expect(run.summary).toContain(`apigw deploy --api ga-shop --stage dev --create-stage --description 'commit abc1234'\\''s "first" run' --wait --json`)
    expect(run.summary).toContain(`| ga-shop | dev | deploy | ${deploymentId} | — | true |`)
  })

  it('passes a gate: metrics check within its limits gives outcome passed and exit 0', async () => {
    const run = await runAction('metrics check --api ga-shop --stage prod --since 15m --max-5xx-rate 2%')
    expect(run.code, run.stderr).toBe(0)
    expect(run.outputs).toMatchObject({'exit-code': '0', outcome: 'passed', 'api-id': shop.id, stage: 'prod'})
    expect(JSON.parse(run.outputs.json)).toMatchObject({pass: true, outcome: 'passed'})
    // apigw writes this summary itself (src/cli/ci), and the action's stays out: one heading, not two.
    expect(run.summary.match(/^### /gm)).toEqual(['### '])
    expect(run.summary).toMatch(/^\| 5xx-rate \| pass \| .+ \|$/m)
  })

  it('fails a gate: exit 1, and the outputs and the summary name the figure that failed', async () => {
    const run = await runAction('metrics check --api ga-shop --stage prod --since 15m --max-5xx-rate 0.1% --max-p99 2s')
    expect(run.code).toBe(1)
    expect(run.outputs).toMatchObject({'exit-code': '1', outcome: 'failed'})
    const result = JSON.parse(run.outputs.json)
    expect(result).toMatchObject({pass: false, outcome: 'failed'})
    expect(run.summary.match(/^### .*$/gm)).toEqual(['### ❌ apigw metrics check: failed (exit 1)'])
    expect(run.summary).toContain('ga-shop stage prod (all traffic)')
    const failed = result.gates.find((gate: {gate: string}) => gate.gate === '5xx-rate')
    // As Markdown: `>` is written &gt; so that the summary shows it, not HTML.
    expect(run.summary).toContain(`| 5xx-rate | fail | ${Number((failed.value * 100).toFixed(2))}% | 0.1% | ${failed.detail.replaceAll('>', '&gt;')} |`)
    expect(run.summary).toMatch(/^\| p99 \| pass \| .+ \|$/m)
    expect(run.stderr).toContain('::error title=metrics check%3A 5xx-rate on ga-shop stage prod::')
  })

  describe('apis diff, from a working directory', () => {
    const folder = mkdtempSync(join(tmpdir(), 'apigw-action-files-'))

    beforeAll(async () => {
      const imported = await runCli(['apis', 'import', join(root, 'examples/shop.yaml'), '--deploy', 'prod'], env)
      expect(imported.code, imported.stderr).toBe(0)
      const definition = readFileSync(join(root, 'examples/shop.yaml'), 'utf8')
      writeFileSync(join(folder, 'shop.yaml'), definition)
      writeFileSync(join(folder, 'shop-next.yaml'), definition.replaceAll('https://catalog.shop.example.com/products/{productId}', 'https://catalog-v2.shop.example.com/products/{productId}'))
    })

    it('finds no drift: has-changes false, exit 0', async () => {
      const run = await runAction('apis diff shop.yaml --api shop --stage prod', {'INPUT_WORKING-DIRECTORY': folder})
      expect(run.code, run.stderr).toBe(0)
      expect(run.outputs).toMatchObject({'exit-code': '0', 'has-changes': 'false', 'api-name': 'shop', stage: 'prod'})
      expect(run.summary).toBe('### ✅ apigw apis diff: no differences (exit 0)\n\nshop.yaml against shop stage prod: the same 12 operations.\n\n')
    })

    it('finds drift: has-changes true, exit 1, each changed field in the summary', async () => {
      const run = await runAction('apis diff shop-next.yaml --api shop --stage prod', {'INPUT_WORKING-DIRECTORY': folder})
      expect(run.code).toBe(1)
      expect(run.outputs).toMatchObject({'exit-code': '1', 'has-changes': 'true'})
      expect(JSON.parse(run.outputs.json).changed.map((change: {operation: string}) => change.operation)).toEqual(['DELETE /products/{productId}', 'GET /products/{productId}'])
      expect(run.summary.match(/^### .*$/gm)).toEqual(['### ❌ apigw apis diff: 2 differences (exit 1)'])
      expect(run.summary).toContain(
        '| changed | GET /products/{productId} | integration.uri | https://catalog-v2.shop.example.com/products/{productId} | https://catalog.shop.example.com/products/{productId} |',
      )
    })
  })

  it('runs a canary to the end: its events as one JSON array, outcome promoted, the canary deployment now the stage\'s', async () => {
    const api = await seed.restApi('ga-canary')
    const stop = driveTraffic(sandbox, api.id)
    const run = await runAction('canary run --api ga-canary --stage prod --steps 50,100 --bake 2s --interval 1s --min-requests 1000 --yes')
    stop()
    expect(run.code, run.stderr).toBe(0)
    const events = JSON.parse(run.outputs.json)
    expect(events).toEqual(run.stdout.trim().split('\n').map((line) => JSON.parse(line)))
    expect(events.at(-1)).toMatchObject({event: 'promoted', exitCode: 0})
    const {deploymentId} = await clients.rest.send(new GetStageCommand({restApiId: api.id, stageName: 'prod'}))
    expect(run.outputs).toMatchObject({'exit-code': '0', outcome: 'promoted', 'deployment-id': deploymentId, 'previous-deployment-id': api.deploymentId})
    expect(run.summary.match(/^### .*$/gm)).toEqual(['### ✅ apigw canary run: promoted (exit 0)'])
    expect(run.summary).toMatch(/^\*\*promoted\*\* at step 2 of 2 \(100%\): .+$/m)
    expect(run.summary).toMatch(/^\| 5xx-rate \| pass \| .+ \|$/m)
  }, 60_000)

  it('shows a dry run as its plan: each step and AWS operation, and AWS left as it was', async () => {
    const before = (await clients.rest.send(new GetStageCommand({restApiId: shop.id, stageName: 'prod'}))).deploymentId
    const run = await runAction('deploy --api ga-shop --stage prod --dry-run')
    expect(run.code, run.stderr).toBe(0)
    expect(JSON.parse(run.outputs.json)).toMatchObject({dryRun: true})
    expect(run.summary).toMatch(/^Dry run: .+$/m)
    expect(run.summary).toMatch(/^\| 1 \| CreateDeployment \| .+ \|$/m)
    expect((await clients.rest.send(new GetStageCommand({restApiId: shop.id, stageName: 'prod'}))).deploymentId).toBe(before)
  })

  it("passes apigw's error on: its exit code, error-code and the message and Try: line in the summary", async () => {
    const run = await runAction('deploy --api ga-nope --stage dev')
    expect(run.code).toBe(4)
    expect(run.outputs).toMatchObject({'exit-code': '4', 'error-code': 'API_NOT_FOUND'})
    expect(run.summary).toContain('### ❌ apigw deploy: exit 4')
    expect(run.summary).toMatch(/^\*\*API\\_NOT\\_FOUND\*\*: No API with id or name "ga-nope"/m)
    expect(run.summary).toMatch(/^- Try: /m)
  })

  it('refuses a command it cannot read, before running anything: exit 2, and exit-code the only output', async () => {
    for (const command of ['', '   ', `deploy --api ga-shop --stage dev --description 'unclosed`]) {
      const run = await runAction(command)
      expect(run.code).toBe(2)
      expect(run.stderr).toMatch(/^::error title=apigw action::(the command input is empty|the command has an unclosed ' quote)/)
      expect(run.entries).toEqual([{'exit-code': '2'}])
      expect(run.summary).toBe('')
    }
  })
})

// What the sandbox cannot show in a moment (a canary run's minutes), or apigw does not do (write
// outputs with line breaks), or does only for some commands (a job summary of its own): a stand-in apigw that prints canary run's
// documented events (docs/json.md) and tells which arguments it got.
const STAND_IN = `
import {appendFileSync} from 'node:fs'
const gate = {gate: '5xx-rate', status: 'fail', canary: 0.09, base: 0.004, limit: 0.01, detail: 'canary 5XX rate 9% > 1% allowed'}
const events = [
  {event: 'started', at: '2026-01-01T00:00:00Z', canaryDeploymentId: 'can4ry', baseDeploymentId: 'ba5e01', steps: [10, 100], bakeSeconds: 300},
  {event: 'evaluation', at: '2026-01-01T00:05:00Z', step: 1, steps: 2, percent: 10, outcome: 'failed', gates: [gate]},
  {event: 'aborted', at: '2026-01-01T00:05:01Z', message: 'Canary removed: 5xx-rate failed.', exitCode: 1, action: 'abort', failedGates: [gate], position: {step: 1, steps: 2, percent: 10}},
]
if (process.env.STAND_IN_WAIT) {
  // As canary run on SIGINT: pause, say so, exit 130. A second signal within a moment is counted.
  let signals = 0
  process.on('SIGINT', () => {
    if (++signals > 1) return
    setTimeout(() => {
      process.stdout.write(JSON.stringify({event: 'interrupted', message: 'Paused.', exitCode: 130}) + '\\n')
      appendFileSync(process.env.GITHUB_OUTPUT, 'signals=' + signals + '\\n')
      process.exit(130)
    }, 300)
  })
  process.stdout.write(JSON.stringify(events[0]) + '\\n')
  setInterval(() => {}, 1000)
} else for (const event of events) process.stdout.write(JSON.stringify(event) + '\\n')
appendFileSync(process.env.GITHUB_OUTPUT, 'args=' + JSON.stringify(process.argv.slice(2)) + '\\nnotes<<END\\nline one\\nline two\\nEND\\n')
if (process.env.STAND_IN_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, 'apigw wrote its own summary\\n')
process.exitCode = 1
`

describe('the entry script with a stand-in apigw (APIGW_BIN)', () => {
  it('says so when there is no apigw where APIGW_BIN points: exit 3, and exit-code the only output', async () => {
    const run = await runAction('apis list', {APIGW_BIN: join(tmpdir(), 'no-apigw-here', 'run.js')})
    expect(run.code).toBe(3)
    expect(run.stderr).toContain('::error title=apigw action::there is no apigw at ')
    expect(run.entries).toEqual([{'exit-code': '3'}])
  })


  const bin = join(mkdtempSync(join(tmpdir(), 'apigw-stand-in-')), 'run.mjs')
  writeFileSync(bin, STAND_IN)
  const command = `canary run --api 'my api' --stage prod --description "say \\"hi\\"" --steps 10,100 --yes`

  it("gives canary run's events as one JSON array, how it ended, both deployments, apigw's own outputs (line breaks kept) and exit 1", async () => {
    const run = await runAction(command, {APIGW_BIN: bin})
    expect(run.code).toBe(1)
    const events = run.stdout.trim().split('\n').map((line) => JSON.parse(line))
    expect(run.outputs).toEqual({
      'exit-code': '1',
      json: JSON.stringify(events),
      'deployment-id': 'can4ry',
      'previous-deployment-id': 'ba5e01',
      outcome: 'aborted',
      args: JSON.stringify(['canary', 'run', '--api', 'my api', '--stage', 'prod', '--description', 'say "hi"', '--steps', '10,100', '--yes', '--json']),
      notes: 'line one\nline two',
    })
    expect(run.summary).toContain('### ❌ apigw canary run: exit 1')
    expect(run.summary).toContain('**aborted** at step 1 of 2 (10%): Canary removed: 5xx-rate failed.')
    expect(run.summary).toContain('| 5xx-rate | fail | canary 5XX rate 9% &gt; 1% allowed |')
  })

  it("passes a cancelled job's SIGINT to apigw once, even sent to the whole process group, and still writes the outputs", async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'apigw-action-'))
    const output = join(scratch, 'github-output')
    // The entry script leads a process group of its own, as a step's process would.
    const child = spawn(process.execPath, [ENTRY], {env: {...env, APIGW_BIN: bin, STAND_IN_WAIT: '1', GITHUB_OUTPUT: output, INPUT_COMMAND: command}, detached: true, stdio: ['ignore', 'pipe', 'pipe']})
    let stdout = ''
    child.stdout.on('data', (chunk) => {
      if (stdout === '') process.kill(-child.pid!, 'SIGINT')
      stdout += chunk
    })
    const code = await new Promise((resolve) => child.on('close', resolve))
    expect(code).toBe(130)
    expect(stdout).toContain('"event":"interrupted"')
    const outputs = Object.assign({}, ...readOutputs(readFileSync(output, 'utf8')))
    expect(outputs).toMatchObject({'exit-code': '130', outcome: 'interrupted', signals: '1', 'deployment-id': 'can4ry'})
  })

  it('adds no summary when apigw wrote one itself, and no --json when the command chose an output format', async () => {
    const run = await runAction(`${command} --output yaml`, {APIGW_BIN: bin, STAND_IN_SUMMARY: '1'})
    expect(run.summary).toBe('apigw wrote its own summary\n')
    expect(JSON.parse(run.outputs.args)).toEqual(expect.arrayContaining(['--output', 'yaml']))
    expect(JSON.parse(run.outputs.args)).not.toContain('--json')
  })
})

describe('the action (action/install.mjs, action.yml)', () => {
  it("installs from a checkout: bin is its bin/run.js, and `apigw` is on GITHUB_PATH for later steps", async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'apigw-install-'))
    const files = {output: join(scratch, 'github-output'), path: join(scratch, 'github-path')}
    // The checkout is built (npm test built it): no npm on PATH, so the step may not reinstall this
    // repository's node_modules under the tests running beside it.
    const run = await runProgram(process.execPath, [INSTALL], {env: {...env, PATH: '', RUNNER_TEMP: scratch, GITHUB_OUTPUT: files.output, GITHUB_PATH: files.path, INPUT_VERSION: root}})
    expect(run.code, run.stderr).toBe(0)
    const version = JSON.parse(readFileSync(join(root, 'packages/cli/package.json'), 'utf8')).version
    expect(run.stdout).toContain(`Installed apigw/${version} `)
    expect(readFileSync(files.output, 'utf8')).toBe(`bin=${join(root, 'packages/cli/bin/run.js')}\nversion=${version}\n`)
    const binDir = readFileSync(files.path, 'utf8').trim()
    const onPath = await runProgram('apigw', ['--version'], {env: {...env, PATH: `${binDir}:${env.PATH}`}})
    expect(onPath.stdout).toMatch(new RegExp(`^apigw/${version} `))
  })

  it('installs a pinned version once per job: a later step finds it in RUNNER_TEMP and calls no npm', async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'apigw-install-'))
    const version = JSON.parse(readFileSync(join(root, 'packages/cli/package.json'), 'utf8')).version
    // What an earlier step's `npm install --global --prefix $RUNNER_TEMP/apigw apigw@<version>` left.
    mkdirSync(join(scratch, 'apigw/lib/node_modules'), {recursive: true})
    mkdirSync(join(scratch, 'apigw/bin'))
    symlinkSync(join(root, 'packages/cli'), join(scratch, 'apigw/lib/node_modules/apigw'))
    symlinkSync(join(root, 'packages/cli/bin/run.js'), join(scratch, 'apigw/bin/apigw'))
    const output = join(scratch, 'github-output')
    // No npm on PATH: calling it would fail the step.
    const run = await runProgram(process.execPath, [INSTALL], {env: {...env, PATH: '', RUNNER_TEMP: scratch, GITHUB_OUTPUT: output, INPUT_VERSION: `v${version}`}})
    expect(run.code, run.stderr).toBe(0)
    expect(readFileSync(output, 'utf8')).toBe(`bin=${join(scratch, 'apigw/bin/apigw')}\nversion=${version}\n`)
  })

  it('refuses a version that names a file that is not there: exit 2', async () => {
    const run = await runProgram(process.execPath, [INSTALL], {env: {...env, INPUT_VERSION: './apigw-9.9.9.tgz'}})
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('::error title=apigw action::version: there is no file or directory ./apigw-9.9.9.tgz')
  })

  it('action.yml runs install.mjs and run.mjs, and maps every output run.mjs writes', () => {
    const action = parse(readFileSync(join(root, 'action.yml'), 'utf8'))
    expect(action.runs.using).toBe('composite')
    expect(Object.keys(action.inputs)).toEqual(['version', 'command', 'working-directory'])
    const scripts = action.runs.steps.map((step: {run?: string}) => step.run).filter(Boolean)
    expect(scripts).toEqual(['node "$GITHUB_ACTION_PATH/action/install.mjs"', 'node "$GITHUB_ACTION_PATH/action/run.mjs"'])
    for (const [name, output] of Object.entries(action.outputs as Record<string, {value: string}>)) {
      expect(output.value).toBe(`\${{ steps.${name === 'version' ? 'install' : 'run'}.outputs.${name} }}`)
    }
    const written = ['exit-code', 'json', 'api-id', 'api-name', 'stage', 'deployment-id', 'previous-deployment-id', 'outcome', 'has-changes', 'error-code', 'version']
    expect(Object.keys(action.outputs)).toEqual(written)
  })
})
