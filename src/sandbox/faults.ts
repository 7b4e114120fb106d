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
const LOST_ANSWERS: readonly LostAnswer[] = ['reset', '503', 'timeout']

/** `lost=CreateApiKey#2:503`: the 2nd call of CreateApiKey from now takes effect, then its answer is lost. */
export interface LostCall extends FailCall {
  answer: LostAnswer
}

export const NO_FAULTS: Faults = {throttle: 0, error: 0, reset: 0, latencyMs: 0, operationLatencyMs: {}, fail: [], lost: [], lostShare: 0, lostShareAnswer: 'reset'}

/** A timeout latency or hold longer than this is a mistake, not a rehearsal. */
export const MAX_LATENCY_MS = 120_000

const SHARE_NAMES = ['throttle', 'error', 'reset', 'latency'] as const
const ALL_NAMES = [...SHARE_NAMES, 'fail', 'lost'] as const
const EXAMPLE = 'throttle=20%,error=5%,reset=2%,latency=300ms'
const FAIL_EXAMPLE = 'fail=CreateUsagePlanKey#2'
const LOST_EXAMPLE = 'lost=CreateApiKey#1:503'
const LATENCY_EXAMPLE = 'latency=UpdateStage:400ms'

/**
 * Parses "throttle=20%,error=5%,reset=2%,latency=300ms,latency=UpdateStage:400ms,fail=CreateUsagePlanKey#2,
 * lost=CreateApiKey#1:503,lost=2%"; "none" (or "") clears every fault.
 */
export function parseFaults(text: string): Faults {
  const faults = noFaults()
  if (text.trim() === '' || text.trim() === 'none') return faults
  const shares: string[] = []
  for (const part of text.split(',')) {
    const at = part.indexOf('=')
    const name = part.slice(0, at).trim()
    const value = part.slice(at + 1).trim()
    if (at === -1 || !(ALL_NAMES as readonly string[]).includes(name)) {
      throw usageError(`--faults takes ${ALL_NAMES.map((n) => `${n}=…`).join(', ')}; got "${part}".`, [`Try: --faults ${EXAMPLE}`])
    }
    if (name === 'fail') faults.fail.push(parseFailCall(value))
    else if (name === 'lost' && /^[\d.]+\s*%?(:\w+)?$/.test(value)) parseLostShare(value, faults)
    else if (name === 'lost') faults.lost.push(parseLostCall(value))
    else if (name === 'latency' && value.includes(':')) parseOperationLatency(value, faults)
    else shares.push(part)
  }
  // Each value is labelled with its flag, e.g. "--faults latency".
  const values =
    shares.length === 0
      ? {}
      : parseNamedValues(shares.join(','), '--faults', SHARE_NAMES, EXAMPLE, (value, label) =>
          label.endsWith('latency') ? parseLatency(value, 'latency') : parsePercent(value, label, `--faults ${EXAMPLE}`),
        )
  Object.assign(faults, {throttle: values.throttle ?? 0, error: values.error ?? 0, reset: values.reset ?? 0, latencyMs: values.latency ?? 0})
  checkShares(faults)
  return faults
}

function noFaults(): Faults {
  return {...NO_FAULTS, operationLatencyMs: {}, fail: [], lost: []}
}

function checkShares(faults: Faults): void {
  if (faults.throttle + faults.error + faults.reset > 1) {
    throw usageError('throttle, error and reset add up to more than 100%.', [`Try: --faults ${EXAMPLE}`])
  }
}

function parseLatency(text: string, label: string): number {
  const ms = parseDuration(text, label)
  if (ms > MAX_LATENCY_MS) throw usageError(`${label} is at most ${MAX_LATENCY_MS / 1000}s; got "${text}".`, [`Try: --faults ${LATENCY_EXAMPLE}`])
  return ms
}

/** "CreateUsagePlanKey#2", or "CreateUsagePlanKey" for its next call. */
function parseFailCall(text: string): FailCall {
  const match = /^(\w+)(?:#(\d+))?$/.exec(text)
  const call = Number(match?.[2] ?? 1)
  if (!match || call < 1) throw usageError(`fail takes an operation and which of its calls from now fails, e.g. ${FAIL_EXAMPLE}; got "${text}".`, [`Try: --faults ${FAIL_EXAMPLE}`])
  return {operation: knownOperation(match[1], FAIL_EXAMPLE), call}
}

/** "CreateApiKey#2:503": like a fail call, with how the answer is lost (reset when not given). */
function parseLostCall(text: string): LostCall {
  const match = /^(\w+)(?:#(\d+))?(?::(\w+))?$/.exec(text)
  const call = Number(match?.[2] ?? 1)
  if (!match || call < 1) {
    throw usageError(`lost takes an operation, which of its calls from now loses its answer and how (reset, 503 or timeout), e.g. ${LOST_EXAMPLE}; got "${text}".`, [`Try: --faults ${LOST_EXAMPLE}`])
  }
  return {operation: knownOperation(match[1], LOST_EXAMPLE), call, answer: lostAnswer(match[3] ?? 'reset')}
}

/** "2%" or "2%:503": that share of write calls. */
function parseLostShare(text: string, faults: Faults): void {
  const [share, answer] = text.split(':')
  faults.lostShare = parsePercent(share, 'lost', '--faults lost=2%:503')
  faults.lostShareAnswer = lostAnswer(answer ?? 'reset')
}

/** "UpdateStage:400ms". */
function parseOperationLatency(text: string, faults: Faults): void {
  const [operation, duration] = text.split(':').map((s) => s.trim())
  faults.operationLatencyMs[knownOperation(operation, LATENCY_EXAMPLE)] = parseLatency(duration, `latency ${operation}`)
}

function lostAnswer(text: string): LostAnswer {
  if ((LOST_ANSWERS as readonly string[]).includes(text)) return text as LostAnswer
  throw usageError(`A lost answer is lost by ${LOST_ANSWERS.join(', ')}; got "${text}".`, [`Try: --faults ${LOST_EXAMPLE}`])
}

function knownOperation(operation: string, example: string): string {
  if (OPERATION_NAMES.has(operation)) return operation
  const close = closestMatches(operation, [...OPERATION_NAMES])
  throw usageError(`The sandbox serves no operation named "${operation}" (AWS's names, e.g. CreateUsagePlanKey).`, [
    ...(close.length > 0 ? [`Did you mean: ${close.join(', ')}?`] : []),
    `Try: --faults ${example}`,
  ])
}

/**
 * Faults sent as JSON (PUT /_sandbox/faults), checked as strictly as the text syntax: fields left
 * out are off; an unknown field, a share outside 0–1 or an unknown operation is refused.
 */
export function faultsFromJson(value: unknown): Faults {
  const refuse = (why: string) => usageError(`Faults JSON: ${why}.`, [`Try: apigw sandbox faults ${EXAMPLE}`])
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
      const call = {operation: knownOperation(entry.operation, key === 'fail' ? FAIL_EXAMPLE : LOST_EXAMPLE), call: entry.call as number}
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
    operationLatencyMs: Object.fromEntries(Object.entries(perOperation).map(([operation, ms]) => [knownOperation(operation, LATENCY_EXAMPLE), delay(ms, `operationLatencyMs.${operation}`)])),
    fail: calls('fail'),
    lost: calls('lost'),
  })
  checkShares(faults)
  return faults
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
