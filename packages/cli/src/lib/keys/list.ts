import type {AwsSession} from '../aws/index.js'
import {resolvePlan} from '../usage-plans/index.js'
import {planMembership} from './plan-membership.js'
import {keySummary, type KeySummary} from './summary.js'

export interface ListKeysOptions {
  /** Only keys in this usage plan (id or name). */
  plan?: string
  /** Only keys whose name starts with this (case-sensitive, AWS's nameQuery). */
  name?: string
  /** Only keys with this customer id. */
  customer?: string
}

/**
 * API keys, newest first (AWS's order), each with the usage plans it is in; never their values.
 * GetApiKeys pages of 500, filtered by AWS by name prefix and customer id; plan membership comes
 * from one GetUsagePlans listing (which also resolves --plan) and planMembership.
 */
export async function listKeys(session: AwsSession, options: ListKeysOptions): Promise<{keys: KeySummary[]}> {
  const gateway = await session.rest()
  const [plans, keys] = await Promise.all([gateway.listUsagePlans(), gateway.listApiKeys({nameQuery: options.name, customerId: options.customer})])
  const plan = options.plan === undefined ? undefined : await resolvePlan(session, options.plan, plans)
  const membership = await planMembership(session, plans)
  const summaries = keys.map((key) => keySummary(key, membership.plansOf(key.id ?? '')))
  return {keys: plan ? summaries.filter((key) => key.plans.some((member) => member.id === plan.id)) : summaries}
}
