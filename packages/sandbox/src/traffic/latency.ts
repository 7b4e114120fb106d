import {normalCdf, type Uniform} from './random.js'
import type {LatencyProfile} from './spec.js'

/** Distinct values and how many requests saw each. */
export type Histogram = Map<number, number>

/** The standard normal's 99th percentile: a log-normal with median p50 has p99 = p50·e^(σ·Z99). */
const Z99 = 2.3263478740408408
/** Latencies beyond ±4.265σ (1 in 100,000 each side) are folded into the outermost buckets. */
const TAIL_Z = 4.265
/** Buckets are log-spaced, 1% wide at the finest; wide distributions use 2, 4 or 8 times that. */
const FINEST_STEP = Math.log(1.01)
const COARSEST_LEVEL = 3
/** Keeps a profile's distribution near 140 distinct values, as long as 8%-wide buckets allow it. */
const MAX_BUCKETS = 140
/** API Gateway's own share of the latency: IntegrationLatency is this much of p50 below Latency. */
const GATEWAY_OVERHEAD_SHARE = 0.1

/**
 * Draws latencies from a log-normal profile (median p50, σ = ln(p99/p50)/2.326) as histograms.
 * The `count` latencies of one draw sit at the quantiles (i + u)/count for one random u, so even one
 * minute's percentiles match the profile; each is rounded to the centre of its bucket (at most half
 * a bucket off). Bucket centres are e^(j·step) on grids that nest, so runs with one profile share values.
 */
export class LatencySampler {
  /** Bucket centres, ascending, and the quantile at each bucket's upper edge. */
  private readonly values: number[] = []
  private readonly upperQuantiles: number[] = []

  constructor(profile: LatencyProfile) {
    const mu = Math.log(profile.p50)
    const sigma = Math.log(profile.p99 / profile.p50) / Z99
    if (sigma === 0) {
      this.values.push(profile.p50)
      return
    }
    const step = gridStep(sigma)
    const first = Math.round((mu - TAIL_Z * sigma) / step)
    const last = Math.round((mu + TAIL_Z * sigma) / step)
    for (let j = first; j <= last; j++) {
      this.values.push(Number(Math.exp(j * step).toPrecision(6)))
      this.upperQuantiles.push(normalCdf(((j + 0.5) * step - mu) / sigma))
    }
  }

  sample(count: number, random: Uniform): Histogram {
    const histogram: Histogram = new Map()
    if (count <= 0) return histogram
    const offset = random()
    const last = this.values.length - 1
    let taken = 0
    for (let j = 0; taken < count; j++) {
      // How many of the quantiles (i + offset)/count lie below this bucket's upper edge.
      const upTo = j === last ? count : Math.min(count, Math.max(0, Math.ceil(this.upperQuantiles[j] * count - offset)))
      if (upTo > taken) histogram.set(this.values[j], upTo - taken)
      taken = upTo
    }
    return histogram
  }
}

/** The integration's share of a request's latency: the profile less API Gateway's overhead. */
export function integrationProfile(profile: LatencyProfile): LatencyProfile {
  const overhead = profile.p50 * GATEWAY_OVERHEAD_SHARE
  return {p50: profile.p50 - overhead, p99: profile.p99 - overhead}
}

function gridStep(sigma: number): number {
  let step = FINEST_STEP
  for (let level = 0; level < COARSEST_LEVEL && (2 * TAIL_Z * sigma) / step > MAX_BUCKETS; level++) step *= 2
  return step
}
