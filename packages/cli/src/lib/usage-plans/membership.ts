import type {UsagePlan} from '../aws/index.js'
import type {AwsSession} from '../aws/index.js'
import {ApigwError, ExitCode} from '../errors.js'
import type {ChangeStep} from '../change/index.js'
import {requireWritten} from '../change/index.js'
import {capitalize} from '../util/text.js'

/** AWS allows a key in at most 10 usage plans (docs/aws-behaviour.md#an-api-key-can-be-in-at-most-ten-usage-plans). */
export const MAX_PLANS_PER_KEY = 10

export interface KeyReference {
  id: string
  name?: string | null
}

/** "key partner-a (k1a2b3)", for step summaries and messages. */
export const keyLabel = (key: {id: string; name?: string | null}) => (key.name ? `key ${key.name} (${key.id})` : `key ${key.id}`)
/** "usage plan gold (p1a2b3)". */
export const usagePlanLabel = (plan: Pick<UsagePlan, 'id' | 'name'>) => `usage plan ${plan.name} (${plan.id})`
const apiStages = (plan: UsagePlan) => (plan.apiStages ?? []).map((apiStage) => `${apiStage.apiId}:${apiStage.stage}`)

/**
 * Why AWS would refuse to add the key to the plan, checked before any call: the key is already in
 * it, already in 10 plans, or in another plan naming one of the same API stages (a key may be in
 * one plan per API stage). `keyPlans` are the plans the key is in now (GetUsagePlans with keyId).
 */
export function attachProblem(plan: UsagePlan, key: KeyReference, keyPlans: UsagePlan[]): ApigwError | undefined {
  if (keyPlans.some((member) => member.id === plan.id)) {
    return new ApigwError(`The ${keyLabel(key)} is already in ${usagePlanLabel(plan)}.`, {code: 'KEY_ALREADY_IN_PLAN', exitCode: ExitCode.conflict})
  }
  if (keyPlans.length >= MAX_PLANS_PER_KEY) {
    return new ApigwError(`The ${keyLabel(key)} is already in ${keyPlans.length} usage plans, AWS's limit per key.`, {
      code: 'KEY_PLAN_LIMIT',
      exitCode: ExitCode.conflict,
      suggestions: [`Try: apigw plans detach <plan> ${key.id}, for a plan it no longer needs`],
    })
  }
  const wanted = new Set(apiStages(plan))
  for (const member of keyPlans) {
    const shared = apiStages(member).filter((apiStage) => wanted.has(apiStage))
    if (shared.length > 0) {
      return new ApigwError(
        `The ${keyLabel(key)} is in ${usagePlanLabel(member)}, which also covers ${shared.join(', ')}; AWS allows a key in one usage plan per API stage.`,
        {code: 'ONE_PLAN_PER_API_STAGE', exitCode: ExitCode.conflict, suggestions: [`Try: apigw plans detach ${member.id} ${key.id} first, to move the key to ${plan.name}`]},
      )
    }
  }
  return undefined
}

/** CreateUsagePlanKey: the key gets the plan's throttling and quota on its API stages. */
export function attachKeyStep(session: AwsSession, plan: UsagePlan, key: KeyReference): ChangeStep {
  return {
    service: 'apigateway',
    operation: 'CreateUsagePlanKey',
    input: {usagePlanId: plan.id, keyId: key.id, keyType: 'API_KEY'},
    summary: `add ${keyLabel(key)} to ${usagePlanLabel(plan)}`,
    run: async () => (await session.rest()).createUsagePlanKey(plan.id ?? '', key.id),
  }
}

/** DeleteUsagePlanKey: the key stays, but no longer passes on the plan's API stages. */
export function detachKeyStep(session: AwsSession, plan: UsagePlan, key: KeyReference): ChangeStep {
  return {
    service: 'apigateway',
    operation: 'DeleteUsagePlanKey',
    input: {usagePlanId: plan.id, keyId: key.id},
    summary: `remove ${keyLabel(key)} from ${usagePlanLabel(plan)}`,
    run: async () => (await session.rest()).deleteUsagePlanKey(plan.id ?? '', key.id),
  }
}

/**
 * After an attach or detach: GetUsagePlanKeys must list the key (or not), else CHANGED_MEANWHILE
 * (exit 5): another operator detached or attached it meanwhile (change/verify.ts).
 */
export async function verifyMembership(session: AwsSession, plan: Pick<UsagePlan, 'id' | 'name'>, key: KeyReference, member: boolean): Promise<void> {
  const members = await (await session.rest()).listUsagePlanKeys(plan.id ?? '')
  const holds = members.some((listed) => listed.id === key.id)
  const text = (value: unknown) => (value ? 'in the plan' : 'not in the plan')
  requireWritten([{what: keyLabel(key), wrote: member, holds, text}], {subject: capitalize(usagePlanLabel(plan)), look: `apigw plans show ${plan.id}`})
}
