/**
 * The CLI's side of the sandbox: finding, starting, stopping and talking to a running sandbox, and
 * driving its traffic simulator (`apigw sandbox …`).
 * The public door of lib/sandbox: code outside this folder imports from here, never from its files.
 */
export {controlCall, ensureSandbox, requireRunning, resetSandbox, sandboxStatus, startDetachedAlone, stopSandbox} from './client.js'
export {lastStartedElsewhere, locateSandbox} from './locate.js'
export type {LocateOptions} from './locate.js'
export {nextSteps} from './next-steps.js'
export {defaultStateDir, rememberStarted} from './runtime.js'
export type {RuntimeInfo} from './runtime.js'
export {withStartLock} from './start-lock.js'
export {backfillWindow, followTraffic, parseTrafficProfile, simulate, trafficKeyIds} from './traffic.js'
