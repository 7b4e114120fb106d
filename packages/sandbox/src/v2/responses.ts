import type {SandboxContext} from '../context.js'
import {badRequest, conflict, empty, json, jsonBody, notFound, type Router} from '../http.js'
import {TABLES} from '../model.js'
import {childKey, requireApi, requireIntegration, requireRoute} from './lookup.js'
import {listPage, requireText, sentFields, toWire} from './wire.js'

/**
 * Route responses and integration responses: children of a WebSocket API's routes and
 * integrations, served alike. docs/aws-behaviour.md#route-and-integration-responses-are-for-websocket-apis
 */

interface ResponseKind {
  table: string
  /** The parents' collection in the path (`routes`) and a parent's name in messages (`Route`). */
  parents: string
  parentLabel: string
  /** The responses' collection in the path and a response's name in messages. */
  segment: string
  label: string
  parentField: string
  idField: string
  keyField: string
  fields: readonly string[]
  requireParent: (context: SandboxContext, apiId: string, parentId: string) => unknown
}

const ROUTE_RESPONSES: ResponseKind = {
  table: TABLES.v2RouteResponses,
  parents: 'routes',
  parentLabel: 'Route',
  segment: 'routeresponses',
  label: 'RouteResponse',
  parentField: 'routeId',
  idField: 'routeResponseId',
  keyField: 'routeResponseKey',
  fields: ['modelSelectionExpression', 'responseModels', 'responseParameters', 'routeResponseKey'],
  requireParent: requireRoute,
}

const INTEGRATION_RESPONSES: ResponseKind = {
  table: TABLES.v2IntegrationResponses,
  parents: 'integrations',
  parentLabel: 'Integration',
  segment: 'integrationresponses',
  label: 'IntegrationResponse',
  parentField: 'integrationId',
  idField: 'integrationResponseId',
  keyField: 'integrationResponseKey',
  fields: ['contentHandlingStrategy', 'integrationResponseKey', 'responseParameters', 'responseTemplates', 'templateSelectionExpression'],
  requireParent: requireIntegration,
}

type ResponseRecord = Record<string, unknown> & {apiId: string; createdDate: number}

const CONTENT_HANDLING = ['CONVERT_TO_BINARY', 'CONVERT_TO_TEXT']
const WIRE = {internal: ['apiId', 'createdDate'], dates: []}

/** Forgets a route's or an integration's responses, when it is deleted. */
function deleteResponsesOf(context: SandboxContext, kind: ResponseKind, apiId: string, parentId: string): void {
  for (const response of responsesOf(context, kind, apiId, parentId)) context.store.delete(kind.table, keyOf(kind, response))
}

export const deleteRouteResponses = (context: SandboxContext, apiId: string, routeId: string) => deleteResponsesOf(context, ROUTE_RESPONSES, apiId, routeId)
export const deleteIntegrationResponses = (context: SandboxContext, apiId: string, integrationId: string) =>
  deleteResponsesOf(context, INTEGRATION_RESPONSES, apiId, integrationId)

const keyOf = (kind: ResponseKind, response: ResponseRecord) => childKey(response.apiId, response[kind.parentField] as string, response[kind.idField] as string)
const responsesOf = (context: SandboxContext, kind: ResponseKind, apiId: string, parentId: string) =>
  context.store.withPrefix<ResponseRecord>(kind.table, `${childKey(apiId, parentId)}/`)

/** The request's own checks, made before anything is looked up. */
function checkShape(fields: Record<string, unknown>): void {
  const handling = fields.contentHandlingStrategy
  if (handling !== undefined && !CONTENT_HANDLING.includes(handling as string)) {
    throw badRequest(`Invalid content handling strategy specified: ${String(handling)}. Must be one of [${CONTENT_HANDLING.join(', ')}]`)
  }
}

/** The API, which must be a WebSocket API, and the parent the path names. */
function requireParent(context: SandboxContext, kind: ResponseKind, apiId: string, parentId: string): void {
  const api = requireApi(context, apiId)
  kind.requireParent(context, apiId, parentId)
  if (api.protocolType !== 'WEBSOCKET') throw badRequest(`${kind.label}s are supported only for WebSocket APIs`)
}

function requireResponse(context: SandboxContext, kind: ResponseKind, apiId: string, parentId: string, responseId: string): ResponseRecord {
  requireParent(context, kind, apiId, parentId)
  const response = context.store.get<ResponseRecord>(kind.table, childKey(apiId, parentId, responseId))
  if (!response) throw notFound(`Invalid ${kind.label} identifier specified ${responseId}`)
  return response
}

function checkKeyFree(context: SandboxContext, kind: ResponseKind, apiId: string, parentId: string, key: unknown): void {
  if (responsesOf(context, kind, apiId, parentId).some((response) => response[kind.keyField] === key)) {
    throw conflict(`${kind.label} with key ${String(key)} already exists for this ${kind.parentLabel}`)
  }
}

function registerKind(router: Router, context: SandboxContext, kind: ResponseKind): void {
  const collection = `/v2/apis/{apiId}/${kind.parents}/{parentId}/${kind.segment}`
  const wire = (response: ResponseRecord) => toWire(response, WIRE)

  router.add('POST', collection, (request, {apiId, parentId}) => {
    const body = jsonBody(request)
    const key = requireText(body, kind.keyField, 256)
    const fields = sentFields(body, kind.fields)
    checkShape(fields)
    requireParent(context, kind, apiId, parentId)
    checkKeyFree(context, kind, apiId, parentId, key)
    const response: ResponseRecord = {...fields, apiId, [kind.parentField]: parentId, [kind.idField]: context.newId(6), createdDate: context.clock.now()}
    return json(201, wire(context.store.put(kind.table, keyOf(kind, response), response)))
  })

  router.add('GET', collection, (request, {apiId, parentId}) => {
    requireParent(context, kind, apiId, parentId)
    return json(200, listPage(responsesOf(context, kind, apiId, parentId), (response) => response[kind.idField] as string, wire, request))
  })

  router.add('GET', `${collection}/{responseId}`, (_request, {apiId, parentId, responseId}) =>
    json(200, wire(requireResponse(context, kind, apiId, parentId, responseId))),
  )

  router.add('PATCH', `${collection}/{responseId}`, (request, {apiId, parentId, responseId}) => {
    const fields = sentFields(jsonBody(request), kind.fields)
    checkShape(fields)
    const response = requireResponse(context, kind, apiId, parentId, responseId)
    const key = fields[kind.keyField]
    if (key !== undefined && key !== response[kind.keyField]) checkKeyFree(context, kind, apiId, parentId, key)
    return json(200, wire(context.store.put(kind.table, keyOf(kind, response), {...response, ...fields})))
  })

  router.add('DELETE', `${collection}/{responseId}`, (_request, {apiId, parentId, responseId}) => {
    const response = requireResponse(context, kind, apiId, parentId, responseId)
    context.store.delete(kind.table, keyOf(kind, response))
    return empty(204)
  })
}

export function registerResponses(router: Router, context: SandboxContext): void {
  registerKind(router, context, ROUTE_RESPONSES)
  registerKind(router, context, INTEGRATION_RESPONSES)
}
