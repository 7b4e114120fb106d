/**
 * Fleet targets: every profile (--profiles) in every region (--regions) a fleet view reads, each
 * with a session of its own, a few at a time, failures reported per target (docs/fleet.md).
 * The public door of lib/fleet: code outside this folder imports from here, never from its files.
 */
export {API_GATEWAY_REGIONS} from './regions.js'
export {DEFAULT_CONCURRENCY, failedTargets, forEachTarget, located} from './run.js'
export type {FleetRun, TargetReport, TargetResult} from './run.js'
export {targets} from './targets.js'
export type {TargetOptions, TargetSpec} from './targets.js'
