import type {Resource, RestApi, Stage} from '../aws/rest-gateway.js'
import type {AwsSession} from '../aws/session.js'
import type {Api, Integration, Route, V2Stage} from '../aws/v2-gateway.js'
import {dnsSuffix} from '../aws/settings.js'
import {byCodePoint} from '../util/text.js'
import {isoDate, summarize, type AnyApi, type ApiSummary} from './catalog.js'
import {resolveApi} from './resolve.js'

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

export interface IntegrationSummary {
  type: string
  target: string | null
}

export interface ResourceSummary {
  path: string
  methods: Array<{
    method: string
    authorizationType: string
    apiKeyRequired: boolean
    integration: IntegrationSummary | null
  }>
}

export interface RouteSummary {
  routeKey: string
  authorizationType: string
  apiKeyRequired: boolean
  integration: IntegrationSummary | null
}

export async function showApi(session: AwsSession, reference: string): Promise<ApiDetails> {
  const entry = await resolveApi(session, reference)
  return entry.type === 'rest' ? showRest(session, entry.api) : showV2(session, entry)
}

async function showRest(session: AwsSession, api: RestApi): Promise<ApiDetails> {
  const gateway = await session.rest()
  const id = api.id ?? ''
  const [stages, resources] = await Promise.all([gateway.listStages(id), gateway.listResources(id)])
  const invokeBase = executeApiUrl(id, session.settings.region)
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
    resources: resources.map(restResource).sort((a, b) => byCodePoint(a.path, b.path)),
  }
}

function restStage(stage: Stage, invokeBase: string): StageSummary {
  const canary = stage.canarySettings
  return {
    name: stage.stageName ?? '',
    deploymentId: stage.deploymentId ?? null,
    invokeUrl: `${invokeBase}/${stage.stageName}`,
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

function restResource(resource: Resource): ResourceSummary {
  const methods = Object.entries(resource.resourceMethods ?? {}).map(([method, detail]) => ({
    method,
    authorizationType: detail.authorizationType ?? 'NONE',
    apiKeyRequired: detail.apiKeyRequired ?? false,
    integration: detail.methodIntegration
      ? {type: detail.methodIntegration.type ?? 'UNKNOWN', target: integrationTarget(detail.methodIntegration.uri)}
      : null,
  }))
  return {path: resource.path ?? '/', methods: methods.sort((a, b) => byCodePoint(a.method, b.method))}
}

async function showV2(session: AwsSession, entry: Extract<AnyApi, {type: 'http' | 'websocket'}>): Promise<ApiDetails> {
  const gateway = await session.v2()
  const api: Api = entry.api
  const id = api.ApiId ?? ''
  const [stages, routes, integrations] = await Promise.all([gateway.listStages(id), gateway.listRoutes(id), gateway.listIntegrations(id)])
  const integrationsById = new Map(integrations.map((integration) => [integration.IntegrationId, integration]))
  const endpoint = api.ApiEndpoint ?? executeApiUrl(id, session.settings.region)
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
    routes: routes.map((route) => v2Route(route, integrationsById)).sort((a, b) => byCodePoint(a.routeKey, b.routeKey)),
  }
}

function v2Stage(stage: V2Stage, endpoint: string): StageSummary {
  const name = stage.StageName ?? ''
  return {
    name,
    deploymentId: stage.DeploymentId ?? null,
    // The $default stage is served at the API's root.
    invokeUrl: name === '$default' ? endpoint : `${endpoint}/${name}`,
    canary: null,
    cache: null,
    autoDeploy: stage.AutoDeploy ?? false,
    lastUpdatedDate: isoDate(stage.LastUpdatedDate),
  }
}

function v2Route(route: Route, integrations: Map<string | undefined, Integration>): RouteSummary {
  // Targets read "integrations/<id>".
  const integration = route.Target ? integrations.get(route.Target.replace(/^integrations\//, '')) : undefined
  return {
    routeKey: route.RouteKey ?? '',
    authorizationType: route.AuthorizationType ?? 'NONE',
    apiKeyRequired: route.ApiKeyRequired ?? false,
    integration: integration
      ? {type: integration.IntegrationType ?? 'UNKNOWN', target: integrationTarget(integration.IntegrationUri)}
      : route.Target
        ? {type: 'UNKNOWN', target: route.Target}
        : null,
  }
}

function executeApiUrl(id: string, region: string): string {
  return `https://${id}.execute-api.${region}.${dnsSuffix(region)}`
}

/** A Lambda integration URI wraps the function ARN in an API Gateway ARN; the function is what operators know. */
function integrationTarget(uri: string | undefined): string | null {
  if (!uri) return null
  const lambda = /:lambda:path\/[^/]+\/functions\/(.+)\/invocations$/.exec(uri)
  return lambda ? lambda[1] : uri
}

function byName(a: {name: string}, b: {name: string}): number {
  return byCodePoint(a.name, b.name)
}
