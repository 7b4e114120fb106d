import type {AwsSession} from '../aws/index.js'
import type {Plan} from '../plan/index.js'
import {keyLabel, planNames} from '../usage-plans/index.js'
import {plural} from '../util/text.js'
import {inspectKey, whoIsCutOff} from './inspect.js'
import {deleteKeyStep} from './steps.js'
import type {KeySummary} from './summary.js'

/** The stable JSON shape of `keys delete` (README). */
export interface DeletedKey {
  deleted: KeySummary
}

export interface KeyDeletion {
  plan: Plan
  /** What the operator must type, or pass as --confirm: the key's name, or its id when that is what --confirm gave (or it has no name). */
  confirmName: string
  /** For stderr before the confirmation: a key still in use. */
  warnings: string[]
  result: DeletedKey
}

/**
 * Plans DeleteApiKey: severe, because the value is gone for good and AWS removes the key from every
 * usage plan. A key still enabled and in plans gets a warning naming them, and the safer way.
 */
export async function prepareKeyDeletion(session: AwsSession, reference: string, confirmFlag?: string): Promise<KeyDeletion> {
  const {summary} = await inspectKey(session, reference)
  const warnings =
    summary.enabled && summary.plans.length > 0
      ? [
          `${keyLabel(summary)} is enabled and in ${plural(summary.plans.length, 'usage plan')} (${planNames(summary.plans)}): its callers are cut off at once, for good. Safer: apigw keys disable ${summary.id}, and delete it once nobody misses it.`,
        ]
      : []
  return {
    plan: {
      summary: `delete ${keyLabel(summary)}, in ${whoIsCutOff(summary)}, for good (its value cannot be recovered)`,
      severity: 'severe',
      steps: [deleteKeyStep(session, summary)],
    },
    confirmName: confirmFlag === summary.id || !summary.name ? summary.id : summary.name,
    warnings,
    result: {deleted: summary},
  }
}
