import type {SandboxContext} from '../context.js'
import {badRequest, conflict, empty, json, jsonBody, type Router} from '../http.js'
import {TABLES} from '../model.js'
import {autoDeploy} from './deployments.js'
import {childKey, integrationsOf, integrationTarget, requireApi, requireRoute, routesOf, routeWire} from './lookup.js'
import type {V2ApiRecord, V2AuthorizerRecord, V2AuthorizerType, V2RouteRecord} from './records.js'
import {deleteRouteResponses} from './responses.js'
import {listPage, requireText, sentFields} from './wire.js'

/** The API's routes (not the sandbox's HTTP routing): CreateRoute, GetRoute(s), UpdateRoute, DeleteRoute. */

const FIELDS = [
  'apiKeyRequired',
  'authorizationScopes',
  'authorizationType',
  'authorizerId',
  'modelSelectionExpression',
  'operationName',
  'requestModels',
  'requestParameters',
  'routeKey',
  'routeResponseSelectionExpression',
  'target',
] as const

type RouteFields = Partial<Pick<V2RouteRecord, (typeof FIELDS)[number] | 'apiGatewayManaged'>>

export const DEFAULT_ROUTE = '$default'
const HTTP_ROUTE_KEY = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|ANY) \/\S*$/
/** A `{name+}` path variable followed by more path. */
const GREEDY_NOT_LAST = /\+\}./
const AUTHORIZATION_TYPES = {HTTP: ['NONE', 'AWS_IAM', 'CUSTOM', 'JWT'], WEBSOCKET: ['NONE', 'AWS_IAM', 'CUSTOM']}
/** The authorizer type each authorization type needs, and AWS's words when the route names none of that type. */
const NEEDS_AUTHORIZER: Record<string, {type: V2AuthorizerType; message: string}> = {
  JWT: {type: 'JWT', message: 'Invalid authorizer ID specified. Setting the authorization type to JWT requires a valid JWT authorizer.'},
  CUSTOM: {
    type: 'REQUEST',
    message: 'Invalid authorizer ID specified. Setting the authorization type to CUSTOM or COGNITO_USER_POOLS requires a valid authorizer.',
  },
}

/** Creates a route after checking its key and target; the caller auto-deploys. */
export function createRoute(context: SandboxContext, api: V2ApiRecord, fields: RouteFields & {routeKey: string}): V2RouteRecord {
  checkRouteKey(context, api, fields.routeKey)
  checkTarget(context, api.apiId, fields.target)
  const route: V2RouteRecord = {
    apiKeyRequired: false,
    authorizationType: 'NONE',
    ...fields,
    apiId: api.apiId,
    routeId: context.newId(7),
    createdDate: context.clock.now(),
  }
  checkAuthorization(context, api, route)
  return context.store.put(TABLES.v2Routes, childKey(api.apiId, route.routeId), route)
}

/** Applies plain fields to a route after the same checks as create; the caller auto-deploys. */
export function updateRoute(context: SandboxContext, api: V2ApiRecord, route: V2RouteRecord, fields: RouteFields): V2RouteRecord {
  if (fields.routeKey !== undefined && fields.routeKey !== route.routeKey) checkRouteKey(context, api, fields.routeKey)
  checkTarget(context, api.apiId, fields.target)
  const updated: V2RouteRecord = {...route, ...fields}
  checkAuthorization(context, api, updated)
  return context.store.put(TABLES.v2Routes, childKey(api.apiId, route.routeId), updated)
}

/** docs/aws-behaviour.md#http-api-route-keys */
function checkRouteKey(context: SandboxContext, api: V2ApiRecord, routeKey: string): void {
  if (api.protocolType === 'HTTP' && routeKey !== DEFAULT_ROUTE) {
    if (!HTTP_ROUTE_KEY.test(routeKey)) {
      throw badRequest(`Invalid route key specified: ${routeKey}. HTTP API route keys are $default or a method and a path, such as GET /pets`)
    }
    if (GREEDY_NOT_LAST.test(routeKey)) throw badRequest(`Invalid route key specified: ${routeKey}. A greedy path variable such as {proxy+} must end the path`)
  }
  if (routesOf(context, api.apiId).some((route) => route.routeKey === routeKey)) throw conflict(`Route with key ${routeKey} already exists for this API`)
}

