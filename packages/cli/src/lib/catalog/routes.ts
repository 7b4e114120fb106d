import type {AwsSession, Integration, Resource, Route} from '../aws/index.js'
import {byCodePoint} from '../util/text.js'
import {summarize, type ApiType} from './apis.js'
import {resolveApi} from './resolve-api.js'

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

/** The stable JSON shape of `apis routes` (docs/json.md): `resources` for REST, `routes` for HTTP/WebSocket. */
export interface ApiRoutes {
  api: {id: string; name: string; type: ApiType}
  resources?: ResourceSummary[]
  routes?: RouteSummary[]
}

export async function listApiRoutes(session: AwsSession, reference: string): Promise<ApiRoutes> {
  const entry = await resolveApi(session, reference)
  const {id, name, type} = summarize(entry)
  if (type === 'rest') return {api: {id, name, type}, resources: await restResources(session, id)}
  return {api: {id, name, type}, routes: await v2Routes(session, id)}
}

/** A REST API's resource tree as paths in order, each with its methods. */
export async function restResources(session: AwsSession, restApiId: string): Promise<ResourceSummary[]> {
  const resources = await (await session.rest()).listResources(restApiId)
  return resources.map(restResource).sort((a, b) => byCodePoint(a.path, b.path))
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

/** An HTTP or WebSocket API's routes by route key, each with the integration it targets. */
export async function v2Routes(session: AwsSession, apiId: string): Promise<RouteSummary[]> {
  const gateway = await session.v2()
  const [routes, integrations] = await Promise.all([gateway.listRoutes(apiId), gateway.listIntegrations(apiId)])
  const integrationsById = new Map(integrations.map((integration) => [integration.IntegrationId, integration]))
  return routes.map((route) => v2Route(route, integrationsById)).sort((a, b) => byCodePoint(a.routeKey, b.routeKey))
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

/** A Lambda integration URI wraps the function ARN in an API Gateway ARN; the function is what operators know. */
function integrationTarget(uri: string | undefined): string | null {
  if (!uri) return null
  const lambda = /:lambda:path\/[^/]+\/functions\/(.+)\/invocations$/.exec(uri)
  return lambda ? lambda[1] : uri
}
