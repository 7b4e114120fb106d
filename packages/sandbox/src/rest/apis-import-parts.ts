import type {SandboxContext} from '../context.js'
import {AwsServiceError} from '../http.js'
import type {AuthorizerRecord, RequestValidatorRecord, RestApiRecord} from '../model.js'
import {PART_ID_LENGTH} from './api-parts.js'
import {compact, nonEmpty} from './apis-store.js'
import {checkAuthorizer, DEFAULT_TTL_SECONDS} from './authorizers.js'
import {GATEWAY_RESPONSE_TYPES, newGatewayResponse} from './gateway-responses.js'
import type {ApiDefinition} from './openapi-import.js'

/**
 * What a definition says of an API's parts besides its paths (authorizers, request validators,
 * gateway responses, the resource policy, models' details), laid over the API: ImportRestApi and a
 * PutRestApi `overwrite` replace them (`replace`), a `merge` adds and replaces those named. Methods
 * of the definition that name an authorizer or validator get its id. Problems become import errors
 * or warnings. docs/aws-behaviour.md#openapi-carries-authorizers-validators-gateway-responses-and-policy
 */
export function applyDefinitionParts(context: SandboxContext, api: RestApiRecord, definition: ApiDefinition, replace: boolean): void {
  const authorizerIds = applyAuthorizers(context, api, definition, replace)
  const validatorIds = applyValidators(context, api, definition, replace)
  for (const {path, methods} of definition.paths) {
    for (const method of methods) {
      if (method.authorizerId !== undefined) {
        method.authorizerId = authorizerIds[method.authorizerId]
        if (method.authorizerId === undefined) method.authorizationType = 'NONE'
      }
      if (method.requestValidatorId === undefined) continue
      const id = validatorIds[method.requestValidatorId]
      if (id === undefined) definition.warnings.push(`Unable to find request validator '${method.requestValidatorId}' for '${method.httpMethod}' at path '${path}'; the method is left without one`)
      method.requestValidatorId = id
    }
  }
  const responses = Object.entries(definition.gatewayResponses).flatMap(([type, input]) => {
    if (GATEWAY_RESPONSE_TYPES.includes(type)) return [[type, newGatewayResponse(type, input)] as const]
    definition.warnings.push(`Unable to put gateway response '${type}': not a gateway response type`)
    return []
  })
  api.gatewayResponses = nonEmpty({...(replace ? {} : api.gatewayResponses), ...Object.fromEntries(responses)})
  api.policy = definition.policy ?? (replace ? undefined : api.policy)
  // A model the definition (re)defines keeps no details of an earlier one.
  const info = Object.entries(api.modelInfo ?? {}).filter(([name]) => !Object.hasOwn(definition.models, name) && Object.hasOwn(api.models ?? {}, name))
  api.modelInfo = nonEmpty(Object.fromEntries(info))
}

/** The definition's authorizers by name → id; a merge keeps the id of an authorizer of the same name. */
function applyAuthorizers(context: SandboxContext, api: RestApiRecord, definition: ApiDefinition, replace: boolean): Record<string, string> {
  const kept = replace ? [] : Object.values(api.authorizers ?? {})
  const ids: Record<string, string> = {}
  const added: AuthorizerRecord[] = []
  for (const [name, input] of Object.entries(definition.authorizers)) {
    const earlier = kept.find((authorizer) => authorizer.name === name)
    const authorizer = compact({
      ...input,
      id: earlier?.id ?? context.newId(PART_ID_LENGTH),
      authorizerResultTtlInSeconds: input.authorizerResultTtlInSeconds ?? DEFAULT_TTL_SECONDS,
      createdDate: earlier?.createdDate ?? context.clock.now(),
    }) as AuthorizerRecord
    try {
      checkAuthorizer(authorizer)
    } catch (error) {
      if (!(error instanceof AwsServiceError)) throw error
      definition.errors.push(`Unable to create authorizer '${name}': ${error.message}`)
      continue
    }
    ids[name] = authorizer.id
    added.push(authorizer)
  }
  const all = [...kept.filter((authorizer) => !Object.hasOwn(ids, authorizer.name)), ...added]
  api.authorizers = nonEmpty(Object.fromEntries(all.map((authorizer) => [authorizer.id, authorizer])))
  return ids
}

/** The definition's request validators by name → id; a merge keeps the id of a validator of the same name. */
function applyValidators(context: SandboxContext, api: RestApiRecord, definition: ApiDefinition, replace: boolean): Record<string, string> {
  const kept = replace ? [] : Object.values(api.requestValidators ?? {})
  const ids: Record<string, string> = {}
  const added: RequestValidatorRecord[] = Object.entries(definition.requestValidators).map(([name, flags]) => {
    const earlier = kept.find((validator) => validator.name === name)
    const validator = {id: earlier?.id ?? context.newId(PART_ID_LENGTH), name, ...flags, createdDate: earlier?.createdDate ?? context.clock.now()}
    ids[name] = validator.id
    return validator
  })
  const all = [...kept.filter((validator) => validator.name === undefined || !Object.hasOwn(ids, validator.name)), ...added]
  api.requestValidators = nonEmpty(Object.fromEntries(all.map((validator) => [validator.id, validator])))
  return ids
}
