import {usageError} from '../errors.js'
import type {AwsSession} from '../aws/index.js'

const DAY_MS = 86_400_000

/** Requests per UTC day, oldest first, for each key asked about; keys with no usage get zeros. */
export interface DailyRequests {
  /** YYYY-MM-DD, the last one today (UTC). */
  days: string[]
  byKey: Record<string, number[]>
}

/** The last `count` UTC days, ending today. */
export function lastDays(count: number, now: number): string[] {
  return Array.from({length: count}, (_, index) => new Date(now - (count - 1 - index) * DAY_MS).toISOString().slice(0, 10))
}

/**
 * The keys' requests per day over the last `dayCount` days, summed over the usage plans given:
 * GetUsage counts a key's requests per plan, so one call per plan (all of its keys at once) answers it.
 */
export async function dailyRequests(session: AwsSession, planIds: string[], keyIds: string[], dayCount: number, now: number): Promise<DailyRequests> {
  const days = lastDays(dayCount, now)
  const byKey = Object.fromEntries(keyIds.map((keyId) => [keyId, days.map(() => 0)]))
  const rest = await session.rest()
  const usages = await Promise.all([...new Set(planIds)].map((usagePlanId) => rest.getUsage({usagePlanId, startDate: days[0], endDate: days.at(-1)})))
  for (const usage of usages) {
    for (const [keyId, pairs] of Object.entries(usage)) {
      const totals = byKey[keyId]
      if (!totals) continue
      pairs.forEach(([used], day) => (totals[day] += used ?? 0))
    }
  }
  return {days, byKey}
}

/** Requests on the last two days (yesterday and today, UTC): GetUsage counts whole days, so this covers at least the last 24 hours. */
export const requestsInLastDay = (daily: number[]) => daily.slice(-2).reduce((sum, count) => sum + count, 0)

/** The last day with requests, or null. */
export function lastUsedDay(usage: DailyRequests, keyId: string): string | null {
  const daily = usage.byKey[keyId] ?? []
  for (let day = daily.length - 1; day >= 0; day--) if (daily[day] > 0) return usage.days[day]
  return null
}

/** The most days of use one listing shows: enough to see a key go quiet, small enough for one table row. */
const MAX_USAGE_DAYS = 90

/** The UTC days from `startDate` to `endDate` (usageWindow's), both included: how many, and the last one's start. */
export function usageSpan({startDate, endDate}: {startDate: string; endDate: string}): {days: number; end: number} {
  const end = Date.parse(`${endDate}T00:00:00Z`)
  const days = Math.round((end - Date.parse(`${startDate}T00:00:00Z`)) / DAY_MS) + 1
  if (days > MAX_USAGE_DAYS) throw usageError(`At most ${MAX_USAGE_DAYS} days of use are shown; ${startDate} to ${endDate} is ${days}.`, [`Try: --since 7d, or --start ${new Date(end - (MAX_USAGE_DAYS - 1) * DAY_MS).toISOString().slice(0, 10)}`])
  return {days, end}
}
