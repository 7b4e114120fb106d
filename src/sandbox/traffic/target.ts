import type {SandboxContext} from '../context.js'
import {badRequest, notFound} from '../http.js'
import {TABLES, type ApiKeyRecord, type RestApiRecord, type StageRecord} from '../model.js'
import type {V2ApiRecord} from '../v2/records.js'
import {PLAIN_STAGE, restStageTimeline, type Timeline} from './timeline.js'

export type ApiKind = 'rest' | 'http' | 'websocket'

/** The stage traffic flows through, as the metrics name it. */
export interface Target {
  kind: ApiKind
  apiId: string
  apiName: string
  /** The stage's own spelling of its name (REST names match case-insensitively). */
  stageName: string
  timeline: Timeline
}

/** Finds the API (REST first, then HTTP/WebSocket) and its stage; 404 in AWS's words when either is missing. */
export function resolveTarget(context: SandboxContext, apiId: string, stage: string): Target {
  const {store} = context
  const restApi = store.get<RestApiRecord>(TABLES.restApis, apiId)
  if (restApi) {
    const record = store.get<StageRecord>(TABLES.stages, `${apiId}/${stage.toLowerCase()}`)
    if (!record) throw notFound('Invalid Stage identifier specified')
    return {kind: 'rest', apiId, apiName: restApi.name, stageName: record.stageName, timeline: restStageTimeline(record)}
  }
  const v2Api = store.get<V2ApiRecord>(TABLES.v2Apis, apiId)
  if (!v2Api) throw notFound(`Invalid API identifier specified ${apiId}`)
  if (!store.get(TABLES.v2Stages, `${apiId}/${stage}`)) throw notFound('Invalid Stage identifier specified')
  return {
    kind: v2Api.protocolType === 'WEBSOCKET' ? 'websocket' : 'http',
    apiId,
    apiName: v2Api.name,
    stageName: stage,
    timeline: PLAIN_STAGE,
  }
}

/** API keys belong to REST APIs; every key named must exist. */
export function checkKeys(context: SandboxContext, target: Target, keys: string[]): void {
  if (target.kind !== 'rest') throw badRequest(`keys apply to REST APIs only; ${target.apiId} is a ${target.kind === 'http' ? 'HTTP' : 'WebSocket'} API`)
  for (const key of keys) if (!context.store.get<ApiKeyRecord>(TABLES.apiKeys, key)) throw notFound('Invalid API Key identifier specified')
}
