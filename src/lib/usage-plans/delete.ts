import type {UsagePlan} from '../aws/rest-gateway.js'
import type {AwsSession} from '../aws/session.js'
import type {PlanStep} from '../plan/plan.js'
import {apiStageArgument, createCommand, plansCommand} from './commands.js'
import {keyLabel, planLabel} from './membership.js'
import type {PreparedPlanChange} from './prepared.js'
import {resolvePlan} from './resolve.js'
import {apiStageText, keyReference, keysLoseAccess, planKeys, restApiNames, someOf, summarizePlan, type PlanApiStage, type PlanKey, type UsagePlanSummary} from './summary.js'

/** The stable JSON shape of `plans delete` (README). */
export interface DeletedPlan {
  plan: {id: string; name: string}
  apiStages: PlanApiStage[]
  /** The keys that lost access with the plan; the keys themselves stay. */
  keys: PlanKey[]
  /** The apigw commands that recreate the plan and put its keys back in it. */
  recreate: string[]
}

/**
 * Plans the deletion of a usage plan: AWS refuses DeleteUsagePlan while the plan names API stages,
 * so one UpdateUsagePlan removes them first. Its keys lose access to those stages: with keys it is
 * severe (type the plan's name, or --confirm <name>), without them destructive (--yes). Afterwards,
 * the commands that recreate it are printed, so nothing is lost without a way back.
 */
export async function prepareDelete(session: AwsSession, reference: string): Promise<PreparedPlanChange<DeletedPlan>> {
  const [found, apiNames] = await Promise.all([resolvePlan(session, reference), restApiNames(session)])
  const plan = summarizePlan(found, apiNames)
  const keys = await planKeys(session, plan.id)
  const gateway = await session.rest()
  const detach = plan.apiStages.map((apiStage) => ({op: 'remove' as const, path: '/apiStages', value: apiStageArgument(apiStage)}))
  const steps: PlanStep[] = [
    ...(detach.length > 0
      ? [
          {
            service: 'apigateway' as const,
            operation: 'UpdateUsagePlan',
            input: {usagePlanId: plan.id, patchOperations: detach},
            summary: `remove its API stages, ${plan.apiStages.map(apiStageText).join(', ')} (AWS deletes only a plan without stages)`,
            run: () => gateway.updateUsagePlan(plan.id, detach),
          },
        ]
      : []),
    {service: 'apigateway', operation: 'DeleteUsagePlan', input: {usagePlanId: plan.id}, summary: `delete the ${planLabel(plan)}`, run: () => gateway.deleteUsagePlan(plan.id)},
  ]
  const covering = plan.apiStages.length > 0 ? ` covering ${plan.apiStages.map(apiStageText).join(', ')}` : ''
  const losing = keys.length > 0 ? `; ${keysLoseAccess(keys.length)}: ${someOf(keys.map((key) => keyLabel(keyReference(key))))}` : ', which has no keys'
  const recreate = [createCommand(plan), ...keys.map((key) => plansCommand('attach', plan.name, key.id))]
  return {
    plan: {
      summary: `delete the ${planLabel(plan)}${covering}${losing}`,
      severity: keys.length > 0 ? 'severe' : 'destructive',
      steps,
      // Only the delete can fail after a step that changed something: the stages are out of the plan by then.
      recovery: () =>
        [
          `Try: ${plansCommand('delete', plan.id, ...(keys.length > 0 ? ['--confirm', plan.name] : ['--yes']))} (to finish deleting it)`,
          `Or, to keep it, put its stages back: ${plansCommand('set', plan.id, ...plan.apiStages.flatMap((apiStage) => ['--add-stage', apiStageArgument(apiStage)]))}`,
        ].join('\n'),
    },
    confirmName: plan.name,
    notices: [],
    afterwards: [`To recreate it${keys.length > 0 ? ' and give its keys access again' : ''}:`, ...recreate.map((command) => `  ${command}`), ...notRecreated(found, plan)],
    result: async () => ({plan: {id: plan.id, name: plan.name}, apiStages: plan.apiStages, keys, recreate}),
  }
}

/** What the recreate commands cannot say, said instead of lost silently. */
function notRecreated(raw: UsagePlan, plan: UsagePlanSummary): string[] {
  const parts = [
    plan.quota && plan.quota.offset !== 0 ? `its quota offset (${plan.quota.offset})` : undefined,
    Object.keys(raw.tags ?? {}).length > 0 ? `its tags (${Object.entries(raw.tags ?? {}).map(([key, value]) => `${key}=${value}`).join(', ')})` : undefined,
    ...(raw.apiStages ?? []).filter((apiStage) => Object.keys(apiStage.throttle ?? {}).length > 0).map((apiStage) => `the method throttles of ${apiStage.apiId}:${apiStage.stage}`),
    raw.productCode ? `its product code (${raw.productCode})` : undefined,
  ].filter((part): part is string => part !== undefined)
  return parts.length > 0 ? [`Not in these commands: ${parts.join('; ')}.`] : []
}
