import type {SandboxContext} from '../context.js'
import {badRequest, conflict, empty, json, jsonBody, type Router} from '../http.js'
import {TABLES} from '../model.js'
import {autoDeploy} from './deployments.js'
import {authorizersOf, authorizerWire, childKey, requireApi, requireAuthorizer, routesOf} from './lookup.js'
import type {V2ApiRecord, V2AuthorizerRecord, V2AuthorizerType} from './records.js'
import {listPage, requireText, sentFields} from './wire.js'

/**
 * Authorizers of HTTP and WebSocket APIs: JWT (HTTP only) and REQUEST (a Lambda function).
 * docs/aws-behaviour.md#version-2-authorizers
 */

const FIELDS = [
  'authorizerCredentialsArn',
  'authorizerPayloadFormatVersion',
  'authorizerResultTtlInSeconds',
  'authorizerType',
  'authorizerUri',
  'enableSimpleResponses',
  'identitySource',
  'identityValidationExpression',
  'jwtConfiguration',
  'name',
] as const

export type AuthorizerFields = Partial<Pick<V2AuthorizerRecord, (typeof FIELDS)[number]>>

const TYPES: V2AuthorizerType[] = ['REQUEST', 'JWT']
const PAYLOAD_FORMAT_VERSIONS = ['1.0', '2.0']
const MAX_TTL_SECONDS = 3600
/** Where a JWT authorizer reads the token: one header or query string parameter. */
const JWT_IDENTITY_SOURCE = /^\$request\.(header|querystring)\.\S+$/

/** What the request itself must hold, checked before the API is looked up. */
function checkShape(fields: AuthorizerFields): void {
  if (fields.authorizerType !== undefined && !TYPES.includes(fields.authorizerType)) {
    throw badRequest(`Invalid authorizer type specified: ${fields.authorizerType}. Must be one of [${TYPES.join(', ')}]`)
  }
  const ttl = fields.authorizerResultTtlInSeconds
  if (ttl !== undefined && (!Number.isInteger(ttl) || ttl < 0 || ttl > MAX_TTL_SECONDS)) {
    throw badRequest(`Invalid authorizer result TTL specified: ${ttl}. AuthorizerResultTtlInSeconds must be between 0 and ${MAX_TTL_SECONDS}`)
  }
}

/** The rules an authorizer must meet on its API, for a new one and for one after an update. */
function checkAuthorizer(api: V2ApiRecord, authorizer: AuthorizerFields & {authorizerType: V2AuthorizerType}): void {
  const http = api.protocolType === 'HTTP'
  if (authorizer.authorizerType === 'JWT') {
    if (!http) throw badRequest('JWT authorizers are supported only for HTTP APIs')
    if (!authorizer.jwtConfiguration) throw badRequest('JwtConfiguration is required for JWT authorizers')
    const sources = authorizer.identitySource ?? []
    if (sources.length !== 1 || !JWT_IDENTITY_SOURCE.test(sources[0])) {
      throw badRequest(`Invalid identity source specified: [${sources.join(', ')}]. A JWT authorizer takes one header or query string, such as $request.header.Authorization`)
    }
    return
  }
  if (!authorizer.authorizerUri) throw badRequest('AuthorizerUri is required for REQUEST authorizers')
  if (!http) return
  const version = authorizer.authorizerPayloadFormatVersion
  if (version === undefined) throw badRequest('AuthorizerPayloadFormatVersion is a required parameter for REQUEST authorizer')
  if (!PAYLOAD_FORMAT_VERSIONS.includes(version)) {
    throw badRequest(`Invalid authorizer payload format version specified: ${version}. Must be one of [${PAYLOAD_FORMAT_VERSIONS.join(', ')}]`)
  }
  if (authorizer.enableSimpleResponses && version !== '2.0') throw badRequest('EnableSimpleResponses is supported only for authorizer payload format version 2.0')
}

const save = (context: SandboxContext, authorizer: V2AuthorizerRecord) =>
  context.store.put(TABLES.v2Authorizers, childKey(authorizer.apiId, authorizer.authorizerId), authorizer)

/** Creates an authorizer after checking it (CreateAuthorizer, ImportApi). */
export function createAuthorizer(context: SandboxContext, api: V2ApiRecord, fields: AuthorizerFields & {name: string; authorizerType: V2AuthorizerType}): V2AuthorizerRecord {
  checkShape(fields)
  checkAuthorizer(api, fields)
  return save(context, {...fields, apiId: api.apiId, authorizerId: context.newId(6), createdDate: context.clock.now()})
}

export function registerAuthorizers(router: Router, context: SandboxContext): void {
  router.add('POST', '/v2/apis/{apiId}/authorizers', (request, {apiId}) => {
    const body = jsonBody(request)
    const name = requireText(body, 'name')
    const authorizerType = requireText(body, 'authorizerType') as V2AuthorizerType
    const fields = sentFields(body, FIELDS) as AuthorizerFields
    checkShape(fields)
    const authorizer = createAuthorizer(context, requireApi(context, apiId), {...fields, name, authorizerType})
    autoDeploy(context, apiId)
    return json(201, authorizerWire(authorizer))
  })

  router.add('GET', '/v2/apis/{apiId}/authorizers', (request, {apiId}) => {
    requireApi(context, apiId)
    return json(200, listPage(authorizersOf(context, apiId), (authorizer) => authorizer.authorizerId, authorizerWire, request))
  })

  router.add('GET', '/v2/apis/{apiId}/authorizers/{authorizerId}', (_request, {apiId, authorizerId}) =>
    json(200, authorizerWire(requireAuthorizer(context, apiId, authorizerId))),
  )

  router.add('PATCH', '/v2/apis/{apiId}/authorizers/{authorizerId}', (request, {apiId, authorizerId}) => {
    const fields = sentFields(jsonBody(request), FIELDS) as AuthorizerFields
    checkShape(fields)
    const api = requireApi(context, apiId)
    const updated = {...requireAuthorizer(context, apiId, authorizerId), ...fields}
    checkAuthorizer(api, updated)
    save(context, updated)
    autoDeploy(context, apiId)
    return json(200, authorizerWire(updated))
  })

  router.add('DELETE', '/v2/apis/{apiId}/authorizers/{authorizerId}', (_request, {apiId, authorizerId}) => {
    const authorizer = requireAuthorizer(context, apiId, authorizerId)
    // docs/aws-behaviour.md#an-authorizer-in-use-cannot-be-deleted
    const user = routesOf(context, apiId).find((route) => route.authorizerId === authorizerId)
    if (user) throw conflict(`Cannot delete authorizer '${authorizer.name}', is referenced in route: ${user.routeKey}`)
    context.store.delete(TABLES.v2Authorizers, childKey(apiId, authorizerId))
    autoDeploy(context, apiId)
    return empty(204)
  })
}
