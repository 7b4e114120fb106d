import {MAX_WINDOW_MS, type ErrorRate, type LatencyProfile, type TrafficSpec, type TrafficSummary} from 'apigw-sandbox/contract'
import type {AwsSession} from '../aws/index.js'
import {resolveApi, resolveKey, summarize, type ApiSummary} from '../catalog/index.js'
import {ApigwError, ExitCode, usageError} from '../errors.js'
import {systemClock, type Clock} from '../util/clock.js'
import {parseDuration} from '../util/duration.js'
import {parseNamedValues, parsePercent} from '../util/percent.js'
import {controlCall} from './client.js'
import type {ControlTarget} from './runtime.js'

export type {TrafficSummary}

/** The traffic flags as typed, before parsing. */
export interface TrafficFlags {
  rps: string
  errorRate: string
  latency: string
  cacheHit: string
  canaryErrorRate?: string
  canaryLatency?: string
  keys?: string
}

/** Everything in a TrafficSpec except where and when. */
export type TrafficProfile = Omit<TrafficSpec, 'apiId' | 'stage' | 'start' | 'end'>

export function parseTrafficProfile(flags: TrafficFlags): TrafficProfile {
  const rps = Number(flags.rps)
  if (!(rps > 0 && Number.isFinite(rps))) throw usageError(`--rps must be a positive number of requests per second; got "${flags.rps}".`, ['Try: --rps 50'])
  const profile: TrafficProfile = {
    rps,
    errorRate: parseErrorRate(flags.errorRate, '--error-rate'),
    latency: parseLatency(flags.latency, '--latency'),
    cacheHit: parsePercent(flags.cacheHit, '--cache-hit', '--cache-hit 80%'),
  }
  if (flags.canaryErrorRate !== undefined) profile.canaryErrorRate = parseErrorRate(flags.canaryErrorRate, '--canary-error-rate')
  if (flags.canaryLatency !== undefined) profile.canaryLatency = parseLatency(flags.canaryLatency, '--canary-latency')
  if (flags.keys !== undefined) profile.keys = flags.keys.split(',').map((key) => key.trim()).filter(Boolean)
  return profile
}

function parseErrorRate(text: string, flag: string): ErrorRate {
  const example = '4xx=2%,5xx=0.5%'
  const rates = parseNamedValues(text, flag, ['4xx', '5xx'] as const, example, (value, name) => parsePercent(value, name, `${flag} ${example}`))
  return {'4xx': rates['4xx'] ?? 0, '5xx': rates['5xx'] ?? 0}
}

function parseLatency(text: string, flag: string): LatencyProfile {
  const example = 'p50=40ms,p99=350ms'
  const latency = parseNamedValues(text, flag, ['p50', 'p99'] as const, example, (value, name) => parseDuration(value, name))
  const p50 = latency.p50 ?? 40
  const p99 = latency.p99 ?? Math.max(p50, 350)
  if (!(p50 > 0 && p99 >= p50)) throw usageError(`${flag} needs 0 < p50 ≤ p99; got p50=${p50}ms, p99=${p99}ms.`, [`Try: ${flag} ${example}`])
  return {p50, p99}
}

/** The window a backfill of `duration` ending now covers; the simulator takes at most 31 days at once. */
export function backfillWindow(duration: string, now: number): {start: number; end: number} {
  const durationMs = parseDuration(duration, '--duration')
  if (durationMs <= 0 || durationMs > MAX_WINDOW_MS) throw usageError(`--duration must be more than 0 and at most 31d; got "${duration}".`, ['Try: --duration 30m'])
  return {start: now - durationMs, end: now}
}

/** The API the traffic goes to, by id or name. */
export async function trafficApi(session: AwsSession, reference: string): Promise<ApiSummary> {
  return summarize(await resolveApi(session, reference))
}

/** `--keys` by id or name, as the sandbox takes them: ids (an unknown key is exit 4, with suggestions). */
export async function trafficKeyIds(session: AwsSession, keys: string[]): Promise<string[]> {
  return Promise.all(keys.map(async (key) => (await resolveKey(session, key)).id ?? key))
}

/** Publishes the metrics of traffic over [start, end) through the sandbox `target`. */
export async function simulate(target: ControlTarget, spec: TrafficSpec): Promise<TrafficSummary> {
  try {
    return await controlCall<TrafficSummary>(target, 'POST', 'traffic', spec)
  } catch (error) {
    // The API was resolved already, so what is missing is the stage (or a key).
    if (error instanceof ApigwError && error.exitCode === ExitCode.notFound) {
      throw new ApigwError(error.message, {code: error.code, exitCode: error.exitCode, suggestions: [`Try: apigw apis show --api ${spec.apiId} --sandbox (it lists the stages)`]})
    }
    throw error
  }
}

export interface FollowOptions {
  intervalMs: number
  /** Resolves when the run should end (Ctrl-C); the time since the last round is published first. */
  until: Promise<void>
  onRound(summary: TrafficSummary): void
  clock?: Pick<Clock, 'now'>
}

/** Publishes live traffic, one round per interval, until told to stop; returns the requests published. */
export async function followTraffic(sandbox: ControlTarget, target: Omit<TrafficSpec, 'start' | 'end'>, options: FollowOptions): Promise<number> {
  const clock = options.clock ?? systemClock
  let stopped = false
  void options.until.then(() => (stopped = true))
  let start = clock.now()
  let requests = 0
  while (!stopped) {
    await intervalOrStop(options.intervalMs, options.until)
    const end = clock.now()
    // Stopped within the same millisecond: an empty window has no traffic to publish (and the sandbox refuses one).
    if (end <= start) continue
    const summary = await simulate(sandbox, {...target, start, end})
    requests += summary.requests
    start = end
    options.onRound(summary)
  }
  return requests
}

/** Waits one interval, or less if told to stop, leaving no timer behind to hold the process open. */
function intervalOrStop(ms: number, until: Promise<void>): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms)
    void until.then(() => {
      clearTimeout(timer)
      resolve()
    })
  })
}
