import type {SandboxContext} from '../context.js'
import {badRequest, empty, json, jsonBody, type Router} from '../http.js'
import {TABLES, type RestApiRecord, type UsagePlanRecord} from '../model.js'
import {checkApiKeySource, checkCompressionSize, checkEndpointType, checkPrivateIpAddressType, newRestApi, type CreateRestApiInput} from './apis-create.js'
import {registerExport} from './apis-export.js'
import {importRestApi, putRestApi} from './apis-import.js'
import {registerMethods} from './apis-methods.js'
import {pageBySortKey} from './paging.js'
import {booleanOf, invalidPatchPath, patchOperationsOf, pathSegments, replaceOnly, type PatchOperation} from './patch.js'
import {registerResources} from './apis-resources.js'
import {registerResponseUpdates} from './apis-response-updates.js'
import {deleteApi, restApiWire, restApiWithTags, saveApi} from './apis-store.js'
import {requireApi} from './lookup.js'
import {refuseApiWhileMapped} from './stage-references.js'

/**
 * The REST API definition part of `apigateway`: APIs, resources, methods, integrations, OpenAPI
 * import and export. GetRestApis lists APIs oldest first.
 */
export function registerRestApis(router: Router, context: SandboxContext): void {
  router
    .add('POST', '/restapis', (request) => {
      if (request.query.get('mode') === 'import') return importRestApi(context, request)
      const api = newRestApi(context, jsonBody<CreateRestApiInput>(request), {defaultModels: true})
      saveApi(context, api, [{id: api.rootResourceId, path: '/'}])
      return json(201, restApiWire(api))
    })
    .add('GET', '/restapis', (request) => {
      const apis = context.store.all<RestApiRecord>(TABLES.restApis)
      // Creation order; the id breaks ties between APIs created in the same millisecond.
      const page = pageBySortKey(apis, (api) => `${String(api.createdDate).padStart(16, '0')}/${api.id}`, request.query)
      return json(200, {item: page.items.map(restApiWire), position: page.position})
    })
    .add('GET', '/restapis/{restapi_id}', (_request, {restapi_id}) => json(200, restApiWithTags(requireApi(context, restapi_id))))
    .add('PUT', '/restapis/{restapi_id}', (request, {restapi_id}) => putRestApi(context, request, restapi_id))
    .add('PATCH', '/restapis/{restapi_id}', (request, {restapi_id}) => {
      const api = structuredClone(requireApi(context, restapi_id))
      for (const operation of patchOperationsOf(request, 'updateRestApiInput')) patchRestApi(api, operation)
      checkPrivateIpAddressType(api.endpointConfiguration.types, api.endpointConfiguration.ipAddressType ?? 'ipv4')
      context.store.put(TABLES.restApis, api.id, api)
      return json(200, restApiWithTags(api))
    })
    .add('DELETE', '/restapis/{restapi_id}', (_request, {restapi_id}) => {
      requireApi(context, restapi_id)
      refuseWhileInUsagePlans(context, restapi_id)
      refuseApiWhileMapped(context, restapi_id)
      deleteApi(context, restapi_id)
      return empty(202)
    })
  registerResources(router, context)
  registerMethods(router, context)
  registerResponseUpdates(router, context)
  registerExport(router, context)
}

/**
 * AWS refuses to delete an API that a usage plan still references. Its exact message is not
 * recorded; this one names the plans, as the operator needs them to detach the API.
 */
function refuseWhileInUsagePlans(context: SandboxContext, apiId: string): void {
  const plans = context.store.all<UsagePlanRecord>(TABLES.usagePlans).filter((plan) => plan.apiStages.some((stage) => stage.apiId === apiId))
  if (plans.length > 0) throw badRequest(`Cannot delete API ${apiId} because it is associated with usage plan(s): ${plans.map((plan) => plan.id).join(', ')}`)
}

const SCALAR_PATHS = ['/name', '/description', '/version', '/policy', '/apiKeySource', '/minimumCompressionSize', '/disableExecuteApiEndpoint']

function patchRestApi(api: RestApiRecord, {op, path, value}: PatchOperation): void {
  const [field, key, subKey] = pathSegments(path)
  if (field === 'binaryMediaTypes' && key !== undefined && subKey === undefined) return patchBinaryMediaTypes(api, op, key, value)
  if (path === '/endpointConfiguration/ipAddressType') {
    if (op !== 'replace') throw replaceOnly()
    if (value !== 'ipv4' && value !== 'dualstack') throw badRequest('ipAddressType must be either ipv4 or dualstack.')
    api.endpointConfiguration.ipAddressType = value
    return
  }
  if (field === 'endpointConfiguration' && key === 'types' && subKey !== undefined) {
    // An API has one endpoint type: it is only ever replaced, and a PRIVATE one is dualstack
    // (docs/aws-behaviour.md#an-endpoint-type-is-replaced-never-added-or-removed).
    if (op !== 'replace') throw badRequest("Invalid patch operation specified. Must be 'add'|'remove'|'replace'")
    checkEndpointType(value)
    api.endpointConfiguration.types = [value]
    if (value === 'PRIVATE') api.endpointConfiguration.ipAddressType = 'dualstack'
    return
  }
  if (!SCALAR_PATHS.includes(path)) throw invalidPatchPath(path)
  // Only the description may also be removed.
  if (op === 'remove' && path === '/description') return void delete api.description
  if (op !== 'replace') throw replaceOnly()
  switch (path) {
    case '/name':
      if (!value) throw badRequest('Invalid REST API name specified: the name must not be empty')
      api.name = value
      return
    case '/apiKeySource':
      checkApiKeySource(value)
      api.apiKeySource = value
      return
    case '/minimumCompressionSize': {
      const size = value === undefined || value === '' ? undefined : Number(value)
      checkCompressionSize(size)
      api.minimumCompressionSize = size
      return
    }
    case '/disableExecuteApiEndpoint':
      api.disableExecuteApiEndpoint = booleanOf(value)
      return
    default:
      api[field as 'description' | 'version' | 'policy'] = value === '' ? undefined : value
  }
}

/** binaryMediaTypes is a list that AWS patches like a map keyed by media type. */
function patchBinaryMediaTypes(api: RestApiRecord, op: string, mediaType: string, value: string | undefined): void {
  const types = (api.binaryMediaTypes ?? []).filter((type) => type !== mediaType)
  if (op === 'add') types.push(mediaType)
  else if (op === 'replace' && value) types.push(value)
  else if (op !== 'remove' && op !== 'replace') throw badRequest("Invalid patch operation specified. Must be 'add'|'remove'|'replace'")
  api.binaryMediaTypes = types.length > 0 ? types : undefined
}
