import {
  CreateResourceCommand,
  GetDeploymentCommand,
  GetDeploymentsCommand,
  GetResourcesCommand,
  GetStageCommand,
  PutIntegrationCommand,
  PutMethodCommand,
  UpdateStageCommand,
} from '@aws-sdk/client-api-gateway'
import {
  CreateIntegrationCommand,
  CreateRouteCommand,
  GetDeploymentsCommand as GetV2DeploymentsCommand,
  GetDeploymentCommand as GetV2DeploymentCommand,
  GetStageCommand as GetV2StageCommand,
} from '@aws-sdk/client-apigatewayv2'
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {awsEnv, runCli} from '../helpers/cli.js'
import {startThrottleProxy} from '../helpers/throttle-proxy.js'
import {clients, env, sandbox, seed, useSandboxCli} from '../helpers/sandbox-cli.js'

useSandboxCli({USER: 'alice'})

/** Nothing listens here: a command that reached for AWS would fail with exit 6, not the exit the test expects. */
const NO_AWS = awsEnv('http://127.0.0.1:9')
const dir = mkdtempSync(join(tmpdir(), 'apigw-release-'))

const apigw = (...args: string[]) => runCli(args, env)
const json = (stdout: string) => JSON.parse(stdout)

/** A REST API with GET /pets and a `prod` stage deployed with the SDK (so apigw has no record of it). */
const restApi = (name = 'shop') => seed.restApi(name)

const restStage = (restApiId: string, stageName: string) => clients.rest.send(new GetStageCommand({restApiId, stageName}))
const restDeployments = async (restApiId: string) => (await clients.rest.send(new GetDeploymentsCommand({restApiId}))).items ?? []
const restDescription = async (restApiId: string, deploymentId: string) => (await clients.rest.send(new GetDeploymentCommand({restApiId, deploymentId}))).description
const v2Stage = (ApiId: string, StageName: string) => clients.v2.send(new GetV2StageCommand({ApiId, StageName}))
const v2Deployments = async (ApiId: string) => (await clients.v2.send(new GetV2DeploymentsCommand({ApiId}))).Items ?? []

/** Starts a canary on a REST stage, as another tool would: 10% to the stage's own deployment. */
const startCanary = (restApiId: string, stageName: string) =>
  clients.rest.send(new UpdateStageCommand({restApiId, stageName, patchOperations: [{op: 'replace', path: '/canarySettings/percentTraffic', value: '10'}]}))

/** Adds GET /<path> (a mock) to a REST API, so a later deployment differs from earlier ones. */
async function addRestMethod(restApiId: string, path: string) {
  const root = ((await clients.rest.send(new GetResourcesCommand({restApiId}))).items ?? []).find((resource) => resource.path === '/')!
  const resource = await clients.rest.send(new CreateResourceCommand({restApiId, parentId: root.id, pathPart: path}))
  await clients.rest.send(new PutMethodCommand({restApiId, resourceId: resource.id, httpMethod: 'GET', authorizationType: 'NONE'}))
  await clients.rest.send(new PutIntegrationCommand({restApiId, resourceId: resource.id, httpMethod: 'GET', type: 'MOCK'}))
}

/** Deploys with apigw and returns the JSON result. */
async function deploy(api: string, stage: string, ...flags: string[]) {
  const result = await apigw('deploy', '--api', api, '--stage', stage, '--json', ...flags)
  expect(result.code, result.stderr).toBe(0)
  return json(result.stdout)
}

