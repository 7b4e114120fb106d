import type {ImportKind} from './kind.js'
import {INTEGRATION, isObject, objectAt, operationName, operationsOf, resolveRef, securitySchemesOf, type Json} from './shape.js'

export type FieldValue = string | number | boolean
/** What one operation means to API Gateway, as flat fields: "integration.uri" → "https://…". */
export type OperationFields = Record<string, FieldValue>
/** Operations by name ("GET /pets/{petId}"). */
export type NormalizedApi = Map<string, OperationFields>

/** Defaults AWS writes into exports that a file may leave out: dropped on both sides. */
const DEFAULT_TIMEOUT_MS: Record<ImportKind, number> = {rest: 29_000, http: 30_000}
const DEFAULT_AUTHORIZER_TTL_S = 300
/** Integration members that carry meaning; others (description, cacheNamespace, which AWS generates) do not count. */
const INTEGRATION_MEMBERS = [
  'type',
  'uri',
  'httpMethod',
  'payloadFormatVersion',
  'integrationSubtype',
  'connectionType',
  'connectionId',
  'credentials',
  'timeoutInMillis',
  'passthroughBehavior',
  'contentHandling',
  'requestParameters',
  'requestTemplates',
  'responses',
  'responseParameters',
  'cacheKeyParameters',
  'tlsConfig',
]
/** Authorization types as API Gateway names them, by x-amazon-apigateway-authorizer type. */
const AUTHORIZATION_TYPES: Record<string, string> = {token: 'CUSTOM', request: 'CUSTOM', cognito_user_pools: 'COGNITO_USER_POOLS', jwt: 'JWT'}
const PARAMETER_LOCATIONS = ['query', 'header']
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/

/**
 * An OpenAPI 3.0 or Swagger 2.0 document (a file, or AWS's export) reduced to what API Gateway
 * does with each operation, so that two documents meaning the same API come out equal however
 * they are ordered, formatted or versioned: paths and methods; query and header parameters (REST;
 * HTTP APIs keep none, and path parameters follow from the path); the integration; authorization,
 * the authorizer and its scopes; the API-key requirement and the request validator (REST). Defaults AWS writes on export
 * (passthroughBehavior when_no_match, the default timeout, connectionType INTERNET, payload format
 * 1.0 for HTTP proxies, a 300 s authorizer cache) are dropped, as are responses, models, servers and
 * version stamps.
 */
export function normalizeDefinition(document: Json, kind: ImportKind): NormalizedApi {
  const schemes = securitySchemesOf(document)
  const operations: NormalizedApi = new Map()
  for (const {path, method, operation, pathItem} of operationsOf(document)) {
    if (!isObject(operation)) continue
    const fields: OperationFields = {}
    if (kind === 'rest') Object.assign(fields, parameterFields(document, pathItem.parameters, operation.parameters))
    Object.assign(fields, securityFields(kind, schemes, Array.isArray(operation.security) ? operation.security : document.security))
    if (kind === 'rest') Object.assign(fields, validatorFields(document, operation))
    const integration = resolveRef(document, operation[INTEGRATION])
    if (isObject(integration)) Object.assign(fields, integrationFields(integration, kind))
    operations.set(operationName(method, path.length > 1 ? path.replace(/\/+$/, '') : path), fields)
  }
  return operations
}

/** Query and header parameters (path level, overridden by the operation's), required or optional. */
function parameterFields(document: Json, pathLevel: unknown, operationLevel: unknown): OperationFields {
  const fields: OperationFields = {}
  for (const raw of [...(Array.isArray(pathLevel) ? pathLevel : []), ...(Array.isArray(operationLevel) ? operationLevel : [])]) {
    const parameter = objectAt(resolveRef(document, raw))
    const location = String(parameter.in)
    if (!PARAMETER_LOCATIONS.includes(location) || typeof parameter.name !== 'string') continue
    // Header names are case-insensitive.
    const name = location === 'header' ? parameter.name.toLowerCase() : parameter.name
    fields[`parameters.${location}${member(name)}`] = parameter.required === true ? 'required' : 'optional'
  }
  return fields
}

/**
 * Authorization as API Gateway applies it: IAM (a sigv4 scheme), an authorizer (by its name, which
 * AWS keeps) with its scopes and settings, or NONE; and for REST, whether an API key is required.
 * Scheme names that AWS renames on export (api_key, sigv4) do not count.
 */
