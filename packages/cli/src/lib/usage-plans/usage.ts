import type {AwsSession} from '../aws/index.js'
import {resolveKey} from '../catalog/index.js'
import {notInPlan} from './keys.js'
import {DAY_MS, utcDate, type UsagePlanQuota} from './options.js'
import {resolvePlan} from './resolve.js'
import {planKeys, summarizePlan, type KeyInUsagePlan} from './summary.js'

/** One UTC day of one key: null where GetUsage gave nothing for that day (missing, which is not 0). */
export interface UsageDay {
  date: string
  used: number | null
  /** What was left of the quota period after that day; null without a quota. */
  remaining: number | null
}

export interface KeyUsage {
  id: string
  name: string | null
  days: UsageDay[]
}

/** The stable JSON shape of `plans usage` (docs/json.md). */
export interface UsagePlanUsage {
  usagePlanId: string
  usagePlanName: string
  startDate: string
  endDate: string
  quota: UsagePlanQuota | null
  keys: KeyUsage[]
}

export interface UsageOptions {
  plan: string
  /** Only this key (id or name), which must be in the plan. */
  key?: string
  /** YYYY-MM-DD, UTC. */
  startDate: string
  endDate: string
}

/**
 * Daily usage of the plan's keys from GetUsage, one row per day from startDate to endDate for every
 * key of the plan (or the one asked for), by name.
 */
export async function planUsage(session: AwsSession, options: UsageOptions): Promise<UsagePlanUsage> {
  const found = await resolvePlan(session, options.plan)
  const plan = summarizePlan(found, new Map())
  const [keys, only] = await Promise.all([planKeys(session, plan.id), options.key === undefined ? undefined : resolveKey(session, options.key)])
  const gateway = await session.rest()
  let wanted: KeyInUsagePlan[] = keys
  if (only) {
    wanted = keys.filter((key) => key.id === only.id)
    if (wanted.length === 0) throw notInPlan({id: only.id ?? '', name: only.name}, plan, await gateway.listUsagePlansOfKey(only.id ?? ''))
  }
  const items = wanted.length === 0 ? {} : await gateway.getUsage({usagePlanId: plan.id, startDate: options.startDate, endDate: options.endDate, keyId: only?.id})
  const dates = datesFrom(options.startDate, options.endDate)
  const quota = plan.quota && {limit: plan.quota.limit, period: plan.quota.period}
  return {
    usagePlanId: plan.id,
    usagePlanName: plan.name,
    startDate: options.startDate,
    endDate: options.endDate,
    quota,
    keys: wanted.map(({id, name}) => ({id, name, days: usageDays(dates, items[id], quota !== null)})),
  }
}

/**
 * GetUsage's `[used, remaining]` pairs, one per day from startDate, laid on the dates: a key GetUsage
 * left out, or days past the end of its list, are missing (null), never 0. Without a quota the
 * remaining count means nothing, so it is null.
 */
export function usageDays(dates: string[], pairs: number[][] | undefined, hasQuota: boolean): UsageDay[] {
  return dates.map((date, index) => {
    const pair = pairs?.[index]
    if (!pair) return {date, used: null, remaining: null}
    return {date, used: pair[0] ?? null, remaining: hasQuota ? (pair[1] ?? null) : null}
  })
}

/** Every date from start to end, both included (YYYY-MM-DD, UTC). */
export function datesFrom(startDate: string, endDate: string): string[] {
  const start = Date.parse(`${startDate}T00:00:00Z`)
  const end = Date.parse(`${endDate}T00:00:00Z`)
  return Array.from({length: Math.max(0, Math.round((end - start) / DAY_MS) + 1)}, (_, index) => utcDate(start + index * DAY_MS))
}
