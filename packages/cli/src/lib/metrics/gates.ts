import type {WindowMetrics} from './canary-base.js'

/** What a gate allows; null turns a gate off. */
export interface GateLimits {
  /** Shares of canary requests, 0–1. */
  max5xxRate: number | null
  max4xxRate: number | null
  /** Canary p99 latency, ms. */
  maxP99Ms: number | null
  /** How much higher (0.2 = 20%) the canary's p99 may be than the base's. */
  maxLatencyIncrease: number | null
}

export type GateName = '5xx-rate' | '4xx-rate' | 'p99' | 'latency-increase'

/**
 * One gate's verdict on one window:
 * - pass / fail;
 * - inconclusive: too few canary requests to judge (fewer than min-requests), or no canary data;
 * - skipped: the gate is off, or (latency-increase) there are too few base requests to compare with.
 */
export type GateStatus = 'pass' | 'fail' | 'inconclusive' | 'skipped'

export interface GateResult {
  gate: GateName
  status: GateStatus
  /** The canary's value: a share (0–1) for rates, ms for latency. */
  canary: number | null
  /** The base's value, where the gate compares with it. */
  base: number | null
  /** The most the canary may have: the threshold, or for latency-increase base p99 × (1 + margin). */
  limit: number | null
  /** One line for people, with the numbers. */
  detail: string
}

export type Outcome = 'passed' | 'failed' | 'inconclusive'

export interface Verdict {
  outcome: Outcome
  /** Why an evaluation is inconclusive. */
  reason: string | null
  gates: GateResult[]
}

export const percent = (share: number) => `${Number((share * 100).toFixed(2))}%`
export const millis = (ms: number) => `${Math.round(ms)} ms`

/**
 * Judges one window. A gate fails when the canary breaks an absolute limit (5XX rate, 4XX rate,
 * p99) or when its p99 is more than max-latency-increase above the base's p99 over the same window
 * (base = the stage's requests less the canary's). With fewer than min-requests canary requests
 * a gate is inconclusive, not passed, except that a rate gate fails at once when the errors alone
 * already pass its limit of min-requests requests (more than 2 5XX with 1% and 200): no later
 * success could bring the rate back under it. `who` names the judged traffic in the details
 * (`metrics check` judges a whole stage).
 */
export function judge(metrics: WindowMetrics, limits: GateLimits, minRequests: number, who = 'canary'): Verdict {
  const {canary, base} = metrics
  const requests = canary.requests ?? 0
  const enough = requests > 0 && requests >= minRequests
  const tooFew = canary.note ?? `${requests} ${who} requests in the window; at least ${minRequests} are needed to judge.`

  const rateGate = (gate: GateName, errors: number | null, rate: number | null, limit: number | null, kind: string): GateResult => {
    const result = {gate, canary: rate, base: gate === '5xx-rate' ? base.rate5xx : base.rate4xx, limit}
    if (limit === null) return {...result, status: 'skipped', detail: `${gate}: off`}
    if (rate === null || errors === null) return {...result, status: 'inconclusive', detail: `${gate}: no ${who} data`}
    const said = `${who} ${kind} rate ${percent(rate)} (${errors} of ${requests})`
    if (rate > limit && (enough || errors > limit * minRequests)) return {...result, status: 'fail', detail: `${gate}: ${said} > ${percent(limit)} allowed`}
    if (!enough) return {...result, status: 'inconclusive', detail: `${gate}: ${said}, too few requests to judge`}
    return {...result, status: 'pass', detail: `${gate}: ${said} ≤ ${percent(limit)}`}
  }

  const p99 = canary.latencyMs.p99
  const latencyGate = (gate: GateName, limit: number | null, comparison: string, basis: number | null): GateResult => {
    const result = {gate, canary: p99, base: basis, limit}
    if (limit === null) return {...result, status: 'skipped', detail: `${gate}: ${comparison}`}
    if (p99 === null || !enough) return {...result, status: 'inconclusive', detail: `${gate}: ${p99 === null ? `no ${who} data` : `${who} p99 ${millis(p99)}, too few requests to judge`}`}
    if (p99 > limit) return {...result, status: 'fail', detail: `${gate}: ${who} p99 ${millis(p99)} > ${millis(limit)} ${comparison}`}
    return {...result, status: 'pass', detail: `${gate}: ${who} p99 ${millis(p99)} ≤ ${millis(limit)} ${comparison}`}
  }

  const basePeer = base.latencyMs.p99
  const margin = limits.maxLatencyIncrease
  const baseRequests = base.requests ?? 0
  const comparable = margin !== null && basePeer !== null && baseRequests >= Math.max(1, minRequests)
  const gates: GateResult[] = [
    rateGate('5xx-rate', canary.errors5xx, canary.rate5xx, limits.max5xxRate, '5XX'),
    rateGate('4xx-rate', canary.errors4xx, canary.rate4xx, limits.max4xxRate, '4XX'),
    latencyGate('p99', limits.maxP99Ms, limits.maxP99Ms === null ? 'off' : 'allowed', null),
    comparable
      ? latencyGate('latency-increase', basePeer * (1 + margin), `(base p99 ${millis(basePeer)} + ${percent(margin)})`, basePeer)
      : {
          gate: 'latency-increase',
          status: 'skipped',
          canary: p99,
          base: basePeer,
          limit: null,
          detail: `latency-increase: ${margin === null ? 'off' : `too few base requests to compare with (${baseRequests}; ${minRequests} needed)`}`,
        },
  ]
  if (gates.some((g) => g.status === 'fail')) return {outcome: 'failed', reason: null, gates}
  if (gates.some((g) => g.status === 'inconclusive')) return {outcome: 'inconclusive', reason: tooFew, gates}
  return {outcome: 'passed', reason: null, gates}
}
