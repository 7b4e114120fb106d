import {parse as parseYaml} from 'yaml'
import {OPENAPI_INTEGRATION_KEY, OPENAPI_METHODS} from '../facts.js'
import {AwsServiceError, badRequest} from '../http.js'
import type {AuthorizerRecord, IntegrationResponseRecord, JsonObject, MethodRecord, MethodResponseRecord} from '../model.js'
import {newIntegration, type IntegrationInput} from './apis-methods.js'
import {isPlainObject} from './apis-store.js'
import {unescapePointer} from './patch.js'

/** What an OpenAPI 3 or Swagger 2 document says about a REST API, in API Gateway's terms. */
export interface ApiDefinition {
  title?: string
  description?: string
  version?: string
  binaryMediaTypes?: string[]
  apiKeySource?: string
  minimumCompressionSize?: number
  models: Record<string, JsonObject>
  /**
   * Authorizers (by security scheme name) and request validators (by name). Methods name them by
   * these names in `authorizerId` and `requestValidatorId` until the import gives them ids.
   */
  authorizers: Record<string, AuthorizerDefinition>
  requestValidators: Record<string, {validateRequestBody: boolean; validateRequestParameters: boolean}>
  /** Response type → its customized response, as `x-amazon-apigateway-gateway-responses` has it. */
  gatewayResponses: Record<string, {statusCode?: string; responseParameters?: Record<string, string>; responseTemplates?: Record<string, string>}>
  /** `x-amazon-apigateway-policy`, as JSON text. */
  policy?: string
  paths: {path: string; methods: MethodRecord[]}[]
  /** Problems AWS imports past, reporting them (`failonwarnings` turns them into a failure). */
  warnings: string[]
  /** Problems that fail the import. */
  errors: string[]
}

/** An authorizer as a security scheme's `x-amazon-apigateway-authorizer` describes it. */
export type AuthorizerDefinition = Omit<AuthorizerRecord, 'id' | 'createdDate' | 'authorizerResultTtlInSeconds'> & {authorizerResultTtlInSeconds?: number}

