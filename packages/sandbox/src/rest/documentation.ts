import type {SandboxContext} from '../context.js'
import {badRequest, conflict, empty, epochSeconds, json, jsonBody, notFound, validationError, type Router} from '../http.js'
import {TABLES, type JsonObject} from '../model.js'
import {requireApi, requireStage} from './lookup.js'
import {parseDefinition} from './openapi-import.js'
import {pageBySortKey, pageInCreationOrder} from './paging.js'
import {checkPatchPaths, patchOperationsOf} from './patch.js'
import {saveStage} from './stage-records.js'

/**
 * Documentation parts and versions of a REST API: CreateDocumentationPart, GetDocumentationPart(s),
 * UpdateDocumentationPart, DeleteDocumentationPart, and the same for documentation versions, which
 * are snapshots of the parts. docs/aws-behaviour.md#documentation-parts
 */

export interface DocumentationLocation {
  type: string
  path?: string
  method?: string
  statusCode?: string
  name?: string
}

export interface DocumentationPartRecord {
  id: string
  location: DocumentationLocation
  properties: string
}

export interface DocumentationVersionRecord {
  version: string
  description?: string
  createdDate: number
  /** The parts as they were when the version was made. */
  parts: DocumentationPartRecord[]
}

/** Which location fields each type takes; `name` is required where taken. docs/aws-behaviour.md#a-documentation-location-names-one-entity */
const LOCATION_FIELDS: Record<string, readonly ('path' | 'method' | 'statusCode' | 'name')[]> = {
  API: [],
  AUTHORIZER: ['name'],
  MODEL: ['name'],
  RESOURCE: ['path'],
  METHOD: ['path', 'method'],
  PATH_PARAMETER: ['path', 'method', 'name'],
  QUERY_PARAMETER: ['path', 'method', 'name'],
  REQUEST_HEADER: ['path', 'method', 'name'],
  REQUEST_BODY: ['path', 'method'],
  RESPONSE: ['path', 'method', 'statusCode'],
  RESPONSE_HEADER: ['path', 'method', 'statusCode', 'name'],
  RESPONSE_BODY: ['path', 'method', 'statusCode'],
}
const LOCATION_TYPES = Object.keys(LOCATION_FIELDS)
/** An omitted path is the root resource; an omitted method or status code is any (`*`). */
const LOCATION_DEFAULTS = {path: '/', method: '*', statusCode: '*'} as const

const PART_NOT_FOUND = 'Invalid Documentation part identifier specified'
const VERSION_NOT_FOUND = 'Invalid Documentation version identifier specified'

