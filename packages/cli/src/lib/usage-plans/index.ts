/**
 * Usage plans: throttle and quota for REST API stages, the API keys in them, their daily usage, and
 * the records that let a cut-short detach (before deleting an API or stage) resume (`apigw plans …`).
 * The public door of lib/usage-plans: code outside this folder imports from here, never from its files.
 */
export {prepareCreate} from './create.js'
export {prepareDelete, prepareDeleteUndo} from './delete.js'
export type {DeletedUsagePlan, UsagePlanDeleteUndone} from './delete.js'
export {prepareAttach, prepareDetach} from './keys.js'
export type {UsagePlanMembershipChange} from './keys.js'
export {MAX_PLANS_PER_KEY, attachKeyStep, attachProblem, keyLabel} from './membership.js'
export type {KeyReference} from './membership.js'
export {parseApiStage, parseQuotaFlag, parseThrottleFlag, usageWindow} from './options.js'
export type {UsagePlanQuota, UsagePlanThrottle} from './options.js'
export {listPlans, showPlan} from './read.js'
export type {UsagePlanListEntry} from './read.js'
export {detachUndo, detachingDeletion, findDetachment, planNames, referencedByUsagePlans, resumingNotice} from './references.js'
export type {DetachUndone, UsagePlanReference} from './references.js'
export {resolvePlan} from './resolve.js'
export {prepareSet} from './set.js'
export {apiStageText} from './summary.js'
export type {UsagePlanApiStage, UsagePlanShown, UsagePlanSummary} from './summary.js'
export {planUsage} from './usage.js'
export type {KeyUsage, UsagePlanUsage} from './usage.js'
