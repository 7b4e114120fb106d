import {CreateDeploymentCommand, FlushStageCacheCommand, UpdateStageCommand} from '@aws-sdk/client-api-gateway'
import {TABLES, type StageRecord} from '../../packages/sandbox/src/model.js'
import {stageKey} from '../../packages/sandbox/src/rest/lookup.js'
import {simulateTraffic} from '../../packages/sandbox/src/traffic/simulate.js'
import type {TrafficSpec} from '../../packages/sandbox/src/traffic/spec.js'
import type {Sandbox} from './sandbox.js'
import {sdkClients} from './sandbox.js'
import {seeder} from './seed.js'
import {cachesAvailable} from './wait.js'

const MINUTE = 60_000
const HOUR = 60 * MINUTE

/** The traffic profile of the stages below: the canary answers 10% 5XX and is slower. */
export const PROFILE = {
  rps: 20,
  errorRate: {'4xx': 0.02, '5xx': 0.005},
  latency: {p50: 40, p99: 350},
  cacheHit: 0.8,
  canaryErrorRate: {'4xx': 0.02, '5xx': 0.1},
  canaryLatency: {p50: 90, p99: 900},
} satisfies Partial<TrafficSpec>

/** Three hours of traffic up to now through a stage, as `apigw sandbox traffic --duration 3h` publishes it. */
export function backfill(sandbox: Sandbox, apiId: string, stage: string, spec: Partial<TrafficSpec> = {}, hours = 3) {
  const now = Date.now()
  return simulateTraffic(sandbox.context, {...PROFILE, apiId, stage, start: now - hours * HOUR, end: now, ...spec})
}

/**
 * A REST API whose `prod` stage has a 20% canary and a stage cache, made with the real API calls
 * (CreateDeployment with canarySettings, UpdateStage, FlushStageCache), then moved back in time so
 * that three hours of traffic can be backfilled through them: the canary and the cache have been
 * there for four hours, and the cache was flushed `flushedAgo` ms ago.
 */
export async function canaryStageWithCache(sandbox: Sandbox, name: string, flushedAgo = 40 * MINUTE) {
  const {rest} = sdkClients(sandbox.endpoint)
  const api = await seeder(sandbox.endpoint).restApi(name)
  const canary = await rest.send(new CreateDeploymentCommand({restApiId: api.id, stageName: 'prod', canarySettings: {percentTraffic: 20}}))
  await rest.send(new UpdateStageCommand({restApiId: api.id, stageName: 'prod', patchOperations: [{op: 'replace', path: '/cacheClusterEnabled', value: 'true'}]}))
  // The test sandbox brings caches up, and flushes them, in 50 ms.
  await cachesAvailable(rest, api.id)
  await rest.send(new FlushStageCacheCommand({restApiId: api.id, stageName: 'prod'}))
  await cachesAvailable(rest, api.id)

  const {store} = sandbox.context
  const record = store.get<StageRecord>(TABLES.stages, stageKey(api.id, 'prod'))!
  const since = Date.now() - 4 * HOUR
  store.put<StageRecord>(TABLES.stages, stageKey(api.id, 'prod'), {
    ...record,
    history: record.history.map((moment, i) => ({...moment, at: since + i})),
    cacheFlushes: [Date.now() - flushedAgo],
  })
  return {id: api.id, canaryDeploymentId: canary.id!, flushedAt: Date.now() - flushedAgo}
}
