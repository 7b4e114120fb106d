import type {UsagePlan} from '../aws/index.js'
import type {AwsSession} from '../aws/index.js'
import type {ChangeStep} from '../change/index.js'
import {createCommand, plansCommand} from './commands.js'
import {apiStagesStep, clearRecordStep, detachRecords, earliestStart, goneIsDone, isRecordTag, reattachStep, recordDate, recordDetachStep, type DetachRecord, type UsagePlanApiStages} from './detach-record.js'
import {keyLabel, usagePlanLabel} from './membership.js'
import type {PreparedChange} from '../change/index.js'
import {resolvePlan} from './resolve.js'
import {apiStageText, keyReference, keysLoseAccess, planKeys, restApiNames, someOf, summarizePlan, type UsagePlanApiStage, type KeyInUsagePlan, type UsagePlanSummary} from './summary.js'

/** The stable JSON shape of `plans delete` (docs/json.md). */
export interface DeletedUsagePlan {
  plan: {id: string; name: string}
  apiStages: UsagePlanApiStage[]
  /** The keys that lost access with the plan; the keys themselves stay. */
  keys: KeyInUsagePlan[]
  /** The apigw commands that recreate the plan and put its keys back in it. */
  recreate: string[]
  /** When the earlier, unfinished run that this one finished began (from the plan's records); null when none. */
  resumedFrom: string | null
}

/** The stable JSON shape of `plans delete --undo` (docs/json.md). */
export interface UsagePlanDeleteUndone {
  plan: {id: string; name: string}
  /** The API stages put back (none when nothing was recorded). */
  restored: UsagePlanApiStage[]
  /** When the undone delete began, from the plan's records; null when none was found. */
  begunAt: string | null
}

/**
 * Prepares the deletion of a usage plan: AWS refuses DeleteUsagePlan while the plan names API stages,
 * so one UpdateUsagePlan removes them first, after recording them in the plan's own tags: a run cut
 * short after the detach is found and finished by the next one (or undone with --undo). Its keys
 * lose access to those stages: with keys it is severe (type the plan's name, or --confirm <name>),
 * without them destructive (--yes). Afterwards, the commands that recreate it are printed, so
 * nothing is lost without a way back.
 */
export async function prepareDelete(session: AwsSession, reference: string, options: {now?: Date} = {}): Promise<PreparedChange<DeletedUsagePlan>> {
  const [found, apiNames] = await Promise.all([resolvePlan(session, reference), restApiNames(session)])
  const named = summarizePlan(found, apiNames)
  const records = detachRecords(found, 'plan')
  const resumedFrom = earliestStart(records)
  // The plan as it was before any run began deleting it: its stages now, and those an earlier run detached.
  const plan = {...named, apiStages: [...named.apiStages, ...records.filter((record) => !named.apiStages.some(same(record))).map(({apiId, stage}) => ({apiId, apiName: apiNames.get(apiId) ?? null, stage}))]}
  const keys = await planKeys(session, plan.id)
  const unrecorded = named.apiStages.filter((apiStage) => !records.some(same(apiStage)))
  const steps: ChangeStep[] = [
    ...(unrecorded.length > 0 ? [recordDetachStep(session, apiStagesOf(plan, unrecorded), resumedFrom ?? recordDate(options.now ?? new Date()))] : []),
    ...(named.apiStages.length > 0
      ? [apiStagesStep(session, apiStagesOf(plan, named.apiStages), 'remove', `remove its API stages, ${named.apiStages.map(apiStageText).join(', ')} (AWS deletes only a plan without stages)`)]
      : []),
    goneIsDone({service: 'apigateway', operation: 'DeleteUsagePlan', input: {usagePlanId: plan.id}, summary: `delete the ${usagePlanLabel(plan)}`, run: async () => (await session.rest()).deleteUsagePlan(plan.id)}),
  ]
  const covering = plan.apiStages.length > 0 ? ` covering ${plan.apiStages.map(apiStageText).join(', ')}` : ''
  const losing = keys.length > 0 ? `; ${keysLoseAccess(keys.length)}: ${someOf(keys.map((key) => keyLabel(keyReference(key))))}` : ', which has no keys'
  const recreate = [createCommand(plan), ...keys.map((key) => plansCommand('attach', plan.name, key.id))]
  return {
    change: {
      summary: `delete the ${usagePlanLabel(plan)}${covering}${losing}`,
      severity: keys.length > 0 ? 'severe' : 'destructive',
      steps,
      continues: resumedFrom !== undefined,
      recovery: () =>
        [
          `Try: ${plansCommand('delete', plan.id, ...(keys.length > 0 ? ['--confirm', plan.name] : ['--yes']))} (finds what this run recorded in the tags of the plan, and finishes deleting it)`,
          `Or, to keep it: ${plansCommand('delete', plan.id, '--undo')} (puts its API stages back)`,
        ].join('\n'),
    },
    confirmName: plan.name,
    warnings: resumedFrom === undefined ? [] : [`Resuming the delete begun at ${resumedFrom}: the plan records detaching ${records.map((record) => `${record.apiId}:${record.stage}`).join(', ')}.`],
    afterwards: [`To recreate it${keys.length > 0 ? ' and give its keys access again' : ''}:`, ...recreate.map((command) => `  ${command}`), ...notRecreated(found, plan)],
    result: async () => ({plan: {id: plan.id, name: plan.name}, apiStages: plan.apiStages, keys, recreate, resumedFrom: resumedFrom ?? null}),
  }
}

