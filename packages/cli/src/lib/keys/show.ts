import type {AwsSession} from '../aws/index.js'
import {resolveKey} from '../catalog/index.js'
import {keySummary, planRef, type KeySummary} from './summary.js'

/** The stable JSON shape of `keys show` (docs/json.md). */
export interface KeyDetails extends KeySummary {
  /** ISO 8601. */
  lastUpdatedDate: string | null
  /** Stage keys from before usage plans: "restApiId/stageName". */
  stageKeys: string[]
  tags: Record<string, string>
  /** Only with --show-value. */
  value?: string
}

/** A key with its plans (GetUsagePlans by keyId), tags and stage keys; its value only when asked for. */
export async function showKey(session: AwsSession, reference: string, options: {showValue: boolean}): Promise<{key: KeyDetails}> {
  const found = await resolveKey(session, reference)
  const id = found.id ?? ''
  const gateway = await session.rest()
  const [plans, key] = await Promise.all([gateway.listUsagePlansOfKey(id), options.showValue ? gateway.getApiKey(id, true) : found])
  const details: KeyDetails = {
    ...keySummary(key, plans.map(planRef)),
    lastUpdatedDate: key.lastUpdatedDate?.toISOString() ?? null,
    stageKeys: key.stageKeys ?? [],
    tags: key.tags ?? {},
  }
  if (options.showValue) details.value = key.value
  return {key: details}
}
