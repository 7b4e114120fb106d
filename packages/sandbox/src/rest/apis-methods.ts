import type {SandboxContext} from '../context.js'
import {badRequest, conflict, empty, json, jsonBody, notFound, type Params, type Router} from '../http.js'
import type {IntegrationRecord, IntegrationResponseRecord, MethodRecord, MethodResponseRecord, ResourceRecord, RestApiRecord} from '../model.js'
import {requireMethod, requireResource, saveResource} from './apis-store.js'
import {checkMethodAuthorizer} from './authorizers.js'
import {requireApi} from './lookup.js'
import {checkInput, enumProblems, requiredProblems, statusCodeProblems} from './input-checks.js'
import {checkValidatorId} from './request-validators.js'
import {booleanOf, invalidPatchPath, patchOperationsOf, pathSegments, replaceOnly, setEntry, type PatchOperation} from './patch.js'
import {checkedConnection} from './vpc-links.js'

export const METHOD_PATH = '/restapis/{restapi_id}/resources/{resource_id}/methods/{http_method}'
const HTTP_METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'ANY']
const INTEGRATION_TYPES = ['HTTP', 'MOCK', 'AWS_PROXY', 'HTTP_PROXY', 'AWS']
const PASSTHROUGH_BEHAVIORS = ['WHEN_NO_MATCH', 'WHEN_NO_TEMPLATES', 'NEVER']
export const DEFAULT_TIMEOUT_MS = 29000

type MethodInput = Partial<Omit<MethodRecord, 'httpMethod' | 'methodResponses' | 'methodIntegration'>>
export type IntegrationInput = Partial<Omit<IntegrationRecord, 'integrationResponses'>>

