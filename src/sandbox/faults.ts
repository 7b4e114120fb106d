import {usageError} from '../lib/errors.js'
import {parseDuration} from '../lib/util/duration.js'
import {parseNamedValues, parsePercent} from '../lib/util/percent.js'

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

const NAMES = ['throttle', 'error', 'reset', 'latency'] as const
const EXAMPLE = 'throttle=20%,error=5%,reset=2%,latency=300ms'

/** Parses "throttle=20%,error=5%,reset=2%,latency=300ms"; "none" (or "") clears every fault. */
export function parseFaults(text: string): Faults {
  if (text.trim() === '' || text.trim() === 'none') return {...NO_FAULTS}
  // Each value is labelled with its flag, e.g. "--faults latency".
  const values = parseNamedValues(text, '--faults', NAMES, EXAMPLE, (value, label) =>
    label.endsWith('latency') ? parseDuration(value, 'latency') : parsePercent(value, label, `--faults ${EXAMPLE}`),
  )
  const faults = {throttle: values.throttle ?? 0, error: values.error ?? 0, reset: values.reset ?? 0, latencyMs: values.latency ?? 0}
  if (faults.throttle + faults.error + faults.reset > 1) {
    throw usageError('throttle, error and reset add up to more than 100%.', [`Try: --faults ${EXAMPLE}`])
  }
  return faults
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
