/**
 * The dashboard's data: one stage's panels, or the fleet's, read from CloudWatch in as few calls as
 * possible (`apigw dashboard`).
 * The public door of lib/dashboard: code outside this folder imports from here, never from its files.
 */
export type {Fleet, Trend} from './fleet.js'
export type {FleetOfTargets} from './targets.js'
export type {Thresholds} from './panels.js'
export type {Dashboard, DashboardPanel} from './stage.js'

// Loaded on demand (import() of one module), so that commands that do not need them never load them:
// an index that is itself imported with import() would load its whole domain.
export const loadStageDashboard = () => import('./stage.js')
export const loadFleetDashboard = () => import('./fleet.js')
export const loadFleetTargets = () => import('./targets.js')