export function registerMethods(router: Router, context: SandboxContext): void {
  /** Runs `change` on a resource, stores the resource and returns what `change` returns. */
  const changing = <T>(params: Params, change: (resource: ResourceRecord, api: RestApiRecord) => T): T => {
    const resource = requireResource(context, params.restapi_id, params.resource_id)
    const result = change(resource, requireApi(context, params.restapi_id))
    saveResource(context, params.restapi_id, resource)
    return result
  }
  const methodOf = (params: Params) => requireMethod(requireResource(context, params.restapi_id, params.resource_id), params.http_method)

  router
    .add('PUT', METHOD_PATH, (request, params) => {
      const {http_method} = params
      const input = jsonBody<MethodInput>(request)
      checkInput(requiredProblems('putMethodInput', {authorizationType: input.authorizationType}))
      const method = changing(params, (resource, api) => {
        // The resource is looked up before the HTTP method is checked (docs/aws-behaviour.md#input-is-checked-before-anything-is-looked-up).
        if (!HTTP_METHODS.includes(http_method)) throw badRequest(`Invalid HttpMethod specified. Valid options are ${HTTP_METHODS.join(',')}`)
        if (resource.resourceMethods?.[http_method]) throw conflict('Method already exists for this resource')
        const method = newMethod(api, http_method, input)
        resource.resourceMethods = {...resource.resourceMethods, [http_method]: method}
        return method
      })
      return json(201, method)
    })
    .add('GET', METHOD_PATH, (_request, params) => json(200, methodOf(params)))
    .add('PATCH', METHOD_PATH, (request, params) => {
      const operations = patchOperationsOf(request, 'updateMethodInput')
      const method = changing(params, (resource, api) => {
        const method = structuredClone(requireMethod(resource, params.http_method))
        for (const operation of operations) patchMethod(api, method, operation)
        checkMethod(api, method)
        return (resource.resourceMethods![params.http_method] = method)
      })
      return json(200, method)
    })
    .add('DELETE', METHOD_PATH, (_request, params) => {
      changing(params, (resource) => {
        requireMethod(resource, params.http_method)
        delete resource.resourceMethods![params.http_method]
      })
      return empty(204)
    })

    .add('PUT', `${METHOD_PATH}/responses/{status_code}`, (request, params) => {
      const statusCode = checkStatusCode(params.status_code)
      const {responseParameters, responseModels} = jsonBody<Omit<MethodResponseRecord, 'statusCode'>>(request)
      const response = changing(params, (resource, api) => {
        const method = requireMethod(resource, params.http_method)
        checkModels(api, responseModels)
        const response: MethodResponseRecord = {statusCode, responseParameters, responseModels}
        method.methodResponses = {...method.methodResponses, [statusCode]: response}
        return response
      })
      return json(201, response)
    })
    .add('GET', `${METHOD_PATH}/responses/{status_code}`, (_request, params) => {
      const statusCode = checkStatusCode(params.status_code)
      return json(200, methodResponseOf(methodOf(params), statusCode))
    })
    .add('DELETE', `${METHOD_PATH}/responses/{status_code}`, (_request, params) => {
      checkStatusCode(params.status_code)
      changing(params, (resource) => {
        const method = requireMethod(resource, params.http_method)
        methodResponseOf(method, params.status_code)
        method.methodResponses = setEntry(method.methodResponses, params.status_code, undefined)
      })
      return empty(204)
    })

    .add('PUT', `${METHOD_PATH}/integration`, (request, params) => {
      const input = jsonBody<IntegrationInput>(request)
      checkInput(integrationTypeProblems(input))
      const integration = changing(params, (resource) => (requireMethod(resource, params.http_method).methodIntegration = checkedConnection(context, newIntegration(input, resource.id))))
      return json(201, integration)
    })
    .add('GET', `${METHOD_PATH}/integration`, (_request, params) => json(200, integrationOf(methodOf(params))))
    .add('DELETE', `${METHOD_PATH}/integration`, (_request, params) => {
      changing(params, (resource) => {
        const method = requireMethod(resource, params.http_method)
        integrationOf(method)
        delete method.methodIntegration
      })
      return empty(204)
    })

    .add('PUT', `${METHOD_PATH}/integration/responses/{status_code}`, (request, params) => {
      const statusCode = checkStatusCode(params.status_code)
      const input = jsonBody<Omit<IntegrationResponseRecord, 'statusCode'>>(request)
      // An empty template is kept as null (docs/aws-behaviour.md#an-empty-string-is-no-value).
      const responseTemplates = input.responseTemplates && Object.fromEntries(Object.entries(input.responseTemplates).map(([type, template]) => [type, template || null]))
      const response: IntegrationResponseRecord = {...input, responseTemplates, statusCode}
      changing(params, (resource) => {
        const integration = integrationOf(requireMethod(resource, params.http_method))
        integration.integrationResponses = {...integration.integrationResponses, [statusCode]: response}
      })
      return json(201, response)
    })
    .add('GET', `${METHOD_PATH}/integration/responses/{status_code}`, (_request, params) => {
      const statusCode = checkStatusCode(params.status_code)
      return json(200, integrationResponseOf(integrationOf(methodOf(params)), statusCode))
    })
    .add('DELETE', `${METHOD_PATH}/integration/responses/{status_code}`, (_request, params) => {
      checkStatusCode(params.status_code)
      changing(params, (resource) => {
        // A missing method reads as a missing integration here, as AWS answers DeleteIntegrationResponse.
        const integration = integrationOf(resource.resourceMethods?.[params.http_method])
        integrationResponseOf(integration, params.status_code)
        integration.integrationResponses = setEntry(integration.integrationResponses, params.status_code, undefined)
      })
      return empty(204)
    })
}

export const statusCodeNotFound = () => notFound('Invalid Response status code specified')

/** The status code path parameter, checked before anything is looked up (docs/aws-behaviour.md#input-is-checked-before-anything-is-looked-up). */
function checkStatusCode(statusCode: string): string {
  checkInput(statusCodeProblems(statusCode))
  return statusCode
}

export function methodResponseOf(method: MethodRecord, statusCode: string): MethodResponseRecord {
  const response = method.methodResponses?.[statusCode]
  if (!response) throw statusCodeNotFound()
  return response
}

export function integrationOf(method: MethodRecord | undefined): IntegrationRecord {
  if (!method?.methodIntegration) throw notFound('Invalid Integration identifier specified')
  return method.methodIntegration
}

export function integrationResponseOf(integration: IntegrationRecord, statusCode: string): IntegrationResponseRecord {
  const response = integration.integrationResponses?.[statusCode]
  if (!response) throw statusCodeNotFound()
  return response
}

/** A new method, checked as PutMethod checks it. */
function newMethod(api: RestApiRecord, httpMethod: string, input: MethodInput): MethodRecord {
  checkValidatorId(api, input.requestValidatorId)
  const method: MethodRecord = {
    httpMethod,
    authorizationType: input.authorizationType ?? 'NONE',
    authorizerId: input.authorizerId,
    requestValidatorId: input.requestValidatorId,
    apiKeyRequired: input.apiKeyRequired ?? false,
    operationName: input.operationName,
    requestParameters: input.requestParameters,
    requestModels: input.requestModels,
    authorizationScopes: input.authorizationScopes,
  }
  checkMethod(api, method)
  return method
}

