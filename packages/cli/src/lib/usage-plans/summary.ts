import type {ApiKey, AwsSession, UsagePlan} from '../aws/index.js'
import {byCodePoint} from '../util/text.js'
import type {KeyReference} from './membership.js'
import type {QuotaPeriod} from './options.js'

/** One API stage a usage plan covers; `apiName` is null when the API no longer exists. */
export interface UsagePlanApiStage {
  apiId: string
  apiName: string | null
  stage: string
}

/** The stable JSON shape of a usage plan (docs/json.md). */
export interface UsagePlanSummary {
  id: string
  name: string
  description: string | null
  apiStages: UsagePlanApiStage[]
  throttle: {rateLimit: number | null; burstLimit: number | null} | null
  quota: {limit: number; period: QuotaPeriod; offset: number} | null
}

/** A key as the plans commands show it: never its value. */
export interface KeyInUsagePlan {
  id: string
  name: string | null
  enabled: boolean | null
}

/** `plans show`, and the result of `plans create` and `plans set`. */
export interface UsagePlanShown {
  plan: UsagePlanSummary
  keys: KeyInUsagePlan[]
}

/** REST API names by id, for showing API stages by name (one GetRestApis listing). */
export async function restApiNames(session: AwsSession): Promise<Map<string, string>> {
  const apis = await (await session.rest()).listRestApis()
  return new Map(apis.map((api) => [api.id ?? '', api.name ?? '']))
}

export function summarizePlan(plan: UsagePlan, apiNames: Map<string, string>): UsagePlanSummary {
  const {throttle, quota} = plan
  return {
    id: plan.id ?? '',
    name: plan.name ?? '',
    description: plan.description ?? null,
    apiStages: (plan.apiStages ?? []).map(({apiId = '', stage = ''}) => ({apiId, apiName: apiNames.get(apiId) ?? null, stage})),
    throttle: throttle ? {rateLimit: throttle.rateLimit ?? null, burstLimit: throttle.burstLimit ?? null} : null,
    // Numbers whatever the wire carried (moto sends a patched limit back as a string).
    quota: quota?.limit !== undefined && quota.period ? {limit: Number(quota.limit), period: quota.period, offset: Number(quota.offset ?? 0)} : null,
  }
}

/** The plan's keys by name, with whether each is enabled: its member list joined with GetApiKeys (no values asked for). */
export async function planKeys(session: AwsSession, planId: string): Promise<KeyInUsagePlan[]> {
  const gateway = await session.rest()
  const [members, keys] = await Promise.all([gateway.listUsagePlanKeys(planId), gateway.listApiKeys()])
  const byId = new Map(keys.map((key) => [key.id, key]))
  return members.map((member) => planKey({...byId.get(member.id), id: member.id, name: member.name})).sort(byName)
}

export const planKey = (key: Pick<ApiKey, 'id' | 'name' | 'enabled'>): KeyInUsagePlan => ({id: key.id ?? '', name: key.name ?? null, enabled: key.enabled ?? null})

/** A key as membership.ts names it in messages and steps. */
export const keyReference = (key: KeyInUsagePlan): KeyReference => ({id: key.id, name: key.name ?? undefined})

const byName = (a: KeyInUsagePlan, b: KeyInUsagePlan) => byCodePoint(a.name ?? a.id, b.name ?? b.id) || byCodePoint(a.id, b.id)

/** "shop:prod" (the API by name when it has one), as operators type it. */
export const apiStageText = (apiStage: UsagePlanApiStage) => `${apiStage.apiName ?? apiStage.apiId}:${apiStage.stage}`

/** "1 key loses access", "2 keys lose access". */
export const keysLoseAccess = (count: number) => `${count} ${count === 1 ? 'key loses' : 'keys lose'} access`

/** Up to `most` labels, then how many more: for a summary line that stays one line. */
export function someOf(labels: string[], most = 5): string {
  if (labels.length <= most) return labels.join(', ')
  return `${labels.slice(0, most).join(', ')} and ${labels.length - most} more`
}
