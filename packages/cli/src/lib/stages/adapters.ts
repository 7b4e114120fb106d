import type {ApiType} from '../catalog/index.js'
import type {AwsSession} from '../aws/index.js'
import type {ChangeStep} from '../change/index.js'
import type {FoundStage} from '../catalog/index.js'
import {restSettings} from './settings-rest.js'
import {v2Settings} from './settings-v2.js'
import type {SettingChange, SettingsAdapter, StageSettings} from './settings.js'

/** The one place that picks a stage-settings adapter by API kind. */
export function settingsAdapterFor(kind: ApiType): Pick<SettingsAdapter<unknown>, 'inapplicable' | 'routeKeys'> {
  return kind === 'rest' ? restSettings : v2Settings(kind)
}

/** A stage's settings, and how to change them, whatever its kind. */
export interface StageSettingsOf {
  current: StageSettings
  settingsKey(route: string): string
  updateStep(context: {session: AwsSession; apiId: string; summary: string}, changes: SettingChange[]): ChangeStep
}

export function settingsOf(found: FoundStage): StageSettingsOf {
  return found.kind === 'rest' ? bind(restSettings, found.raw) : bind(v2Settings(found.kind), found.raw)
}

function bind<Raw>(adapter: SettingsAdapter<Raw>, stage: Raw): StageSettingsOf {
  return {
    current: adapter.read(stage),
    settingsKey: adapter.settingsKey,
    updateStep: (context, changes) => adapter.updateStep({...context, stage}, changes),
  }
}