function checkMethod(api: RestApiRecord, method: MethodRecord): void {
  checkMethodAuthorizer(api, method)
  const names = Object.keys(method.requestParameters ?? {}).map((key) => key.split('.').slice(3).join('.'))
  if (new Set(names).size !== names.length) throw badRequest('Parameter names must be unique across querystring, header and path')
  checkModels(api, method.requestModels)
}

export function checkModels(api: RestApiRecord, models: Record<string, string> | undefined): void {
  for (const name of Object.values(models ?? {})) if (!api.models?.[name]) throw badRequest(`Invalid model identifier specified: ${name}`)
}

const METHOD_FIELDS = ['/authorizationType', '/authorizerId', '/apiKeyRequired', '/operationName', '/requestValidatorId']

function patchMethod(api: RestApiRecord, method: MethodRecord, {op, path, value}: PatchOperation): void {
  const [field, key, ...rest] = pathSegments(path)
  if ((field === 'requestParameters' || field === 'requestModels') && key !== undefined && rest.length === 0) {
    if (op !== 'add' && op !== 'replace' && op !== 'remove') throw badRequest("Invalid patch operation specified. Must be 'add'|'remove'|'replace'")
    if (field === 'requestParameters') method.requestParameters = setEntry(method.requestParameters, key, op === 'remove' ? undefined : booleanOf(value))
    else method.requestModels = setEntry(method.requestModels, key, op === 'remove' ? undefined : value)
    return
  }
  if (!METHOD_FIELDS.includes(path)) throw invalidPatchPath(path)
  if (op !== 'replace') throw replaceOnly()
  if (field === 'apiKeyRequired') method.apiKeyRequired = booleanOf(value)
  else if (field === 'requestValidatorId') {
    checkValidatorId(api, value)
    method.requestValidatorId = value || undefined
  } else if (field === 'authorizerId') method.authorizerId = value || undefined
  else if (field === 'authorizationType') method.authorizationType = value ?? 'NONE'
  else method.operationName = value
}

/** PutIntegration's type, read before anything is looked up. */
const integrationTypeProblems = (input: IntegrationInput) => enumProblems(input.type || null, 'putIntegrationInput.type', INTEGRATION_TYPES)

/** A new integration, checked as PutIntegration checks it; AWS's default cache namespace is the resource's id. */
export function newIntegration(input: IntegrationInput, resourceId?: string): IntegrationRecord {
  checkInput(integrationTypeProblems(input))
  const type = input.type!
  const mock = type === 'MOCK'
  if (!mock) {
    if (!input.httpMethod) throw badRequest('Enumeration value for HttpMethod must be non-empty')
    if (type.startsWith('HTTP') ? !/^https?:\/\/\S+$/.test(input.uri ?? '') : !input.uri?.startsWith('arn:'))
      throw badRequest(type.startsWith('HTTP') ? 'Invalid HTTP endpoint specified for URI' : 'Invalid ARN specified in the request')
  }
  const passthroughBehavior = input.passthroughBehavior ?? 'WHEN_NO_MATCH'
  if (!PASSTHROUGH_BEHAVIORS.includes(passthroughBehavior))
    throw badRequest(`Invalid passthrough behavior specified: ${passthroughBehavior}. Valid options are ${PASSTHROUGH_BEHAVIORS.join(',')}`)
  const timeoutInMillis = input.timeoutInMillis ?? DEFAULT_TIMEOUT_MS
  if (!Number.isInteger(timeoutInMillis) || timeoutInMillis < 50 || timeoutInMillis > DEFAULT_TIMEOUT_MS)
    throw badRequest(`Timeout should be between 50 ms and ${DEFAULT_TIMEOUT_MS} ms`)
  return {
    type,
    httpMethod: mock ? undefined : input.httpMethod,
    uri: input.uri,
    connectionType: input.connectionType ?? (mock ? undefined : 'INTERNET'),
    connectionId: input.connectionId,
    credentials: input.credentials,
    requestParameters: input.requestParameters,
    requestTemplates: input.requestTemplates,
    passthroughBehavior,
    contentHandling: input.contentHandling,
    timeoutInMillis,
    cacheNamespace: input.cacheNamespace ?? resourceId,
    cacheKeyParameters: input.cacheKeyParameters ?? [],
  }
}