/**
 * Undoes a `plans delete` cut short before the plan was deleted: the API stages it recorded go back
 * in (those it does not name again already), and the records are cleared.
 */
export async function prepareDeleteUndo(session: AwsSession, reference: string): Promise<PreparedChange<UsagePlanDeleteUndone>> {
  const [found, apiNames] = await Promise.all([resolvePlan(session, reference), restApiNames(session)])
  const plan = summarizePlan(found, apiNames)
  const records = detachRecords(found, 'plan')
  const missing = records.filter((record) => !plan.apiStages.some(same(record))).map(({apiId, stage}) => ({apiId, apiName: apiNames.get(apiId) ?? null, stage}))
  const steps = [...(missing.length > 0 ? [reattachStep(session, apiStagesOf(plan, missing))] : []), ...(records.length > 0 ? [clearRecordStep(session, apiStagesOf(plan, records))] : [])]
  return {
    change: {
      summary: `put back the API stages an unfinished delete took from the ${usagePlanLabel(plan)}`,
      severity: 'safe',
      steps,
      continues: true,
      recovery: () => `Try: ${plansCommand('delete', plan.id, '--undo')} (carries on from the records still in the plan)`,
    },
    warnings: records.length === 0 ? [`The ${usagePlanLabel(plan)} records no unfinished delete: nothing to undo.`] : [],
    result: async () => ({plan: {id: plan.id, name: plan.name}, restored: missing, begunAt: earliestStart(records) ?? null}),
  }
}

const same = (a: Pick<DetachRecord, 'apiId' | 'stage'>) => (b: Pick<DetachRecord, 'apiId' | 'stage'>) => a.apiId === b.apiId && a.stage === b.stage
const apiStagesOf = (plan: Pick<UsagePlanSummary, 'id' | 'name'>, apiStages: Array<Pick<DetachRecord, 'apiId' | 'stage'>>): UsagePlanApiStages => ({
  kind: 'plan',
  planId: plan.id,
  planName: plan.name,
  apiStages: apiStages.map(({apiId, stage}) => ({apiId, stage})),
})

/** What the recreate commands cannot say, said instead of lost silently. */
function notRecreated(raw: UsagePlan, plan: UsagePlanSummary): string[] {
  // apigw's own detach records go with the delete they describe.
  const ownTags = Object.entries(raw.tags ?? {}).filter(([key]) => !isRecordTag(key))
  const parts = [
    plan.quota && plan.quota.offset !== 0 ? `its quota offset (${plan.quota.offset})` : undefined,
    ownTags.length > 0 ? `its tags (${ownTags.map(([key, value]) => `${key}=${value}`).join(', ')})` : undefined,
    ...(raw.apiStages ?? []).filter((apiStage) => Object.keys(apiStage.throttle ?? {}).length > 0).map((apiStage) => `the method throttles of ${apiStage.apiId}:${apiStage.stage}`),
    raw.productCode ? `its product code (${raw.productCode})` : undefined,
  ].filter((part): part is string => part !== undefined)
  return parts.length > 0 ? [`Not in these commands: ${parts.join('; ')}.`] : []
}
