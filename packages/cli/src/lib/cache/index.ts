/**
 * Stage caches: status and hit ratio, enable, resize, disable, per-method caching, flush, and the
 * waits and read-backs behind them (`apigw cache …`).
 * The public door of lib/cache: code outside this folder imports from here, never from its files.
 */
export type {CacheChanged} from './change.js'
export {prepareClusterChange} from './cluster.js'
export {flushAgainCommand, prepareFlush} from './flush.js'
export type {FlushResult} from './flush.js'
export {CACHE_SIZES, parseCacheSize, parseTtl} from './limits.js'
export {UNAUTHORIZED_STRATEGIES, parseCachedMethod, parseMethodCaching, prepareMethodCaching} from './method.js'
export type {CacheFigures, CacheMinute} from './metrics.js'
export {cacheStatus} from './status.js'
export type {CacheStatus, MethodCacheStatus} from './status.js'
export type {Verification} from './verify.js'

// Loaded on demand (import() of one module), so that commands that do not need them never load them:
// an index that is itself imported with import() would load its whole domain.
export const loadCacheWait = () => import('./wait.js')
export const loadRecoveryWatch = () => import('./verify.js')
