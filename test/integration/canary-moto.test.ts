import {CreateDeploymentCommand, CreateRestApiCommand, GetStageCommand, PutIntegrationCommand, PutMethodCommand} from '@aws-sdk/client-api-gateway'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {awsEnv, runCli} from '../helpers/cli.js'
import {startMoto, type MotoServer} from '../helpers/moto.js'
import {sdkClients} from '../helpers/sandbox.js'

/**
 * After every write apigw checks that AWS did what was asked. moto_server takes a canary
 * CreateDeployment and ignores its canarySettings: the stage shows no canary. A canary start there
 * must fail, never print "canary none" and exit 0.
 */
describe('canary start against an endpoint that ignores canary settings (moto)', () => {
  let moto: MotoServer
  beforeAll(async () => {
    moto = await startMoto()
  })
  afterAll(() => moto?.stop())

  it('exits 9 (CANARY_NOT_APPLIED): AWS accepted the deployment but the stage shows no canary', async () => {
    const {rest} = sdkClients(moto.endpoint)
    const api = await rest.send(new CreateRestApiCommand({name: 'shop'}))
    const restApiId = api.id!
    await rest.send(new PutMethodCommand({restApiId, resourceId: api.rootResourceId, httpMethod: 'GET', authorizationType: 'NONE'}))
    await rest.send(new PutIntegrationCommand({restApiId, resourceId: api.rootResourceId, httpMethod: 'GET', type: 'MOCK'}))
    const base = await rest.send(new CreateDeploymentCommand({restApiId, stageName: 'prod'}))

    const result = await runCli(['canary', 'start', '--api', 'shop', '--stage', 'prod', '--percent', '10', '--json'], awsEnv(moto.endpoint))
    expect(result.code).toBe(9)
    const {error} = JSON.parse(result.stdout)
    // What apigw reports is what an independent client reads: moto even moved the whole stage to the
    // new deployment, as if it were a plain one.
    const stage = await rest.send(new GetStageCommand({restApiId, stageName: 'prod'}))
    expect(stage.canarySettings).toBeUndefined()
    expect(stage.deploymentId).not.toBe(base.id)
    expect(error.code).toBe('CANARY_NOT_APPLIED')
    expect(error.message).toBe(`AWS accepted the deployment but stage "prod" of REST API "shop" (${restApiId}) shows no canary: all its traffic goes to deployment ${stage.deploymentId}.`)
    expect(error.suggestions[0]).toContain(`apigw canary status --api ${restApiId} --stage prod`)
  })
})
