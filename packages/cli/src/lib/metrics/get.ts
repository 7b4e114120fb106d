import type {AwsSession} from '../aws/index.js'
import {systemClock, type Clock} from '../util/clock.js'
import {measureFor, type Unit} from './measures.js'
import {periodWindow, readMetrics, shownWindow, trafficParts, type Traffic} from './read.js'
import {openMetricsStage, requireCanaryKind, seriesFinder, trafficNotes, type MetricsStage} from './stage.js'

/** The stable JSON shape of `metrics get` (docs/json.md). */
export interface MetricSeries {
  api: MetricsStage['api']
  stage: string
  metric: string
  title: string
  unit: Unit
  traffic: Traffic
  window: {start: string; end: string; periodSeconds: number}
  /** One per period, oldest first; null where CloudWatch has no data (never 0). */
  points: Array<{timestamp: string; value: number | null}>
  current: number | null
  min: number | null
  max: number | null
  /** Why there are no values at all: CloudWatch refused the statistic, or it cannot be computed. */
  unavailable: string | null
  /** Series CloudWatch does not have, and why. */
  notes: string[]
}

export interface GetOptions {
  api: string
  stage: string
  metric: string
  traffic: Traffic
  sinceMs: number
  periodSeconds: number
  clock?: Clock
}

/** One figure of a stage, period by period, from one GetMetricData call. */
export async function getMetricSeries(session: AwsSession, options: GetOptions): Promise<{series: MetricSeries; notices: string[]}> {
  const {stage, notices} = await openMetricsStage(session, options)
  const {measure, formula} = measureFor(options.metric, stage.api.type)
  requireCanaryKind(stage, options.traffic)
  const found = await seriesFinder(session, stage)()
  const window = periodWindow((options.clock ?? systemClock).now(), options.sinceMs, options.periodSeconds, {current: false})
  const read = await readMetrics(await session.cloudwatch(), window, {series: [{formula, parts: trafficParts(options.traffic, found.dimensions)}]})
  const [result] = read.series
  return {
    series: {
      api: stage.api,
      stage: stage.stage,
      metric: measure.name,
      title: measure.title,
      unit: measure.unit,
      traffic: options.traffic,
      window: shownWindow(window),
      points: read.timeline.map((at, i) => ({timestamp: new Date(at).toISOString(), value: result.values[i]})),
      current: result.current,
      min: result.min,
      max: result.max,
      unavailable: result.unavailable,
      notes: trafficNotes(found, [options.traffic]),
    },
    notices,
  }
}
