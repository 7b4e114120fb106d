import {existsSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {beforeAll, describe, expect, it} from 'vitest'
import {parse, stringify} from 'yaml'
import {runCli, runProgram, type CliResult} from '../helpers/cli.js'
import {backfill} from '../helpers/live-stage.js'
import {driveTraffic} from '../helpers/live-traffic.js'
import {env, sandbox, seed, useSandboxCli} from '../helpers/sandbox-cli.js'

useSandboxCli()

const root = fileURLToPath(new URL('../..', import.meta.url))

/** Runs apigw as a GitHub Actions step would: GITHUB_ACTIONS=true and a fresh GITHUB_STEP_SUMMARY file. */
async function underGithub(args: string[]): Promise<CliResult & {summary: string}> {
  const summaryFile = join(mkdtempSync(join(tmpdir(), 'apigw-summary-')), 'step-summary')
  const result = await runCli(args, {...env, GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summaryFile})
  return {...result, summary: existsSync(summaryFile) ? readFileSync(summaryFile, 'utf8') : ''}
}

/** The workflow commands in a stream: lines starting with `::`. */
const commands = (text: string) => text.split('\n').filter((line) => line.startsWith('::'))

/** stderr without the workflow commands: what an operator reads, which GitHub mode leaves as it was. */
const withoutCommands = (text: string) => text.split('\n').filter((line) => !line.startsWith('::')).join('\n')

/**
 * metrics check reads the last minutes up to now, so runs compare only within one window: `runs`
 * again when a window boundary fell between them (a check before and one after see different windows).
 */
async function inOneWindow<T>(runs: () => Promise<T>): Promise<T> {
  const probe = async () => JSON.parse((await runCli(['metrics', 'check', '--api', 'gh-shop', '--stage', 'prod', '--since', '15m', '--json'], env)).stdout).window.end
  const before = await probe()
  const result = await runs()
  return before === (await probe()) ? result : runs()
}

describe('metrics check under GitHub Actions', () => {
  beforeAll(async () => {
    const shop = await seed.restApi('gh-shop')
    backfill(sandbox, shop.id, 'prod', {}, 0.5)
  })

  const check = (...limits: string[]) => ['metrics', 'check', '--api', 'gh-shop', '--stage', 'prod', '--since', '15m', ...limits, '--json']

  it('a passing gate: no annotation, every gate with its value and limit in the summary, stdout and exit code as without', async () => {
    const args = check('--max-5xx-rate', '2%', '--max-p99', '5s')
    const [plain, github] = await inOneWindow(() => Promise.all([runCli(args, env), underGithub(args)]))
    expect(github.code, github.stderr).toBe(0)
    expect(plain.code).toBe(0)
    expect(github.stdout).toBe(plain.stdout)
    expect(github.stderr).toBe(plain.stderr)
    const result = JSON.parse(github.stdout)
    expect(github.summary.match(/^### .*$/gm)).toEqual(['### ✅ apigw metrics check: passed (exit 0)'])
    expect(github.summary).toContain(`gh-shop stage prod (all traffic), ${result.window.start} to ${result.window.end}: ${result.figures.requests} requests.`)
    expect(github.summary).toMatch(/^\| 5xx-rate \| pass \| \d+(\.\d+)?% \| 2% \| .+ \|$/m)
    expect(github.summary).toMatch(/^\| p99 \| pass \| \d+ ms \| 5000 ms \| .+ \|$/m)
    expect(github.summary).toMatch(/^\| 4xx-rate \| skipped \| .+ \| — \| .+ \|$/m)
  })

  it('a failing gate: an ::error per failed gate on stderr (not stdout), the summary, exit 1 as without', async () => {
    const args = check('--max-5xx-rate', '0.01%', '--max-p99', '1ms')
    const [plain, github] = await inOneWindow(() => Promise.all([runCli(args, env), underGithub(args)]))
    expect(github.code).toBe(1)
    expect(plain.code).toBe(1)
    expect(github.stdout).toBe(plain.stdout)
    expect(commands(github.stdout)).toEqual([])
    expect(withoutCommands(github.stderr)).toBe(plain.stderr)
    const gates = JSON.parse(github.stdout).gates as Array<{gate: string; detail: string}>
    const detail = (name: string) => gates.find((gate) => gate.gate === name)!.detail
    // In a workflow command's message % is written %25 (the runner decodes it back).
    expect(commands(github.stderr)).toEqual([
      `::error title=metrics check%3A 5xx-rate on gh-shop stage prod::${detail('5xx-rate').replaceAll('%', '%25')}`,
      `::error title=metrics check%3A p99 on gh-shop stage prod::${detail('p99')}`,
    ])
    expect(github.summary.match(/^### .*$/gm)).toEqual(['### ❌ apigw metrics check: failed (exit 1)'])
    expect(github.summary).toContain(`| 5xx-rate | fail | `)
    expect(github.summary).toContain(`| 0.01% | ${detail('5xx-rate').replaceAll('>', '&gt;')} |`)
    expect(github.summary).toContain(`| 1 ms | ${detail('p99').replaceAll('>', '&gt;')} |`)
  })

  it('under GitLab CI and a plain CI: stdout and stderr byte for byte as without, and no summary', async () => {
    const summaryFile = join(mkdtempSync(join(tmpdir(), 'apigw-summary-')), 'step-summary')
    for (const format of [['--json'], ['--output', 'table']]) {
      const args = [...check('--max-5xx-rate', '0.01%').slice(0, -1), ...format]
      // GITHUB_STEP_SUMMARY set but GITHUB_ACTIONS not: not GitHub, so nothing goes there either.
      const gitlabEnv = {...env, GITLAB_CI: 'true', CI_JOB_ID: '42', GITHUB_STEP_SUMMARY: summaryFile}
      const [plain, gitlab] = await inOneWindow(() => Promise.all([runCli(args, env), runCli(args, gitlabEnv)]))
      expect(gitlab.code).toBe(1)
      expect(plain.code).toBe(1)
      expect(gitlab.stdout).toBe(plain.stdout)
      expect(gitlab.stderr).toBe(plain.stderr)
      expect(commands(gitlab.stderr)).toEqual([])
    }
    expect(existsSync(summaryFile)).toBe(false)
  })
})

describe('apis diff under GitHub Actions', () => {
  const folder = mkdtempSync(join(tmpdir(), 'apigw-gh-diff-'))

  beforeAll(async () => {
    const imported = await runCli(['apis', 'import', join(root, 'examples/shop.yaml'), '--deploy', 'prod'], env)
    expect(imported.code, imported.stderr).toBe(0)
    const definition = parse(readFileSync(join(root, 'examples/shop.yaml'), 'utf8'))
    writeFileSync(join(folder, 'same.yaml'), stringify(definition))
    // A breaking file: an operation AWS serves is gone, another is pointed elsewhere; and a new one.
    delete definition.paths['/products/{productId}'].delete
    definition.paths['/orders/{orderId}'].get['x-amazon-apigateway-integration'].uri = 'https://orders-v2.example.com/{orderId}'
    definition.paths['/ping'] = {get: {responses: {200: {description: 'ok'}}, 'x-amazon-apigateway-integration': {type: 'mock', requestTemplates: {'application/json': '{"statusCode": 200}'}}}}
    writeFileSync(join(folder, 'breaking.yaml'), stringify(definition))
  })

  const diff = (file: string, ...format: string[]) => ['apis', 'diff', join(folder, file), '--api', 'shop', '--stage', 'prod', ...format]

  it('breaking differences: an ::error per removed or changed operation, a ::warning per added one, the table, exit 1', async () => {
    const plain = await runCli(diff('breaking.yaml', '--json'), env)
    const github = await underGithub(diff('breaking.yaml', '--json'))
    expect(github.code).toBe(1)
    expect(plain.code).toBe(1)
    expect(github.stdout).toBe(plain.stdout)
    expect(withoutCommands(github.stderr)).toBe(plain.stderr)
    const report = JSON.parse(github.stdout)
    expect(report).toMatchObject({added: ['GET /ping'], removed: ['DELETE /products/{productId}'], changed: [{operation: 'GET /orders/{orderId}'}]})
    const file = join(folder, 'breaking.yaml')
    expect(commands(github.stderr)).toEqual([
      `::error title=apis diff%3A shop stage prod::DELETE /products/{productId} is in AWS but not in ${file}.`,
      expect.stringMatching(/^::error title=apis diff%3A shop stage prod::GET \/orders\/\{orderId\} differs: integration\.uri \(file https:\/\/orders-v2\.example\.com\/\{orderId\}, AWS .+\)/),
      `::warning title=apis diff%3A shop stage prod::GET /ping is in ${file} but not in AWS.`,
    ])
    expect(github.summary.match(/^### .*$/gm)).toEqual(['### ❌ apigw apis diff: 3 differences (exit 1)'])
    expect(github.summary).toContain('| added (only in the file) | GET /ping |  |  |  |')
    expect(github.summary).toContain('| removed (only in AWS) | DELETE /products/{productId} |  |  |  |')
    expect(github.summary).toMatch(/^\| changed \| GET \/orders\/\{orderId\} \| integration\.uri \| https:\/\/orders-v2\.example\.com\/\{orderId\} \| .+ \|$/m)
  })

  it('no differences: no annotation, a one-line summary; GitLab CI byte for byte as without', async () => {
    const github = await underGithub(diff('same.yaml'))
    const plain = await runCli(diff('same.yaml'), env)
    const gitlab = await runCli(diff('same.yaml'), {...env, GITLAB_CI: 'true'})
    expect(github.code, github.stderr).toBe(0)
    expect(commands(github.stderr)).toEqual([])
    expect(github.stdout).toBe(plain.stdout)
    expect(github.summary).toBe(`### ✅ apigw apis diff: no differences (exit 0)\n\n${join(folder, 'same.yaml')} against shop stage prod: the same 12 operations.\n\n`)
    for (const breaking of [false, true]) {
      const args = diff(breaking ? 'breaking.yaml' : 'same.yaml')
      const [without, withGitlab] = await Promise.all([runCli(args, env), runCli(args, {...env, GITLAB_CI: 'true'})])
      expect(withGitlab).toEqual(without)
    }
    expect(gitlab).toEqual(plain)
  })
})

describe('canary run under GitHub Actions', () => {
  it('an aborted rollout: one ::error with how it ended, the steps and gates in the summary, events alone on stdout, exit 1', async () => {
    const api = await seed.restApi('gh-canary')
    const stop = driveTraffic(sandbox, api.id, {canaryErrorRate: {'4xx': 0.02, '5xx': 0.2}})
    const github = await underGithub(['canary', 'run', '--api', 'gh-canary', '--stage', 'prod', '--steps', '10,50,100', '--bake', '2s', '--interval', '1s', '--min-requests', '1000', '--yes'])
    stop()
    expect(github.code).toBe(1)
    // stdout is the events, one JSON line each, as without GitHub.
    const events = github.stdout.trim().split('\n').map((line) => JSON.parse(line))
    const end = events.at(-1)
    expect(end).toMatchObject({event: 'aborted', exitCode: 1, position: {step: 1, steps: 3, percent: 10}})
    expect(commands(github.stderr)).toEqual([`::error title=canary run%3A aborted::${end.message.replaceAll('%', '%25')}`])
    const evaluations = events.filter((event) => event.event === 'evaluation')
    expect(github.summary.match(/^### .*$/gm)).toEqual(['### ❌ apigw canary run: aborted (exit 1)'])
    expect(github.summary).toContain(`**aborted** at step 1 of 3 (10%): `)
    expect(github.summary).toContain(`Canary deployment ${events[0].canaryDeploymentId}, base ${api.deploymentId}.`)
    expect(github.summary).toContain(
      `| 1 | 10% | ${evaluations.length} | ${evaluations.filter((event) => event.outcome === 'failed').length} | aborted |\n| 2 | 50% | 0 | 0 | not reached |\n| 3 | 100% | 0 | 0 | not reached |`,
    )
    expect(github.summary).toMatch(/^\| 5xx-rate \| fail \| \d+(\.\d+)?% \| \d+(\.\d+)?% \| 1% \| 5xx-rate: canary 5XX rate .+ &gt; 1% allowed \|$/m)
  }, 60_000)

  it('a paused rollout (--on-fail pause): an ::error too, and the step it stopped at shows paused', async () => {
    const api = await seed.restApi('gh-paused')
    const stop = driveTraffic(sandbox, api.id, {canaryErrorRate: {'4xx': 0.02, '5xx': 0.2}})
    const github = await underGithub(['canary', 'run', '--api', 'gh-paused', '--stage', 'prod', '--steps', '20,100', '--bake', '2s', '--interval', '1s', '--min-requests', '1000', '--on-fail', 'pause', '--yes'])
    stop()
    expect(github.code).toBe(1)
    const end = github.stdout.trim().split('\n').map((line) => JSON.parse(line)).at(-1)
    expect(end).toMatchObject({event: 'paused', action: 'pause', exitCode: 1})
    expect(commands(github.stderr)).toEqual([`::error title=canary run%3A paused::${end.message.replaceAll('%', '%25')}`])
    expect(github.summary.match(/^### .*$/gm)).toEqual(['### ❌ apigw canary run: paused (exit 1)'])
    expect(github.summary).toMatch(/^\| 1 \| 20% \| \d+ \| \d+ \| paused \|\n\| 2 \| 100% \| 0 \| 0 \| not reached \|$/m)
  }, 60_000)
})

describe('the GitHub Action with apigw writing its own summary', () => {
  it('writes its own summary when apigw failed before writing one (an unknown API): one summary, the error', async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'apigw-action-'))
    const summary = join(scratch, 'step-summary')
    const run = await runProgram(process.execPath, [join(root, 'action/run.mjs')], {
      env: {...env, GITHUB_ACTIONS: 'true', RUNNER_TEMP: scratch, GITHUB_OUTPUT: join(scratch, 'github-output'), GITHUB_STEP_SUMMARY: summary, INPUT_COMMAND: 'metrics check --api gh-nope --stage prod'},
    })
    expect(run.code).toBe(4)
    const text = readFileSync(summary, 'utf8')
    expect(text.match(/^### .*$/gm)).toEqual(['### ❌ apigw metrics check: exit 4'])
    expect(text).toMatch(/^\*\*API\\_NOT\\_FOUND\*\*: /m)
  })
})
