import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {
  CreateApiCommand,
  CreateAuthorizerCommand,
  CreateIntegrationCommand,
  CreateIntegrationResponseCommand,
  CreateRouteCommand,
  CreateRouteResponseCommand,
  DeleteApiCommand,
  DeleteIntegrationCommand,
  DeleteIntegrationResponseCommand,
  DeleteRouteCommand,
  DeleteRouteResponseCommand,
  GetAuthorizerCommand,
  GetIntegrationResponseCommand,
  GetIntegrationResponsesCommand,
  GetRouteResponseCommand,
  GetRouteResponsesCommand,
  UpdateIntegrationResponseCommand,
  UpdateRouteResponseCommand,
} from '@aws-sdk/client-apigatewayv2'
import {describe, expect, it} from 'vitest'
import {TABLES} from '../../packages/sandbox/src/model.js'
import {sdkClients, startTestSandbox} from '../helpers/sandbox.js'
import {failure} from './sdk-failure.js'
import {badRequest, notFound, v2Sandbox} from './v2-sandbox.js'

const env = v2Sandbox()


async function websocketRoute(client = env.v2) {
  const api = await client.send(new CreateApiCommand({Name: 'chat', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action'}))
  const route = await client.send(new CreateRouteCommand({ApiId: api.ApiId, RouteKey: 'sendmessage'}))
  return {ApiId: api.ApiId!, RouteId: route.RouteId!}
}

async function websocketIntegration() {
  const api = await env.v2.send(new CreateApiCommand({Name: 'chat', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action'}))
  const integration = await env.v2.send(new CreateIntegrationCommand({ApiId: api.ApiId, IntegrationType: 'MOCK'}))
  return {ApiId: api.ApiId!, IntegrationId: integration.IntegrationId!}
}

// docs/aws-behaviour.md#route-and-integration-responses-are-for-websocket-apis
describe('route responses', () => {
  it('CreateRouteResponse 201, Get, list, Update 200 and Delete 204', async () => {
    const ids = await websocketRoute()
    const created = await env.v2.send(new CreateRouteResponseCommand({...ids, RouteResponseKey: '$default', ModelSelectionExpression: '$request.body.type'}))
    expect(created.$metadata.httpStatusCode).toBe(201)
    const {$metadata, ...body} = created
    expect(body).toEqual({RouteResponseId: expect.stringMatching(/^[a-z0-9]{6}$/), RouteResponseKey: '$default', ModelSelectionExpression: '$request.body.type'})
    const RouteResponseId = created.RouteResponseId
    expect(await env.v2.send(new GetRouteResponseCommand({...ids, RouteResponseId}))).toMatchObject(body)
    expect((await env.v2.send(new GetRouteResponsesCommand(ids))).Items).toEqual([body])
    const updated = await env.v2.send(new UpdateRouteResponseCommand({...ids, RouteResponseId, ResponseModels: {'$default': 'Reply'}}))
    expect(updated).toMatchObject({RouteResponseKey: '$default', ResponseModels: {'$default': 'Reply'}})
    expect((await env.v2.send(new DeleteRouteResponseCommand({...ids, RouteResponseId}))).$metadata.httpStatusCode).toBe(204)
    expect(await failure(env.v2.send(new GetRouteResponseCommand({...ids, RouteResponseId})))).toEqual(notFound(`Invalid RouteResponse identifier specified ${RouteResponseId}`))
  })

  it('refuses a second response with the same key, a missing key, an unknown route and an HTTP API', async () => {
    const ids = await websocketRoute()
    await env.v2.send(new CreateRouteResponseCommand({...ids, RouteResponseKey: '$default'}))
    expect(await failure(env.v2.send(new CreateRouteResponseCommand({...ids, RouteResponseKey: '$default'})))).toEqual({
      name: 'ConflictException',
      status: 409,
      message: 'RouteResponse with key $default already exists for this Route',
    })
    expect(await failure(env.v2.send(new CreateRouteResponseCommand({...ids, RouteResponseKey: undefined})))).toEqual(badRequest('RouteResponseKey is required'))
    expect(await failure(env.v2.send(new GetRouteResponsesCommand({ApiId: ids.ApiId, RouteId: 'nothere'})))).toEqual(notFound('Invalid Route identifier specified nothere'))
    const http = await env.v2.send(new CreateApiCommand({Name: 'orders', ProtocolType: 'HTTP'}))
    const route = await env.v2.send(new CreateRouteCommand({ApiId: http.ApiId, RouteKey: 'GET /orders'}))
    expect(await failure(env.v2.send(new CreateRouteResponseCommand({ApiId: http.ApiId, RouteId: route.RouteId, RouteResponseKey: '$default'})))).toEqual(
      badRequest('RouteResponses are supported only for WebSocket APIs'),
    )
  })

  it('DeleteRoute and DeleteApi forget the responses under them', async () => {
    const ids = await websocketRoute()
    await env.v2.send(new CreateRouteResponseCommand({...ids, RouteResponseKey: '$default'}))
    await env.v2.send(new DeleteRouteCommand(ids))
    expect(env.sandbox.context.store.count(TABLES.v2RouteResponses)).toBe(0)
    const again = await websocketRoute()
    await env.v2.send(new CreateRouteResponseCommand({...again, RouteResponseKey: '$default'}))
    await env.v2.send(new DeleteApiCommand({ApiId: again.ApiId}))
    expect(env.sandbox.context.store.count(TABLES.v2RouteResponses)).toBe(0)
  })
})

describe('integration responses', () => {
  it('CreateIntegrationResponse 201, Get, list, Update 200 and Delete 204', async () => {
    const ids = await websocketIntegration()
    const created = await env.v2.send(
      new CreateIntegrationResponseCommand({...ids, IntegrationResponseKey: '/4\\d{2}/', ResponseTemplates: {'application/json': '{"error": true}'}}),
    )
    expect(created.$metadata.httpStatusCode).toBe(201)
    expect(created).toMatchObject({IntegrationResponseId: expect.stringMatching(/^[a-z0-9]{6}$/), IntegrationResponseKey: '/4\\d{2}/'})
    const IntegrationResponseId = created.IntegrationResponseId
    expect(await env.v2.send(new GetIntegrationResponseCommand({...ids, IntegrationResponseId}))).toMatchObject({ResponseTemplates: {'application/json': '{"error": true}'}})
    const updated = await env.v2.send(new UpdateIntegrationResponseCommand({...ids, IntegrationResponseId, ContentHandlingStrategy: 'CONVERT_TO_TEXT'}))
    expect(updated).toMatchObject({ContentHandlingStrategy: 'CONVERT_TO_TEXT', IntegrationResponseKey: '/4\\d{2}/'})
    expect((await env.v2.send(new GetIntegrationResponsesCommand(ids))).Items).toHaveLength(1)
    expect((await env.v2.send(new DeleteIntegrationResponseCommand({...ids, IntegrationResponseId}))).$metadata.httpStatusCode).toBe(204)
    expect(await failure(env.v2.send(new GetIntegrationResponseCommand({...ids, IntegrationResponseId})))).toEqual(
      notFound(`Invalid IntegrationResponse identifier specified ${IntegrationResponseId}`),
    )
  })

  it('checks the content handling strategy before looking anything up (docs/aws-behaviour.md#version-2-requests-are-checked-before-lookups)', async () => {
    const bad = new CreateIntegrationResponseCommand({
      ApiId: 'nothere',
      IntegrationId: 'nothere',
      IntegrationResponseKey: '$default',
      ContentHandlingStrategy: 'CONVERT_TO_JSON' as 'CONVERT_TO_TEXT',
    })
    expect(await failure(env.v2.send(bad))).toEqual(badRequest('Invalid content handling strategy specified: CONVERT_TO_JSON. Must be one of [CONVERT_TO_BINARY, CONVERT_TO_TEXT]'))
  })

  it('DeleteIntegration forgets its responses', async () => {
    const ids = await websocketIntegration()
    await env.v2.send(new CreateIntegrationResponseCommand({...ids, IntegrationResponseKey: '$default'}))
    await env.v2.send(new DeleteIntegrationCommand(ids))
    expect(env.sandbox.context.store.count(TABLES.v2IntegrationResponses)).toBe(0)
  })
})

describe('state', () => {
  it('authorizers and route and integration responses survive a restart, as every v2 record does', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'apigw-v2-responses-'))
    try {
      const first = await startTestSandbox({stateDir})
      const client = sdkClients(first.endpoint).v2
      const ids = await websocketRoute(client)
      const {ApiId} = ids
      const routeResponse = await client.send(new CreateRouteResponseCommand({...ids, RouteResponseKey: '$default'}))
      const {IntegrationId} = await client.send(new CreateIntegrationCommand({ApiId, IntegrationType: 'MOCK'}))
      const integrationResponse = await client.send(new CreateIntegrationResponseCommand({ApiId, IntegrationId, IntegrationResponseKey: '$default'}))
      const authorizer = await client.send(
        new CreateAuthorizerCommand({ApiId, Name: 'lambda', AuthorizerType: 'REQUEST', AuthorizerUri: 'arn:aws:lambda', IdentitySource: ['route.request.header.X']}),
      )
      await first.stop()
      const second = await startTestSandbox({stateDir})
      try {
        const reread = sdkClients(second.endpoint).v2
        expect((await reread.send(new GetRouteResponseCommand({...ids, RouteResponseId: routeResponse.RouteResponseId}))).RouteResponseKey).toBe('$default')
        const integrationResponseId = integrationResponse.IntegrationResponseId
        expect((await reread.send(new GetIntegrationResponseCommand({ApiId, IntegrationId, IntegrationResponseId: integrationResponseId}))).IntegrationResponseKey).toBe('$default')
        expect((await reread.send(new GetAuthorizerCommand({ApiId, AuthorizerId: authorizer.AuthorizerId}))).Name).toBe('lambda')
      } finally {
        await second.stop()
      }
    } finally {
      rmSync(stateDir, {recursive: true, force: true})
    }
  })
})
