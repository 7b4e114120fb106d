import {badRequest} from './http.js'
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
  /** Delay added to the calls of one operation, on top of `latencyMs`. */
  operationLatencyMs: Record<string, number>
  /** Single calls of one operation to answer 503 ServiceUnavailableException, each once. */
  fail: FailCall[]
  /** Single calls of one operation that take effect and then lose their answer, each once. */
  lost: LostCall[]
  /** Share of write calls (0–1) that take effect and then lose their answer. */
  lostShare: number
  /** How the answer of a call struck by `lostShare` is lost. */
  lostShareAnswer: LostAnswer
}

/** `fail=CreateUsagePlanKey#2`: the 2nd call of CreateUsagePlanKey from now fails. */
export interface FailCall {
  /** The AWS operation, as AWS names it. */
  operation: string
  /** Which of its calls from now is struck: 1 is the next one. Counts down as calls arrive. */
  call: number
}

/**
 * How an answer is lost after the write took effect: the connection is reset, a 503
 * ServiceUnavailableException is sent instead (as a proxy would), or nothing is sent until the
 * client gives up.
 */
export type LostAnswer = 'reset' | '503' | 'timeout'
export const LOST_ANSWERS: readonly LostAnswer[] = ['reset', '503', 'timeout']

/** `lost=CreateApiKey#2:503`: the 2nd call of CreateApiKey from now takes effect, then its answer is lost. */
export interface LostCall extends FailCall {
  answer: LostAnswer
}

export const NO_FAULTS: Faults = {throttle: 0, error: 0, reset: 0, latencyMs: 0, operationLatencyMs: {}, fail: [], lost: [], lostShare: 0, lostShareAnswer: 'reset'}

/** A timeout latency or hold longer than this is a mistake, not a rehearsal. */
export const MAX_LATENCY_MS = 120_000

/** No fault at all, in a fresh object a parser may fill. */
export function noFaults(): Faults {
  return {...NO_FAULTS, operationLatencyMs: {}, fail: [], lost: []}
}

/**
 * Faults as JSON (PUT /_sandbox/faults, startSandbox's `faults`), checked strictly: fields left out
 * are off; an unknown field, a share outside 0–1 or an unknown operation is refused (400
 * BadRequestException, which is what the control endpoint answers).
 */
export function faultsFromJson(value: unknown): Faults {
  const refuse = (why: string) => badRequest(`Faults JSON: ${why}.`)
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw refuse('expected an object')
  const input = value as Record<string, unknown>
  const faults = noFaults()
  for (const key of Object.keys(input)) if (!(key in faults)) throw refuse(`unknown field "${key}"`)
  const share = (key: 'throttle' | 'error' | 'reset' | 'lostShare') => {
    const v = input[key] ?? 0
    if (typeof v !== 'number' || !(v >= 0 && v <= 1)) throw refuse(`${key} must be a number from 0 to 1`)
    return v
  }
  const delay = (v: unknown, key: string) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > MAX_LATENCY_MS) throw refuse(`${key} must be whole milliseconds from 0 to ${MAX_LATENCY_MS}`)
    return v
  }
  const calls = (key: 'fail' | 'lost') => {
    const list = input[key] ?? []
    if (!Array.isArray(list)) throw refuse(`${key} must be a list`)
    return list.map((entry: Record<string, unknown>) => {
      if (typeof entry?.operation !== 'string' || !Number.isInteger(entry.call) || (entry.call as number) < 1) throw refuse(`each ${key} entry needs an operation and a call from 1`)
      const call = {operation: knownOperation(entry.operation), call: entry.call as number}
      return key === 'fail' ? call : {...call, answer: lostAnswer(String(entry.answer ?? 'reset'))}
    })
  }
  const perOperation = input.operationLatencyMs ?? {}
  if (typeof perOperation !== 'object' || perOperation === null || Array.isArray(perOperation)) throw refuse('operationLatencyMs must map operations to milliseconds')
  Object.assign(faults, {
    throttle: share('throttle'),
    error: share('error'),
    reset: share('reset'),
    lostShare: share('lostShare'),
    lostShareAnswer: lostAnswer(String(input.lostShareAnswer ?? 'reset')),
    latencyMs: delay(input.latencyMs ?? 0, 'latencyMs'),
    operationLatencyMs: Object.fromEntries(Object.entries(perOperation).map(([operation, ms]) => [knownOperation(operation), delay(ms, `operationLatencyMs.${operation}`)])),
    fail: calls('fail'),
    lost: calls('lost'),
  })
  if (faults.throttle + faults.error + faults.reset > 1) throw badRequest('throttle, error and reset add up to more than 100%.')
  return faults
}

function lostAnswer(text: string): LostAnswer {
  if ((LOST_ANSWERS as readonly string[]).includes(text)) return text as LostAnswer
  throw badRequest(`A lost answer is lost by ${LOST_ANSWERS.join(', ')}; got "${text}".`)
}

function knownOperation(operation: string): string {
  if (OPERATION_NAMES.has(operation)) return operation
  throw badRequest(`The sandbox serves no operation named "${operation}" (AWS's names, e.g. CreateUsagePlanKey).`)
}

export function describeFaults(faults: Faults): string {
  const percent = (share: number) => `${+(share * 100).toFixed(2)}%`
  const parts = (['throttle', 'error', 'reset'] as const).filter((name) => faults[name] > 0).map((name) => `${name}=${percent(faults[name])}`)
  if (faults.latencyMs > 0) parts.push(`latency=${faults.latencyMs}ms`)
  for (const [operation, ms] of Object.entries(faults.operationLatencyMs)) parts.push(`latency=${operation}:${ms}ms`)
  for (const {operation, call} of faults.fail) parts.push(`fail=${operation}#${call}`)
  for (const {operation, call, answer} of faults.lost) parts.push(`lost=${operation}#${call}:${answer}`)
  if (faults.lostShare > 0) parts.push(`lost=${percent(faults.lostShare)}:${faults.lostShareAnswer}`)
  return parts.length > 0 ? parts.join(',') : 'none'
}

/**
 * One call of `operation` arrives: the `fail` or `lost` entry that strikes it, if any, and the
 * entries left (the one that struck is spent; the others of that operation are one call nearer).
 */
export function strikeCall<T extends FailCall>(calls: T[], operation: string): {struck: T | undefined; remaining: T[]} {
  const struck = calls.find((entry) => entry.operation === operation && entry.call === 1)
  const remaining = calls.flatMap((entry) => (entry.operation !== operation ? [entry] : entry.call === 1 ? [] : [{...entry, call: entry.call - 1}]))
  return {struck, remaining}
}

export type FaultOutcome = 'throttle' | 'error' | 'reset' | undefined

/** Which fault, if any, strikes one call before it takes effect, given a uniform random number in [0, 1). */
export function pickFault(faults: Faults, roll: number): FaultOutcome {
  if (roll < faults.throttle) return 'throttle'
  if (roll < faults.throttle + faults.error) return 'error'
  if (roll < faults.throttle + faults.error + faults.reset) return 'reset'
  return undefined
}
