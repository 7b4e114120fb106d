import type {SandboxContext} from '../context.js'
import {badRequest, empty, json, jsonBody, type Router} from '../http.js'
import {TABLES} from '../model.js'
import {createRoute, DEFAULT_ROUTE, updateRoute} from './api-routes.js'
import {autoDeploy} from './deployments.js'
import {createIntegration, updateIntegration, type IntegrationFields} from './integrations.js'
import {refuseV2ApiWhileMapped} from '../rest/stage-references.js'
import {checkedTags} from '../rest/tag-limits.js'
import {apiWire, CHILD_TABLES, childKey, integrationsOf, integrationTarget, requireApi, routesOf} from './lookup.js'
import type {ProtocolType, V2ApiRecord} from './records.js'
import {createStage, DEFAULT_STAGE} from './stages.js'
import {listPage, requireText, sentFields} from './wire.js'

/** Fields CreateApi and UpdateApi take as they are. */
const PLAIN_FIELDS = [
  'apiKeySelectionExpression',
  'corsConfiguration',
  'description',
  'disableExecuteApiEndpoint',
  'disableSchemaValidation',
  'ipAddressType',
  'name',
  'routeSelectionExpression',
  'version',
] as const

type ApiFields = Partial<Pick<V2ApiRecord, (typeof PLAIN_FIELDS)[number] | 'tags' | 'warnings'>>

interface QuickCreate {
  target?: string
  routeKey?: string
  credentialsArn?: string
}

const PROTOCOLS: ProtocolType[] = ['HTTP', 'WEBSOCKET']

/** Stores a new API with AWS's defaults (CreateApi and ImportApi). */
export function insertApi(context: SandboxContext, protocolType: ProtocolType, fields: ApiFields & {name: string}): V2ApiRecord {
  checkApiFields(protocolType, fields)
  const apiId = context.newId(10)
  const scheme = protocolType === 'HTTP' ? 'https' : 'wss'
  const api: V2ApiRecord = {
    apiId,
    apiEndpoint: `${scheme}://${apiId}.execute-api.${context.region}.amazonaws.com`,
    protocolType,
    routeSelectionExpression: '$request.method $request.path',
    apiKeySelectionExpression: '$request.header.x-api-key',
    disableExecuteApiEndpoint: false,
    ipAddressType: 'ipv4',
    tags: {},
    ...fields,
    createdDate: context.clock.now(),
  }
  return context.store.put(TABLES.v2Apis, apiId, api)
}

export function checkApiFields(protocolType: ProtocolType, fields: ApiFields): void {
  if (fields.name !== undefined) requireText(fields as Record<string, unknown>, 'name')
  if (protocolType === 'WEBSOCKET' && fields.corsConfiguration) throw badRequest('CorsConfiguration is supported only for HTTP APIs')
}

/** Forgets an API and everything under it. */
export function deleteApi(context: SandboxContext, apiId: string): void {
  for (const {table, idFields} of CHILD_TABLES) {
    for (const child of context.store.withPrefix<Record<string, string>>(table, `${apiId}/`)) {
      context.store.delete(table, childKey(apiId, ...idFields.map((field) => child[field])))
    }
  }
  context.store.delete(TABLES.v2Apis, apiId)
}

const QUICK_CREATE_FIELDS = ['target', 'routeKey', 'credentialsArn'] as const

/** The quick-create fields sent, refused on WebSocket APIs. */
function quickCreateFields(protocolType: ProtocolType, body: Record<string, unknown>): QuickCreate | undefined {
  const quick = sentFields(body, QUICK_CREATE_FIELDS) as QuickCreate
  if (Object.keys(quick).length === 0) return undefined
  if (protocolType !== 'HTTP') throw badRequest('Target, RouteKey and CredentialsArn (quick create) are supported only for HTTP APIs')
  return quick
}

/** A Lambda ARN becomes an AWS_PROXY integration, a URL an HTTP_PROXY one. */
function quickIntegration(target: string, credentialsArn: string | undefined): IntegrationFields & {integrationType: string} {
  const lambda = target.startsWith('arn:')
  return {
    integrationType: lambda ? 'AWS_PROXY' : 'HTTP_PROXY',
    integrationUri: target,
    integrationMethod: lambda ? 'POST' : 'ANY',
    payloadFormatVersion: lambda ? '2.0' : '1.0',
    credentialsArn,
  }
}

