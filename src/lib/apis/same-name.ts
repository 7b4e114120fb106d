import type {AwsSession} from '../aws/session.js'
import {shellQuote} from '../util/text.js'
import {fetchApis, summarize, type ApiType} from './catalog.js'

/**
 * AWS lets APIs share a name, but REST metrics are keyed by name (aws-facts §7) and `--api <name>`
 * refuses a name that several APIs share: both are worth saying before a second API of that name exists.
 */
export async function sameNameWarnings(session: AwsSession, name: string, type: ApiType): Promise<string[]> {
  const sameName = (await fetchApis(session)).map(summarize).filter((api) => api.name === name)
  if (sameName.length === 0) return []
  const existing = sameName.map((api) => `${api.id}, ${api.type}`).join('; ')
  const metrics =
    type === 'rest' && sameName.some((api) => api.type === 'rest') ? ' Their CloudWatch metrics will be merged, because REST metrics are keyed by API name.' : ''
  return [`An API named "${name}" already exists (${existing}).${metrics} --api ${shellQuote(name)} will be ambiguous: name these APIs by id.`]
}
