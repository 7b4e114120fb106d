import type {SandboxContext} from '../context.js'
import {badRequest, json, notFound, type Params, type Router, type SandboxRequest} from '../http.js'
import type {IntegrationResponseRecord, MethodResponseRecord, RestApiRecord} from '../model.js'
import {checkModels, integrationOf, integrationResponseOf, METHOD_PATH, methodResponseOf} from './apis-methods.js'
import {requireMethod, requireResource, saveResource} from './apis-store.js'
import {statusCodeProblems} from './input-checks.js'
import {requireApi} from './lookup.js'
import {booleanOf, invalidPatchPath, patchOperationsOf, pathSegments, replaceOnly, setEntry, type PatchOperation} from './patch.js'

/**
 * UpdateMethodResponse and UpdateIntegrationResponse
 * (docs/aws-behaviour.md#method-and-integration-responses-are-patched-by-map-entry). The input is
 * checked first, then the resource, method (and integration) and response are looked up; the
 * response is changed on a copy, so a bad operation part-way changes nothing.
 */
export function registerResponseUpdates(router: Router, context: SandboxContext): void {
  /** The method a response update names, after its input is checked. */
  const methodFor = (request: SandboxRequest, params: Params, input: string) => {
    const operations = patchOperationsOf(request, input, statusCodeProblems(params.status_code))
    const resource = requireResource(context, params.restapi_id, params.resource_id)
    const method = requireMethod(resource, params.http_method)
    return {operations, method, save: () => saveResource(context, params.restapi_id, resource)}
  }

  router
    .add('PATCH', `${METHOD_PATH}/responses/{status_code}`, (request, params) => {
      const {operations, method, save} = methodFor(request, params, 'updateMethodResponseInput')
      const response = structuredClone(methodResponseOf(method, params.status_code))
      const api = requireApi(context, params.restapi_id)
      for (const operation of operations) patchMethodResponse(api, response, operation)
      method.methodResponses = {...method.methodResponses, [response.statusCode]: response}
      save()
      // AWS answers this update 201, as the API reference and recordings show.
      return json(201, response)
    })
    .add('PATCH', `${METHOD_PATH}/integration/responses/{status_code}`, (request, params) => {
      const {operations, method, save} = methodFor(request, params, 'updateIntegrationResponseInput')
      const integration = integrationOf(method)
      const response = structuredClone(integrationResponseOf(integration, params.status_code))
      for (const operation of operations) patchIntegrationResponse(response, operation)
      integration.integrationResponses = {...integration.integrationResponses, [response.statusCode]: response}
      save()
      return json(200, response)
    })
}

const MAP_OPS = ['add', 'replace', 'remove']
const mapOpRefused = () => badRequest("Invalid patch operation specified. Must be 'add'|'remove'|'replace'")
const parameterNotFound = () => notFound('Invalid parameter name specified')
const contentTypeNotFound = () => notFound('Content-Type specified was not found')

/**
 * One entry of a response's map: `add` sets it; `replace` and `remove` need it there already
 * (else `missing`); the map is left out once empty, as AWS leaves it out.
 */
function patchEntry<V>(map: Record<string, V> | undefined, op: string, key: string, value: V, missing: () => Error): Record<string, V> | undefined {
  if (!MAP_OPS.includes(op)) throw mapOpRefused()
  if (op !== 'add' && !(map && Object.hasOwn(map, key))) throw missing()
  return setEntry(map, key, op === 'remove' ? undefined : value)
}

/** `/responseParameters/{name}` (a boolean: required or not) and `/responseModels/{contentType}` (a model's name). */
function patchMethodResponse(api: RestApiRecord, response: MethodResponseRecord, {op, path, value}: PatchOperation): void {
  const [field, key, ...rest] = pathSegments(path)
  if (key === undefined || rest.length > 0) throw invalidPatchPath(path)
  if (field === 'responseParameters') response.responseParameters = patchEntry(response.responseParameters, op, key, booleanOf(value), parameterNotFound)
  else if (field === 'responseModels') {
    if (op !== 'remove') checkModels(api, {[key]: value ?? ''})
    response.responseModels = patchEntry(response.responseModels, op, key, value ?? '', contentTypeNotFound)
  } else throw invalidPatchPath(path)
}

const CONTENT_HANDLINGS = ['CONVERT_TO_BINARY', 'CONVERT_TO_TEXT']

/** `/selectionPattern` and `/contentHandling` (replace), `/responseParameters/{name}` and `/responseTemplates/{contentType}` (by entry). */
function patchIntegrationResponse(response: IntegrationResponseRecord, {op, path, value}: PatchOperation): void {
  const [field, key, ...rest] = pathSegments(path)
  if (key === undefined && (field === 'selectionPattern' || field === 'contentHandling')) {
    if (op !== 'replace') throw replaceOnly()
    if (field === 'selectionPattern') response.selectionPattern = value ?? ''
    else if (!value) delete response.contentHandling
    else if (CONTENT_HANDLINGS.includes(value)) response.contentHandling = value
    else throw badRequest(`Invalid content handling specified: ${value}. Valid options are ${CONTENT_HANDLINGS.join(',')}`)
    return
  }
  if (key === undefined || rest.length > 0) throw invalidPatchPath(path)
  if (field === 'responseParameters') response.responseParameters = patchEntry(response.responseParameters, op, key, value ?? '', parameterNotFound)
  else if (field === 'responseTemplates') response.responseTemplates = patchEntry(response.responseTemplates, op, key, value ?? '', contentTypeNotFound)
  else throw invalidPatchPath(path)
}
