import type {SandboxContext} from '../context.js'
import {badRequest, conflict, epochSeconds, notFound} from '../http.js'
import {TABLES, type ApiKeyRecord, type UsagePlanKeyRecord, type UsagePlanRecord} from '../model.js'
import type {Store} from '../store.js'
import {tagsAnswer} from './apis-store.js'

/** How many usage plans one API key may belong to (an AWS quota). */
const MAX_PLANS_PER_KEY = 10

export const KEY_NOT_FOUND = 'Invalid API Key identifier specified'
const PLAN_NOT_FOUND = 'Invalid Usage Plan ID specified'

export function requireApiKey(store: Store, keyId: string): ApiKeyRecord {
  const key = store.get<ApiKeyRecord>(TABLES.apiKeys, keyId)
  if (!key) throw notFound(KEY_NOT_FOUND)
  return key
}

export function requireUsagePlan(store: Store, planId: string): UsagePlanRecord {
  const plan = store.get<UsagePlanRecord>(TABLES.usagePlans, planId)
  if (!plan) throw notFound(PLAN_NOT_FOUND)
  return plan
}

export function keyWithValue(store: Store, value: string): ApiKeyRecord | undefined {
  return store.all<ApiKeyRecord>(TABLES.apiKeys).find((key) => key.value === value)
}

/** The ApiKey wire shape; the value only when asked for, `tags` always in UpdateApiKey (`single`). */
export function apiKeyView(key: ApiKeyRecord, includeValue: boolean, single = false) {
  return {
    id: key.id,
    value: includeValue ? key.value : undefined,
    name: key.name,
    customerId: key.customerId,
    description: key.description,
    enabled: key.enabled,
    createdDate: epochSeconds(key.createdDate),
    lastUpdatedDate: epochSeconds(key.lastUpdatedDate),
    stageKeys: key.stageKeys,
    tags: tagsAnswer(key.tags, single),
  }
}

/** The UsagePlanKey wire shape. */
export const usagePlanKeyView = (key: ApiKeyRecord) => ({id: key.id, type: 'API_KEY', value: key.value, name: key.name})

const planKeyId = (planId: string, keyId: string) => `${planId}/${keyId}`

export const keysOfPlan = (store: Store, planId: string) => store.withPrefix<UsagePlanKeyRecord>(TABLES.usagePlanKeys, `${planId}/`)

export function planKey(store: Store, planId: string, keyId: string): UsagePlanKeyRecord | undefined {
  return store.get<UsagePlanKeyRecord>(TABLES.usagePlanKeys, planKeyId(planId, keyId))
}

/** The plans a key belongs to, in the order it joined them. */
export function plansOfKey(store: Store, keyId: string): UsagePlanRecord[] {
  return store
    .all<UsagePlanKeyRecord>(TABLES.usagePlanKeys)
    .filter((member) => member.keyId === keyId)
    .map((member) => store.get<UsagePlanRecord>(TABLES.usagePlans, member.planId))
    .filter((plan): plan is UsagePlanRecord => plan !== undefined)
}

export function removePlanKey(store: Store, planId: string, keyId: string): boolean {
  return store.delete(TABLES.usagePlanKeys, planKeyId(planId, keyId))
}

export type ApiStage = UsagePlanRecord['apiStages'][number]

/** Stage names compare case-insensitively in AWS. */
export const sameApiStage = (a: ApiStage, b: ApiStage) => a.apiId === b.apiId && a.stage.toLowerCase() === b.stage.toLowerCase()

/**
 * Throws when `keyId` may not be in `plan` with these `stages`: a key may be in many plans, but in
 * only one plan per API stage.
 */
export function checkOnePlanPerStage(store: Store, plan: UsagePlanRecord, keyId: string, stages: ApiStage[]): void {
  for (const other of plansOfKey(store, keyId)) {
    if (other.id === plan.id) continue
    const shared = stages.find((stage) => other.apiStages.some((otherStage) => sameApiStage(stage, otherStage)))
    if (shared)
      throw conflict(
        `Usage Plan ${plan.id} cannot be added because API Key ${keyId} cannot reference multiple Usage Plans with the same API Stage: ${shared.apiId}:${shared.stage}`,
      )
  }
}

/** Puts a key in a usage plan, enforcing AWS's membership rules. */
export function addKeyToPlan(context: SandboxContext, plan: UsagePlanRecord, key: ApiKeyRecord): void {
  const {store} = context
  if (planKey(store, plan.id, key.id)) throw conflict(`API Key ${key.id} is already in Usage Plan ${plan.id}`)
  checkOnePlanPerStage(store, plan, key.id, plan.apiStages)
  if (plansOfKey(store, key.id).length >= MAX_PLANS_PER_KEY)
    throw badRequest(`API Key ${key.id} cannot be added to Usage Plan ${plan.id}: a key can be in at most ${MAX_PLANS_PER_KEY} Usage Plans`)
  store.put<UsagePlanKeyRecord>(TABLES.usagePlanKeys, planKeyId(plan.id, key.id), {planId: plan.id, keyId: key.id, createdDate: context.clock.now()})
}
