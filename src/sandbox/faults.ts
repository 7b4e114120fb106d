import {usageError} from '../lib/errors.js'
import {parseDuration} from '../lib/util/duration.js'

/** Failures the sandbox injects into AWS calls, for rehearsing how a runbook copes. */
export interface Faults {
  /** Share of calls answered 429 TooManyRequestsException with Retry-After (0–1). */
  throttle: number
  /** Share of calls answered 503 ServiceUnavailableException. */
  error: number
  /** Share of calls whose connection is dropped without an answer. */
  reset: number
  /** Delay added to every call. */
  latencyMs: number
}

export const NO_FAULTS: Faults = {throttle: 0, error: 0, reset: 0, latencyMs: 0}

const FORMAT_HINT = 'Try: --faults throttle=20%,error=5%,reset=2%,latency=300ms (or "none")'

/** Parses "throttle=20%,error=5%,reset=2%,latency=300ms"; "none" (or "") clears every fault. */
export function parseFaults(text: string): Faults {
  const faults = {...NO_FAULTS}
  if (text.trim() === '' || text.trim() === 'none') return faults
  for (const part of text.split(',')) {
    const [name, value = ''] = part.split('=').map((s) => s.trim())
    if (name === 'latency') {
      faults.latencyMs = parseDuration(value, 'latency')
      continue
    }
    if (name !== 'throttle' && name !== 'error' && name !== 'reset') {
      throw usageError(`Unknown fault "${name}": faults are throttle, error, reset and latency.`, [FORMAT_HINT])
    }
    faults[name] = parsePercent(value, name)
  }
  if (faults.throttle + faults.error + faults.reset > 1) {
    throw usageError('throttle, error and reset add up to more than 100%.', [FORMAT_HINT])
  }
  return faults
}

/** "20%" or "0.2" → 0.2 */
export function parsePercent(text: string, name: string): number {
  const match = /^(\d+(?:\.\d+)?)(%?)$/.exec(text)
  const value = match ? Number(match[1]) / (match[2] ? 100 : 1) : Number.NaN
  if (!(value >= 0 && value <= 1)) {
    throw usageError(`${name} must be a percentage between 0% and 100%; got "${text}".`, [FORMAT_HINT])
  }
  return value
}

export function describeFaults(faults: Faults): string {
  const parts = (['throttle', 'error', 'reset'] as const)
    .filter((name) => faults[name] > 0)
    .map((name) => `${name}=${+(faults[name] * 100).toFixed(2)}%`)
  if (faults.latencyMs > 0) parts.push(`latency=${faults.latencyMs}ms`)
  return parts.length > 0 ? parts.join(',') : 'none'
}

export type FaultOutcome = 'throttle' | 'error' | 'reset' | undefined

/** Which fault, if any, strikes one call, given a uniform random number in [0, 1). */
export function pickFault(faults: Faults, roll: number): FaultOutcome {
  if (roll < faults.throttle) return 'throttle'
  if (roll < faults.throttle + faults.error) return 'error'
  if (roll < faults.throttle + faults.error + faults.reset) return 'reset'
  return undefined
}
