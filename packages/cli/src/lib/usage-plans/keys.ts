import type {UsagePlan} from '../aws/index.js'
import type {AwsSession} from '../aws/index.js'
import {ApigwError, ExitCode} from '../errors.js'
import {resolveKey} from '../catalog/index.js'
import {exclusiveStep, restArn} from '../change/index.js'
import type {ChangeStep} from '../change/index.js'
import {capitalize} from '../util/text.js'
import {attachKeyStep, attachProblem, detachKeyStep, keyLabel, usagePlanLabel, verifyMembership, type KeyReference} from './membership.js'
import {plansCommand} from './commands.js'
import type {PreparedChange} from '../change/index.js'
import {resolvePlan} from './resolve.js'
import {apiStageText, keyReference, planKey, restApiNames, summarizePlan, type UsagePlanApiStage, type KeyInUsagePlan} from './summary.js'

/** The stable JSON shape of `plans attach` and `plans detach` (docs/json.md). */
export interface UsagePlanMembershipChange {
  plan: {id: string; name: string}
  key: KeyInUsagePlan
  /** The API stages the key gained (attach) or lost (detach) with the plan. */
  apiStages: UsagePlanApiStage[]
}

export interface MembershipOptions {
  plan: string
  key: string
}

interface Membership {
  raw: UsagePlan
  membership: UsagePlanMembershipChange
  /** The plans the key is in now. */
  keyPlans: UsagePlan[]
}

async function readMembership(session: AwsSession, options: MembershipOptions): Promise<Membership> {
  const [raw, apiKey, apiNames] = await Promise.all([resolvePlan(session, options.plan), resolveKey(session, options.key), restApiNames(session)])
  const keyPlans = await (await session.rest()).listUsagePlansOfKey(apiKey.id ?? '')
  const {id, name, apiStages} = summarizePlan(raw, apiNames)
  return {raw, membership: {plan: {id, name}, key: planKey(apiKey), apiStages}, keyPlans}
}

const stagesText = (apiStages: UsagePlanApiStage[]) => apiStages.map(apiStageText).join(', ') || 'no API stages'

/**
 * Prepares CreateUsagePlanKey after checking AWS's rules locally (already in the plan, 10 plans per
 * key, one plan per API stage), so a refused attach changes nothing. The result is read back with
 * GetUsagePlanKeys: the key is listed in the plan, or the command fails (CHANGED_MEANWHILE).
 */
export async function prepareAttach(session: AwsSession, options: MembershipOptions): Promise<PreparedChange<UsagePlanMembershipChange>> {
  const {raw, membership, keyPlans} = await readMembership(session, options)
  const key = keyReference(membership.key)
  const problem = attachProblem(raw, key, keyPlans)
  if (problem) throw problem
  const warnings = [
    ...(membership.key.enabled === false ? [`The ${keyLabel(key)} is disabled: requests with it are refused until it is enabled (apigw keys enable ${key.id}).`] : []),
    ...(membership.apiStages.length === 0 ? [`The ${usagePlanLabel(membership.plan)} covers no API stages yet: add one with ${plansCommand('set', membership.plan.id, '--add-stage', '<api>:<stage>')}.`] : []),
  ]
  return {
    change: {summary: `add the ${keyLabel(key)} to the ${usagePlanLabel(membership.plan)}, giving it ${stagesText(membership.apiStages)}`, severity: 'safe', steps: [holdingUsagePlan(session, membership.plan, attachKeyStep(session, raw, key))]},
    warnings,
    afterwards: [`Undo: ${plansCommand('detach', membership.plan.id, key.id)}`],
    result: async () => {
      await verifyMembership(session, membership.plan, key, true)
      return membership
    },
  }
}

/** Prepares DeleteUsagePlanKey: destructive, since the key loses the plan's API stages at once. */
export async function prepareDetach(session: AwsSession, options: MembershipOptions): Promise<PreparedChange<UsagePlanMembershipChange>> {
  const {raw, membership, keyPlans} = await readMembership(session, options)
  const key = keyReference(membership.key)
  if (!keyPlans.some((plan) => plan.id === membership.plan.id)) throw notInPlan(key, membership.plan, keyPlans)
  const others = keyPlans.length - 1
  return {
    change: {summary: `remove the ${keyLabel(key)} from the ${usagePlanLabel(membership.plan)}: it loses access to ${stagesText(membership.apiStages)}`, severity: 'destructive', steps: [holdingUsagePlan(session, membership.plan, detachKeyStep(session, raw, key))]},
    afterwards: [
      ...(others === 0 ? [`The ${keyLabel(key)} is in no usage plan now: requests with it are refused wherever an API key is required.`] : []),
      `Undo: ${plansCommand('attach', membership.plan.id, key.id)}`,
    ],
    result: async () => {
      await verifyMembership(session, membership.plan, key, false)
      return membership
    },
  }
}

/** A change of the usage plan's keys while no other apigw changes the usage plan (change/exclusive.ts). */
const holdingUsagePlan = (session: AwsSession, plan: {id: string; name: string}, step: ChangeStep) =>
  exclusiveStep(session, restArn(session, `/usageplans/${plan.id}`), {subject: capitalize(usagePlanLabel(plan)), look: plansCommand('show', plan.id)}, step)

export function notInPlan(key: KeyReference, plan: {id: string; name: string}, keyPlans: Pick<UsagePlan, 'id' | 'name'>[]): ApigwError {
  const where = keyPlans.length > 0 ? `it is in ${keyPlans.map((other) => `${other.name} (${other.id})`).join(', ')}` : 'it is in no usage plan'
  return new ApigwError(`The ${keyLabel(key)} is not in the ${usagePlanLabel(plan)}; ${where}.`, {
    code: 'KEY_NOT_IN_PLAN',
    exitCode: ExitCode.notFound,
    suggestions: [`Try: apigw plans show ${plan.id}, to see its keys`],
  })
}
