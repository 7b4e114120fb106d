/** A source of uniform numbers in [0, 1): the sandbox clock's, so tests can seed it. */
export type Uniform = () => number

/** Above this mean, Poisson counts come from the normal approximation (two draws, however large the mean). */
const POISSON_EXACT_BELOW = 30

/** A standard normal draw (Box–Muller); finite even if a fake source returns exactly 1. */
function standardNormal(random: Uniform): number {
  const u = Math.max(Number.EPSILON, 1 - random())
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random())
}

/** How many requests arrive in a stretch of time whose expected count is `mean`: sums of Poisson counts are Poisson, so short windows add up like one long one. */
export function poisson(random: Uniform, mean: number): number {
  if (mean <= 0) return 0
  if (mean >= POISSON_EXACT_BELOW) return Math.max(0, Math.round(mean + Math.sqrt(mean) * standardNormal(random)))
  // Inversion: walk the CDF up to one uniform draw (the probabilities underflow to 0 well before k = 1000).
  const u = random()
  let count = 0
  let probability = Math.exp(-mean)
  for (let cumulative = probability; u > cumulative && probability > 0; cumulative += probability) {
    count++
    probability *= mean / count
  }
  return count
}

/**
 * Splits counts by a share with systematic sampling: a running position that starts at a random
 * offset, so every part is ⌊n·share⌋ or ⌈n·share⌉ and the parts over a whole run add up to
 * the share of the total within one — small shares of small counts still come out right on average.
 */
export class Splitter {
  private position: number

  constructor(random: Uniform) {
    this.position = random()
  }

  /** The part of `count` (0 ≤ part ≤ count) that falls in a share between 0 and 1. */
  take(count: number, share: number): number {
    const before = Math.floor(this.position)
    this.position += count * share
    return Math.floor(this.position) - before
  }
}

/** Spreads counts evenly over `size` buckets, handing the remainders out in turn from a random start. */
export class RoundRobin {
  private next: number

  constructor(
    random: Uniform,
    private readonly size: number,
  ) {
    this.next = Math.floor(random() * size)
  }

  spread(count: number): number[] {
    const parts = new Array<number>(this.size).fill(Math.floor(count / this.size))
    const remainder = count % this.size
    for (let i = 0; i < remainder; i++) parts[(this.next + i) % this.size]++
    this.next = (this.next + remainder) % this.size
    return parts
  }
}

/** The standard normal CDF (Abramowitz–Stegun 7.1.26, error below 1e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2
  const t = 1 / (1 + 0.3275911 * x)
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
  const erf = 1 - poly * Math.exp(-x * x)
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2
}
