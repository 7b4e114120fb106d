import {stringify as stringifyYaml} from 'yaml'
import {OPENAPI_INTEGRATION_KEY} from '../facts.js'
import type {IntegrationRecord, JsonObject, MethodRecord, ResourceRecord, RestApiRecord} from '../model.js'
import {DEFAULT_TIMEOUT_MS} from './apis-methods.js'
import {isPlainObject, nonEmpty} from './apis-store.js'
import {apiPartExtensions, authorizerSchemes, authorizerSecurity, validatorName} from './openapi-export-parts.js'
import {modelNameOf} from './openapi-import.js'

export type ExportType = 'oas30' | 'swagger'

export interface ExportSource {
  api: RestApiRecord
  /** The deployment's snapshot of the API's resources. */
  resources: ResourceRecord[]
  stageName: string
  /** Names the document's version when the API has none (epoch ms). */
  deployedAt: number
  region: string
  type: ExportType
  /** `integrations` and `apigateway` add `x-amazon-apigateway-integration`; `apigateway` adds API-level extensions too. */
  extensions: string[]
}

const API_KEY_SCHEME = {type: 'apiKey', name: 'x-api-key', in: 'header'}
const SIGV4_SCHEME = {type: 'apiKey', name: 'Authorization', in: 'header', 'x-amazon-apigateway-authtype': 'awsSigv4'}
const LOCATIONS: Record<string, string> = {path: 'path', querystring: 'query', header: 'header'}

/** The document's version: the API's own, else when the deployment was made (to the second). */
export const exportVersion = (source: Pick<ExportSource, 'api' | 'deployedAt'>) =>
  source.api.version ?? new Date(source.deployedAt).toISOString().replace(/\.\d{3}Z$/, 'Z')

/**
 * The OpenAPI 3.0 or Swagger 2.0 document of a deployed API, laid out as AWS lays out its exports.
 * Entries left undefined are absent from the rendered document.
 */
export function exportDocument(source: ExportSource): JsonObject {
  const {api, type} = source
  const swagger = type === 'swagger'
  const withIntegrations = source.extensions.includes('integrations') || source.extensions.includes('apigateway')
  const methods = source.resources.flatMap((resource) => Object.values(resource.resourceMethods ?? {}))
  const securitySchemes = {
    ...(methods.some((method) => method.apiKeyRequired) ? {api_key: API_KEY_SCHEME} : {}),
    ...(methods.some((method) => method.authorizationType === 'AWS_IAM') ? {sigv4: SIGV4_SCHEME} : {}),
    ...authorizerSchemes(api, source.extensions.includes('authorizers') || source.extensions.includes('apigateway')),
  }
  const schemas = Object.fromEntries(Object.entries(api.models ?? {}).map(([name, schema]) => [name, modelSchema(schema, type)]))
  const paths: JsonObject = {}
  for (const resource of [...source.resources].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const entries = Object.entries(resource.resourceMethods ?? {})
    if (entries.length === 0) continue
    paths[resource.path] = Object.fromEntries(
      entries.map(([httpMethod, method]) => [
        httpMethod === 'ANY' ? 'x-amazon-apigateway-any-method' : httpMethod.toLowerCase(),
        operation(method, {api, swagger, withIntegrations, withApiGateway: source.extensions.includes('apigateway')}),
      ]),
    )
  }
  const version = exportVersion(source)
  const host = `${api.id}.execute-api.${source.region}.amazonaws.com`
  const apiExtensions = source.extensions.includes('apigateway')
    ? {
        'x-amazon-apigateway-binary-media-types': api.binaryMediaTypes,
        'x-amazon-apigateway-api-key-source': api.apiKeySource === 'HEADER' ? undefined : api.apiKeySource,
        'x-amazon-apigateway-minimum-compression-size': api.minimumCompressionSize,
        ...apiPartExtensions(api),
      }
    : {}
  if (swagger)
    return {
      swagger: '2.0',
      info: {description: api.description, version, title: api.name},
      host,
      basePath: `/${source.stageName}`,
      schemes: ['https'],
      paths,
      securityDefinitions: nonEmpty(securitySchemes),
      definitions: nonEmpty(schemas),
      ...apiExtensions,
    }
  return {
    openapi: '3.0.1',
    info: {title: api.name, description: api.description, version},
    servers: [{url: `https://${host}/{basePath}`, variables: {basePath: {default: source.stageName}}}],
    paths,
    components: {schemas: nonEmpty(schemas), securitySchemes: nonEmpty(securitySchemes)},
    ...apiExtensions,
  }
}

interface OperationOptions {
  api: RestApiRecord
  swagger: boolean
  withIntegrations: boolean
  /** The `apigateway` extensions: the method's request validator too. */
  withApiGateway: boolean
}

