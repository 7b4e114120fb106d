import type {Api, AwsSession, RestApi} from '../aws/index.js'

export const API_TYPES = ['rest', 'http', 'websocket'] as const
export type ApiType = (typeof API_TYPES)[number]

/** How each kind is written in prose: 'delete REST API "shop"'. */
export const API_TYPE_LABELS: Record<ApiType, string> = {rest: 'REST', http: 'HTTP', websocket: 'WebSocket'}

/** 'REST API "shop" (a1b2c3d4e5)', for messages and plans. */
export function apiLabel(api: Pick<ApiSummary, 'id' | 'name' | 'type'>): string {
  return `${API_TYPE_LABELS[api.type]} API "${api.name}" (${api.id})`
}

/** An API of any kind, as its own service returned it. REST vs v2 differences stay behind this union. */
export type AnyApi = {type: 'rest'; api: RestApi} | {type: 'http' | 'websocket'; api: Api}

/** The stable JSON shape of one API in `apis list` (docs/json.md). */
export interface ApiSummary {
  id: string
  name: string
  type: ApiType
  endpointType: string
  createdDate: string | null
  description: string | null
}

export function fromRest(api: RestApi): AnyApi {
  return {type: 'rest', api}
}

export function fromV2(api: Api): AnyApi {
  return {type: api.ProtocolType === 'WEBSOCKET' ? 'websocket' : 'http', api}
}

export function summarize(entry: AnyApi): ApiSummary {
  if (entry.type === 'rest') {
    const {api} = entry
    return {
      id: api.id ?? '',
      name: api.name ?? '',
      type: 'rest',
      endpointType: api.endpointConfiguration?.types?.join(',') ?? 'EDGE',
      createdDate: isoDate(api.createdDate),
      description: api.description ?? null,
    }
  }
  const {api} = entry
  return {
    id: api.ApiId ?? '',
    name: api.Name ?? '',
    type: entry.type,
    // HTTP and WebSocket APIs only have regional endpoints.
    endpointType: 'REGIONAL',
    createdDate: isoDate(api.CreatedDate),
    description: api.Description ?? null,
  }
}

/** Lists the APIs of the requested kinds, REST and v2 fetched concurrently. */
export async function fetchApis(session: AwsSession, types: readonly ApiType[] = API_TYPES): Promise<AnyApi[]> {
  const wantRest = types.includes('rest')
  const wantV2 = types.includes('http') || types.includes('websocket')
  const [rest, v2] = await Promise.all([
    wantRest ? session.rest().then((gateway) => gateway.listRestApis()) : [],
    wantV2 ? session.v2().then((gateway) => gateway.listApis()) : [],
  ])
  return [...rest.map(fromRest), ...v2.map(fromV2)].filter((entry) => types.includes(entry.type))
}

export function isoDate(date: Date | string | undefined): string | null {
  if (date === undefined) return null
  return new Date(date).toISOString()
}