export function registerDocumentation(router: Router, context: SandboxContext): void {
  const {store} = context
  const parts = '/restapis/{restapi_id}/documentation/parts'
  const versions = '/restapis/{restapi_id}/documentation/versions'
  router
    .add('POST', parts, (request, {restapi_id}) => {
      const input = jsonBody<{location?: Partial<DocumentationLocation>; properties?: string}>(request)
      const location = checkedLocation(input.location, input.properties, 'createDocumentationPartInput')
      requireApi(context, restapi_id)
      const same = partsOf(context, restapi_id).find((part) => sameLocation(part.location, location))
      if (same) throw conflict(`Documentation part already exists for the specified location: ${describeLocation(location)}.`)
      const part: DocumentationPartRecord = {id: context.newId(6), location, properties: input.properties!}
      store.put(TABLES.documentationParts, `${restapi_id}/${part.id}`, part)
      return json(201, part)
    })
    .add('PUT', parts, (request, {restapi_id}) => {
      requireApi(context, restapi_id)
      const ids = importDocumentation(context, restapi_id, parseDefinition(request.body), request.query.get('mode') === 'overwrite')
      return json(200, {ids})
    })
    .add('GET', parts, (request, {restapi_id}) => {
      requireApi(context, restapi_id)
      const {query} = request
      const [type, path, nameQuery] = [query.get('type'), query.get('path'), query.get('name')]
      // Every part is DOCUMENTED; the sandbox lists no UNDOCUMENTED entities.
      const found = query.get('locationStatus') === 'UNDOCUMENTED' ? [] : partsOf(context, restapi_id)
      const matching = found.filter(
        ({location}) => (!type || location.type === type) && (!path || location.path === path) && (!nameQuery || (location.name ?? '').includes(nameQuery)),
      )
      const page = pageBySortKey(matching, (part) => part.id, query)
      return json(200, {item: page.items, position: page.position})
    })
    .add('GET', `${parts}/{part_id}`, (_request, {restapi_id, part_id}) => json(200, requirePart(context, restapi_id, part_id)))
    .add('PATCH', `${parts}/{part_id}`, (request, {restapi_id, part_id}) => {
      const part = {...requirePart(context, restapi_id, part_id)}
      for (const {value} of checkPatchPaths(patchOperationsOf(request, 'updateDocumentationPartInput'), {replace: ['/properties']})) part.properties = checkedProperties(value)
      store.put(TABLES.documentationParts, `${restapi_id}/${part.id}`, part)
      return json(200, part)
    })
    .add('DELETE', `${parts}/{part_id}`, (_request, {restapi_id, part_id}) => {
      store.delete(TABLES.documentationParts, `${restapi_id}/${requirePart(context, restapi_id, part_id).id}`)
      return empty(202)
    })
    .add('POST', versions, (request, {restapi_id}) => {
      const input = jsonBody<{documentationVersion?: string; stageName?: string; description?: string}>(request)
      if (!input.documentationVersion) throw validationError([`Value null at 'createDocumentationVersionInput.documentationVersion' failed to satisfy constraint: Member must not be null`])
      requireApi(context, restapi_id)
      if (findVersion(context, restapi_id, input.documentationVersion)) throw conflict(`Documentation version ${input.documentationVersion} already exists`)
      const stage = input.stageName === undefined ? undefined : requireStage(context, restapi_id, input.stageName)
      const version: DocumentationVersionRecord = {
        version: input.documentationVersion,
        description: input.description || undefined,
        createdDate: context.clock.now(),
        parts: partsOf(context, restapi_id),
      }
      store.put(TABLES.documentationVersions, `${restapi_id}/${version.version}`, version)
      if (stage) saveStage(context, {...stage, documentationVersion: version.version})
      return json(201, versionView(version))
    })
    .add('GET', versions, (request, {restapi_id}) => {
      requireApi(context, restapi_id)
      const all = store.withPrefix<DocumentationVersionRecord>(TABLES.documentationVersions, `${restapi_id}/`)
      const page = pageInCreationOrder(all, (version) => ({id: version.version, createdDate: version.createdDate}), request.query, false)
      return json(200, {item: page.items.map(versionView), position: page.position})
    })
    .add('GET', `${versions}/{version}`, (_request, {restapi_id, version}) => json(200, versionView(requireVersion(context, restapi_id, version))))
    .add('PATCH', `${versions}/{version}`, (request, {restapi_id, version}) => {
      const found = {...requireVersion(context, restapi_id, version)}
      for (const {value} of checkPatchPaths(patchOperationsOf(request, 'updateDocumentationVersionInput'), {replace: ['/description']})) found.description = value || undefined
      store.put(TABLES.documentationVersions, `${restapi_id}/${found.version}`, found)
      return json(200, versionView(found))
    })
    .add('DELETE', `${versions}/{version}`, (_request, {restapi_id, version}) => {
      store.delete(TABLES.documentationVersions, `${restapi_id}/${requireVersion(context, restapi_id, version).version}`)
      return empty(202)
    })
}

/**
 * ImportDocumentationParts: the parts of an OpenAPI document's `x-amazon-apigateway-documentation`
 * (`properties` as objects), merged into the API's (a part at a known location replaces its
 * properties) or, with mode=overwrite, replacing them all. docs/aws-behaviour.md#importing-documentation-parts
 */
function importDocumentation(context: SandboxContext, apiId: string, doc: JsonObject, overwrite: boolean): string[] {
  const documentation = doc['x-amazon-apigateway-documentation'] as {documentationParts?: unknown} | undefined
  const imported = Array.isArray(documentation?.documentationParts) ? (documentation.documentationParts as {location?: Partial<DocumentationLocation>; properties?: unknown}[]) : []
  // Every part is checked before any is stored, so a bad one leaves the API's parts as they were.
  const incoming = imported.map((part) => {
    const properties = JSON.stringify(part.properties ?? {})
    return {location: checkedLocation(part.location, properties, 'importDocumentationPartsInput'), properties}
  })
  if (overwrite) deleteDocumentationParts(context, apiId)
  const existing = partsOf(context, apiId)
  return incoming.map(({location, properties}) => {
    const part = existing.find((known) => sameLocation(known.location, location)) ?? {id: context.newId(6), location, properties}
    context.store.put(TABLES.documentationParts, `${apiId}/${part.id}`, {...part, properties})
    return part.id
  })
}

