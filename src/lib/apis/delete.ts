import type {UsagePlan} from '../aws/rest-gateway.js'
import type {AwsSession} from '../aws/session.js'
import {ApigwError, ExitCode} from '../errors.js'
import type {Plan, PlanStep} from '../plan/plan.js'
import {shellQuote} from '../util/text.js'
import {API_TYPE_LABELS, summarize, type AnyApi, type ApiType} from './catalog.js'
import {resolveApi} from './resolve.js'

export interface DeleteApiOptions {
  /** Id or name. */
  api: string
  /** Detach the API from the usage plans that reference it, instead of refusing. */
  force: boolean
}

/** The stable JSON shape of `apis delete` (documented in the README). */
export interface DeletedApi {
  api: {id: string; name: string; type: ApiType}
  /** The stages deleted with it. */
  stages: string[]
  deployments: number
  /** The usage plans it was detached from (REST, with --force), with the stages each had. */
  detachedFrom: UsagePlanReference[]
}

export interface UsagePlanReference {
  id: string
  name: string
  stages: string[]
}

export interface ApiDeletion {
  plan: Plan
  /** The name the operator must type, or pass as --confirm. */
  confirmName: string
  /** What the plan deletes and detaches, known before it runs. */
  deleted: DeletedApi
}

/**
 * Plans the deletion of an API with everything under it. A REST API that a usage plan references is
 * refused (exit 5: AWS refuses DeleteRestApi then) unless `force`, which first removes its stages
 * from each such plan, one UpdateUsagePlan per plan, in the same plan as the delete.
 */
export async function prepareApiDeletion(session: AwsSession, options: DeleteApiOptions): Promise<ApiDeletion> {
  const entry = await resolveApi(session, options.api)
  const {id, name, type} = summarize(entry)
  const {stages, deployments, usagePlans} = await inventory(session, entry)
  const deleted: DeletedApi = {api: {id, name, type}, stages, deployments, detachedFrom: usagePlans}
  if (usagePlans.length > 0 && !options.force) throw referencedByUsagePlans(deleted)
  const detachSteps = usagePlans.map((plan) => detachStep(session, id, plan))
  return {
    plan: {
      summary: deletionSummary(deleted),
      severity: 'severe',
      steps: [...detachSteps, deleteStep(session, entry, deleted)],
      recovery: (failed) => recovery(deleted, failed),
    },
    confirmName: name,
    deleted,
  }
}

/** Everything that goes with the API, read concurrently; usage plans apply to REST APIs only. */
async function inventory(session: AwsSession, entry: AnyApi): Promise<{stages: string[]; deployments: number; usagePlans: UsagePlanReference[]}> {
  const {id} = summarize(entry)
  if (entry.type === 'rest') {
    const gateway = await session.rest()
    const [stages, deployments, plans] = await Promise.all([gateway.listStages(id), gateway.listDeployments(id), gateway.listUsagePlans()])
    return {stages: names(stages.map((stage) => stage.stageName)), deployments: deployments.length, usagePlans: referencesTo(id, plans)}
  }
  const gateway = await session.v2()
  const [stages, deployments] = await Promise.all([gateway.listStages(id), gateway.listDeployments(id)])
  return {stages: names(stages.map((stage) => stage.StageName)), deployments: deployments.length, usagePlans: []}
}

function names(values: Array<string | undefined>): string[] {
  return values.filter((value): value is string => value !== undefined).sort()
}

