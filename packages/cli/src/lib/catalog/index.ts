/**
 * Finding what an operator names: APIs of every kind by id or name (with suggestions), their stages,
 * routes, endpoints and API keys, and the summaries every listing shows. The domains that act on
 * these stand on this one.
 * The public door of lib/catalog: code outside this folder imports from here, never from its files.
 */
export {API_TYPES, API_TYPE_LABELS, apiLabel, fetchApis, fromRest, fromV2, isoDate, summarize} from './apis.js'
export type {AnyApi, ApiSummary, ApiType} from './apis.js'
export {apiEndpointUrl, stageInvokeUrl} from './endpoints.js'
export {apiKeyArn, resolveKey} from './keys.js'
export {notFoundByIdOrName} from './not-found.js'
export type {NamedThing} from './not-found.js'
export {resolveApi} from './resolve-api.js'
export {listApiRoutes, restResources, v2Routes} from './routes.js'
export type {ApiRoutes, ResourceSummary, RouteSummary} from './routes.js'
export {cacheClusterOf, restStageSummary, v2StageSummary} from './stage-summary.js'
export type {StageSummary} from './stage-summary.js'
export {findStage, listStages, pickStage, stageNotFound} from './stages.js'
export type {FoundStage} from './stages.js'
