/**
 * Completion of names in a shell (`apigw __complete`): where a name goes on a command line, listing
 * APIs, stages, API keys and usage plans, and the short-lived cache that keeps a Tab from calling
 * AWS again. The public door of lib/completion: code outside this folder imports from here.
 */
export {cachedNames, completionCacheDir, completionTarget} from './cache.js'
export {listNames} from './names.js'
export {NAME_KINDS, namePosition} from './position.js'
export type {CommandShape, NameKind} from './position.js'
export {COMPLETION_SHELLS, completionScript} from './scripts.js'
export type {CompletionShell} from './scripts.js'
