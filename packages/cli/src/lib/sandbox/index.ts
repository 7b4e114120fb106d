/**
 * The CLI's side of the sandbox: finding, starting, stopping and talking to a running sandbox, and
 * driving its traffic simulator (`apigw sandbox …`).
 * The public door of lib/sandbox: code outside this folder imports from here, never from its files.
 */
export {defaultStateDir, rememberStarted} from './runtime.js'
export type {RuntimeInfo} from './runtime.js'
export type {LocateOptions} from './locate.js'

// Loaded on demand (import() of one module), so that commands that do not need them never load them:
// an index that is itself imported with import() would load its whole domain.
export const loadSandboxClient = () => import('./client.js')
export const loadSandboxLocator = () => import('./locate.js')
export const loadNextSteps = () => import('./next-steps.js')
export const loadStartLock = () => import('./start-lock.js')
export const loadFaultsSyntax = () => import('./faults.js')
export const loadTrafficDriver = () => import('./traffic.js')
