import YAML from 'yaml'
import {OPENAPI_INTEGRATION_KEY} from '../facts.js'
import {badRequest} from '../http.js'
import type {IntegrationFields} from './integrations.js'
import {integrationTarget} from './lookup.js'
import {readAuthorizers, readSecurity, routeSecurity, securitySchemes, type DefinedAuthorizer, type DefinedSecurity} from './openapi-authorizers.js'
import type {V2ApiRecord, V2AuthorizerRecord, V2Cors, V2IntegrationRecord, V2RouteRecord} from './records.js'
import {isObject, type Json} from './wire.js'

/** OpenAPI 3 definitions of HTTP APIs, with API Gateway's x-amazon-apigateway-* extensions, in and out. */

const EXTENSION_PREFIX = 'x-amazon-apigateway-'
const ANY_METHOD = 'x-amazon-apigateway-any-method'
const SHARED_INTEGRATIONS = 'x-amazon-apigateway-integrations'
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', ANY_METHOD]
const DEFAULT_PATH = '$default'
const IMPORTABLE_TYPES = ['AWS_PROXY', 'HTTP_PROXY']

/** x-amazon-apigateway-integration members and the integration fields they hold (besides `type`). */
const EXTENSION_FIELDS = {
  httpMethod: 'integrationMethod',
  uri: 'integrationUri',
  payloadFormatVersion: 'payloadFormatVersion',
  connectionType: 'connectionType',
  connectionId: 'connectionId',
  credentials: 'credentialsArn',
  timeoutInMillis: 'timeoutInMillis',
  integrationSubtype: 'integrationSubtype',
  description: 'description',
  requestParameters: 'requestParameters',
  responseParameters: 'responseParameters',
  tlsConfig: 'tlsConfig',
} as const satisfies Record<string, keyof V2IntegrationRecord>

export interface DefinedRoute {
  routeKey: string
  operationName?: string
  /** Routes that reference one shared integration ($ref) carry the same `shareKey`. */
  integration?: {shareKey: string; fields: IntegrationFields & {integrationType: string}}
  security?: DefinedSecurity
}

export interface ApiDefinition {
  name: string
  description?: string
  version?: string
  corsConfiguration?: V2Cors
  authorizers: DefinedAuthorizer[]
  routes: DefinedRoute[]
  warnings: string[]
}

/** Reads an OpenAPI 3 definition (JSON or YAML) into what ImportApi and ReimportApi build. */
export function parseDefinition(body: string): ApiDefinition {
  let document: unknown
  try {
    document = YAML.parse(body)
  } catch (error) {
    throw badRequest(`Invalid OpenAPI definition: ${(error as Error).message.split('\n')[0]}`)
  }
  if (!isObject(document)) throw badRequest('Invalid OpenAPI definition: the body must be a JSON or YAML object')
  if (typeof document.openapi !== 'string' || !document.openapi.startsWith('3.')) {
    throw badRequest('Invalid OpenAPI definition: only OpenAPI 3.0 definitions (openapi: 3.0.x) can be imported')
  }
  const info = isObject(document.info) ? document.info : {}
  if (typeof info.title !== 'string' || info.title === '') throw badRequest('Invalid OpenAPI definition: info.title is required; it becomes the API name')
  const warnings: string[] = []
  const routes: DefinedRoute[] = []
  const authorizers = readAuthorizers(document, warnings)
  const shared = isObject(document.components) && isObject(document.components[SHARED_INTEGRATIONS]) ? document.components[SHARED_INTEGRATIONS] : {}
  for (const [path, item] of Object.entries(isObject(document.paths) ? document.paths : {})) {
    if (!isObject(item)) continue
    for (const method of METHODS.filter((candidate) => isObject(item[candidate]))) {
      const operation = item[method] as Json
      const routeKey = path === DEFAULT_PATH ? DEFAULT_PATH : `${method === ANY_METHOD ? 'ANY' : method.toUpperCase()} ${path}`
      const integration = readIntegration(operation[OPENAPI_INTEGRATION_KEY], routeKey, shared, warnings)
      const security = readSecurity(operation, document.security, authorizers, routeKey, warnings)
      routes.push({routeKey, operationName: typeof operation.operationId === 'string' ? operation.operationId : undefined, integration, security})
    }
  }
  return {
    name: info.title,
    description: typeof info.description === 'string' ? info.description : undefined,
    version: info.version === undefined ? undefined : String(info.version),
    corsConfiguration: isObject(document[`${EXTENSION_PREFIX}cors`]) ? (document[`${EXTENSION_PREFIX}cors`] as V2Cors) : undefined,
    authorizers: [...authorizers.values()],
    routes,
    warnings,
  }
}

