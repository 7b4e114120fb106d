import {CreateUsagePlanCommand, GetApiKeysCommand, GetDeploymentsCommand, GetRestApisCommand, GetStageCommand, GetStagesCommand, GetUsagePlanKeysCommand, GetUsagePlansCommand} from '@aws-sdk/client-api-gateway'
import {GetApisCommand, GetDeploymentsCommand as GetV2DeploymentsCommand, GetStagesCommand as GetV2StagesCommand} from '@aws-sdk/client-apigatewayv2'
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterEach, describe, expect, it} from 'vitest'
import {parseFaults} from '../../packages/cli/src/lib/sandbox/faults.js'
import {NO_FAULTS} from '../../packages/sandbox/src/index.js'
import {runCli} from '../helpers/cli.js'
import {clients, env, sandbox, seed, useSandboxCli} from '../helpers/sandbox-cli.js'

/**
 * Every create apigw makes, with its answer lost after the sandbox committed it (the `lost=` fault:
 * a reset, a 503, or an answer never sent). AWS's creates take no idempotency token, so a blind
 * retry would make a second resource: each command must end with exactly one, and exit 0.
 */
useSandboxCli({USER: 'alice'})

const dir = mkdtempSync(join(tmpdir(), 'apigw-once-'))
const apigw = (...args: string[]) => runCli([...args, '--json'], env)
const json = (stdout: string) => JSON.parse(stdout)

/** Runs a command with one call of `operation` losing its answer; the fault must have struck. */
async function withLostAnswer(fault: string, ...args: string[]) {
  sandbox.faults = parseFaults(fault)
  const result = await apigw(...args)
  expect(sandbox.faults.lost, 'the lost-answer fault did not strike').toEqual([])
  expect(result.code, result.stderr).toBe(0)
  expect(result.stderr).toContain('was lost, but AWS had done it: apigw found what it made and did not do it again.')
  return {...json(result.stdout), stderr: result.stderr}
}

afterEach(() => {
  sandbox.faults = {...NO_FAULTS}
})

const keysNamed = async (name: string) => ((await clients.rest.send(new GetApiKeysCommand({nameQuery: name, includeValues: true, limit: 500}))).items ?? []).filter((key) => key.name === name)
const restApisNamed = async (name: string) => ((await clients.rest.send(new GetRestApisCommand({limit: 500}))).items ?? []).filter((api) => api.name === name)
const v2ApisNamed = async (name: string) => ((await clients.v2.send(new GetApisCommand({}))).Items ?? []).filter((api) => api.Name === name)
const plansNamed = async (name: string) => ((await clients.rest.send(new GetUsagePlansCommand({limit: 500}))).items ?? []).filter((plan) => plan.name === name)
const keysInPlan = async (usagePlanId: string) => ((await clients.rest.send(new GetUsagePlanKeysCommand({usagePlanId}))).items ?? []).map((key) => key.id)
const restDeployments = async (restApiId: string) => (await clients.rest.send(new GetDeploymentsCommand({restApiId}))).items ?? []

async function usagePlanOn(name: string, restApiId: string, stage = 'prod') {
  return (await clients.rest.send(new CreateUsagePlanCommand({name, apiStages: [{apiId: restApiId, stage}]}))).id!
}

