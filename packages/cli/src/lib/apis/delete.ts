import type {UsagePlan} from '../aws/index.js'
import type {AwsSession} from '../aws/index.js'
import type {ChangeStep} from '../change/index.js'
import type {PreparedChange} from '../change/index.js'
import {detachingDeletion, detachUndo, findDetachment, planNames, referencedByUsagePlans, resumingNotice, type DetachUndone, type UsagePlanReference} from '../usage-plans/index.js'
import {shellCommand} from '../util/shell.js'
import {plural} from '../util/text.js'
import {API_TYPE_LABELS, apiLabel, summarize, type AnyApi, type ApiType} from '../catalog/index.js'
import {resolveApi} from '../catalog/index.js'

export interface DeleteApiOptions {
  /** Id or name. */
  api: string
  /** Detach the API from the usage plans that reference it, instead of refusing. */
  force: boolean
  now?: Date
}

/** The stable JSON shape of `apis delete` (docs/json.md). */
export interface DeletedApi {
  api: {id: string; name: string; type: ApiType}
  /** The stages deleted with it. */
  stages: string[]
  deployments: number
  /** The usage plans it was detached from (REST, with --force), with the stages each had, by this run or the earlier one it finished. */
  detachedFrom: UsagePlanReference[]
  /** When the earlier, unfinished run that this one finished began (from the usage plans' records); null when none. */
  resumedFrom: string | null
}

export type {UsagePlanReference}

/**
 * Prepares the deletion of an API with everything under it. A REST API that a usage plan references is
 * refused (exit 5: AWS refuses DeleteRestApi then) unless `force`, which first records in each such
 * usage plan's tags what it is about to detach, then removes the API's stages from it, in the same change as
 * the delete; an earlier run cut short is found by those records and finished.
 */
export async function prepareApiDeletion(session: AwsSession, options: DeleteApiOptions): Promise<PreparedChange<DeletedApi>> {
  const entry = await resolveApi(session, options.api)
  const {id, name, type} = summarize(entry)
  const {stages, deployments, usagePlans} = await inventory(session, entry)
  const detachment = findDetachment(usagePlans, id, undefined, options.now ?? new Date())
  const deleted: DeletedApi = {api: {id, name, type}, stages, deployments, detachedFrom: detachment.all, resumedFrom: detachment.resumedFrom ?? null}
  // Stages an earlier --force run recorded were consented to then.
  if (detachment.unrecorded.length > 0 && !options.force) {
    throw referencedByUsagePlans({
      headline: `REST API "${name}" (${id}) is in ${plural(detachment.unrecorded.length, 'usage plan')}, and AWS refuses to delete an API that a usage plan references`,
      code: 'API_IN_USAGE_PLAN',
      apiId: id,
      plans: detachment.unrecorded,
      forceCommand: deleteCommand(deleted.api),
    })
  }
  return {
    change: {
      summary: deletionSummary(deleted),
      severity: 'severe',
      ...detachingDeletion(session, {apiId: id, detachment, deleteStep: deleteStep(session, entry, deleted), finishCommand: deleteCommand(deleted.api), undoCommand: undoCommand(deleted.api), what: 'API'}),
    },
    confirmName: name,
    notes: resumingNotice(detachment),
    // What it deletes and detaches is known before it runs.
    result: () => deleted,
  }
}

/** The stable JSON shape of `apis delete --undo` and `stages delete --undo` (docs/json.md). */
export type {DetachUndone}

/**
 * Undoes an `apis delete --force` that was cut short before the API was deleted: the API's stages go
 * back into the usage plans that recorded detaching them, and the records are cleared.
 */
export async function prepareApiDetachUndo(session: AwsSession, options: {api: string}): Promise<PreparedChange<DetachUndone>> {
  const entry = await resolveApi(session, options.api)
  const api = summarize(entry)
  const {usagePlans} = await inventory(session, entry)
  return detachUndo(session, {api: {id: api.id, name: api.name, type: api.type}, stage: null, usagePlans, label: apiLabel(api), undoCommand: undoCommand(api)})
}

/** Everything that goes with the API, read concurrently; usage plans apply to REST APIs only. */
async function inventory(session: AwsSession, entry: AnyApi): Promise<{stages: string[]; deployments: number; usagePlans: UsagePlan[]}> {
  const {id} = summarize(entry)
  if (entry.type === 'rest') {
    const gateway = await session.rest()
    const [stages, deployments, plans] = await Promise.all([gateway.listStages(id), gateway.listDeployments(id), gateway.listUsagePlans()])
    return {stages: names(stages.map((stage) => stage.stageName)), deployments: deployments.length, usagePlans: plans}
  }
  const gateway = await session.v2()
  const [stages, deployments] = await Promise.all([gateway.listStages(id), gateway.listDeployments(id)])
  return {stages: names(stages.map((stage) => stage.StageName)), deployments: deployments.length, usagePlans: []}
}

function names(values: Array<string | undefined>): string[] {
  return values.filter((value): value is string => value !== undefined).sort()
}

function deletionSummary({api, stages, deployments, detachedFrom}: DeletedApi): string {
  const stageList = stages.length > 0 ? ` (${stages.join(', ')})` : ''
  const what = `delete ${API_TYPE_LABELS[api.type]} API "${api.name}" (${api.id}) with ${plural(stages.length, 'stage')}${stageList} and ${plural(deployments, 'deployment')}`
  if (detachedFrom.length === 0) return what
  return `${what}, after detaching it from ${plural(detachedFrom.length, 'usage plan')}: ${planNames(detachedFrom)}`
}

function deleteStep(session: AwsSession, entry: AnyApi, deleted: DeletedApi): ChangeStep {
  const {id, name, type} = deleted.api
  const summary = `delete ${API_TYPE_LABELS[type]} API "${name}" (${id})`
  if (entry.type === 'rest') {
    return {service: 'apigateway', operation: 'DeleteRestApi', input: {restApiId: id}, summary, run: async () => (await session.rest()).deleteRestApi(id)}
  }
  return {service: 'apigatewayv2', operation: 'DeleteApi', input: {ApiId: id}, summary, run: async () => (await session.v2()).deleteApi(id)}
}

/** The operator's command that deletes the API, detaching it from usage plans first (and finishing an earlier run). */
const deleteCommand = ({id, name}: DeletedApi['api']) => shellCommand('apigw', 'apis', 'delete', '--api', id, '--confirm', name, '--force')

/** The command that undoes an unfinished `apis delete --force`. */
const undoCommand = ({id}: DeletedApi['api']) => shellCommand('apigw', 'apis', 'delete', '--api', id, '--undo')
