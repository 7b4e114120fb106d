/**
 * Latency percentiles over several minutes, and of the base alone, from the percentiles CloudWatch
 * gives per minute. Percentiles cannot be added or subtracted, but distributions can: each minute's
 * percentiles (with its minimum and maximum) sketch that minute's cumulative distribution, piecewise
 * linear between them; a window's distribution is the minutes' mixed by request count, and the
 * base's is the stage's minus the canary's (the stage series counts canary requests too).
 */

/** One minute of one series: the latency at each cumulative share (0–1), and how many requests. */
export interface Sketch {
  requests: number
  /** [latency, share of requests at or below it], ascending in both. */
  knots: Array<[value: number, share: number]>
}

/** A sketch counted `weight` times: 1 to add a minute, -1 to take one away. */
export interface Component {
  weight: number
  sketch: Sketch
}

/** The share of a sketch's requests at or below `x`, linear between knots. */
export function shareAtOrBelow(sketch: Sketch, x: number): number {
  const {knots} = sketch
  if (knots.length === 0 || x < knots[0][0]) return 0
  if (x >= knots.at(-1)![0]) return 1
  let below = 0
  while (below + 1 < knots.length && knots[below + 1][0] <= x) below++
  const [v0, s0] = knots[below]
  const [v1, s1] = knots[below + 1]
  return s0 + ((s1 - s0) * (x - v0)) / (v1 - v0)
}

/**
 * The latency below which `share` (0–1) of the mixed requests fall, or null when the mix has no
 * requests. Between two knot values every sketch is linear, so the mix is too: the answer is exact
 * for the sketches. A subtraction that the noise of per-minute percentiles makes non-monotone is
 * evened out (a running maximum), as a distribution must be.
 */
export function mixedQuantile(components: Component[], share: number): number | null {
  const used = components.filter((c) => c.sketch.requests > 0 && c.sketch.knots.length > 0)
  const total = used.reduce((sum, c) => sum + c.weight * c.sketch.requests, 0)
  if (!(total > 0)) return null
  const values = [...new Set(used.flatMap((c) => c.sketch.knots.map(([value]) => value)))].sort((a, b) => a - b)
  let previous: [number, number] | undefined
  for (const value of values) {
    const mixed = used.reduce((sum, c) => sum + c.weight * c.sketch.requests * shareAtOrBelow(c.sketch, value), 0) / total
    const cumulative = Math.min(1, Math.max(mixed, previous?.[1] ?? 0))
    if (cumulative >= share) {
      if (!previous || cumulative === previous[1]) return value
      return previous[0] + ((share - previous[1]) * (value - previous[0])) / (cumulative - previous[1])
    }
    previous = [value, cumulative]
  }
  return values.at(-1)!
}