describe.concurrent('apigw deploy (REST)', () => {
  it('refuses a missing stage unless --create-stage (exit 4), and creates nothing', async () => {
    const api = await restApi()
    const result = await apigw('deploy', '--api', api.id, '--stage', 'dev')
    expect(result.code).toBe(4)
    expect(result.stderr).toContain(`REST API "shop" (${api.id}) has no stage "dev"; its stages: prod.`)
    // --create-stage leads, and prod, far from "dev", is not offered.
    expect(result.stderr).toContain('its stages: prod.\nTry: add --create-stage, to create it with this deployment\n')
    expect(result.stderr).not.toContain('--stage prod')
    expect(await restDeployments(api.id)).toHaveLength(1)

    // A name close to a stage it has also offers that stage, after --create-stage.
    const typo = await apigw('deploy', '--api', api.id, '--stage', 'prdo')
    expect(typo.code).toBe(4)
    expect(typo.stderr).toContain('Try: add --create-stage, to create it with this deployment\nOr, for the stage it has: --stage prod\n')
    expect(await restDeployments(api.id)).toHaveLength(1)
  })

  it('creates the stage with --create-stage, recording who deployed and when', async () => {
    const api = await restApi()
    const result = await apigw('deploy', '--api', api.id, '--stage', 'dev', '--create-stage', '--description', 'first cut', '--json')
    expect(result.code, result.stderr).toBe(0)
    expect(result.stderr).toContain('[1/1] deploy to a new stage "dev" (CreateDeployment)')
    const deployed = json(result.stdout)
    expect(deployed).toEqual({
      api: {id: api.id, name: 'shop', type: 'rest'},
      stage: 'dev',
      action: 'deploy',
      changed: true,
      deploymentId: expect.stringMatching(/^\w+$/),
      previousDeploymentId: null,
      description: expect.stringMatching(/^first cut \[apigw: deploy dev by alice@\S+ at \d{4}-\d\d-\d\dT[\d:.]+Z\]$/),
      fromStage: null,
      stageCreated: true,
      autoDeploy: false,
      live: null,
      diff: null,
    })
    expect((await restStage(api.id, 'dev')).deploymentId).toBe(deployed.deploymentId)
    expect(await restDescription(api.id, deployed.deploymentId)).toBe(deployed.description)
  })

  it('prints the old and new deployment ids; --wait returns once the stage serves the new one', async () => {
    const api = await restApi()
    const result = await apigw('deploy', '--api', api.id, '--stage', 'prod', '--wait')
    expect(result.code, result.stderr).toBe(0)
    const now = (await restStage(api.id, 'prod')).deploymentId!
    expect(now).not.toBe(api.deploymentId)
    expect(result.stdout).toMatch(new RegExp(`deployment\\s+${now}\\n`))
    expect(result.stdout).toMatch(new RegExp(`previous\\s+${api.deploymentId}\\n`))
    expect(result.stdout).toMatch(/live\s+yes/)
    expect(result.stderr).toContain(`Stage "prod" serves deployment ${now}`)
    expect(await restDescription(api.id, now)).toMatch(new RegExp(`^\\[apigw: deploy prod by alice@\\S+ at \\S+, replaced ${api.deploymentId}\\]$`))
  })

  it('refuses a canary-enabled stage before calling AWS with a plain deployment (exit 5), pointing to apigw canary', async () => {
    const api = await restApi()
    await startCanary(api.id, 'prod')
    const result = await apigw('deploy', '--api', api.id, '--stage', 'prod', '--json')
    expect(result.code).toBe(5)
    const {error} = json(result.stdout)
    expect(error.code).toBe('CANARY_ACTIVE')
    expect(error.message).toContain(`has a canary (deployment ${api.deploymentId} at 10%)`)
    expect(error.message).toContain('Non canary deployment not supported on stage prod because Canary is enabled')
    expect(error.suggestions[0]).toContain('apigw canary')
    expect(await restDeployments(api.id)).toHaveLength(1)
  })

  it('explains AWS refusing a method without an integration (exit 5, NO_INTEGRATION), naming it; the stage keeps its deployment', async () => {
    const api = await restApi()
    const root = ((await clients.rest.send(new GetResourcesCommand({restApiId: api.id}))).items ?? []).find((resource) => resource.path === '/')!
    await clients.rest.send(new PutMethodCommand({restApiId: api.id, resourceId: root.id, httpMethod: 'POST', authorizationType: 'NONE'}))
    const result = await apigw('deploy', '--api', api.id, '--stage', 'prod', '--json')
    expect(result.code).toBe(5)
    const {error} = json(result.stdout)
    expect(error.code).toBe('NO_INTEGRATION')
    // docs/aws-behaviour.md#every-method-needs-an-integration-to-be-deployed
    expect(error.message).toBe('CreateDeployment failed: No integration defined for method: POST / has no integration, so AWS deployed nothing and no stage changed.')
    expect(error.suggestions[0]).toContain(`apigw apis import <openapi-file> --api ${api.id}`)
    expect(await restDeployments(api.id)).toHaveLength(1)
    expect((await restStage(api.id, 'prod')).deploymentId).toBe(api.deploymentId)
  })

  it('prints the plan with --dry-run and deploys nothing', async () => {
    const api = await restApi()
    const result = await apigw('deploy', '--api', api.id, '--stage', 'prod', '--description', 'try', '--dry-run', '--json')
    expect(result.code, result.stderr).toBe(0)
    const {dryRun, plan} = json(result.stdout)
    expect(dryRun).toBe(true)
    expect(plan.severity).toBe('safe')
    expect(plan.steps).toEqual([
      expect.objectContaining({operation: 'CreateDeployment', input: {restApiId: api.id, stageName: 'prod', description: expect.stringMatching(new RegExp(`^try \\[apigw: deploy prod .*, replaced ${api.deploymentId}\\]$`))}}),
    ])
    expect(await restDeployments(api.id)).toHaveLength(1)
  })

  it('appends deployment-id and previous-deployment-id to GITHUB_OUTPUT', async () => {
    const api = await restApi()
    const output = join(dir, 'deploy-output')
    writeFileSync(output, 'earlier=1\n')
    const result = await runCli(['deploy', '--api', api.id, '--stage', 'prod'], {...env, GITHUB_OUTPUT: output})
    expect(result.code, result.stderr).toBe(0)
    const now = (await restStage(api.id, 'prod')).deploymentId
    expect(readFileSync(output, 'utf8')).toBe(`earlier=1\ndeployment-id=${now}\nprevious-deployment-id=${api.deploymentId}\n`)
  })

  it('retries a throttled CreateDeployment, says so, and succeeds', async () => {
    const api = await restApi()
    const proxy = await startThrottleProxy(sandbox.endpoint)
    try {
      const result = await runCli(['deploy', '--api', api.id, '--stage', 'prod'], awsEnv(proxy.endpoint))
      expect(result.code, result.stderr).toBe(0)
      expect(proxy.throttled()).toBe(1)
      expect(result.stderr).toContain('throttled by AWS (CreateDeployment); retrying in 1 s')
      expect(await restDeployments(api.id)).toHaveLength(2)
    } finally {
      await proxy.close()
    }
  })

  it('checks its flags before any AWS call (exit 2)', async () => {
    const long = await runCli(['deploy', '--api', 'shop', '--stage', 'prod', '--description', 'x'.repeat(801)], NO_AWS)
    expect(long.code).toBe(2)
    expect(long.stderr).toContain('at most 800 fit')
    const timeout = await runCli(['deploy', '--api', 'shop', '--stage', 'prod', '--wait', '--timeout', 'soon'], NO_AWS)
    expect(timeout.code).toBe(2)
    expect(timeout.stderr).toContain('--timeout must be a duration')
    const lone = await runCli(['deploy', '--api', 'shop', '--stage', 'prod', '--timeout', '1m'], NO_AWS)
    expect(lone.code).toBe(2)
  })
})

