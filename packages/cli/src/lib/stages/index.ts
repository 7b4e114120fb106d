/**
 * Stages: create, show, configure (the settings request and its REST and v2 adapters) and delete
 * them (`apigw stages …`).
 * The public door of lib/stages: code outside this folder imports from here, never from its files.
 */
export {ACCESS_LOG_PRESETS} from './access-log-formats.js'
export {settingsOf} from './adapters.js'
export {checkCreateStageOptions, prepareStageCreation} from './create.js'
export {prepareStageDeletion, prepareStageDetachUndo} from './delete.js'
export type {DeletedStage} from './delete.js'
export type {StageDetails} from './details.js'
export {prepareStageSettings, requireRoutes, stageSettingsUpdate} from './set.js'
export type {StageSettingsChanged} from './set.js'
export {checkVariableName, parseRoute, parseSettingsRequest, parseVariables} from './settings-request.js'
export {restSettings} from './settings-rest.js'
export {settingLabel, settingValueText} from './settings.js'
export type {MethodCaching, RouteSettings, SettingsRequest, StageSettings, Throttle} from './settings.js'
export {listStageDetails, showStage} from './show.js'
export type {StageList, StageShown} from './show.js'
