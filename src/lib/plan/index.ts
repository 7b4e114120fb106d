/**
 * Changes: a mutation as a plan of steps (each an AWS operation with its exact input), the runner
 * that executes it and reports what ran, and the read-backs, claims and exclusive steps it uses.
 * The public door of lib/plan: code outside this folder imports from here, never from its files.
 */
export {allClaims, claimTag, claimTime, earlier, liveClaims} from './claims.js'
export type {Claim} from './claims.js'
export {exclusiveStep, exclusively, restArn} from './exclusive.js'
export {describePlan, fromStep, sentInput} from './plan.js'
export type {Plan, PlanDescription, PlanStep, Severity, StepResults} from './plan.js'
export {runPlan} from './runner.js'
export type {PlanRun} from './runner.js'
export {requireWritten} from './verify.js'
export type {Written} from './verify.js'

// Loaded on demand (import() of one module), so that commands that do not need them never load them:
// an index that is itself imported with import() would load its whole domain.
export const loadPlanDescription = () => import('./plan.js')
export const loadPlanRunner = () => import('./runner.js')
