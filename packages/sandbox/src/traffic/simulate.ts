import {MINUTE_MS} from '../cloudwatch/record.js'
import type {SandboxContext} from '../context.js'
import {CohortSampler, type Cohort} from './cohort.js'
import {MinuteMetrics, routeDimensions, stageDimensions} from './metrics.js'
import {poisson, RoundRobin, Splitter} from './random.js'
import type {TrafficSpec, TrafficSummary} from './spec.js'
import {TrafficLogs} from './log-writer.js'
import {checkKeys, resolveTarget} from './target.js'
import {UsageTally} from './usage.js'
import {checkIdentifiers, checkProfile} from './validate.js'

/**
 * Publishes CloudWatch metrics (and API key usage) as if `spec.rps` requests a second had flowed
 * through the stage over [spec.start, spec.end). Each minute gets only the traffic inside the
 * window, so consecutive short windows add up to the same minutes one long window would fill.
 * REST traffic is split between base and canary by the canary percentage in force at each moment;
 * canary requests count in the stage's series and again in "<stage>/Canary". With detailed metrics,
 * the base's requests are spread evenly over the methods (or routes) that have them on, and each
 * method's count in a series of its own too. When the stage logs, each request also gets its
 * access-log line and execution-log lines (log-writer.ts).
 */
export function simulateTraffic(context: SandboxContext, spec: TrafficSpec): TrafficSummary {
  checkIdentifiers(spec)
  const target = resolveTarget(context, spec.apiId, spec.stage)
  checkProfile(spec)
  const keys = spec.keys ?? []
  if (keys.length > 0) checkKeys(context, target, keys)

  const random = () => context.clock.random()
  const base = new CohortSampler(random, spec.errorRate, spec.latency, target.kind)
  const canary = new CohortSampler(random, spec.canaryErrorRate ?? spec.errorRate, spec.canaryLatency ?? spec.latency, target.kind)
  const canarySplit = new Splitter(random)
  const metrics = new MinuteMetrics(context.store, target.kind)
  const usage = keys.length > 0 ? new UsageTally(random, keys, target.apiId, target.stageName) : undefined
  const stageSeries = stageDimensions(target, target.stageName)
  const canarySeries = stageDimensions(target, `${target.stageName}/Canary`)
  const routeSeries = target.detailed.map((route) => routeDimensions(target, target.stageName, route))
  const spread = routeSeries.length > 0 ? new RoundRobin(random, routeSeries.length) : undefined
  const logs = TrafficLogs.of(context, target, keys)
  const totals = {requests: 0, canaryRequests: 0, errors4xx: 0, errors5xx: 0, cacheHits: 0}
  const count = (cohort: Cohort) => {
    totals.requests += cohort.requests
    totals.errors4xx += cohort.errors4xx
    totals.errors5xx += cohort.errors5xx
    totals.cacheHits += cohort.cacheHits ?? 0
  }

  for (const [from, to] of segments(spec.start, spec.end, target.timeline.breakpoints(spec.start, spec.end))) {
    const requests = poisson(random, (spec.rps * (to - from)) / 1000)
    // Conditions are constant or linear within a segment, so the midpoint gives their average.
    const conditions = target.timeline.conditionsAt((from + to) / 2, spec.cacheHit)
    const canaryRequests = canarySplit.take(requests, conditions.canaryShare)
    const baseRequests = requests - canaryRequests
    // Each method's requests are sampled apart, so that its series and the stage's agree.
    const baseCohorts = spread ? spread.spread(baseRequests).map((part) => base.sample(part, conditions.cacheHitRatio)) : [base.sample(baseRequests, conditions.cacheHitRatio)]
    const canaryCohort = canary.sample(canaryRequests, conditions.canaryUsesCache ? conditions.cacheHitRatio : undefined)
    baseCohorts.forEach((cohort, i) => {
      logs?.write(from, to, cohort, false)
      metrics.add(from, stageSeries, cohort)
      if (spread) metrics.add(from, routeSeries[i], cohort)
      count(cohort)
    })
    logs?.write(from, to, canaryCohort, true)
    metrics.add(from, stageSeries, canaryCohort)
    metrics.add(from, canarySeries, canaryCohort)
    usage?.add(from, requests)
    count(canaryCohort)
    totals.canaryRequests += canaryRequests
  }
  metrics.flush()
  usage?.save(context.store)

  return {
    apiId: target.apiId,
    apiName: target.apiName,
    stage: target.stageName,
    start: new Date(spec.start).toISOString(),
    end: new Date(spec.end).toISOString(),
    minutes: Math.ceil(spec.end / MINUTE_MS) - Math.floor(spec.start / MINUTE_MS),
    ...totals,
  }
}

/** The window cut at every minute boundary and every breakpoint, in time order. */
function* segments(start: number, end: number, breakpoints: number[]): Generator<[number, number]> {
  const cuts = [...breakpoints].sort((a, b) => a - b)
  let next = 0
  for (let from = start; from < end; ) {
    while (next < cuts.length && cuts[next] <= from) next++
    const to = Math.min(end, (Math.floor(from / MINUTE_MS) + 1) * MINUTE_MS, cuts[next] ?? Number.POSITIVE_INFINITY)
    yield [from, to]
    from = to
  }
}