function referencesTo(apiId: string, plans: UsagePlan[]): UsagePlanReference[] {
  return plans
    .map((plan) => ({id: plan.id ?? '', name: plan.name ?? '', stages: names((plan.apiStages ?? []).filter((stage) => stage.apiId === apiId).map((stage) => stage.stage))}))
    .filter((plan) => plan.stages.length > 0)
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`

function deletionSummary({api, stages, deployments, detachedFrom}: DeletedApi): string {
  const stageList = stages.length > 0 ? ` (${stages.join(', ')})` : ''
  const what = `delete ${API_TYPE_LABELS[api.type]} API "${api.name}" (${api.id}) with ${plural(stages.length, 'stage')}${stageList} and ${plural(deployments, 'deployment')}`
  if (detachedFrom.length === 0) return what
  return `${what}, after detaching it from ${plural(detachedFrom.length, 'usage plan')}: ${detachedFrom.map((plan) => `${plan.name} (${plan.id})`).join(', ')}`
}

/** The usage plan patch value naming one of the API's stages. */
const apiStageValue = (apiId: string, stage: string) => `${apiId}:${stage}`

function detachStep(session: AwsSession, apiId: string, plan: UsagePlanReference): PlanStep {
  const patchOperations = plan.stages.map((stage) => ({op: 'remove' as const, path: '/apiStages', value: apiStageValue(apiId, stage)}))
  return {
    service: 'apigateway',
    operation: 'UpdateUsagePlan',
    input: {usagePlanId: plan.id, patchOperations},
    summary: `detach it from usage plan ${plan.name} (${plan.id}): ${plural(plan.stages.length, 'stage')} ${plan.stages.join(', ')}`,
    run: async () => (await session.rest()).updateUsagePlan(plan.id, patchOperations),
  }
}

function deleteStep(session: AwsSession, entry: AnyApi, deleted: DeletedApi): PlanStep {
  const {id, name, type} = deleted.api
  const summary = `delete ${API_TYPE_LABELS[type]} API "${name}" (${id})`
  if (entry.type === 'rest') {
    return {service: 'apigateway', operation: 'DeleteRestApi', input: {restApiId: id}, summary, run: async () => (await session.rest()).deleteRestApi(id)}
  }
  return {service: 'apigatewayv2', operation: 'DeleteApi', input: {ApiId: id}, summary, run: async () => (await session.v2()).deleteApi(id)}
}

/** The command that deletes the API once nothing references it: the operator's own, with --confirm. */
const deleteCommand = ({id, name}: DeletedApi['api'], force: boolean) =>
  `apigw apis delete --api ${id} --confirm ${shellQuote(name)}${force ? ' --force' : ''}`

/** The AWS CLI command that adds the API's stages to a usage plan, or removes them. */
const usagePlanCommand = (op: 'add' | 'remove', apiId: string, plan: UsagePlanReference) =>
  `aws apigateway update-usage-plan --usage-plan-id ${plan.id} --patch-operations ${plan.stages
    .map((stage) => `op=${op},path=/apiStages,value=${shellQuote(apiStageValue(apiId, stage))}`)
    .join(' ')}`

function referencedByUsagePlans(deleted: DeletedApi): ApigwError {
  const {api, detachedFrom: plans} = deleted
  const idWidth = Math.max(...plans.map((plan) => plan.id.length))
  const nameWidth = Math.max(...plans.map((plan) => plan.name.length))
  const lines = plans.map((plan) => `  ${plan.id.padEnd(idWidth)}  ${plan.name.padEnd(nameWidth)}  ${plan.stages.length === 1 ? 'stage' : 'stages'} ${plan.stages.join(', ')}`)
  return new ApigwError(
    `REST API "${api.name}" (${api.id}) is in ${plural(plans.length, 'usage plan')}, and AWS refuses to delete an API that a usage plan references:\n${lines.join('\n')}`,
    {
      code: 'API_IN_USAGE_PLAN',
      exitCode: ExitCode.conflict,
      suggestions: [`Try: ${deleteCommand(api, true)} (detaches it from these plans first)`, ...plans.map((plan) => `Or: ${usagePlanCommand('remove', api.id, plan)}`)],
    },
  )
}

/**
 * After a failure at step `failed`: the detach steps before it are done. Finish the deletion, or
 * keep the API and put it back in the plans it left.
 */
function recovery(deleted: DeletedApi, failed: number): string {
  const detached = deleted.detachedFrom.slice(0, failed)
  const stillReferenced = failed < deleted.detachedFrom.length
  const finish = `Try: ${deleteCommand(deleted.api, stillReferenced)} (to finish deleting it)`
  if (detached.length === 0) return finish
  const reattach = detached.map((plan) => `  ${usagePlanCommand('add', deleted.api.id, plan)}`)
  return [finish, `Or, to keep the API, put it back in the ${detached.length === 1 ? 'usage plan' : 'usage plans'} it left:`, ...reattach].join('\n')
}
