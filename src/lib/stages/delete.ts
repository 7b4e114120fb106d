import {apiLabel, summarize, type AnyApi, type ApiType} from '../apis/catalog.js'
import {resolveApi} from '../apis/resolve.js'
import type {AwsSession} from '../aws/session.js'
import type {Plan, PlanStep} from '../plan/plan.js'
import {detachRecovery, detachStep, planNames, referencedByUsagePlans, usagePlanReferences, type UsagePlanReference} from '../usage-plans/references.js'
import {plural, shellQuote} from '../util/text.js'
import {findStage} from './find.js'

export interface DeleteStageOptions {
  /** Id or name. */
  api: string
  stage: string
  /** Detach the stage from the usage plans that name it, instead of refusing. */
  force: boolean
}

/** The stable JSON shape of `stages delete` (documented in the README). */
export interface DeletedStage {
  api: {id: string; name: string; type: ApiType}
  stage: string
  /** The deployment it served; the deployment itself stays. */
  deploymentId: string | null
  /** The usage plans it was detached from (REST, with --force). */
  detachedFrom: UsagePlanReference[]
}

export interface StageDeletion {
  plan: Plan
  /** The stage's name, which the operator must type or pass as --confirm. */
  confirmName: string
  deleted: DeletedStage
}

/**
 * Plans DeleteStage. A REST stage that usage plans name is refused (exit 5: the plans would be left
 * naming a stage that does not exist, and their keys would lose it silently) unless `force`, which
 * first removes it from each plan, one UpdateUsagePlan per plan, as `apis delete --force` does.
 */
export async function prepareStageDeletion(session: AwsSession, options: DeleteStageOptions): Promise<StageDeletion> {
  const entry = await resolveApi(session, options.api)
  const {id, name, type} = summarize(entry)
  // Usage plans apply to REST APIs only.
  const [found, usagePlans] = await Promise.all([findStage(session, entry, options.stage), entry.type === 'rest' ? session.rest().then((rest) => rest.listUsagePlans()) : []])
  const stage = found.summary.name
  const label = `stage "${stage}" of ${apiLabel({id, name, type})}`
  const references = usagePlanReferences(usagePlans, id, stage)
  const finish = (force: boolean) => `apigw stages delete --api ${id} --stage ${shellQuote(stage)} --confirm ${shellQuote(stage)}${force ? ' --force' : ''}`
  if (references.length > 0 && !options.force) {
    throw referencedByUsagePlans({
      headline: `The ${label} is in ${plural(references.length, 'usage plan')}; deleting it would leave ${references.length === 1 ? 'that plan' : 'those plans'} naming a stage that does not exist`,
      code: 'STAGE_IN_USAGE_PLAN',
      apiId: id,
      plans: references,
      forceCommand: finish(true),
    })
  }
  const serving = found.summary.deploymentId ? `, serving deployment ${found.summary.deploymentId}` : ''
  const detaching = references.length > 0 ? `, after detaching it from ${plural(references.length, 'usage plan')}: ${planNames(references)}` : ''
  return {
    plan: {
      summary: `delete the ${label}${serving}${detaching}`,
      severity: 'severe',
      steps: [...references.map((plan) => detachStep(session, id, plan)), deleteStep(session, entry, stage, `delete the ${label}`)],
      recovery: (failed) => detachRecovery({apiId: id, plans: references, failed, finish, what: 'stage'}),
    },
    confirmName: stage,
    deleted: {api: {id, name, type}, stage, deploymentId: found.summary.deploymentId, detachedFrom: references},
  }
}

function deleteStep(session: AwsSession, entry: AnyApi, stage: string, summary: string): PlanStep {
  const {id} = summarize(entry)
  if (entry.type === 'rest') {
    return {service: 'apigateway', operation: 'DeleteStage', input: {restApiId: id, stageName: stage}, summary, run: async () => (await session.rest()).deleteStage(id, stage)}
  }
  return {service: 'apigatewayv2', operation: 'DeleteStage', input: {ApiId: id, StageName: stage}, summary, run: async () => (await session.v2()).deleteStage(id, stage)}
}
