import {apiLabel, summarize, type ApiType} from '../apis/catalog.js'
import {resolveApi} from '../apis/resolve.js'
import type {AwsSession} from '../aws/session.js'
import {ApigwError, ExitCode, usageError} from '../errors.js'
import type {Plan} from '../plan/plan.js'
import {closestMatches, plural, shellQuote} from '../util/text.js'
import {accessLogFormat} from './access-log-formats.js'
import {settingsAdapterFor, settingsOf} from './adapters.js'
import {findStage} from './find.js'
import {changesSeverity, changeText, settingChanges, settingLabel, type SettingChange, type SettingsRequest} from './settings.js'

export interface SetStageOptions {
  /** Id or name. */
  api: string
  stage: string
  /** Checked by parseSettingsRequest. */
  request: SettingsRequest
}

/** The stable JSON shape of `stages set` (documented in the README). */
export interface StageSettingsChanged {
  api: {id: string; name: string; type: ApiType}
  stage: string
  changes: SettingChange[]
}

export interface StageSettingsUpdate {
  /** One UpdateStage, or no step at all when every setting already has its value. */
  plan: Plan
  changed: StageSettingsChanged
  /** For stderr: what was asked but needs no change. */
  notes: string[]
}

/**
 * Plans the changes to a stage's settings as one UpdateStage call: REST JSON Patch operations or
 * v2 fields, by the API's kind. Everything is checked before anything is written: the settings
 * exist for this kind of API, the stage and the methods or routes named exist.
 */
export async function prepareStageSettings(session: AwsSession, options: SetStageOptions): Promise<StageSettingsUpdate> {
  const entry = await resolveApi(session, options.api)
  const {id, name, type} = summarize(entry)
  const label = apiLabel({id, name, type})
  const adapter = settingsAdapterFor(type)
  const refused = adapter.inapplicable(options.request)
  if (refused) throw usageError(`${refused.flag} does not apply to ${label}: ${refused.why}.`, [`Try: the same command without ${refused.flag}`], 'SETTING_NOT_FOR_KIND')
  const routes = Object.keys(options.request.routeThrottles)
  const [found, routeKeys] = await Promise.all([findStage(session, entry, options.stage), routes.length > 0 ? adapter.routeKeys(session, id) : ([] as string[])])
  const missing = routes.find((route) => !routeKeys.includes(route))
  if (missing !== undefined) throw routeNotFound(label, type, missing, routeKeys, id)

  const request = withFormatText(options.request, type)
  const settings = settingsOf(found)
  const changes = settingChanges(settings.current, request, settings.settingsKey)
  const stage = found.summary.name
  const where = `stage "${stage}" of ${label}`
  const summary = changes.length === 0 ? `change nothing on ${where}` : `change ${where}: ${changes.map(changeText).join('; ')}`
  const stepSummary = `update ${plural(changes.length, 'setting')} of stage "${stage}": ${changes.map(settingLabel).join(', ')}`
  return {
    plan: {summary, severity: changesSeverity(changes), steps: changes.length === 0 ? [] : [settings.updateStep({session, apiId: id, summary: stepSummary}, changes)]},
    changed: {api: {id, name, type}, stage, changes},
    notes: [
      ...request.unsetVariables.filter((variable) => !(variable in settings.current.variables)).map((variable) => `Stage variable "${variable}" is not set on ${where}; nothing to unset.`),
      ...(changes.length === 0 ? [`The ${where} already has these settings; nothing to change.`] : []),
    ],
  }
}

/** A preset name (`json`) becomes the format text for this kind of API. */
function withFormatText(request: SettingsRequest, type: ApiType): SettingsRequest {
  const format = request.accessLog?.format
  return format === undefined ? request : {...request, accessLog: {...request.accessLog, format: accessLogFormat(format, type)}}
}

function routeNotFound(label: string, type: ApiType, route: string, routeKeys: string[], apiId: string): ApigwError {
  const noun = type === 'rest' ? 'method' : 'route'
  const close = closestMatches(route, routeKeys)
  return new ApigwError(`${label} has no ${noun} "${route}"; its ${noun}s: ${routeKeys.join(', ') || 'none'}.`, {
    code: 'ROUTE_NOT_FOUND',
    exitCode: ExitCode.notFound,
    suggestions: [...(close.length > 0 ? [`Did you mean: ${close.map(shellQuote).join(', ')}?`] : []), `Try: apigw apis routes --api ${apiId}`],
  })
}
