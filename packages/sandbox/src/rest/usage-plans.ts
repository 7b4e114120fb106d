import type {SandboxContext} from '../context.js'
import {USAGE_PLAN_QUOTA_PERIODS} from '../facts.js'
import {badRequest, conflict, jsonBody, notFound, type Router} from '../http.js'
import {TABLES, type Tags, type UsagePlanRecord} from '../model.js'
import {tagsAnswer} from './apis-store.js'
import {checkInput, requiredProblems} from './input-checks.js'
import {pageInCreationOrder} from './paging.js'
import {checkPatchPaths, numberValue, patchOperationsOf, type PatchOperation} from './patch.js'
import {checkOnePlanPerStage, keysOfPlan, planKey, removePlanKey, requireUsagePlan, sameApiStage, type ApiStage} from './keys-records.js'
import {findStage, requireApi} from './lookup.js'

type Quota = NonNullable<UsagePlanRecord['quota']>

const PLAN_PATCH_PATHS = {
  replace: ['/name', '/description', '/throttle/burstLimit', '/throttle/rateLimit', '/quota/limit', '/quota/period'],
  add: ['/apiStages'],
  // AWS also lists /productCode and per-stage method throttles here; the sandbox keeps neither.
  remove: ['/apiStages', '/quota', '/throttle'],
} as const

interface CreateUsagePlanInput {
  name?: string
  description?: string
  apiStages?: {apiId?: string; stage?: string}[]
  throttle?: {burstLimit?: number; rateLimit?: number}
  quota?: Partial<Quota>
  tags?: Tags
}

/** CreateUsagePlan, GetUsagePlan(s), UpdateUsagePlan and DeleteUsagePlan. */
export function registerUsagePlans(router: Router, context: SandboxContext): void {
  const {store} = context
  router
    .add('POST', '/usageplans', (request) => {
      const input = jsonBody<CreateUsagePlanInput>(request)
      checkInput(requiredProblems('createUsagePlanInput', {name: input.name}))
      const name = requireName(input.name)
      const apiStages: ApiStage[] = []
      for (const {apiId, stage} of input.apiStages ?? []) {
        const apiStage = existingApiStage(context, apiId, stage)
        if (!apiStages.some((known) => sameApiStage(known, apiStage))) apiStages.push(apiStage)
      }
      const plan: UsagePlanRecord = {
        id: context.newId(6),
        name,
        description: input.description,
        apiStages,
        throttle: input.throttle && {burstLimit: input.throttle.burstLimit, rateLimit: input.throttle.rateLimit},
        quota: input.quota && checkedQuota({offset: 0, ...input.quota}),
        tags: input.tags,
        createdDate: context.clock.now(),
      }
      store.put(TABLES.usagePlans, plan.id, plan)
      return {status: 201, body: planView(plan)}
    })
    .add('GET', '/usageplans', (request) => {
      const keyId = request.query.get('keyId')
      const plans = store.all<UsagePlanRecord>(TABLES.usagePlans).filter((plan) => !keyId || planKey(store, plan.id, keyId))
      const page = pageInCreationOrder(plans, (plan) => ({id: plan.id, createdDate: plan.createdDate ?? 0}), request.query, false)
      return {status: 200, body: {item: page.items.map((plan) => planView(plan)), position: page.position}}
    })
    .add('GET', '/usageplans/{usageplanId}', (_request, {usageplanId}) => ({status: 200, body: planView(requireUsagePlan(store, usageplanId), true)}))
    .add('PATCH', '/usageplans/{usageplanId}', (request, {usageplanId}) => {
      const operations = patchOperationsOf(request, 'updateUsagePlanInput')
      // A copy, so that a bad operation part-way leaves the stored plan as it was.
      const plan = structuredClone(requireUsagePlan(store, usageplanId))
      let quota: Partial<Quota> | undefined = plan.quota
      for (const operation of checkPatchPaths(operations, PLAN_PATCH_PATHS)) {
        if (operation.path === '/apiStages') applyApiStageChange(context, plan, operation)
        else if (operation.path === '/throttle') plan.throttle = undefined
        else if (operation.path === '/quota') quota = undefined
        else if (operation.path === '/name') plan.name = requireName(operation.value)
        else if (operation.path === '/description') plan.description = operation.value || undefined
        else if (operation.path === '/throttle/burstLimit') plan.throttle = {...plan.throttle, burstLimit: numberValue(operation, true)}
        else if (operation.path === '/throttle/rateLimit') plan.throttle = {...plan.throttle, rateLimit: numberValue(operation, false)}
        else if (operation.path === '/quota/limit') quota = {offset: 0, ...quota, limit: numberValue(operation, true)}
        else quota = {offset: 0, ...quota, period: operation.value as Quota['period']}
      }
      plan.quota = quota && checkedQuota(quota)
      store.put(TABLES.usagePlans, plan.id, plan)
      return {status: 200, body: planView(plan, true)}
    })
    .add('DELETE', '/usageplans/{usageplanId}', (_request, {usageplanId}) => {
      const plan = requireUsagePlan(store, usageplanId)
      // AWS refuses while the plan names API stages (its keys do not stop it: they leave with it).
      const [first] = plan.apiStages
      if (first) throw badRequest(`Cannot delete Usage Plan ${plan.id} because there are API Stages associated with it, including ${first.apiId}:${first.stage}`)
      for (const member of keysOfPlan(store, usageplanId)) removePlanKey(store, usageplanId, member.keyId)
      store.delete(TABLES.usagePlans, usageplanId)
      return {status: 202}
    })
}

