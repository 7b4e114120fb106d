import {
  CreateApiCommand,
  CreateAuthorizerCommand,
  CreateRouteCommand,
  DeleteApiCommand,
  DeleteAuthorizerCommand,
  DeleteRouteCommand,
  GetAuthorizerCommand,
  GetAuthorizersCommand,
  UpdateAuthorizerCommand,
  UpdateRouteCommand,
  type CreateAuthorizerCommandInput,
} from '@aws-sdk/client-apigatewayv2'
import {describe, expect, it} from 'vitest'
import {TABLES} from '../../packages/sandbox/src/model.js'
import {failure} from './sdk-failure.js'
import {badRequest, conflict, v2Sandbox} from './v2-sandbox.js'

const env = v2Sandbox()


const LAMBDA_URI = 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:auth/invocations'
const JWT = {Issuer: 'https://issuer.example.com/', Audience: ['orders-app']}

const newApi = async (ProtocolType: 'HTTP' | 'WEBSOCKET' = 'HTTP') =>
  (await env.v2.send(new CreateApiCommand({Name: 'orders', ProtocolType, RouteSelectionExpression: ProtocolType === 'WEBSOCKET' ? '$request.body.action' : undefined})))
    .ApiId!
const jwtAuthorizer = (ApiId: string, Name = 'cognito') =>
  env.v2.send(new CreateAuthorizerCommand({ApiId, Name, AuthorizerType: 'JWT', IdentitySource: ['$request.header.Authorization'], JwtConfiguration: JWT}))
const lambdaAuthorizer = (ApiId: string, extra: Partial<CreateAuthorizerCommandInput> = {}) =>
  env.v2.send(
    new CreateAuthorizerCommand({
      ApiId,
      Name: 'lambda',
      AuthorizerType: 'REQUEST',
      AuthorizerUri: LAMBDA_URI,
      IdentitySource: ['$request.header.X-Token'],
      AuthorizerPayloadFormatVersion: '2.0',
      ...extra,
    }),
  )

