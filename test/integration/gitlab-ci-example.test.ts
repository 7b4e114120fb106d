import {cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {parse} from 'yaml'
import {apigwLines, problems, root, sandboxLeftRunning, stopSandbox} from '../helpers/ci-workflow.js'
import {runProgram, type CliResult} from '../helpers/cli.js'

const PIPELINE = parse(readFileSync(join(root, 'examples/ci/gitlab-ci.yml'), 'utf8'))

interface Job {
  stage: string
  script: string[]
  before_script?: string[]
  after_script?: string[]
  artifacts?: {reports?: {dotenv?: string}; paths?: string[]}
}

/** GitLab's global keywords; every other top-level key is a job. */
const KEYWORDS = new Set(['workflow', 'stages', 'variables', 'default', 'include', 'image', 'cache'])
const jobs = Object.entries(PIPELINE).filter(([name]) => !KEYWORDS.has(name)) as [string, Job][]
/** Jobs in the order GitLab runs them: stage by stage. */
const ordered = (PIPELINE.stages as string[]).flatMap((stage) => jobs.filter(([, job]) => job.stage === stage))
const beforeScript = (job: Job) => job.before_script ?? PIPELINE.default?.before_script ?? []
const afterScript = (job: Job) => job.after_script ?? PIPELINE.default?.after_script ?? []

describe('examples/ci/gitlab-ci.yml', () => {
  it('deploys, gates and promotes in three stages, each job installing a pinned apigw with npm', () => {
    expect(ordered.map(([name, job]) => `${job.stage}: ${name}`)).toEqual(['deploy: deploy-dev', 'gate: gate-dev', 'promote: promote-prod'])
    expect(PIPELINE.variables.APIGW_INSTALL).toMatch(/^apigw@\d+\.\d+\.\d+$/)
    for (const [, job] of ordered) expect(beforeScript(job)[0]).toBe('npm install -g --no-audit --no-fund "$APIGW_INSTALL"')
    const commands = ordered.flatMap(([, job]) => apigwLines(job.script.join('\n'))).map((line) => line.split(' ').slice(0, 2).join(' '))
    expect(commands).toEqual(expect.arrayContaining(['deploy --api', 'metrics check', 'stages promote']))
  })

  it('runs only apigw commands of the manifest, with flags they have', () => {
    const lines = jobs.flatMap(([, job]) => apigwLines([...beforeScript(job), ...job.script, ...afterScript(job)].join('\n')))
    expect(lines.length).toBeGreaterThan(6)
    expect(lines.flatMap(problems)).toEqual([])
  })

  describe('run job by job as a runner would, against the sandbox it starts', () => {
    const stateDirs: string[] = []
    afterAll(() => {
      for (const stateDir of stateDirs) stopSandbox(stateDir)
    })

    it('installs apigw with npm, deploys to dev, passes the gate, promotes that deployment to prod, and leaves nothing running', async () => {
      // The project's checkout (what the pipeline reads: examples/shop.yaml); artifacts stay in it
      // from job to job, as GitLab passes them on.
      const project = mkdtempSync(join(tmpdir(), 'apigw-gitlab-'))
      cpSync(join(root, 'examples/shop.yaml'), join(project, 'examples/shop.yaml'))
      mkdirSync(join(project, 'home'))
      const base: Record<string, string> = {
        PATH: `${join(project, 'npm/bin')}:${process.env.PATH}`,
        HOME: join(project, 'home'),
        NPM_CONFIG_PREFIX: join(project, 'npm'),
        CI: 'true',
        GITLAB_CI: 'true',
        CI_PROJECT_DIR: project,
        CI_COMMIT_SHORT_SHA: '0123abcd',
      }
      for (const [name, value] of Object.entries(PIPELINE.variables as Record<string, string>)) base[name] = value.replace(/\$(\w+)/g, (_, used: string) => base[used] ?? '')
      // As a CI/CD variable of the project would: npm installs this checkout (no registry here).
      base.APIGW_INSTALL = join(root, 'packages/cli')
      stateDirs.push(base.APIGW_SANDBOX_DIR)
      expect(base.APIGW_SANDBOX_DIR).toBe(join(project, '.apigw-sandbox'))

      const bash = (lines: string[], env: Record<string, string>) => runProgram('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', lines.join('\n')], {env, cwd: project})
      const ran: Record<string, CliResult> = {}
      for (const [name, job] of ordered) {
        ran[name] = await bash([...beforeScript(job), ...job.script], base)
        await bash(afterScript(job), base)
        expect(ran[name].code, `${name}: ${ran[name].stderr}`).toBe(0)
        const dotenv = job.artifacts?.reports?.dotenv
        if (dotenv) for (const line of readFileSync(join(project, dotenv), 'utf8').split('\n').filter(Boolean)) base[line.split('=')[0]!] = line.split(/=(.*)/s)[1]!
      }

      expect(existsSync(join(project, 'npm/bin/apigw'))).toBe(true)
      expect(base.DEPLOYMENT_ID).toMatch(/^\w+$/)
      expect(ran['gate-dev']!.stdout).toMatch(/^Check passed$/m)
      const [promoted] = [...ran['promote-prod']!.stdout.matchAll(/^\{$[\s\S]*?^\}$/gm)].map(([block]) => JSON.parse(block))
      expect(promoted).toMatchObject({action: 'promote', stage: 'prod', fromStage: 'dev', deploymentId: base.DEPLOYMENT_ID, live: true, diff: {equal: true}})
      expect(ran['promote-prod']!.stdout).toContain(`prod runs deployment ${base.DEPLOYMENT_ID}. Undo with apigw stages rollback --api shop --stage prod --yes`)
      expect(sandboxLeftRunning(base.APIGW_SANDBOX_DIR)).toBe(false)
    }, 120_000)
  })
})
