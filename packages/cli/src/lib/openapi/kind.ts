import {usageError} from '../errors.js'
import type {DefinitionFile} from './definition-file.js'
import {DEFAULT_ROUTE, INTEGRATION, isObject, objectAt, operationsOf, operationName, securitySchemesOf} from './shape.js'

/** The kinds of API an OpenAPI file can be imported as (WebSocket APIs have no OpenAPI import). */
export type ImportKind = 'rest' | 'http'

/** Features of a definition that only one kind of API has, described for people. */
export interface KindSignals {
  rest: string[]
  http: string[]
}

const EXTENSION = 'x-amazon-apigateway-'
/** API-level extensions only REST APIs read. */
const REST_API_EXTENSIONS = ['api-key-source', 'binary-media-types', 'minimum-compression-size', 'request-validators', 'gateway-responses', 'policy', 'documentation'].map((name) => EXTENSION + name)
/** API-level extensions only HTTP APIs read. */
const HTTP_API_EXTENSIONS = ['cors', 'importexport-version'].map((name) => EXTENSION + name)
/** Integration members only REST integrations have. */
const REST_INTEGRATION_MEMBERS = ['requestTemplates', 'responses', 'passthroughBehavior', 'contentHandling', 'cacheKeyParameters', 'cacheNamespace']
/** Integration members only HTTP API integrations have. */
const HTTP_INTEGRATION_MEMBERS = ['payloadFormatVersion', 'integrationSubtype']
/** Integration types HTTP APIs cannot import. */
const REST_INTEGRATION_TYPES = ['aws', 'http', 'mock']

/**
 * What in the document says REST or HTTP. The rules (docs/commands/apis.md, "apigw apis import"): Swagger 2.0,
 * non-proxy integrations (aws, http, mock), mapping templates, integration responses, API keys,
 * token and Cognito authorizers and REST-only API extensions say REST; payloadFormatVersion,
 * integration subtypes, shared integrations ($ref), the $default route, JWT authorizers and the
 * cors and importexport-version extensions say HTTP.
 */
export function kindSignals(definition: DefinitionFile): KindSignals {
  const {document} = definition
  const signals: KindSignals = {rest: [], http: []}
  if (definition.spec === 'swagger2') signals.rest.push('it is Swagger 2.0 (HTTP APIs import OpenAPI 3.0 only)')
  for (const key of Object.keys(document)) {
    if (REST_API_EXTENSIONS.includes(key)) signals.rest.push(key)
    if (HTTP_API_EXTENSIONS.includes(key)) signals.http.push(key)
  }
  if (isObject(objectAt(document.components)[`${EXTENSION}integrations`])) signals.http.push(`components.${EXTENSION}integrations`)
  for (const {path, method, operation} of operationsOf(document)) {
    const where = operationName(method, path)
    if (path === DEFAULT_ROUTE) signals.http.push('the $default route')
    const integration = objectAt(objectAt(operation)[INTEGRATION])
    if (typeof integration.$ref === 'string') signals.http.push(`a shared integration ($ref) on ${where}`)
    const type = String(integration.type ?? '').toLowerCase()
    if (REST_INTEGRATION_TYPES.includes(type)) signals.rest.push(`a ${type} integration on ${where}`)
    for (const member of REST_INTEGRATION_MEMBERS) if (member in integration) signals.rest.push(`integration ${member} on ${where}`)
    for (const member of HTTP_INTEGRATION_MEMBERS) if (member in integration) signals.http.push(`integration ${member} on ${where}`)
  }
  for (const [name, scheme] of Object.entries(securitySchemesOf(document))) {
    const {type, name: header} = objectAt(scheme)
    const authorizer = objectAt(objectAt(scheme)[`${EXTENSION}authorizer`])
    const authorizerType = String(authorizer.type ?? '').toLowerCase()
    if (type === 'apiKey' && String(header).toLowerCase() === 'x-api-key') signals.rest.push(`API keys (security scheme ${name})`)
    if (authorizerType === 'token' || authorizerType === 'cognito_user_pools') signals.rest.push(`a ${authorizerType} authorizer (${name})`)
    if (authorizerType === 'jwt' || 'authorizerPayloadFormatVersion' in authorizer) signals.http.push(`an HTTP API authorizer (${name})`)
  }
  return signals
}

/** The kind to create: --type when given, else what the document's signals say, if they agree. */
export function kindToCreate(definition: DefinitionFile, requested: ImportKind | undefined): ImportKind {
  const signals = kindSignals(definition)
  if (requested === 'http' && definition.spec === 'swagger2') {
    throw usageError(`${definition.path} is Swagger 2.0, and HTTP APIs import OpenAPI 3.0 only.`, ['Try: --type rest, or convert the file to OpenAPI 3.0'], 'UNSUPPORTED_OPENAPI_VERSION')
  }
  const kind = requested ?? evidentKind(signals)
  if (kind) return kind
  const why =
    signals.rest.length === 0
      ? 'it uses no API Gateway feature that only one kind has'
      : `it has REST-only features (${describe(signals.rest)}) and HTTP-only ones (${describe(signals.http)})`
  throw usageError(`Cannot tell whether ${definition.path} describes a REST or an HTTP API: ${why}.`, ['Try: --type rest, or --type http'], 'API_TYPE_REQUIRED')
}

/** Refuses to import into an API of the other kind what is clearly a definition of one kind. */
export function checkKindFits(definition: DefinitionFile, requested: ImportKind | undefined, api: {id: string; name: string; kind: ImportKind}): void {
  const signals = kindSignals(definition)
  const clearly = requested ?? evidentKind(signals)
  if (clearly === undefined || clearly === api.kind) return
  const because = requested ? `--type ${requested}` : describe(signals[clearly])
  throw usageError(`${definition.path} is a definition of ${article(clearly)} API (${because}), but "${api.name}" (${api.id}) is ${article(api.kind)} API.`, [
    `Try: apigw apis import ${definition.path} (without --api), to create a new ${kindLabel(clearly)} API`,
  ], 'API_TYPE_MISMATCH')
}

/** The kind the signals point to, when they all point one way. */
function evidentKind(signals: KindSignals): ImportKind | undefined {
  if (signals.rest.length > 0 && signals.http.length === 0) return 'rest'
  if (signals.http.length > 0 && signals.rest.length === 0) return 'http'
  return undefined
}

export const kindLabel = (kind: ImportKind) => (kind === 'rest' ? 'REST' : 'HTTP')
const article = (kind: ImportKind) => (kind === 'rest' ? 'a REST' : 'an HTTP')
const describe = (signals: string[]) => signals.slice(0, 2).join('; ') + (signals.length > 2 ? `; and ${signals.length - 2} more` : '')