function readIntegration(extension: unknown, routeKey: string, shared: Json, warnings: string[]): DefinedRoute['integration'] {
  if (!isObject(extension)) return undefined
  let shareKey = routeKey
  if (typeof extension.$ref === 'string') {
    shareKey = extension.$ref
    const name = extension.$ref.split('/').at(-1)!
    extension = shared[name]
    if (!isObject(extension)) {
      warnings.push(`Unresolved integration reference ${shareKey} on route ${routeKey}; the route was imported without an integration`)
      return undefined
    }
  }
  const type = String(extension.type ?? '').toUpperCase()
  if (!IMPORTABLE_TYPES.includes(type)) {
    warnings.push(`Unsupported integration type ${String(extension.type)} on route ${routeKey}; the route was imported without an integration`)
    return undefined
  }
  const fields: Json = {integrationType: type}
  for (const [member, field] of Object.entries(EXTENSION_FIELDS)) {
    const value = extension[member]
    if (value !== undefined) fields[field] = field === 'timeoutInMillis' ? Number(value) : value
  }
  return {shareKey, fields: fields as IntegrationFields & {integrationType: string}}
}

export interface ExportOptions {
  stageName?: string
  includeExtensions: boolean
}

/** What an export is made of: the API's current routes, integrations and authorizers, or a deployment's. */
export interface ExportedContent {
  routes: V2RouteRecord[]
  integrations: V2IntegrationRecord[]
  authorizers: V2AuthorizerRecord[]
}

/** The OpenAPI 3.0 document ExportApi returns for this content. */
export function exportDefinition(api: V2ApiRecord, {routes, integrations, authorizers}: ExportedContent, options: ExportOptions): Json {
  const paths: Record<string, Json> = {}
  for (const route of [...routes].sort((a, b) => (a.routeKey < b.routeKey ? -1 : a.routeKey > b.routeKey ? 1 : 0))) {
    const [method, path] = route.routeKey === DEFAULT_PATH ? [ANY_METHOD, DEFAULT_PATH] : splitRouteKey(route.routeKey)
    const integration = integrations.find((candidate) => route.target === integrationTarget(candidate.integrationId))
    const security = routeSecurity(route, authorizers)
    const parameters = [...path.matchAll(/\{([^}]+)\}/g)].map(([, name]) => ({
      name,
      in: 'path',
      description: `Generated path parameter for ${name}`,
      required: true,
      schema: {type: 'string'},
    }))
    paths[path] ??= {}
    paths[path][method] = {
      ...(route.operationName && {operationId: route.operationName}),
      ...(parameters.length > 0 && {parameters}),
      ...(security && {security}),
      responses: {default: {description: `Default response for ${route.routeKey}`}},
      ...(integration && options.includeExtensions && {[OPENAPI_INTEGRATION_KEY]: integrationExtension(integration)}),
    }
  }
  const document: Json = {
    openapi: '3.0.1',
    info: {title: api.name, ...(api.description && {description: api.description}), version: api.version ?? versionStamp(api.createdDate)},
    ...(options.stageName !== undefined && {
      servers: [{url: `${api.apiEndpoint}/{basePath}`, variables: {basePath: {default: options.stageName === DEFAULT_PATH ? '' : options.stageName}}}],
    }),
    paths,
  }
  const schemes = securitySchemes(authorizers, options.includeExtensions)
  if (schemes) document.components = {securitySchemes: schemes}
  if (options.includeExtensions) {
    if (api.corsConfiguration) document[`${EXTENSION_PREFIX}cors`] = api.corsConfiguration
    document[`${EXTENSION_PREFIX}importexport-version`] = '1.0'
  }
  return document
}

function splitRouteKey(routeKey: string): [method: string, path: string] {
  const [method, path] = routeKey.split(' ', 2)
  return [method === 'ANY' ? ANY_METHOD : method.toLowerCase(), path]
}

function integrationExtension(integration: V2IntegrationRecord): Json {
  const extension: Json = {type: integration.integrationType.toLowerCase()}
  for (const [member, field] of Object.entries(EXTENSION_FIELDS)) if (integration[field] !== undefined) extension[member] = integration[field]
  return extension
}

/** AWS stamps exports of unversioned APIs with a date like `2024-05-01 12:00:00UTC`. */
const versionStamp = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ') + 'UTC'

export function serializeDefinition(document: Json, outputType: 'JSON' | 'YAML'): string {
  return outputType === 'JSON' ? JSON.stringify(document, null, 2) : YAML.stringify(document)
}
