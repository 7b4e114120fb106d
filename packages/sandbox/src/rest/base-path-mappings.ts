import type {SandboxContext} from '../context.js'
import {badRequest, conflict, empty, json, jsonBody, notFound, type Router} from '../http.js'
import {TABLES} from '../model.js'
import {deleteMapping, findMapping, mappingsOf, NO_BASE_PATH, replaceMapping, requireDomainName, saveMapping, type ApiMappingRecord} from './domain-records.js'
import {findStage} from './lookup.js'
import {pageBySortKey} from './paging.js'
import {checkPatchPaths, patchOperationsOf} from './patch.js'

/**
 * CreateBasePathMapping, GetBasePathMapping(s), UpdateBasePathMapping and DeleteBasePathMapping.
 * docs/aws-behaviour.md#base-path-mappings
 */

const MAPPING_PATCH_PATHS = {replace: ['/basePath', '/restapiId', '/stage']} as const

export const MAPPING_NOT_FOUND = 'Invalid base path mapping identifier specified'

interface CreateBasePathMappingInput {
  basePath?: string
  restApiId?: string
  stage?: string
}

export function registerBasePathMappings(router: Router, context: SandboxContext): void {
  const mappings = '/domainnames/{domain_name}/basepathmappings'
  const mapping = `${mappings}/{base_path}`
  router
    .add('POST', mappings, (request, {domain_name}) => {
      const input = jsonBody<CreateBasePathMappingInput>(request)
      const domain = requireDomainName(context, domain_name)
      const key = checkedBasePath(input.basePath ?? '')
      const target = checkedTarget(context, input.restApiId, input.stage || undefined)
      if (findMapping(context, domain.domainName, key)) throw conflict(BASE_PATH_EXISTS)
      const created = saveMapping(context, {id: context.newId(6), domainName: domain.domainName, key, ...target, createdDate: context.clock.now()})
      return json(201, basePathMappingView(created))
    })
    .add('GET', mappings, (request, {domain_name}) => {
      const domain = requireDomainName(context, domain_name)
      const page = pageBySortKey(mappingsOf(context, domain.domainName), (found) => found.key || NO_BASE_PATH, request.query)
      return json(200, {item: page.items.map(basePathMappingView), position: page.position})
    })
    .add('GET', mapping, (_request, {domain_name, base_path}) => json(200, basePathMappingView(requireBasePathMapping(context, domain_name, base_path))))
    .add('PATCH', mapping, (request, {domain_name, base_path}) => {
      const before = requireBasePathMapping(context, domain_name, base_path)
      const after = {...before}
      let apiId: string | undefined = before.apiId
      let stage = before.stage
      for (const {path, value} of checkPatchPaths(patchOperationsOf(request, 'updateBasePathMappingInput'), MAPPING_PATCH_PATHS)) {
        if (path === '/basePath') after.key = checkedBasePath(value ?? '')
        else if (path === '/restapiId') apiId = value
        else stage = value || undefined
      }
      // The new API and stage are checked together, so one batch can switch both (a blue/green switch).
      Object.assign(after, checkedTarget(context, apiId, stage))
      return json(200, basePathMappingView(replaceMapping(context, before, after, () => conflict(BASE_PATH_EXISTS))))
    })
    .add('DELETE', mapping, (_request, {domain_name, base_path}) => {
      deleteMapping(context, requireBasePathMapping(context, domain_name, base_path))
      return empty(202)
    })
}

/** docs/aws-behaviour.md#a-base-path-is-unique-on-its-domain-name */
const BASE_PATH_EXISTS = 'Base path already exists for this domain name'

/** The BasePathMapping wire shape. */
export function basePathMappingView(mapping: ApiMappingRecord) {
  return {basePath: mapping.key || NO_BASE_PATH, restApiId: mapping.apiId, stage: mapping.stage}
}

/** `(none)`, or nothing, names the empty base path. docs/aws-behaviour.md#the-empty-base-path-is-none */
function checkedBasePath(basePath: string): string {
  if (basePath === NO_BASE_PATH) return ''
  if (basePath.includes('/'))
    throw badRequest("API Gateway V1 doesn't support the slash character (/) in base path mappings. To create a multi-level base path mapping, use API Gateway V2.")
  return basePath
}

/** A REST API and (optionally) one of its stages, as AWS checks them for a mapping: both 400s. */
function checkedTarget(context: SandboxContext, apiId: string | undefined, stageName: string | undefined): Pick<ApiMappingRecord, 'apiId' | 'stage'> {
  if (!apiId || !context.store.get(TABLES.restApis, apiId)) throw badRequest('Invalid REST API identifier specified')
  if (stageName === undefined) return {apiId, stage: undefined}
  const stage = findStage(context, apiId, stageName)
  if (!stage) throw badRequest('Invalid stage identifier specified')
  return {apiId, stage: stage.stageName}
}

function requireBasePathMapping(context: SandboxContext, domainName: string, basePath: string): ApiMappingRecord {
  const domain = requireDomainName(context, domainName)
  const found = findMapping(context, domain.domainName, basePath === NO_BASE_PATH ? '' : basePath)
  if (!found) throw notFound(MAPPING_NOT_FOUND)
  return found
}
