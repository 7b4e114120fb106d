import type {AwsSession, CloudWatchGateway} from '../aws/index.js'
import {fetchQueries} from './fetch.js'
import {addFigureQueries, emptyFigures, windowFigures, type Figures} from './figures.js'
import {seriesData, type Part, type SeriesData} from './math.js'
import {NAMESPACE, type Dimension} from './names.js'
import {QuerySet} from './query.js'
import {shownWindow} from './read.js'
import {findStageSeries, listStageSeries} from './series.js'

/**
 * A REST stage's canary and base requests in CloudWatch (docs/aws-behaviour.md#canary-metrics-have-an-undocumented-dimension).
 *
 * Series: AWS/ApiGateway keys REST metrics by ApiName and Stage. The canary's own series is found,
 * not assumed: ListMetrics lists the API's Stage values, and the canary's is "<stage>/Canary" (any
 * case), else another "<stage>/…canary…" value. The stage's own series counts the canary's requests
 * too, so the base is the stage minus the canary: exactly for counts, errors and integration latency
 * (sums), and through distribution sketches for latency percentiles (./distribution.ts).
 *
 * Time: API Gateway publishes one datapoint a minute, so queries use Period 60 and a window of whole
 * minutes: its start rounded down, its end rounded up, so that the minute in progress, holding the
 * newest requests, is always in. A bake of a few seconds is then judged on the minute it falls in;
 * a longer window is added up minute by minute. Everything one look needs comes from ONE
 * GetMetricData call. A rollout's first minute may hold requests from before it (a previous
 * canary's, at another share): countFrom reads that minute as it stands when the rollout begins,
 * and later looks take it off (one more GetMetricData call, once).
 */

export const PERIOD_SECONDS = 60
const MINUTE_MS = PERIOD_SECONDS * 1000

export interface WindowMetrics {
  window: {start: string; end: string; periodSeconds: number}
  /** The Stage dimension values used: null when CloudWatch has no such series. */
  series: {stage: string | null; canary: string | null}
  canary: Figures
  base: Figures
}

/** Where the controller and `canary status` get their numbers. */
export interface CanaryMetricsSource {
  /** Canary and base over [start, end) (epoch ms), widened to whole minutes. */
  read(window: {start: number; end: number}): Promise<WindowMetrics>
  /**
   * Counts no request made before `at`: what the minute `at` falls in holds so far (say, a previous
   * canary's requests) is read now and taken off every later look at that minute.
   */
  countFrom(at: number): Promise<void>
}

export interface MetricsTarget {
  /** REST metrics are keyed by API name (docs/aws-behaviour.md#rest-metrics-are-keyed-by-api-name). */
  apiName: string
  stage: string
}

/** The window as queried: whole minutes, at least one. */
export function minuteWindow(start: number, end: number): {start: number; end: number} {
  const from = Math.floor(start / MINUTE_MS) * MINUTE_MS
  return {start: from, end: Math.max(from + MINUTE_MS, Math.ceil(end / MINUTE_MS) * MINUTE_MS)}
}

/** The window as results show it: whole minutes, ISO 8601. */
export function shownMinutes(start: number, end: number): WindowMetrics['window'] {
  return shownWindow({...minuteWindow(start, end), periodSeconds: PERIOD_SECONDS})
}

/** The series of a REST API, keyed by its name. */
const restSeries = (target: MetricsTarget): Dimension => ({Name: 'ApiName', Value: target.apiName})

/** The stage's series are looked up until the canary's shows up; then kept for the rest of the run. */
export function canaryMetrics(session: AwsSession, target: MetricsTarget): CanaryMetricsSource {
  let found: {stage?: string; canary?: string} | undefined
  let before: Baseline | undefined
  const discover = async (cloudwatch: CloudWatchGateway) => {
    if (!found?.canary) found = await listStageSeries(cloudwatch, 'rest', restSeries(target), target.stage)
    return found
  }
  return {
    async read(window) {
      const cloudwatch = await session.cloudwatch()
      return readWindow(cloudwatch, target, await discover(cloudwatch), minuteWindow(window.start, window.end), before)
    },
    async countFrom(at) {
      const cloudwatch = await session.cloudwatch()
      const minute = minuteWindow(at, at)
      before = {minute: minute.start, ...(await fetchSeries(cloudwatch, target, await discover(cloudwatch), minute))}
    },
  }
}

