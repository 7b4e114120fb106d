import type {JsonObject, MethodRecord, RestApiRecord} from '../model.js'
import {nonEmpty} from './apis-store.js'
import {policyDocument} from './policy.js'

/**
 * What an export carries of an API's authorizers, request validators, gateway responses and
 * resource policy, in the OpenAPI extensions an import reads back.
 * docs/aws-behaviour.md#openapi-carries-authorizers-validators-gateway-responses-and-policy
 */

const HEADER_SOURCE = 'method.request.header.'

/** One security scheme per authorizer, named as it is; its `x-amazon-apigateway-*` members only with `extensions`. */
export function authorizerSchemes(api: RestApiRecord, extensions: boolean): JsonObject {
  return Object.fromEntries(
    Object.values(api.authorizers ?? {}).map((authorizer) => {
      const source = authorizer.identitySource
      const header = source?.startsWith(HEADER_SOURCE) && !source.includes(',') ? source.slice(HEADER_SOURCE.length) : 'Unused'
      const scheme: JsonObject = {type: 'apiKey', name: header, in: 'header'}
      if (extensions) {
        scheme['x-amazon-apigateway-authtype'] = authorizer.authType ?? (authorizer.type === 'COGNITO_USER_POOLS' ? 'cognito_user_pools' : 'custom')
        scheme['x-amazon-apigateway-authorizer'] = {
          type: authorizer.type.toLowerCase(),
          authorizerUri: authorizer.authorizerUri,
          authorizerCredentials: authorizer.authorizerCredentials,
          providerARNs: authorizer.providerARNs,
          identitySource: authorizer.identitySource,
          identityValidationExpression: authorizer.identityValidationExpression,
          authorizerResultTtlInSeconds: authorizer.authorizerResultTtlInSeconds,
        }
      }
      return [authorizer.name, scheme]
    }),
  )
}

/** A CUSTOM or COGNITO_USER_POOLS method's security requirement: its authorizer, with the scopes it asks for. */
export function authorizerSecurity(api: RestApiRecord, method: MethodRecord): JsonObject[] | undefined {
  const authorizer = method.authorizerId === undefined ? undefined : api.authorizers?.[method.authorizerId]
  if (!authorizer || (method.authorizationType !== 'CUSTOM' && method.authorizationType !== 'COGNITO_USER_POOLS')) return undefined
  return [{[authorizer.name]: method.authorizationScopes ?? []}]
}

/** The request validator a method names, by name (`x-amazon-apigateway-request-validator`). */
export const validatorName = (api: RestApiRecord, method: MethodRecord) =>
  method.requestValidatorId === undefined ? undefined : api.requestValidators?.[method.requestValidatorId]?.name

/** API-level extensions: request validators, customized gateway responses, the policy as JSON. */
export function apiPartExtensions(api: RestApiRecord): JsonObject {
  const validators = Object.values(api.requestValidators ?? {}).flatMap((validator) =>
    validator.name === undefined ? [] : [[validator.name, {validateRequestBody: validator.validateRequestBody, validateRequestParameters: validator.validateRequestParameters}]],
  )
  const responses = Object.entries(api.gatewayResponses ?? {}).map(([type, response]) => [
    type,
    {statusCode: response.statusCode, responseParameters: nonEmpty(response.responseParameters), responseTemplates: nonEmpty(response.responseTemplates)},
  ])
  return {
    'x-amazon-apigateway-request-validators': nonEmpty(Object.fromEntries(validators)),
    'x-amazon-apigateway-gateway-responses': nonEmpty(Object.fromEntries(responses)),
    'x-amazon-apigateway-policy': api.policy === undefined ? undefined : (policyDocument(api.policy) ?? api.policy),
  }
}
