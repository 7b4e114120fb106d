import type {StageMoment, StageRecord} from '../model.js'
import {cacheServes} from '../rest/cache.js'
import {DEFAULT_METHOD_SETTING} from '../rest/stage-method-settings.js'

/**
 * After a flush (or once a new cluster is up) the cache refills over one TTL, the stage-wide one
 * (AWS's default 300 s when unset): every entry of a warm cache is younger than its TTL, so after
 * one TTL of traffic the cache holds what it would have held anyway. The hit ratio climbs linearly from 0.
 */
function refillMs(stage: StageRecord): number {
  const ttl = stage.methodSettings?.['*/*']?.cacheTtlInSeconds
  return (ttl !== undefined && ttl > 0 ? ttl : DEFAULT_METHOD_SETTING.cacheTtlInSeconds) * 1000
}

/** What requests through a stage meet at one moment. */
export interface Conditions {
  /** Share of requests (0–1) sent to the canary. */
  canaryShare: number
  canaryUsesCache: boolean
  /** Share of requests served from the stage cache; undefined while there is no cache. */
  cacheHitRatio: number | undefined
}

/** How a stage's conditions change over time. */
export interface Timeline {
  /** Times inside (start, end) where conditions jump or start or stop changing; between them they are constant or linear. */
  breakpoints(start: number, end: number): number[]
  conditionsAt(time: number, steadyHitRatio: number): Conditions
}

/** HTTP and WebSocket stages have neither canaries nor a stage cache. */
export const PLAIN_STAGE: Timeline = {
  breakpoints: () => [],
  conditionsAt: () => ({canaryShare: 0, canaryUsesCache: false, cacheHitRatio: undefined}),
}

/** The moment in force at `time`: the latest at or before it, or the first one before history starts. */
function momentAt(history: StageMoment[], time: number): StageMoment {
  let found = history[0]
  for (const moment of history) {
    if (moment.at > time) break
    found = moment
  }
  return found
}

/** A REST stage's timeline, from its recorded history and cache flushes. */
export function restStageTimeline(stage: StageRecord): Timeline {
  const history = stage.history?.length ? stage.history : [currentMoment(stage)]
  const coldStarts = [...(stage.cacheFlushes ?? []), ...availabilityStarts(history)].sort((a, b) => a - b)
  const refill = refillMs(stage)
  return {
    breakpoints: (start, end) =>
      [...history.map((moment) => moment.at), ...coldStarts, ...coldStarts.map((at) => at + refill)].filter((at) => at > start && at < end),
    conditionsAt(time, steadyHitRatio) {
      const moment = momentAt(history, time)
      return {
        canaryShare: Math.min(1, Math.max(0, (moment.canaryPercent ?? 0) / 100)),
        canaryUsesCache: moment.useStageCache ?? false,
        cacheHitRatio: moment.cacheAvailable ? steadyHitRatio * warmth(coldStarts, time, refill) : undefined,
      }
    },
  }
}

/** For stages written without history: what their current settings say. */
function currentMoment(stage: StageRecord): StageMoment {
  return {
    at: stage.createdDate,
    deploymentId: stage.deploymentId,
    canaryDeploymentId: stage.canarySettings?.deploymentId,
    canaryPercent: stage.canarySettings?.percentTraffic,
    useStageCache: stage.canarySettings?.useStageCache,
    cacheAvailable: cacheServes(stage.cacheClusterStatus),
  }
}

/** When a cache cluster came up empty: every moment it is available after one where it was not. */
function availabilityStarts(history: StageMoment[]): number[] {
  return history.filter((moment, i) => i > 0 && moment.cacheAvailable && !history[i - 1].cacheAvailable).map((moment) => moment.at)
}

/** How full the cache is (0–1) at `time`, given when it last started empty and how long it takes to refill. */
function warmth(coldStarts: number[], time: number, refill: number): number {
  const lastColdStart = coldStarts.filter((at) => at <= time).at(-1)
  return lastColdStart === undefined ? 1 : Math.min(1, (time - lastColdStart) / refill)
}
