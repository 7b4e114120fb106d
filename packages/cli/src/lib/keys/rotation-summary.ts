import type {ApiKey, AwsSession, UsagePlan} from '../aws/index.js'
import type {KeyReference} from '../usage-plans/index.js'
import type {RotationStatus} from './rotation-state.js'

/** The stable JSON shape of a rotation, in `keys rotate`, `keys rotate --finalize` and `keys rotations` (docs/json.md). */
export interface RotationSummary {
  oldKey: {id: string; name: string | null; enabled: boolean; deleted: boolean}
  newKey: {id: string; name: string | null; enabled: boolean}
  /** The usage plans the rotation covers: the old key's (the new key's, once the old key is deleted). */
  plans: {id: string; name: string | null}[]
  /** When the grace period ends (ISO 8601): the old key stays enabled until then. */
  graceUntil: string
  status: RotationStatus
  finalizedAt: string | null
}

export interface SummaryFields {
  oldKeyId: string
  /** The old key as it is (or will be) after this run; undefined when it was deleted before. */
  oldKey?: {name?: string; enabled: boolean; deleted?: boolean}
  newKey: KeyReference & {enabled: boolean}
  plans: UsagePlan[]
  graceUntil: Date
  status: RotationStatus
  finalizedAt?: Date
}

export function rotationSummary(fields: SummaryFields): RotationSummary {
  return {
    oldKey: {id: fields.oldKeyId, name: fields.oldKey?.name ?? null, enabled: fields.oldKey?.enabled ?? false, deleted: fields.oldKey?.deleted ?? fields.oldKey === undefined},
    newKey: {id: fields.newKey.id, name: fields.newKey.name ?? null, enabled: fields.newKey.enabled},
    plans: fields.plans.map((plan) => ({id: plan.id ?? '', name: plan.name ?? null})),
    graceUntil: fields.graceUntil.toISOString(),
    status: fields.status,
    finalizedAt: fields.finalizedAt?.toISOString() ?? null,
  }
}

/** A key as change steps and messages name it. */
export const keyReference = (key: ApiKey): KeyReference => ({id: key.id ?? '', name: key.name})

/** The plans in `wanted` that `have` lacks, by id. */
export const plansMissing = (wanted: UsagePlan[], have: UsagePlan[]) => wanted.filter((plan) => !have.some((other) => other.id === plan.id))

/** An apigw command line for a suggestion, against the sandbox when this run is. */
export const suggested = (session: AwsSession, command: string) => (session.options.sandbox ? `${command} --sandbox` : command)
