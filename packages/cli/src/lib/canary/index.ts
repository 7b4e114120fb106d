/**
 * Canary releases: start, set, promote, abort and pause a stage's canary, and `canary run`, the
 * controller that shifts traffic step by step as its gates judge CloudWatch (`apigw canary …`).
 * The public door of lib/canary: code outside this folder imports from here, never from its files.
 */
export type {CanaryState} from './actuator.js'
export type {RolloutEnd, RolloutEvent} from './controller.js'
export {preparePromote, prepareSet, prepareStart, prepareStop} from './manual.js'
export type {CanaryChange} from './manual.js'
export {parseOverrides, parsePercentFlag} from './request.js'
export {absoluteGates, parseMinRequests} from './rollout-settings.js'
export type {RolloutSettings} from './rollout-settings.js'
export type {StageLease} from './run-lease.js'
export type {CanaryRollout} from './run.js'
export {stateText} from './state.js'
export type {CanaryStatus} from './status.js'

// Loaded on demand (import() of one module), so that commands that do not need them never load them:
// an index that is itself imported with import() would load its whole domain.
export const loadRolloutSettings = () => import('./rollout-settings.js')
export const loadCanaryRun = () => import('./run.js')
export const loadStatusWatch = () => import('./status.js')
