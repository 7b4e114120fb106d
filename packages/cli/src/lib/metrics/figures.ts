import type {ApiType} from '../catalog/index.js'
import {mixedQuantile, type Component} from './distribution.js'
import {sketchAt, sketchStats, type Part, type PartSpec} from './math.js'
import {metricName, TRAFFIC_SIGNALS} from './names.js'
import type {QuerySet} from './query.js'

/**
 * What some traffic did over a whole window (`metrics check`, `dashboard --all`, the canary's
 * gates): counts added up period by period, latency percentiles from the periods' distribution
 * sketches mixed by request count (percentiles cannot be added; distributions can).
 */

/** Null where there is no data: never a made-up zero. */
export interface Figures {
  requests: number | null
  errors4xx: number | null
  errors5xx: number | null
  /** Shares of requests, 0–1. */
  rate4xx: number | null
  rate5xx: number | null
  /** Latency (ms) percentiles over the window. */
  latencyMs: {p50: number | null; p90: number | null; p99: number | null}
  /** The integration's average latency (ms). */
  integrationLatencyMs: number | null
  /** Why the figures are null, when they are. */
  note: string | null
}

/** The CloudWatch names behind the figures of one kind of API. */
function figureMetrics(kind: ApiType) {
  const signals = TRAFFIC_SIGNALS[kind]
  return {
    requests: metricName(kind, signals.requests)!,
    errors4xx: metricName(kind, signals.errors4xx)!,
    errors5xx: metricName(kind, signals.errors5xx)!,
    latency: metricName(kind, signals.latency)!,
    integrationLatency: metricName(kind, 'integrationLatency')!,
  }
}

/** Adds every query the figures need, for every part. */
export function addFigureQueries(queries: QuerySet, kind: ApiType, parts: PartSpec[]): void {
  const names = figureMetrics(kind)
  const stats: Array<[string, string]> = [
    [names.requests, 'Sum'],
    [names.errors4xx, 'Sum'],
    [names.errors5xx, 'Sum'],
    ...sketchStats().map((stat): [string, string] => [names.latency, stat]),
    [names.integrationLatency, 'Sum'],
    [names.integrationLatency, 'SampleCount'],
  ]
  for (const part of parts) for (const [metric, stat] of stats) queries.id({dimensions: part.dimensions, metric, stat})
}

const totalOf = (points: Map<number, number>) => [...points.values()].reduce((sum, value) => sum + value, 0)

/** The figures of parts added and taken off (the base is the stage less the canary). */
export function windowFigures(kind: ApiType, parts: Part[], noRequests: string): Figures {
  const names = figureMetrics(kind)
  const sum = (metric: string, stat: string) => parts.reduce((all, part) => all + part.weight * totalOf(part.data.points(metric, stat)), 0)
  const requests = sum(names.requests, 'Sum')
  if (!(requests > 0)) return emptyFigures(noRequests)
  const components: Component[] = parts.flatMap((part) => periodSketches(part, names.latency))
  const integrationRequests = sum(names.integrationLatency, 'SampleCount')
  return countedFigures({
    requests,
    errors4xx: Math.max(0, sum(names.errors4xx, 'Sum')),
    errors5xx: Math.max(0, sum(names.errors5xx, 'Sum')),
    latencyMs: {p50: mixedQuantile(components, 0.5), p90: mixedQuantile(components, 0.9), p99: mixedQuantile(components, 0.99)},
    integrationLatencyMs: integrationRequests > 0 ? sum(names.integrationLatency, 'Sum') / integrationRequests : null,
  })
}

/** Each period's latency sketch in one part. */
function periodSketches(part: Part, metric: string): Component[] {
  return [...part.data.points(metric, 'SampleCount').keys()].map((at) => ({weight: part.weight, sketch: sketchAt(part.data, metric, at)}))
}

/** Figures from counts (requests > 0): the rates follow. */
export function countedFigures(counts: Pick<Figures, 'latencyMs' | 'integrationLatencyMs'> & {requests: number; errors4xx: number; errors5xx: number}): Figures {
  const {requests, errors4xx, errors5xx} = counts
  return {requests, errors4xx, errors5xx, rate4xx: errors4xx / requests, rate5xx: errors5xx / requests, latencyMs: counts.latencyMs, integrationLatencyMs: counts.integrationLatencyMs, note: null}
}

export function emptyFigures(note: string): Figures {
  return {requests: null, errors4xx: null, errors5xx: null, rate4xx: null, rate5xx: null, latencyMs: {p50: null, p90: null, p99: null}, integrationLatencyMs: null, note}
}
