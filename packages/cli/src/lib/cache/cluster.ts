import type {AwsSession} from '../aws/index.js'
import {ApigwError, ExitCode} from '../errors.js'
import type {PreparedChange} from '../change/index.js'
import {cacheRequest, prepareCacheChange, type CacheChanged, type CacheWait} from './change.js'
import {DEFAULT_CACHE_SIZE} from './limits.js'
import {openCacheStage} from './stage.js'

/** What `cache enable`, `resize` and `disable` ask for, their flags already checked (limits.ts). */
export type ClusterRequest =
  | {action: 'enable'; size?: string; ttl?: number; encrypt?: boolean}
  | {action: 'resize'; size: string}
  | {action: 'disable'}

/**
 * Prepares a change to a REST stage's cache cluster as one UpdateStage (docs/aws-behaviour.md#a-cache-cluster-is-switched-on-and-sized-with-updatestage):
 * - enable: `/cacheClusterEnabled` and `/cacheClusterSize`, and stage-wide caching on (`/*\/*\/caching/enabled`,
 *   with `--ttl` and `--encrypt`), since a cluster with caching off caches nothing; AWS then caches GET methods.
 *   A cluster of another size is not resized by enable (CACHE_ENABLED, exit 5): that is `cache resize`.
 * - resize: `/cacheClusterSize`; the cluster is rebuilt and its data lost, so it is destructive.
 * - disable: `/cacheClusterEnabled false`; destructive.
 */
export async function prepareClusterChange(session: AwsSession, options: {api: string; stage: string; wait?: CacheWait} & ClusterRequest): Promise<PreparedChange<CacheChanged>> {
  const stage = await openCacheStage(session, options, options.action)
  const current = stage.cluster
  switch (options.action) {
    case 'enable': {
      if (current.enabled && options.size !== undefined && options.size !== current.size) {
        throw new ApigwError(`The ${stage.where} already has a ${current.size} GB cache cluster (${current.status}); enable does not change its size.`, {
          code: 'CACHE_ENABLED',
          exitCode: ExitCode.conflict,
          suggestions: [`Try: apigw cache resize --api ${stage.api.id} --stage ${stage.stageName} --size ${options.size} (rebuilds the cluster: its data is lost)`],
        })
      }
      const size = current.enabled ? current.size : (options.size ?? DEFAULT_CACHE_SIZE)
      const caching = {enabled: true, ...(options.ttl === undefined ? {} : {ttlInSeconds: options.ttl}), ...(options.encrypt ? {dataEncrypted: true} : {})}
      return prepareCacheChange(session, stage, cacheRequest({cacheCluster: {enabled: true, size}, caching}), {
        notes: current.enabled ? [] : [`A ${size} GB cache cluster is billed by the hour from when it is created; creating it takes up to about 4 minutes, and until then every request goes to the backend.`],
        warnings: [],
        waitFor: ['AVAILABLE'],
      }, options.wait)
    }
    case 'resize':
      if (!current.enabled) {
        throw new ApigwError(`The ${stage.where} has no cache cluster to resize.`, {
          code: 'NO_CACHE_CLUSTER',
          exitCode: ExitCode.conflict,
          suggestions: [`Try: apigw cache enable --api ${stage.api.id} --stage ${stage.stageName} --size ${options.size}`],
        })
      }
      return prepareCacheChange(session, stage, cacheRequest({cacheCluster: {enabled: true, size: options.size}}), {
        warnings: [`Resizing rebuilds the cache cluster of the ${stage.where} from ${current.size} GB to ${options.size} GB: all cached data is lost, and until the new cluster is AVAILABLE (up to about 4 minutes) every request goes to the backend.`],
        waitFor: ['AVAILABLE'],
      }, options.wait)
    case 'disable':
      return prepareCacheChange(session, stage, cacheRequest({cacheCluster: {enabled: false, size: null}}), {
        warnings: [`Disabling deletes the ${current.size} GB cache cluster of the ${stage.where} and all its data: every request goes to the backend, and hourly billing stops once it is deleted.`],
        waitFor: ['NOT_AVAILABLE'],
      }, options.wait)
  }
}
