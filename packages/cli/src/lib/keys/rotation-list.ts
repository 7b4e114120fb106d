import type {AwsSession} from '../aws/index.js'
import {rotationsInProgress, rotationStatus} from './rotation-state.js'
import {keyReference, plansMissing, rotationSummary, type RotationSummary} from './rotation-summary.js'
import {dailyRequests, lastUsedDay, requestsInLastDay} from './usage.js'

/** One rotation in `keys rotations` (docs/json.md): its summary and both keys' recent use. */
export interface RotationInProgress extends RotationSummary {
  /** The new key is in every plan of the old key (the rotation finished starting). */
  newKeyInAllPlans: boolean
  /** Requests per UTC day over the window, oldest first, summed over the plans. */
  usage: {days: string[]; oldKey: number[]; newKey: number[]}
  /** The last day the old key had requests, or null. */
  oldKeyLastUsed: string | null
  /** Requests yesterday or today: what `keys rotate --finalize` refuses on. */
  oldKeyInUse: boolean
}

export interface RotationList {
  rotations: RotationInProgress[]
}

/**
 * Rotations in progress, from one GetApiKeys listing (the keys' tags), each with both keys' use over
 * the last `days` days: is anyone still using the old key? One GetUsagePlans per key and one GetUsage
 * per plan, all at once.
 */
export async function listRotations(session: AwsSession, options: {days: number; now: number; usageEnd?: number}): Promise<RotationList> {
  const rest = await session.rest()
  const rotations = rotationsInProgress(await rest.listApiKeys())
  const plansOf = (keyId: string | undefined) => (keyId ? rest.listUsagePlansOfKey(keyId) : Promise.resolve([]))
  const memberships = await Promise.all(rotations.map((rotation) => Promise.all([plansOf(rotation.oldKey?.id), plansOf(rotation.newKey.id)])))
  const allPlans = memberships.flatMap(([oldPlans, newPlans]) => [...oldPlans, ...newPlans].map((plan) => plan.id ?? ''))
  const keyIds = rotations.flatMap((rotation) => [rotation.oldKeyId, rotation.newKey.id ?? ''])
  const usage = await dailyRequests(session, allPlans, keyIds, options.days, options.usageEnd ?? options.now)
  return {
    rotations: rotations.map((rotation, index) => {
      const [oldPlans, newPlans] = memberships[index]
      const oldDaily = usage.byKey[rotation.oldKeyId]
      return {
        ...rotationSummary({
          oldKeyId: rotation.oldKeyId,
          oldKey: rotation.oldKey && {name: rotation.oldKey.name, enabled: rotation.oldKey.enabled ?? false},
          newKey: {...keyReference(rotation.newKey), enabled: rotation.newKey.enabled ?? false},
          plans: rotation.oldKey ? oldPlans : newPlans,
          graceUntil: rotation.graceUntil,
          status: rotationStatus(rotation, options.now),
        }),
        newKeyInAllPlans: plansMissing(oldPlans, newPlans).length === 0,
        usage: {days: usage.days, oldKey: oldDaily, newKey: usage.byKey[rotation.newKey.id ?? '']},
        oldKeyLastUsed: lastUsedDay(usage, rotation.oldKeyId),
        oldKeyInUse: requestsInLastDay(oldDaily) > 0,
      }
    }),
  }
}
