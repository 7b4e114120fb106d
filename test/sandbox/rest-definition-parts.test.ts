import {
  CreateDeploymentCommand,
  GetAuthorizersCommand,
  GetExportCommand,
  GetGatewayResponseCommand,
  GetMethodCommand,
  GetModelsCommand,
  GetRequestValidatorsCommand,
  GetResourcesCommand,
  GetRestApiCommand,
  ImportRestApiCommand,
  PutRestApiCommand,
} from '@aws-sdk/client-api-gateway'
import {describe, expect, it} from 'vitest'
import {useRestSandbox} from './rest-parts.js'
import {failure} from './sdk-failure.js'

const LAMBDA_URI = 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:auth/invocations'
const POOL = 'arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc'
const POLICY = {Version: '2012-10-17', Statement: [{Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*'}]}
const mock = {type: 'mock', requestTemplates: {'application/json': '{"statusCode": 200}'}, responses: {default: {statusCode: '200'}}}

/** An OpenAPI 3 definition using every part an import carries. */
const DEFINITION = {
  openapi: '3.0.1',
  info: {title: 'guarded', version: '1'},
  'x-amazon-apigateway-request-validators': {all: {validateRequestBody: true, validateRequestParameters: true}, params: {validateRequestBody: false, validateRequestParameters: true}},
  'x-amazon-apigateway-request-validator': 'params',
  'x-amazon-apigateway-gateway-responses': {
    DEFAULT_4XX: {responseParameters: {'gatewayresponse.header.Access-Control-Allow-Origin': "'*'"}},
    MISSING_AUTHENTICATION_TOKEN: {statusCode: 404, responseTemplates: {'application/json': '{"message":"no such route"}'}},
  },
  'x-amazon-apigateway-policy': POLICY,
  paths: {
    '/pets': {
      get: {
        security: [{lambda: []}],
        responses: {'200': {description: 'ok', content: {'application/json': {schema: {$ref: '#/components/schemas/Pets'}}}}},
        'x-amazon-apigateway-integration': mock,
      },
      post: {
        security: [{pool: ['pets/write']}],
        'x-amazon-apigateway-request-validator': 'all',
        requestBody: {content: {'application/json': {schema: {$ref: '#/components/schemas/Pets'}}}},
        responses: {'200': {description: 'ok'}},
        'x-amazon-apigateway-integration': mock,
      },
    },
  },
  components: {
    schemas: {Pets: {type: 'array', items: {type: 'string'}}},
    securitySchemes: {
      lambda: {
        type: 'apiKey',
        name: 'Authorization',
        in: 'header',
        'x-amazon-apigateway-authtype': 'custom',
        'x-amazon-apigateway-authorizer': {type: 'token', authorizerUri: LAMBDA_URI, identitySource: 'method.request.header.Authorization', authorizerResultTtlInSeconds: 60},
      },
      pool: {
        type: 'apiKey',
        name: 'Authorization',
        in: 'header',
        'x-amazon-apigateway-authtype': 'cognito_user_pools',
        'x-amazon-apigateway-authorizer': {type: 'cognito_user_pools', providerARNs: [POOL]},
      },
    },
  },
}

const body = (document: unknown) => Buffer.from(JSON.stringify(document))

// docs/aws-behaviour.md#openapi-carries-authorizers-validators-gateway-responses-and-policy
describe('sandbox REST import and export of authorizers, validators, gateway responses, models and policy', () => {
  const target = useRestSandbox()

  /** Everything an API carries of its parts, ids replaced by names, to compare two APIs. */
  async function parts(restApiId: string) {
    const authorizers = (await target.rest.send(new GetAuthorizersCommand({restApiId}))).items!
    const validators = (await target.rest.send(new GetRequestValidatorsCommand({restApiId}))).items!
    const authorizerName = (id?: string) => authorizers.find((authorizer) => authorizer.id === id)?.name
    const validatorName = (id?: string) => validators.find((validator) => validator.id === id)?.name
    const pets = (await target.rest.send(new GetResourcesCommand({restApiId}))).items!.find((resource) => resource.path === '/pets')
    const method = async (httpMethod: string) => {
      if (!pets) return undefined
      const found = await target.rest.send(new GetMethodCommand({restApiId, resourceId: pets.id, httpMethod}))
      return {
        authorizationType: found.authorizationType,
        authorizer: authorizerName(found.authorizerId),
        scopes: found.authorizationScopes,
        validator: validatorName(found.requestValidatorId),
        requestModels: found.requestModels,
      }
    }
    const gatewayResponse = async (responseType: 'DEFAULT_4XX' | 'MISSING_AUTHENTICATION_TOKEN' | 'ACCESS_DENIED') => {
      const {$metadata, ...response} = await target.rest.send(new GetGatewayResponseCommand({restApiId, responseType}))
      return (void $metadata, response)
    }
    return {
      authorizers: authorizers.map(({id, ...authorizer}) => (void id, authorizer)),
      validators: validators.map(({id, ...validator}) => (void id, validator)),
      get: await method('GET'),
      post: await method('POST'),
      responses: [await gatewayResponse('DEFAULT_4XX'), await gatewayResponse('MISSING_AUTHENTICATION_TOKEN'), await gatewayResponse('ACCESS_DENIED')],
      models: (await target.rest.send(new GetModelsCommand({restApiId}))).items!.map((model) => [model.name, JSON.parse(model.schema!)]),
      policy: (await target.rest.send(new GetRestApiCommand({restApiId}))).policy,
    }
  }

  async function exported(restApiId: string, exportType: 'oas30' | 'swagger') {
    await target.rest.send(new CreateDeploymentCommand({restApiId, stageName: 'prod'}))
    const answer = await target.rest.send(new GetExportCommand({restApiId, stageName: 'prod', exportType, parameters: {extensions: 'apigateway'}, accepts: 'application/json'}))
    return JSON.parse(new TextDecoder().decode(answer.body))
  }

  it('imports what the definition says of them', async () => {
    const {id} = await target.rest.send(new ImportRestApiCommand({body: body(DEFINITION)}))
    const imported = await parts(id!)
    expect(imported.authorizers).toEqual([
      {name: 'lambda', type: 'TOKEN', authType: 'custom', authorizerUri: LAMBDA_URI, identitySource: 'method.request.header.Authorization', authorizerResultTtlInSeconds: 60},
      {name: 'pool', type: 'COGNITO_USER_POOLS', authType: 'cognito_user_pools', providerARNs: [POOL], authorizerResultTtlInSeconds: 300},
    ])
    expect(imported.validators).toEqual([
      {name: 'all', validateRequestBody: true, validateRequestParameters: true},
      {name: 'params', validateRequestBody: false, validateRequestParameters: true},
    ])
    expect(imported.get).toEqual({authorizationType: 'CUSTOM', authorizer: 'lambda', scopes: undefined, validator: 'params', requestModels: undefined})
    expect(imported.post).toEqual({authorizationType: 'COGNITO_USER_POOLS', authorizer: 'pool', scopes: ['pets/write'], validator: 'all', requestModels: {'application/json': 'Pets'}})
    expect(imported.responses).toEqual([
      {
        responseType: 'DEFAULT_4XX',
        responseParameters: {'gatewayresponse.header.Access-Control-Allow-Origin': "'*'"},
        responseTemplates: {'application/json': '{"message":$context.error.messageString}'},
        defaultResponse: false,
      },
      {responseType: 'MISSING_AUTHENTICATION_TOKEN', statusCode: '404', responseParameters: {}, responseTemplates: {'application/json': '{"message":"no such route"}'}, defaultResponse: false},
      // A 4XX type at its default shows the customized DEFAULT_4XX.
      {
        responseType: 'ACCESS_DENIED',
        statusCode: '403',
        responseParameters: {'gatewayresponse.header.Access-Control-Allow-Origin': "'*'"},
        responseTemplates: {'application/json': '{"message":$context.error.messageString}'},
        defaultResponse: true,
      },
    ])
    expect(imported.models).toEqual([['Pets', {type: 'array', items: {type: 'string'}}]])
    expect(JSON.parse(imported.policy!.replaceAll('\\"', '"').replaceAll('\\/', '/'))).toEqual(POLICY)
  })

  for (const exportType of ['oas30', 'swagger'] as const) {
    it(`keeps them through an ${exportType} export and a new import`, async () => {
      const {id} = await target.rest.send(new ImportRestApiCommand({body: body(DEFINITION)}))
      const document = await exported(id!, exportType)
      expect(document['x-amazon-apigateway-policy']).toEqual(POLICY)
      expect(document.paths['/pets'].post['x-amazon-apigateway-request-validator']).toBe('all')
      const again = await target.rest.send(new ImportRestApiCommand({body: body(document)}))
      expect(await parts(again.id!)).toEqual(await parts(id!))
    })
  }

  it('merges them into an API with PutRestApi, keeping the ids of those it names again', async () => {
    const {id} = await target.rest.send(new ImportRestApiCommand({body: body(DEFINITION)}))
    const before = (await target.rest.send(new GetAuthorizersCommand({restApiId: id}))).items!
    const merged = {
      ...DEFINITION,
      'x-amazon-apigateway-request-validators': {body: {validateRequestBody: true, validateRequestParameters: false}},
      'x-amazon-apigateway-request-validator': undefined,
      'x-amazon-apigateway-gateway-responses': undefined,
      'x-amazon-apigateway-policy': undefined,
      paths: {},
    }
    await target.rest.send(new PutRestApiCommand({restApiId: id, mode: 'merge', body: body(merged)}))
    expect((await target.rest.send(new GetAuthorizersCommand({restApiId: id}))).items).toEqual(before)
    expect((await target.rest.send(new GetRequestValidatorsCommand({restApiId: id}))).items!.map((validator) => validator.name)).toEqual(['all', 'params', 'body'])
    expect((await parts(id!)).responses[1]).toMatchObject({statusCode: '404', defaultResponse: false})
    await target.rest.send(new PutRestApiCommand({restApiId: id, mode: 'overwrite', body: body({...merged, components: {}})}))
    const overwritten = await parts(id!)
    expect(overwritten.authorizers).toEqual([])
    expect(overwritten.validators.map((validator) => validator.name)).toEqual(['body'])
    expect(overwritten.responses[1]).toMatchObject({statusCode: '403', defaultResponse: true})
    expect(overwritten.policy).toBeUndefined()
  })

  it('fails an import whose authorizer lacks what its type needs', async () => {
    const broken = structuredClone(DEFINITION)
    delete (broken.components.securitySchemes.lambda['x-amazon-apigateway-authorizer'] as {authorizerUri?: string}).authorizerUri
    const refused = await failure(target.rest.send(new ImportRestApiCommand({body: body(broken)})))
    expect(refused.status).toBe(400)
    expect(refused.message).toMatch(/^Errors found during import:\n\tUnable to create authorizer 'lambda': /)
    const jwt = structuredClone(DEFINITION)
    jwt.components.securitySchemes.pool['x-amazon-apigateway-authorizer'].type = 'jwt'
    expect((await failure(target.rest.send(new ImportRestApiCommand({body: body(jwt)})))).message).toBe(
      "Errors found during import:\n\tUnable to create authorizer 'pool': Invalid authorizer type specified: JWT",
    )
  })
})