function securityFields(kind: ImportKind, schemes: Json, requirements: unknown): OperationFields {
  const fields: OperationFields = {authorization: 'NONE'}
  if (kind === 'rest') fields.apiKeyRequired = false
  for (const requirement of Array.isArray(requirements) ? requirements : []) {
    for (const [name, scopes] of Object.entries(objectAt(requirement))) {
      const scheme = objectAt(schemes[name])
      const authorizer = scheme['x-amazon-apigateway-authorizer']
      if (String(scheme['x-amazon-apigateway-authtype']).toLowerCase() === 'awssigv4') fields.authorization = 'AWS_IAM'
      else if (isObject(authorizer)) {
        const type = String(authorizer.type ?? '').toLowerCase()
        fields.authorization = AUTHORIZATION_TYPES[type] ?? type.toUpperCase()
        fields.authorizer = name
        Object.assign(fields, flatten('authorizer', authorizerSettings(authorizer)))
        if (Array.isArray(scopes) && scopes.length > 0) fields['authorization.scopes'] = scopes.map(String).sort().join(', ')
      } else if (kind === 'rest' && scheme.type === 'apiKey' && String(scheme.name).toLowerCase() === 'x-api-key') fields.apiKeyRequired = true
    }
  }
  return fields
}

const VALIDATOR = 'x-amazon-apigateway-request-validator'

/** The request validator an operation uses (its own, else the document's), by name and with what it checks (REST). */
function validatorFields(document: Json, operation: Json): OperationFields {
  const name = operation[VALIDATOR] ?? document[VALIDATOR]
  if (typeof name !== 'string') return {}
  const validator = objectAt(objectAt(document[`${VALIDATOR}s`])[name])
  return {
    requestValidator: name,
    'requestValidator.body': validator.validateRequestBody === true,
    'requestValidator.parameters': validator.validateRequestParameters === true,
  }
}

function authorizerSettings(authorizer: Json): Json {
  const {type, authorizerResultTtlInSeconds: ttl, ...settings} = authorizer
  return {
    ...settings,
    type: String(type ?? '').toLowerCase(),
    authorizerResultTtlInSeconds: ttl === undefined || Number(ttl) === DEFAULT_AUTHORIZER_TTL_S ? undefined : Number(ttl),
  }
}

function integrationFields(integration: Json, kind: ImportKind): OperationFields {
  const kept: Json = Object.fromEntries(INTEGRATION_MEMBERS.map((name) => [name, integration[name]]))
  const type = String(kept.type ?? '').toLowerCase()
  kept.type = type
  if (typeof kept.httpMethod === 'string') kept.httpMethod = kept.httpMethod.toUpperCase()
  if (typeof kept.connectionType === 'string') kept.connectionType = kept.connectionType.toUpperCase() === 'INTERNET' ? undefined : kept.connectionType.toUpperCase()
  if (typeof kept.contentHandling === 'string') kept.contentHandling = kept.contentHandling.toUpperCase()
  if (typeof kept.passthroughBehavior === 'string') {
    const behavior = kept.passthroughBehavior.toLowerCase()
    kept.passthroughBehavior = behavior === 'when_no_match' ? undefined : behavior
  }
  if (kept.timeoutInMillis !== undefined) kept.timeoutInMillis = Number(kept.timeoutInMillis) === DEFAULT_TIMEOUT_MS[kind] ? undefined : Number(kept.timeoutInMillis)
  if (kept.payloadFormatVersion !== undefined) {
    const version = String(kept.payloadFormatVersion)
    kept.payloadFormatVersion = kind === 'http' && type === 'http_proxy' && version === '1.0' ? undefined : version
  }
  // YAML reads an unquoted status code as a number; AWS writes it as a string.
  if (isObject(kept.responses)) {
    kept.responses = Object.fromEntries(Object.entries(kept.responses).map(([pattern, response]) => [pattern, {...objectAt(response), statusCode: stringOrUndefined(objectAt(response).statusCode)}]))
  }
  return flatten('integration', kept)
}

/**
 * Nested values as flat fields: `integration.requestTemplates[application/json]`; lists of
 * scalars as one sorted, comma-separated value; absent and empty values as no field at all.
 */
function flatten(prefix: string, value: unknown, into: OperationFields = {}): OperationFields {
  if (value === undefined || value === null || value === '') return into
  if (Array.isArray(value)) {
    if (value.length > 0) into[prefix] = value.map((item) => (isObject(item) ? JSON.stringify(item) : String(item))).sort().join(', ')
  } else if (isObject(value)) {
    for (const [key, child] of Object.entries(value)) flatten(`${prefix}${member(key)}`, child, into)
  } else {
    into[prefix] = typeof value === 'number' || typeof value === 'boolean' ? value : String(value)
  }
  return into
}

const stringOrUndefined = (value: unknown) => (value === undefined || value === null ? undefined : String(value))
const member = (key: string) => (IDENTIFIER.test(key) ? `.${key}` : `[${key}]`)
