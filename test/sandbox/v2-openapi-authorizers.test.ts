import {
  CreateAuthorizerCommand,
  CreateDeploymentCommand,
  CreateStageCommand,
  ExportApiCommand,
  GetAuthorizersCommand,
  GetRoutesCommand,
  ImportApiCommand,
  ReimportApiCommand,
  type Authorizer,
} from '@aws-sdk/client-apigatewayv2'
import {describe, expect, it} from 'vitest'
import YAML from 'yaml'
import {failure} from './sdk-failure.js'
import {badRequest, v2Sandbox} from './v2-sandbox.js'

const env = v2Sandbox()

const LAMBDA_URI = 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:auth/invocations'
const BACKEND = {type: 'http_proxy', httpMethod: 'ANY', uri: 'https://backend.example.com', payloadFormatVersion: '1.0'}

/** An HTTP API definition with a JWT and a Lambda authorizer, as AWS's OpenAPI extensions write them. */
const DEFINITION = {
  openapi: '3.0.1',
  info: {title: 'orders', version: '1'},
  paths: {
    '/orders': {
      get: {security: [{cognito: ['orders/read']}], 'x-amazon-apigateway-integration': BACKEND},
      post: {security: [{lambda: []}], 'x-amazon-apigateway-integration': BACKEND},
    },
    '/health': {get: {'x-amazon-apigateway-integration': BACKEND}},
  },
  components: {
    securitySchemes: {
      cognito: {
        type: 'oauth2',
        flows: {},
        'x-amazon-apigateway-authorizer': {
          type: 'jwt',
          identitySource: '$request.header.Authorization',
          jwtConfiguration: {issuer: 'https://issuer.example.com/', audience: ['orders-app']},
        },
      },
      lambda: {
        type: 'apiKey',
        name: 'Unused',
        in: 'header',
        'x-amazon-apigateway-authorizer': {
          type: 'request',
          identitySource: '$request.header.X-Token, $request.querystring.tenant',
          authorizerUri: LAMBDA_URI,
          authorizerPayloadFormatVersion: '2.0',
          authorizerResultTtlInSeconds: 300,
          enableSimpleResponses: true,
        },
      },
    },
  },
}

const importApi = async (definition: object = DEFINITION, FailOnWarnings?: boolean) =>
  (await env.v2.send(new ImportApiCommand({Body: JSON.stringify(definition), FailOnWarnings}))).ApiId!

const authorizersOf = async (ApiId: string) => {
  const items = (await env.v2.send(new GetAuthorizersCommand({ApiId}))).Items!
  return Object.fromEntries(items.map(({AuthorizerId, ...rest}) => [rest.Name, rest])) as Record<string, Omit<Authorizer, 'AuthorizerId'>>
}

/** Each route's authorization, by route key, with the authorizer named instead of its id. */
async function authorizationOf(ApiId: string) {
  const names = Object.fromEntries((await env.v2.send(new GetAuthorizersCommand({ApiId}))).Items!.map((authorizer) => [authorizer.AuthorizerId, authorizer.Name]))
  const routes = (await env.v2.send(new GetRoutesCommand({ApiId}))).Items!
  return Object.fromEntries(
    routes.map((route) => [route.RouteKey, {type: route.AuthorizationType, authorizer: names[route.AuthorizerId ?? ''], scopes: route.AuthorizationScopes}]),
  )
}

async function exported(ApiId: string, StageName?: string) {
  const response = await env.v2.send(new ExportApiCommand({ApiId, Specification: 'OAS30', OutputType: 'JSON', StageName}))
  return JSON.parse(new TextDecoder().decode(response.body)) as Record<string, any>
}

