import type {AwsSession} from '../aws/index.js'
import {judge, type GateName, type GateStatus} from './gates.js'
import type {GateLimits} from './gates.js'
import {systemClock, type Clock} from '../util/clock.js'
import {emptyFigures, type Figures} from './figures.js'
import {periodWindow, readMetrics, shownWindow, trafficParts, type Traffic} from './read.js'
import {openMetricsStage, requireCanaryKind, seriesFinder, trafficNotes, type MetricsStage} from './stage.js'

/** passed and failed as the gates say; not-enough-data: fewer requests than --min-requests, or none. */
export type CheckOutcome = 'passed' | 'failed' | 'not-enough-data'

/** The stable JSON shape of `metrics check` (docs/json.md). */
export interface CheckResult {
  api: MetricsStage['api']
  stage: string
  traffic: Traffic
  window: {start: string; end: string; periodSeconds: number}
  outcome: CheckOutcome
  /** Whether the check lets the pipeline go on: passed, or not-enough-data with --no-data pass. */
  pass: boolean
  /** Why there was not enough data. */
  reason: string | null
  figures: Figures
  gates: Array<{gate: GateName; status: GateStatus; value: number | null; limit: number | null; detail: string}>
}

export interface CheckOptions {
  api: string
  stage: string
  traffic: Traffic
  sinceMs: number
  /** The absolute gates; null turns one off. */
  limits: Pick<GateLimits, 'max5xxRate' | 'max4xxRate' | 'maxP99Ms'>
  minRequests: number
  /** What not enough data counts as. */
  noData: 'pass' | 'fail'
  clock?: Clock
}

const WHO: Record<Traffic, string> = {all: 'stage', base: 'base', canary: 'canary'}

/**
 * A CI gate: the stage's traffic over the last `sinceMs` (whole minutes, the one in progress in),
 * judged as `canary run` judges a canary: 5XX and 4XX rates and p99 against absolute limits, and
 * fewer than `minRequests` requests is not enough data to judge, never a pass by itself.
 */
export async function checkStage(session: AwsSession, options: CheckOptions): Promise<{result: CheckResult; notices: string[]}> {
  const {stage, notices} = await openMetricsStage(session, options)
  requireCanaryKind(stage, options.traffic)
  const found = await seriesFinder(session, stage)()
  const window = periodWindow((options.clock ?? systemClock).now(), options.sinceMs, 60, {current: true})
  const parts = trafficParts(options.traffic, found.dimensions)
  const noRequests = trafficNotes(found, [options.traffic])[0] ?? `No ${WHO[options.traffic]} requests in the window.`
  const read = await readMetrics(await session.cloudwatch(), window, {figures: [{kind: stage.api.type, parts, noRequests}]})
  const [figures] = read.figures
  const verdict = judge({window: shownWindow(window), series: {stage: null, canary: null}, canary: figures, base: emptyFigures('')}, {...options.limits, maxLatencyIncrease: null}, options.minRequests, WHO[options.traffic])
  const outcome: CheckOutcome = verdict.outcome === 'inconclusive' ? 'not-enough-data' : verdict.outcome
  return {
    result: {
      api: stage.api,
      stage: stage.stage,
      traffic: options.traffic,
      window: shownWindow(window),
      outcome,
      pass: outcome === 'passed' || (outcome === 'not-enough-data' && options.noData === 'pass'),
      reason: verdict.reason,
      figures,
      gates: verdict.gates
        .filter((gate) => gate.gate !== 'latency-increase')
        .map((gate) => ({gate: gate.gate, status: gate.status, value: gate.canary, limit: gate.limit, detail: gate.detail})),
    },
    notices,
  }
}
