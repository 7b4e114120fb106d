/**
 * Changes: a mutation as a change of steps (each an AWS operation with its exact input), prepared by
 * a domain and applied by one runner that reports what ran, with the read-backs, claims and
 * exclusive steps it uses. The public door of lib/change: code outside this folder imports from
 * here, never from its files.
 */
export {allClaims, claimTag, claimTime, earlier, liveClaims} from './claims.js'
export type {Claim} from './claims.js'
export {CHANGE_CLAIM_MS, exclusiveStep, exclusively, restArn} from './exclusive.js'
export {describeChange, fromStep, sentInput} from './change.js'
export type {Change, ChangeDescription, ChangeStep, Severity, StepResults} from './change.js'
export {NOTHING_RUN, QUIET, runPrepared} from './prepared.js'
export type {ChangeIO, PreparedChange} from './prepared.js'
export {runChange} from './runner.js'
export type {ChangeRun, RunOptions, StepOutcome} from './runner.js'
export {mismatches, requireWritten, sameData} from './verify.js'
export type {VerifyOptions, Written} from './verify.js'

// Loaded on demand (import() of one module), so that commands that do not need them never load them:
// an index that is itself imported with import() would load its whole domain.
export const loadChangeDescription = () => import('./change.js')
export const loadChangeRunner = () => import('./runner.js')
export const loadPreparedRunner = () => import('./prepared.js')