/**
 * A JWT route needs a JWT authorizer of its API and a CUSTOM route a REQUEST one; any other
 * authorization type drops the route's authorizer. docs/aws-behaviour.md#a-route-names-an-authorizer-of-its-type
 */
function checkAuthorization(context: SandboxContext, api: V2ApiRecord, route: V2RouteRecord): void {
  const allowed = AUTHORIZATION_TYPES[api.protocolType]
  if (!allowed.includes(route.authorizationType)) {
    throw badRequest(`Invalid authorization type specified: ${route.authorizationType}. Must be one of [${allowed.join(', ')}] for ${api.protocolType} APIs`)
  }
  if (route.apiKeyRequired && api.protocolType === 'HTTP') throw badRequest('ApiKeyRequired is supported only for WebSocket APIs')
  const needs = NEEDS_AUTHORIZER[route.authorizationType]
  if (!needs) {
    delete route.authorizerId
    return
  }
  const authorizer = route.authorizerId && context.store.get<V2AuthorizerRecord>(TABLES.v2Authorizers, childKey(api.apiId, route.authorizerId))
  if (!authorizer || authorizer.authorizerType !== needs.type) throw badRequest(needs.message)
}

function checkTarget(context: SandboxContext, apiId: string, target: string | undefined): void {
  if (target === undefined) return
  const known = integrationsOf(context, apiId).some((integration) => integrationTarget(integration.integrationId) === target)
  if (!known) throw badRequest(`Invalid target specified: ${target}. A route's target must be integrations/<IntegrationId> for an integration of this API`)
}

/** The route fields a request sends, its authorization type checked before anything is looked up. */
function routeFields(body: Record<string, unknown>): RouteFields {
  const fields = sentFields(body, FIELDS) as RouteFields
  const type = fields.authorizationType
  if (type !== undefined && !AUTHORIZATION_TYPES.HTTP.includes(type)) {
    throw badRequest(`Invalid authorization type specified: ${type}. Must be one of [${AUTHORIZATION_TYPES.HTTP.join(', ')}]`)
  }
  return fields
}

export function registerApiRoutes(router: Router, context: SandboxContext): void {
  router.add('POST', '/v2/apis/{apiId}/routes', (request, {apiId}) => {
    // docs/aws-behaviour.md#version-2-requests-are-checked-before-lookups
    const body = jsonBody(request)
    const routeKey = requireText(body, 'routeKey', 1024)
    const fields = routeFields(body)
    const api = requireApi(context, apiId)
    const route = createRoute(context, api, {...fields, routeKey})
    autoDeploy(context, apiId)
    return json(201, routeWire(route))
  })

  router.add('GET', '/v2/apis/{apiId}/routes', (request, {apiId}) => {
    requireApi(context, apiId)
    return json(200, listPage(routesOf(context, apiId), (route) => route.routeId, routeWire, request))
  })

  router.add('GET', '/v2/apis/{apiId}/routes/{routeId}', (_request, {apiId, routeId}) =>
    json(200, routeWire(requireRoute(context, apiId, routeId))),
  )

  router.add('PATCH', '/v2/apis/{apiId}/routes/{routeId}', (request, {apiId, routeId}) => {
    const fields = routeFields(jsonBody(request))
    const api = requireApi(context, apiId)
    const current = requireRoute(context, apiId, routeId)
    // docs/aws-behaviour.md#quick-created-routes-and-integrations-are-managed
    if (current.apiGatewayManaged && fields.routeKey !== undefined && fields.routeKey !== current.routeKey) {
      throw badRequest(`The route key of route ${routeId} cannot be changed: API Gateway manages the route (quick create). Change it with UpdateApi's RouteKey`)
    }
    const route = updateRoute(context, api, current, fields)
    autoDeploy(context, apiId)
    return json(200, routeWire(route))
  })

  router.add('DELETE', '/v2/apis/{apiId}/routes/{routeId}', (_request, {apiId, routeId}) => {
    requireRoute(context, apiId, routeId)
    deleteRouteResponses(context, apiId, routeId)
    context.store.delete(TABLES.v2Routes, childKey(apiId, routeId))
    autoDeploy(context, apiId)
    return empty(204)
  })
}
