import type {SandboxContext} from '../context.js'
import {badRequest, conflict, empty, json, jsonBody, type Router, type SandboxRequest} from '../http.js'
import {TABLES, type ResourceRecord} from '../model.js'
import {pageBySortKey} from './paging.js'
import {checkInput, requiredProblems} from './input-checks.js'
import {patchOperationsOf, type PatchOperation} from './patch.js'
import {apiResources, RESOURCE_ID_LENGTH, requireResource, resourceKey, resourceNotFound, resourceWire, saveResource} from './apis-store.js'
import {requireApi} from './lookup.js'

export function registerResources(router: Router, context: SandboxContext): void {
  router
    .add('GET', '/restapis/{restapi_id}/resources', (request, {restapi_id}) => {
      requireApi(context, restapi_id)
      // Listed by path, which puts every resource after its parent.
      const page = pageBySortKey(apiResources(context, restapi_id), (resource) => resource.path, request.query)
      return json(200, {item: page.items.map((resource) => resourceWire(resource, embedsMethods(request))), position: page.position})
    })
    .add('GET', '/restapis/{restapi_id}/resources/{resource_id}', (request, {restapi_id, resource_id}) =>
      json(200, resourceWire(requireResource(context, restapi_id, resource_id), embedsMethods(request))),
    )
    .add('POST', '/restapis/{restapi_id}/resources/{parent_id}', (request, {restapi_id, parent_id}) => {
      const {pathPart} = jsonBody<{pathPart?: string}>(request)
      checkInput(requiredProblems('createResourceInput', {pathPart}))
      requireApi(context, restapi_id)
      const parent = requireResource(context, restapi_id, parent_id)
      const siblings = apiResources(context, restapi_id).filter((resource) => resource.parentId === parent.id)
      checkChild(parent, siblings, pathPart)
      const resource: ResourceRecord = {id: context.newId(RESOURCE_ID_LENGTH), parentId: parent.id, pathPart, path: childPath(parent.path, pathPart)}
      saveResource(context, restapi_id, resource)
      return json(201, resourceWire(resource, false))
    })
    .add('PATCH', '/restapis/{restapi_id}/resources/{resource_id}', (request, {restapi_id, resource_id}) => {
      const resource = requireResource(context, restapi_id, resource_id)
      const operations = patchOperationsOf(request, 'updateResourceInput')
      const all = new Map(apiResources(context, restapi_id).map((each) => [each.id, structuredClone(each)]))
      const updated = all.get(resource.id)!
      for (const operation of operations) patchResource(all, updated, operation)
      for (const each of reparent(all, updated)) saveResource(context, restapi_id, each)
      return json(200, resourceWire(updated, false))
    })
    .add('DELETE', '/restapis/{restapi_id}/resources/{resource_id}', (_request, {restapi_id, resource_id}) => {
      const resource = requireResource(context, restapi_id, resource_id)
      if (resource.parentId === undefined) throw badRequest('Root resource cannot be deleted.')
      const doomed = new Set([resource.id])
      // Paths sort parents before children, so one pass finds every descendant.
      for (const each of apiResources(context, restapi_id).sort((a, b) => (a.path < b.path ? -1 : 1)))
        if (each.parentId !== undefined && doomed.has(each.parentId)) doomed.add(each.id)
      for (const id of doomed) context.store.delete(TABLES.resources, resourceKey(restapi_id, id))
      return empty(202)
    })
}

const embedsMethods = (request: SandboxRequest) => request.query.getAll('embed').some((value) => value.split(',').includes('methods'))

export const childPath = (parentPath: string, pathPart: string | undefined) => (parentPath === '/' ? `/${pathPart}` : `${parentPath}/${pathPart}`)

const PATH_PART = /^(?:[a-zA-Z0-9._-]+|\{[a-zA-Z0-9._-]+\+?\})$/
const isVariable = (pathPart: string | undefined) => pathPart?.startsWith('{') ?? false

/** AWS's rules for a new or renamed child of `parent`, given its other children. */
export function checkChild(parent: ResourceRecord, siblings: ResourceRecord[], pathPart: string | undefined): asserts pathPart is string {
  if (!pathPart || !PATH_PART.test(pathPart))
    throw badRequest("Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning and the end and an optional plus sign before the closing brace.")
  if (parent.pathPart?.endsWith('+}')) throw badRequest(`Cannot create a child of a resource with a greedy path variable: ${parent.pathPart}`)
  if (siblings.some((sibling) => sibling.pathPart === pathPart)) throw conflict(`Another resource with the same parent already has this name: ${pathPart}`)
  const variableSibling = siblings.find((sibling) => isVariable(sibling.pathPart))
  if (isVariable(pathPart) && variableSibling)
    throw badRequest(`A sibling (${variableSibling.pathPart}) of this resource already has a variable path part -- only one is allowed`)
}

const UPDATABLE = ['/parentId', '/pathPart']

function patchResource(all: Map<string, ResourceRecord>, resource: ResourceRecord, {op, path, value}: PatchOperation): void {
  // AWS's messages have two spaces after "path".
  if (op !== 'replace') throw badRequest(`Invalid patch path  '${path}' specified for op '${op}'. Please choose supported operations`)
  if (!UPDATABLE.includes(path)) throw badRequest(`Invalid patch path  '${path}' specified for op 'replace'. Must be one of: [${UPDATABLE.join(', ')}]`)
  const field = path.slice(1) as 'parentId' | 'pathPart'
  if (resource.parentId === undefined) throw badRequest(`Root resource cannot update its ${field}.`)
  const parentId = field === 'parentId' ? value : resource.parentId
  const parent = parentId === undefined ? undefined : all.get(parentId)
  if (!parent) throw resourceNotFound()
  for (let ancestor: ResourceRecord | undefined = parent; ancestor; ancestor = ancestor.parentId ? all.get(ancestor.parentId) : undefined)
    if (ancestor.id === resource.id) throw badRequest('Resources cannot be cyclical.')
  const pathPart = field === 'pathPart' ? value : resource.pathPart
  const siblings = [...all.values()].filter((each) => each.parentId === parent.id && each.id !== resource.id)
  checkChild(parent, siblings, pathPart)
  resource.parentId = parent.id
  resource.pathPart = pathPart
}

/** Recomputes the paths of a moved or renamed resource and of everything under it, which it returns. */
function reparent(all: Map<string, ResourceRecord>, resource: ResourceRecord): ResourceRecord[] {
  resource.path = childPath(all.get(resource.parentId!)!.path, resource.pathPart)
  return [resource, ...[...all.values()].filter((child) => child.parentId === resource.id).flatMap((child) => reparent(all, child))]
}
