import {
  CreateAuthorizerCommand,
  CreateModelCommand,
  CreateRequestValidatorCommand,
  CreateRestApiCommand,
  GetAuthorizerCommand,
  GetAuthorizersCommand,
  GetGatewayResponseCommand,
  GetModelCommand,
  GetRestApiCommand,
  type AuthorizerType,
} from '@aws-sdk/client-api-gateway'
import {statusOf, type Probe, type Scenario} from './probe.js'

// The parts of a REST API kept in its record: models, request validators, gateway responses,
// authorizers, the resource policy. moto serves authorizers as AWS does; its models have no
// defaults and other 404 wordings, its validators and gateway responses leave out what AWS answers.

const LAMBDA_URI = 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:auth/invocations'

async function createApi(probe: Probe, input: {name: string; policy?: string} = {name: 'parts'}) {
  const api = await probe.rest.send(new CreateRestApiCommand(input))
  probe.label(api.id, `api ${input.name}`)
  return api.id!
}

export const apiPartScenarios: Scenario[] = [
  {
    // docs/aws-behaviour.md#authorizers-and-their-messages
    name: 'CreateAuthorizer (TOKEN) answers 201 with the default TTL; GetAuthorizers and GetAuthorizer read it back; an unknown one is a 404',
    aws: {
      status: 201,
      created: {id: '<authorizer>', name: 'lambda', type: 'TOKEN', authorizerUri: LAMBDA_URI, identitySource: 'method.request.header.Authorization', authorizerResultTtlInSeconds: 300},
      listed: [{id: '<authorizer>', name: 'lambda', type: 'TOKEN', authorizerUri: LAMBDA_URI, identitySource: 'method.request.header.Authorization', authorizerResultTtlInSeconds: 300}],
      fetched: {id: '<authorizer>', name: 'lambda', type: 'TOKEN', authorizerUri: LAMBDA_URI, identitySource: 'method.request.header.Authorization', authorizerResultTtlInSeconds: 300},
      missing: {error: 'NotFoundException', status: 404, message: 'Invalid Authorizer identifier specified'},
    },
    async run(probe) {
      const restApiId = await createApi(probe)
      const created = await probe.rest.send(
        new CreateAuthorizerCommand({restApiId, name: 'lambda', type: 'TOKEN', authorizerUri: LAMBDA_URI, identitySource: 'method.request.header.Authorization'}),
      )
      probe.label(created.id, 'authorizer')
      const {items = []} = await probe.rest.send(new GetAuthorizersCommand({restApiId}))
      return {
        status: statusOf(created),
        created: probe.observe(created),
        listed: probe.observe(items),
        fetched: probe.observe(await probe.rest.send(new GetAuthorizerCommand({restApiId, authorizerId: created.id}))),
        missing: await probe.failure(probe.rest.send(new GetAuthorizerCommand({restApiId, authorizerId: 'nope00'}))),
      }
    },
  },
  {
    // docs/aws-behaviour.md#authorizers-and-their-messages
    name: 'CreateAuthorizer refuses a type outside its enum',
    aws: {
      error: 'ValidationException',
      status: 400,
      message: "1 validation error detected: Value 'JWT' at 'createAuthorizerInput.type' failed to satisfy constraint: Member must satisfy enum value set: [TOKEN, REQUEST, COGNITO_USER_POOLS]",
    },
    async run(probe) {
      const restApiId = await createApi(probe)
      return probe.failure(probe.rest.send(new CreateAuthorizerCommand({restApiId, name: 'jwt', type: 'JWT' as AuthorizerType})))
    },
  },
  {
    // docs/aws-behaviour.md#models-and-their-messages
    name: 'CreateModel answers the model with its schema as sent, and GetModel reads it back',
    async run(probe) {
      const restApiId = await createApi(probe)
      const created = await probe.rest.send(new CreateModelCommand({restApiId, name: 'Pet', contentType: 'application/json', description: 'a pet', schema: '{"type": "object"}'}))
      probe.label(created.id, 'model')
      const fetched = await probe.rest.send(new GetModelCommand({restApiId, modelName: 'Pet'}))
      return {status: statusOf(created), created: probe.observe(created), fetched: probe.observe(fetched)}
    },
  },
  {
    // docs/aws-behaviour.md#request-validators-and-their-messages
    name: 'CreateRequestValidator answers both flags, false unless set',
    motoDiffers: 'moto leaves out a flag that is false',
    aws: {id: '<validator>', name: 'body', validateRequestBody: true, validateRequestParameters: false},
    async run(probe) {
      const restApiId = await createApi(probe)
      const created = await probe.rest.send(new CreateRequestValidatorCommand({restApiId, name: 'body', validateRequestBody: true}))
      probe.label(created.id, 'validator')
      return probe.observe(created)
    },
  },
  {
    // docs/aws-behaviour.md#gateway-responses-and-their-defaults
    name: 'GetGatewayResponse of a type never customized answers its default',
    motoDiffers: "moto answers 404 'GatewayResponse not found'",
    aws: {responseType: 'THROTTLED', statusCode: '429', responseParameters: {}, responseTemplates: {'application/json': '{"message":$context.error.messageString}'}, defaultResponse: true},
    async run(probe) {
      const restApiId = await createApi(probe)
      return probe.rest.send(new GetGatewayResponseCommand({restApiId, responseType: 'THROTTLED'})).then(
        (response) => probe.observe(response),
        (error: Error) => ({error: error.name}),
      )
    },
  },
  {
    // docs/aws-behaviour.md#a-resource-policy-is-answered-escaped
    name: 'A resource policy comes back minified and escaped',
    motoDiffers: 'moto answers the policy as it was sent',
    aws: '{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[]}',
    async run(probe) {
      const restApiId = await createApi(probe, {name: 'guarded', policy: '{"Version": "2012-10-17", "Statement": []}'})
      return (await probe.rest.send(new GetRestApiCommand({restApiId}))).policy
    },
  },
]
