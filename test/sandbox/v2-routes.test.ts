import {CreateApiCommand, CreateRouteCommand} from '@aws-sdk/client-apigatewayv2'
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
