import {spawnSync} from 'node:child_process'
import {mkdtempSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import {parse} from 'yaml'
import {EMPTY_HOME} from '../helpers/cli.js'

const root = fileURLToPath(new URL('../..', import.meta.url))
const SCRIPT = join(root, 'examples/ci/run-locally.sh')
const WORKFLOW = join(root, 'examples/ci/promote.yml')

/** The apigw commands (first two words after "apigw") a text runs. */
const apigwCommands = (text: string) => new Set([...text.matchAll(/(?:^\s*(?:run: )?|')apigw ([a-z]+(?: [a-z]+)?)/gm)].map((match) => match[1]))

describe('examples/ci', () => {
  it('run-locally.sh deploys to dev, checks it and promotes it to prod on a fresh sandbox, with step outputs, and leaves nothing running', () => {
    const scratch = mkdtempSync(join(tmpdir(), 'apigw-ci-'))
    const output = join(scratch, 'github-output')
    const result = spawnSync('bash', [SCRIPT], {
      encoding: 'utf8',
      timeout: 60_000,
      env: {PATH: process.env.PATH, HOME: EMPTY_HOME, CI: 'true', APIGW: `${process.execPath} ${join(root, 'packages/cli/bin/run.js')}`, APIGW_SANDBOX_DIR: join(scratch, 'sandbox'), GITHUB_OUTPUT: output},
    })
    expect(result.status, result.stderr).toBe(0)
    for (const step of ['$ apigw sandbox start --detach', '$ apigw deploy --api shop --stage dev --create-stage', '$ apigw apis diff examples/shop.yaml --api shop --stage dev', '$ apigw stages promote --api shop --from dev --to prod --diff --yes --wait --json', '$ apigw sandbox stop']) {
      expect(result.stderr).toContain(step)
    }
    // stdout: deploy's JSON, the diff's verdict, promote's JSON, the summary line.
    const [deployed, promoted] = [...result.stdout.matchAll(/^\{$[\s\S]*?^\}$/gm)].map(([block]) => JSON.parse(block))
    expect(result.stdout).toContain('No differences: examples/shop.yaml matches REST API shop')
    expect(deployed).toMatchObject({stage: 'dev', action: 'deploy', stageCreated: true, live: true})
    expect(promoted).toMatchObject({stage: 'prod', action: 'promote', fromStage: 'dev', deploymentId: deployed.deploymentId, live: true, diff: {equal: true}})
    expect(readFileSync(output, 'utf8')).toBe(
      `deployment-id=${deployed.deploymentId}\nprevious-deployment-id=\ndeployment-id=${deployed.deploymentId}\nprevious-deployment-id=${promoted.previousDeploymentId}\n`,
    )
    expect(result.stdout).toContain(`prod runs deployment ${deployed.deploymentId} (was ${promoted.previousDeploymentId}).`)
    const status = spawnSync(process.execPath, [join(root, 'packages/cli/bin/run.js'), 'sandbox', 'status', '--state-dir', join(scratch, 'sandbox')], {encoding: 'utf8', env: {PATH: process.env.PATH, HOME: EMPTY_HOME}})
    expect(status.status).toBe(1)
  }, 90_000)

  it('promote.yml is a workflow whose apigw steps are the ones run-locally.sh runs', () => {
    const text = readFileSync(WORKFLOW, 'utf8')
    const workflow = parse(text)
    expect(workflow.jobs.release.steps.map((step: {id?: string}) => step.id).filter(Boolean)).toEqual(['dev', 'prod'])
    expect(text).toContain('steps.prod.outputs.deployment-id')
    expect(apigwCommands(text)).toEqual(apigwCommands(readFileSync(SCRIPT, 'utf8')))
  })
})
