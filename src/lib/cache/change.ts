import type {AwsSession, Stage} from '../aws/index.js'
import type {Plan, PlanRun} from '../plan/index.js'
import {planStageSettings, type SettingsRequest, type StageSettingsChanged} from '../stages/index.js'
import {cacheClusterOf} from '../catalog/index.js'
import type {CacheStage} from './stage.js'
import type {ClusterState} from './wait.js'

/** The stable JSON shape of `cache enable`, `resize`, `disable` and `method set` (documented in the README). */
export interface CacheChanged extends StageSettingsChanged {
  /** The cluster after the change: as the stage read back after it showed, or as --wait last saw it. */
  cluster: ClusterState
}

/** A cache change, planned: one UpdateStage of the stage-settings model (stages/settings.ts). */
export interface PreparedCacheChange {
  plan: Plan
  /** For stderr, before anything runs: what is worth knowing. */
  notes: string[]
  /** For stderr, before confirmation: what the change costs. */
  warnings: string[]
  apiId: string
  stageName: string
  /** The statuses --wait follows the cluster to; undefined when there is nothing to wait for. */
  waitFor?: string[]
  /** Once the plan ran: the stage is read back and must hold what was written (CHANGED_MEANWHILE, exit 5, otherwise). */
  result(run: PlanRun, waited?: ClusterState): Promise<CacheChanged>
}

/** A settings request naming only cache settings. */
export const cacheRequest = (fields: Pick<SettingsRequest, 'cacheCluster' | 'caching' | 'routeCaching'>): SettingsRequest => ({variables: {}, unsetVariables: [], routeThrottles: {}, ...fields})

/** Plans `request` on the stage (settings already at their values are left out) and says how to report it. */
export function prepareCacheChange(session: AwsSession, stage: CacheStage, request: SettingsRequest, extra: Pick<PreparedCacheChange, 'warnings' | 'waitFor'> & {notes?: string[]}): PreparedCacheChange {
  const update = planStageSettings(session, stage.entry, stage.found, request)
  const changes = update.changed.changes.length > 0
  return {
    plan: update.plan,
    notes: [...(changes ? (extra.notes ?? []) : []), ...update.notes],
    warnings: changes ? extra.warnings : [],
    apiId: stage.api.id,
    stageName: stage.stageName,
    waitFor: extra.waitFor,
    result: async (run, waited) => {
      const now = run.outcomes.length > 0 ? (await update.verify()).raw : stage.found.raw
      return {...update.changed, cluster: waited ?? cacheClusterOf(now as Stage)}
    },
  }
}
