/**
 * Time, sleep and randomness, as the sandbox uses them: injected (startSandbox's `clock`), so a test
 * can stop time or make the traffic simulator's numbers repeatable.
 */
export interface Clock {
  now(): number
  sleep(ms: number): Promise<void>
  random(): number
}

export const realClock: Clock = {
  now: Date.now,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
}