describe.concurrent('apigw deploy (HTTP)', () => {
  it('explains that an auto-deploy stage deploys itself and shows its last automatic deployment (exit 0, nothing changed)', async () => {
    const api = await seed.httpApi('orders')
    const before = await v2Deployments(api.id)
    const result = await apigw('deploy', '--api', api.id, '--stage', '$default', '--json')
    expect(result.code, result.stderr).toBe(0)
    const live = (await v2Stage(api.id, '$default')).DeploymentId
    expect(json(result.stdout)).toMatchObject({stage: '$default', changed: false, deploymentId: live, previousDeploymentId: live, autoDeploy: true})
    expect(result.stderr).toContain('deploys itself (AutoDeploy)')
    expect(result.stderr).toContain(`Its last automatic deployment is ${live}`)
    expect(await v2Deployments(api.id)).toHaveLength(before.length)
  })

  it('creates a new stage on a new deployment, then deploys to it; --wait waits for DEPLOYED', async () => {
    const api = await seed.httpApi('orders')
    const first = await deploy(api.id, 'dev', '--create-stage', '--wait')
    expect(first).toMatchObject({stage: 'dev', stageCreated: true, previousDeploymentId: null, live: true})
    const second = await deploy(api.id, 'dev', '--description', 'v2')
    expect(second).toMatchObject({previousDeploymentId: first.deploymentId, stageCreated: false, live: null})
    const stage = await v2Stage(api.id, 'dev')
    expect(stage.DeploymentId).toBe(second.deploymentId)
    const deployment = await clients.v2.send(new GetV2DeploymentCommand({ApiId: api.id, DeploymentId: second.deploymentId}))
    expect(deployment.Description).toMatch(new RegExp(`^v2 \\[apigw: deploy dev by alice@\\S+ at \\S+, replaced ${first.deploymentId}\\]$`))
  })
})

