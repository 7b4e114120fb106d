import {
  CreateApiCommand,
  CreateDeploymentCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  CreateStageCommand,
  DeleteApiCommand,
  DeleteDeploymentCommand,
  DeleteIntegrationCommand,
  DeleteRouteCommand,
  DeleteStageCommand,
  GetApiCommand,
  GetApisCommand,
  GetDeploymentCommand,
  GetDeploymentsCommand,
  GetIntegrationCommand,
  GetIntegrationsCommand,
  GetRouteCommand,
  GetRoutesCommand,
  GetStageCommand,
  GetStagesCommand,
  ResetAuthorizersCacheCommand,
  UpdateApiCommand,
  UpdateIntegrationCommand,
  UpdateRouteCommand,
  UpdateStageCommand,
  type ApiGatewayV2Client,
} from '@aws-sdk/client-apigatewayv2'
import {afterAll, beforeAll, beforeEach, describe, expect, it} from 'vitest'
import type {Clock} from '../../packages/sandbox/src/clock.js'
import {TABLES} from '../../packages/sandbox/src/model.js'
import {sdkClients, startTestSandbox, type Sandbox} from '../helpers/sandbox.js'
import {failure} from './sdk-failure.js'

const START = Date.UTC(2024, 4, 1, 12, 0, 0)
let now = START
const clock: Clock = {now: () => now, sleep: async () => {}, random: () => 0.5}

let sandbox: Sandbox
let v2: ApiGatewayV2Client
beforeAll(async () => {
  sandbox = await startTestSandbox({clock})
  v2 = sdkClients(sandbox.endpoint).v2
})
afterAll(() => sandbox.stop())
beforeEach(() => {
  sandbox.context.store.clear()
  now = START
})

const notFound = (message: string) => ({name: 'NotFoundException', status: 404, message})
const badRequest = (message: string) => ({name: 'BadRequestException', status: 400, message})

const httpApi = (name = 'orders') => v2.send(new CreateApiCommand({Name: name, ProtocolType: 'HTTP'}))
const proxy = (ApiId: string, IntegrationUri = 'https://backend.example.com/orders') =>
  v2.send(new CreateIntegrationCommand({ApiId, IntegrationType: 'HTTP_PROXY', IntegrationUri}))

