import type {ApiKey, UsagePlan} from '../aws/index.js'

/** A usage plan as key commands show it. */
export interface UsagePlanRef {
  id: string
  name: string
}

/** The stable JSON shape of a key in `keys list` and the other key commands (docs/json.md). Never the value. */
export interface KeySummary {
  id: string
  name: string | null
  description: string | null
  enabled: boolean
  customerId: string | null
  /** ISO 8601. */
  createdDate: string | null
  /** The usage plans the key is in. */
  plans: UsagePlanRef[]
}

export const planRef = (plan: UsagePlan): UsagePlanRef => ({id: plan.id ?? '', name: plan.name ?? ''})

/** Field by field, so that a value AWS returned can never slip into the output. */
export function keySummary(key: ApiKey, plans: UsagePlanRef[]): KeySummary {
  return {
    id: key.id ?? '',
    name: key.name ?? null,
    description: key.description ?? null,
    enabled: key.enabled ?? false,
    customerId: key.customerId ?? null,
    createdDate: key.createdDate?.toISOString() ?? null,
    plans,
  }
}

