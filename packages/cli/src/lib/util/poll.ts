import type {Clock} from './clock.js'

export interface PollOptions<T> {
  timeoutMs: number
  clock: Clock
  /** How long to sleep after the look numbered `look` (0 for the first). */
  intervalMs(look: number): number
  /** Called after every look that is not yet done, with the time since the first. */
  onPending?(value: T, elapsedMs: number, look: number): void
  /** The error thrown once `timeoutMs` has passed, given the last value seen. */
  timedOut(last: T): Error
}

/**
 * Looks until `done` says so, sleeping between looks, and returns the last value and the time it
 * took. The last look falls on the deadline; past it, `timedOut` is thrown. Time comes from the
 * clock, so waits run instantly in tests.
 */
export async function pollUntil<T>(look: () => Promise<T>, done: (value: T) => boolean, options: PollOptions<T>): Promise<{value: T; elapsedMs: number}> {
  const {clock} = options
  const started = clock.now()
  for (let count = 0; ; count++) {
    const value = await look()
    const elapsedMs = clock.now() - started
    if (done(value)) return {value, elapsedMs}
    options.onPending?.(value, elapsedMs, count)
    const left = options.timeoutMs - elapsedMs
    if (left <= 0) throw options.timedOut(value)
    await clock.sleep(Math.min(options.intervalMs(count), left))
  }
}
