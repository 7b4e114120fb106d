import type {AwsSession} from '../aws/index.js'
import {exclusiveStep} from '../change/index.js'
import type {PreparedChange} from '../change/index.js'
import {requireWritten} from '../change/index.js'
import {capitalize} from '../util/text.js'
import {keyLabel} from '../usage-plans/index.js'
import {inspectKey, whoIsCutOff} from './inspect.js'
import {apiKeyArn} from '../catalog/index.js'
import {setKeyEnabledStep} from './steps.js'
import type {KeySummary} from './summary.js'

/** The stable JSON shape of `keys enable` and `keys disable` (docs/json.md). */
export interface SwitchedKey {
  key: KeySummary
  /** False when the key was already in the state asked for (nothing was called). */
  changed: boolean
}

/**
 * Prepares UpdateApiKey `replace /enabled`. Disabling is destructive: every caller of the key is
 * refused at once, so the change names the usage plans and the customer it cuts off. A key already
 * in the state asked for needs no change. The result is the key read back: CHANGED_MEANWHILE
 * (exit 5) when another operator switched it back meanwhile (change/verify.ts).
 */
export async function prepareKeySwitch(session: AwsSession, reference: string, enabled: boolean): Promise<PreparedChange<SwitchedKey>> {
  const {summary} = await inspectKey(session, reference)
  if (summary.enabled === enabled) return {notes: [`The key is already ${enabled ? 'enabled' : 'disabled'}; nothing to change.`], result: () => ({key: summary, changed: false})}
  const what = `${enabled ? 'enable' : 'disable'} ${keyLabel(summary)}`
  return {
    change: {
      summary: enabled ? what : `${what}, cutting off its callers in ${whoIsCutOff(summary)}`,
      severity: enabled ? 'safe' : 'destructive',
      steps: [exclusiveStep(session, apiKeyArn(session.settings.region, summary.id), {subject: capitalize(keyLabel(summary)), look: `apigw keys show ${summary.id}`}, setKeyEnabledStep(session, summary, enabled))],
    },
    result: async () => {
      const holds = (await (await session.rest()).getApiKey(summary.id)).enabled ?? false
      const text = (value: unknown) => (value ? 'enabled' : 'disabled')
      requireWritten([{what: 'enabled', wrote: enabled, holds, text}], {subject: capitalize(keyLabel(summary)), look: `apigw keys show ${summary.id}`})
      return {key: {...summary, enabled}, changed: true}
    },
  }
}
