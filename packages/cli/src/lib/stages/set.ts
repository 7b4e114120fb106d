import {apiLabel, summarize, type AnyApi, type ApiType} from '../catalog/index.js'
import {resolveApi} from '../catalog/index.js'
import type {AwsSession} from '../aws/index.js'
import {ApigwError, ExitCode, usageError} from '../errors.js'
import type {Change} from '../change/index.js'
import type {PreparedChange} from '../change/index.js'
import {capitalize, closestMatches, plural, shellQuote} from '../util/text.js'
import {accessLogFormat} from './access-log-formats.js'
import {settingsAdapterFor, settingsOf} from './adapters.js'
import {findStage, type FoundStage} from '../catalog/index.js'
import {requireWritten} from '../change/index.js'
import {changesSeverity, changeText, settingChanges, settingLabel, settingValueText, stageShowCommand, type SettingChange, type SettingsRequest} from './settings.js'

export interface SetStageOptions {
  /** Id or name. */
  api: string
  stage: string
  /** Checked by parseSettingsRequest. */
  request: SettingsRequest
}

/** The stable JSON shape of `stages set` (docs/json.md). */
export interface StageSettingsChanged {
  api: {id: string; name: string; type: ApiType}
  stage: string
  changes: SettingChange[]
}

/** The change of a stage's settings, for `stages set` and the cache commands to build on. */
export interface StageSettingsUpdate {
  /** One UpdateStage, or no step at all when every setting already has its value. */
  change: Change
  changed: StageSettingsChanged
  /** For stderr: what was asked but needs no change. */
  notes: string[]
  /**
   * Once the change ran: the stage read back, which must hold every setting as written, else
   * CHANGED_MEANWHILE (exit 5, change/verify.ts) naming what someone else changed meanwhile.
   */
  verify(): Promise<FoundStage>
}

/**
 * Plans the changes to a stage's settings as one UpdateStage call: REST JSON Patch operations or
 * v2 fields, by the API's kind. Everything is checked before anything is written: the settings
 * exist for this kind of API, the stage and the methods or routes named exist.
 */
export async function prepareStageSettings(session: AwsSession, options: SetStageOptions): Promise<PreparedChange<StageSettingsChanged>> {
  const entry = await resolveApi(session, options.api)
  const api = summarize(entry)
  const adapter = settingsAdapterFor(api.type)
  const refused = adapter.inapplicable(options.request)
  if (refused) throw usageError(`${refused.flag} does not apply to ${apiLabel(api)}: ${refused.why}.`, [`Try: the same command without ${refused.flag}`], 'SETTING_NOT_FOR_KIND')
  const routes = requestedRoutes(options.request)
  const [found, routeKeys] = await Promise.all([findStage(session, entry, options.stage), routes.length > 0 ? adapter.routeKeys(session, api.id) : ([] as string[])])
  requireRoutes(api, routes, routeKeys)
  const update = stageSettingsUpdate(session, entry, found, options.request)
  return {
    change: update.change,
    notes: update.notes,
    result: async (run) => {
      if (run.outcomes.length > 0) await update.verify()
      return update.changed
    },
  }
}

/** The methods or routes a request names (their throttles, their caching). */
const requestedRoutes = (request: SettingsRequest) => [...new Set([...Object.keys(request.routeThrottles), ...Object.keys(request.routeCaching ?? {})])]

/** ROUTE_NOT_FOUND (exit 4) for the first of `routes` that is not among the API's `routeKeys`. */
export function requireRoutes(api: {id: string; name: string; type: ApiType}, routes: string[], routeKeys: string[]): void {
  const missing = routes.find((route) => !routeKeys.includes(route))
  if (missing !== undefined) throw routeNotFound(apiLabel(api), api.type, missing, routeKeys, api.id)
}

/** The update of a stage already found, its settings checked for the API's kind and its routes for existence. */
export function stageSettingsUpdate(session: AwsSession, entry: AnyApi, found: FoundStage, request: SettingsRequest): StageSettingsUpdate {
  const {id, name, type} = summarize(entry)
  const label = apiLabel({id, name, type})
  const withText = withFormatText(request, type)
  const settings = settingsOf(found)
  const changes = settingChanges(settings.current, withText, settings.settingsKey)
  const stage = found.summary.name
  const where = `stage "${stage}" of ${label}`
  const summary = changes.length === 0 ? `change nothing on ${where}` : `change ${where}: ${changes.map(changeText).join('; ')}`
  const stepSummary = `update ${plural(changes.length, 'setting')} of stage "${stage}": ${changes.map(settingLabel).join(', ')}`
  return {
    change: {summary, severity: changesSeverity(changes), steps: changes.length === 0 ? [] : [settings.updateStep({session, apiId: id, summary: stepSummary}, changes)]},
    changed: {api: {id, name, type}, stage, changes},
    verify: async () => {
      const now = await findStage(session, entry, stage)
      // What still differs from the request once it was written is what someone else wrote meanwhile.
      const differing = settingChanges(settingsOf(now).current, withText, settings.settingsKey)
      requireWritten(
        differing.map((change) => ({what: settingLabel(change), wrote: change.after, holds: change.before, text: (value) => (value === null ? 'unset' : settingValueText(value as SettingChange['before']))})),
        {subject: capitalize(where), look: stageShowCommand(id, stage)},
      )
      return now
    },
    notes: [
      ...withText.unsetVariables.filter((variable) => !(variable in settings.current.variables)).map((variable) => `Stage variable "${variable}" is not set on ${where}; nothing to unset.`),
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