/** The Stage values of the stage's and the canary's series, among the API's stage-level (not per-method) metrics. */
export function findSeries(metrics: Parameters<typeof findStageSeries>[0], target: MetricsTarget): {stage?: string; canary?: string} {
  const {stage, canary} = findStageSeries(metrics, restSeries(target), target.stage)
  return {stage, canary}
}

/** What one minute held when a rollout began, taken off later looks at that minute. */
interface Baseline {
  minute: number
  stage?: SeriesData
  canary?: SeriesData
}

/** Every query of the series found, over whole minutes, in ONE GetMetricData call (none when there is no series at all). */
async function fetchSeries(
  cloudwatch: CloudWatchGateway,
  target: MetricsTarget,
  found: {stage?: string; canary?: string},
  window: {start: number; end: number},
): Promise<{stage?: SeriesData; canary?: SeriesData}> {
  if (!found.stage) return {}
  const dimensions = (stage: string) => [restSeries(target), {Name: 'Stage', Value: stage}]
  const stage = dimensions(found.stage)
  const canary = found.canary ? dimensions(found.canary) : undefined
  const queries = new QuerySet(PERIOD_SECONDS)
  addFigureQueries(queries, 'rest', [stage, ...(canary ? [canary] : [])].map((series) => ({dimensions: series, weight: 1})))
  const fetched = await fetchQueries(cloudwatch, queries.queries, window)
  return {stage: seriesData(queries, fetched, stage), canary: canary && seriesData(queries, fetched, canary)}
}

/** Canary and base over one window of whole minutes, less what `before` says was there earlier. */
async function readWindow(
  cloudwatch: CloudWatchGateway,
  target: MetricsTarget,
  found: {stage?: string; canary?: string},
  window: {start: number; end: number},
  before: Baseline | undefined,
): Promise<WindowMetrics> {
  const span = `${clockTime(window.start)}–${clockTime(window.end)} UTC`
  const shown = shownMinutes(window.start, window.end)
  const series = {stage: found.stage ?? null, canary: found.canary ?? null}
  const noCanarySeries =
    `CloudWatch has no canary series for API "${target.apiName}" stage "${target.stage}" (Stage "${target.stage}/Canary" in ${NAMESPACE}): ` +
    'the canary has served no requests yet, or their metrics are not published yet (they appear a minute or two after the first requests).'
  const {stage, canary} = await fetchSeries(cloudwatch, target, found, window)
  if (!stage) {
    const note = `CloudWatch has no metrics for API "${target.apiName}" stage "${target.stage}" in ${NAMESPACE}: no requests yet, or not published yet (they appear a minute or two after the first requests).`
    return {window: shown, series, canary: emptyFigures(found.canary ? note : noCanarySeries), base: emptyFigures(note)}
  }
  const earlier = before && before.minute >= window.start ? before : undefined
  const side = (data: SeriesData | undefined, then: SeriesData | undefined, weight: number): Part[] => [
    ...(data ? [{data, weight}] : []),
    ...(then ? [{data: then, weight: -weight}] : []),
  ]
  const canaryParts = side(canary, earlier?.canary, 1)
  const canaryFigures = canary ? windowFigures('rest', canaryParts, `No canary requests in the window ${span}${earlier ? ' since the rollout began' : ''}.`) : emptyFigures(noCanarySeries)
  return {
    window: shown,
    series,
    canary: canaryFigures,
    base: windowFigures(
      'rest',
      [...side(stage, earlier?.stage, 1), ...canaryParts.map((part) => ({...part, weight: -part.weight}))],
      canaryFigures.requests ? `Every request in the window ${span} went to the canary.` : `No requests in the window ${span}.`,
    ),
  }
}

/** "14:05" for a window edge. */
function clockTime(ms: number): string {
  return new Date(ms).toISOString().slice(11, 16)
}
