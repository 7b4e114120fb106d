import type {MetricMinute} from '../model.js'

type Distribution = [value: number, count: number][]

/** Some minutes of one series merged: what every statistic of one period is computed from. */
export interface Aggregate {
  sum: number
  sampleCount: number
  minimum: number
  maximum: number
  /**
   * Absent when any minute held a statistic set with unequal values: then there are no percentiles.
   * Merged when first read: only percentiles need it, and most statistics asked are sums and counts.
   */
  readonly distribution?: Distribution
}

export function aggregate(minutes: MetricMinute[]): Aggregate {
  let [sum, sampleCount, minimum, maximum] = [0, 0, Infinity, -Infinity]
  for (const minute of minutes) {
    sum += minute.sum
    sampleCount += minute.sampleCount
    minimum = Math.min(minimum, minute.minimum)
    maximum = Math.max(maximum, minute.maximum)
  }
  let merged: Distribution | undefined | null = null
  return {
    sum,
    sampleCount,
    minimum,
    maximum,
    get distribution() {
      if (merged === null) merged = mergedDistribution(minutes)
      return merged
    },
  }
}

function mergedDistribution(minutes: MetricMinute[]): Distribution | undefined {
  const counts = new Map<number, number>()
  for (const {distribution: flat} of minutes) {
    if (!flat) return undefined
    for (let i = 0; i < flat.length; i += 2) counts.set(flat[i], (counts.get(flat[i]) ?? 0) + flat[i + 1])
  }
  return [...counts].sort((a, b) => a[0] - b[0])
}

/** One statistic of an aggregate; undefined when the data cannot give it. */
export type Statistic = (aggregate: Aggregate) => number | undefined

const BASIC: Record<string, Statistic> = {
  SampleCount: (a) => a.sampleCount,
  Average: (a) => a.sum / a.sampleCount,
  Sum: (a) => a.sum,
  Minimum: (a) => a.minimum,
  Maximum: (a) => a.maximum,
}

export const isBasicStatistic = (name: string) => Object.hasOwn(BASIC, name)

const PERCENTILE = /^p(\d+(?:\.\d+)?)$/
/** PR(lower:upper): the share of values above lower and at most upper, in percent; either bound may be left out. */
const PERCENTILE_RANK = /^PR\((\d+(?:\.\d+)?)?:(\d+(?:\.\d+)?)?\)$/

export function isPercentile(name: string): boolean {
  const match = PERCENTILE.exec(name)
  return match !== null && Number(match[1]) <= 100
}

/** The statistic a name asks for (Sum, Average, SampleCount, Minimum, Maximum, pNN.N, PR(a:b)), or undefined. */
export function statistic(name: string): Statistic | undefined {
  if (isBasicStatistic(name)) return BASIC[name]
  if (isPercentile(name)) {
    const percent = Number(name.slice(1))
    return (a) => (a.distribution ? percentile(a.distribution, percent) : undefined)
  }
  const rank = PERCENTILE_RANK.exec(name)
  if (rank) {
    const [lower, upper] = [rank[1], rank[2]].map((bound) => (bound === undefined ? undefined : Number(bound)))
    return (a) => (a.distribution ? percentRank(a.distribution, lower, upper) : undefined)
  }
  return undefined
}

/** Nearest rank: the smallest value with at least `percent` of the samples at or below it. */
function percentile(distribution: Distribution, percent: number): number | undefined {
  const total = distribution.reduce((sum, [, count]) => sum + count, 0)
  const rank = (percent / 100) * total
  let seen = 0
  for (const [value, count] of distribution) {
    seen += count
    if (seen >= rank) return value
  }
  return distribution.at(-1)?.[0]
}

function percentRank(distribution: Distribution, lower: number | undefined, upper: number | undefined): number | undefined {
  let total = 0
  let inRange = 0
  for (const [value, count] of distribution) {
    total += count
    if ((lower === undefined || value > lower) && (upper === undefined || value <= upper)) inRange += count
  }
  return total === 0 ? undefined : (inRange / total) * 100
}
