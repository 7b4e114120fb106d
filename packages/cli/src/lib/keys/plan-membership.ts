import type {AwsSession, UsagePlan} from '../aws/index.js'
import {AWS_FAN_OUT, mapConcurrently} from '../util/concurrency.js'
import {planRef, type UsagePlanRef} from './summary.js'

export interface UsagePlanMembership {
  plans: UsagePlan[]
  /** The plans a key is in, in the order of the plan listing. */
  plansOf(keyId: string): UsagePlanRef[]
}

/**
 * Which usage plans every key is in, from the GetUsagePlans listing and one GetUsagePlanKeys listing
 * per plan: at most 300 plans per region, where a GetUsagePlans per key would be up to 10,000 calls.
 */
export async function planMembership(session: AwsSession, plans: UsagePlan[]): Promise<UsagePlanMembership> {
  const gateway = await session.rest()
  // GetUsagePlanKeys returns each key's value too: only the ids are kept.
  const memberIds = await mapConcurrently(plans, AWS_FAN_OUT, async (plan) => (await gateway.listUsagePlanKeys(plan.id ?? '')).map((member) => member.id))
  const byKey = new Map<string, UsagePlanRef[]>()
  plans.forEach((plan, index) => {
    for (const keyId of memberIds[index]) {
      if (keyId !== undefined) byKey.set(keyId, [...(byKey.get(keyId) ?? []), planRef(plan)])
    }
  })
  return {plans, plansOf: (keyId) => byKey.get(keyId) ?? []}
}
