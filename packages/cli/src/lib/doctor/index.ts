/**
 * Doctor: every API and stage audited against the production checklist (checks as data, each
 * mapped to Security Hub, Control Tower, Prowler and Checkov), the findings as SARIF for code
 * scanning, and the fixable ones fixed as one change (`apigw doctor`, docs/doctor.md).
 * The public door of lib/doctor: code outside this folder imports from here, never from its files.
 */
export {runDoctor, selectChecks} from './audit.js'
export type {DoctorOptions, DoctorReport, Finding} from './audit.js'
export {CHECK_IDS, CHECKS, FIX_THROTTLE, SEVERITIES} from './checks.js'
export type {Check, CheckSeverity, FixInput} from './checks.js'
export {runFleetDoctor} from './fleet.js'
export type {FleetDoctorReport, LocatedFinding} from './fleet.js'
export {prepareDoctorFix} from './fix.js'
export type {DoctorFixResult} from './fix.js'
export {toSarif} from './sarif.js'
export type {SarifLog} from './sarif.js'
