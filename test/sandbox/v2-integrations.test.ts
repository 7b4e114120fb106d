import {CreateApiCommand, CreateIntegrationCommand, UpdateIntegrationCommand} from '@aws-sdk/client-apigatewayv2'
import {describe, expect, it} from 'vitest'
import {failure} from './sdk-failure.js'
import {badRequest, v2Sandbox} from './v2-sandbox.js'

const env = v2Sandbox()

const LAMBDA_URI = 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:chat/invocations'

const websocketApi = async () =>
  (await env.v2.send(new CreateApiCommand({Name: 'chat', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action'}))).ApiId!

// docs/aws-behaviour.md#websocket-integration-defaults
describe('WebSocket integrations', () => {
  it('a MOCK integration picks its response by status code, passes unmapped bodies through, with payload format 1.0 and a 29 s timeout', async () => {
    const ApiId = await websocketApi()
    const {$metadata, ...mock} = await env.v2.send(new CreateIntegrationCommand({ApiId, IntegrationType: 'MOCK'}))
    expect(mock).toEqual({
      IntegrationId: expect.stringMatching(/^[a-z0-9]{7}$/),
      IntegrationType: 'MOCK',
      ConnectionType: 'INTERNET',
      IntegrationResponseSelectionExpression: '${integration.response.statuscode}',
      PassthroughBehavior: 'WHEN_NO_MATCH',
      PayloadFormatVersion: '1.0',
      TimeoutInMillis: 29000,
    })
  })

  it('a Lambda (AWS) integration picks its response by error message; proxies have no selection expression', async () => {
    const ApiId = await websocketApi()
    const lambda = await env.v2.send(new CreateIntegrationCommand({ApiId, IntegrationType: 'AWS', IntegrationUri: LAMBDA_URI, IntegrationMethod: 'POST'}))
    expect(lambda).toMatchObject({IntegrationResponseSelectionExpression: '${integration.response.body.errorMessage}', PassthroughBehavior: 'WHEN_NO_MATCH'})
    const proxy = await env.v2.send(new CreateIntegrationCommand({ApiId, IntegrationType: 'AWS_PROXY', IntegrationUri: LAMBDA_URI}))
    expect(proxy.IntegrationResponseSelectionExpression).toBeUndefined()
    expect(proxy.PassthroughBehavior).toBeUndefined()
  })

  it('takes only payload format 1.0, where an HTTP API Lambda proxy also takes 2.0', async () => {
    const ApiId = await websocketApi()
    const proxy = new CreateIntegrationCommand({ApiId, IntegrationType: 'AWS_PROXY', IntegrationUri: LAMBDA_URI, PayloadFormatVersion: '2.0'})
    expect(await failure(env.v2.send(proxy))).toEqual(
      badRequest('Invalid payload format version specified: 2.0. Must be one of [1.0] for AWS_PROXY integrations of WEBSOCKET APIs'),
    )
    const http = (await env.v2.send(new CreateApiCommand({Name: 'orders', ProtocolType: 'HTTP'}))).ApiId!
    const lambda = await env.v2.send(new CreateIntegrationCommand({ApiId: http, IntegrationType: 'AWS_PROXY', IntegrationUri: LAMBDA_URI, PayloadFormatVersion: '2.0'}))
    expect(lambda.PayloadFormatVersion).toBe('2.0')
    const url = await env.v2.send(new CreateIntegrationCommand({ApiId: http, IntegrationType: 'HTTP_PROXY', IntegrationUri: 'https://example.com'}))
    expect(await failure(env.v2.send(new UpdateIntegrationCommand({ApiId: http, IntegrationId: url.IntegrationId, PayloadFormatVersion: '2.0'})))).toEqual(
      badRequest('Invalid payload format version specified: 2.0. Must be one of [1.0] for HTTP_PROXY integrations of HTTP APIs'),
    )
  })
})
