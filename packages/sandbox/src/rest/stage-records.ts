import type {SandboxContext} from '../context.js'
import {REST_STAGE_NAME} from '../facts.js'
import {badRequest} from '../http.js'
import {TABLES, type StageRecord} from '../model.js'
import {settleCacheTransition, startCacheWork} from './cache.js'
import {findDeployment, stageKey} from './lookup.js'
import {recordMoments} from './stage-history.js'

/** Writing REST stages: every write settles the cache cluster's status and records what traffic sees (stage-history.ts). */

export const deleteStage = (context: SandboxContext, stage: StageRecord) => context.store.delete(TABLES.stages, stageKey(stage.apiId, stage.stageName))

export const deploymentExists = (context: SandboxContext, apiId: string) => (deploymentId: string) => findDeployment(context, apiId, deploymentId) !== undefined

export function requireStageName(stageName: unknown): string {
  if (typeof stageName !== 'string' || !REST_STAGE_NAME.test(stageName)) throw badRequest('Stage name only allows a-zA-Z0-9_-')
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
