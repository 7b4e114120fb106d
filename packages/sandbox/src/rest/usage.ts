import type {SandboxContext} from '../context.js'
import {badRequest, notFound, type Router} from '../http.js'
import {TABLES, type UsagePlanRecord, type UsageRecord} from '../model.js'
import type {Store} from '../store.js'
import {pageInCreationOrder} from './paging.js'
import {keysOfPlan, requireUsagePlan} from './keys-records.js'

const DAY_MS = 86_400_000
/** The longest range one GetUsage call may ask for, so a typo'd year cannot build a huge answer. */
const MAX_DAYS = 366

type Quota = NonNullable<UsagePlanRecord['quota']>

/**
 * GetUsage: per key of the plan, one `[used, remaining]` pair per day from startDate to endDate.
 * Used is the key's requests that day over the plan's API stages (rows the traffic simulator
 * writes); remaining is the quota left in that day's quota period after that day, never below 0,
 * and 0 when the plan has no quota.
 */
export function registerUsage(router: Router, context: SandboxContext): void {
  const {store} = context
  router.add('GET', '/usageplans/{usageplanId}/usage', (request, {usageplanId}) => {
    const plan = requireUsagePlan(store, usageplanId)
    const startDate = request.query.get('startDate')
    const endDate = request.query.get('endDate')
    const start = dayOf('startDate', startDate)
    const end = dayOf('endDate', endDate)
    if (start > end) throw badRequest(`Invalid date range: startDate ${startDate} is after endDate ${endDate}`)
    if ((end - start) / DAY_MS + 1 > MAX_DAYS) throw badRequest(`Invalid date range: ${startDate} to ${endDate} spans more than ${MAX_DAYS} days`)
    const keyId = request.query.get('keyId')
    const members = keysOfPlan(store, plan.id).filter((member) => !keyId || member.keyId === keyId)
    if (keyId && members.length === 0) throw notFound('Invalid Key identifier specified')
    const page = pageInCreationOrder(members, (member) => ({id: member.keyId, createdDate: member.createdDate ?? 0}), request.query, false)
    return {
      status: 200,
      body: {
        usagePlanId: plan.id,
        startDate,
        endDate,
        // GetUsage's `items` map travels as `values`.
        values: Object.fromEntries(page.items.map((member) => [member.keyId, dailyUsage(store, plan, member.keyId, start, end)])),
        position: page.position,
      },
    }
  })
}

/** Epoch ms of a YYYY-MM-DD query parameter's UTC midnight. */
function dayOf(name: string, value: string | null): number {
  if (value === null) throw badRequest(`${name} is required, as YYYY-MM-DD`)
  const day = Date.parse(`${value}T00:00:00Z`)
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(day) || utcDay(day) !== value) throw badRequest(`Invalid ${name} '${value}': use a date as YYYY-MM-DD`)
  return day
}

/** The UTC day (YYYY-MM-DD) of an epoch-ms time. */
export const utcDay = (time: number) => new Date(time).toISOString().slice(0, 10)

/** The usage row of one key on one API stage on one UTC day (the traffic simulator writes these rows). */
export const usageKey = (keyId: string, apiId: string, stage: string, day: string) => `${keyId}/${apiId}/${stage.toLowerCase()}/${day}`

function dailyUsage(store: Store, plan: UsagePlanRecord, keyId: string, start: number, end: number): [used: number, remaining: number][] {
  const usedOn = (day: number) =>
    plan.apiStages.reduce(
      (sum, {apiId, stage}) => sum + (store.get<UsageRecord>(TABLES.usage, usageKey(keyId, apiId, stage, utcDay(day)))?.requests ?? 0),
      0,
    )
  const {quota} = plan
  if (!quota) return daysFrom(start, end).map((day) => [usedOn(day), 0])
  const pairs: [number, number][] = []
  let period: number | undefined
  let usedInPeriod = 0
  // Count from the start of startDate's quota period, so its first days see what came before.
  for (const day of daysFrom(periodStart(start, quota.period), end)) {
    const used = usedOn(day)
    if (periodStart(day, quota.period) !== period) {
      period = periodStart(day, quota.period)
      usedInPeriod = 0
    }
    usedInPeriod += used
    if (day >= start) pairs.push([used, Math.max(0, quota.limit - usedInPeriod)])
  }
  return pairs
}

const daysFrom = (start: number, end: number) => Array.from({length: (end - start) / DAY_MS + 1}, (_, index) => start + index * DAY_MS)

/** Quota periods run in UTC: a day, a week from Monday, a calendar month. */
function periodStart(day: number, period: Quota['period']): number {
  const date = new Date(day)
  if (period === 'WEEK') return day - ((date.getUTCDay() + 6) % 7) * DAY_MS
  if (period === 'MONTH') return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1)
  return day
}
