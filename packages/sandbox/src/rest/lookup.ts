import type {SandboxContext} from '../context.js'
import {notFound} from '../http.js'
import {TABLES, type DeploymentRecord, type RestApiRecord, type StageRecord} from '../model.js'

/**
 * Finding a REST API and its stages and deployments, with AWS's 404s. Every REST service and the
 * traffic simulator look them up here, so they all answer alike.
 */

// AWS compares stage names case-insensitively, so rows are keyed by the lower-cased name.
export const stageKey = (apiId: string, stageName: string) => `${apiId}/${stageName.toLowerCase()}`
export const deploymentKey = (apiId: string, deploymentId: string) => `${apiId}/${deploymentId}`

/** An API; AWS names the account in this message. */
export function requireApi(context: SandboxContext, apiId: string): RestApiRecord {
  const api = context.store.get<RestApiRecord>(TABLES.restApis, apiId)
  if (!api) throw notFound(`Invalid API identifier specified ${context.accountId}:${apiId}`)
  return api
}

export const findStage = (context: SandboxContext, apiId: string, stageName: string) =>
  context.store.get<StageRecord>(TABLES.stages, stageKey(apiId, stageName))

/** A stage of an existing API. */
export function requireStage(context: SandboxContext, apiId: string, stageName: string): StageRecord {
  requireApi(context, apiId)
  const stage = findStage(context, apiId, stageName)
  if (!stage) throw notFound('Invalid Stage identifier specified')
  return stage
}

export const stagesOf = (context: SandboxContext, apiId: string) => context.store.withPrefix<StageRecord>(TABLES.stages, `${apiId}/`)

export const findDeployment = (context: SandboxContext, apiId: string, deploymentId: string) =>
  context.store.get<DeploymentRecord>(TABLES.deployments, deploymentKey(apiId, deploymentId))

export const deploymentsOf = (context: SandboxContext, apiId: string) => context.store.withPrefix<DeploymentRecord>(TABLES.deployments, `${apiId}/`)
