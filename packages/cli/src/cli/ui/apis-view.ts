import {API_TYPE_LABELS, type ApiRoutes, type ApiSummary, type ResourceSummary, type RouteSummary} from '../../lib/catalog/index.js'
import type {ApiDetails, CreatedApi, DeletedApi} from '../../lib/apis/index.js'
import type {Palette} from './palette.js'
import {cacheText, canaryText} from './stages-view.js'
import {renderKeyValues, renderTable, type Cell} from './table.js'

export function apisListTable(data: {apis: ApiSummary[]}, colors: Palette): string {
  if (data.apis.length === 0) return 'No APIs found.'
  return renderTable(
    ['ID', 'NAME', 'TYPE', 'ENDPOINT', 'CREATED'],
    data.apis.map((api) => [api.id, api.name, api.type, api.endpointType, api.createdDate]),
    colors,
  )
}

export function apiShowView(details: ApiDetails, colors: Palette): string {
  const {api} = details
  const heading = (text: string) => colors.bold.underline(text)
  const sections = [
    renderKeyValues(
      [
        ...summaryPairs(api),
        ...Object.entries(api.settings).map(([key, value]): [string, typeof value] => [words(key), value]),
        ['tags', tagsText(api.tags)],
      ],
      colors,
    ),
    heading('Stages'),
    details.stages.length === 0
      ? 'No stages.'
      : renderTable(
          ['STAGE', 'DEPLOYMENT', 'CANARY', api.type === 'rest' ? 'CACHE' : 'AUTO-DEPLOY', 'LAST UPDATED'],
          details.stages.map((stage) => [
            stage.name,
            stage.deploymentId,
            canaryText(stage.canary),
            cacheText(stage.cache) ?? (stage.autoDeploy ? 'on' : 'off'),
            stage.lastUpdatedDate,
          ]),
          colors,
        ),
  ]
  if (details.resources) sections.push(heading('Resources'), resourcesTable(details.resources, colors))
  if (details.routes) sections.push(heading('Routes'), routesTable(details.routes, colors))
  return sections.join('\n\n')
}

export function apiCreatedView(created: CreatedApi, colors: Palette): string {
  const {api} = created
  return renderKeyValues(
    [
      ...summaryPairs(api),
      ['tags', tagsText(api.tags)],
      ['api endpoint', created.apiEndpoint],
      ...created.stages.map((stage): [string, string] => [`stage ${stage.name}`, stage.invokeUrl]),
    ],
    colors,
  )
}

export function apiDeletedView(deleted: DeletedApi, colors: Palette): string {
  const {api} = deleted
  return renderKeyValues(
    [
      ['deleted', `${API_TYPE_LABELS[api.type]} API ${api.name} (${api.id})`],
      ['stages', deleted.stages.join(', ')],
      ['deployments', deleted.deployments],
      ['detached from', deleted.detachedFrom.map((plan) => `${plan.name} (${plan.id}): ${plan.stages.join(', ')}`).join('; ')],
    ],
    colors,
  )
}

/** `apis routes`: the resource tree or the route table alone. */
export function apiRoutesView(data: ApiRoutes, colors: Palette): string {
  return data.resources ? resourcesTable(data.resources, colors) : routesTable(data.routes ?? [], colors)
}

/** One row per method (a resource without methods gets one row of its own), so paths read as a tree. */
function resourcesTable(resources: ResourceSummary[], colors: Palette): string {
  const rows = resources.flatMap((resource) =>
    resource.methods.length === 0
      ? [[resource.path, null, null, null, null, null]]
      : resource.methods.map((method) => [
          resource.path,
          method.method,
          method.integration?.type,
          method.integration?.target,
          method.authorizationType,
          method.apiKeyRequired ? 'yes' : 'no',
        ]),
  )
  return renderTable(['PATH', 'METHOD', 'INTEGRATION', 'TARGET', 'AUTH', 'API KEY'], rows, colors)
}

function routesTable(routes: RouteSummary[], colors: Palette): string {
  if (routes.length === 0) return 'No routes.'
  return renderTable(
    ['ROUTE', 'INTEGRATION', 'TARGET', 'AUTH', 'API KEY'],
    routes.map((route) => [route.routeKey, route.integration?.type, route.integration?.target, route.authorizationType, route.apiKeyRequired ? 'yes' : 'no']),
    colors,
  )
}

/** The fields every API has, as the first rows of its key/value view. */
function summaryPairs(api: ApiSummary): Array<[string, Cell]> {
  return [
    ['id', api.id],
    ['name', api.name],
    ['type', api.type],
    ['endpoint type', api.endpointType],
    ['created', api.createdDate],
    ['description', api.description],
  ]
}

export function tagsText(tags: Record<string, string>): string {
  return Object.entries(tags).map(([key, value]) => `${key}=${value}`).join(', ')
}

/** "apiKeySource" → "api key source", for labels in the human view. */
function words(camel: string): string {
  return camel.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()
}
