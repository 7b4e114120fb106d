import type {SandboxContext} from '../context.js'
import {badRequest, conflict, empty, json, jsonBody, type Router} from '../http.js'
import {TABLES} from '../model.js'
import {autoDeploy} from './deployments.js'
import {childKey, integrationsOf, integrationTarget, integrationWire, requireApi, requireIntegration, routesOf} from './lookup.js'
import type {V2ApiRecord, V2IntegrationRecord} from './records.js'
import {deleteIntegrationResponses} from './responses.js'
import {listPage, requireText, sentFields} from './wire.js'

const FIELDS = [
  'connectionId',
  'connectionType',
  'contentHandlingStrategy',
  'credentialsArn',
  'description',
  'integrationMethod',
  'integrationSubtype',
  'integrationType',
  'integrationUri',
  'passthroughBehavior',
  'payloadFormatVersion',
  'requestParameters',
  'requestTemplates',
  'responseParameters',
  'templateSelectionExpression',
  'timeoutInMillis',
  'tlsConfig',
] as const

export type IntegrationFields = Partial<Pick<V2IntegrationRecord, (typeof FIELDS)[number] | 'apiGatewayManaged'>>

const TYPES = {HTTP: ['AWS_PROXY', 'HTTP_PROXY'], WEBSOCKET: ['AWS', 'AWS_PROXY', 'HTTP', 'HTTP_PROXY', 'MOCK']}
const MAX_TIMEOUT_MS = {HTTP: 30000, WEBSOCKET: 29000}
const MIN_TIMEOUT_MS = 50
const NON_PROXY = ['AWS', 'HTTP', 'MOCK']

/**
 * A WebSocket integration that maps its response (AWS, HTTP, MOCK) picks it by status code, or for
 * Lambda (AWS) by error message, and passes unmapped bodies through.
 * docs/aws-behaviour.md#websocket-integration-defaults
 */
function websocketDefaults({integrationType: type, integrationUri}: IntegrationFields & {integrationType: string}): Partial<V2IntegrationRecord> {
  // A Lambda function is invoked with POST.
  const method = isLambda(type, integrationUri) ? {integrationMethod: 'POST'} : {}
  if (!NON_PROXY.includes(type)) return method
  const selection = type === 'AWS' ? '${integration.response.body.errorMessage}' : '${integration.response.statuscode}'
  return {...method, passthroughBehavior: 'WHEN_NO_MATCH', integrationResponseSelectionExpression: selection}
}

/** An AWS_PROXY integration, or an AWS one whose URI invokes a Lambda function. */
const isLambda = (type: string, uri: string | undefined) => type === 'AWS_PROXY' || (type === 'AWS' && uri !== undefined && LAMBDA_URI.test(uri))
const LAMBDA_URI = /^arn:[^:]+:(apigateway:[^:]*:lambda:path\/|lambda:)/

/** Creates an integration with AWS's defaults after checking it; the caller auto-deploys. */
export function createIntegration(context: SandboxContext, api: V2ApiRecord, fields: IntegrationFields & {integrationType: string}): V2IntegrationRecord {
  const http = api.protocolType === 'HTTP'
  const integration: V2IntegrationRecord = {
    connectionType: 'INTERNET',
    timeoutInMillis: MAX_TIMEOUT_MS[api.protocolType],
    payloadFormatVersion: '1.0',
    // HTTP APIs proxy: Lambda is invoked with POST, URLs with the client's own method.
    ...(http ? {integrationMethod: fields.integrationType === 'AWS_PROXY' ? 'POST' : 'ANY'} : websocketDefaults(fields)),
    ...fields,
    apiId: api.apiId,
    integrationId: context.newId(7),
    createdDate: context.clock.now(),
  }
  checkIntegration(api, integration)
  return context.store.put(TABLES.v2Integrations, childKey(api.apiId, integration.integrationId), integration)
}

/** Applies plain fields after the same checks as create; the caller auto-deploys. */
export function updateIntegration(context: SandboxContext, api: V2ApiRecord, integration: V2IntegrationRecord, fields: IntegrationFields): V2IntegrationRecord {
  const updated = {...integration, ...fields}
  checkIntegration(api, updated)
  return context.store.put(TABLES.v2Integrations, childKey(api.apiId, integration.integrationId), updated)
}

function checkIntegration(api: V2ApiRecord, integration: V2IntegrationRecord): void {
  const allowed = TYPES[api.protocolType]
  if (!allowed.includes(integration.integrationType)) {
    // docs/aws-behaviour.md#http-apis-take-only-proxy-integrations
    throw badRequest(
      api.protocolType === 'HTTP'
        ? `Currently, an API with a protocol type of HTTP may only be associated with proxy integrations (${allowed.join(', ')})`
        : `Invalid integration type specified: ${integration.integrationType}. Must be one of [${allowed.join(', ')}]`,
    )
  }
  checkConnection(integration)
  checkUri(integration)
  checkMethod(api, integration)
  checkTimeoutAndPayload(api, integration)
}

/** docs/aws-behaviour.md#websocket-integration-defaults */
function checkMethod(api: V2ApiRecord, {integrationType: type, integrationUri: uri, integrationMethod: method}: V2IntegrationRecord): void {
  if (api.protocolType === 'WEBSOCKET' && isLambda(type, uri) && method !== 'POST') {
    throw badRequest(`Invalid integration method specified: ${method}. A WebSocket API invokes a Lambda function with POST`)
  }
}

