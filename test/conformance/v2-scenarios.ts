import {
  CreateApiCommand,
  CreateAuthorizerCommand,
  CreateIntegrationCommand,
  CreateIntegrationResponseCommand,
  CreateRouteCommand,
  CreateRouteResponseCommand,
  DeleteAuthorizerCommand,
  DeleteIntegrationCommand,
  GetAuthorizerCommand,
  GetRouteResponseCommand,
  UpdateAuthorizerCommand,
  type CreateAuthorizerCommandInput,
} from '@aws-sdk/client-apigatewayv2'
import {statusOf, type Probe, type Scenario} from './probe.js'

// HTTP and WebSocket APIs' authorizers, routes and responses (docs/aws-behaviour.md#version-2-authorizers).

const LAMBDA_URI = 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:auth/invocations'
const JWT = {Issuer: 'https://issuer.example.com/', Audience: ['orders-app']}

async function newApi(probe: Probe, ProtocolType: 'HTTP' | 'WEBSOCKET') {
  const RouteSelectionExpression = ProtocolType === 'WEBSOCKET' ? '$request.body.action' : undefined
  return probe.label((await probe.v2.send(new CreateApiCommand({Name: 'conformance', ProtocolType, RouteSelectionExpression}))).ApiId!, 'api')
}

async function createAuthorizer(probe: Probe, input: Omit<CreateAuthorizerCommandInput, 'IdentitySource'> & {IdentitySource?: string[]}) {
  const authorizer = await probe.v2.send(new CreateAuthorizerCommand({IdentitySource: ['$request.header.Authorization'], ...input}))
  probe.label(authorizer.AuthorizerId, 'authorizer')
  return authorizer
}

async function websocketRoute(probe: Probe) {
  const ApiId = await newApi(probe, 'WEBSOCKET')
  const route = await probe.v2.send(new CreateRouteCommand({ApiId, RouteKey: 'sendmessage'}))
  return {ApiId, RouteId: probe.label(route.RouteId!, 'route')}
}

