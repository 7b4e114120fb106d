import {usageError, type ApigwError} from '../errors.js'
import {parseDuration} from '../util/duration.js'
import {parseThrottle} from '../util/throttle.js'
import {parseInstant, type WindowFlags} from '../util/window.js'

/**
 * The `plans` flags that carry values, read before any AWS call: a malformed one is a usage error
 * (exit 2) naming the flag and showing an example.
 */

export const QUOTA_PERIODS = ['DAY', 'WEEK', 'MONTH'] as const
export type QuotaPeriod = (typeof QUOTA_PERIODS)[number]

export interface UsagePlanThrottle {
  /** Requests per second (AWS takes a float). */
  rateLimit: number
  burstLimit: number
}

export interface UsagePlanQuota {
  limit: number
  period: QuotaPeriod
}

/** An API stage as typed: the API by id or name, then the stage. */
export interface ApiStageReference {
  api: string
  stage: string
}

/** `set` takes `off` where `create` takes only a value: it removes the whole setting. */
export type Removable<T> = T | 'off'

/** AWS's quota limit is a 32-bit integer. */
const MAX_QUOTA = 2_147_483_647
export const DAY_MS = 86_400_000

/** `--throttle 100:200`: 100 requests per second (a float), bursts of 200; with `allowOff`, `off`. */
export function parseThrottleFlag(text: string, allowOff = false): Removable<UsagePlanThrottle> {
  if (allowOff && text.trim().toLowerCase() === 'off') return 'off'
  const {rateLimit, burstLimit} = parseThrottle(text, '--throttle', allowOff ? '100:200 (or --throttle off, to remove it)' : '100:200')
  return {rateLimit: rateLimit ?? 0, burstLimit: burstLimit ?? 0}
}

/** `--quota 1000/day`: at most 1000 requests a day (week, month); with `allowOff`, `off`. */
export function parseQuotaFlag(text: string, allowOff = false): Removable<UsagePlanQuota> {
  if (allowOff && text.trim().toLowerCase() === 'off') return 'off'
  const match = /^\s*(\d+)\s*\/\s*(day|week|month)\s*$/i.exec(text)
  const example = allowOff ? '1000/day (or --quota off, to remove it)' : '1000/day'
  if (!match) throw invalid(`--quota "${text}" is not limit/period: a whole number of requests per day, week or month.`, `--quota ${example}`)
  const limit = Number(match[1])
  if (limit > MAX_QUOTA) throw invalid(`--quota ${limit} is more than AWS allows (${MAX_QUOTA}).`, `--quota ${example}`)
  return {limit, period: match[2].toUpperCase() as QuotaPeriod}
}

/** `--stage shop:prod`: split at the last colon, since stage names have none and API names may. */
export function parseApiStage(text: string, flag: string): ApiStageReference {
  const split = text.lastIndexOf(':')
  const api = text.slice(0, split).trim()
  const stage = text.slice(split + 1).trim()
  if (split < 0 || api === '' || stage === '') throw invalid(`${flag} "${text}" is not api:stage (an API id or name, a colon, then a stage name).`, `${flag} shop:prod`)
  return {api, stage}
}

/**
 * `--since 30d` (the last 30 UTC days, the last day included) or `--since 2024-05-01`, or
 * `--start <date or ISO time>`; and `--end` (default today): the GetUsage dates, YYYY-MM-DD in UTC.
 */
export function usageWindow(flags: WindowFlags, now: number, defaultSince = '30d'): {startDate: string; endDate: string} {
  if (flags.since !== undefined && flags.start !== undefined) throw invalid('--since and --start both set where the window begins; give one.', '--start alone (with --end), or --since alone')
  const today = utcDate(now)
  const endDate = flags.end === undefined ? today : utcDate(parseInstant(flags.end, '--end', now))
  if (endDate > today) throw invalid(`--end ${flags.end} is after today (${today}, UTC).`, 'leave out --end (it defaults to today)')
  const lastDay = flags.end === undefined ? 'today' : 'the last day'
  if (flags.start !== undefined) {
    const startDate = utcDate(parseInstant(flags.start, '--start', now))
    if (startDate > endDate) throw invalid(`--start ${flags.start} is after ${lastDay} (${endDate}, UTC).`, `--start ${endDate}`)
    return {startDate, endDate}
  }
  const since = flags.since ?? defaultSince
  if (/^\s*\d{4}-\d{2}-\d{2}\s*$/.test(since)) {
    const startDate = since.trim()
    if (Number.isNaN(Date.parse(`${startDate}T00:00:00Z`)) || utcDate(Date.parse(`${startDate}T00:00:00Z`)) !== startDate) {
      throw invalid(`--since ${startDate} is not a date.`, '--since 2024-05-01, or --since 30d')
    }
    if (startDate > endDate) throw invalid(`--since ${startDate} is after ${lastDay} (${endDate}, UTC).`, `--since ${defaultSince}`)
    return {startDate, endDate}
  }
  const ms = durationOrUndefined(since)
  if (ms === undefined) throw invalid(`--since "${since}" is neither a duration (7d, 36h) nor a date (YYYY-MM-DD).`, '--since 30d')
  if (ms <= 0) throw invalid(`--since must be more than 0; got "${since}".`, '--since 30d')
  const days = Math.ceil(ms / DAY_MS)
  return {startDate: utcDate(Date.parse(`${endDate}T00:00:00Z`) - (days - 1) * DAY_MS), endDate}
}

function durationOrUndefined(text: string): number | undefined {
  try {
    return parseDuration(text, '--since')
  } catch (error) {
    // A duration, only too long: that error says what to do.
    if ((error as ApigwError).code === 'DURATION_TOO_LONG') throw error
    return undefined
  }
}

/** The UTC day of an epoch-ms time, YYYY-MM-DD. */
export const utcDate = (time: number) => new Date(time).toISOString().slice(0, 10)

const invalid = (message: string, example: string) => usageError(message, [`Try: ${example}`], 'INVALID_OPTION')
