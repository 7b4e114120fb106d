import {mixedQuantile, type Sketch} from './distribution.js'
import type {Fetched, Points} from './fetch.js'
import type {Dimension} from './names.js'
import type {QuerySet, Want} from './query.js'

/**
 * Series math: a figure per period from the statistics CloudWatch returned. Rates are errors ÷
 * requests of the same period (Sums, so that the base can be the stage less the canary);
 * percentiles are CloudWatch's own, passed through, except for the base, whose percentiles come
 * from distribution sketches (./distribution.ts). A period without data is null: never 0.
 */

/** A figure, in CloudWatch metric names (see ./measures.ts for the names people use). */
export type Formula =
  | {kind: 'sum'; metric: string}
  /** part ÷ the sum of `whole`: 5XX ÷ requests, cache hits ÷ (hits + misses). */
  | {kind: 'ratio'; part: string; whole: string[]}
  /** Sum ÷ SampleCount: the average latency. */
  | {kind: 'average'; metric: string}
  /** A statistic as CloudWatch computes it (p99, tm99, Maximum …). */
  | {kind: 'statistic'; metric: string; stat: string}

/** A series counted `weight` times: the base is the stage (+1) less the canary (−1). */
export interface PartSpec {
  dimensions: Dimension[]
  weight: number
}

/** One series' data as fetched: any statistic of any metric it was queried for. */
export interface SeriesData {
  points(metric: string, stat: string): Points
  refusal(metric: string, stat: string): string | undefined
}

export interface Part {
  data: SeriesData
  weight: number
}

/** Latency percentiles asked per period to sketch its distribution: enough knots, dense in the tail. */
export const LATENCY_KNOTS: Array<[stat: string, share: number]> = [
  ['Minimum', 0],
  ['p10', 0.1],
  ['p25', 0.25],
  ['p50', 0.5],
  ['p75', 0.75],
  ['p90', 0.9],
  ['p95', 0.95],
  ['p98', 0.98],
  ['p99', 0.99],
  ['p99.5', 0.995],
  ['p99.9', 0.999],
  ['Maximum', 1],
]

const PERCENTILE = /^p(\d+(?:\.\d+)?)$/

/** The share (0–1) a percentile statistic names, or undefined for any other statistic. */
export function percentileShare(stat: string): number | undefined {
  const match = PERCENTILE.exec(stat)
  return match && Number(match[1]) <= 100 ? Number(match[1]) / 100 : undefined
}

/** One part, counted once: its statistics are CloudWatch's own, with nothing to add or take off. */
const isPlain = (parts: Array<{weight: number}>) => parts.length === 1 && parts[0].weight === 1

/** The statistics that sketch a metric's distribution in each period. */
export const sketchStats = (): string[] => ['SampleCount', ...LATENCY_KNOTS.map(([stat]) => stat)]

/** The statistics a formula needs from each series, given how the series combine. */
export function formulaStats(formula: Formula, parts: Array<{weight: number}>): Array<[metric: string, stat: string]> {
  switch (formula.kind) {
    case 'sum':
      return [[formula.metric, 'Sum']]
    case 'ratio':
      return [formula.part, ...formula.whole].map((metric) => [metric, 'Sum'])
    case 'average':
      return [[formula.metric, 'Sum'], [formula.metric, 'SampleCount']]
    case 'statistic':
      if (isPlain(parts)) return [[formula.metric, formula.stat]]
      return percentileShare(formula.stat) === undefined ? [] : sketchStats().map((stat) => [formula.metric, stat])
  }
}

/** Adds what a formula needs from every part to the queries. */
export function addFormula(queries: QuerySet, formula: Formula, parts: PartSpec[]): void {
  for (const part of parts) for (const [metric, stat] of formulaStats(formula, parts)) queries.id({dimensions: part.dimensions, metric, stat})
}

