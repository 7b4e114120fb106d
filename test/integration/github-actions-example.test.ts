import {existsSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {parse} from 'yaml'
import {apigwLines, problems, root, sandboxLeftRunning, stopSandbox} from '../helpers/ci-workflow.js'
import {EMPTY_HOME, runProgram} from '../helpers/cli.js'

const WORKFLOW = parse(readFileSync(join(root, 'examples/ci/github-actions.yml'), 'utf8'))

interface Step {
  id?: string
  name?: string
  if?: string
  uses?: string
  run?: string
  with?: {command?: string}
  env?: Record<string, string>
}

const jobs = Object.entries(WORKFLOW.jobs as Record<string, {steps: Step[]}>)

/** The apigw command lines of a job: the action's `command` inputs and `apigw …` in run scripts, expressions as X. */
function commandLines(steps: Step[]): string[] {
  const lines: string[] = []
  for (const step of steps) {
    if (step.with?.command) lines.push(step.with.command.replace(/\$\{\{[^}]*\}\}/g, 'X'))
    lines.push(...apigwLines(step.run ?? ''))
  }
  return lines
}

describe('examples/ci/github-actions.yml', () => {
  it('has the release, canary and drift jobs, each using the action', () => {
    expect(jobs.map(([name]) => name)).toEqual(['release', 'canary', 'drift'])
    for (const [, job] of jobs) expect(job.steps.filter((step) => step.uses === './' && step.with?.command).length).toBeGreaterThan(0)
    const commands = jobs.flatMap(([, job]) => commandLines(job.steps)).map((line) => line.split(' ').slice(0, 2).join(' '))
    expect(commands).toEqual(expect.arrayContaining(['deploy --api', 'metrics check', 'stages promote', 'canary run', 'apis diff']))
  })

  it.each(jobs)('%s: every apigw command it runs is in the manifest, with flags it has', (_name, job) => {
    const lines = commandLines(job.steps)
    expect(lines.length).toBeGreaterThan(2)
    expect(lines.flatMap(problems)).toEqual([])
  })

  it('the check finds a command or a flag that is not there', () => {
    expect(problems('stages promot --api X')).toEqual(['apigw stages promot --api X: no such command'])
    expect(problems('metrics check --api X --max-5xx 1%')).toEqual(['apigw metrics check --api X --max-5xx 1%: no flag --max-5xx'])
    expect(problems('deploy --api X --stage dev --no-wait -y')).toEqual(['apigw deploy --api X --stage dev --no-wait -y: no flag --no-wait'])
  })

  describe('its jobs, run step by step as a runner would, each against a sandbox it starts', () => {
    const stateDirs: string[] = []
    afterAll(() => {
      for (const stateDir of stateDirs) stopSandbox(stateDir)
    })

    /**
     * Runs a job of the workflow here: `uses: ./` as the action's scripts, `run:` with bash as GitHub
     * runs it, with the env, GITHUB_PATH, step outputs and the expressions and conditions the workflow
     * uses (any other fails the test, so that it is added here). The workspace is this checkout.
     */
    async function runJob(name: string) {
      const scratch = mkdtempSync(join(tmpdir(), 'apigw-workflow-'))
      const stateDir = join(scratch, 'sandbox')
      stateDirs.push(stateDir)
      const files = {path: join(scratch, 'github-path'), summary: join(scratch, 'step-summary')}
      writeFileSync(files.path, '')
      const base: Record<string, string> = {
        PATH: process.env.PATH!,
        HOME: EMPTY_HOME,
        CI: 'true',
        GITHUB_ACTIONS: 'true',
        GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
        GITHUB_WORKSPACE: root,
        GITHUB_ACTION_PATH: root,
        RUNNER_TEMP: scratch,
        GITHUB_PATH: files.path,
        GITHUB_STEP_SUMMARY: files.summary,
        APIGW_SANDBOX_DIR: stateDir,
        ...WORKFLOW.env,
      }
      const outputs: Record<string, Record<string, string>> = {}
      const evaluate = (text: string) =>
        text.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, expression: string) => {
          const step = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expression)
          if (step) return outputs[step[1]]?.[step[2]] ?? ''
          if (expression.startsWith('env.')) return base[expression.slice(4)]
          if (expression === 'github.sha') return base.GITHUB_SHA
          throw new Error(`the test runs no expression ${expression}`)
        })
      // A condition without always() or failure() also needs every step before it to have passed.
      const runs = (condition: string | undefined, failed: boolean) => {
        const terms = (condition ?? '').split(' && ').filter(Boolean)
        const status = terms.includes('always()') || (terms.includes('failure()') ? failed : !failed)
        return status && terms.filter((term) => !['always()', 'failure()'].includes(term)).every((term) => {
          const compare = /^steps\.([\w-]+)\.outputs\.([\w-]+) == '(.*)'$/.exec(term)
          if (!compare) throw new Error(`the test runs no condition ${term}`)
          return (outputs[compare[1]]?.[compare[2]] ?? '') === compare[3]
        })
      }
      const ran: {name: string; code: number | null; stderr: string}[] = []
      for (const [index, step] of (WORKFLOW.jobs[name].steps as Step[]).entries()) {
        if (step.uses?.startsWith('actions/checkout')) continue
        if (!runs(step.if, ran.some((result) => result.code !== 0))) continue
        const output = join(scratch, `output-${index}`)
        const path = readFileSync(files.path, 'utf8').split('\n').filter(Boolean).reverse().join(':')
        const env = {...base, ...Object.fromEntries(Object.entries(step.env ?? {}).map(([key, value]) => [key, evaluate(value)])), GITHUB_OUTPUT: output, PATH: `${path}:${base.PATH}`}
        const result = step.uses === './'
          ? await runProgram(process.execPath, [join(root, step.with?.command ? 'action/run.mjs' : 'action/install.mjs')], {env: {...env, INPUT_COMMAND: evaluate(step.with?.command ?? '')}, cwd: root})
          : await runProgram('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run!], {env, cwd: root})
        ran.push({name: step.name ?? step.uses!, code: result.code, stderr: result.stderr})
        if (step.id) outputs[step.id] = Object.fromEntries((existsSync(output) ? readFileSync(output, 'utf8') : '').split('\n').filter(Boolean).map((line) => line.split(/=(.*)/s).slice(0, 2)))
      }
      return {ran, outputs, summary: readFileSync(files.summary, 'utf8'), sandboxLeftRunning: sandboxLeftRunning(stateDir), sha: base.GITHUB_SHA}
    }

    it('release: deploys to dev, passes the gate, promotes the same deployment to prod, and leaves nothing running', async () => {
      const {ran, outputs, summary, sandboxLeftRunning, sha} = await runJob('release')
      for (const result of ran) expect(result.code, `${result.name}: ${result.stderr}`).toBe(0)
      expect(ran.map((result) => result.name)).toContain('Stop the sandbox (sandbox only)')
      expect(outputs.gate).toMatchObject({'exit-code': '0', outcome: 'passed', stage: 'dev'})
      expect(outputs.dev['deployment-id']).toMatch(/^\w+$/)
      expect(outputs.prod).toMatchObject({'exit-code': '0', stage: 'prod', 'deployment-id': outputs.dev['deployment-id']})
      expect(JSON.parse(outputs.prod.json)).toMatchObject({action: 'promote', fromStage: 'dev', live: true, diff: {equal: true}})
      expect(JSON.parse(outputs.dev.json).description).toContain(`commit ${sha}`)
      for (const heading of ['### ✅ apigw deploy: exit 0', '### ✅ apigw metrics check: passed (exit 0)', '### ✅ apigw stages promote: exit 0']) expect(summary).toContain(heading)
      expect(summary).toContain(`prod runs deployment ${outputs.prod['deployment-id']} (was ${outputs.prod['previous-deployment-id']}). Undo: apigw stages rollback --api shop --stage prod --yes`)
      expect(sandboxLeftRunning).toBe(false)
    }, 90_000)

    it('drift: prod as imported serves what the file defines, so no drift, no warning, and nothing left running', async () => {
      const {ran, outputs, summary, sandboxLeftRunning} = await runJob('drift')
      for (const result of ran) expect(result.code, `${result.name}: ${result.stderr}`).toBe(0)
      expect(ran.map((result) => result.name)).not.toContain('Warn on drift')
      expect(outputs.drift).toMatchObject({'exit-code': '0', 'has-changes': 'false', stage: 'prod'})
      expect(summary).toContain('### ✅ apigw apis diff: no differences (exit 0)\n\nexamples/shop.yaml against shop stage prod: the same 12 operations.')
      expect(sandboxLeftRunning).toBe(false)
    }, 90_000)
  })
})
