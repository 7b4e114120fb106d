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
    const lambda = await env.v2.send(new CreateIntegrationCommand({ApiId, IntegrationType: 'AWS', IntegrationUri: LAMBDA_URI}))
    expect(lambda).toMatchObject({
      IntegrationMethod: 'POST',
      IntegrationResponseSelectionExpression: '${integration.response.body.errorMessage}',
      PassthroughBehavior: 'WHEN_NO_MATCH',
    })
    const proxy = await env.v2.send(new CreateIntegrationCommand({ApiId, IntegrationType: 'AWS_PROXY', IntegrationUri: LAMBDA_URI}))
    expect(proxy.IntegrationResponseSelectionExpression).toBeUndefined()
    expect(proxy.PassthroughBehavior).toBeUndefined()
  })

  it('invokes a Lambda function with POST only', async () => {
    const ApiId = await websocketApi()
    expect((await env.v2.send(new CreateIntegrationCommand({ApiId, IntegrationType: 'AWS_PROXY', IntegrationUri: LAMBDA_URI}))).IntegrationMethod).toBe('POST')
    const get = new CreateIntegrationCommand({ApiId, IntegrationType: 'AWS', IntegrationUri: LAMBDA_URI, IntegrationMethod: 'GET'})
    expect(await failure(env.v2.send(get))).toEqual(badRequest('Invalid integration method specified: GET. A WebSocket API invokes a Lambda function with POST'))
    const queue = 'arn:aws:apigateway:us-east-1:sqs:path/123456789012/chat'
    expect((await env.v2.send(new CreateIntegrationCommand({ApiId, IntegrationType: 'AWS', IntegrationUri: queue, IntegrationMethod: 'GET'}))).IntegrationMethod).toBe('GET')
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

describe('validation order (docs/aws-behaviour.md#version-2-requests-are-checked-before-lookups)', () => {
  it('an unknown integration or connection type is refused before the API is looked up', async () => {
    const wrongType = new CreateIntegrationCommand({ApiId: 'nothere', IntegrationType: 'LAMBDA' as 'AWS'})
    expect(await failure(env.v2.send(wrongType))).toEqual(badRequest('Invalid integration type specified: LAMBDA. Must be one of [AWS, AWS_PROXY, HTTP, HTTP_PROXY, MOCK]'))
    const wrongConnection = new UpdateIntegrationCommand({ApiId: 'nothere', IntegrationId: 'nothere', ConnectionType: 'DIRECT' as 'INTERNET'})
    expect(await failure(env.v2.send(wrongConnection))).toEqual(badRequest('Invalid connection type specified: DIRECT. Must be one of [INTERNET, VPC_LINK]'))
  })
})

// docs/aws-behaviour.md#integration-connections-and-service-actions
describe('HTTP API integrations', () => {
  const httpApi = async () => (await env.v2.send(new CreateApiCommand({Name: 'orders', ProtocolType: 'HTTP'}))).ApiId!

  it('an AWS service integration names its action (subtype) and takes no URI', async () => {
    const ApiId = await httpApi()
    const sqs = await env.v2.send(
      new CreateIntegrationCommand({
        ApiId,
        IntegrationType: 'AWS_PROXY',
        IntegrationSubtype: 'SQS-SendMessage',
        PayloadFormatVersion: '1.0',
        CredentialsArn: 'arn:aws:iam::123456789012:role/apigw-sqs',
        RequestParameters: {QueueUrl: '$request.header.queueUrl', MessageBody: '$request.body.message'},
      }),
    )
    expect(sqs).toMatchObject({IntegrationType: 'AWS_PROXY', IntegrationSubtype: 'SQS-SendMessage'})
    expect(sqs.IntegrationUri).toBeUndefined()
    expect(await failure(env.v2.send(new CreateIntegrationCommand({ApiId, IntegrationType: 'AWS_PROXY'})))).toEqual(
      badRequest('IntegrationUri is required for integration type AWS_PROXY'),
    )
  })

  it('a private integration (VPC_LINK) names its VPC link; other connection types are refused', async () => {
    const ApiId = await httpApi()
    const listener = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/orders/abc/def'
    const privateIntegration = new CreateIntegrationCommand({ApiId, IntegrationType: 'HTTP_PROXY', IntegrationUri: listener, ConnectionType: 'VPC_LINK'})
    expect(await failure(env.v2.send(privateIntegration))).toEqual(badRequest('ConnectionId is required for VPC_LINK connections'))
    const linked = await env.v2.send(new CreateIntegrationCommand({...privateIntegration.input, ConnectionId: 'vl1234'}))
    expect(linked).toMatchObject({ConnectionType: 'VPC_LINK', ConnectionId: 'vl1234', IntegrationUri: listener})
    const wrong = new CreateIntegrationCommand({ApiId, IntegrationType: 'HTTP_PROXY', IntegrationUri: 'https://example.com', ConnectionType: 'DIRECT' as 'INTERNET'})
    expect(await failure(env.v2.send(wrong))).toEqual(badRequest('Invalid connection type specified: DIRECT. Must be one of [INTERNET, VPC_LINK]'))
  })
})
