import type {ApiType} from '../catalog/index.js'
import type {UsagePlan} from '../aws/index.js'
import type {AwsSession} from '../aws/index.js'
import {ApigwError, ExitCode} from '../errors.js'
import type {Change, ChangeStep} from '../change/index.js'
import type {PreparedChange} from '../change/index.js'
import {patchOperationsArgument, shellCommand} from '../util/shell.js'
import {plural} from '../util/text.js'
import {apiStagesStep, clearRecordCommand, clearRecordStep, detachRecords, earliestStart, goneIsDone, reattachStep, recordDate, recordDetachStep, type UsagePlanApiStages} from './detach-record.js'

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
export const detachStep = (session: AwsSession, apiId: string, plan: UsagePlanReference): ChangeStep =>
  apiStagesStep(session, apiStagesOf(apiId, plan), 'remove', `detach it from usage plan ${plan.name} (${plan.id}): ${plural(plan.stages.length, 'stage')} ${plan.stages.join(', ')}`)

/** "gold (8kizdh), free (5dybhx)", for plan summaries. */
export const planNames = (plans: Array<{id: string; name: string}>) => plans.map((plan) => `${plan.name} (${plan.id})`).join(', ')

/** The AWS CLI command that removes the API's stages from a usage plan (JSON patch operations: they run as printed). */
const detachCommand = (apiId: string, plan: UsagePlanReference) =>
  `${shellCommand('aws', 'apigateway', 'update-usage-plan', '--usage-plan-id', plan.id)} ${patchOperationsArgument(
    plan.stages.map((stage) => ({op: 'remove', path: '/apiStages', value: apiStageValue(apiId, stage)})),
  )}`

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
    suggestions: [`Try: ${forceCommand} (detaches it from these plans first)`, ...plans.map((plan) => `Or: ${detachCommand(apiId, plan)}`)],
  })
}

/** What deleting an API (or one of its stages) detaches from usage plans, now and by an earlier run. */
export interface Detachment {
  /** Plans that still name the API's stages. */
  pending: UsagePlanReference[]
  /** The stages an earlier run recorded, in the plans' tags, as detached or about to be. */
  recorded: UsagePlanReference[]
  /** Pending stages no earlier run recorded: detaching them needs --force. */
  unrecorded: UsagePlanReference[]
  /** Every plan the deletion takes the API's stages from, with all those stages: pending or recorded. */
  all: UsagePlanReference[]
  /** When an earlier run that did not finish began the deletion: its records were found in the plans' tags. */
  resumedFrom?: string
  /** When the deletion counts as begun: the earlier run's time, or now. */
  begunAt: string
}

export function findDetachment(plans: UsagePlan[], apiId: string, stage: string | undefined, now: Date): Detachment {
  const pending = usagePlanReferences(plans, apiId, stage)
  const records = plans.flatMap((plan) => detachRecords(plan, 'api').filter((record) => record.apiId === apiId && (stage === undefined || record.stage === stage)).map((record) => ({plan, record})))
  const stagesIn = (plan: UsagePlan, references: UsagePlanReference[]) => references.find((reference) => reference.id === plan.id)?.stages ?? []
  const byPlan = (stagesOf: (plan: UsagePlan) => string[]) =>
    plans.map((plan) => ({id: plan.id ?? '', name: plan.name ?? '', stages: [...new Set(stagesOf(plan))].sort()})).filter((plan) => plan.stages.length > 0)
  const recorded = byPlan((plan) => records.filter((entry) => entry.plan === plan).map((entry) => entry.record.stage))
  const all = byPlan((plan) => [...stagesIn(plan, pending), ...stagesIn(plan, recorded)])
  const unrecorded = byPlan((plan) => stagesIn(plan, pending).filter((name) => !stagesIn(plan, recorded).includes(name)))
  const resumedFrom = earliestStart(records.map((entry) => entry.record))
  return {pending, recorded, unrecorded, all, resumedFrom, begunAt: resumedFrom ?? recordDate(now)}
}

const apiStagesOf = (apiId: string, plan: UsagePlanReference): UsagePlanApiStages => ({kind: 'api', planId: plan.id, planName: plan.name, apiStages: plan.stages.map((stage) => ({apiId, stage}))})

export interface DetachingDeletion {
  apiId: string
  detachment: Detachment
  /** The delete itself (DeleteRestApi, DeleteStage). */
  deleteStep: ChangeStep
  /** The operator's command that finishes the deletion (with --force and --confirm). */
  finishCommand: string
  /** The operator's command that undoes the detaches (with --undo). */
  undoCommand: string
  /** What is being deleted: "API", "stage". */
  what: string
}

