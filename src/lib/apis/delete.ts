import type {AwsSession} from '../aws/session.js'
import type {Plan, PlanStep} from '../plan/plan.js'
import {detachRecovery, detachStep, planNames, referencedByUsagePlans, usagePlanReferences, type UsagePlanReference} from '../usage-plans/references.js'
import {plural, shellQuote} from '../util/text.js'
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

export type {UsagePlanReference}

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
  if (usagePlans.length > 0 && !options.force) {
    throw referencedByUsagePlans({
      headline: `REST API "${name}" (${id}) is in ${plural(usagePlans.length, 'usage plan')}, and AWS refuses to delete an API that a usage plan references`,
      code: 'API_IN_USAGE_PLAN',
      apiId: id,
      plans: usagePlans,
      forceCommand: deleteCommand(deleted.api, true),
    })
  }
  const detachSteps = usagePlans.map((plan) => detachStep(session, id, plan))
  return {
    plan: {
      summary: deletionSummary(deleted),
      severity: 'severe',
      steps: [...detachSteps, deleteStep(session, entry, deleted)],
      recovery: (failed) => detachRecovery({apiId: id, plans: usagePlans, failed, finish: (stillReferenced) => deleteCommand(deleted.api, stillReferenced), what: 'API'}),
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
    return {stages: names(stages.map((stage) => stage.stageName)), deployments: deployments.length, usagePlans: usagePlanReferences(plans, id)}
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