const deleteDocumentationParts = (context: SandboxContext, apiId: string) => {
  for (const part of partsOf(context, apiId)) context.store.delete(TABLES.documentationParts, `${apiId}/${part.id}`)
}

/** An API's documentation goes with it. */
export function deleteDocumentationOf(context: SandboxContext, apiId: string): void {
  deleteDocumentationParts(context, apiId)
  for (const version of context.store.withPrefix<DocumentationVersionRecord>(TABLES.documentationVersions, `${apiId}/`))
    context.store.delete(TABLES.documentationVersions, `${apiId}/${version.version}`)
}

const partsOf = (context: SandboxContext, apiId: string) => context.store.withPrefix<DocumentationPartRecord>(TABLES.documentationParts, `${apiId}/`)

export const findVersion = (context: SandboxContext, apiId: string, version: string) =>
  context.store.get<DocumentationVersionRecord>(TABLES.documentationVersions, `${apiId}/${version}`)

function requirePart(context: SandboxContext, apiId: string, partId: string): DocumentationPartRecord {
  requireApi(context, apiId)
  const part = context.store.get<DocumentationPartRecord>(TABLES.documentationParts, `${apiId}/${partId}`)
  if (!part) throw notFound(PART_NOT_FOUND)
  return part
}

export function requireVersion(context: SandboxContext, apiId: string, version: string): DocumentationVersionRecord {
  requireApi(context, apiId)
  const found = findVersion(context, apiId, version)
  if (!found) throw notFound(VERSION_NOT_FOUND)
  return found
}

/**
 * The location as stored and answered: the fields its type takes, with their defaults. The input's
 * shape is checked before the API is looked up, as AWS's input validation comes first.
 */
function checkedLocation(raw: Partial<DocumentationLocation> | undefined, properties: string | undefined, input: string): DocumentationLocation {
  const errors: string[] = []
  if (!raw?.type) errors.push(`Value null at '${input}.location.type' failed to satisfy constraint: Member must not be null`)
  else if (!LOCATION_TYPES.includes(raw.type))
    errors.push(`Value '${raw.type}' at '${input}.location.type' failed to satisfy constraint: Member must satisfy enum value set: [${LOCATION_TYPES.join(', ')}]`)
  if (properties === undefined || properties === null) errors.push(`Value null at '${input}.properties' failed to satisfy constraint: Member must not be null`)
  if (errors.length > 0) throw validationError(errors)
  checkedProperties(properties)
  const type = raw!.type!
  const fields = LOCATION_FIELDS[type]
  const location: DocumentationLocation = {type}
  for (const field of ['path', 'method', 'statusCode', 'name'] as const) {
    const value = raw![field]
    if (!fields.includes(field)) {
      if (value !== undefined && value !== null) throw badRequest(`Invalid location: ${field} is not applicable for type ${type}`)
    } else if (field === 'name') {
      if (!value) throw badRequest(`Invalid location: name is required for type ${type}`)
      location.name = value
    } else location[field] = value || LOCATION_DEFAULTS[field]
  }
  return location
}

/** `properties` is a JSON object written as a string. */
function checkedProperties(properties: string | undefined): string {
  let parsed: unknown
  try {
    parsed = JSON.parse(properties ?? '')
  } catch {
    parsed = undefined
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw badRequest('Invalid properties: must be a JSON object, as a string')
  return properties!
}

const sameLocation = (a: DocumentationLocation, b: DocumentationLocation) =>
  a.type === b.type && a.path === b.path && a.method === b.method && a.statusCode === b.statusCode && a.name === b.name

/** `type 'API'`, `type 'METHOD', path '/pets', method 'GET'`: the fields in the order AWS lists them. */
const describeLocation = (location: DocumentationLocation) =>
  (['type', 'path', 'method', 'statusCode', 'name'] as const)
    .filter((field) => location[field] !== undefined)
    .map((field) => `${field} '${location[field]}'`)
    .join(', ')

/** The DocumentationVersion wire shape. */
const versionView = (version: DocumentationVersionRecord) => ({version: version.version, createdDate: epochSeconds(version.createdDate), description: version.description})
