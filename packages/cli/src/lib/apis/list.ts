import type {AwsSession} from '../aws/index.js'
import {byCodePoint, globToRegExp} from '../util/text.js'
import {API_TYPES, type ApiSummary, type ApiType, fetchApis, summarize} from '../catalog/index.js'

export interface ListApisOptions {
  type?: ApiType
  /** Shell-style glob on the API name, case-sensitive. */
  name?: string
}

export interface ListApisResult {
  apis: ApiSummary[]
  /** Things the operator should know but that are not data (printed on stderr). */
  warnings: string[]
}

export async function listApis(session: AwsSession, options: ListApisOptions = {}): Promise<ListApisResult> {
  const pattern = options.name === undefined ? undefined : globToRegExp(options.name)
  const apis = (await fetchApis(session, options.type ? [options.type] : API_TYPES))
    .map(summarize)
    .filter((api) => !pattern || pattern.test(api.name))
    .sort((a, b) => byCodePoint(a.name, b.name) || byCodePoint(a.type, b.type) || byCodePoint(a.id, b.id))
  return {apis, warnings: sharedRestNameWarnings(apis)}
}

/** REST API metrics are keyed by API name (docs/aws-behaviour.md#rest-metrics-are-keyed-by-api-name), so same-named REST APIs mix their metrics. */
function sharedRestNameWarnings(apis: ApiSummary[]): string[] {
  const idsByName = new Map<string, string[]>()
  for (const api of apis.filter((each) => each.type === 'rest')) {
    idsByName.set(api.name, [...(idsByName.get(api.name) ?? []), api.id])
  }
  return [...idsByName]
    .filter(([, ids]) => ids.length > 1)
    .map(([name, ids]) => `${ids.length} REST APIs are named "${name}" (${ids.join(', ')}): their CloudWatch metrics are merged, because REST metrics are keyed by API name. Rename one to tell them apart.`)
}
