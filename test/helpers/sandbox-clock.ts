import {systemClock, type Clock} from '../../packages/cli/src/lib/util/clock.js'

/**
 * A clock for an in-process sandbox that the test moves: real time plus an offset. apigw runs on the
 * real clock, so the test decides when a sandbox transition (a cache cluster coming up) is over,
 * instead of racing it: what a command sees never depends on how busy the machine is.
 */
export function movableClock() {
  let offset = 0
  const clock: Clock = {now: () => Date.now() + offset, sleep: systemClock.sleep, random: () => Math.random()}
  return {
    clock,
    /** Moves the sandbox's time `ms` forward. */
    forward(ms: number) {
      offset += ms
    },
    /** Sets the sandbox's time to real time `at`. */
    travelTo(at: number) {
      offset = at - Date.now()
    },
    /** Runs `run` (a command that waits for a transition) while the sandbox's time moves `ms` forward every few milliseconds. */
    async passing<T>(ms: number, run: () => Promise<T>): Promise<T> {
      const ticks = setInterval(() => (offset += ms), 20)
      try {
        return await run()
      } finally {
        clearInterval(ticks)
      }
    },
  }
}
