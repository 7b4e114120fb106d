import type {SandboxContext} from '../context.js'
import {badRequest, json, jsonBody, type Router, type SandboxRequest} from '../http.js'
import {TABLES} from '../model.js'
import {createRoute} from './api-routes.js'
import {checkApiFields, deleteApi, insertApi} from './apis.js'
import {createAuthorizer} from './authorizers.js'
import {autoDeploy} from './deployments.js'
import {createIntegration} from './integrations.js'
import {apiWire, authorizersOf, childKey, integrationsOf, integrationTarget, requireApi, requireDeployment, requireStage, routesOf} from './lookup.js'
import {exportDefinition, parseDefinition, serializeDefinition, type ApiDefinition} from './openapi.js'
import type {DefinedSecurity} from './openapi-authorizers.js'
import type {V2ApiRecord, V2AuthorizerRecord} from './records.js'

const OUTPUT_TYPES = ['JSON', 'YAML'] as const

/** The definition in an ImportApi/ReimportApi request; with failOnWarnings=true any warning refuses it. */
function definitionOf(request: SandboxRequest): ApiDefinition {
  const body = jsonBody(request).body
  if (typeof body !== 'string' || body === '') throw badRequest('Body is required')
  const definition = parseDefinition(body)
  if (request.query.get('failOnWarnings') === 'true' && definition.warnings.length > 0) {
    throw badRequest(`Warnings found during import: ${definition.warnings.join('; ')}`)
  }
  return definition
}

const apiFieldsOf = (definition: ApiDefinition) => ({
  name: definition.name,
  description: definition.description,
  version: definition.version,
  corsConfiguration: definition.corsConfiguration,
  warnings: definition.warnings.length > 0 ? definition.warnings : undefined,
})

/** Creates the definition's authorizers, then its routes, one integration per operation or per shared ($ref) integration. */
function addRoutes(context: SandboxContext, api: V2ApiRecord, definition: ApiDefinition): void {
  const authorizers = new Map(definition.authorizers.map((fields) => [fields.name, createAuthorizer(context, api, fields)]))
  const sharedIntegrations = new Map<string, string>()
  for (const route of definition.routes) {
    let integrationId: string | undefined
    if (route.integration) {
      const {shareKey, fields} = route.integration
      integrationId = sharedIntegrations.get(shareKey) ?? createIntegration(context, api, fields).integrationId
      sharedIntegrations.set(shareKey, integrationId)
    }
    createRoute(context, api, {
      routeKey: route.routeKey,
      operationName: route.operationName,
      target: integrationId && integrationTarget(integrationId),
      ...authorizationOf(route.security, authorizers),
    })
  }
}

/** What a route's security requirement gives it: JWT with its scopes, or CUSTOM for a Lambda authorizer. */
function authorizationOf(security: DefinedSecurity | undefined, authorizers: Map<string, V2AuthorizerRecord>) {
  const authorizer = security && authorizers.get(security.scheme)
  if (!security || !authorizer) return {}
  return {
    authorizationType: authorizer.authorizerType === 'JWT' ? 'JWT' : 'CUSTOM',
    authorizerId: authorizer.authorizerId,
    ...(security.scopes.length > 0 && {authorizationScopes: security.scopes}),
  }
}

/** What a reimport replaces: each table with the field naming a record within its API. */
const REPLACED = [
  {table: TABLES.v2Routes, idField: 'routeId'},
  {table: TABLES.v2Integrations, idField: 'integrationId'},
  {table: TABLES.v2Authorizers, idField: 'authorizerId'},
] as const

const replacedOf = (context: SandboxContext, apiId: string) =>
  REPLACED.map(({table, idField}) => ({table, idField, records: context.store.withPrefix<Record<string, string>>(table, `${apiId}/`)}))

function removeReplaced(context: SandboxContext, apiId: string): void {
  for (const {table, idField, records} of replacedOf(context, apiId)) for (const record of records) context.store.delete(table, childKey(apiId, record[idField]))
}

/** Replaces an API's routes, integrations and authorizers, all or nothing. */
function replaceRoutes(context: SandboxContext, api: V2ApiRecord, definition: ApiDefinition): void {
  const before = replacedOf(context, api.apiId)
  removeReplaced(context, api.apiId)
  try {
    addRoutes(context, api, definition)
  } catch (error) {
    removeReplaced(context, api.apiId)
    for (const {table, idField, records} of before) for (const record of records) context.store.put(table, childKey(api.apiId, record[idField]), record)
    throw error
  }
}

/** A stage exports what it has deployed, not the API's latest state. */
function deployedContent(context: SandboxContext, apiId: string, stageName: string) {
  const stage = requireStage(context, apiId, stageName)
  if (!stage.deploymentId) throw badRequest(`Stage ${stageName} has no deployment to export`)
  const {routes, integrations, authorizers = []} = requireDeployment(context, apiId, stage.deploymentId)
  return {routes, integrations, authorizers}
}

function requireHttpApi(context: SandboxContext, apiId: string, operation: string): V2ApiRecord {
  const api = requireApi(context, apiId)
  if (api.protocolType !== 'HTTP') throw badRequest(`${operation} is supported only for HTTP APIs`)
  return api
}

export function registerImportExport(router: Router, context: SandboxContext): void {
  router.add('PUT', '/v2/apis', (request) => {
    const definition = definitionOf(request)
    const api = insertApi(context, 'HTTP', apiFieldsOf(definition))
    try {
      addRoutes(context, api, definition)
    } catch (error) {
      deleteApi(context, api.apiId)
      throw error
    }
    return json(201, apiWire(api))
  })

  router.add('PUT', '/v2/apis/{apiId}', (request, {apiId}) => {
    const api = requireHttpApi(context, apiId, 'ReimportApi')
    const definition = definitionOf(request)
    const fields = apiFieldsOf(definition)
    checkApiFields('HTTP', fields)
    replaceRoutes(context, api, definition)
    Object.assign(api, fields)
    context.store.put(TABLES.v2Apis, apiId, api)
    autoDeploy(context, apiId)
    return json(201, apiWire(api))
  })

  router.add('GET', '/v2/apis/{apiId}/exports/{specification}', (request, {apiId, specification}) => {
    const api = requireHttpApi(context, apiId, 'ExportApi')
    if (specification !== 'OAS30') throw badRequest(`Invalid specification specified: ${specification}. Must be one of [OAS30]`)
    const outputType = request.query.get('outputType') as (typeof OUTPUT_TYPES)[number]
    if (!OUTPUT_TYPES.includes(outputType)) throw badRequest(`Invalid outputType specified: ${outputType}. Must be one of [JSON, YAML]`)
    const exportVersion = request.query.get('exportVersion')
    if (exportVersion !== null && exportVersion !== '1.0') throw badRequest(`Invalid exportVersion specified: ${exportVersion}. Must be one of [1.0]`)
    const stageName = request.query.get('stageName') ?? undefined
    const content =
      stageName === undefined
        ? {routes: routesOf(context, apiId), integrations: integrationsOf(context, apiId), authorizers: authorizersOf(context, apiId)}
        : deployedContent(context, apiId, stageName)
    const includeExtensions = request.query.get('includeExtensions') !== 'false'
    const document = exportDefinition(api, content, {stageName, includeExtensions})
    return {
      status: 200,
      body: serializeDefinition(document, outputType),
      headers: {'content-type': outputType === 'JSON' ? 'application/json' : 'application/yaml'},
    }
  })
}
