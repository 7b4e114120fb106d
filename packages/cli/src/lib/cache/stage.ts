import {type AnyApi, apiLabel, type ApiType, cacheClusterOf, findStage, type FoundStage, resolveApi, summarize} from '../catalog/index.js'
import type {AwsSession, Stage} from '../aws/index.js'
import {usageError, type ApigwError} from '../errors.js'
import type {ClusterState} from './wait.js'

/** A REST stage opened for a cache command. */
export interface CacheStage {
  entry: AnyApi
  api: {id: string; name: string; type: ApiType}
  found: FoundStage & {kind: 'rest'; raw: Stage}
  /** The stage's own name, as AWS spells it. */
  stageName: string
  /** 'stage "prod" of REST API "shop" (a1b2c3d4e5)' */
  where: string
  cluster: ClusterState
}

/** Statuses in which the cluster holds data and answers requests (docs/aws-behaviour.md#cache-cluster-statuses). */
export const cacheServes = (status: string) => status === 'AVAILABLE' || status === 'FLUSH_IN_PROGRESS'

/** Why an HTTP or WebSocket API has none of a REST stage's cache (docs/aws-behaviour.md#http-apis-have-only-an-authorizer-cache). */
export function noStageCache(api: {id: string; name: string; type: ApiType}, command: string): ApigwError {
  const label = apiLabel(api)
  return api.type === 'http'
    ? usageError(`${label} has no stage cache: HTTP APIs cache no responses, only authorizer results, so \`apigw cache ${command}\` does not apply.`, [
        `Try: apigw cache flush --api ${api.id} --stage <stage> --authorizers (resets the authorizer cache)`,
      ], 'UNSUPPORTED_API_TYPE')
    : usageError(`${label} has no cache: WebSocket APIs have neither a stage cache nor an authorizer cache to reset.`, ['Try: a REST API, where stages can have a cache cluster'], 'UNSUPPORTED_API_TYPE')
}

/**
 * The REST stage an operator names with --api and --stage. HTTP and WebSocket APIs have no stage
 * cache, which is said before any stage is looked up (UNSUPPORTED_API_TYPE, exit 2); an unknown
 * stage is STAGE_NOT_FOUND (exit 4), naming the API's stages.
 */
export async function openCacheStage(session: AwsSession, options: {api: string; stage: string}, command: string): Promise<CacheStage> {
  const entry = await resolveApi(session, options.api)
  const {id, name, type} = summarize(entry)
  if (entry.type !== 'rest') throw noStageCache({id, name, type}, command)
  const found = await findStage(session, entry, options.stage)
  if (found.kind !== 'rest') throw new Error('a REST API listed a v2 stage')
  const stageName = found.summary.name
  return {entry, api: {id, name, type}, found, stageName, where: `stage "${stageName}" of ${apiLabel({id, name, type})}`, cluster: cacheClusterOf(found.raw)}
}
