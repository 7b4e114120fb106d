import type {SandboxContext} from '../context.js'
import {badRequest} from '../http.js'
import {TABLES, type RestApiRecord} from '../model.js'
import {requireApiKey} from '../rest/keys-records.js'
import {requireStage as requireRestStage} from '../rest/lookup.js'
import {requireApi as requireV2Api, requireStage as requireV2Stage} from '../v2/lookup.js'
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

/**
 * Finds the API (REST first, then HTTP/WebSocket) and its stage through that service's own lookups,
 * so a missing one is answered with the same 404 the service gives.
 */
export function resolveTarget(context: SandboxContext, apiId: string, stage: string): Target {
  const restApi = context.store.get<RestApiRecord>(TABLES.restApis, apiId)
  if (restApi) {
    const record = requireRestStage(context, apiId, stage)
    return {kind: 'rest', apiId, apiName: restApi.name, stageName: record.stageName, timeline: restStageTimeline(record)}
  }
  const v2Api = requireV2Api(context, apiId)
  const record = requireV2Stage(context, apiId, stage)
  return {
    kind: v2Api.protocolType === 'WEBSOCKET' ? 'websocket' : 'http',
    apiId,
    apiName: v2Api.name,
    stageName: record.stageName,
    timeline: PLAIN_STAGE,
  }
}

/** API keys belong to REST APIs; every key named must exist. */
export function checkKeys(context: SandboxContext, target: Target, keys: string[]): void {
  if (target.kind !== 'rest') throw badRequest(`keys apply to REST APIs only; ${target.apiId} is a ${target.kind === 'http' ? 'HTTP' : 'WebSocket'} API`)
  for (const key of keys) requireApiKey(context.store, key)
}
