import type {StageMoment, StageRecord} from '../model.js'
import {cacheServes, cacheStatusAt} from './cache.js'

type Traffic = Omit<StageMoment, 'at'>

function trafficOf(stage: StageRecord, cacheAvailable: boolean): Traffic {
  const canary = stage.canarySettings
  if (!canary) return {deploymentId: stage.deploymentId, cacheAvailable}
  return {
    deploymentId: stage.deploymentId,
    canaryDeploymentId: canary.deploymentId,
    canaryPercent: canary.percentTraffic,
    useStageCache: canary.useStageCache,
    cacheAvailable,
  }
}

const sameTraffic = (a: Traffic, b: Traffic) =>
  a.deploymentId === b.deploymentId &&
  a.canaryDeploymentId === b.canaryDeploymentId &&
  a.canaryPercent === b.canaryPercent &&
  a.useStageCache === b.useStageCache &&
  a.cacheAvailable === b.cacheAvailable

/**
 * Brings `history` up to date with the stage as it is at `now`. Only a pending cache transition
 * looks ahead, so moments after `now` are dropped and re-derived from it: a cluster being created
 * gets a moment at the time it becomes available, carrying the settings in force now.
 */
export function recordMoments(stage: StageRecord, now: number): void {
  const history = stage.history.filter((moment) => moment.at <= now)
  const current = trafficOf(stage, cacheServes(cacheStatusAt(stage, now)))
  // Two changes at the same instant: the later one is what was in force.
  if (history.at(-1)?.at === now) history.pop()
  const last = history.at(-1)
  if (!last || !sameTraffic(last, current)) history.push({at: now, ...current})
  const transition = stage.cacheTransition
  if (transition && transition.until > now && cacheServes(transition.then) !== current.cacheAvailable)
    history.push({at: transition.until, ...current, cacheAvailable: cacheServes(transition.then)})
  stage.history = history
}