function operation(method: MethodRecord, {api, swagger, withIntegrations, withApiGateway}: OperationOptions): JsonObject {
  const parameters = Object.entries(method.requestParameters ?? {}).flatMap(([key, required]) => {
    const [, , location, ...name] = key.split('.')
    if (!(location in LOCATIONS)) return []
    const base = {name: name.join('.'), in: LOCATIONS[location]}
    return [swagger ? {...base, required, type: 'string'} : {...base, ...(required ? {required: true} : {}), schema: {type: 'string'}}]
  })
  const requestModels = Object.entries(method.requestModels ?? {})
  const responses = Object.values(method.methodResponses ?? {})
  const authorizer = authorizerSecurity(api, method)
  const security = method.apiKeyRequired ? [{api_key: []}, ...(authorizer ?? [])] : method.authorizationType === 'AWS_IAM' ? [{sigv4: []}] : authorizer
  const integration = withIntegrations && method.methodIntegration ? integrationExtension(method.methodIntegration) : undefined
  const validator = withApiGateway ? validatorName(api, method) : undefined
  if (swagger) {
    const integrationResponses = Object.values(method.methodIntegration?.integrationResponses ?? {})
    const bodyModel = requestModels[0]?.[1]
    return {
      operationId: method.operationName,
      consumes: nonEmpty(unique([...requestModels.map(([type]) => type), ...Object.keys(method.methodIntegration?.requestTemplates ?? {})])),
      produces: nonEmpty(
        unique([
          ...responses.flatMap((response) => Object.keys(response.responseModels ?? {})),
          ...integrationResponses.flatMap((response) => Object.keys(response.responseTemplates ?? {})),
        ]),
      ),
      parameters: nonEmpty([...parameters, ...(bodyModel ? [{in: 'body', name: bodyModel, required: true, schema: modelRef(bodyModel, true)}] : [])]),
      responses: Object.fromEntries(
        responses.map((response) => {
          const model = Object.values(response.responseModels ?? {})[0]
          const headers = responseHeaders(response.responseParameters, () => ({type: 'string'}))
          return [response.statusCode, {description: `${response.statusCode} response`, schema: model && modelRef(model, true), headers}]
        }),
      ),
      security,
      'x-amazon-apigateway-request-validator': validator,
      [OPENAPI_INTEGRATION_KEY]: integration,
    }
  }
  return {
    operationId: method.operationName,
    parameters: nonEmpty(parameters),
    requestBody:
      requestModels.length > 0 ? {content: Object.fromEntries(requestModels.map(([type, model]) => [type, {schema: modelRef(model, false)}])), required: true} : undefined,
    responses: Object.fromEntries(
      responses.map((response) => {
        const content = Object.fromEntries(Object.entries(response.responseModels ?? {}).map(([type, model]) => [type, {schema: modelRef(model, false)}]))
        const headers = responseHeaders(response.responseParameters, () => ({schema: {type: 'string'}}))
        return [response.statusCode, {description: `${response.statusCode} response`, headers, content}]
      }),
    ),
    security,
    'x-amazon-apigateway-request-validator': validator,
    [OPENAPI_INTEGRATION_KEY]: integration,
  }
}

function responseHeaders(parameters: Record<string, boolean> | undefined, header: () => JsonObject): JsonObject | undefined {
  const names = Object.keys(parameters ?? {})
    .filter((key) => key.startsWith('method.response.header.'))
    .map((key) => key.slice('method.response.header.'.length))
  return nonEmpty(Object.fromEntries(names.map((name) => [name, header()])))
}

/** AWS writes integration types and passthrough behaviours in lower case, and leaves defaults out. */
function integrationExtension(integration: IntegrationRecord): JsonObject {
  const responses = Object.values(integration.integrationResponses ?? {}).map((response) => [
    response.selectionPattern || 'default',
    {
      statusCode: response.statusCode,
      responseParameters: nonEmpty(response.responseParameters),
      responseTemplates: nonEmpty(response.responseTemplates),
      contentHandling: response.contentHandling,
    },
  ])
  const cached = integration.cacheKeyParameters.length > 0
  return {
    credentials: integration.credentials,
    httpMethod: integration.httpMethod,
    uri: integration.uri,
    responses: nonEmpty(Object.fromEntries(responses)),
    requestParameters: nonEmpty(integration.requestParameters),
    requestTemplates: nonEmpty(integration.requestTemplates),
    passthroughBehavior: integration.passthroughBehavior?.toLowerCase(),
    connectionType: integration.connectionType === 'VPC_LINK' ? 'VPC_LINK' : undefined,
    connectionId: integration.connectionId,
    timeoutInMillis: integration.timeoutInMillis === DEFAULT_TIMEOUT_MS ? undefined : integration.timeoutInMillis,
    cacheNamespace: cached ? integration.cacheNamespace : undefined,
    cacheKeyParameters: cached ? integration.cacheKeyParameters : undefined,
    contentHandling: integration.contentHandling,
    type: integration.type.toLowerCase(),
  }
}

const modelRef = (name: string, swagger: boolean) => ({$ref: swagger ? `#/definitions/${name}` : `#/components/schemas/${name}`})

/** A model's schema as exported: without `$schema`, its references pointing into the document. */
function modelSchema(schema: JsonObject, type: ExportType): JsonObject {
  const retarget = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(retarget)
    if (!isPlainObject(value)) return value
    return Object.fromEntries(
      Object.entries(value).map(([key, child]) => {
        const name = key === '$ref' ? modelNameOf(child) : undefined
        return [key, name ? modelRef(name, type === 'swagger').$ref : retarget(child)]
      }),
    )
  }
  const {$schema: _ignored, ...rest} = schema
  return retarget(rest) as JsonObject
}

const unique = (values: string[]) => [...new Set(values)]

/** JSON laid out as AWS's exports are (Jackson's pretty printer: `"key" : value`, `[ … ]`, `{ }`). */
export function renderJson(value: unknown, depth = 0): string {
  if (Array.isArray(value)) return value.length === 0 ? '[ ]' : `[ ${value.map((item) => renderJson(item, depth)).join(', ')} ]`
  if (isPlainObject(value)) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined)
    if (entries.length === 0) return '{ }'
    const indent = '  '.repeat(depth + 1)
    return `{\n${entries.map(([key, v]) => `${indent}${JSON.stringify(key)} : ${renderJson(v, depth + 1)}`).join(',\n')}\n${'  '.repeat(depth)}}`
  }
  return JSON.stringify(value)
}

/** YAML as AWS writes it: double-quoted strings, plain keys, sequences flush with their key. */
export const renderYaml = (value: unknown) =>
  stringifyYaml(value, {defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN', lineWidth: 0, indentSeq: false, aliasDuplicateObjects: false})