describe.concurrent('apigw stages history', () => {
  it('lists REST releases newest first, with the live one marked and the notes read back', async () => {
    const api = await restApi()
    const a = await deploy(api.id, 'dev', '--create-stage', '--description', 'first')
    const b = await deploy(api.id, 'dev', '--description', 'second')
    const c = await deploy(api.id, 'dev')
    const result = await apigw('stages', 'history', '--api', api.id, '--stage', 'dev', '--json')
    expect(result.code, result.stderr).toBe(0)
    const history = json(result.stdout)
    expect(history).toMatchObject({api: {id: api.id, type: 'rest'}, stage: 'dev', liveDeploymentId: c.deploymentId, canary: null, autoDeploy: false})
    expect(history.releases.map((release: {deploymentId: string}) => release.deploymentId)).toEqual([c.deploymentId, b.deploymentId, a.deploymentId])
    expect(history.releases.map((release: {live: boolean}) => release.live)).toEqual([true, false, false])
    expect(history.releases[1]).toEqual({
      deploymentId: b.deploymentId,
      action: 'deploy',
      releasedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT[\d:.]+Z$/),
      by: expect.stringMatching(/^alice@/),
      fromStage: null,
      replaced: a.deploymentId,
      description: 'second',
      createdDate: expect.any(String),
      live: false,
      canary: false,
      autoDeployed: false,
    })
    const table = await apigw('stages', 'history', '--api', api.id, '--stage', 'dev')
    expect(table.stdout.split('\n')[0]).toMatch(/^DEPLOYMENT\s+STATE\s+RELEASED\s+ACTION\s+BY\s+REPLACED\s+DESCRIPTION$/)
    expect(table.stdout.split('\n')[1]).toMatch(new RegExp(`^${c.deploymentId}\\s+live\\s+\\S+\\s+deploy\\s+alice@\\S+\\s+${b.deploymentId}\\s+-$`))
  })

  it("shows a stage's unrecorded live deployment and its canary", async () => {
    const api = await restApi()
    await startCanary(api.id, 'prod')
    const history = json((await apigw('stages', 'history', '--api', api.id, '--stage', 'prod', '--json')).stdout)
    expect(history.canary).toEqual({deploymentId: api.deploymentId, percentTraffic: 10})
    expect(history.releases).toEqual([expect.objectContaining({deploymentId: api.deploymentId, action: null, live: true, canary: true})])
    const table = await apigw('stages', 'history', '--api', api.id, '--stage', 'prod')
    expect(table.stdout).toMatch(new RegExp(`${api.deploymentId}\\s+live, canary 10%\\s+.*\\(not recorded\\)`))
  })

  it('names the stages of the API when the stage does not exist (exit 4)', async () => {
    const api = await restApi()
    const result = await apigw('stages', 'history', '--api', api.id, '--stage', 'prd')
    expect(result.code).toBe(4)
    expect(result.stderr).toContain('has no stage "prd"; its stages: prod.')
    expect(result.stderr).toContain('Try: --stage prod')
  })
})

