import type {Stage} from '../aws/index.js'
import type {AwsSession} from '../aws/index.js'
import type {PreparedChange} from '../change/index.js'
import {stageSettingsUpdate, type StageSettingsChanged} from '../stages/index.js'
import type {SettingsRequest} from '../stages/index.js'
import {cacheClusterOf} from '../catalog/index.js'
import type {CacheStage} from './stage.js'
import {waitForCacheStatus, type ClusterState} from './wait.js'

/** The stable JSON shape of `cache enable`, `resize`, `disable` and `method set` (docs/json.md). */
export interface CacheChanged extends StageSettingsChanged {
  /** The cluster after the change: as the stage read back after it showed, or as --wait last saw it. */
  cluster: ClusterState
}

/** --wait on a cache change: how long to follow the cluster. */
export interface CacheWait {
  timeoutMs: number
}

/** What a cache command adds to the stage-settings change: what to say, and what --wait follows the cluster to. */
export interface CacheChangeExtras {
  notes?: string[]
  /** What the change costs (stderr, before the confirmation). */
  warnings: string[]
  /** The statuses --wait follows the cluster to; undefined when there is nothing to wait for. */
  waitFor?: string[]
}

/** A settings request naming only cache settings. */
export const cacheRequest = (fields: Pick<SettingsRequest, 'cacheCluster' | 'caching' | 'routeCaching'>): SettingsRequest => ({variables: {}, unsetVariables: [], routeThrottles: {}, ...fields})

/**
 * Prepares `request` on the stage as one UpdateStage (settings already at their values are left
 * out). Once it ran, the cluster is followed with `wait`, then the stage is read back and must hold
 * what was written (CHANGED_MEANWHILE, exit 5, otherwise).
 */
export function prepareCacheChange(session: AwsSession, stage: CacheStage, request: SettingsRequest, extras: CacheChangeExtras, wait?: CacheWait): PreparedChange<CacheChanged> {
  const update = stageSettingsUpdate(session, stage.entry, stage.found, request)
  const changes = update.changed.changes.length > 0
  return {
    change: update.change,
    notes: [...(changes ? (extras.notes ?? []) : []), ...update.notes],
    warnings: changes ? extras.warnings : [],
    result: async (run, io) => {
      const waited =
        wait && extras.waitFor
          ? await waitForCacheStatus(session, {apiId: stage.api.id, stageName: stage.stageName, until: extras.waitFor, timeoutMs: wait.timeoutMs, onProgress: io.note})
          : undefined
      const now = run.outcomes.length > 0 ? (await update.verify()).raw : stage.found.raw
      return {...update.changed, cluster: waited ?? cacheClusterOf(now as Stage)}
    },
  }
}
