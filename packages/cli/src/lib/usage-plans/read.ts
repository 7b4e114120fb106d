import type {AwsSession} from '../aws/index.js'
import {AWS_FAN_OUT, mapConcurrently} from '../util/concurrency.js'
import {byCodePoint} from '../util/text.js'
import {resolvePlan} from './resolve.js'
import {planKeys, restApiNames, summarizePlan, type UsagePlanShown, type UsagePlanSummary} from './summary.js'

/** One row of `plans list` (docs/json.md). */
export interface UsagePlanListEntry extends UsagePlanSummary {
  keyCount: number
}


/** Every usage plan in the region, by name, with its API stages by API name and how many keys it has. */
export async function listPlans(session: AwsSession): Promise<{plans: UsagePlanListEntry[]}> {
  const gateway = await session.rest()
  const [plans, apiNames] = await Promise.all([gateway.listUsagePlans(), restApiNames(session)])
  const keyCounts = await mapConcurrently(plans, AWS_FAN_OUT, async (plan) => (await gateway.listUsagePlanKeys(plan.id ?? '')).length)
  const entries = plans.map((plan, index) => ({...summarizePlan(plan, apiNames), keyCount: keyCounts[index]}))
  return {plans: entries.sort((a, b) => byCodePoint(a.name, b.name) || byCodePoint(a.id, b.id))}
}

/** One usage plan, by id or name, with its keys (id, name, enabled: never values). */
export async function showPlan(session: AwsSession, reference: string): Promise<UsagePlanShown> {
  const [found, apiNames] = await Promise.all([resolvePlan(session, reference), restApiNames(session)])
  return {plan: summarizePlan(found, apiNames), keys: await planKeys(session, found.id ?? '')}
}