describe.concurrent('apigw stages rollback', () => {
  it('points a REST stage back at the deployment the live one replaced, and records the rollback', async () => {
    const api = await restApi()
    const a = await deploy(api.id, 'dev', '--create-stage')
    const b = await deploy(api.id, 'dev')
    const refused = await apigw('stages', 'rollback', '--api', api.id, '--stage', 'dev')
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain(`Roll stage "dev" of REST API "shop" (${api.id}) back from deployment ${b.deploymentId} to ${a.deploymentId}?`)
    expect((await restStage(api.id, 'dev')).deploymentId).toBe(b.deploymentId)

    const result = await apigw('stages', 'rollback', '--api', api.id, '--stage', 'dev', '--yes', '--wait', '--json')
    expect(result.code, result.stderr).toBe(0)
    expect(json(result.stdout)).toMatchObject({action: 'rollback', changed: true, deploymentId: a.deploymentId, previousDeploymentId: b.deploymentId, live: true})
    expect((await restStage(api.id, 'dev')).deploymentId).toBe(a.deploymentId)
    expect(await restDescription(api.id, a.deploymentId)).toMatch(new RegExp(`\\[apigw: deploy dev .*\\] \\[apigw: rollback dev by alice@\\S+ at \\S+, replaced ${b.deploymentId}\\]$`))
    const history = json((await apigw('stages', 'history', '--api', api.id, '--stage', 'dev', '--json')).stdout)
    expect(history.releases.map((release: {deploymentId: string; action: string}) => `${release.action} ${release.deploymentId}`)).toEqual([
      `rollback ${a.deploymentId}`,
      `deploy ${b.deploymentId}`,
      `deploy ${a.deploymentId}`,
    ])
    // A rollback is a release: rolling back again undoes it.
    const again = json((await apigw('stages', 'rollback', '--api', api.id, '--stage', 'dev', '--yes', '--json')).stdout)
    expect(again).toMatchObject({deploymentId: b.deploymentId, previousDeploymentId: a.deploymentId})
  })

  it('goes to the deployment named with --to, and says which ids exist when it is unknown (exit 4)', async () => {
    const api = await restApi()
    await deploy(api.id, 'prod')
    const result = await apigw('stages', 'rollback', '--api', api.id, '--stage', 'prod', '--to', api.deploymentId, '--yes', '--json')
    expect(result.code, result.stderr).toBe(0)
    expect((await restStage(api.id, 'prod')).deploymentId).toBe(api.deploymentId)
    const unknown = await apigw('stages', 'rollback', '--api', api.id, '--stage', 'prod', '--to', 'zzz999', '--yes')
    expect(unknown.code).toBe(4)
    expect(unknown.stderr).toContain(`REST API "shop" (${api.id}) has no deployment zzz999.`)
    expect(unknown.stderr).toContain(`Try: apigw stages history --api ${api.id} --stage prod`)
  })

  it('refuses when no earlier deployment is known (exit 4)', async () => {
    const api = await restApi()
    const result = await apigw('stages', 'rollback', '--api', api.id, '--stage', 'prod', '--yes', '--json')
    expect(result.code).toBe(4)
    const {error} = json(result.stdout)
    expect(error.code).toBe('NO_PREVIOUS_DEPLOYMENT')
    expect(error.message).toContain(`deployment ${api.deploymentId} carries no apigw record for this stage`)
    expect(error.suggestions[0]).toContain('--to <deployment-id>')
  })

  it('refuses a stage with a canary (exit 5) and changes nothing', async () => {
    const api = await restApi()
    await deploy(api.id, 'prod')
    await startCanary(api.id, 'prod')
    const before = (await restStage(api.id, 'prod')).deploymentId
    const result = await apigw('stages', 'rollback', '--api', api.id, '--stage', 'prod', '--yes')
    expect(result.code).toBe(5)
    expect(result.stderr).toContain('has a canary')
    expect(result.stderr).toContain('apigw canary abort')
    expect((await restStage(api.id, 'prod')).deploymentId).toBe(before)
  })

  it('prints the plan with --dry-run and changes nothing', async () => {
    const api = await restApi()
    const b = await deploy(api.id, 'prod')
    const result = await apigw('stages', 'rollback', '--api', api.id, '--stage', 'prod', '--dry-run', '--json')
    expect(result.code, result.stderr).toBe(0)
    const {plan} = json(result.stdout)
    expect(plan.severity).toBe('destructive')
    expect(plan.steps.map((step: {operation: string}) => step.operation)).toEqual(['UpdateStage', 'UpdateDeployment'])
    expect(plan.steps[0].input).toEqual({restApiId: api.id, stageName: 'prod', patchOperations: [{op: 'replace', path: '/deploymentId', value: api.deploymentId}]})
    expect((await restStage(api.id, 'prod')).deploymentId).toBe(b.deploymentId)
    expect(await restDescription(api.id, api.deploymentId)).toBeUndefined()
  })

  it('rolls an HTTP stage back with UpdateStage DeploymentId, and refuses an auto-deploy stage (exit 5)', async () => {
    const api = await seed.httpApi('orders')
    const a = await deploy(api.id, 'dev', '--create-stage')
    const b = await deploy(api.id, 'dev')
    const result = await apigw('stages', 'rollback', '--api', api.id, '--stage', 'dev', '--yes', '--json')
    expect(result.code, result.stderr).toBe(0)
    expect(json(result.stdout)).toMatchObject({deploymentId: a.deploymentId, previousDeploymentId: b.deploymentId})
    expect((await v2Stage(api.id, 'dev')).DeploymentId).toBe(a.deploymentId)

    const auto = await apigw('stages', 'rollback', '--api', api.id, '--stage', '$default', '--yes', '--json')
    expect(auto.code).toBe(5)
    const {error} = json(auto.stdout)
    expect(error.code).toBe('AUTO_DEPLOY_STAGE')
    expect(error.message).toContain('refuses to point the stage at a chosen deployment while AutoDeploy is on')
    expect(error.suggestions[0]).toContain(`aws apigatewayv2 update-stage --api-id ${api.id} --stage-name '$default' --no-auto-deploy`)
  })
})

