import {CACHE_CLUSTER_SIZES, DEFAULT_CACHE_CLUSTER_SIZE} from '../facts.js'
import {badRequest} from '../http.js'
import type {CacheStatus, StageRecord} from '../model.js'

export function requireCacheSize(size: string): string {
  if (!CACHE_CLUSTER_SIZES.includes(size)) throw badRequest(`Invalid cache cluster size specified: ${size}. Must be one of: [${CACHE_CLUSTER_SIZES.join(', ')}]`)
  return size
}

/** The cluster's status at `now`: a transition whose time has passed has finished. */
export function cacheStatusAt(stage: StageRecord, now: number): CacheStatus {
  const transition = stage.cacheTransition
  return transition && now >= transition.until ? transition.then : stage.cacheClusterStatus
}

/** Whether requests can be answered from the cache in this status (a flush keeps the cluster up). */
export const cacheServes = (status: CacheStatus) => status === 'AVAILABLE' || status === 'FLUSH_IN_PROGRESS'

/** Folds a finished transition into the record, so what is written is what was read. */
export function settleCacheTransition(stage: StageRecord, now: number): void {
  stage.cacheClusterStatus = cacheStatusAt(stage, now)
  if (stage.cacheTransition && now >= stage.cacheTransition.until) delete stage.cacheTransition
}

/**
 * Starts the cluster work a settings change implies: enabling creates the cluster, disabling deletes
 * it, and a new size while enabled recreates it (losing its data). `before` is the stage as it was,
 * or undefined for a new stage.
 */
export function startCacheWork(before: StageRecord | undefined, stage: StageRecord, now: number, delayMs: number): void {
  if (stage.cacheClusterEnabled) stage.cacheClusterSize ??= DEFAULT_CACHE_CLUSTER_SIZE
  const wasEnabled = before?.cacheClusterEnabled ?? false
  if (stage.cacheClusterEnabled && (!wasEnabled || before?.cacheClusterSize !== stage.cacheClusterSize)) begin(stage, 'CREATE_IN_PROGRESS', 'AVAILABLE', now, delayMs)
  else if (!stage.cacheClusterEnabled && wasEnabled) begin(stage, 'DELETE_IN_PROGRESS', 'NOT_AVAILABLE', now, delayMs)
}

/** Flushes the cache if the stage has one serving; a stage without one is left as it is. */
export function flushCache(stage: StageRecord, now: number, delayMs: number): void {
  settleCacheTransition(stage, now)
  if (!cacheServes(stage.cacheClusterStatus)) return
  begin(stage, 'FLUSH_IN_PROGRESS', 'AVAILABLE', now, delayMs)
  stage.cacheFlushes.push(now)
}

function begin(stage: StageRecord, status: CacheStatus, then: CacheStatus, now: number, delayMs: number): void {
  stage.cacheClusterStatus = status
  stage.cacheTransition = {status, until: now + delayMs, then}
}
