import type {AwsSession} from '../aws/index.js'
import type {PreparedChange} from '../change/index.js'
import {keyLabel} from '../usage-plans/index.js'
import {planNames} from '../usage-plans/index.js'
import {plural} from '../util/text.js'
import {inspectKey, whoIsCutOff} from './inspect.js'
import {deleteKeyStep} from './steps.js'
import type {KeySummary} from './summary.js'

/** The stable JSON shape of `keys delete` (docs/json.md). */
export interface DeletedKey {
  deleted: KeySummary
}

/**
 * Prepares DeleteApiKey: severe, because the value is gone for good and AWS removes the key from every
 * usage plan. A key still enabled and in plans gets a warning naming them, and the safer way.
 */
export async function prepareKeyDeletion(session: AwsSession, reference: string, confirmFlag?: string): Promise<PreparedChange<DeletedKey>> {
  const {summary} = await inspectKey(session, reference)
  const warnings =
    summary.enabled && summary.plans.length > 0
      ? [
          `${keyLabel(summary)} is enabled and in ${plural(summary.plans.length, 'usage plan')} (${planNames(summary.plans)}): its callers are cut off at once, for good. Safer: apigw keys disable ${summary.id}, and delete it once nobody misses it.`,
        ]
      : []
  return {
    change: {
      summary: `delete ${keyLabel(summary)}, in ${whoIsCutOff(summary)}, for good (its value cannot be recovered)`,
      severity: 'severe',
      steps: [deleteKeyStep(session, summary)],
    },
    // The key's name, or its id when that is what --confirm gave (or it has no name).
    confirmName: confirmFlag === summary.id || !summary.name ? summary.id : summary.name,
    warnings,
    result: () => ({deleted: summary}),
  }
}
