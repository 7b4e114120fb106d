/**
 * Releases: deploy, import a definition and deploy it, promote a stage's deployment to another,
 * roll back, the release records kept in deployment descriptions, and stage diffs.
 * The public door of lib/releases: code outside this folder imports from here, never from its files.
 */
export {releaseActor} from './actor.js'
export {knownId} from './adapter.js'
export {prepareDeploy} from './deploy.js'
export {stageHistory} from './history.js'
export type {Release, StageHistory} from './history.js'
export {BASEPATH_MODES, ENDPOINT_TYPES, IMPORT_MODES, prepareImport} from './import.js'
export type {ImportResult} from './import.js'
export {checkReleaseText, withRecord} from './note.js'
export {preparePromote} from './promote.js'
export type {ReleaseChange, ReleaseFollowUp, ReleaseResult} from './release.js'
export {restReleases} from './rest-release.js'
export {prepareRollback} from './rollback.js'
export type {StageDiff} from './stage-diff.js'
export {switchRecordStep} from './switch-record.js'
export type {SwitchRecord} from './switch-record.js'

// Loaded on demand (import() of one module), so that commands that do not need them never load them:
// an index that is itself imported with import() would load its whole domain.
export const loadGithubOutput = () => import('./github-output.js')
export const loadReleaseActor = () => import('./actor.js')
