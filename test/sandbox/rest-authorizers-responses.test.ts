import {
  CreateAuthorizerCommand,
  CreateModelCommand,
  CreateRequestValidatorCommand,
  CreateRestApiCommand,
  DeleteAuthorizerCommand,
  DeleteGatewayResponseCommand,
  DeleteMethodCommand,
  GetAuthorizerCommand,
  GetAuthorizersCommand,
  GetGatewayResponseCommand,
  GetGatewayResponsesCommand,
  GetModelCommand,
  GetRequestValidatorCommand,
  GetRestApiCommand,
  PutGatewayResponseCommand,
  PutMethodCommand,
  TestInvokeAuthorizerCommand,
  UpdateAuthorizerCommand,
  UpdateGatewayResponseCommand,
  UpdateMethodCommand,
  UpdateRestApiCommand,
  type GatewayResponseType,
} from '@aws-sdk/client-api-gateway'
import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {controlFetch, sdkClients, startTestSandbox} from '../helpers/sandbox.js'
import {newApi as newApiOn, strip, useRestSandbox} from './rest-parts.js'
import {failure} from './sdk-failure.js'

const TEMPLATE = {'application/json': '{"message":$context.error.messageString}'}
const LAMBDA_URI = 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:auth/invocations'
const POOL = 'arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc'
const RESPONSE_TYPES =
  'REQUEST_TOO_LARGE, RESOURCE_NOT_FOUND, AUTHORIZER_CONFIGURATION_ERROR, MISSING_AUTHENTICATION_TOKEN, BAD_REQUEST_BODY, INVALID_SIGNATURE, INVALID_API_KEY, BAD_REQUEST_PARAMETERS, AUTHORIZER_FAILURE, UNAUTHORIZED, INTEGRATION_TIMEOUT, ACCESS_DENIED, DEFAULT_4XX, DEFAULT_5XX, WAF_FILTERED, QUOTA_EXCEEDED, THROTTLED, API_CONFIGURATION_ERROR, UNSUPPORTED_MEDIA_TYPE, INTEGRATION_FAILURE, EXPIRED_TOKEN'

