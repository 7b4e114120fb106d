import type {Clock} from '../util/clock.js'
import {formatSeconds} from '../util/duration.js'
import {retryAfterMs, transientKind, type Transient} from './errors.js'

export interface RetryOptions {
  /** When apigw stops retrying (clock time): --retry-budget from the start of the command, shared by every call. */
  deadline: number
  clock: Clock
  /** At most this many attempts per call, the first included (AWS_MAX_ATTEMPTS); the deadline still applies. */
  maxAttempts?: number
  /** Told before each wait, so the CLI can say "throttled by AWS; retrying in 4 s". */
  onRetry?: (notice: RetryNotice) => void
}

export interface RetryNotice {
  operation: string
  kind: Transient
  delayMs: number
  attempt: number
  message: string
}

const BASE_DELAY_MS = 500
const MAX_DELAY_MS = 20_000

const REASON: Record<Transient, string> = {
  throttled: 'throttled by AWS',
  unavailable: 'AWS is unavailable',
  network: 'the connection failed',
  concurrent: 'a concurrent modification is in progress',
}

export class RetriesExhausted extends Error {
  constructor(
    readonly lastError: unknown,
    readonly attempts: number,
  ) {
    super('retries exhausted')
  }
}

/**
 * Runs `attempt` until it succeeds, it fails in a way not worth retrying, the next wait would pass
 * the deadline, or it has made maxAttempts attempts.
 * Backoff is exponential with full jitter, never shorter than the server's Retry-After.
 */
export async function withRetry<T>(operation: string, attempt: () => Promise<T>, options: RetryOptions): Promise<T> {
  const {clock, deadline} = options
  for (let tries = 1; ; tries++) {
    try {
      return await attempt()
    } catch (error) {
      const kind = transientKind(error)
      if (!kind) throw error
      const backoff = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (tries - 1)) * clock.random()
      const delayMs = Math.max(retryAfterMs(error) ?? 0, Math.round(backoff))
      if (clock.now() + delayMs > deadline || tries >= (options.maxAttempts ?? Infinity)) throw new RetriesExhausted(error, tries)
      options.onRetry?.({
        operation,
        kind,
        delayMs,
        attempt: tries,
        message: `${REASON[kind]} (${operation}); retrying in ${formatSeconds(delayMs)}`,
      })
      await clock.sleep(delayMs)
    }
  }
}
