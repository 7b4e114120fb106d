import type {SandboxContext} from '../context.js'
import {epochSeconds, notFound} from '../http.js'
import {TABLES, type MethodRecord, type ResourceRecord, type RestApiRecord, type Tags} from '../model.js'
import {deploymentKey, deploymentsOf, stageKey, stagesOf} from './lookup.js'
import {deleteDocumentationOf} from './documentation.js'
import {policyWire} from './policy.js'

/** REST API ids are 10 lowercase letters and digits; child resource ids 6. */
export const API_ID_LENGTH = 10
export const RESOURCE_ID_LENGTH = 6

export const resourceKey = (apiId: string, resourceId: string) => `${apiId}/${resourceId}`

export const resourceNotFound = () => notFound('Invalid Resource identifier specified')

export function apiResources(context: SandboxContext, apiId: string): ResourceRecord[] {
  return context.store.withPrefix<ResourceRecord>(TABLES.resources, `${apiId}/`)
}

/** A resource of an API; a missing API reads as a missing resource (not requireApi's 404), as AWS answers. */
export function requireResource(context: SandboxContext, apiId: string, resourceId: string): ResourceRecord {
  const resource = context.store.get<ResourceRecord>(TABLES.resources, resourceKey(apiId, resourceId))
  if (!resource) throw resourceNotFound()
  return resource
}

export function requireMethod(resource: ResourceRecord, httpMethod: string): MethodRecord {
  const method = resource.resourceMethods?.[httpMethod]
  if (!method) throw notFound('Invalid Method identifier specified')
  return method
}

export function saveResource(context: SandboxContext, apiId: string, resource: ResourceRecord): void {
  context.store.put(TABLES.resources, resourceKey(apiId, resource.id), resource)
}

/** Stores an API with the resources it has now; any other resource it had is deleted. */
export function saveApi(context: SandboxContext, api: RestApiRecord, resources: ResourceRecord[]): void {
  const kept = new Set(resources.map((resource) => resource.id))
  for (const old of apiResources(context, api.id)) if (!kept.has(old.id)) context.store.delete(TABLES.resources, resourceKey(api.id, old.id))
  context.store.put(TABLES.restApis, api.id, api)
  for (const resource of resources) saveResource(context, api.id, resource)
}

/** Deletes an API with everything stored under it. */
export function deleteApi(context: SandboxContext, apiId: string): void {
  const {store} = context
  for (const resource of apiResources(context, apiId)) store.delete(TABLES.resources, resourceKey(apiId, resource.id))
  for (const deployment of deploymentsOf(context, apiId)) store.delete(TABLES.deployments, deploymentKey(apiId, deployment.id))
  for (const stage of stagesOf(context, apiId)) store.delete(TABLES.stages, stageKey(apiId, stage.stageName))
  deleteDocumentationOf(context, apiId)
  store.delete(TABLES.restApis, apiId)
}

/** Keys whose value is undefined, or an empty list or map, are left out, as AWS leaves them out. */
export function compact<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0) && !(isPlainObject(v) && Object.keys(v).length === 0)),
  ) as Partial<T>
}

/** A list or map, or undefined when it is empty, as AWS leaves empty ones out. */
export function nonEmpty<T extends object>(value: T | undefined): T | undefined {
  if (value === undefined) return undefined
  return (Array.isArray(value) ? value.length : Object.keys(value).length) > 0 ? value : undefined
}

export const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

export function restApiWire(api: RestApiRecord): Record<string, unknown> {
  return {
    ...compact({
      id: api.id,
      name: api.name,
      description: api.description,
      version: api.version,
      binaryMediaTypes: api.binaryMediaTypes,
      minimumCompressionSize: api.minimumCompressionSize,
      policy: api.policy === undefined ? undefined : policyWire(api.policy),
      tags: api.tags,
    }),
    createdDate: epochSeconds(api.createdDate),
    apiKeySource: api.apiKeySource,
    endpointConfiguration: {types: api.endpointConfiguration.types, ipAddressType: api.endpointConfiguration.ipAddressType ?? 'ipv4'},
    disableExecuteApiEndpoint: api.disableExecuteApiEndpoint,
    rootResourceId: api.rootResourceId,
  }
}

/**
 * GetRestApi, UpdateRestApi and PutRestApi answer with `tags`, `{}` when there are none; CreateRestApi,
 * ImportRestApi and GetRestApis leave it out then (docs/aws-behaviour.md#a-single-resource-read-or-update-always-shows-tags).
 */
export const restApiWithTags = (api: RestApiRecord): Record<string, unknown> => ({...restApiWire(api), tags: tagsAnswer(api.tags, true)})

/** `tags` as AWS answers them: `{}` when there are none in a single resource's Get or Update answer (`always`), else left out then. */
export const tagsAnswer = (tags: Tags | undefined, always: boolean): Tags | undefined => (always ? (tags ?? {}) : nonEmpty(tags))

/** Without `embed=methods` AWS lists each method of a resource as an empty object. */
export function resourceWire(resource: ResourceRecord, embedMethods: boolean): Record<string, unknown> {
  const methods = resource.resourceMethods ?? {}
  const resourceMethods = Object.fromEntries(Object.entries(methods).map(([name, method]) => [name, embedMethods ? method : {}]))
  return compact({id: resource.id, parentId: resource.parentId, pathPart: resource.pathPart, path: resource.path, resourceMethods})
}
