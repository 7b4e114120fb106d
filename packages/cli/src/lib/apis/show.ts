import type {Api, AwsSession, RestApi} from '../aws/index.js'
import {byCodePoint} from '../util/text.js'
import {type AnyApi, apiEndpointUrl, type ApiSummary, resolveApi, type ResourceSummary, restResources, restStageSummary, type RouteSummary, type StageSummary, summarize, v2Routes, v2StageSummary} from '../catalog/index.js'

/** The stable JSON shape of `apis show` (docs/json.md). */
export type {StageSummary}

export interface ApiDetails {
  api: ApiSummary & {settings: Record<string, string | number | boolean | null>; tags: Record<string, string>}
  stages: StageSummary[]
  /** REST APIs: one entry per resource path, with its methods. */
  resources?: ResourceSummary[]
  /** HTTP and WebSocket APIs: one entry per route. */
  routes?: RouteSummary[]
}

export async function showApi(session: AwsSession, reference: string): Promise<ApiDetails> {
  const entry = await resolveApi(session, reference)
  return entry.type === 'rest' ? showRest(session, entry.api) : showV2(session, entry)
}

async function showRest(session: AwsSession, api: RestApi): Promise<ApiDetails> {
  const gateway = await session.rest()
  const id = api.id ?? ''
  const [stages, resources] = await Promise.all([gateway.listStages(id), restResources(session, id)])
  const invokeBase = apiEndpointUrl(session, {type: 'rest', api})
  return {
    api: {
      ...summarize({type: 'rest', api}),
      settings: {
        apiKeySource: api.apiKeySource ?? null,
        disableExecuteApiEndpoint: api.disableExecuteApiEndpoint ?? false,
        minimumCompressionSize: api.minimumCompressionSize ?? null,
        binaryMediaTypes: api.binaryMediaTypes?.join(', ') || null,
        version: api.version ?? null,
        vpcEndpointIds: api.endpointConfiguration?.vpcEndpointIds?.join(', ') || null,
        resourcePolicy: api.policy ? true : false,
      },
      tags: api.tags ?? {},
    },
    stages: stages.map((stage) => restStageSummary(stage, invokeBase)).sort(byName),
    resources,
  }
}

async function showV2(session: AwsSession, entry: Extract<AnyApi, {type: 'http' | 'websocket'}>): Promise<ApiDetails> {
  const gateway = await session.v2()
  const api: Api = entry.api
  const id = api.ApiId ?? ''
  const [stages, routes] = await Promise.all([gateway.listStages(id), v2Routes(session, id)])
  const endpoint = apiEndpointUrl(session, entry)
  return {
    api: {
      ...summarize(entry),
      settings: {
        protocolType: api.ProtocolType ?? null,
        apiEndpoint: endpoint,
        routeSelectionExpression: api.RouteSelectionExpression ?? null,
        apiKeySelectionExpression: api.ApiKeySelectionExpression ?? null,
        disableExecuteApiEndpoint: api.DisableExecuteApiEndpoint ?? false,
        cors: api.CorsConfiguration ? true : false,
        version: api.Version ?? null,
      },
      tags: api.Tags ?? {},
    },
    stages: stages.map((stage) => v2StageSummary(stage, endpoint)).sort(byName),
    routes,
  }
}

function byName(a: {name: string}, b: {name: string}): number {
  return byCodePoint(a.name, b.name)
}
