import type {SandboxContext} from '../context.js'
import {notFound} from '../http.js'
import {TABLES} from '../model.js'
import type {
  V2ApiRecord,
  V2AuthorizerRecord,
  V2DeploymentRecord,
  V2IntegrationRecord,
  V2RouteRecord,
  V2StageRecord,
} from './records.js'
import {toWire, type WireShape} from './wire.js'

/** Child records are keyed `<apiId>/<id>` (a child's child `<apiId>/<parentId>/<id>`, model.ts), so one prefix finds every child of an API. */
export const childKey = (apiId: string, ...ids: string[]) => [apiId, ...ids].join('/')

/** A route's target naming one of the API's integrations. */
export const integrationTarget = (integrationId: string) => `integrations/${integrationId}`

/** Each table of an API's children and the fields naming a child within its API (more than one for a child's child). */
export const CHILD_TABLES = [
  {table: TABLES.v2Routes, idFields: ['routeId']},
  {table: TABLES.v2Integrations, idFields: ['integrationId']},
  {table: TABLES.v2Stages, idFields: ['stageName']},
  {table: TABLES.v2Deployments, idFields: ['deploymentId']},
  {table: TABLES.v2Authorizers, idFields: ['authorizerId']},
  {table: TABLES.v2RouteResponses, idFields: ['routeId', 'routeResponseId']},
  {table: TABLES.v2IntegrationResponses, idFields: ['integrationId', 'integrationResponseId']},
] as const

export function requireApi(context: SandboxContext, apiId: string): V2ApiRecord {
  const api = context.store.get<V2ApiRecord>(TABLES.v2Apis, apiId)
  // AWS names the API as <account>:<apiId> in this message.
  if (!api) throw notFound(`Invalid API identifier specified ${context.accountId}:${apiId}`)
  return api
}

/** A child of an existing API: a missing API is reported before a missing child. */
function requireChild<T>(context: SandboxContext, table: string, apiId: string, id: string, message: string): T {
  requireApi(context, apiId)
  const record = context.store.get<T>(table, childKey(apiId, id))
  if (!record) throw notFound(message)
  return record
}

export const requireRoute = (context: SandboxContext, apiId: string, routeId: string) =>
  requireChild<V2RouteRecord>(context, TABLES.v2Routes, apiId, routeId, `Invalid Route identifier specified ${routeId}`)

export const requireIntegration = (context: SandboxContext, apiId: string, integrationId: string) =>
  requireChild<V2IntegrationRecord>(context, TABLES.v2Integrations, apiId, integrationId, `Invalid Integration identifier specified ${integrationId}`)

export const requireStage = (context: SandboxContext, apiId: string, stageName: string) =>
  requireChild<V2StageRecord>(context, TABLES.v2Stages, apiId, stageName, 'Invalid stage identifier specified')

export const requireDeployment = (context: SandboxContext, apiId: string, deploymentId: string) =>
  requireChild<V2DeploymentRecord>(context, TABLES.v2Deployments, apiId, deploymentId, `Invalid Deployment identifier specified ${deploymentId}`)

export const requireAuthorizer = (context: SandboxContext, apiId: string, authorizerId: string) =>
  requireChild<V2AuthorizerRecord>(context, TABLES.v2Authorizers, apiId, authorizerId, `Invalid Authorizer identifier specified ${authorizerId}`)

export const routesOf = (context: SandboxContext, apiId: string) => context.store.withPrefix<V2RouteRecord>(TABLES.v2Routes, `${apiId}/`)
export const integrationsOf = (context: SandboxContext, apiId: string) =>
  context.store.withPrefix<V2IntegrationRecord>(TABLES.v2Integrations, `${apiId}/`)
export const stagesOf = (context: SandboxContext, apiId: string) => context.store.withPrefix<V2StageRecord>(TABLES.v2Stages, `${apiId}/`)
export const deploymentsOf = (context: SandboxContext, apiId: string) =>
  context.store.withPrefix<V2DeploymentRecord>(TABLES.v2Deployments, `${apiId}/`)

export const authorizersOf = (context: SandboxContext, apiId: string) =>
  context.store.withPrefix<V2AuthorizerRecord>(TABLES.v2Authorizers, `${apiId}/`)

const API_SHAPE: WireShape = {internal: [], dates: ['createdDate']}
const ROUTE_SHAPE: WireShape = {internal: ['apiId', 'createdDate'], dates: []}
const INTEGRATION_SHAPE: WireShape = {internal: ['apiId', 'createdDate'], dates: []}
const STAGE_SHAPE: WireShape = {internal: ['apiId'], dates: ['createdDate', 'lastUpdatedDate']}
const AUTHORIZER_SHAPE: WireShape = {internal: ['apiId', 'createdDate'], dates: []}
const DEPLOYMENT_SHAPE: WireShape = {internal: ['apiId', 'routes', 'integrations', 'authorizers'], dates: ['createdDate']}

export const apiWire = (api: V2ApiRecord) => toWire(api, API_SHAPE)
export const routeWire = (route: V2RouteRecord) => toWire(route, ROUTE_SHAPE)
export const integrationWire = (integration: V2IntegrationRecord) => toWire(integration, INTEGRATION_SHAPE)
/** AWS shows AutoDeploy only when it is on. */
export const stageWire = (stage: V2StageRecord) => toWire({...stage, autoDeploy: stage.autoDeploy || undefined}, STAGE_SHAPE)
export const authorizerWire = (authorizer: V2AuthorizerRecord) => toWire(authorizer, AUTHORIZER_SHAPE)
export const deploymentWire = (deployment: V2DeploymentRecord) => toWire(deployment, DEPLOYMENT_SHAPE)
