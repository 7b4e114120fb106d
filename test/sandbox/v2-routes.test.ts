import {
  CreateApiCommand,
  CreateRouteCommand,
  DeleteIntegrationCommand,
  GetIntegrationsCommand,
  GetRoutesCommand,
  UpdateApiCommand,
  UpdateIntegrationCommand,
  UpdateRouteCommand,
} from '@aws-sdk/client-apigatewayv2'
import {describe, expect, it} from 'vitest'
import {failure} from './sdk-failure.js'
import {badRequest, v2Sandbox} from './v2-sandbox.js'

const env = v2Sandbox()

const newApi = async (ProtocolType: 'HTTP' | 'WEBSOCKET') =>
  (await env.v2.send(new CreateApiCommand({Name: 'orders', ProtocolType, RouteSelectionExpression: ProtocolType === 'WEBSOCKET' ? '$request.body.action' : undefined})))
    .ApiId!
const route = (ApiId: string, RouteKey: string) => env.v2.send(new CreateRouteCommand({ApiId, RouteKey}))

// docs/aws-behaviour.md#http-api-route-keys
describe('route keys', () => {
  it('an HTTP API takes $default, or a method (or ANY) and a path with variables, a greedy one last', async () => {
    const ApiId = await newApi('HTTP')
    for (const key of ['$default', 'GET /pets', 'ANY /pets/{petId}', 'POST /{proxy+}', 'DELETE /pets/{petId}/toys/{proxy+}']) {
      expect((await route(ApiId, key)).RouteKey).toBe(key)
    }
    expect(await failure(route(ApiId, 'GET /{proxy+}/more'))).toEqual(
      badRequest('Invalid route key specified: GET /{proxy+}/more. A greedy path variable such as {proxy+} must end the path'),
    )
    expect(await failure(route(ApiId, '$connect'))).toEqual(
      badRequest('Invalid route key specified: $connect. HTTP API route keys are $default or a method and a path, such as GET /pets'),
    )
  })

  it('a WebSocket API takes $connect, $disconnect, $default and its own keys', async () => {
    const ApiId = await newApi('WEBSOCKET')
    for (const key of ['$connect', '$disconnect', '$default', 'sendmessage']) expect((await route(ApiId, key)).RouteKey).toBe(key)
  })
})

// docs/aws-behaviour.md#quick-created-routes-and-integrations-are-managed
describe('what quick create made', () => {
  it('keeps its route key and its integration: UpdateRoute may not rename the route, DeleteIntegration may not delete the integration', async () => {
    const api = await env.v2.send(new CreateApiCommand({Name: 'quick', ProtocolType: 'HTTP', Target: 'https://backend.example.com'}))
    const ApiId = api.ApiId!
    const [route] = (await env.v2.send(new GetRoutesCommand({ApiId}))).Items!
    const [integration] = (await env.v2.send(new GetIntegrationsCommand({ApiId}))).Items!
    expect(route).toMatchObject({RouteKey: '$default', ApiGatewayManaged: true})
    expect(await failure(env.v2.send(new UpdateRouteCommand({ApiId, RouteId: route.RouteId, RouteKey: 'GET /pets'})))).toEqual(
      badRequest(`The route key of route ${route.RouteId} cannot be changed: API Gateway manages the route (quick create). Change it with UpdateApi's RouteKey`),
    )
    expect((await env.v2.send(new UpdateRouteCommand({ApiId, RouteId: route.RouteId, OperationName: 'proxy'}))).OperationName).toBe('proxy')
    await env.v2.send(new UpdateApiCommand({ApiId, RouteKey: 'ANY /pets'}))
    expect((await env.v2.send(new GetRoutesCommand({ApiId}))).Items![0].RouteKey).toBe('ANY /pets')
    expect(await failure(env.v2.send(new DeleteIntegrationCommand({ApiId, IntegrationId: integration.IntegrationId})))).toEqual(
      badRequest(`Integration ${integration.IntegrationId} cannot be deleted: API Gateway manages it (quick create)`),
    )
    expect((await env.v2.send(new UpdateIntegrationCommand({ApiId, IntegrationId: integration.IntegrationId, TimeoutInMillis: 5000}))).TimeoutInMillis).toBe(5000)
  })
})
