import type {AwsSession, Resource} from '../aws/index.js'
import {sharedNameWarnings} from '../metrics/index.js'
import {type MethodCaching, settingsOf} from '../stages/index.js'
import {byCodePoint} from '../util/text.js'
import {systemClock, type Clock} from '../util/clock.js'
import {readCacheMetrics, type CacheFigures} from './metrics.js'
import {openCacheStage} from './stage.js'
import type {ClusterState} from './wait.js'

/** How one method (or every method, `*\/*`) is cached. */
export interface MethodCacheStatus {
  /** "*\/*" for the stage-wide settings, else "GET /pets/{id}". */
  method: string
  /** stage: the `*\/*` settings; own: the method has settings of its own; inherited: it follows `*\/*`. */
  source: 'stage' | 'own' | 'inherited'
  /** Whether its responses are cached: the cluster is on, caching is on, the TTL is not 0, and an inheriting method is a GET. */
  cached: boolean
  /** The settings in force; null when neither it nor `*\/*` has any (AWS's defaults: caching off). */
  caching: MethodCaching | null
  /** The integration's cache key parameters; null for `*\/*`, or when the integration is not known. */
  cacheKeyParameters: string[] | null
}

/** The stable JSON shape of `cache status` (docs/json.md). */
export interface CacheStatus {
  api: {id: string; name: string}
  stage: string
  cluster: ClusterState
  methods: MethodCacheStatus[]
  metrics: CacheFigures
}

/** Only GET inherits the stage-wide caching: "only GET methods have caching enabled by default" (docs/aws-behaviour.md#only-get-methods-are-cached-by-default). */
const INHERITS_CACHING = 'GET'

/**
 * A REST stage's cache: the cluster, how each method of the API is cached, and the hit ratio and
 * integration latency over the last `sinceMs` (one GetStages, one GetResources, one GetMetricData
 * call, and GetRestApis for the same-name warning). HTTP and WebSocket APIs have no stage cache
 * (UNSUPPORTED_API_TYPE, exit 2).
 */
export async function cacheStatus(session: AwsSession, options: {api: string; stage: string; sinceMs: number; clock?: Clock}): Promise<{status: CacheStatus; notices: string[]}> {
  const stage = await openCacheStage(session, options, 'status')
  const now = (options.clock ?? systemClock).now()
  const [resources, metrics, notices] = await Promise.all([
    (await session.rest()).listResources(stage.api.id),
    readCacheMetrics(session, {apiName: stage.api.name, stage: stage.stageName}, {start: now - options.sinceMs, end: now}),
    sharedNameWarnings(session, stage.api),
  ])
  const {cluster} = stage
  const settings = settingsOf(stage.found)
  return {
    status: {
      api: {id: stage.api.id, name: stage.api.name},
      stage: stage.stageName,
      cluster,
      methods: methodStatuses(cluster.enabled, settings.current.defaults.caching, (route) => settings.current.routes[settings.settingsKey(route)]?.caching ?? null, resources),
      metrics,
    },
    notices,
  }
}

/** The `*\/*` row, then every method of the API by path and method, each with the settings in force. */
export function methodStatuses(clusterOn: boolean, stageWide: MethodCaching | null, own: (route: string) => MethodCaching | null, resources: Resource[]): MethodCacheStatus[] {
  const caches = (caching: MethodCaching | null) => clusterOn && caching?.enabled === true && caching.ttlInSeconds !== 0
  const methods = resources
    .flatMap((resource) => Object.entries(resource.resourceMethods ?? {}).map(([method, detail]) => ({route: `${method} ${resource.path ?? '/'}`, method, keys: detail.methodIntegration?.cacheKeyParameters ?? null})))
    .sort((a, b) => byCodePoint(a.route.slice(a.method.length + 1), b.route.slice(b.method.length + 1)) || byCodePoint(a.method, b.method))
  return [
    {method: '*/*', source: 'stage', cached: caches(stageWide), caching: stageWide, cacheKeyParameters: null},
    ...methods.map(({route, method, keys}): MethodCacheStatus => {
      const mine = own(route)
      return mine
        ? {method: route, source: 'own', cached: caches(mine), caching: mine, cacheKeyParameters: keys}
        : {method: route, source: 'inherited', cached: method === INHERITS_CACHING && caches(stageWide), caching: stageWide, cacheKeyParameters: keys}
    }),
  ]
}