// docs/aws-behaviour.md#version-2-authorizers
describe('CreateAuthorizer, GetAuthorizer(s), UpdateAuthorizer', () => {
  it('creates a JWT authorizer: 201 with what was sent, and nothing that was not', async () => {
    const apiId = await newApi()
    const created = await jwtAuthorizer(apiId)
    expect(created.$metadata.httpStatusCode).toBe(201)
    const {$metadata, ...body} = created
    expect(body).toEqual({
      AuthorizerId: expect.stringMatching(/^[a-z0-9]{6}$/),
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: JWT,
      Name: 'cognito',
    })
    expect(await env.v2.send(new GetAuthorizerCommand({ApiId: apiId, AuthorizerId: created.AuthorizerId}))).toMatchObject(body)
  })

  it('creates a REQUEST (Lambda) authorizer with its payload format, simple responses and TTL', async () => {
    const apiId = await newApi()
    const created = await lambdaAuthorizer(apiId, {EnableSimpleResponses: true, AuthorizerResultTtlInSeconds: 300})
    expect(created).toMatchObject({AuthorizerType: 'REQUEST', AuthorizerUri: LAMBDA_URI, AuthorizerPayloadFormatVersion: '2.0', EnableSimpleResponses: true, AuthorizerResultTtlInSeconds: 300})
    const updated = await env.v2.send(new UpdateAuthorizerCommand({ApiId: apiId, AuthorizerId: created.AuthorizerId, AuthorizerResultTtlInSeconds: 0, Name: 'renamed'}))
    expect(updated).toMatchObject({AuthorizerResultTtlInSeconds: 0, Name: 'renamed', AuthorizerUri: LAMBDA_URI})
  })

  it('refuses what AWS refuses, each in its own words', async () => {
    const http = await newApi()
    const websocket = await newApi('WEBSOCKET')
    // AWS's words, reported (terraform-provider-aws#15181), and moto's; the rest are the sandbox's.
    expect(await failure(lambdaAuthorizer(http, {AuthorizerPayloadFormatVersion: undefined}))).toEqual(
      badRequest('AuthorizerPayloadFormatVersion is a required parameter for REQUEST authorizer'),
    )
    expect(await failure(lambdaAuthorizer(http, {AuthorizerPayloadFormatVersion: '3.0'}))).toEqual(
      badRequest('Invalid authorizer payload format version specified: 3.0. Must be one of [1.0, 2.0]'),
    )
    expect(await failure(lambdaAuthorizer(http, {AuthorizerPayloadFormatVersion: '1.0', EnableSimpleResponses: true}))).toEqual(
      badRequest('EnableSimpleResponses is supported only for authorizer payload format version 2.0'),
    )
    expect(await failure(lambdaAuthorizer(http, {AuthorizerResultTtlInSeconds: 3601}))).toEqual(
      badRequest('Invalid authorizer result TTL specified: 3601. AuthorizerResultTtlInSeconds must be between 0 and 3600'),
    )
    expect(await failure(lambdaAuthorizer(http, {AuthorizerUri: undefined}))).toEqual(badRequest('AuthorizerUri is required for REQUEST authorizers'))
    expect(await failure(jwtAuthorizer(websocket))).toEqual(badRequest('JWT authorizers are supported only for HTTP APIs'))
    const noJwt = new CreateAuthorizerCommand({ApiId: http, Name: 'jwt', AuthorizerType: 'JWT', IdentitySource: ['$request.header.Authorization']})
    expect(await failure(env.v2.send(noJwt))).toEqual(badRequest('JwtConfiguration is required for JWT authorizers'))
    for (const IdentitySource of [[], ['$request.header.Authorization', '$request.querystring.token'], ['$context.identity.sourceIp']]) {
      const wrongSource = new CreateAuthorizerCommand({ApiId: http, Name: 'jwt', AuthorizerType: 'JWT', IdentitySource, JwtConfiguration: JWT})
      expect(await failure(env.v2.send(wrongSource))).toEqual(
        badRequest(`Invalid identity source specified: [${IdentitySource.join(', ')}]. A JWT authorizer takes one header or query string, such as $request.header.Authorization`),
      )
    }
    // A WebSocket REQUEST authorizer takes no payload format version.
    expect(await lambdaAuthorizer(websocket, {AuthorizerPayloadFormatVersion: undefined, IdentitySource: ['route.request.header.X-Token']})).toMatchObject({
      AuthorizerType: 'REQUEST',
    })
  })

  it('checks the request before looking the API up (docs/aws-behaviour.md#version-2-requests-are-checked-before-lookups)', async () => {
    const wrongType = new CreateAuthorizerCommand({ApiId: 'nothere', Name: 'x', AuthorizerType: 'TOKEN' as 'JWT', IdentitySource: []})
    expect(await failure(env.v2.send(wrongType))).toEqual(badRequest('Invalid authorizer type specified: TOKEN. Must be one of [REQUEST, JWT]'))
    expect(await failure(env.v2.send(new CreateAuthorizerCommand({ApiId: 'nothere', Name: undefined, AuthorizerType: 'JWT', IdentitySource: []})))).toEqual(
      badRequest('Name is required'),
    )
    expect(await failure(jwtAuthorizer('nothere'))).toMatchObject({name: 'NotFoundException', status: 404})
  })

  it('GetAuthorizers pages with NextToken, and an unknown id is a 404 in AWS words', async () => {
    const apiId = await newApi()
    for (const name of ['a', 'b', 'c']) await jwtAuthorizer(apiId, name)
    const first = await env.v2.send(new GetAuthorizersCommand({ApiId: apiId, MaxResults: '2'}))
    const second = await env.v2.send(new GetAuthorizersCommand({ApiId: apiId, MaxResults: '2', NextToken: first.NextToken}))
    expect([...first.Items!, ...second.Items!].map((authorizer) => authorizer.Name).sort()).toEqual(['a', 'b', 'c'])
    expect(second.NextToken).toBeUndefined()
    expect(await failure(env.v2.send(new GetAuthorizerCommand({ApiId: apiId, AuthorizerId: 'zzzzzz'})))).toEqual({
      name: 'NotFoundException',
      status: 404,
      message: 'Invalid Authorizer identifier specified zzzzzz',
    })
  })
})