const PARAMETER_LOCATIONS: Record<string, string> = {path: 'path', query: 'querystring', header: 'header'}
const MODEL_REF = /(?:#\/definitions\/|#\/components\/schemas\/|\/models\/)([^/]+)$/

/** The model a `$ref` names, in either OpenAPI version's form or as an API Gateway model URL. */
export const modelNameOf = (ref: unknown) => (typeof ref === 'string' ? MODEL_REF.exec(ref)?.[1] : undefined)

/**
 * Reads a parsed definition. `knownModels` are models the API already has, which the document may
 * refer to (a merge); references to any other model are dropped with a warning.
 */
export function readDefinition(doc: JsonObject, knownModels: string[]): ApiDefinition {
  return new DefinitionReader(doc, knownModels).read()
}

/** A definition sent as JSON or YAML, parsed; anything that is not OpenAPI 3 or Swagger 2 is refused. */
export function parseDefinition(body: Buffer): JsonObject {
  const text = body.toString('utf8')
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch {
    try {
      // At level 'error' the yaml package throws on errors and prints nothing (the sandbox must not print).
      doc = parseYaml(text, {logLevel: 'error'})
    } catch {
      doc = undefined
    }
  }
  const isOpenApi3 = isPlainObject(doc) && String(doc.openapi ?? '').startsWith('3.')
  const isSwagger2 = isPlainObject(doc) && String(doc.swagger ?? '').startsWith('2')
  if (!isOpenApi3 && !isSwagger2) throw badRequest('Invalid OpenAPI input.')
  return doc as JsonObject
}

const objectAt = (value: unknown): JsonObject => (isPlainObject(value) ? value : {})
const stringAt = (value: unknown) => (value === undefined || value === null ? undefined : String(value))
const stringsAt = (value: unknown): string[] | undefined => (Array.isArray(value) ? value.map(String) : undefined)
const upper = (value: unknown) => (typeof value === 'string' ? value.toUpperCase() : undefined)
const stringMap = (value: unknown) => (isPlainObject(value) ? Object.fromEntries(Object.entries(value).map(([key, v]) => [key, String(v)])) : undefined)

class DefinitionReader {
  private readonly swagger: boolean
  private readonly models: Record<string, JsonObject>
  private readonly knownModels: Set<string>
  private readonly securitySchemes: JsonObject
  private readonly warnings: string[] = []
  private readonly errors: string[] = []
  private readonly authorizers: Record<string, AuthorizerDefinition> = {}

  constructor(
    private readonly doc: JsonObject,
    knownModels: string[],
  ) {
    this.swagger = doc.swagger !== undefined
    const components = objectAt(doc.components)
    this.models = objectAt(this.swagger ? doc.definitions : components.schemas) as Record<string, JsonObject>
    this.knownModels = new Set([...knownModels, ...Object.keys(this.models)])
    this.securitySchemes = objectAt(this.swagger ? doc.securityDefinitions : components.securitySchemes)
    for (const [name, scheme] of Object.entries(this.securitySchemes)) {
      const authorizer = objectAt(scheme)['x-amazon-apigateway-authorizer']
      if (isPlainObject(authorizer)) this.authorizers[name] = authorizerOf(name, objectAt(scheme), authorizer)
    }
  }

  read(): ApiDefinition {
    const info = objectAt(this.doc.info)
    const paths: ApiDefinition['paths'] = []
    for (const [path, item] of Object.entries(objectAt(this.doc.paths))) {
      if (!path.startsWith('/')) {
        this.warnings.push(`Parse issue: attribute paths.Resource ${path} should start with /`)
        continue
      }
      const pathItem = objectAt(this.resolve(item))
      const methods = Object.entries(pathItem)
        .filter(([key]) => key in OPENAPI_METHODS)
        .map(([key, operation]) => this.method(path, key, objectAt(operation), pathItem.parameters))
      paths.push({path, methods})
    }
    const compression = this.doc['x-amazon-apigateway-minimum-compression-size']
    const policy = this.doc['x-amazon-apigateway-policy']
    return {
      title: stringAt(info.title),
      description: stringAt(info.description),
      version: stringAt(info.version),
      binaryMediaTypes: stringsAt(this.doc['x-amazon-apigateway-binary-media-types']),
      apiKeySource: upper(this.doc['x-amazon-apigateway-api-key-source']),
      minimumCompressionSize: typeof compression === 'number' ? compression : undefined,
      models: this.models,
      authorizers: this.authorizers,
      requestValidators: Object.fromEntries(
        Object.entries(objectAt(this.doc['x-amazon-apigateway-request-validators'])).map(([name, raw]) => {
          const validator = objectAt(raw)
          return [name, {validateRequestBody: validator.validateRequestBody === true, validateRequestParameters: validator.validateRequestParameters === true}]
        }),
      ),
      gatewayResponses: Object.fromEntries(
        Object.entries(objectAt(this.doc['x-amazon-apigateway-gateway-responses'])).map(([type, raw]) => {
          const response = objectAt(raw)
          return [type, {statusCode: stringAt(response.statusCode), responseParameters: stringMap(response.responseParameters), responseTemplates: stringMap(response.responseTemplates)}]
        }),
      ),
      policy: policy === undefined || policy === null ? undefined : typeof policy === 'string' ? policy : JSON.stringify(policy),
      paths,
      warnings: this.warnings,
      errors: this.errors,
    }
  }

  private method(path: string, key: string, operation: JsonObject, pathParameters: unknown): MethodRecord {
    const httpMethod = OPENAPI_METHODS[key]
    const attribute = `paths.'${path}'(${key})`
    const parameters = this.parameters(pathParameters, operation.parameters)
    const method: MethodRecord = {
      httpMethod,
      ...this.authorization(operation.security ?? this.doc.security),
      requestValidatorId: stringAt(operation['x-amazon-apigateway-request-validator'] ?? this.doc['x-amazon-apigateway-request-validator']),
      operationName: typeof operation.operationId === 'string' ? operation.operationId : undefined,
      requestParameters: this.requestParameters(parameters),
      requestModels: this.requestModels(operation, parameters, attribute),
      methodResponses: this.methodResponses(operation, attribute),
    }
    if (isPlainObject(operation[OPENAPI_INTEGRATION_KEY])) {
      try {
        method.methodIntegration = this.integration(operation[OPENAPI_INTEGRATION_KEY])
      } catch (error) {
        if (!(error instanceof AwsServiceError)) throw error
        this.errors.push(`Unable to put integration on '${httpMethod}' for resource at path '${path}': ${error.message}`)
      }
    }
    return method
  }

  /** Path-level parameters, overridden by the operation's own of the same name and location. */
  private parameters(pathLevel: unknown, operationLevel: unknown): JsonObject[] {
    const byKey = new Map<string, JsonObject>()
    for (const raw of [...(Array.isArray(pathLevel) ? pathLevel : []), ...(Array.isArray(operationLevel) ? operationLevel : [])]) {
      const parameter = objectAt(this.resolve(raw))
      byKey.set(`${parameter.in}:${parameter.name}`, parameter)
    }
    return [...byKey.values()]
  }

  private requestParameters(parameters: JsonObject[]): Record<string, boolean> | undefined {
    const entries = parameters
      .filter((parameter) => String(parameter.in) in PARAMETER_LOCATIONS)
      .map((parameter) => [`method.request.${PARAMETER_LOCATIONS[String(parameter.in)]}.${parameter.name}`, parameter.in === 'path' || parameter.required === true])
    return entries.length > 0 ? Object.fromEntries(entries) : undefined
  }

  private requestModels(operation: JsonObject, parameters: JsonObject[], attribute: string): Record<string, string> | undefined {
    if (this.swagger) {
      const body = parameters.find((parameter) => parameter.in === 'body')
      const consumes = stringsAt(operation.consumes ?? this.doc.consumes) ?? ['application/json']
      return this.modelsFor(consumes, body?.schema, `${attribute}.parameters.body.schema`)
    }
    const content = objectAt(objectAt(this.resolve(operation.requestBody)).content)
    return this.contentModels(content, `${attribute}.requestBody.content.schema`)
  }

  private methodResponses(operation: JsonObject, attribute: string): Record<string, MethodResponseRecord> | undefined {
    if (!isPlainObject(operation.responses)) {
      this.warnings.push(`Parse issue: attribute ${attribute}.responses is missing`)
      return undefined
    }
    const produces = stringsAt(operation.produces ?? this.doc.produces) ?? ['application/json']
    const responses: Record<string, MethodResponseRecord> = {}
    for (const [statusCode, raw] of Object.entries(operation.responses)) {
      if (!/^[1-5]\d\d$/.test(statusCode)) continue
      const response = objectAt(this.resolve(raw))
      const headers = Object.keys(objectAt(response.headers))
      const modelAttribute = `${attribute}.responses.${statusCode}${this.swagger ? '' : '.content'}.schema`
      const responseModels = this.swagger ? this.modelsFor(produces, response.schema, modelAttribute) : this.contentModels(objectAt(response.content), modelAttribute)
      responses[statusCode] = {
        statusCode,
        responseParameters: headers.length > 0 ? Object.fromEntries(headers.map((header) => [`method.response.header.${header}`, false])) : undefined,
        responseModels,
      }
    }
    return Object.keys(responses).length > 0 ? responses : undefined
  }

  private contentModels(content: JsonObject, attribute: string): Record<string, string> | undefined {
    const entries = Object.entries(content).flatMap(([contentType, media]) => Object.entries(this.modelsFor([contentType], objectAt(media).schema, attribute) ?? {}))
    return entries.length > 0 ? Object.fromEntries(entries) : undefined
  }

  /** The model a schema refers to, for each content type; inline schemas name no model. */
  private modelsFor(contentTypes: string[], schema: unknown, attribute: string): Record<string, string> | undefined {
    const ref = objectAt(schema).$ref
    const name = modelNameOf(ref)
    if (!name) return undefined
    if (!this.knownModels.has(name)) {
      this.warnings.push(`Parse issue: attribute ${attribute}.${ref} is missing`)
      return undefined
    }
    return Object.fromEntries(contentTypes.map((contentType) => [contentType, name]))
  }

  /** API keys, IAM and authorizers (named by their scheme, with the scopes a Cognito method asks for). */
  private authorization(security: unknown): Pick<MethodRecord, 'authorizationType' | 'authorizerId' | 'authorizationScopes' | 'apiKeyRequired'> {
    let apiKeyRequired = false
    let authorization: Pick<MethodRecord, 'authorizationType' | 'authorizerId' | 'authorizationScopes'> = {authorizationType: 'NONE'}
    for (const requirement of Array.isArray(security) ? security : []) {
      for (const [name, scopes] of Object.entries(objectAt(requirement))) {
        const scheme = objectAt(this.securitySchemes[name])
        const authorizer = this.authorizers[name]
        if (scheme['x-amazon-apigateway-authtype'] === 'awsSigv4') authorization = {authorizationType: 'AWS_IAM'}
        else if (authorizer) {
          const cognito = authorizer.type === 'COGNITO_USER_POOLS'
          const asked = stringsAt(scopes)
          authorization = {authorizationType: cognito ? 'COGNITO_USER_POOLS' : 'CUSTOM', authorizerId: name, authorizationScopes: cognito && asked?.length ? asked : undefined}
        } else if (scheme.type === 'apiKey' && String(scheme.name).toLowerCase() === 'x-api-key') apiKeyRequired = true
      }
    }
    return {...authorization, apiKeyRequired}
  }

  private integration(raw: JsonObject): MethodRecord['methodIntegration'] {
    const input: IntegrationInput = {
      type: upper(raw.type),
      httpMethod: upper(raw.httpMethod),
      uri: stringAt(raw.uri),
      connectionType: upper(raw.connectionType),
      connectionId: stringAt(raw.connectionId),
      credentials: stringAt(raw.credentials),
      requestParameters: stringMap(raw.requestParameters),
      requestTemplates: stringMap(raw.requestTemplates),
      passthroughBehavior: upper(raw.passthroughBehavior),
      contentHandling: upper(raw.contentHandling),
      timeoutInMillis: raw.timeoutInMillis === undefined ? undefined : Number(raw.timeoutInMillis),
      cacheNamespace: stringAt(raw.cacheNamespace),
      cacheKeyParameters: stringsAt(raw.cacheKeyParameters),
    }
    const integration = newIntegration(input)
    const responses = Object.entries(objectAt(raw.responses)).map(([pattern, value]): IntegrationResponseRecord => {
      const response = objectAt(value)
      return {
        statusCode: String(response.statusCode ?? '200'),
        selectionPattern: pattern === 'default' ? undefined : pattern,
        responseParameters: stringMap(response.responseParameters),
        responseTemplates: stringMap(response.responseTemplates),
        contentHandling: upper(response.contentHandling),
      }
    })
    if (responses.length > 0) integration.integrationResponses = Object.fromEntries(responses.map((response) => [response.statusCode, response]))
    return integration
  }

  /** Follows a local `$ref` (`#/components/parameters/Id`); anything else is returned as it is. */
  private resolve(value: unknown): unknown {
    const ref = objectAt(value).$ref
    if (typeof ref !== 'string' || !ref.startsWith('#/')) return value
    let target: unknown = this.doc
    for (const segment of ref.slice(2).split('/')) target = objectAt(target)[unescapePointer(segment)]
    return target
  }
}

/** A security scheme's authorizer in API Gateway's terms (types are written in lower case there). */
function authorizerOf(name: string, scheme: JsonObject, raw: JsonObject): AuthorizerDefinition {
  const ttl = raw.authorizerResultTtlInSeconds
  return {
    name,
    type: upper(raw.type) as AuthorizerRecord['type'],
    authType: stringAt(scheme['x-amazon-apigateway-authtype']),
    authorizerUri: stringAt(raw.authorizerUri),
    authorizerCredentials: stringAt(raw.authorizerCredentials),
    identitySource: stringAt(raw.identitySource),
    identityValidationExpression: stringAt(raw.identityValidationExpression),
    providerARNs: stringsAt(raw.providerARNs),
    authorizerResultTtlInSeconds: ttl === undefined ? undefined : Number(ttl),
  }
}
