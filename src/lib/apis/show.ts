import type {RestApi, Stage} from '../aws/rest-gateway.js'
import type {AwsSession} from '../aws/session.js'
import type {Api, V2Stage} from '../aws/v2-gateway.js'
import {byCodePoint} from '../util/text.js'
import {isoDate, summarize, type AnyApi, type ApiSummary} from './catalog.js'
import {apiEndpointUrl, stageInvokeUrl} from './endpoints.js'
import {resolveApi} from './resolve.js'
import {restResources, v2Routes, type ResourceSummary, type RouteSummary} from './routes.js'

/** The stable JSON shape of `apis show` (documented in the README). */
export interface ApiDetails {
  api: ApiSummary & {settings: Record<string, string | number | boolean | null>; tags: Record<string, string>}
  stages: StageSummary[]
  /** REST APIs: one entry per resource path, with its methods. */
  resources?: ResourceSummary[]
  /** HTTP and WebSocket APIs: one entry per route. */
  routes?: RouteSummary[]
}

export interface StageSummary {
  name: string
  deploymentId: string | null
  invokeUrl: string
  canary: {deploymentId: string | null; percentTraffic: number} | null
  /** REST only; null where the API kind has no stage cache. */
  cache: {enabled: boolean; size: string | null; status: string} | null
  autoDeploy: boolean | null
  lastUpdatedDate: string | null
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
    stages: stages.map((stage) => restStage(stage, invokeBase)).sort(byName),
    resources,
  }
}

function restStage(stage: Stage, invokeBase: string): StageSummary {
  const canary = stage.canarySettings
  return {
    name: stage.stageName ?? '',
    deploymentId: stage.deploymentId ?? null,
    invokeUrl: stageInvokeUrl(invokeBase, stage.stageName ?? ''),
    canary: canary ? {deploymentId: canary.deploymentId ?? null, percentTraffic: canary.percentTraffic ?? 0} : null,
    cache: {
      enabled: stage.cacheClusterEnabled ?? false,
      size: stage.cacheClusterEnabled ? (stage.cacheClusterSize ?? null) : null,
      status: stage.cacheClusterStatus ?? 'NOT_AVAILABLE',
    },
    autoDeploy: null,
    lastUpdatedDate: isoDate(stage.lastUpdatedDate),
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
    stages: stages.map((stage) => v2Stage(stage, endpoint)).sort(byName),
    routes,
  }
}

function v2Stage(stage: V2Stage, endpoint: string): StageSummary {
  const name = stage.StageName ?? ''
  return {
    name,
    deploymentId: stage.DeploymentId ?? null,
    invokeUrl: stageInvokeUrl(endpoint, name),
    canary: null,
    cache: null,
    autoDeploy: stage.AutoDeploy ?? false,
    lastUpdatedDate: isoDate(stage.LastUpdatedDate),
  }
}

function byName(a: {name: string}, b: {name: string}): number {
  return byCodePoint(a.name, b.name)
}
