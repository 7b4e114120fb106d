/**
 * Logs: a stage's access and execution logs in CloudWatch Logs, base and canary apart: finding the
 * groups, parsing access lines in the stage's format, reading and following them merged by time
 * (`apigw logs`), and Logs Insights figures (`apigw logs summary`).
 * The public door of lib/logs: code outside this folder imports from here, never from its files.
 */
export {accessLogParser, fieldOf, formatVariables, routeOf} from './format.js'
export type {AccessFields, AccessLogParser, KnownField} from './format.js'
export {logGroupName} from './groups.js'
export type {LogKind, LogSource, Side, StageLogs} from './groups.js'
export {parseRoute, parseStatus} from './read.js'
export type {LogLine} from './read.js'
export {tailStageLogs} from './tail.js'
export type {Tail, TailOptions} from './tail.js'
export {summarizeStageLogs, summaryTables} from './summary.js'
export type {LogsSummary, SideFigures, SummaryOptions} from './summary.js'
export {summaryQueries} from './insights.js'
export {canaryLogExcerpt} from './excerpt.js'
export type {CanaryLogExcerpt} from './excerpt.js'
