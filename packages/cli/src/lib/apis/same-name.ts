import type {AwsSession} from '../aws/index.js'
import {shellQuote} from '../util/text.js'
import {type ApiSummary, type ApiType, fetchApis, summarize} from '../catalog/index.js'

/**
 * AWS lets APIs share a name, but REST metrics are keyed by name (docs/aws-behaviour.md#rest-metrics-are-keyed-by-api-name) and `--api <name>`
 * refuses a name that several APIs share: both are worth saying before a second API of that name exists.
 */
export async function sameNameWarnings(session: AwsSession, name: string, type: ApiType): Promise<string[]> {
  return nameClashWarnings(await apisNamed(session, name), name, type)
}

/** The APIs of every kind that have this name now. */
export async function apisNamed(session: AwsSession, name: string): Promise<ApiSummary[]> {
  return (await fetchApis(session)).map(summarize).filter((api) => api.name === name)
}

export function nameClashWarnings(sameName: ApiSummary[], name: string, type: ApiType): string[] {
  if (sameName.length === 0) return []
  const existing = sameName.map((api) => `${api.id}, ${api.type}`).join('; ')
  const metrics =
    type === 'rest' && sameName.some((api) => api.type === 'rest') ? ' Their CloudWatch metrics will be merged, because REST metrics are keyed by API name.' : ''
  return [`An API named "${name}" already exists (${existing}).${metrics} --api ${shellQuote(name)} will be ambiguous: name these APIs by id.`]
}
