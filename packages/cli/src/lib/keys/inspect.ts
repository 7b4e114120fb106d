import type {ApiKey, AwsSession} from '../aws/index.js'
import {planNames} from '../usage-plans/index.js'
import {resolveKey} from '../catalog/index.js'
import {keySummary, planRef, type KeySummary} from './summary.js'

/** A key named by id or name, with the plans it is in (GetUsagePlans by keyId): what a change to it affects. */
export async function inspectKey(session: AwsSession, reference: string): Promise<{key: ApiKey; summary: KeySummary}> {
  const key = await resolveKey(session, reference)
  const plans = await (await session.rest()).listUsagePlansOfKey(key.id ?? '')
  return {key, summary: keySummary(key, plans.map(planRef))}
}

/** Who loses access when the key stops working: its plans and its customer. */
export function whoIsCutOff(summary: KeySummary): string {
  const parts = []
  if (summary.plans.length > 0) parts.push(`usage ${summary.plans.length === 1 ? 'plan' : 'plans'} ${planNames(summary.plans)}`)
  if (summary.customerId) parts.push(`customer ${summary.customerId}`)
  return parts.length > 0 ? parts.join(' and ') : 'no usage plan and no customer'
}
