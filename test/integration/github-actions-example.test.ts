import {spawnSync} from 'node:child_process'
import {existsSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterAll, describe, expect, it} from 'vitest'
import {parse} from 'yaml'
import {EMPTY_HOME, runProgram} from '../helpers/cli.js'

const root = fileURLToPath(new URL('../..', import.meta.url))
const WORKFLOW = parse(readFileSync(join(root, 'examples/ci/github-actions.yml'), 'utf8'))
const MANIFEST = JSON.parse(readFileSync(join(root, 'oclif.manifest.json'), 'utf8'))

interface Step {
  id?: string
  name?: string
  if?: string
  uses?: string
  run?: string
  with?: {command?: string}
  env?: Record<string, string>
}
type Flag = {char?: string; allowNo?: boolean}

const jobs = Object.entries(WORKFLOW.jobs as Record<string, {steps: Step[]}>)

/** The apigw command lines of a job: the action's `command` inputs and `apigw …` in run scripts, expressions as X. */
function commandLines(steps: Step[]): string[] {
  const lines: string[] = []
  for (const step of steps) {
    if (step.with?.command) lines.push(step.with.command.replace(/\$\{\{[^}]*\}\}/g, 'X'))
    for (const line of step.run?.split('\n') ?? []) {
      // The words after `apigw` up to a redirection or the end of a quoted string.
      const match = /(?:^|\s)apigw ((?:[\w$.%,/=-]+ ?)+)/.exec(line.replaceAll('"$API"', '$API'))
      if (match) lines.push(match[1])
    }
  }
  return lines
}

/** Whether `apigw <line>` names a command of the manifest, with flags it has: the problems found. */
function problems(line: string): string[] {
  const words = line.match(/"[^"]*"|\S+/g) ?? []
  const nameLength = [3, 2, 1].find((length) => MANIFEST.commands[words.slice(0, length).join(':')])
  if (!nameLength) return [`apigw ${line}: no such command`]
  const flags: Record<string, Flag> = MANIFEST.commands[words.slice(0, nameLength).join(':')].flags
  return words.slice(nameLength).flatMap((word) => {
    if (word.startsWith('--')) {
      const name = word.slice(2).split('=')[0]
      return flags[name] || (name.startsWith('no-') && flags[name.slice(3)]?.allowNo) ? [] : [`apigw ${line}: no flag --${name}`]
    }
    if (/^-\w$/.test(word)) return Object.values(flags).some((flag) => flag.char === word[1]) ? [] : [`apigw ${line}: no flag ${word}`]
    return []
  })
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

  describe('the release job, run step by step as a runner would, against a sandbox it starts', () => {
    const scratch = mkdtempSync(join(tmpdir(), 'apigw-workflow-'))
    const stateDir = join(scratch, 'sandbox')
    afterAll(() => spawnSync(process.execPath, [join(root, 'bin/run.js'), 'sandbox', 'stop', '--state-dir', stateDir], {env: {PATH: process.env.PATH, HOME: EMPTY_HOME}}))

    it('deploys to dev, passes the gate, promotes the same deployment to prod, and leaves nothing running', async () => {
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
      /** The expressions the workflow uses; any other fails the test, so that it is added here. */
      const evaluate = (text: string) =>
        text.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, expression: string) => {
          const step = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expression)
          if (step) return outputs[step[1]]?.[step[2]] ?? ''
          if (expression.startsWith('env.')) return base[expression.slice(4)]
          if (expression === 'github.sha') return base.GITHUB_SHA
          throw new Error(`the test runs no expression ${expression}`)
        })

      const ran: {name: string; code: number | null; stderr: string}[] = []
      for (const [index, step] of (WORKFLOW.jobs.release.steps as Step[]).entries()) {
        if (step.uses?.startsWith('actions/checkout')) continue
        const failed = ran.some((result) => result.code !== 0)
        if (step.if !== undefined && step.if !== 'always()') throw new Error(`the test runs no condition ${step.if}`)
        if (failed && step.if !== 'always()') continue
        const output = join(scratch, `output-${index}`)
        const path = readFileSync(files.path, 'utf8').split('\n').filter(Boolean).reverse().join(':')
        const env = {...base, ...Object.fromEntries(Object.entries(step.env ?? {}).map(([key, value]) => [key, evaluate(value)])), GITHUB_OUTPUT: output, PATH: `${path}:${base.PATH}`}
        const result = step.uses === './'
          ? await runProgram(process.execPath, [join(root, step.with?.command ? 'action/run.mjs' : 'action/install.mjs')], {env: {...env, INPUT_COMMAND: evaluate(step.with?.command ?? '')}, cwd: root})
          : await runProgram('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run!], {env, cwd: root})
        ran.push({name: step.name ?? step.uses!, code: result.code, stderr: result.stderr})
        if (step.id) outputs[step.id] = Object.fromEntries((existsSync(output) ? readFileSync(output, 'utf8') : '').split('\n').filter(Boolean).map((line) => line.split(/=(.*)/s).slice(0, 2)))
      }

      for (const result of ran) expect(result.code, `${result.name}: ${result.stderr}`).toBe(0)
      expect(ran.map((result) => result.name)).toContain('Stop the sandbox (sandbox only)')
      expect(outputs.gate).toMatchObject({'exit-code': '0', outcome: 'passed', stage: 'dev'})
      expect(outputs.dev['deployment-id']).toMatch(/^\w+$/)
      expect(outputs.prod).toMatchObject({'exit-code': '0', stage: 'prod', 'deployment-id': outputs.dev['deployment-id']})
      expect(JSON.parse(outputs.prod.json)).toMatchObject({action: 'promote', fromStage: 'dev', live: true, diff: {equal: true}})
      expect(JSON.parse(outputs.dev.json).description).toContain(`commit ${base.GITHUB_SHA}`)

      const summary = readFileSync(files.summary, 'utf8')
      for (const heading of ['### ✅ apigw deploy: exit 0', '### ✅ apigw metrics check: exit 0', '### ✅ apigw stages promote: exit 0']) expect(summary).toContain(heading)
      expect(summary).toContain(`prod runs deployment ${outputs.prod['deployment-id']} (was ${outputs.prod['previous-deployment-id']}). Undo: apigw stages rollback --api shop --stage prod --yes`)
      const status = spawnSync(process.execPath, [join(root, 'bin/run.js'), 'sandbox', 'status', '--state-dir', stateDir], {encoding: 'utf8', env: {PATH: process.env.PATH, HOME: EMPTY_HOME}})
      expect(status.status).toBe(1)
    }, 90_000)
  })
})
