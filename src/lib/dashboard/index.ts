/**
 * The dashboard's data: one stage's panels, or the fleet's, read from CloudWatch in as few calls as
 * possible (`apigw dashboard`).
 * The public door of lib/dashboard: code outside this folder imports from here, never from its files.
 */
export {readFleet} from './fleet.js'
export type {Fleet, Trend} from './fleet.js'
export type {Thresholds} from './panels.js'
export {openDashboard} from './stage.js'
export type {Dashboard, DashboardPanel} from './stage.js'
