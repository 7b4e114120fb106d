import {apiLabel} from '../../lib/catalog/index.js'
import {type DeletedStage, type RouteSettings, settingLabel, settingValueText, type StageDetails, type StageList, type StageSettingsChanged, type StageShown} from '../../lib/stages/index.js'
import {planNames} from '../../lib/usage-plans/index.js'
import type {Palette} from './palette.js'
import {formatCell, renderKeyValues, renderTable, type Cell} from './table.js'

const onOff = (value: boolean | null) => (value === null ? null : settingValueText(value))
const throttleText = (throttle: RouteSettings['throttle']) => (throttle ? settingValueText(throttle) : null)
export const canaryText = (canary: Pick<NonNullable<StageDetails['canary']>, 'deploymentId' | 'percentTraffic'> | null) => (canary ? `${canary.percentTraffic}% → ${formatCell(canary.deploymentId)}` : null)
export const cacheText = (cache: StageDetails['cache']) => (cache ? (cache.enabled ? `${formatCell(cache.size)} GB ${cache.status}` : 'off') : null)

export function stagesListView(data: StageList, colors: Palette): string {
  if (data.stages.length === 0) return `No stages. ${apiLabel(data.api)} has not been deployed.`
  const rest = data.api.type === 'rest'
  return renderTable(
    ['STAGE', 'DEPLOYMENT', 'LAST UPDATED', rest ? 'CANARY' : 'AUTO-DEPLOY', ...(rest ? ['CACHE', 'TRACING'] : []), 'THROTTLE', 'LOGGING', 'METRICS', 'VARIABLES'],
    data.stages.map((stage) => [
      stage.name,
      stage.deploymentId,
      stage.lastUpdatedDate,
      rest ? canaryText(stage.canary) : onOff(stage.autoDeploy),
      ...(rest ? [cacheText(stage.cache), onOff(stage.tracing)] : []),
      throttleText(stage.throttle),
      stage.logging,
      onOff(stage.metrics),
      Object.keys(stage.variables).length,
    ]),
    colors,
  )
}

export function stageShowView(data: StageShown, colors: Palette): string {
  const {stage} = data
  const heading = (text: string) => colors.bold.underline(text)
  const rest = data.api.type === 'rest'
  const pairs: Array<[string, Cell]> = [
    ['api', apiLabel(data.api)],
    ['stage', stage.name],
    ['description', stage.description],
    ['deployment', stage.deploymentId],
    ['invoke url', stage.invokeUrl],
    ['created', stage.createdDate],
    ['last updated', stage.lastUpdatedDate],
    ...(rest
      ? ([
          ['canary', canaryText(stage.canary)],
          ['cache', cacheText(stage.cache)],
          ['tracing', onOff(stage.tracing)],
        ] as Array<[string, Cell]>)
      : ([['auto-deploy', onOff(stage.autoDeploy)]] as Array<[string, Cell]>)),
    ['throttle', throttleText(stage.throttle)],
    ['logging', stage.logging],
    ['data trace', onOff(stage.dataTrace)],
    ['metrics', onOff(stage.metrics)],
    ['access log', stage.accessLog?.destinationArn],
    ['access log format', stage.accessLog?.format],
  ]
  const variables = Object.entries(stage.variables)
  const routeSettings = Object.entries(stage.methodSettings ?? stage.routeSettings ?? {})
  return [
    renderKeyValues(pairs, colors),
    heading('Variables'),
    variables.length === 0 ? 'No stage variables.' : renderTable(['NAME', 'VALUE'], variables, colors),
    heading(rest ? 'Method settings' : 'Route settings'),
    routeSettings.length === 0
      ? `No ${rest ? 'method' : 'route'} settings.`
      : renderTable(
          [rest ? 'METHOD' : 'ROUTE', 'THROTTLE', 'LOGGING', 'DATA TRACE', 'METRICS', ...(rest ? ['CACHING'] : [])],
          routeSettings.map(([key, settings]) => [
            key,
            throttleText(settings.throttle),
            settings.logging,
            onOff(settings.dataTrace),
            onOff(settings.metrics),
            ...(rest ? [settings.caching?.enabled ? `on, ${formatCell(settings.caching.ttlInSeconds)}s` : 'off'] : []),
          ]),
          colors,
        ),
  ].join('\n\n')
}

export function stageSettingsChangedView(data: StageSettingsChanged, colors: Palette): string {
  if (data.changes.length === 0) return 'No changes.'
  return renderTable(
    ['SETTING', 'BEFORE', 'AFTER'],
    data.changes.map((change) => [settingLabel(change), settingValueText(change.before), change.after === null ? '(removed)' : settingValueText(change.after)]),
    colors,
  )
}

export function stageDeletedView(data: DeletedStage, colors: Palette): string {
  return renderKeyValues(
    [
      ['deleted', `stage ${data.stage} of ${apiLabel(data.api)}`],
      ['deployment', data.deploymentId ? `${data.deploymentId} (kept)` : null],
      ['detached from', planNames(data.detachedFrom)],
    ],
    colors,
  )
}
