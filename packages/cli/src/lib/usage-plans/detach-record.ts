import type {UsagePlan} from '../aws/index.js'
import type {AwsSession} from '../aws/index.js'
import {unlessNotFound} from '../errors.js'
import type {ChangeStep} from '../change/index.js'
import {shellCommand} from '../util/shell.js'
import {plural} from '../util/text.js'

/**
 * A delete that detaches API stages from usage plans (`apis delete --force`, `stages delete --force`,
 * `plans delete`) first writes what it is about to detach into the plans' own tags, one tag per API
 * stage: `apigw:detached:<apiId>:<stage>` = when the delete began (ISO 8601, to the second). AWS
 * keeps the plans after the delete, so a run killed part-way is found by the next one, which
 * finishes it, or with --undo puts the stages back; the tags go once the delete is done or undone.
 * `plans delete` empties the plan it deletes, and says so apart (`apigw:emptied:…`), so that its
 * records and those of an API's delete never pass for each other.
 */
const PREFIXES = {api: 'apigw:detached:', plan: 'apigw:emptied:'} as const

/** Whose delete a record belongs to: an API's or stage's (`api`), or the plan's own (`plan`). */
export type RecordKind = keyof typeof PREFIXES

export const detachedTag = (kind: RecordKind, apiId: string, stage: string) => `${PREFIXES[kind]}${apiId}:${stage}`

/** Any of apigw's detach records, of either kind. */
export const isRecordTag = (tag: string) => Object.values(PREFIXES).some((prefix) => tag.startsWith(prefix))

/** The ARN that TagResource/UntagResource take for a usage plan. */
export const usagePlanArn = (region: string, planId: string) => `arn:aws:apigateway:${region}::/usageplans/${planId}`

/** An API stage that a delete recorded, in a plan's tags, as detached (or about to be). */
export interface DetachRecord {
  apiId: string
  stage: string
  begunAt: string
}

/** The detach records of one kind in a plan's tags. */
export function detachRecords(plan: Pick<UsagePlan, 'tags'>, kind: RecordKind): DetachRecord[] {
  const prefix = PREFIXES[kind]
  return Object.entries(plan.tags ?? {}).flatMap(([tag, begunAt]) => {
    const apiStage = tag.startsWith(prefix) ? tag.slice(prefix.length) : ''
    const colon = apiStage.indexOf(':')
    return colon > 0 ? [{apiId: apiStage.slice(0, colon), stage: apiStage.slice(colon + 1), begunAt}] : []
  })
}

/** The earliest time among records: when the unfinished delete began. */
export const earliestStart = (records: DetachRecord[]) => records.map((record) => record.begunAt).sort()[0] as string | undefined

/** A date as the records hold it: ISO 8601 to the second (tag values allow no other punctuation worth the risk). */
export const recordDate = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z')

/** A usage plan and the API stages (apiId, stage) a delete detaches from it. */
export interface UsagePlanApiStages {
  /** Whose delete records them. */
  kind: RecordKind
  planId: string
  planName: string
  apiStages: Array<{apiId: string; stage: string}>
}

const stagesText = (apiStages: UsagePlanApiStages['apiStages']) => apiStages.map(({apiId, stage}) => `${apiId}:${stage}`).join(', ')

/** TagResource on the plan, before anything is detached from it: the record a later run finds. */
export function recordDetachStep(session: AwsSession, target: UsagePlanApiStages, begunAt: string): ChangeStep {
  const arn = usagePlanArn(session.settings.region, target.planId)
  const tags = Object.fromEntries(target.apiStages.map(({apiId, stage}) => [detachedTag(target.kind, apiId, stage), begunAt]))
  return {
    service: 'apigateway',
    operation: 'TagResource',
    input: {resourceArn: arn, tags},
    summary: `record in usage plan ${target.planName} (${target.planId}) that it is about to leave ${plural(target.apiStages.length, 'API stage')} ${stagesText(target.apiStages)}, so that a run cut short is found and finished`,
    run: async () => (await session.rest()).tagResource(arn, tags),
  }
}

/** UntagResource: the record is done with (the delete finished, or was undone). */
export function clearRecordStep(session: AwsSession, target: UsagePlanApiStages): ChangeStep {
  const arn = usagePlanArn(session.settings.region, target.planId)
  const tagKeys = target.apiStages.map(({apiId, stage}) => detachedTag(target.kind, apiId, stage))
  return {
    service: 'apigateway',
    operation: 'UntagResource',
    input: {resourceArn: arn, tagKeys},
    summary: `clear the detach record in usage plan ${target.planName} (${target.planId})`,
    run: async () => (await session.rest()).untagResource(arn, tagKeys),
  }
}

/** The AWS CLI command that clears a plan's record, for a run that stopped after the delete itself. */
export const clearRecordCommand = (region: string, target: UsagePlanApiStages) =>
  shellCommand('aws', 'apigateway', 'untag-resource', '--resource-arn', usagePlanArn(region, target.planId), '--tag-keys', ...target.apiStages.map(({apiId, stage}) => detachedTag(target.kind, apiId, stage)))

/**
 * One UpdateUsagePlan adding or removing API stages. When AWS answers with an error, the plan is
 * read again: a call whose answer was lost after it took effect (its retry then refused: "not in
 * Usage Plan", "already exists") has done its job, and is not reported as a failure.
 */
export function apiStagesStep(session: AwsSession, target: UsagePlanApiStages, op: 'add' | 'remove', summary: string): ChangeStep {
  const patchOperations = target.apiStages.map(({apiId, stage}) => ({op, path: '/apiStages', value: `${apiId}:${stage}`}))
  return {
    service: 'apigateway',
    operation: 'UpdateUsagePlan',
    input: {usagePlanId: target.planId, patchOperations},
    summary,
    run: async () => {
      const gateway = await session.rest()
      try {
        return await gateway.updateUsagePlan(target.planId, patchOperations)
      } catch (error) {
        const plan = await gateway.getUsagePlan(target.planId).catch(() => undefined)
        const names = ({apiId, stage}: {apiId: string; stage: string}) => (plan?.apiStages ?? []).some((named) => named.apiId === apiId && named.stage === stage)
        if (plan && target.apiStages.every((apiStage) => names(apiStage) === (op === 'add'))) return plan
        throw error
      }
    },
  }
}

/** UpdateUsagePlan adding API stages back to a plan (undoing a detach). */
export const reattachStep = (session: AwsSession, target: UsagePlanApiStages) =>
  apiStagesStep(session, target, 'add', `put ${stagesText(target.apiStages)} back in usage plan ${target.planName} (${target.planId})`)

/** A delete step that counts "not found" as done: after a lost answer, its retry finds it gone. */
export const goneIsDone = (step: ChangeStep): ChangeStep => ({...step, run: (results) => step.run(results).catch(unlessNotFound)})
