import type {SandboxContext} from '../context.js'
import {badRequest, notFound} from '../http.js'
import {TABLES, type DeploymentRecord, type RestApiRecord, type StageRecord} from '../model.js'
import {settleCacheTransition, startCacheWork} from './cache.js'
import {recordMoments} from './stage-history.js'

// AWS compares stage names case-insensitively, so rows are keyed by the lower-cased name.
const stageKey = (apiId: string, stageName: string) => `${apiId}/${stageName.toLowerCase()}`
export const deploymentKey = (apiId: string, deploymentId: string) => `${apiId}/${deploymentId}`

export function requireApi(context: SandboxContext, apiId: string): RestApiRecord {
  const api = context.store.get<RestApiRecord>(TABLES.restApis, apiId)
  if (!api) throw notFound(`Invalid API identifier specified ${context.accountId}:${apiId}`)
  return api
}

export const findStage = (context: SandboxContext, apiId: string, stageName: string) =>
  context.store.get<StageRecord>(TABLES.stages, stageKey(apiId, stageName))

export function requireStage(context: SandboxContext, apiId: string, stageName: string): StageRecord {
  requireApi(context, apiId)
  const stage = findStage(context, apiId, stageName)
  if (!stage) throw notFound('Invalid Stage identifier specified')
  return stage
}

export const stagesOf = (context: SandboxContext, apiId: string) => context.store.withPrefix<StageRecord>(TABLES.stages, `${apiId}/`)

export const deleteStage = (context: SandboxContext, stage: StageRecord) => context.store.delete(TABLES.stages, stageKey(stage.apiId, stage.stageName))

export const findDeployment = (context: SandboxContext, apiId: string, deploymentId: string) =>
  context.store.get<DeploymentRecord>(TABLES.deployments, deploymentKey(apiId, deploymentId))

export const deploymentExists = (context: SandboxContext, apiId: string) => (deploymentId: string) => findDeployment(context, apiId, deploymentId) !== undefined

const STAGE_NAME = /^[A-Za-z0-9_-]{1,128}$/

export function requireStageName(stageName: unknown): string {
  if (typeof stageName !== 'string' || !STAGE_NAME.test(stageName)) throw badRequest('Stage name only allows a-zA-Z0-9_-')
  return stageName
}

/** What a new stage is created with; everything else starts at AWS's defaults. */
export type NewStage = Pick<StageRecord, 'stageName' | 'deploymentId'> &
  Partial<Pick<StageRecord, 'description' | 'variables' | 'cacheClusterEnabled' | 'cacheClusterSize' | 'tracingEnabled' | 'canarySettings' | 'documentationVersion' | 'tags'>>

export function createStage(context: SandboxContext, apiId: string, fields: NewStage): StageRecord {
  const now = context.clock.now()
  const stage: StageRecord = {
    apiId,
    methodSettings: {},
    ...fields,
    cacheClusterEnabled: fields.cacheClusterEnabled ?? false,
    cacheClusterStatus: 'NOT_AVAILABLE',
    tracingEnabled: fields.tracingEnabled ?? false,
    createdDate: now,
    lastUpdatedDate: now,
    history: [],
    cacheFlushes: [],
  }
  return writeStage(context, undefined, stage)
}

/** Saves a changed copy of `before` (a stage as read from the store). */
export function updateStage(context: SandboxContext, before: StageRecord, stage: StageRecord): StageRecord {
  stage.lastUpdatedDate = context.clock.now()
  return writeStage(context, before, stage)
}

/** Saves a stage whose settings did not change, e.g. after a cache flush. */
export function saveStage(context: SandboxContext, stage: StageRecord): StageRecord {
  recordMoments(stage, context.clock.now())
  return context.store.put(TABLES.stages, stageKey(stage.apiId, stage.stageName), stage)
}

function writeStage(context: SandboxContext, before: StageRecord | undefined, stage: StageRecord): StageRecord {
  const now = context.clock.now()
  settleCacheTransition(stage, now)
  startCacheWork(before, stage, now, context.transitionDelayMs)
  return saveStage(context, stage)
}

/** A working copy to change, so a request that fails halfway leaves the stored stage as it was. */
export const draftOf = (stage: StageRecord): StageRecord => structuredClone(stage)