function checkUri({integrationType: type, integrationUri: uri, integrationSubtype, connectionType}: V2IntegrationRecord): void {
  // A MOCK calls nothing; an AWS service integration (AWS_PROXY with a subtype) names its action instead.
  if (type === 'MOCK' || (type === 'AWS_PROXY' && integrationSubtype !== undefined)) return
  if (!uri) throw badRequest(`IntegrationUri is required for integration type ${type}`)
  if (type === 'AWS_PROXY' && !uri.startsWith('arn:')) throw badRequest(`Invalid integration URI specified: ${uri}. AWS_PROXY integrations take a Lambda function ARN`)
  if (type === 'HTTP_PROXY' && connectionType === 'INTERNET' && !/^https?:\/\/\S+$/.test(uri)) {
    throw badRequest(`Invalid integration URI specified: ${uri}. HTTP_PROXY integrations take an http:// or https:// URL`)
  }
}

const CONNECTION_TYPES = ['INTERNET', 'VPC_LINK']

function checkConnectionType(connectionType: string): void {
  if (!CONNECTION_TYPES.includes(connectionType)) {
    throw badRequest(`Invalid connection type specified: ${connectionType}. Must be one of [${CONNECTION_TYPES.join(', ')}]`)
  }
}

/** A private integration (VPC_LINK) names its VPC link. */
function checkConnection({connectionType, connectionId}: V2IntegrationRecord): void {
  checkConnectionType(connectionType)
  if (connectionType === 'VPC_LINK' && !connectionId) throw badRequest('ConnectionId is required for VPC_LINK connections')
}

function checkTimeoutAndPayload(api: V2ApiRecord, {integrationType: type, timeoutInMillis: timeout, payloadFormatVersion: payload}: V2IntegrationRecord): void {
  const maxTimeout = MAX_TIMEOUT_MS[api.protocolType]
  if (!Number.isInteger(timeout) || timeout < MIN_TIMEOUT_MS || timeout > maxTimeout) {
    throw badRequest(`Invalid timeout specified: ${timeout}. TimeoutInMillis must be between ${MIN_TIMEOUT_MS} and ${maxTimeout}`)
  }
  // Only an HTTP API's Lambda proxy takes payload format 2.0. docs/aws-behaviour.md#websocket-integration-defaults
  const payloads = api.protocolType === 'HTTP' && type === 'AWS_PROXY' ? ['1.0', '2.0'] : ['1.0']
  if (!payloads.includes(payload!)) {
    throw badRequest(`Invalid payload format version specified: ${payload}. Must be one of [${payloads.join(', ')}] for ${type} integrations of ${api.protocolType} APIs`)
  }
}

/** The integration fields a request sends, its enums checked before anything is looked up. */
function integrationFields(body: Record<string, unknown>): IntegrationFields {
  const fields = sentFields(body, FIELDS) as IntegrationFields
  const type = fields.integrationType
  if (type !== undefined && !TYPES.WEBSOCKET.includes(type)) throw badRequest(`Invalid integration type specified: ${type}. Must be one of [${TYPES.WEBSOCKET.join(', ')}]`)
  if (fields.connectionType !== undefined) checkConnectionType(fields.connectionType)
  return fields
}

export function registerIntegrations(router: Router, context: SandboxContext): void {
  router.add('POST', '/v2/apis/{apiId}/integrations', (request, {apiId}) => {
    const body = jsonBody(request)
    const integrationType = requireText(body, 'integrationType')
    const fields = integrationFields(body)
    const api = requireApi(context, apiId)
    const integration = createIntegration(context, api, {...fields, integrationType})
    autoDeploy(context, apiId)
    return json(201, integrationWire(integration))
  })

  router.add('GET', '/v2/apis/{apiId}/integrations', (request, {apiId}) => {
    requireApi(context, apiId)
    return json(200, listPage(integrationsOf(context, apiId), (integration) => integration.integrationId, integrationWire, request))
  })

  router.add('GET', '/v2/apis/{apiId}/integrations/{integrationId}', (_request, {apiId, integrationId}) =>
    json(200, integrationWire(requireIntegration(context, apiId, integrationId))),
  )

  router.add('PATCH', '/v2/apis/{apiId}/integrations/{integrationId}', (request, {apiId, integrationId}) => {
    const fields = integrationFields(jsonBody(request))
    const api = requireApi(context, apiId)
    const integration = updateIntegration(context, api, requireIntegration(context, apiId, integrationId), fields)
    autoDeploy(context, apiId)
    return json(200, integrationWire(integration))
  })

  router.add('DELETE', '/v2/apis/{apiId}/integrations/{integrationId}', (_request, {apiId, integrationId}) => {
    const integration = requireIntegration(context, apiId, integrationId)
    // docs/aws-behaviour.md#quick-created-routes-and-integrations-are-managed
    if (integration.apiGatewayManaged) throw badRequest(`Integration ${integrationId} cannot be deleted: API Gateway manages it (quick create)`)
    // docs/aws-behaviour.md#an-integration-in-use-cannot-be-deleted
    const users = routesOf(context, apiId).filter((route) => route.target === integrationTarget(integrationId))
    if (users.length > 0) throw conflict(`Cannot delete Integration because it is referenced by the following Routes with Ids: [${users.map((route) => route.routeId).join(', ')}]`)
    deleteIntegrationResponses(context, apiId, integrationId)
    context.store.delete(TABLES.v2Integrations, childKey(apiId, integrationId))
    autoDeploy(context, apiId)
    return empty(204)
  })
}
