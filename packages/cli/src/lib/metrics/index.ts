/**
 * CloudWatch figures for a stage: reading them (one GetMetricData call per 500 queries), the
 * canary/base split, latency distributions, and the gates that judge a window (`apigw metrics …`,
 * and canary analysis).
 * The public door of lib/metrics: code outside this folder imports from here, never from its files.
 */
export {PERIOD_SECONDS, canaryMetrics, minuteWindow, shownMinutes} from './canary-base.js'
export type {CanaryMetricsSource, WindowMetrics} from './canary-base.js'
export {checkStage} from './check.js'
export type {CheckOptions, CheckResult} from './check.js'
export {emptyFigures} from './figures.js'
export type {Figures} from './figures.js'
export {judge, millis, percent} from './gates.js'
export type {GateLimits, GateName, GateResult, Outcome} from './gates.js'
export {getMetricSeries} from './get.js'
export type {MetricSeries} from './get.js'
export type {Formula} from './math.js'
export {findMeasure, formulaFor, measureFor} from './measures.js'
export type {Measure, Unit} from './measures.js'
export {NAMESPACE, apiDimension, metricName, requestMetric} from './names.js'
export type {Dimension} from './names.js'
export {TRAFFIC, parseSpan, periodWindow, readMetrics, shownWindow, trafficParts} from './read.js'
export type {FiguresItem, SeriesItem, SeriesResult, Traffic} from './read.js'
export {openMetricsStage, seriesFinder, sharedNameWarnings, trafficNotes} from './stage.js'
export type {FoundSeries, MetricsStage} from './stage.js'
