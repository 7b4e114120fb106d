import type {AwsSession, UsagePlan} from '../aws/index.js'
import {ApigwError, ExitCode} from '../errors.js'
import {resolveKey} from '../catalog/index.js'
import {exclusiveStep, type PlanStep, restArn} from '../plan/index.js'
import {capitalize} from '../util/text.js'
import {attachKeyStep, attachProblem, detachKeyStep, keyLabel, planLabel, verifyMembership, type KeyReference} from './membership.js'
import {plansCommand} from './commands.js'
import type {PreparedPlanChange} from './prepared.js'
import {resolvePlan} from './resolve.js'
import {apiStageText, keyReference, planKey, restApiNames, summarizePlan, type PlanApiStage, type PlanKey} from './summary.js'

/** The stable JSON shape of `plans attach` and `plans detach` (README). */
export interface PlanMembershipChange {
  plan: {id: string; name: string}
  key: PlanKey
  /** The API stages the key gained (attach) or lost (detach) with the plan. */
  apiStages: PlanApiStage[]
}

export interface MembershipOptions {
  plan: string
  key: string
}

interface Membership {
  raw: UsagePlan
  change: PlanMembershipChange
  /** The plans the key is in now. */
  keyPlans: UsagePlan[]
}

async function readMembership(session: AwsSession, options: MembershipOptions): Promise<Membership> {
  const [raw, apiKey, apiNames] = await Promise.all([resolvePlan(session, options.plan), resolveKey(session, options.key), restApiNames(session)])
  const keyPlans = await (await session.rest()).listUsagePlansOfKey(apiKey.id ?? '')
  const {id, name, apiStages} = summarizePlan(raw, apiNames)
  return {raw, change: {plan: {id, name}, key: planKey(apiKey), apiStages}, keyPlans}
}

const stagesText = (apiStages: PlanApiStage[]) => apiStages.map(apiStageText).join(', ') || 'no API stages'

/**
 * Plans CreateUsagePlanKey after checking AWS's rules locally (already in the plan, 10 plans per
 * key, one plan per API stage), so a refused attach changes nothing. The result is read back with
 * GetUsagePlanKeys: the key is listed in the plan, or the command fails (CHANGED_MEANWHILE).
 */
export async function prepareAttach(session: AwsSession, options: MembershipOptions): Promise<PreparedPlanChange<PlanMembershipChange>> {
  const {raw, change, keyPlans} = await readMembership(session, options)
  const key = keyReference(change.key)
  const problem = attachProblem(raw, key, keyPlans)
  if (problem) throw problem
  const notices = [
    ...(change.key.enabled === false ? [`The ${keyLabel(key)} is disabled: requests with it are refused until it is enabled (apigw keys enable ${key.id}).`] : []),
    ...(change.apiStages.length === 0 ? [`The ${planLabel(change.plan)} covers no API stages yet: add one with ${plansCommand('set', change.plan.id, '--add-stage', '<api>:<stage>')}.`] : []),
  ]
  return {
    plan: {summary: `add the ${keyLabel(key)} to the ${planLabel(change.plan)}, giving it ${stagesText(change.apiStages)}`, severity: 'safe', steps: [holdingPlan(session, change.plan, attachKeyStep(session, raw, key))]},
    notices,
    afterwards: [`Undo: ${plansCommand('detach', change.plan.id, key.id)}`],
    result: async () => {
      await verifyMembership(session, change.plan, key, true)
      return change
    },
  }
}

/** Plans DeleteUsagePlanKey: destructive, since the key loses the plan's API stages at once. */
export async function prepareDetach(session: AwsSession, options: MembershipOptions): Promise<PreparedPlanChange<PlanMembershipChange>> {
  const {raw, change, keyPlans} = await readMembership(session, options)
  const key = keyReference(change.key)
  if (!keyPlans.some((plan) => plan.id === change.plan.id)) throw notInPlan(key, change.plan, keyPlans)
  const others = keyPlans.length - 1
  return {
    plan: {summary: `remove the ${keyLabel(key)} from the ${planLabel(change.plan)}: it loses access to ${stagesText(change.apiStages)}`, severity: 'destructive', steps: [holdingPlan(session, change.plan, detachKeyStep(session, raw, key))]},
    notices: [],
    afterwards: [
      ...(others === 0 ? [`The ${keyLabel(key)} is in no usage plan now: requests with it are refused wherever an API key is required.`] : []),
      `Undo: ${plansCommand('attach', change.plan.id, key.id)}`,
    ],
    result: async () => {
      await verifyMembership(session, change.plan, key, false)
      return change
    },
  }
}

/** A change of the plan's keys while no other apigw changes the plan (plan/exclusive.ts). */
const holdingPlan = (session: AwsSession, plan: {id: string; name: string}, step: PlanStep) =>
  exclusiveStep(session, restArn(session, `/usageplans/${plan.id}`), {subject: capitalize(planLabel(plan)), look: plansCommand('show', plan.id)}, step)

export function notInPlan(key: KeyReference, plan: {id: string; name: string}, keyPlans: Pick<UsagePlan, 'id' | 'name'>[]): ApigwError {
  const where = keyPlans.length > 0 ? `it is in ${keyPlans.map((other) => `${other.name} (${other.id})`).join(', ')}` : 'it is in no usage plan'
  return new ApigwError(`The ${keyLabel(key)} is not in the ${planLabel(plan)}; ${where}.`, {
    code: 'KEY_NOT_IN_PLAN',
    exitCode: ExitCode.notFound,
    suggestions: [`Try: apigw plans show ${plan.id}, to see its keys`],
  })
}