/** The UsagePlan wire shape; `tags` always in GetUsagePlan and UpdateUsagePlan (`single`). */
function planView(plan: UsagePlanRecord, single = false) {
  return {
    id: plan.id,
    name: plan.name,
    description: plan.description,
    apiStages: plan.apiStages.map(({apiId, stage}) => ({apiId, stage})),
    throttle: plan.throttle,
    quota: plan.quota,
    productCode: plan.productCode,
    tags: tagsAnswer(plan.tags, single),
  }
}

function requireName(name: string | undefined): string {
  if (!name) throw badRequest('Invalid Usage Plan name specified')
  return name
}

function checkedQuota(quota: Partial<Quota>): Quota {
  const {limit, offset = 0, period} = quota
  if (limit === undefined || period === undefined) throw badRequest('A quota needs both a limit and a period')
  if (!USAGE_PLAN_QUOTA_PERIODS.includes(period)) throw badRequest(`Invalid quota period specified: ${period}. Must be one of: [${USAGE_PLAN_QUOTA_PERIODS.join(', ')}]`)
  if (!Number.isInteger(limit) || limit < 0) throw badRequest(`Invalid quota limit specified: ${limit}`)
  return {limit, offset, period}
}

/**
 * An API stage that exists, named as its stage record names it. The first message is AWS's own,
 * unformatted placeholders included.
 */
function existingApiStage(context: SandboxContext, apiId: string | undefined, stage: string | undefined): ApiStage {
  if (!apiId || !stage) throw badRequest('Invalid API Stage {api: %s, stage: %s} specified for usageplan %s')
  requireApi(context, apiId)
  const record = findStage(context, apiId, stage)
  if (!record) throw badRequest(`API Stage not found: ${apiId}:${stage}`)
  return {apiId, stage: record.stageName}
}

/** `add|remove /apiStages` with value `apiId:stage`. */
function applyApiStageChange(context: SandboxContext, plan: UsagePlanRecord, operation: PatchOperation): void {
  const [apiId, stage] = (operation.value ?? '').split(':')
  if (operation.op === 'remove') {
    // docs/aws-behaviour.md#removing-an-api-stage-a-usage-plan-does-not-have
    if (stage === undefined) throw badRequest('Invalid API Stage specified')
    const remaining = plan.apiStages.filter((known) => !sameApiStage(known, {apiId, stage}))
    if (remaining.length === plan.apiStages.length) throw notFound(`Invalid API Stage {api: ${apiId}, stage: ${stage}} specified for usageplan ${plan.id}`)
    plan.apiStages = remaining
    return
  }
  const apiStage = existingApiStage(context, apiId, stage)
  if (plan.apiStages.some((known) => sameApiStage(known, apiStage))) throw conflict(`API Stage ${apiId}:${apiStage.stage} is already in Usage Plan ${plan.id}`)
  for (const member of keysOfPlan(context.store, plan.id)) checkOnePlanPerStage(context.store, plan, member.keyId, [apiStage])
  plan.apiStages.push(apiStage)
}