/**
 * The steps of a deletion that detaches first: record in each plan what it is about to leave (only
 * what no earlier run recorded), detach, delete, then clear the records. A run cut short anywhere
 * before the delete is finished by the same command (or undone with --undo); one cut short after
 * it leaves only records, which the printed AWS CLI command clears.
 */
export function detachingDeletion(session: AwsSession, deletion: DetachingDeletion): Pick<Change, 'steps' | 'recovery' | 'continues'> {
  const {apiId, detachment, what} = deletion
  const records = detachment.unrecorded.map((plan) => recordDetachStep(session, apiStagesOf(apiId, plan), detachment.begunAt))
  const detaches = detachment.pending.map((plan) => detachStep(session, apiId, plan))
  const clears = detachment.all.map((plan) => clearRecordStep(session, apiStagesOf(apiId, plan)))
  const deleteIndex = records.length + detaches.length
  return {
    steps: [...records, ...detaches, goneIsDone(deletion.deleteStep), ...clears],
    continues: detachment.resumedFrom !== undefined,
    recovery: (failed) => {
      if (failed > deleteIndex) {
        const left = detachment.all.slice(failed - deleteIndex - 1).map((plan) => clearRecordCommand(session.settings.region, apiStagesOf(apiId, plan)))
        return [`The ${what} is deleted; only apigw's detach records are left in the usage plans' tags.`, `Try: ${left.join(' && ')}`].join('\n')
      }
      return [
        `Try: ${deletion.finishCommand} (finds what this run recorded in the tags of the usage plans, and finishes the deletion)`,
        `Or, to keep the ${what}: ${deletion.undoCommand} (puts it back in the usage plans it left)`,
      ].join('\n')
    },
  }
}

/**
 * Undoes what an unfinished deletion detached: each recorded stage that its plan no longer names is
 * put back, then the records are cleared. Nothing recorded: no steps.
 */
export function undoDetachment(session: AwsSession, apiId: string, detachment: Detachment): {steps: ChangeStep[]; restored: UsagePlanReference[]} {
  const restored = detachment.recorded.map((plan) => {
    const named = detachment.pending.find((candidate) => candidate.id === plan.id)?.stages ?? []
    return {...plan, stages: plan.stages.filter((stage) => !named.includes(stage))}
  })
  const steps = detachment.recorded.flatMap((plan, index) => [
    ...(restored[index].stages.length > 0 ? [reattachStep(session, apiStagesOf(apiId, restored[index]))] : []),
    clearRecordStep(session, apiStagesOf(apiId, plan)),
  ])
  return {steps, restored: restored.filter((plan) => plan.stages.length > 0)}
}

/**
 * `apis delete --undo` and `stages delete --undo`: the change that puts the API (or its stage) back
 * in the usage plans that recorded an unfinished delete taking it out, and what it reports.
 */
export function detachUndo(
  session: AwsSession,
  target: {api: DetachUndone['api']; stage: string | null; usagePlans: UsagePlan[]; label: string; undoCommand: string},
): PreparedChange<DetachUndone> {
  const {api, stage, label, undoCommand} = target
  const detachment = findDetachment(target.usagePlans, api.id, stage ?? undefined, new Date())
  const {steps, restored} = undoDetachment(session, api.id, detachment)
  return {
    change: {
      summary: `put the ${label} back in the usage plans an unfinished delete took it from`,
      severity: 'safe',
      steps,
      continues: true,
      // The records stay until each plan has its stages back: the same command carries on.
      recovery: () => `Try: ${undoCommand} (carries on from the records still in the usage plans)`,
    },
    result: () => ({api, stage, restoredTo: restored, begunAt: detachment.resumedFrom ?? null}),
    notes: steps.length === 0 ? [`No usage plan records an unfinished delete of the ${label}: nothing to undo.`] : [],
  }
}

/** The stable JSON shape of `apis delete --undo` and `stages delete --undo` (docs/json.md). */
export interface DetachUndone {
  api: {id: string; name: string; type: ApiType}
  /** stages delete --undo: the stage; null for a whole API. */
  stage: string | null
  /** The usage plans the stages went back into, with those stages (none when nothing was recorded). */
  restoredTo: UsagePlanReference[]
  /** When the undone delete began, from the records; null when none was found. */
  begunAt: string | null
}

/** Said before a run that finishes an earlier one: when it began, and what it had detached. */
export function resumingNotice(detachment: Detachment): string[] {
  if (detachment.resumedFrom === undefined) return []
  return [`Resuming the delete begun at ${detachment.resumedFrom}: the usage plans record detaching ${detachment.recorded.map((plan) => `${plan.stages.join(', ')} from ${plan.name} (${plan.id})`).join('; ')}.`]
}