export const v2Scenarios: Scenario[] = [
  {
    name: 'CreateAuthorizer (JWT) answers 201 with what was sent; GetAuthorizer shows the same',
    async run(probe) {
      const ApiId = await newApi(probe, 'HTTP')
      const created = await createAuthorizer(probe, {ApiId, Name: 'cognito', AuthorizerType: 'JWT', JwtConfiguration: JWT})
      const read = await probe.v2.send(new GetAuthorizerCommand({ApiId, AuthorizerId: created.AuthorizerId}))
      return {created: probe.observe(created), read: probe.observe(read)}
    },
  },
  {
    name: 'CreateAuthorizer, CreateRouteResponse and CreateIntegrationResponse answer 201',
    motoDiffers: 'moto answers 200 to all three',
    // The Version 2 API Reference documents 201 for each.
    aws: [201, 201, 201],
    async run(probe) {
      const ids = await websocketRoute(probe)
      const authorizer = await createAuthorizer(probe, {ApiId: ids.ApiId, Name: 'lambda', AuthorizerType: 'REQUEST', AuthorizerUri: LAMBDA_URI})
      const routeResponse = await probe.v2.send(new CreateRouteResponseCommand({...ids, RouteResponseKey: '$default'}))
      const integration = await probe.v2.send(new CreateIntegrationCommand({ApiId: ids.ApiId, IntegrationType: 'MOCK'}))
      const input = {ApiId: ids.ApiId, IntegrationId: integration.IntegrationId, IntegrationResponseKey: '$default'}
      const integrationResponse = await probe.v2.send(new CreateIntegrationResponseCommand(input))
      return [authorizer, routeResponse, integrationResponse].map(statusOf)
    },
  },
  {
    name: 'UpdateAuthorizer changes only the fields it is sent',
    async run(probe) {
      const ApiId = await newApi(probe, 'HTTP')
      const input = {ApiId, Name: 'lambda', AuthorizerType: 'REQUEST', AuthorizerUri: LAMBDA_URI, AuthorizerPayloadFormatVersion: '2.0'} as const
      const created = await createAuthorizer(probe, input)
      return probe.observe(await probe.v2.send(new UpdateAuthorizerCommand({ApiId, AuthorizerId: created.AuthorizerId, AuthorizerResultTtlInSeconds: 60})))
    },
  },
  {
    name: 'A REQUEST authorizer of an HTTP API without a payload format version is refused with 400',
    async run(probe) {
      const ApiId = await newApi(probe, 'HTTP')
      return probe.failure(createAuthorizer(probe, {ApiId, Name: 'lambda', AuthorizerType: 'REQUEST', AuthorizerUri: LAMBDA_URI}))
    },
  },
  {
    name: 'GetAuthorizer of an unknown id answers 404 naming the id',
    async run(probe) {
      const ApiId = await newApi(probe, 'HTTP')
      return probe.failure(probe.v2.send(new GetAuthorizerCommand({ApiId, AuthorizerId: 'zzzzzz'})))
    },
  },
  {
    name: 'DeleteAuthorizer refuses while a route uses the authorizer (409)',
    motoDiffers: 'moto deletes the authorizer and leaves the route pointing at it',
    // docs/aws-behaviour.md#an-authorizer-in-use-cannot-be-deleted
    aws: {error: 'ConflictException', status: 409, message: "Cannot delete authorizer 'cognito', is referenced in route: GET /orders"},
    async run(probe) {
      const ApiId = await newApi(probe, 'HTTP')
      const {AuthorizerId} = await createAuthorizer(probe, {ApiId, Name: 'cognito', AuthorizerType: 'JWT', JwtConfiguration: JWT})
      await probe.v2.send(new CreateRouteCommand({ApiId, RouteKey: 'GET /orders', AuthorizationType: 'JWT', AuthorizerId}))
      return probe.failure(probe.v2.send(new DeleteAuthorizerCommand({ApiId, AuthorizerId})))
    },
  },
  {
    name: 'A JWT route without a JWT authorizer is refused with 400',
    motoDiffers: 'moto creates the route',
    // docs/aws-behaviour.md#a-route-names-an-authorizer-of-its-type
    aws: {error: 'BadRequestException', status: 400, message: 'Invalid authorizer ID specified. Setting the authorization type to JWT requires a valid JWT authorizer.'},
    async run(probe) {
      const ApiId = await newApi(probe, 'HTTP')
      return probe.failure(probe.v2.send(new CreateRouteCommand({ApiId, RouteKey: 'GET /orders', AuthorizationType: 'JWT'})))
    },
  },
  {
    name: 'DeleteIntegration refuses while a route targets the integration (409)',
    motoDiffers: 'moto deletes the integration',
    // docs/aws-behaviour.md#an-integration-in-use-cannot-be-deleted
    aws: {error: 'ConflictException', status: 409, message: 'Cannot delete Integration because it is referenced by the following Routes with Ids: [<route>]'},
    async run(probe) {
      const ApiId = await newApi(probe, 'HTTP')
      const integration = await probe.v2.send(new CreateIntegrationCommand({ApiId, IntegrationType: 'HTTP_PROXY', IntegrationUri: 'https://example.com', IntegrationMethod: 'ANY', PayloadFormatVersion: '1.0'}))
      const route = await probe.v2.send(new CreateRouteCommand({ApiId, RouteKey: 'GET /orders', Target: `integrations/${integration.IntegrationId}`}))
      probe.label(route.RouteId, 'route')
      return probe.failure(probe.v2.send(new DeleteIntegrationCommand({ApiId, IntegrationId: integration.IntegrationId})))
    },
  },
  {
    name: 'CreateRouteResponse answers with what was sent; GetRouteResponse shows the same',
    async run(probe) {
      const ids = await websocketRoute(probe)
      const created = await probe.v2.send(new CreateRouteResponseCommand({...ids, RouteResponseKey: '$default', ModelSelectionExpression: '$request.body.type'}))
      probe.label(created.RouteResponseId, 'routeResponse')
      // moto 5.2.1 does not serve GetRouteResponses.
      const read = await probe.v2.send(new GetRouteResponseCommand({...ids, RouteResponseId: created.RouteResponseId}))
      return {created: probe.observe(created), read: probe.observe(read)}
    },
  },
  {
    name: 'GetRouteResponse of an unknown id answers 404 naming the id',
    async run(probe) {
      const ids = await websocketRoute(probe)
      return probe.failure(probe.v2.send(new GetRouteResponseCommand({...ids, RouteResponseId: 'zzzzzz'})))
    },
  },
  {
    name: 'CreateIntegrationResponse answers with what was sent',
    async run(probe) {
      const ApiId = await newApi(probe, 'WEBSOCKET')
      const integration = await probe.v2.send(new CreateIntegrationCommand({ApiId, IntegrationType: 'MOCK'}))
      const input = {ApiId, IntegrationId: integration.IntegrationId, IntegrationResponseKey: '$default', TemplateSelectionExpression: '\\$default'}
      const created = await probe.v2.send(new CreateIntegrationResponseCommand(input))
      probe.label(created.IntegrationResponseId, 'integrationResponse')
      return probe.observe(created)
    },
  },
  {
    name: 'A WebSocket integration that maps responses gets a response selection expression and passes unmapped bodies through',
    // docs/aws-behaviour.md#websocket-integration-defaults; moto leaves out the default PayloadFormatVersion, so it is sent.
    async run(probe) {
      const ApiId = await newApi(probe, 'WEBSOCKET')
      const sent = {ApiId, ConnectionType: 'INTERNET', PayloadFormatVersion: '1.0'} as const
      const mock = await probe.v2.send(new CreateIntegrationCommand({...sent, IntegrationType: 'MOCK'}))
      const lambda = await probe.v2.send(new CreateIntegrationCommand({...sent, IntegrationType: 'AWS', IntegrationUri: LAMBDA_URI, IntegrationMethod: 'POST'}))
      for (const integration of [mock, lambda]) probe.label(integration.IntegrationId, 'integration')
      return probe.observe([mock, lambda])
    },
  },
  {
    name: 'A second route with the same key is refused with 409',
    motoDiffers: 'moto creates the second route',
    // docs/aws-behaviour.md#http-api-route-keys
    aws: {error: 'ConflictException', status: 409, message: 'Route with key GET /orders already exists for this API'},
    async run(probe) {
      const ApiId = await newApi(probe, 'HTTP')
      await probe.v2.send(new CreateRouteCommand({ApiId, RouteKey: 'GET /orders'}))
      return probe.failure(probe.v2.send(new CreateRouteCommand({ApiId, RouteKey: 'GET /orders'})))
    },
  },
  {
    name: 'An HTTP API refuses an integration that is not a proxy',
    motoDiffers: 'moto creates a MOCK integration on an HTTP API',
    // docs/aws-behaviour.md#http-apis-take-only-proxy-integrations
    aws: {
      error: 'BadRequestException',
      status: 400,
      message: 'Currently, an API with a protocol type of HTTP may only be associated with proxy integrations (AWS_PROXY, HTTP_PROXY)',
    },
    async run(probe) {
      const ApiId = await newApi(probe, 'HTTP')
      return probe.failure(probe.v2.send(new CreateIntegrationCommand({ApiId, IntegrationType: 'MOCK'})))
    },
  },
]