describe.concurrent('apigw stages promote', () => {
  it('points prod at the deployment dev runs, recording the promotion, and GITHUB_OUTPUT gets the ids', async () => {
    const api = await restApi()
    const dev = await deploy(api.id, 'dev', '--create-stage')
    const output = join(dir, 'promote-output')
    writeFileSync(output, '')
    const result = await runCli(['stages', 'promote', '--api', api.id, '--from', 'dev', '--to', 'prod', '--yes', '--wait', '--json'], {...env, GITHUB_OUTPUT: output})
    expect(result.code, result.stderr).toBe(0)
    expect(json(result.stdout)).toMatchObject({
      stage: 'prod',
      action: 'promote',
      changed: true,
      deploymentId: dev.deploymentId,
      previousDeploymentId: api.deploymentId,
      fromStage: 'dev',
      live: true,
    })
    expect((await restStage(api.id, 'prod')).deploymentId).toBe(dev.deploymentId)
    expect(await restDescription(api.id, dev.deploymentId)).toMatch(new RegExp(`\\[apigw: promote prod from dev by alice@\\S+ at \\S+, replaced ${api.deploymentId}\\]$`))
    expect(readFileSync(output, 'utf8')).toBe(`deployment-id=${dev.deploymentId}\nprevious-deployment-id=${api.deploymentId}\n`)
    // The promotion is in prod's history, and prod can be rolled back to what it ran before.
    const rollback = json((await apigw('stages', 'rollback', '--api', api.id, '--stage', 'prod', '--yes', '--json')).stdout)
    expect(rollback).toMatchObject({deploymentId: api.deploymentId, previousDeploymentId: dev.deploymentId})
  })

  it('shows the API differences between the two stages with --diff, before anything changes', async () => {
    const api = await restApi()
    await addRestMethod(api.id, 'toys')
    const dev = await deploy(api.id, 'dev', '--create-stage')
    const dry = await apigw('stages', 'promote', '--api', api.id, '--from', 'dev', '--to', 'prod', '--diff', '--dry-run', '--json')
    expect(dry.code, dry.stderr).toBe(0)
    const {dryRun, plan, diff} = json(dry.stdout)
    expect(dryRun).toBe(true)
    expect(plan.severity).toBe('destructive')
    expect(diff).toEqual({from: 'dev', to: 'prod', equal: false, added: ['GET /toys'], removed: [], changed: []})
    expect(dry.stderr).toContain('Promoting "dev" to "prod" changes what "prod" serves: 1 added, 0 removed, 0 changed')
    expect(dry.stderr).toContain('+ GET /toys')
    expect((await restStage(api.id, 'prod')).deploymentId).toBe(api.deploymentId)

    const result = await apigw('stages', 'promote', '--api', api.id, '--from', 'dev', '--to', 'prod', '--diff', '--yes')
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toMatch(/changes\s+1 added, 0 removed, 0 changed/)
    expect((await restStage(api.id, 'prod')).deploymentId).toBe(dev.deploymentId)
  })

  it('has nothing to do when the target already runs the deployment (exit 0); one stage to itself is a usage error', async () => {
    const api = await restApi()
    const result = await apigw('stages', 'promote', '--api', api.id, '--from', 'prod', '--to', 'prod')
    expect(result.code).toBe(2)
    const dev = await deploy(api.id, 'dev', '--create-stage')
    await apigw('stages', 'promote', '--api', api.id, '--from', 'dev', '--to', 'prod', '--yes')
    const again = await apigw('stages', 'promote', '--api', api.id, '--from', 'dev', '--to', 'prod', '--json')
    expect(again.code, again.stderr).toBe(0)
    expect(json(again.stdout)).toMatchObject({changed: false, deploymentId: dev.deploymentId, previousDeploymentId: dev.deploymentId})
    expect(again.stderr).toContain(`Stage "prod" already runs deployment ${dev.deploymentId}, as "dev" does; nothing to promote.`)
  })

  it('promotes an HTTP stage to a new one with --create-stage, and diffs HTTP stage exports', async () => {
    const api = await seed.httpApi('orders')
    const dev = await deploy(api.id, 'dev', '--create-stage')
    const created = await apigw('stages', 'promote', '--api', api.id, '--from', 'dev', '--to', 'prod', '--create-stage', '--diff', '--yes', '--json')
    expect(created.code, created.stderr).toBe(0)
    expect(json(created.stdout)).toMatchObject({stage: 'prod', stageCreated: true, deploymentId: dev.deploymentId, previousDeploymentId: null, diff: {added: ['GET /orders']}})
    expect((await v2Stage(api.id, 'prod')).DeploymentId).toBe(dev.deploymentId)

    const integration = await clients.v2.send(new CreateIntegrationCommand({ApiId: api.id, IntegrationType: 'HTTP_PROXY', IntegrationMethod: 'GET', IntegrationUri: 'https://backend.example.com/pets', PayloadFormatVersion: '1.0'}))
    await clients.v2.send(new CreateRouteCommand({ApiId: api.id, RouteKey: 'GET /pets', Target: `integrations/${integration.IntegrationId}`}))
    const next = await deploy(api.id, 'dev')
    const promoted = await apigw('stages', 'promote', '--api', api.id, '--from', 'dev', '--to', 'prod', '--diff', '--yes', '--json')
    expect(promoted.code, promoted.stderr).toBe(0)
    expect(json(promoted.stdout)).toMatchObject({deploymentId: next.deploymentId, previousDeploymentId: dev.deploymentId, diff: {added: ['GET /pets'], removed: []}})
    expect(promoted.stderr).toContain('+ GET /pets')
  })

  it('refuses a target with a canary (exit 5)', async () => {
    const api = await restApi()
    await deploy(api.id, 'dev', '--create-stage')
    await startCanary(api.id, 'prod')
    const result = await apigw('stages', 'promote', '--api', api.id, '--from', 'dev', '--to', 'prod', '--yes')
    expect(result.code).toBe(5)
    expect(result.stderr).toContain('Stage "prod"')
    expect(result.stderr).toContain('has a canary')
    expect((await restStage(api.id, 'prod')).deploymentId).toBe(api.deploymentId)
  })
})
