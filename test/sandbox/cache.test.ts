import {FlushStageAuthorizersCacheCommand, FlushStageCacheCommand, GetStageCommand, GetStagesCommand, UpdateStageCommand, type APIGatewayClient} from '@aws-sdk/client-api-gateway'
import {CreateStageCommand, ResetAuthorizersCacheCommand, type ApiGatewayV2Client} from '@aws-sdk/client-apigatewayv2'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {seeder} from '../helpers/seed.js'
import {until} from '../helpers/wait.js'
import {sdkClients, startTestSandbox, type Sandbox} from '../helpers/sandbox.js'
import {failure} from './sdk-failure.js'

/**
 * Cache transitions in real time, short enough for a test and long enough to be seen: a second, so
 * that a machine busy enough to take that long between two calls is the only way to miss one.
 */
const DELAY_MS = 1000

describe('sandbox stage cache with a real clock (docs/aws-behaviour.md#stage-cache)', () => {
  let sandbox: Sandbox
  let rest: APIGatewayClient
  let v2: ApiGatewayV2Client
  let seed: ReturnType<typeof seeder>
  beforeAll(async () => {
    sandbox = await startTestSandbox({transitionDelayMs: DELAY_MS})
    ;({rest, v2} = sdkClients(sandbox.endpoint))
    seed = seeder(sandbox.endpoint)
  })
  afterAll(() => sandbox.stop())

  const status = async (restApiId: string) => (await rest.send(new GetStageCommand({restApiId, stageName: 'prod'}))).cacheClusterStatus
  const listedStatus = async (restApiId: string) => (await rest.send(new GetStagesCommand({restApiId}))).item?.[0].cacheClusterStatus

  it('shows CREATE_IN_PROGRESS, then AVAILABLE; a flush shows FLUSH_IN_PROGRESS in GetStage and GetStages until the delay passes', async () => {
    const {id: restApiId} = await seed.restApi('cache-clock')
    await rest.send(new UpdateStageCommand({restApiId, stageName: 'prod', patchOperations: [{op: 'replace', path: '/cacheClusterEnabled', value: 'true'}]}))
    expect(await status(restApiId)).toBe('CREATE_IN_PROGRESS')
    await until(async () => (await status(restApiId)) === 'AVAILABLE')

    const flushed = await rest.send(new FlushStageCacheCommand({restApiId, stageName: 'prod'}))
    expect(flushed.$metadata.httpStatusCode).toBe(202)
    expect(await status(restApiId)).toBe('FLUSH_IN_PROGRESS')
    expect(await listedStatus(restApiId)).toBe('FLUSH_IN_PROGRESS')
    await until(async () => (await status(restApiId)) === 'AVAILABLE')
    expect(await listedStatus(restApiId)).toBe('AVAILABLE')
  })

  it('a flush while the cluster is still being created changes nothing (the sandbox\'s answer: 202)', async () => {
    const {id: restApiId} = await seed.restApi('cache-creating')
    await rest.send(new UpdateStageCommand({restApiId, stageName: 'prod', patchOperations: [{op: 'replace', path: '/cacheClusterEnabled', value: 'true'}]}))
    expect((await rest.send(new FlushStageCacheCommand({restApiId, stageName: 'prod'}))).$metadata.httpStatusCode).toBe(202)
    expect(await status(restApiId)).toBe('CREATE_IN_PROGRESS')
  })

  it('flushing a stage that does not exist is 404 Invalid Stage identifier specified, for both caches', async () => {
    const {id: restApiId} = await seed.restApi('cache-missing')
    const missing = {name: 'NotFoundException', status: 404, message: 'Invalid Stage identifier specified'}
    expect(await failure(rest.send(new FlushStageCacheCommand({restApiId, stageName: 'nope'})))).toEqual(missing)
    expect(await failure(rest.send(new FlushStageAuthorizersCacheCommand({restApiId, stageName: 'nope'})))).toEqual(missing)
  })

  it('ResetAuthorizersCache answers 204 for an HTTP API stage, and 400 for a WebSocket API (HTTP APIs only)', async () => {
    const {id: httpId} = await seed.httpApi('cache-http')
    expect((await v2.send(new ResetAuthorizersCacheCommand({ApiId: httpId, StageName: '$default'}))).$metadata.httpStatusCode).toBe(204)
    const {id: wsId} = await seed.websocketApi('cache-ws')
    await v2.send(new CreateStageCommand({ApiId: wsId, StageName: 'prod'}))
    expect(await failure(v2.send(new ResetAuthorizersCacheCommand({ApiId: wsId, StageName: 'prod'})))).toEqual({
      name: 'BadRequestException',
      status: 400,
      message: 'ResetAuthorizersCache is supported only for HTTP APIs',
    })
  })
})
