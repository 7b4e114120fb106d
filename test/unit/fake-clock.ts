import type {Clock} from '../../packages/cli/src/lib/util/clock.js'

/** A clock whose sleeps return at once and advance time; random() is fixed so backoff is predictable. */
export function fakeClock(random = 1): Clock & {slept: number[]} {
  let now = 0
  const slept: number[] = []
  return {
    slept,
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms)
      now += ms
    },
    random: () => random,
  }
}