describe('CreateApi', () => {
  it('creates an HTTP API: 201 with defaults, ISO dates and an execute-api endpoint', async () => {
    const api = await httpApi()
    expect(api.$metadata.httpStatusCode).toBe(201)
    expect(api.ApiId).toMatch(/^[a-z0-9]{10}$/)
    expect(api).toMatchObject({
      Name: 'orders',
      ProtocolType: 'HTTP',
      ApiEndpoint: `https://${api.ApiId}.execute-api.us-east-1.amazonaws.com`,
      RouteSelectionExpression: '$request.method $request.path',
      ApiKeySelectionExpression: '$request.header.x-api-key',
      DisableExecuteApiEndpoint: false,
      CreatedDate: new Date(START),
      Tags: {},
    })
    expect(await v2.send(new GetApiCommand({ApiId: api.ApiId}))).toMatchObject({Name: 'orders', CreatedDate: new Date(START)})
  })

  it('needs a RouteSelectionExpression for WebSocket APIs and gives them a wss endpoint', async () => {
    expect(await failure(v2.send(new CreateApiCommand({Name: 'chat', ProtocolType: 'WEBSOCKET'})))).toEqual(
      badRequest('RouteSelectionExpression is required for WEBSOCKET APIs'),
    )
    const chat = await v2.send(new CreateApiCommand({Name: 'chat', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action'}))
    expect(chat.ApiEndpoint).toBe(`wss://${chat.ApiId}.execute-api.us-east-1.amazonaws.com`)
    expect(chat.RouteSelectionExpression).toBe('$request.body.action')
  })

  it('refuses an unknown protocol and quick create on WebSocket APIs', async () => {
    expect(await failure(v2.send(new CreateApiCommand({Name: 'x', ProtocolType: 'GRPC' as never})))).toEqual(
      badRequest('Invalid protocol specified. Must be one of [HTTP, WEBSOCKET]'),
    )
    const quickSocket = new CreateApiCommand({Name: 'x', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.a', Target: 'https://a.example'})
    expect(await failure(v2.send(quickSocket))).toEqual(badRequest('Target, RouteKey and CredentialsArn (quick create) are supported only for HTTP APIs'))
    expect((await v2.send(new GetApisCommand({}))).Items).toEqual([])
  })

  it('quick create with a URL makes a managed $default route, an HTTP_PROXY integration and an auto-deploying $default stage', async () => {
    const api = await v2.send(new CreateApiCommand({Name: 'quick', ProtocolType: 'HTTP', Target: 'https://backend.example.com'}))
    const [integration] = (await v2.send(new GetIntegrationsCommand({ApiId: api.ApiId}))).Items!
    expect(integration).toMatchObject({
      IntegrationType: 'HTTP_PROXY',
      IntegrationUri: 'https://backend.example.com',
      IntegrationMethod: 'ANY',
      PayloadFormatVersion: '1.0',
      ConnectionType: 'INTERNET',
      TimeoutInMillis: 30000,
      ApiGatewayManaged: true,
    })
    const routes = (await v2.send(new GetRoutesCommand({ApiId: api.ApiId}))).Items!
    expect(routes).toEqual([expect.objectContaining({RouteKey: '$default', Target: `integrations/${integration.IntegrationId}`, ApiGatewayManaged: true})])
    const stages = (await v2.send(new GetStagesCommand({ApiId: api.ApiId}))).Items!
    const deployments = (await v2.send(new GetDeploymentsCommand({ApiId: api.ApiId}))).Items!
    expect(deployments).toEqual([expect.objectContaining({AutoDeployed: true, DeploymentStatus: 'DEPLOYED'})])
    expect(stages).toEqual([
      expect.objectContaining({
        StageName: '$default',
        AutoDeploy: true,
        ApiGatewayManaged: true,
        DeploymentId: deployments[0].DeploymentId,
        LastDeploymentStatusMessage: `Successfully deployed stage with deployment ID '${deployments[0].DeploymentId}'`,
      }),
    ])
  })

  it('quick create with a Lambda ARN and a RouteKey makes an AWS_PROXY integration behind that route', async () => {
    const Target = 'arn:aws:lambda:us-east-1:123456789012:function:hello'
    const api = await v2.send(new CreateApiCommand({Name: 'lambda', ProtocolType: 'HTTP', Target, RouteKey: 'GET /hello'}))
    const [integration] = (await v2.send(new GetIntegrationsCommand({ApiId: api.ApiId}))).Items!
    expect(integration).toMatchObject({IntegrationType: 'AWS_PROXY', IntegrationUri: Target, IntegrationMethod: 'POST', PayloadFormatVersion: '2.0'})
    expect((await v2.send(new GetRoutesCommand({ApiId: api.ApiId}))).Items!.map((route) => route.RouteKey)).toEqual(['GET /hello'])
  })

  it('quick create is all or nothing: a bad Target leaves no API behind', async () => {
    const call = v2.send(new CreateApiCommand({Name: 'bad', ProtocolType: 'HTTP', Target: 'not a url'}))
    expect(await failure(call)).toEqual(badRequest('Invalid integration URI specified: not a url. HTTP_PROXY integrations take an http:// or https:// URL'))
    expect((await v2.send(new GetApisCommand({}))).Items).toEqual([])
  })
})

describe('GetApis, UpdateApi, DeleteApi', () => {
  it('pages with NextToken and MaxResults, oldest first, without skipping when an API is deleted between pages', async () => {
    const ids: string[] = []
    for (let i = 0; i < 5; i++) {
      now = START + i * 1000
      ids.push((await httpApi(`api-${i}`)).ApiId!)
    }
    const first = await v2.send(new GetApisCommand({MaxResults: '2'}))
    expect(first.Items!.map((api) => api.ApiId)).toEqual(ids.slice(0, 2))
    expect(first.NextToken).toEqual(expect.any(String))
    await v2.send(new DeleteApiCommand({ApiId: ids[1]}))
    const second = await v2.send(new GetApisCommand({MaxResults: '2', NextToken: first.NextToken}))
    expect(second.Items!.map((api) => api.ApiId)).toEqual(ids.slice(2, 4))
    const third = await v2.send(new GetApisCommand({MaxResults: '2', NextToken: second.NextToken}))
    expect(third.Items!.map((api) => api.ApiId)).toEqual([ids[4]])
    expect(third.NextToken).toBeUndefined()
    expect(await failure(v2.send(new GetApisCommand({MaxResults: 'ten'})))).toEqual(
      badRequest('Invalid MaxResults specified: ten. MaxResults must be a positive integer'),
    )
  })

  it('UpdateApi takes plain fields and keeps the others', async () => {
    const api = await httpApi()
    const updated = await v2.send(new UpdateApiCommand({ApiId: api.ApiId, Name: 'orders-v2', Description: 'Order intake', DisableExecuteApiEndpoint: true}))
    expect(updated).toMatchObject({Name: 'orders-v2', Description: 'Order intake', DisableExecuteApiEndpoint: true, ProtocolType: 'HTTP', ApiId: api.ApiId})
    expect(await v2.send(new GetApiCommand({ApiId: api.ApiId}))).toMatchObject({Name: 'orders-v2', Description: 'Order intake'})
  })

  it('UpdateApi Target repoints what quick create made and auto-deploys it', async () => {
    const api = await v2.send(new CreateApiCommand({Name: 'quick', ProtocolType: 'HTTP', Target: 'https://old.example.com'}))
    await v2.send(new UpdateApiCommand({ApiId: api.ApiId, Target: 'https://new.example.com', RouteKey: 'ANY /{proxy+}'}))
    expect((await v2.send(new GetIntegrationsCommand({ApiId: api.ApiId}))).Items![0].IntegrationUri).toBe('https://new.example.com')
    expect((await v2.send(new GetRoutesCommand({ApiId: api.ApiId}))).Items![0].RouteKey).toBe('ANY /{proxy+}')
    expect((await v2.send(new GetDeploymentsCommand({ApiId: api.ApiId}))).Items).toHaveLength(2)
    const plain = await httpApi('plain')
    expect(await failure(v2.send(new UpdateApiCommand({ApiId: plain.ApiId, Target: 'https://x.example.com'})))).toEqual(
      badRequest('Target, RouteKey and CredentialsArn can be updated only on an API made by quick create'),
    )
  })

  it('DeleteApi answers 204 and removes the API with its routes, integrations, stages and deployments', async () => {
    const api = await v2.send(new CreateApiCommand({Name: 'quick', ProtocolType: 'HTTP', Target: 'https://backend.example.com'}))
    const deleted = await v2.send(new DeleteApiCommand({ApiId: api.ApiId}))
    expect(deleted.$metadata.httpStatusCode).toBe(204)
    for (const table of [TABLES.v2Apis, TABLES.v2Routes, TABLES.v2Integrations, TABLES.v2Stages, TABLES.v2Deployments]) {
      expect(sandbox.context.store.count(table)).toBe(0)
    }
    expect(await failure(v2.send(new GetApiCommand({ApiId: api.ApiId})))).toEqual(notFound(`Invalid API identifier specified 123456789012:${api.ApiId}`))
  })
})

describe('routes and integrations', () => {
  it('CreateIntegration answers 201 with HTTP API defaults and refuses types HTTP APIs lack', async () => {
    const api = await httpApi()
    const integration = await proxy(api.ApiId!)
    expect(integration.$metadata.httpStatusCode).toBe(201)
    expect(integration).toMatchObject({
      IntegrationId: expect.stringMatching(/^[a-z0-9]{7}$/),
      IntegrationType: 'HTTP_PROXY',
      IntegrationMethod: 'ANY',
      PayloadFormatVersion: '1.0',
      ConnectionType: 'INTERNET',
      TimeoutInMillis: 30000,
    })
    expect(await failure(v2.send(new CreateIntegrationCommand({ApiId: api.ApiId, IntegrationType: 'MOCK'})))).toEqual(
      // docs/aws-behaviour.md#http-apis-take-only-proxy-integrations
      badRequest('Currently, an API with a protocol type of HTTP may only be associated with proxy integrations (AWS_PROXY, HTTP_PROXY)'),
    )
    const slow = new UpdateIntegrationCommand({ApiId: api.ApiId, IntegrationId: integration.IntegrationId, TimeoutInMillis: 45000})
    expect(await failure(v2.send(slow))).toEqual(badRequest('Invalid timeout specified: 45000. TimeoutInMillis must be between 50 and 30000'))
    const updated = await v2.send(new UpdateIntegrationCommand({ApiId: api.ApiId, IntegrationId: integration.IntegrationId, TimeoutInMillis: 5000}))
    expect(updated).toMatchObject({TimeoutInMillis: 5000, IntegrationUri: 'https://backend.example.com/orders'})
    expect(await v2.send(new GetIntegrationCommand({ApiId: api.ApiId, IntegrationId: integration.IntegrationId}))).toMatchObject({TimeoutInMillis: 5000})
  })

  it('CreateRoute answers 201, checks the key and target, and refuses duplicates with 409', async () => {
    const api = await httpApi()
    const integration = await proxy(api.ApiId!)
    const Target = `integrations/${integration.IntegrationId}`
    const route = await v2.send(new CreateRouteCommand({ApiId: api.ApiId, RouteKey: 'GET /orders', Target}))
    expect(route.$metadata.httpStatusCode).toBe(201)
    expect(route).toMatchObject({RouteId: expect.stringMatching(/^[a-z0-9]{7}$/), RouteKey: 'GET /orders', ApiKeyRequired: false, AuthorizationType: 'NONE', Target})
    expect(await failure(v2.send(new CreateRouteCommand({ApiId: api.ApiId, RouteKey: 'GET /orders'})))).toEqual({
      name: 'ConflictException',
      status: 409,
      message: 'Route with key GET /orders already exists for this API',
    })
    expect(await failure(v2.send(new CreateRouteCommand({ApiId: api.ApiId, RouteKey: 'FETCH orders'})))).toEqual(
      badRequest('Invalid route key specified: FETCH orders. HTTP API route keys are $default or a method and a path, such as GET /pets'),
    )
    expect(await failure(v2.send(new CreateRouteCommand({ApiId: api.ApiId, RouteKey: 'POST /orders', Target: 'integrations/nothere'})))).toEqual(
      badRequest("Invalid target specified: integrations/nothere. A route's target must be integrations/<IntegrationId> for an integration of this API"),
    )
    const updated = await v2.send(new UpdateRouteCommand({ApiId: api.ApiId, RouteId: route.RouteId, RouteKey: 'GET /orders/{id}', OperationName: 'getOrder'}))
    expect(updated).toMatchObject({RouteKey: 'GET /orders/{id}', OperationName: 'getOrder', Target})
    expect(await v2.send(new GetRouteCommand({ApiId: api.ApiId, RouteId: route.RouteId}))).toMatchObject({RouteKey: 'GET /orders/{id}'})
  })

  it('GetRoutes pages with NextToken', async () => {
    const api = await httpApi()
    for (const [i, key] of ['GET /a', 'GET /b', 'GET /c'].entries()) {
      now = START + i * 1000
      await v2.send(new CreateRouteCommand({ApiId: api.ApiId, RouteKey: key}))
    }
    const keys: string[] = []
    let NextToken: string | undefined
    do {
      const page = await v2.send(new GetRoutesCommand({ApiId: api.ApiId, MaxResults: '1', NextToken}))
      expect(page.Items).toHaveLength(1)
      keys.push(page.Items![0].RouteKey!)
      NextToken = page.NextToken
    } while (NextToken)
    expect(keys).toEqual(['GET /a', 'GET /b', 'GET /c'])
  })

  it('DeleteIntegration refuses while a route targets it; DeleteRoute and DeleteIntegration answer 204', async () => {
    const api = await httpApi()
    const integration = await proxy(api.ApiId!)
    const route = await v2.send(new CreateRouteCommand({ApiId: api.ApiId, RouteKey: '$default', Target: `integrations/${integration.IntegrationId}`}))
    // docs/aws-behaviour.md#an-integration-in-use-cannot-be-deleted
    expect(await failure(v2.send(new DeleteIntegrationCommand({ApiId: api.ApiId, IntegrationId: integration.IntegrationId})))).toEqual({
      name: 'ConflictException',
      status: 409,
      message: `Cannot delete Integration because it is referenced by the following Routes with Ids: [${route.RouteId}]`,
    })
    expect((await v2.send(new DeleteRouteCommand({ApiId: api.ApiId, RouteId: route.RouteId}))).$metadata.httpStatusCode).toBe(204)
    expect((await v2.send(new DeleteIntegrationCommand({ApiId: api.ApiId, IntegrationId: integration.IntegrationId}))).$metadata.httpStatusCode).toBe(204)
    expect((await v2.send(new GetIntegrationsCommand({ApiId: api.ApiId}))).Items).toEqual([])
  })
})

describe('stages', () => {
  it('CreateStage answers 201 with the fresh-stage shape', async () => {
    const api = await httpApi()
    const stage = await v2.send(new CreateStageCommand({ApiId: api.ApiId, StageName: 'prod', StageVariables: {backend: 'blue'}}))
    expect(stage.$metadata.httpStatusCode).toBe(201)
    const {$metadata, ...shape} = stage
    expect(shape).toEqual({
      StageName: 'prod',
      CreatedDate: new Date(START),
      LastUpdatedDate: new Date(START),
      DefaultRouteSettings: {DetailedMetricsEnabled: false},
      RouteSettings: {},
      StageVariables: {backend: 'blue'},
      Tags: {},
    })
  })

  it('stage names are alphanumerics, - and _, or $default; duplicates get 409; at most 10 per API', async () => {
    const api = await httpApi()
    for (const bad of ['has space', '$beta', 'v1.2']) {
      expect(await failure(v2.send(new CreateStageCommand({ApiId: api.ApiId, StageName: bad})))).toEqual(
        badRequest(`Invalid stage name specified: ${bad}. Stage names may contain only a-z, A-Z, 0-9, - and _, or be $default`),
      )
    }
    await v2.send(new CreateStageCommand({ApiId: api.ApiId, StageName: '$default'}))
    await v2.send(new CreateStageCommand({ApiId: api.ApiId, StageName: 'blue-green_2'}))
    expect(await failure(v2.send(new CreateStageCommand({ApiId: api.ApiId, StageName: 'blue-green_2'})))).toEqual({
      name: 'ConflictException',
      status: 409,
      message: 'Stage already exists',
    })
    for (let i = 0; i < 8; i++) await v2.send(new CreateStageCommand({ApiId: api.ApiId, StageName: `s${i}`}))
    expect(await failure(v2.send(new CreateStageCommand({ApiId: api.ApiId, StageName: 'eleventh'})))).toEqual(
      badRequest('Stage limit exceeded: an API can have at most 10 stages'),
    )
  })

  it('GetStages pages with NextToken', async () => {
    const api = await httpApi()
    for (const [i, name] of ['dev', 'test', 'prod'].entries()) {
      now = START + i * 1000
      await v2.send(new CreateStageCommand({ApiId: api.ApiId, StageName: name}))
    }
    const first = await v2.send(new GetStagesCommand({ApiId: api.ApiId, MaxResults: '2'}))
    const second = await v2.send(new GetStagesCommand({ApiId: api.ApiId, MaxResults: '2', NextToken: first.NextToken}))
    expect([...first.Items!, ...second.Items!].map((stage) => stage.StageName)).toEqual(['dev', 'test', 'prod'])
    expect(second.NextToken).toBeUndefined()
  })

  it('UpdateStage takes plain fields, and refuses DeploymentId while AutoDeploy is on', async () => {
    const api = await httpApi()
    const deployment = await v2.send(new CreateDeploymentCommand({ApiId: api.ApiId}))
    await v2.send(new CreateStageCommand({ApiId: api.ApiId, StageName: 'prod', AutoDeploy: true}))
    now = START + 60_000
    const updated = await v2.send(
      new UpdateStageCommand({
        ApiId: api.ApiId,
        StageName: 'prod',
        Description: 'live',
        StageVariables: {color: 'green'},
        RouteSettings: {'GET /pets': {ThrottlingBurstLimit: 10, ThrottlingRateLimit: 5}},
      }),
    )
    expect(updated).toMatchObject({
      Description: 'live',
      StageVariables: {color: 'green'},
      RouteSettings: {'GET /pets': {ThrottlingBurstLimit: 10, ThrottlingRateLimit: 5}},
      LastUpdatedDate: new Date(START + 60_000),
      CreatedDate: new Date(START),
    })
    const pin = new UpdateStageCommand({ApiId: api.ApiId, StageName: 'prod', DeploymentId: deployment.DeploymentId})
    expect(await failure(v2.send(pin))).toEqual(
      badRequest('DeploymentId cannot be set on stage prod while AutoDeploy is enabled. Set AutoDeploy to false (in the same request or before) to choose a deployment'),
    )
    const pinned = await v2.send(new UpdateStageCommand({ApiId: api.ApiId, StageName: 'prod', AutoDeploy: false, DeploymentId: deployment.DeploymentId}))
    expect(pinned.DeploymentId).toBe(deployment.DeploymentId)
    expect(pinned.AutoDeploy).toBeUndefined()
  })

  it('AutoDeploy: each route or integration change makes one AutoDeployed deployment per auto-deploying stage and points it there', async () => {
    const api = await httpApi()
    const manual = await v2.send(new CreateDeploymentCommand({ApiId: api.ApiId}))
    await v2.send(new CreateStageCommand({ApiId: api.ApiId, StageName: 'pinned', DeploymentId: manual.DeploymentId}))
    now += 1000
    const auto = await v2.send(new CreateStageCommand({ApiId: api.ApiId, StageName: 'live', AutoDeploy: true}))
    expect(auto).toMatchObject({AutoDeploy: true, DeploymentId: expect.any(String)})
    now += 1000
    const integration = await proxy(api.ApiId!)
    now += 1000
    await v2.send(new CreateRouteCommand({ApiId: api.ApiId, RouteKey: 'GET /orders', Target: `integrations/${integration.IntegrationId}`}))
    const live = await v2.send(new GetStageCommand({ApiId: api.ApiId, StageName: 'live'}))
    const deployments = (await v2.send(new GetDeploymentsCommand({ApiId: api.ApiId}))).Items!
    // manual + one at stage creation + one per change (integration, route)
    expect(deployments.map((deployment) => deployment.AutoDeployed)).toEqual([false, true, true, true])
    expect(live.DeploymentId).toBe(deployments.at(-1)!.DeploymentId)
    expect(live.LastDeploymentStatusMessage).toBe(`Successfully deployed stage with deployment ID '${live.DeploymentId}'`)
    expect((await v2.send(new GetStageCommand({ApiId: api.ApiId, StageName: 'pinned'}))).DeploymentId).toBe(manual.DeploymentId)
    // Turning AutoDeploy on deploys at once.
    const turnedOn = await v2.send(new UpdateStageCommand({ApiId: api.ApiId, StageName: 'pinned', AutoDeploy: true}))
    expect(turnedOn.DeploymentId).not.toBe(manual.DeploymentId)
    expect((await v2.send(new GetDeploymentsCommand({ApiId: api.ApiId}))).Items).toHaveLength(5)
  })

  it('DeleteStage answers 204; ResetAuthorizersCache answers 204', async () => {
    const api = await httpApi()
    await v2.send(new CreateStageCommand({ApiId: api.ApiId, StageName: 'prod'}))
    const reset = await v2.send(new ResetAuthorizersCacheCommand({ApiId: api.ApiId, StageName: 'prod'}))
    expect(reset.$metadata.httpStatusCode).toBe(204)
    expect((await v2.send(new DeleteStageCommand({ApiId: api.ApiId, StageName: 'prod'}))).$metadata.httpStatusCode).toBe(204)
    expect(await failure(v2.send(new ResetAuthorizersCacheCommand({ApiId: api.ApiId, StageName: 'prod'})))).toEqual(
      notFound('Invalid stage identifier specified'),
    )
  })
})

describe('deployments', () => {
  it('CreateDeployment answers 201 {DeploymentId, DeploymentStatus DEPLOYED, AutoDeployed false, CreatedDate} and repoints a named stage', async () => {
    const api = await httpApi()
    const first = await v2.send(new CreateDeploymentCommand({ApiId: api.ApiId}))
    await v2.send(new CreateStageCommand({ApiId: api.ApiId, StageName: 'prod', DeploymentId: first.DeploymentId}))
    now = START + 5000
    const second = await v2.send(new CreateDeploymentCommand({ApiId: api.ApiId, StageName: 'prod', Description: 'release 2'}))
    expect(second.$metadata.httpStatusCode).toBe(201)
    const {$metadata, ...shape} = second
    expect(shape).toEqual({
      DeploymentId: expect.stringMatching(/^[a-z0-9]{6}$/),
      DeploymentStatus: 'DEPLOYED',
      AutoDeployed: false,
      CreatedDate: new Date(START + 5000),
      Description: 'release 2',
    })
    expect((await v2.send(new GetStageCommand({ApiId: api.ApiId, StageName: 'prod'}))).DeploymentId).toBe(second.DeploymentId)
    expect(await v2.send(new GetDeploymentCommand({ApiId: api.ApiId, DeploymentId: second.DeploymentId}))).toMatchObject(shape)
  })

  it('CreateDeployment refuses a stage with AutoDeploy on and an unknown stage', async () => {
    const api = await httpApi()
    await v2.send(new CreateStageCommand({ApiId: api.ApiId, StageName: 'live', AutoDeploy: true}))
    expect(await failure(v2.send(new CreateDeploymentCommand({ApiId: api.ApiId, StageName: 'live'})))).toEqual(
      badRequest('Deployments cannot be created for stage live because AutoDeploy is enabled on it'),
    )
    expect(await failure(v2.send(new CreateDeploymentCommand({ApiId: api.ApiId, StageName: 'nope'})))).toEqual(notFound('Invalid stage identifier specified'))
  })

  it('DeleteDeployment answers 204, but not while a stage uses the deployment', async () => {
    const api = await httpApi()
    const used = await v2.send(new CreateDeploymentCommand({ApiId: api.ApiId}))
    const spare = await v2.send(new CreateDeploymentCommand({ApiId: api.ApiId}))
    await v2.send(new CreateStageCommand({ApiId: api.ApiId, StageName: 'prod', DeploymentId: used.DeploymentId}))
    expect(await failure(v2.send(new DeleteDeploymentCommand({ApiId: api.ApiId, DeploymentId: used.DeploymentId})))).toEqual(
      badRequest('Active stages pointing to this deployment must be moved or deleted'),
    )
    expect((await v2.send(new DeleteDeploymentCommand({ApiId: api.ApiId, DeploymentId: spare.DeploymentId}))).$metadata.httpStatusCode).toBe(204)
    expect((await v2.send(new GetDeploymentsCommand({ApiId: api.ApiId}))).Items!.map((deployment) => deployment.DeploymentId)).toEqual([used.DeploymentId])
  })
})

describe('not found', () => {
  it('answers 404 NotFoundException naming what was missing', async () => {
    expect(await failure(v2.send(new GetApiCommand({ApiId: 'a1b2c3d4e5'})))).toEqual(notFound('Invalid API identifier specified 123456789012:a1b2c3d4e5'))
    expect(await failure(v2.send(new GetStagesCommand({ApiId: 'a1b2c3d4e5'})))).toEqual(notFound('Invalid API identifier specified 123456789012:a1b2c3d4e5'))
    const api = await httpApi()
    const ApiId = api.ApiId
    expect(await failure(v2.send(new GetRouteCommand({ApiId, RouteId: 'r1'})))).toEqual(notFound('Invalid Route identifier specified r1'))
    expect(await failure(v2.send(new GetIntegrationCommand({ApiId, IntegrationId: 'i1'})))).toEqual(notFound('Invalid Integration identifier specified i1'))
    expect(await failure(v2.send(new GetStageCommand({ApiId, StageName: 'prod'})))).toEqual(notFound('Invalid stage identifier specified'))
    expect(await failure(v2.send(new UpdateStageCommand({ApiId, StageName: 'prod', Description: 'x'})))).toEqual(notFound('Invalid stage identifier specified'))
    expect(await failure(v2.send(new GetDeploymentCommand({ApiId, DeploymentId: 'd1'})))).toEqual(notFound('Invalid Deployment identifier specified d1'))
    expect(await failure(v2.send(new CreateStageCommand({ApiId, StageName: 'x', DeploymentId: 'd1'})))).toEqual(notFound('Invalid Deployment identifier specified d1'))
  })
})