// docs/aws-behaviour.md#http-api-authorizers-in-openapi
describe('ImportApi and ExportApi with authorizers', () => {
  it('imports jwt and request security schemes as authorizers, and security requirements as route authorization', async () => {
    const apiId = await importApi()
    expect(await authorizersOf(apiId)).toEqual({
      cognito: {
        Name: 'cognito',
        AuthorizerType: 'JWT',
        IdentitySource: ['$request.header.Authorization'],
        JwtConfiguration: {Issuer: 'https://issuer.example.com/', Audience: ['orders-app']},
      },
      lambda: {
        Name: 'lambda',
        AuthorizerType: 'REQUEST',
        IdentitySource: ['$request.header.X-Token', '$request.querystring.tenant'],
        AuthorizerUri: LAMBDA_URI,
        AuthorizerPayloadFormatVersion: '2.0',
        AuthorizerResultTtlInSeconds: 300,
        EnableSimpleResponses: true,
      },
    })
    expect(await authorizationOf(apiId)).toEqual({
      'GET /orders': {type: 'JWT', authorizer: 'cognito', scopes: ['orders/read']},
      'POST /orders': {type: 'CUSTOM', authorizer: 'lambda', scopes: undefined},
      'GET /health': {type: 'NONE', authorizer: undefined, scopes: undefined},
    })
  })

  it('exports them back, and a round trip through export and import keeps them', async () => {
    const apiId = await importApi()
    const document = await exported(apiId)
    expect(document.components.securitySchemes).toEqual(DEFINITION.components.securitySchemes)
    expect(document.paths['/orders'].get.security).toEqual([{cognito: ['orders/read']}])
    expect(document.paths['/orders'].post.security).toEqual([{lambda: []}])
    expect(document.paths['/health'].get.security).toBeUndefined()
    const copy = await importApi(document)
    expect(await authorizersOf(copy)).toEqual(await authorizersOf(apiId))
    expect(await authorizationOf(copy)).toEqual(await authorizationOf(apiId))
  })

  it('a stage exports the authorizers it deployed; ReimportApi replaces them', async () => {
    const apiId = await importApi()
    await env.v2.send(new CreateStageCommand({ApiId: apiId, StageName: 'prod'}))
    await env.v2.send(new CreateDeploymentCommand({ApiId: apiId, StageName: 'prod'}))
    const {components, ...withoutAuthorizers} = DEFINITION
    const paths = {'/health': DEFINITION.paths['/health']}
    await env.v2.send(new ReimportApiCommand({ApiId: apiId, Body: JSON.stringify({...withoutAuthorizers, paths})}))
    expect(await authorizersOf(apiId)).toEqual({})
    expect((await exported(apiId)).components).toBeUndefined()
    expect(Object.keys((await exported(apiId, 'prod')).components.securitySchemes)).toEqual(['cognito', 'lambda'])
  })

  it('an auto-deploying stage deploys a new authorizer at once, and exports it', async () => {
    const {components, ...withoutAuthorizers} = DEFINITION
    const apiId = await importApi({...withoutAuthorizers, paths: {'/health': DEFINITION.paths['/health']}})
    await env.v2.send(new CreateStageCommand({ApiId: apiId, StageName: '$default', AutoDeploy: true}))
    const jwt = {Issuer: 'https://issuer.example.com/'}
    await env.v2.send(new CreateAuthorizerCommand({ApiId: apiId, Name: 'cognito', AuthorizerType: 'JWT', IdentitySource: ['$request.header.Authorization'], JwtConfiguration: jwt}))
    expect(Object.keys((await exported(apiId, '$default')).components.securitySchemes)).toEqual(['cognito'])
  })

  it('warns of a scheme HTTP APIs cannot have and of a requirement naming no scheme', async () => {
    const definition = structuredClone(DEFINITION) as any
    definition.components.securitySchemes.legacy = {type: 'apiKey', name: 'Authorization', in: 'header', 'x-amazon-apigateway-authorizer': {type: 'token'}}
    definition.paths['/health'].get.security = [{missing: []}]
    const warnings = [
      'Unsupported authorizer type token in security scheme legacy; HTTP APIs take jwt and request authorizers',
      'Unknown security scheme missing on route GET /health; the route was imported without authorization',
    ]
    expect(await failure(env.v2.send(new ImportApiCommand({Body: YAML.stringify(definition), FailOnWarnings: true})))).toEqual(
      badRequest(`Warnings found during import: ${warnings.join('; ')}`),
    )
    const lenient = await env.v2.send(new ImportApiCommand({Body: YAML.stringify(definition)}))
    expect(lenient.Warnings).toEqual(warnings)
  })

  it('refuses an authorizer the API cannot have, importing nothing', async () => {
    const definition = structuredClone(DEFINITION) as any
    delete definition.components.securitySchemes.lambda['x-amazon-apigateway-authorizer'].authorizerPayloadFormatVersion
    expect(await failure(env.v2.send(new ImportApiCommand({Body: JSON.stringify(definition)})))).toEqual(
      badRequest('AuthorizerPayloadFormatVersion is a required parameter for REQUEST authorizer'),
    )
    expect(env.sandbox.context.store.count('v2Apis')).toBe(0)
  })
})
