import {usageError} from '../lib/errors.js'
import {parseDuration} from '../lib/util/duration.js'
import {parseNamedValues, parsePercent} from '../lib/util/percent.js'
import {closestMatches} from '../lib/util/text.js'
import {OPERATION_NAMES} from './operations.js'

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
  /** Single calls of one operation to answer 503 ServiceUnavailableException, each once. */
  fail: FailCall[]
}

/** `fail=CreateUsagePlanKey#2`: the 2nd call of CreateUsagePlanKey from now fails. */
export interface FailCall {
  /** The AWS operation, as AWS names it. */
  operation: string
  /** Which of its calls from now fails: 1 is the next one. Counts down as calls arrive. */
  call: number
}

export const NO_FAULTS: Faults = {throttle: 0, error: 0, reset: 0, latencyMs: 0, fail: []}

const NAMES = ['throttle', 'error', 'reset', 'latency', 'fail'] as const
const EXAMPLE = 'throttle=20%,error=5%,reset=2%,latency=300ms'
const FAIL_EXAMPLE = 'fail=CreateUsagePlanKey#2'

/** Parses "throttle=20%,error=5%,reset=2%,latency=300ms,fail=CreateUsagePlanKey#2"; "none" (or "") clears every fault. */
export function parseFaults(text: string): Faults {
  if (text.trim() === '' || text.trim() === 'none') return {...NO_FAULTS, fail: []}
  const parts = text.split(',')
  const isFail = (part: string) => part.split('=')[0].trim() === 'fail'
  const shares = parts.filter((part) => !isFail(part))
  // Each value is labelled with its flag, e.g. "--faults latency".
  const values =
    shares.length === 0
      ? {}
      : parseNamedValues(shares.join(','), '--faults', NAMES, EXAMPLE, (value, label) =>
          label.endsWith('latency') ? parseDuration(value, 'latency') : parsePercent(value, label, `--faults ${EXAMPLE}`),
        )
  const faults: Faults = {
    throttle: values.throttle ?? 0,
    error: values.error ?? 0,
    reset: values.reset ?? 0,
    latencyMs: values.latency ?? 0,
    fail: parts.filter(isFail).map((part) => parseFailCall(part.slice(part.indexOf('=') + 1).trim())),
  }
  if (faults.throttle + faults.error + faults.reset > 1) {
    throw usageError('throttle, error and reset add up to more than 100%.', [`Try: --faults ${EXAMPLE}`])
  }
  return faults
}

/** "CreateUsagePlanKey#2", or "CreateUsagePlanKey" for its next call. */
function parseFailCall(text: string): FailCall {
  const match = /^(\w+)(?:#(\d+))?$/.exec(text)
  const call = Number(match?.[2] ?? 1)
  if (!match || call < 1) throw usageError(`fail takes an operation and which of its calls from now fails, e.g. ${FAIL_EXAMPLE}; got "${text}".`, [`Try: --faults ${FAIL_EXAMPLE}`])
  const operation = match[1]
  if (!OPERATION_NAMES.has(operation)) {
    const close = closestMatches(operation, [...OPERATION_NAMES])
    throw usageError(`The sandbox serves no operation named "${operation}" (AWS's names, e.g. CreateUsagePlanKey).`, [
      ...(close.length > 0 ? [`Did you mean: ${close.join(', ')}?`] : []),
      `Try: --faults ${FAIL_EXAMPLE}`,
    ])
  }
  return {operation, call}
}

export function describeFaults(faults: Faults): string {
  const parts = (['throttle', 'error', 'reset'] as const)
    .filter((name) => faults[name] > 0)
    .map((name) => `${name}=${+(faults[name] * 100).toFixed(2)}%`)
  if (faults.latencyMs > 0) parts.push(`latency=${faults.latencyMs}ms`)
  for (const {operation, call} of faults.fail) parts.push(`fail=${operation}#${call}`)
  return parts.length > 0 ? parts.join(',') : 'none'
}

/**
 * One call of `operation` arrives: whether a `fail` fault strikes it, and the fail faults left
 * (the one that struck is spent; the others of that operation are one call nearer).
 */
export function strikeCall(fail: FailCall[], operation: string): {fails: boolean; remaining: FailCall[]} {
  const fails = fail.some((entry) => entry.operation === operation && entry.call === 1)
  const remaining = fail.flatMap((entry) => (entry.operation !== operation ? [entry] : entry.call === 1 ? [] : [{operation, call: entry.call - 1}]))
  return {fails, remaining}
}

export type FaultOutcome = 'throttle' | 'error' | 'reset' | undefined

/** Which fault, if any, strikes one call, given a uniform random number in [0, 1). */
export function pickFault(faults: Faults, roll: number): FaultOutcome {
  if (roll < faults.throttle) return 'throttle'
  if (roll < faults.throttle + faults.error) return 'error'
  if (roll < faults.throttle + faults.error + faults.reset) return 'reset'
  return undefined
}
