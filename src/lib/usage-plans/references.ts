import type {UsagePlan} from '../aws/rest-gateway.js'
import type {AwsSession} from '../aws/session.js'
import {ApigwError, ExitCode} from '../errors.js'
import type {PlanStep} from '../plan/plan.js'
import {plural, shellQuote} from '../util/text.js'

/**
 * Usage plans name REST API stages as `apiId:stage`. Deleting an API or a stage that a plan names
 * is refused unless the operator asks apigw to detach it first; these are the shared pieces:
 * which plans name it, the detach steps, the refusal, and the way back after a partial failure.
 */

export interface UsagePlanReference {
  id: string
  name: string
  /** The stages of the API that the plan names. */
  stages: string[]
}

/** The plans naming the API's stages (only `stage`, when given), each with the stages it names. */
export function usagePlanReferences(plans: UsagePlan[], apiId: string, stage?: string): UsagePlanReference[] {
  const named = (candidate: {apiId?: string; stage?: string}) => candidate.apiId === apiId && (stage === undefined || candidate.stage === stage)
  return plans
    .map((plan) => ({
      id: plan.id ?? '',
      name: plan.name ?? '',
      stages: (plan.apiStages ?? [])
        .filter(named)
        .map((apiStage) => apiStage.stage)
        .filter((name): name is string => name !== undefined)
        .sort(),
    }))
    .filter((plan) => plan.stages.length > 0)
}

/** The usage plan patch value naming one of the API's stages. */
const apiStageValue = (apiId: string, stage: string) => `${apiId}:${stage}`

/** One UpdateUsagePlan that removes the referenced stages from the plan; the plan and its keys stay. */
export function detachStep(session: AwsSession, apiId: string, plan: UsagePlanReference): PlanStep {
  const patchOperations = plan.stages.map((stage) => ({op: 'remove' as const, path: '/apiStages', value: apiStageValue(apiId, stage)}))
  return {
    service: 'apigateway',
    operation: 'UpdateUsagePlan',
    input: {usagePlanId: plan.id, patchOperations},
    summary: `detach it from usage plan ${plan.name} (${plan.id}): ${plural(plan.stages.length, 'stage')} ${plan.stages.join(', ')}`,
    run: async () => (await session.rest()).updateUsagePlan(plan.id, patchOperations),
  }
}

/** "gold (8kizdh), free (5dybhx)", for plan summaries. */
export const planNames = (plans: Array<{id: string; name: string}>) => plans.map((plan) => `${plan.name} (${plan.id})`).join(', ')

/** The AWS CLI command that adds the API's stages to a usage plan, or removes them. */
export const usagePlanCommand = (op: 'add' | 'remove', apiId: string, plan: UsagePlanReference) =>
  `aws apigateway update-usage-plan --usage-plan-id ${plan.id} --patch-operations ${plan.stages
    .map((stage) => `op=${op},path=/apiStages,value=${shellQuote(apiStageValue(apiId, stage))}`)
    .join(' ')}`

export interface ReferencedOptions {
  /** What is referenced and why that stops the deletion, e.g. 'REST API "shop" (id) is in 2 usage plans, and …'. */
  headline: string
  code: string
  apiId: string
  plans: UsagePlanReference[]
  /** The command that deletes it anyway, detaching it first. */
  forceCommand: string
}

/** Refuses a deletion (exit 5), listing the plans and both ways out: --force, or detaching by hand. */
export function referencedByUsagePlans({headline, code, apiId, plans, forceCommand}: ReferencedOptions): ApigwError {
  const idWidth = Math.max(...plans.map((plan) => plan.id.length))
  const nameWidth = Math.max(...plans.map((plan) => plan.name.length))
  const lines = plans.map((plan) => `  ${plan.id.padEnd(idWidth)}  ${plan.name.padEnd(nameWidth)}  ${plan.stages.length === 1 ? 'stage' : 'stages'} ${plan.stages.join(', ')}`)
  return new ApigwError(`${headline}:\n${lines.join('\n')}`, {
    code,
    exitCode: ExitCode.conflict,
    suggestions: [`Try: ${forceCommand} (detaches it from these plans first)`, ...plans.map((plan) => `Or: ${usagePlanCommand('remove', apiId, plan)}`)],
  })
}

export interface RecoveryOptions {
  apiId: string
  /** The plans the deletion detaches from, in the order of its first steps. */
  plans: UsagePlanReference[]
  /** The step that failed (0-based): the detaches before it are done. */
  failed: number
  /** The command that finishes the deletion, with --force while a plan still names it. */
  finish(stillReferenced: boolean): string
  /** What is being deleted: "API", "stage". */
  what: string
}

/** After a failure in a plan of detaches then a delete: finish the deletion, or put it back where it was. */
export function detachRecovery({apiId, plans, failed, finish, what}: RecoveryOptions): string {
  const detached = plans.slice(0, failed)
  const first = `Try: ${finish(failed < plans.length)} (to finish deleting it)`
  if (detached.length === 0) return first
  const reattach = detached.map((plan) => `  ${usagePlanCommand('add', apiId, plan)}`)
  return [first, `Or, to keep the ${what}, put it back in the ${detached.length === 1 ? 'usage plan' : 'usage plans'} it left:`, ...reattach].join('\n')
}