/** A series' data in a fetch, read through the queries that asked for it. */
export function seriesData(queries: QuerySet, fetched: Fetched, dimensions: Dimension[]): SeriesData {
  const id = (metric: string, stat: string) => {
    const found = queries.find({dimensions, metric, stat} satisfies Want)
    if (found === undefined) throw new Error(`${metric} ${stat} was read but never queried`)
    return found
  }
  return {points: (metric, stat) => fetched.points(id(metric, stat)), refusal: (metric, stat) => fetched.refusal(id(metric, stat))}
}

/** Σ weight × value at `at`; null when no part counted in has a value there (no data is not 0). */
export function sumAt(parts: Part[], metric: string, stat: string, at: number): number | null {
  let total = 0
  let seen = false
  for (const {data, weight} of parts) {
    const value = data.points(metric, stat).get(at)
    if (value === undefined) continue
    total += weight * value
    if (weight > 0) seen = true
  }
  return seen ? Math.max(0, total) : null
}

/** One period's latency distribution in one series. */
export function sketchAt(data: SeriesData, metric: string, at: number): Sketch {
  return {
    requests: data.points(metric, 'SampleCount').get(at) ?? 0,
    knots: LATENCY_KNOTS.map(([stat, share]): [number, number] | undefined => {
      const value = data.points(metric, stat).get(at)
      return value === undefined ? undefined : [value, share]
    }).filter((knot): knot is [number, number] => knot !== undefined),
  }
}

/** The formula's value at one period. */
export function valueAt(formula: Formula, parts: Part[], at: number): number | null {
  switch (formula.kind) {
    case 'sum':
      return sumAt(parts, formula.metric, 'Sum', at)
    case 'ratio':
      return ratio(sumAt(parts, formula.part, 'Sum', at), total(formula.whole.map((metric) => sumAt(parts, metric, 'Sum', at))))
    case 'average':
      return ratio(sumAt(parts, formula.metric, 'Sum', at), sumAt(parts, formula.metric, 'SampleCount', at))
    case 'statistic': {
      if (isPlain(parts)) return parts[0].data.points(formula.metric, formula.stat).get(at) ?? null
      const share = percentileShare(formula.stat)
      if (share === undefined) return null
      return mixedQuantile(parts.map(({data, weight}) => ({weight, sketch: sketchAt(data, formula.metric, at)})), share)
    }
  }
}

/** a ÷ b, or null when either is missing or there is nothing to divide by. */
function ratio(a: number | null, b: number | null): number | null {
  return a === null || b === null || !(b > 0) ? null : a / b
}

/** The sum of what is there; null when nothing is. */
function total(values: Array<number | null>): number | null {
  const present = values.filter((value): value is number => value !== null)
  return present.length === 0 ? null : present.reduce((sum, value) => sum + value, 0)
}

/** Why the formula has no values for these parts, when CloudWatch refused a statistic or it cannot be computed. */
export function unavailability(formula: Formula, parts: Part[]): string | null {
  if (formula.kind === 'statistic' && !isPlain(parts) && percentileShare(formula.stat) === undefined) {
    return `${formula.stat} of ${formula.metric} exists for whole series only: the base (the stage less its canary) can be computed for percentiles alone.`
  }
  for (const part of parts) {
    for (const [metric, stat] of formulaStats(formula, parts)) {
      const refusal = part.data.refusal(metric, stat)
      if (refusal) return `CloudWatch refused ${stat} of ${metric}: ${refusal}`
    }
  }
  return null
}

/** The formula over every period of the timeline, with the reason when it is unavailable. */
export function seriesValues(formula: Formula, parts: Part[], timeline: number[]): {values: Array<number | null>; unavailable: string | null} {
  const unavailable = unavailability(formula, parts)
  if (unavailable || parts.length === 0) return {values: timeline.map(() => null), unavailable}
  return {values: timeline.map((at) => valueAt(formula, parts, at)), unavailable: null}
}

/** Current (the newest value there is), lowest and highest: null when there is no value at all. */
export function seriesStats(values: Array<number | null>): {current: number | null; min: number | null; max: number | null} {
  const present = values.filter((value): value is number => value !== null)
  if (present.length === 0) return {current: null, min: null, max: null}
  return {current: present.at(-1)!, min: Math.min(...present), max: Math.max(...present)}
}
