import type {ApiSummary} from '../apis/catalog.js'
import type {ApiDetails} from '../apis/show.js'
import type {Palette} from './palette.js'
import {formatCell, renderKeyValues, renderTable} from './table.js'

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
        ['id', api.id],
        ['name', api.name],
        ['type', api.type],
        ['endpoint type', api.endpointType],
        ['created', api.createdDate],
        ['description', api.description],
        ...Object.entries(api.settings).map(([key, value]): [string, typeof value] => [words(key), value]),
        ['tags', Object.entries(api.tags).map(([key, value]) => `${key}=${value}`).join(', ')],
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
            stage.canary ? `${stage.canary.percentTraffic}% → ${formatCell(stage.canary.deploymentId)}` : null,
            stage.cache ? (stage.cache.enabled ? `${formatCell(stage.cache.size)} GB ${stage.cache.status}` : 'off') : stage.autoDeploy ? 'on' : 'off',
            stage.lastUpdatedDate,
          ]),
          colors,
        ),
  ]
  if (details.resources) {
    const rows = details.resources.flatMap((resource) =>
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
    sections.push(heading('Resources'), renderTable(['PATH', 'METHOD', 'INTEGRATION', 'TARGET', 'AUTH', 'API KEY'], rows, colors))
  }
  if (details.routes) {
    sections.push(
      heading('Routes'),
      details.routes.length === 0
        ? 'No routes.'
        : renderTable(
            ['ROUTE', 'INTEGRATION', 'TARGET', 'AUTH', 'API KEY'],
            details.routes.map((route) => [
              route.routeKey,
              route.integration?.type,
              route.integration?.target,
              route.authorizationType,
              route.apiKeyRequired ? 'yes' : 'no',
            ]),
            colors,
          ),
    )
  }
  return sections.join('\n\n')
}

/** "apiKeySource" → "api key source", for labels in the human view. */
function words(camel: string): string {
  return camel.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()
}
