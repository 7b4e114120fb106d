import type {SandboxContext} from '../context.js'
import {badRequest} from '../http.js'
import {TABLES, type RestApiRecord, type StageRecord} from '../model.js'
import {requireApiKey} from '../rest/keys-records.js'
import {findDeployment, requireStage as requireRestStage} from '../rest/lookup.js'
import {requireApi as requireV2Api, requireDeployment, requireStage as requireV2Stage, routesOf} from '../v2/lookup.js'
import type {V2StageRecord} from '../v2/records.js'
import {PLAIN_STAGE, restStageTimeline, type Timeline} from './timeline.js'

export type ApiKind = 'rest' | 'http' | 'websocket'

/** The stage traffic flows through, as the metrics name it. */
export interface Target {
  kind: ApiKind
  apiId: string
  apiName: string
  /** The stage's own spelling of its name (REST names match case-insensitively). */
  stageName: string
  timeline: Timeline
  /** The methods (REST, "GET /pets") or routes (v2) with detailed metrics on: each has series of its own. */
  detailed: DetailedRoute[]
}

/** A REST method (its HTTP method and resource path) or a v2 route (its route key). */
export type DetailedRoute = {method: string; resource: string} | {routeKey: string}

/**
 * Finds the API (REST first, then HTTP/WebSocket) and its stage through that service's own lookups,
 * so a missing one is answered with the same 404 the service gives.
 */
export function resolveTarget(context: SandboxContext, apiId: string, stage: string): Target {
  const restApi = context.store.get<RestApiRecord>(TABLES.restApis, apiId)
  if (restApi) {
    const record = requireRestStage(context, apiId, stage)
    return {kind: 'rest', apiId, apiName: restApi.name, stageName: record.stageName, timeline: restStageTimeline(record), detailed: detailedMethods(context, record)}
  }
  const v2Api = requireV2Api(context, apiId)
  const record = requireV2Stage(context, apiId, stage)
  return {
    kind: v2Api.protocolType === 'WEBSOCKET' ? 'websocket' : 'http',
    apiId,
    apiName: v2Api.name,
    stageName: record.stageName,
    timeline: PLAIN_STAGE,
    detailed: detailedRoutes(context, record),
  }
}

/** The deployed methods whose own settings, or the stage-wide `*\/*` ones, turn detailed metrics on. */
function detailedMethods(context: SandboxContext, stage: StageRecord): DetailedRoute[] {
  const resources = findDeployment(context, stage.apiId, stage.deploymentId)?.resources ?? []
  const everywhere = stage.methodSettings['*/*']?.metricsEnabled ?? false
  return resources.flatMap((resource) =>
    Object.keys(resource.resourceMethods ?? {})
      .filter((method) => stage.methodSettings[`${resource.path.slice(1)}/${method}`]?.metricsEnabled ?? everywhere)
      .map((method) => ({method, resource: resource.path})),
  )
}

/** The deployed routes (or, before a deployment, the API's) whose settings turn detailed metrics on. */
function detailedRoutes(context: SandboxContext, stage: V2StageRecord): DetailedRoute[] {
  const routes = stage.deploymentId ? requireDeployment(context, stage.apiId, stage.deploymentId).routes : routesOf(context, stage.apiId)
  const everywhere = stage.defaultRouteSettings.detailedMetricsEnabled ?? false
  return routes.filter((route) => stage.routeSettings[route.routeKey]?.detailedMetricsEnabled ?? everywhere).map((route) => ({routeKey: route.routeKey}))
}

/** API keys belong to REST APIs; every key named must exist. */
export function checkKeys(context: SandboxContext, target: Target, keys: string[]): void {
  if (target.kind !== 'rest') throw badRequest(`keys apply to REST APIs only; ${target.apiId} is a ${target.kind === 'http' ? 'HTTP' : 'WebSocket'} API`)
  for (const key of keys) requireApiKey(context.store, key)
}
