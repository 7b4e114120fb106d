/**
 * What a program that drives a running sandbox needs, and nothing heavier: the control token's
 * header, the runtime file, the faults model and the operations faults may name, and the traffic
 * simulator's input. (startSandbox itself is in index.ts.)
 */
export {TOKEN_HEADER} from './guard.js'
export {findRunning, isAlive, readRuntimeFile, type ControlTarget, type RuntimeInfo} from './runtime-file.js'
export {LOST_ANSWERS, MAX_LATENCY_MS, NO_FAULTS, noFaults, type FailCall, type Faults, type LostAnswer, type LostCall} from './faults.js'
export {OPERATION_NAMES} from './operations.js'
export {MAX_WINDOW_MS, type ErrorRate, type LatencyProfile, type TrafficSpec, type TrafficSummary} from './traffic/spec.js'
export {portInUse, refuseSecondSandbox, SandboxStartError} from './start-refusals.js'
