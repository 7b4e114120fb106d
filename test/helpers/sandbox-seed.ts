import {TABLES, type RestApiRecord, type StageRecord} from '../../packages/sandbox/src/model.js'
import {stageKey} from '../../packages/sandbox/src/rest/lookup.js'
import type {Store} from '../../packages/sandbox/src/store.js'

/**
 * REST records written straight into a sandbox's store, for tests of the services that only read
 * them (usage plans, stages, exports, the traffic simulator). Fields left out take AWS's defaults.
 */

export function seedRestApi(store: Store, fields: Pick<RestApiRecord, 'id' | 'createdDate'> & Partial<RestApiRecord>): RestApiRecord {
  return store.put<RestApiRecord>(TABLES.restApis, fields.id, {
    name: fields.id,
    apiKeySource: 'HEADER',
    endpointConfiguration: {types: ['EDGE']},
    disableExecuteApiEndpoint: false,
    rootResourceId: 'root',
    ...fields,
  })
}

/** A stage with no cache, canary or method settings, last updated when it was created. */
export function seedRestStage(store: Store, fields: Pick<StageRecord, 'apiId' | 'stageName' | 'deploymentId' | 'createdDate'> & Partial<StageRecord>): StageRecord {
  return store.put<StageRecord>(TABLES.stages, stageKey(fields.apiId, fields.stageName), {
    cacheClusterEnabled: false,
    cacheClusterStatus: 'NOT_AVAILABLE',
    methodSettings: {},
    tracingEnabled: false,
    lastUpdatedDate: fields.createdDate,
    history: [],
    cacheFlushes: [],
    ...fields,
  })
}
