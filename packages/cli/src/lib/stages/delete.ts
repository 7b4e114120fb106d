import {apiLabel, summarize, type AnyApi, type ApiType} from '../catalog/index.js'
import {resolveApi} from '../catalog/index.js'
import type {AwsSession} from '../aws/index.js'
import type {ChangeStep} from '../change/index.js'
import type {PreparedChange} from '../change/index.js'
import {detachingDeletion, detachUndo, findDetachment, planNames, referencedByUsagePlans, resumingNotice, type DetachUndone, type UsagePlanReference} from '../usage-plans/index.js'
import {shellCommand} from '../util/shell.js'
import {plural} from '../util/text.js'
import {findStage} from '../catalog/index.js'

export interface DeleteStageOptions {
  /** Id or name. */
  api: string
  stage: string
  /** Detach the stage from the usage plans that name it, instead of refusing. */
  force: boolean
  now?: Date
}

/** The stable JSON shape of `stages delete` (docs/json.md). */
export interface DeletedStage {
  api: {id: string; name: string; type: ApiType}
  stage: string
  /** The deployment it served; the deployment itself stays. */
  deploymentId: string | null
  /** The usage plans it was detached from (REST, with --force), by this run or the earlier one it finished. */
  detachedFrom: UsagePlanReference[]
  /** When the earlier, unfinished run that this one finished began (from the usage plans' records); null when none. */
  resumedFrom: string | null
}

/**
 * Prepares DeleteStage. A REST stage that usage plans name is refused (exit 5: the plans would be left
 * naming a stage that does not exist, and their keys would lose it silently) unless `force`, which
 * first records in each usage plan what it is about to detach, then removes it, as `apis delete --force` does.
 */
export async function prepareStageDeletion(session: AwsSession, options: DeleteStageOptions): Promise<PreparedChange<DeletedStage>> {
  const {entry, id, name, type, stage, found, usagePlans} = await stageAndPlans(session, options)
  const label = `stage "${stage}" of ${apiLabel({id, name, type})}`
  const detachment = findDetachment(usagePlans, id, stage, options.now ?? new Date())
  const finish = shellCommand('apigw', 'stages', 'delete', '--api', id, '--stage', stage, '--confirm', stage, '--force')
  // Stages an earlier --force run recorded were consented to then.
  if (detachment.unrecorded.length > 0 && !options.force) {
    const count = detachment.unrecorded.length
    throw referencedByUsagePlans({
      headline: `The ${label} is in ${plural(count, 'usage plan')}; deleting it would leave ${count === 1 ? 'that plan' : 'those plans'} naming a stage that does not exist`,
      code: 'STAGE_IN_USAGE_PLAN',
      apiId: id,
      plans: detachment.unrecorded,
      forceCommand: finish,
    })
  }
  const serving = found.summary.deploymentId ? `, serving deployment ${found.summary.deploymentId}` : ''
  const detaching = detachment.all.length > 0 ? `, after detaching it from ${plural(detachment.all.length, 'usage plan')}: ${planNames(detachment.all)}` : ''
  return {
    change: {
      summary: `delete the ${label}${serving}${detaching}`,
      severity: 'severe',
      ...detachingDeletion(session, {apiId: id, detachment, deleteStep: deleteStep(session, entry, stage, `delete the ${label}`), finishCommand: finish, undoCommand: undoCommand(id, stage), what: 'stage'}),
    },
    confirmName: stage,
    notes: resumingNotice(detachment),
    result: () => ({api: {id, name, type}, stage, deploymentId: found.summary.deploymentId, detachedFrom: detachment.all, resumedFrom: detachment.resumedFrom ?? null}),
  }
}

/** Undoes a `stages delete --force` cut short before the stage was deleted: it goes back into the plans it left. */
export async function prepareStageDetachUndo(session: AwsSession, options: {api: string; stage: string}): Promise<PreparedChange<DetachUndone>> {
  const {id, name, type, stage, usagePlans} = await stageAndPlans(session, options)
  return detachUndo(session, {api: {id, name, type}, stage, usagePlans, label: `stage "${stage}" of ${apiLabel({id, name, type})}`, undoCommand: undoCommand(id, stage)})
}

/** The command that undoes an unfinished `stages delete --force`. */
const undoCommand = (apiId: string, stage: string) => shellCommand('apigw', 'stages', 'delete', '--api', apiId, '--stage', stage, '--undo')

/** The API, the stage as AWS spells it, and the usage plans (REST only). */
async function stageAndPlans(session: AwsSession, options: {api: string; stage: string}) {
  const entry = await resolveApi(session, options.api)
  const {id, name, type} = summarize(entry)
  const [found, usagePlans] = await Promise.all([findStage(session, entry, options.stage), entry.type === 'rest' ? session.rest().then((rest) => rest.listUsagePlans()) : []])
  return {entry, id, name, type, stage: found.summary.name, found, usagePlans}
}

function deleteStep(session: AwsSession, entry: AnyApi, stage: string, summary: string): ChangeStep {
  const {id} = summarize(entry)
  if (entry.type === 'rest') {
    return {service: 'apigateway', operation: 'DeleteStage', input: {restApiId: id, stageName: stage}, summary, run: async () => (await session.rest()).deleteStage(id, stage)}
  }
  return {service: 'apigatewayv2', operation: 'DeleteStage', input: {ApiId: id, StageName: stage}, summary, run: async () => (await session.v2()).deleteStage(id, stage)}
}
