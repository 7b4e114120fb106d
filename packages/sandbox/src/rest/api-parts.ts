import type {SandboxContext} from '../context.js'
import {json, type AwsServiceError, type SandboxResponse} from '../http.js'
import {TABLES, type MethodRecord, type RestApiRecord} from '../model.js'
import {apiResources} from './apis-store.js'
import {requireApi} from './lookup.js'
import {pageInCreationOrder, type Listed} from './paging.js'

/**
 * The parts of a REST API kept inside its record (models, request validators, gateway responses,
 * authorizers): read and changed through the API, so they go wherever the API goes (journal,
 * snapshot, deletion) with nothing stored beside it.
 */

/** Child ids (validators, authorizers) are 6 lowercase letters and digits, as AWS's. */
export const PART_ID_LENGTH = 6

/** The API, or `missing()` when there is none: several operations word a missing API in their own way. */
export function apiOr(context: SandboxContext, apiId: string, missing?: () => AwsServiceError): RestApiRecord {
  const api = context.store.get<RestApiRecord>(TABLES.restApis, apiId)
  if (!api && missing) throw missing()
  return api ?? requireApi(context, apiId)
}

/** Runs `change` on a copy of the API's record, stores the copy and returns what `change` returned. */
export function changeApi<T>(context: SandboxContext, apiId: string, change: (api: RestApiRecord) => T, missing?: () => AwsServiceError): T {
  const api = structuredClone(apiOr(context, apiId, missing))
  const result = change(api)
  context.store.put(TABLES.restApis, api.id, api)
  return result
}

/** A child record named in a request path, or `missing()`. */
export function partOf<T>(parts: Record<string, T> | undefined, id: string, missing: () => AwsServiceError): T {
  const part = Object.hasOwn(parts ?? {}, id) ? parts![id] : undefined
  if (part === undefined) throw missing()
  return part
}

/** Every method of the API's resources, with where it is as AWS names it in refusals: `<resource path>/<HTTP method>` (`//ANY` at the root). */
export function methodsIn(context: SandboxContext, apiId: string): {where: string; method: MethodRecord}[] {
  return apiResources(context, apiId).flatMap((resource) =>
    Object.entries(resource.resourceMethods ?? {}).map(([httpMethod, method]) => ({where: `${resource.path}/${httpMethod}`, method})),
  )
}

/** GetAuthorizers, GetRequestValidators: one page of an API's parts, oldest first. */
export function partsPage<T extends Listed>(parts: Record<string, T> | undefined, query: URLSearchParams, wire: (part: T) => unknown): SandboxResponse {
  const page = pageInCreationOrder(Object.values(parts ?? {}), (part) => part, query, false)
  return json(200, {item: page.items.map(wire), position: page.position})
}