/** Quick create: an integration, a route to it and an auto-deploying `$default` stage, all managed by API Gateway. */
function quickCreate(context: SandboxContext, api: V2ApiRecord, quick: QuickCreate & {target: string}): void {
  const integration = createIntegration(context, api, {...quickIntegration(quick.target, quick.credentialsArn), apiGatewayManaged: true})
  createRoute(context, api, {routeKey: quick.routeKey ?? DEFAULT_ROUTE, target: integrationTarget(integration.integrationId), apiGatewayManaged: true})
  createStage(context, api.apiId, DEFAULT_STAGE, {autoDeploy: true, apiGatewayManaged: true})
}

/** UpdateApi's Target, RouteKey and CredentialsArn change what quick create made. */
function updateQuickCreated(context: SandboxContext, api: V2ApiRecord, quick: QuickCreate): void {
  const integration = integrationsOf(context, api.apiId).find((candidate) => candidate.apiGatewayManaged)
  const route = routesOf(context, api.apiId).find((candidate) => candidate.apiGatewayManaged)
  if (!integration || !route) throw badRequest('Target, RouteKey and CredentialsArn can be updated only on an API made by quick create')
  const credentialsArn = quick.credentialsArn ?? integration.credentialsArn
  const changes = quick.target === undefined ? {credentialsArn} : quickIntegration(quick.target, credentialsArn)
  updateIntegration(context, api, integration, changes)
  if (quick.routeKey !== undefined) updateRoute(context, api, route, {routeKey: quick.routeKey})
  autoDeploy(context, api.apiId)
}

export function registerApis(router: Router, context: SandboxContext): void {
  router.add('POST', '/v2/apis', (request) => {
    const body = jsonBody(request)
    const name = requireText(body, 'name')
    const protocolType = requireText(body, 'protocolType') as ProtocolType
    if (!PROTOCOLS.includes(protocolType)) throw badRequest('Invalid protocol specified. Must be one of [HTTP, WEBSOCKET]')
    if (protocolType === 'WEBSOCKET' && !body.routeSelectionExpression) throw badRequest('RouteSelectionExpression is required for WEBSOCKET APIs')
    const quick = quickCreateFields(protocolType, body)
    if (quick && quick.target === undefined) throw badRequest('RouteKey and CredentialsArn are part of quick create and need a Target')
    const fields = sentFields(body, [...PLAIN_FIELDS, 'tags']) as ApiFields
    if (fields.tags) checkedTags(fields.tags)
    const api = insertApi(context, protocolType, {...fields, name})
    if (quick?.target !== undefined) {
      try {
        quickCreate(context, api, {...quick, target: quick.target})
      } catch (error) {
        // Quick create is all or nothing.
        deleteApi(context, api.apiId)
        throw error
      }
    }
    return json(201, apiWire(api))
  })

  router.add('GET', '/v2/apis', (request) => {
    return json(200, listPage(context.store.all<V2ApiRecord>(TABLES.v2Apis), (api) => api.apiId, apiWire, request))
  })

  router.add('GET', '/v2/apis/{apiId}', (_request, {apiId}) => json(200, apiWire(requireApi(context, apiId))))

  router.add('PATCH', '/v2/apis/{apiId}', (request, {apiId}) => {
    const api = requireApi(context, apiId)
    const body = jsonBody(request)
    const fields = sentFields(body, PLAIN_FIELDS) as ApiFields
    checkApiFields(api.protocolType, fields)
    const quick = quickCreateFields(api.protocolType, body)
    if (quick) updateQuickCreated(context, api, quick)
    Object.assign(api, fields)
    context.store.put(TABLES.v2Apis, apiId, api)
    return json(200, apiWire(api))
  })

  router.add('DELETE', '/v2/apis/{apiId}', (_request, {apiId}) => {
    requireApi(context, apiId)
    refuseV2ApiWhileMapped(context, apiId)
    deleteApi(context, apiId)
    return empty(204)
  })
}