describe('creates whose answer is lost are made exactly once', () => {
  it('keys create: one key, its value in --out, in its plan (CreateApiKey and CreateUsagePlanKey lose their answers)', async () => {
    const api = await seed.restApi('once-keys')
    const planId = await usagePlanOn('once-gold', api.id)
    const out = join(dir, 'partner.key')
    const created = await withLostAnswer('lost=CreateApiKey:reset,lost=CreateUsagePlanKey:503', 'keys', 'create', '--name', 'once-partner', '--plan', planId, '--out', out)
    expect(created.stderr).toMatch(/AWS is unavailable \(CreateUsagePlanKey\); it may have been done all the same, so apigw looks for it before retrying/)
    const keys = await keysNamed('once-partner')
    expect(keys).toHaveLength(1)
    expect(created.key.id).toBe(keys[0].id)
    expect(readFileSync(out, 'utf8').trim()).toBe(keys[0].value)
    expect(await keysInPlan(planId)).toEqual([keys[0].id])
  })

  it('keys rotate: one successor key in the old key\'s plan', async () => {
    const api = await seed.restApi('once-rotate')
    const planId = await usagePlanOn('once-rotate-plan', api.id)
    const created = json((await apigw('keys', 'create', '--name', 'once-rotated', '--plan', planId)).stdout)
    const rotated = await withLostAnswer('lost=CreateApiKey:503', 'keys', 'rotate', created.key.id)
    const successors = ((await clients.rest.send(new GetApiKeysCommand({nameQuery: 'once-rotated-rot-', limit: 500}))).items ?? [])
    expect(successors.map((key) => key.id)).toEqual([rotated.newKey.id])
    expect((await keysInPlan(planId)).sort()).toEqual([created.key.id, rotated.newKey.id].sort())
  })

  it('keys import: the file\'s keys once each (ImportApiKeys loses its answer)', async () => {
    const csv = join(dir, 'keys.csv')
    writeFileSync(csv, 'Name,Key,Description,Enabled\nonce-import-a,once-import-a-4f9a1c2e8b7d6a5f3e2d1c0b,A,TRUE\nonce-import-b,once-import-b-7c1d2e3f4a5b6c7d8e9f0a1b,B,TRUE\n')
    const imported = await withLostAnswer('lost=ImportApiKeys:reset', 'keys', 'import', csv)
    expect(imported.imported.map((key: {name: string}) => key.name)).toEqual(['once-import-a', 'once-import-b'])
    expect(await keysNamed('once-import-a')).toHaveLength(1)
    expect(await keysNamed('once-import-b')).toHaveLength(1)
  })

  it('plans create and plans attach: one plan, and the key in it, exit 0', async () => {
    const api = await seed.restApi('once-plans')
    const created = await withLostAnswer('lost=CreateUsagePlan:reset', 'plans', 'create', '--name', 'once-silver', '--stage', `${api.id}:prod`, '--throttle', '10:20')
    const plans = await plansNamed('once-silver')
    expect(plans.map((plan) => plan.id)).toEqual([created.plan.id])
    const key = json((await apigw('keys', 'create', '--name', 'once-attached')).stdout).key
    await withLostAnswer('lost=CreateUsagePlanKey:reset', 'plans', 'attach', created.plan.id, key.id)
    expect(await keysInPlan(created.plan.id)).toEqual([key.id])
  })

  it('apis create: one REST API and one HTTP API (CreateRestApi and CreateApi lose their answers)', async () => {
    const rest = await withLostAnswer('lost=CreateRestApi:503', 'apis', 'create', '--type', 'rest', '--name', 'once-created')
    expect((await restApisNamed('once-created')).map((api) => api.id)).toEqual([rest.api.id])
    const http = await withLostAnswer('lost=CreateApi:reset', 'apis', 'create', '--type', 'http', '--name', 'once-created-http')
    expect((await v2ApisNamed('once-created-http')).map((api) => api.ApiId)).toEqual([http.api.id])
  })

  it('apis import: one REST API and one HTTP API, even beside an API of the same name made before', async () => {
    await seed.restApi('shop')
    const rest = await withLostAnswer('lost=ImportRestApi:reset', 'apis', 'import', 'examples/shop.yaml', '--deploy', 'prod')
    const shops = await restApisNamed('shop')
    expect(shops).toHaveLength(2)
    expect(shops.map((api) => api.id)).toContain(rest.api.id)
    expect(rest.deployment.stage).toBe('prod')
    const http = await withLostAnswer('lost=ImportApi:503', 'apis', 'import', 'examples/http-api.yaml')
    expect((await v2ApisNamed('greenhouse')).map((api) => api.ApiId)).toEqual([http.api.id])
  })

  it('deploy: one deployment, with its release record, when the answer is never sent (a timeout)', async () => {
    const api = await seed.restApi('once-deploy')
    const before = await restDeployments(api.id)
    // The answer never comes: the request times out (a 5 s budget caps it at 5 s), and the last look finds the deployment.
    const deployed = await withLostAnswer('lost=CreateDeployment:timeout', 'deploy', '--api', api.id, '--stage', 'prod', '--retry-budget', '5s')
    const after = await restDeployments(api.id)
    expect(after).toHaveLength(before.length + 1)
    const stage = await clients.rest.send(new GetStageCommand({restApiId: api.id, stageName: 'prod'}))
    expect(stage.deploymentId).toBe(deployed.deploymentId)
    expect(after.find((deployment) => deployment.id === stage.deploymentId)?.description).toMatch(/\[apigw: deploy prod by alice/)
  }, 60_000)

  it('deploy --create-stage and stages create: one stage, one deployment (REST and HTTP)', async () => {
    const api = await seed.restApi('once-stages')
    await withLostAnswer('lost=CreateStage:reset', 'stages', 'create', '--api', api.id, '--stage', 'qa')
    const stages = (await clients.rest.send(new GetStagesCommand({restApiId: api.id}))).item ?? []
    expect(stages.map((stage) => stage.stageName).sort()).toEqual(['prod', 'qa'])
    const http = await seed.httpApi('once-http-stages')
    const v2Before = (await clients.v2.send(new GetV2DeploymentsCommand({ApiId: http.id}))).Items ?? []
    await withLostAnswer('lost=CreateDeployment:reset,lost=CreateStage:503', 'deploy', '--api', http.id, '--stage', 'beta', '--create-stage')
    const v2Stages = (await clients.v2.send(new GetV2StagesCommand({ApiId: http.id}))).Items ?? []
    expect(v2Stages.map((stage) => stage.StageName).sort()).toEqual(['$default', 'beta'])
    expect((await clients.v2.send(new GetV2DeploymentsCommand({ApiId: http.id}))).Items).toHaveLength(v2Before.length + 1)
  })

  it('canary start: one canary deployment, and the stage\'s canary on it', async () => {
    const api = await seed.restApi('once-canary')
    const before = await restDeployments(api.id)
    const started = await withLostAnswer('lost=CreateDeployment:503', 'canary', 'start', '--api', api.id, '--stage', 'prod', '--percent', '10')
    const after = await restDeployments(api.id)
    expect(after).toHaveLength(before.length + 1)
    const stage = await clients.rest.send(new GetStageCommand({restApiId: api.id, stageName: 'prod'}))
    expect(stage.canarySettings?.percentTraffic).toBe(10)
    expect(JSON.stringify(started)).toContain(stage.canarySettings!.deploymentId!)
  })

  it('a create with no way to find its resource is not retried: exit 6, OUTCOME_UNKNOWN, and one deployment at most', async () => {
    const http = await seed.httpApi('once-unknown')
    // A v2 deployment made without a stage and without a description cannot be told from others: this is the one create apigw cannot look for.
    const {createV2Gateway} = await import('../../packages/cli/src/lib/aws/v2-gateway.js')
    const {AwsSession} = await import('../../packages/cli/src/lib/aws/session.js')
    const before = (await clients.v2.send(new GetV2DeploymentsCommand({ApiId: http.id}))).Items ?? []
    const session = new AwsSession({env, endpointUrl: sandbox.endpoint, region: 'us-east-1', retryBudgetMs: 5000, staticCredentials: {accessKeyId: 'a', secretAccessKey: 'b'}})
    sandbox.faults = parseFaults('lost=CreateDeployment:reset')
    const error = await createV2Gateway(session)
      .createDeployment({ApiId: http.id})
      .then(() => undefined, (caught: unknown) => caught)
    expect(error).toMatchObject({code: 'OUTCOME_UNKNOWN', exitCode: 6})
    expect((await clients.v2.send(new GetV2DeploymentsCommand({ApiId: http.id}))).Items).toHaveLength(before.length + 1)
  })
})