describe('sandbox REST gateway responses, authorizers and resource policy', () => {
  const target = useRestSandbox()

  const newApi = () => newApiOn(target.rest)

  // docs/aws-behaviour.md#gateway-responses-and-their-defaults
  describe('gateway responses', () => {
    it('lists a default for every response type, by name, as AWS does', async () => {
      const {restApiId} = await newApi()
      const {items} = await target.rest.send(new GetGatewayResponsesCommand({restApiId}))
      expect(items!.map((item) => item.responseType)).toEqual([...RESPONSE_TYPES.split(', ')].sort())
      expect(items!.find((item) => item.responseType === 'ACCESS_DENIED')).toEqual({
        responseType: 'ACCESS_DENIED',
        statusCode: '403',
        responseParameters: {},
        responseTemplates: TEMPLATE,
        defaultResponse: true,
      })
      // The two family defaults have no status of their own.
      expect(items!.find((item) => item.responseType === 'DEFAULT_4XX')).not.toHaveProperty('statusCode')
    })

    it('puts, reads and deletes a customized response; deleting restores the default', async () => {
      const {restApiId} = await newApi()
      const put = await target.rest.send(
        new PutGatewayResponseCommand({
          restApiId,
          responseType: 'MISSING_AUTHENTICATION_TOKEN',
          statusCode: '404',
          responseParameters: {'gatewayresponse.header.x-request-header': 'method.request.header.Accept'},
        }),
      )
      expect(put.$metadata.httpStatusCode).toBe(201)
      const customized = {
        responseType: 'MISSING_AUTHENTICATION_TOKEN',
        statusCode: '404',
        responseParameters: {'gatewayresponse.header.x-request-header': 'method.request.header.Accept'},
        responseTemplates: TEMPLATE,
        defaultResponse: false,
      }
      expect(strip(put)).toEqual(customized)
      expect(strip(await target.rest.send(new GetGatewayResponseCommand({restApiId, responseType: 'MISSING_AUTHENTICATION_TOKEN'})))).toEqual(customized)
      expect((await target.rest.send(new DeleteGatewayResponseCommand({restApiId, responseType: 'MISSING_AUTHENTICATION_TOKEN'}))).$metadata.httpStatusCode).toBe(202)
      expect(strip(await target.rest.send(new GetGatewayResponseCommand({restApiId, responseType: 'MISSING_AUTHENTICATION_TOKEN'})))).toEqual({
        ...customized,
        statusCode: '403',
        responseParameters: {},
        defaultResponse: true,
      })
      expect(await failure(target.rest.send(new DeleteGatewayResponseCommand({restApiId, responseType: 'MISSING_AUTHENTICATION_TOKEN'})))).toEqual({
        name: 'NotFoundException',
        status: 404,
        message: 'Gateway response type not defined on api',
      })
    })

    it('lets a customized DEFAULT_5XX stand in for every 5XX type still at its default', async () => {
      const {restApiId} = await newApi()
      const parameters = {'gatewayresponse.header.x-family': "'5xx'"}
      await target.rest.send(new PutGatewayResponseCommand({restApiId, responseType: 'DEFAULT_5XX', statusCode: '599', responseParameters: parameters}))
      await target.rest.send(new PutGatewayResponseCommand({restApiId, responseType: 'AUTHORIZER_FAILURE', responseParameters: {'gatewayresponse.header.foo': "'bar'"}}))
      const {items} = await target.rest.send(new GetGatewayResponsesCommand({restApiId}))
      const byType = Object.fromEntries(items!.map((item) => [item.responseType, item]))
      expect(byType.INTEGRATION_FAILURE).toEqual({responseType: 'INTEGRATION_FAILURE', statusCode: '599', responseParameters: parameters, responseTemplates: TEMPLATE, defaultResponse: true})
      expect(byType.AUTHORIZER_FAILURE).toMatchObject({statusCode: '500', defaultResponse: false})
      expect(byType.ACCESS_DENIED).toMatchObject({statusCode: '403', responseParameters: {}})
    })

    it('checks the response type before the API, in the words of its enum', async () => {
      const message = `1 validation error detected: Value 'FAKE_RESPONSE_TYPE' at 'responseType' failed to satisfy constraint: Member must satisfy enum value set: [${RESPONSE_TYPES}]`
      const responseType = 'FAKE_RESPONSE_TYPE' as GatewayResponseType
      for (const command of [
        new GetGatewayResponseCommand({restApiId: 'fake-api-id', responseType}),
        new PutGatewayResponseCommand({restApiId: 'fake-api-id', responseType}),
        new DeleteGatewayResponseCommand({restApiId: 'fake-api-id', responseType}),
      ])
        expect(await failure(target.rest.send(command as GetGatewayResponseCommand))).toEqual({name: 'ValidationException', status: 400, message})
      expect(await failure(target.rest.send(new GetGatewayResponsesCommand({restApiId: 'fake-api-id'})))).toEqual({
        name: 'NotFoundException',
        status: 404,
        message: 'Invalid API identifier specified 123456789012:fake-api-id',
      })
    })

    it('patches a response from what it shows, as AWS checks each operation', async () => {
      const {restApiId} = await newApi()
      const update = (patchOperations: {op: string; path?: string; value?: string}[]) =>
        target.rest.send(new UpdateGatewayResponseCommand({restApiId, responseType: 'DEFAULT_4XX', patchOperations: patchOperations as never}))
      const updated = await update([
        {op: 'replace', path: '/statusCode', value: '444'},
        {op: 'add', path: '/responseTemplates/application~1xml', value: '<message>$context.error.messageString</message>'},
      ])
      expect(strip(updated)).toEqual({
        responseType: 'DEFAULT_4XX',
        statusCode: '444',
        responseParameters: {},
        responseTemplates: {...TEMPLATE, 'application/xml': '<message>$context.error.messageString</message>'},
        defaultResponse: false,
      })
      const refused = async (operation: {op: string; path?: string; value?: string}) => failure(update([operation]))
      expect(await refused({op: 'add', path: '/statusCode', value: '400'})).toEqual({name: 'BadRequestException', status: 400, message: 'Invalid patch path /statusCode'})
      expect(await refused({op: 'remove', path: '/statusCode'})).toEqual({name: 'BadRequestException', status: 400, message: 'Invalid patch path /statusCode'})
      expect(await refused({op: 'replace', path: '/wrongPath', value: 'x'})).toEqual({name: 'BadRequestException', status: 400, message: 'Invalid patch path /wrongPath'})
      expect(await refused({op: 'replace'})).toEqual({name: 'BadRequestException', status: 400, message: 'Invalid patch path null'})
      expect(await refused({op: 'replace', path: '/responseParameters/gatewayresponse.header.none', value: "'x'"})).toEqual({
        name: 'NotFoundException',
        status: 404,
        message: 'Invalid parameter name specified',
      })
      expect(await refused({op: 'add', path: '/responseParameters/gatewayresponse.header.x'})).toEqual({
        name: 'BadRequestException',
        status: 400,
        message: 'Invalid null or empty value in responseParameters',
      })
      expect(await refused({op: 'wrong-op', path: '/statusCode', value: '400'})).toEqual({
        name: 'ValidationException',
        status: 400,
        message:
          "1 validation error detected: Value 'wrong-op' at 'updateGatewayResponseInput.patchOperations.1.member.op' failed to satisfy constraint: Member must satisfy enum value set: [add, remove, move, test, replace, copy]",
      })
    })
  })

  // docs/aws-behaviour.md#authorizers-and-their-messages
  describe('authorizers', () => {
    it('creates, lists, updates and deletes authorizers of each type', async () => {
      const {restApiId} = await newApi()
      const token = await target.rest.send(new CreateAuthorizerCommand({restApiId, name: 'token', type: 'TOKEN', authorizerUri: LAMBDA_URI, identitySource: 'method.request.header.Authorization'}))
      expect(token.$metadata.httpStatusCode).toBe(201)
      expect(strip(token)).toEqual({
        id: expect.stringMatching(/^[a-z0-9]{6}$/),
        name: 'token',
        type: 'TOKEN',
        authorizerUri: LAMBDA_URI,
        identitySource: 'method.request.header.Authorization',
        authorizerResultTtlInSeconds: 300,
      })
      const pool = await target.rest.send(new CreateAuthorizerCommand({restApiId, name: 'pool', type: 'COGNITO_USER_POOLS', providerARNs: [POOL], identitySource: 'method.request.header.Authorization'}))
      expect((await target.rest.send(new GetAuthorizersCommand({restApiId}))).items!.map((authorizer) => authorizer.name)).toEqual(['token', 'pool'])
      expect(strip(await target.rest.send(new GetAuthorizerCommand({restApiId, authorizerId: pool.id})))).toEqual(strip(pool))
      const updated = await target.rest.send(
        new UpdateAuthorizerCommand({
          restApiId,
          authorizerId: token.id,
          patchOperations: [
            {op: 'replace', path: '/authorizerResultTtlInSeconds', value: '0'},
            {op: 'replace', path: '/name', value: 'renamed'},
          ],
        }),
      )
      expect(updated).toMatchObject({name: 'renamed', authorizerResultTtlInSeconds: 0})
      expect((await target.rest.send(new DeleteAuthorizerCommand({restApiId, authorizerId: token.id}))).$metadata.httpStatusCode).toBe(202)
      expect(await failure(target.rest.send(new GetAuthorizerCommand({restApiId, authorizerId: token.id})))).toEqual({
        name: 'NotFoundException',
        status: 404,
        message: 'Invalid Authorizer identifier specified',
      })
    })

    it('checks the input first, then answers a missing API as AWS oddly does', async () => {
      expect(await failure(target.rest.send(new CreateAuthorizerCommand({restApiId: 'test-fake-rest-id', name: 'a', type: 'TOKEN', authorizerUri: LAMBDA_URI})))).toEqual({
        name: 'ConflictException',
        status: 409,
        message: 'Unable to complete operation due to concurrent modification. Please try again later.',
      })
      expect(await failure(target.rest.send(new CreateAuthorizerCommand({restApiId: 'test-fake-rest-id', name: 'a', type: 'JWT' as 'TOKEN'})))).toEqual({
        name: 'ValidationException',
        status: 400,
        message: "1 validation error detected: Value 'JWT' at 'createAuthorizerInput.type' failed to satisfy constraint: Member must satisfy enum value set: [TOKEN, REQUEST, COGNITO_USER_POOLS]",
      })
      expect(await failure(target.rest.send(new GetAuthorizersCommand({restApiId: 'test-fake-rest-id'})))).toEqual({
        name: 'NotFoundException',
        status: 404,
        message: 'Invalid API identifier specified 123456789012:test-fake-rest-id',
      })
      const {restApiId} = await newApi()
      expect((await failure(target.rest.send(new CreateAuthorizerCommand({restApiId, name: 'a', type: 'REQUEST'})))).status).toBe(400)
      expect((await failure(target.rest.send(new CreateAuthorizerCommand({restApiId, name: 'a', type: 'COGNITO_USER_POOLS'})))).status).toBe(400)
    })

    it('lets CUSTOM and COGNITO_USER_POOLS methods use an authorizer of the right kind, and keeps one in use', async () => {
      const {restApiId, rootId} = await newApi()
      const invalid = {
        name: 'BadRequestException',
        status: 400,
        message: 'Invalid authorizer ID specified. Setting the authorization type to CUSTOM or COGNITO_USER_POOLS requires a valid authorizer.',
      }
      const token = await target.rest.send(new CreateAuthorizerCommand({restApiId, name: 'token', type: 'TOKEN', authorizerUri: LAMBDA_URI}))
      expect(await failure(target.rest.send(new PutMethodCommand({restApiId, resourceId: rootId, httpMethod: 'GET', authorizationType: 'COGNITO_USER_POOLS', authorizerId: token.id})))).toEqual(invalid)
      expect(await failure(target.rest.send(new PutMethodCommand({restApiId, resourceId: rootId, httpMethod: 'GET', authorizationType: 'CUSTOM'})))).toEqual(invalid)
      const method = await target.rest.send(new PutMethodCommand({restApiId, resourceId: rootId, httpMethod: 'GET', authorizationType: 'CUSTOM', authorizerId: token.id}))
      expect(method).toMatchObject({authorizationType: 'CUSTOM', authorizerId: token.id})
      expect(
        await failure(target.rest.send(new UpdateMethodCommand({restApiId, resourceId: rootId, httpMethod: 'GET', patchOperations: [{op: 'replace', path: '/authorizerId', value: 'nope00'}]}))),
      ).toEqual(invalid)
      expect(await failure(target.rest.send(new DeleteAuthorizerCommand({restApiId, authorizerId: token.id})))).toEqual({
        name: 'ConflictException',
        status: 409,
        message: "Cannot delete authorizer 'token', is referenced in method: //GET",
      })
      await target.rest.send(new DeleteMethodCommand({restApiId, resourceId: rootId, httpMethod: 'GET'}))
      expect((await target.rest.send(new DeleteAuthorizerCommand({restApiId, authorizerId: token.id}))).$metadata.httpStatusCode).toBe(202)
    })

    it('answers TestInvokeAuthorizer from the stub the control endpoint sets', async () => {
      const {restApiId} = await newApi()
      const token = await target.rest.send(new CreateAuthorizerCommand({restApiId, name: 'token', type: 'TOKEN', authorizerUri: LAMBDA_URI}))
      const invoke = () => target.rest.send(new TestInvokeAuthorizerCommand({restApiId, authorizerId: token.id, headers: {Authorization: 'allow'}}))
      const allowed = await invoke()
      expect(allowed).toMatchObject({clientStatus: 200, principalId: 'sandbox-user', latency: 0, authorization: {}})
      expect(JSON.parse(allowed.policy!)).toEqual({
        Version: '2012-10-17',
        Statement: [{Action: 'execute-api:Invoke', Effect: 'Allow', Resource: `arn:aws:execute-api:us-east-1:123456789012:${restApiId}/*`}],
      })
      const set = await controlFetch(target.sandbox, 'authorizer-stub', {method: 'PUT', body: JSON.stringify({clientStatus: 401, log: 'denied'})})
      expect(set.status).toBe(200)
      const denied = await invoke()
      expect(strip(denied)).toEqual({clientStatus: 401, log: 'denied', latency: 0, authorization: {}})
      expect((await controlFetch(target.sandbox, 'authorizer-stub', {method: 'PUT', body: JSON.stringify({allow: true})})).status).toBe(400)
      await controlFetch(target.sandbox, 'authorizer-stub', {method: 'PUT', body: '{}'})
      expect((await invoke()).clientStatus).toBe(200)
    })
  })

  it('keeps models, validators, gateway responses and authorizers across a restart on a state directory', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'apigw-parts-'))
    const first = await startTestSandbox({stateDir})
    const before = sdkClients(first.endpoint).rest
    const {restApiId} = await newApiOn(before)
    await before.send(new CreateModelCommand({restApiId, name: 'Pet', contentType: 'application/json', schema: '{"type": "object"}'}))
    const {id: validatorId} = await before.send(new CreateRequestValidatorCommand({restApiId, name: 'v'}))
    const {id: authorizerId} = await before.send(new CreateAuthorizerCommand({restApiId, name: 'token', type: 'TOKEN', authorizerUri: LAMBDA_URI}))
    await before.send(new PutGatewayResponseCommand({restApiId, responseType: 'THROTTLED', statusCode: '503'}))
    await first.stop()
    const second = await startTestSandbox({stateDir})
    try {
      const after = sdkClients(second.endpoint).rest
      expect((await after.send(new GetModelCommand({restApiId, modelName: 'Pet'}))).schema).toBe('{"type": "object"}')
      expect((await after.send(new GetRequestValidatorCommand({restApiId, requestValidatorId: validatorId}))).name).toBe('v')
      expect((await after.send(new GetAuthorizerCommand({restApiId, authorizerId}))).name).toBe('token')
      expect((await after.send(new GetGatewayResponseCommand({restApiId, responseType: 'THROTTLED'}))).statusCode).toBe('503')
    } finally {
      await second.stop()
    }
  })

  // docs/aws-behaviour.md#a-resource-policy-is-answered-escaped
  it('answers a resource policy minified and escaped, as AWS does', async () => {
    const policy = JSON.stringify(
      {Version: '2012-10-17', Statement: [{Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: '*', Condition: {IpAddress: {'aws:SourceIp': '10.0.0.0/8'}}}]},
      null,
      2,
    )
    const escaped =
      '{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[{\\"Effect\\":\\"Allow\\",\\"Principal\\":\\"*\\",\\"Action\\":\\"execute-api:Invoke\\",\\"Resource\\":\\"*\\",\\"Condition\\":{\\"IpAddress\\":{\\"aws:SourceIp\\":\\"10.0.0.0\\/8\\"}}}]}'
    const created = await target.rest.send(new CreateRestApiCommand({name: 'guarded', policy}))
    expect(created.policy).toBe(escaped)
    expect((await target.rest.send(new GetRestApiCommand({restApiId: created.id}))).policy).toBe(escaped)
    const replaced = await target.rest.send(new UpdateRestApiCommand({restApiId: created.id, patchOperations: [{op: 'replace', path: '/policy', value: '{"Version": "2012-10-17"}'}]}))
    expect(replaced.policy).toBe('{\\"Version\\":\\"2012-10-17\\"}')
  })
})