// docs/aws-behaviour.md#a-route-names-an-authorizer-of-its-type
describe('route authorization', () => {
  it('a JWT route needs a JWT authorizer, a CUSTOM route a REQUEST one', async () => {
    const apiId = await newApi()
    const jwt = await jwtAuthorizer(apiId)
    const lambda = await lambdaAuthorizer(apiId)
    const route = (AuthorizationType: 'JWT' | 'CUSTOM', AuthorizerId?: string) =>
      env.v2.send(new CreateRouteCommand({ApiId: apiId, RouteKey: `GET /${AuthorizationType}${AuthorizerId ?? ''}`, AuthorizationType, AuthorizerId}))
    const jwtMessage = 'Invalid authorizer ID specified. Setting the authorization type to JWT requires a valid JWT authorizer.'
    const customMessage = 'Invalid authorizer ID specified. Setting the authorization type to CUSTOM or COGNITO_USER_POOLS requires a valid authorizer.'
    expect(await failure(route('JWT'))).toEqual(badRequest(jwtMessage))
    expect(await failure(route('JWT', lambda.AuthorizerId))).toEqual(badRequest(jwtMessage))
    expect(await failure(route('CUSTOM', 'nothere'))).toEqual(badRequest(customMessage))
    expect(await failure(route('CUSTOM', jwt.AuthorizerId))).toEqual(badRequest(customMessage))
    expect(await route('JWT', jwt.AuthorizerId)).toMatchObject({AuthorizationType: 'JWT', AuthorizerId: jwt.AuthorizerId})
    expect(await route('CUSTOM', lambda.AuthorizerId)).toMatchObject({AuthorizationType: 'CUSTOM', AuthorizerId: lambda.AuthorizerId})
  })

  it('UpdateRoute keeps the authorizer unless the authorization type changes, and NONE drops it', async () => {
    const apiId = await newApi()
    const jwt = await jwtAuthorizer(apiId)
    const route = await env.v2.send(new CreateRouteCommand({ApiId: apiId, RouteKey: 'GET /orders', AuthorizationType: 'JWT', AuthorizerId: jwt.AuthorizerId}))
    const renamed = await env.v2.send(new UpdateRouteCommand({ApiId: apiId, RouteId: route.RouteId, RouteKey: 'GET /orders/{id}'}))
    expect(renamed).toMatchObject({AuthorizationType: 'JWT', AuthorizerId: jwt.AuthorizerId})
    const open = await env.v2.send(new UpdateRouteCommand({ApiId: apiId, RouteId: route.RouteId, AuthorizationType: 'NONE'}))
    expect(open.AuthorizationType).toBe('NONE')
    expect(open.AuthorizerId).toBeUndefined()
  })

  it('checks the authorization type before looking the API up (docs/aws-behaviour.md#version-2-requests-are-checked-before-lookups)', async () => {
    const wrong = new CreateRouteCommand({ApiId: 'nothere', RouteKey: 'GET /x', AuthorizationType: 'COGNITO_USER_POOLS' as 'JWT'})
    expect(await failure(env.v2.send(wrong))).toEqual(badRequest('Invalid authorization type specified: COGNITO_USER_POOLS. Must be one of [NONE, AWS_IAM, CUSTOM, JWT]'))
  })

  it('refuses JWT on a WebSocket route and an API key on an HTTP route', async () => {
    const websocket = await newApi('WEBSOCKET')
    expect(await failure(env.v2.send(new CreateRouteCommand({ApiId: websocket, RouteKey: '$connect', AuthorizationType: 'JWT'})))).toEqual(
      badRequest('Invalid authorization type specified: JWT. Must be one of [NONE, AWS_IAM, CUSTOM] for WEBSOCKET APIs'),
    )
    expect(await env.v2.send(new CreateRouteCommand({ApiId: websocket, RouteKey: '$connect', ApiKeyRequired: true}))).toMatchObject({ApiKeyRequired: true})
    const http = await newApi()
    expect(await failure(env.v2.send(new CreateRouteCommand({ApiId: http, RouteKey: 'GET /x', ApiKeyRequired: true})))).toEqual(
      badRequest('ApiKeyRequired is supported only for WebSocket APIs'),
    )
  })
})

// docs/aws-behaviour.md#an-authorizer-in-use-cannot-be-deleted
describe('DeleteAuthorizer', () => {
  it('refuses while a route uses the authorizer, naming it and the route; then answers 204', async () => {
    const apiId = await newApi()
    const jwt = await jwtAuthorizer(apiId)
    const route = await env.v2.send(new CreateRouteCommand({ApiId: apiId, RouteKey: 'POST /orders', AuthorizationType: 'JWT', AuthorizerId: jwt.AuthorizerId}))
    expect(await failure(env.v2.send(new DeleteAuthorizerCommand({ApiId: apiId, AuthorizerId: jwt.AuthorizerId})))).toEqual(
      conflict("Cannot delete authorizer 'cognito', is referenced in route: POST /orders"),
    )
    await env.v2.send(new DeleteRouteCommand({ApiId: apiId, RouteId: route.RouteId}))
    expect((await env.v2.send(new DeleteAuthorizerCommand({ApiId: apiId, AuthorizerId: jwt.AuthorizerId}))).$metadata.httpStatusCode).toBe(204)
    expect((await env.v2.send(new GetAuthorizersCommand({ApiId: apiId}))).Items).toEqual([])
  })

  it('on the wire: 409, the kind in x-amzn-ErrorType and a body of only a lower-case message (docs/aws-behaviour.md#errors-carry-their-code-in-a-header)', async () => {
    const apiId = await newApi()
    const jwt = await jwtAuthorizer(apiId)
    await env.v2.send(new CreateRouteCommand({ApiId: apiId, RouteKey: 'GET /orders', AuthorizationType: 'JWT', AuthorizerId: jwt.AuthorizerId}))
    const response = await fetch(`${env.sandbox.endpoint}/v2/apis/${apiId}/authorizers/${jwt.AuthorizerId}`, {method: 'DELETE'})
    expect(response.status).toBe(409)
    expect(response.headers.get('x-amzn-errortype')).toBe('ConflictException')
    expect(await response.json()).toEqual({message: "Cannot delete authorizer 'cognito', is referenced in route: GET /orders"})
  })

  it('DeleteApi forgets its authorizers', async () => {
    const apiId = await newApi()
    await jwtAuthorizer(apiId)
    await env.v2.send(new DeleteApiCommand({ApiId: apiId}))
    expect(env.sandbox.context.store.count(TABLES.v2Authorizers)).toBe(0)
  })
})
