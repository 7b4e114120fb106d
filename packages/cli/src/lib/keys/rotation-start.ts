import type {ApiKey, UsagePlan} from '../aws/index.js'
import type {AwsSession} from '../aws/index.js'
import {ApigwError, ExitCode} from '../errors.js'
import type {ChangeStep} from '../change/index.js'
import {attachKeyStep, attachProblem, keyLabel, type KeyReference} from '../usage-plans/index.js'
import {plural} from '../util/text.js'
import {NEW_KEY_CLAIM_TAG} from './rotation-claim.js'
import {inheritedTags, ROTATION_TAGS, tagDate, type Rotation} from './rotation-state.js'
import {keyReference, plansMissing} from './rotation-summary.js'
import {createKeyStep, tagKeyStep} from './steps.js'

/** Starting a rotation: the new key, created already naming the old one, in the old key's plans, then the old key tagged. */

export interface StartState {
  oldKey: ApiKey
  /** The new key: found in the tags, or a placeholder the CreateApiKey step fills in. */
  newKey: KeyReference
  existing?: Rotation
  oldPlans: UsagePlan[]
  newPlans: UsagePlan[]
  graceUntil: Date
  /** This run's rotation claim (rotation-claim.ts), carried by the new key. */
  claimToken: string
  onCreated(key: ApiKey): void
}

/** The steps of starting a rotation that are not done yet: create, attach to the missing plans and check, tag the old key. */
export function startSteps(session: AwsSession, state: StartState): ChangeStep[] {
  const {oldKey, newKey, existing, oldPlans, newPlans, graceUntil} = state
  if (existing?.finalizedAt) return []
  const steps: ChangeStep[] = []
  if (!existing) {
    const tags = {...inheritedTags(oldKey), [ROTATION_TAGS.rotationOf]: oldKey.id ?? '', [ROTATION_TAGS.graceUntil]: tagDate(graceUntil), [NEW_KEY_CLAIM_TAG]: state.claimToken}
    steps.push(createKeyStep(session, {name: newKey.name ?? '', description: oldKey.description, customerId: oldKey.customerId, tags}, newKey, state.onCreated))
  }
  refuseExtraPlans(newKey, oldPlans, newPlans)
  const missing = plansMissing(oldPlans, newPlans)
  for (const plan of missing) {
    const problem = attachProblem(plan, newKey, newPlans)
    if (problem) throw problem
    steps.push(attachKeyStep(session, plan, newKey))
  }
  if (missing.length > 0) steps.push(samePlansStep(session, newKey, oldPlans))
  if (!existing?.oldKeyTagged) {
    const tags = () => ({[ROTATION_TAGS.rotatedTo]: newKey.id, [ROTATION_TAGS.graceUntil]: tagDate(graceUntil)})
    steps.push(tagKeyStep(session, keyReference(oldKey), tags, 'rotated to the new key, with the grace deadline'))
  }
  return steps
}

/** The check is that both keys are in the same plans; a new key in other plans too can only be fixed by hand. */
function refuseExtraPlans(newKey: KeyReference, oldPlans: UsagePlan[], newPlans: UsagePlan[]): void {
  const extra = plansMissing(newPlans, oldPlans)
  if (extra.length === 0) return
  throw new ApigwError(`The new ${keyLabel(newKey)} is also in ${extra.map((plan) => `${plan.name} (${plan.id})`).join(', ')}, where the old key is not.`, {
    code: 'ROTATION_PLANS_DIFFER',
    exitCode: ExitCode.conflict,
    suggestions: extra.map((plan) => `Try: apigw plans detach ${plan.id} ${newKey.id}`),
  })
}

/** GetUsagePlans with the new key's id: the step that proves it is in exactly the old key's plans. */
function samePlansStep(session: AwsSession, newKey: KeyReference, oldPlans: UsagePlan[]): ChangeStep {
  return {
    service: 'apigateway',
    operation: 'GetUsagePlans',
    input: {keyId: newKey.id},
    summary: `check that the new key is in the same ${plural(oldPlans.length, 'usage plan')} as the old key`,
    run: async () => {
      const plans = await (await session.rest()).listUsagePlansOfKey(newKey.id)
      const missing = plansMissing(oldPlans, plans)
      if (missing.length > 0) {
        throw new ApigwError(`The new ${keyLabel(newKey)} is not in ${missing.map((plan) => `${plan.name} (${plan.id})`).join(', ')}, though it was just added.`, {
          code: 'ROTATION_PLANS_DIFFER',
          exitCode: ExitCode.conflict,
        })
      }
      refuseExtraPlans(newKey, oldPlans, plans)
      return {plans: plans.map((plan) => plan.id)}
    },
  }
}

