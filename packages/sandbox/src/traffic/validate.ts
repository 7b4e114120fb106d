import {badRequest} from '../http.js'
import {MAX_WINDOW_MS, type ErrorRate, type LatencyProfile, type TrafficSpec} from './spec.js'

/** Far beyond any API Gateway quota; keeps counts exact in floating point. */
const MAX_RPS = 1_000_000
/** Latencies beyond an hour, or a p99 over 1000 × p50, would only build huge distributions. */
const MAX_LATENCY_MS = 3_600_000
const MAX_TAIL_RATIO = 1000

/** The API and stage names, checked before they are looked up. */
export function checkIdentifiers(spec: Partial<TrafficSpec> | null): void {
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) throw badRequest('The traffic spec must be a JSON object')
  for (const field of ['apiId', 'stage'] as const) {
    if (typeof spec[field] !== 'string' || spec[field] === '') throw badRequest(`${field} is required and must be a non-empty string`)
  }
}

/** The numbers: rate, window, error rates, latency profiles, cache hit ratio and keys. */
export function checkProfile(spec: TrafficSpec): void {
  if (!isNumber(spec.rps) || spec.rps <= 0) throw badRequest(`rps must be a number greater than 0, got ${show(spec.rps)}`)
  if (spec.rps > MAX_RPS) throw badRequest(`rps must be at most ${MAX_RPS}, got ${spec.rps}`)
  if (!isNumber(spec.start) || !isNumber(spec.end)) throw badRequest('start and end must be epoch milliseconds')
  if (spec.start >= spec.end) throw badRequest(`start (${show(spec.start)}) must be before end (${show(spec.end)})`)
  if (spec.end - spec.start > MAX_WINDOW_MS) throw badRequest('The window from start to end must not exceed 31 days')
  checkErrorRate(spec.errorRate, 'errorRate')
  checkLatency(spec.latency, 'latency')
  checkFraction(spec.cacheHit, 'cacheHit')
  if (spec.canaryErrorRate !== undefined) checkErrorRate(spec.canaryErrorRate, 'canaryErrorRate')
  if (spec.canaryLatency !== undefined) checkLatency(spec.canaryLatency, 'canaryLatency')
  if (spec.keys !== undefined && !(Array.isArray(spec.keys) && spec.keys.every((key) => typeof key === 'string' && key !== ''))) {
    throw badRequest('keys must be a list of API key ids')
  }
}

function checkErrorRate(rate: ErrorRate | undefined, name: string): void {
  if (typeof rate !== 'object' || rate === null) throw badRequest(`${name} is required: {"4xx": <0-1>, "5xx": <0-1>}`)
  checkFraction(rate['4xx'], `${name}.4xx`)
  checkFraction(rate['5xx'], `${name}.5xx`)
  if (rate['4xx'] + rate['5xx'] > 1) throw badRequest(`${name}.4xx + ${name}.5xx must not exceed 1, got ${rate['4xx'] + rate['5xx']}`)
}

function checkLatency(profile: LatencyProfile | undefined, name: string): void {
  if (typeof profile !== 'object' || profile === null) throw badRequest(`${name} is required: {"p50": <ms>, "p99": <ms>}`)
  if (!isNumber(profile.p50) || profile.p50 <= 0) throw badRequest(`${name}.p50 must be a number of milliseconds greater than 0, got ${show(profile.p50)}`)
  if (!isNumber(profile.p99) || profile.p99 < profile.p50) throw badRequest(`${name}.p99 must be at least ${name}.p50 (${profile.p50}), got ${show(profile.p99)}`)
  if (profile.p99 > MAX_LATENCY_MS) throw badRequest(`${name}.p99 must be at most ${MAX_LATENCY_MS} ms (an hour), got ${profile.p99}`)
  if (profile.p99 > MAX_TAIL_RATIO * profile.p50) throw badRequest(`${name}.p99 must be at most ${MAX_TAIL_RATIO} × ${name}.p50, got ${profile.p99} for p50 ${profile.p50}`)
}

function checkFraction(value: unknown, name: string): void {
  if (!isNumber(value) || value < 0 || value > 1) throw badRequest(`${name} must be a fraction between 0 and 1, got ${show(value)}`)
}

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value)
const show = (value: unknown) => (value === undefined ? 'nothing' : JSON.stringify(value))
