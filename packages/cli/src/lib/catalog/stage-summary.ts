import {isoDate} from './apis.js'
import {stageInvokeUrl} from './endpoints.js'
import type {Stage, V2Stage} from '../aws/index.js'

/** One stage in a few fields, the same for every API kind (`apis show`, `stages list`). */
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


export function restStageSummary(stage: Stage, invokeBase: string): StageSummary {
  const canary = stage.canarySettings
  return {
    name: stage.stageName ?? '',
    deploymentId: stage.deploymentId ?? null,
    invokeUrl: stageInvokeUrl(invokeBase, stage.stageName ?? ''),
    canary: canary ? {deploymentId: canary.deploymentId ?? null, percentTraffic: canary.percentTraffic ?? 0} : null,
    cache: cacheClusterOf(stage),
    autoDeploy: null,
    lastUpdatedDate: isoDate(stage.lastUpdatedDate),
  }
}

/** A REST stage's cache cluster: its size only while it is enabled (AWS keeps the last size of a deleted one). */
export function cacheClusterOf(stage: Pick<Stage, 'cacheClusterEnabled' | 'cacheClusterSize' | 'cacheClusterStatus'>): NonNullable<StageSummary['cache']> {
  const enabled = stage.cacheClusterEnabled ?? false
  return {enabled, size: enabled ? (stage.cacheClusterSize ?? null) : null, status: stage.cacheClusterStatus ?? 'NOT_AVAILABLE'}
}

export function v2StageSummary(stage: V2Stage, endpoint: string): StageSummary {
  const name = stage.StageName ?? ''
  return {
    name,
    deploymentId: stage.DeploymentId ?? null,
    invokeUrl: stageInvokeUrl(endpoint, name),
    canary: null,
    cache: null,
    autoDeploy: stage.AutoDeploy ?? false,
    lastUpdatedDate: isoDate(stage.LastUpdatedDate),
  }
}

