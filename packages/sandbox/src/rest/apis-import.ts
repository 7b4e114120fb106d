import type {SandboxContext} from '../context.js'
import {AwsServiceError, badRequest, json, type SandboxRequest, type SandboxResponse} from '../http.js'
import {checkInput, enumProblems} from './input-checks.js'
import type {JsonObject, ResourceRecord} from '../model.js'
import {checkEndpointType, newRestApi} from './apis-create.js'
import {applyDefinitionParts} from './apis-import-parts.js'
import {checkChild, childPath} from './apis-resources.js'
import {apiResources, nonEmpty, RESOURCE_ID_LENGTH, restApiWire, restApiWithTags, saveApi} from './apis-store.js'
import {requireApi} from './lookup.js'
import {parseDefinition, readDefinition, type ApiDefinition} from './openapi-import.js'

/** AWS's limit on an API definition file. */
const MAX_DEFINITION_BYTES = 6 * 1024 * 1024
const PUT_MODES = ['overwrite', 'merge']

/** ImportRestApi: a new API from a definition. Nothing is stored unless the whole import succeeds. */
export function importRestApi(context: SandboxContext, request: SandboxRequest): SandboxResponse {
  const definition = readDefinition(parsedBody(request), [])
  const type = request.query.get('endpointConfigurationTypes') ?? 'EDGE'
  checkEndpointType(type)
  if (definition.title === undefined) definition.errors.push('Unable to create the API: the definition has no info.title to name it')
  const api = newRestApi(
    context,
    {
      name: definition.title ?? '',
      description: definition.description,
      version: definition.version,
      binaryMediaTypes: definition.binaryMediaTypes,
      apiKeySource: definition.apiKeySource,
      minimumCompressionSize: definition.minimumCompressionSize,
      endpointConfiguration: {types: [type]},
    },
    {defaultModels: false},
  )
  api.models = definition.models
  applyDefinitionParts(context, api, definition, true)
  const root: ResourceRecord = {id: api.rootResourceId, path: '/'}
  const resources = planResources(context, root, [root], definition)
  checkOutcome(request, definition)
  saveApi(context, api, resources)
  return json(201, withWarnings(restApiWire(api), definition))
}

/** PutRestApi: `merge` (the default) adds and replaces what the definition names; `overwrite` replaces everything. Never deploys. */
export function putRestApi(context: SandboxContext, request: SandboxRequest, apiId: string): SandboxResponse {
  const mode = request.query.get('mode') ?? 'merge'
  checkInput(enumProblems(mode, 'mode', PUT_MODES))
  // The body is read before the API is looked up (docs/aws-behaviour.md#input-is-checked-before-anything-is-looked-up).
  const doc = parsedBody(request)
  const api = structuredClone(requireApi(context, apiId))
  const overwrite = mode === 'overwrite'
  const definition = readDefinition(doc, overwrite ? [] : Object.keys(api.models ?? {}))
  const current = apiResources(context, apiId).map((resource) => structuredClone(resource))
  const root = current.find((resource) => resource.id === api.rootResourceId)!
  if (overwrite) delete root.resourceMethods
  api.models = overwrite ? definition.models : {...api.models, ...definition.models}
  applyDefinitionParts(context, api, definition, overwrite)
  const resources = planResources(context, root, overwrite ? [root] : current, definition)
  checkOutcome(request, definition)
  api.name = definition.title ?? api.name
  if (overwrite) {
    api.description = definition.description
    api.version = definition.version
    api.binaryMediaTypes = definition.binaryMediaTypes
  } else {
    api.description = definition.description ?? api.description
    api.version = definition.version ?? api.version
    // Merge adds the definition's binary media types to the API's own (docs/aws-behaviour.md#putrestapi-merges-binary-media-types).
    api.binaryMediaTypes = nonEmpty([...new Set([...(api.binaryMediaTypes ?? []), ...(definition.binaryMediaTypes ?? [])])])
  }
  saveApi(context, api, resources)
  return json(200, withWarnings(restApiWithTags(api), definition))
}

function parsedBody(request: SandboxRequest): JsonObject {
  if (request.body.length > MAX_DEFINITION_BYTES)
    throw badRequest(`The API definition is ${request.body.length} bytes; API Gateway accepts definitions of at most ${MAX_DEFINITION_BYTES} bytes (6 MB)`)
  return parseDefinition(request.body)
}

/** Errors fail an import; warnings fail it only when the caller asks with `failonwarnings=true`. */
function checkOutcome(request: SandboxRequest, definition: ApiDefinition): void {
  if (definition.errors.length > 0) throw badRequest(`Errors found during import:\n\t${definition.errors.join('\n\t')}`)
  if (request.query.get('failonwarnings') === 'true' && definition.warnings.length > 0)
    throw badRequest(`Warnings found during import:\n\t${definition.warnings.join('\n\t')}`)
}

const withWarnings = (wire: Record<string, unknown>, definition: ApiDefinition) => (definition.warnings.length > 0 ? {...wire, warnings: definition.warnings} : wire)

/**
 * The resources the API has once the definition's paths are laid over `resources`:
 * intermediate resources are created for nested paths, and each method named replaces the one there.
 * Resources that cannot be created become import errors.
 */
function planResources(context: SandboxContext, root: ResourceRecord, resources: ResourceRecord[], definition: ApiDefinition): ResourceRecord[] {
  const byPath = new Map(resources.map((resource) => [resource.path, resource]))
  for (const {path, methods} of definition.paths) {
    let resource = root
    try {
      for (const pathPart of path.split('/').filter(Boolean)) resource = byPath.get(childPath(resource.path, pathPart)) ?? createChild(resource, pathPart)
    } catch (error) {
      if (!(error instanceof AwsServiceError)) throw error
      definition.errors.push(`Unable to create resource at path '${path}': ${error.message}`)
      continue
    }
    for (const method of methods) {
      if (method.methodIntegration) method.methodIntegration.cacheNamespace ??= resource.id
      resource.resourceMethods = {...resource.resourceMethods, [method.httpMethod]: method}
    }
  }
  return [...byPath.values()]

  function createChild(parent: ResourceRecord, pathPart: string): ResourceRecord {
    checkChild(
      parent,
      [...byPath.values()].filter((resource) => resource.parentId === parent.id),
      pathPart,
    )
    const child: ResourceRecord = {id: context.newId(RESOURCE_ID_LENGTH), parentId: parent.id, pathPart, path: childPath(parent.path, pathPart)}
    byPath.set(child.path, child)
    return child
  }
}
