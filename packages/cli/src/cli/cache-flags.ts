import type {CacheChanged} from '../lib/cache/index.js'
import type {TableView} from './ui/output.js'
import {apiFlag, changeFlags, stageFlag, waitFlags, waitOption} from './flags.js'

/** Creating or deleting a cluster takes up to about 4 minutes (docs/aws-behaviour.md#creating-or-deleting-a-cache-cluster-takes-minutes): room for that and more. */
const DEFAULT_TIMEOUT = '10m'

/** --wait and --timeout of a cache command; `until` is what it waits for. */
export const cacheWaitFlags = (until: string) => waitFlags(until, DEFAULT_TIMEOUT)

/** --wait as a cache change's option (--timeout checked before any AWS call). */
export const cacheWait = (flags: Record<string, unknown>) => waitOption(flags, DEFAULT_TIMEOUT)

/** Flags of the commands that change a stage's cache cluster. */
export const clusterFlags = (until: string) => ({
  api: apiFlag('rest'),
  stage: stageFlag(),
  ...cacheWaitFlags(until),
  ...changeFlags,
})

/** How `cache enable`, `resize`, `disable` and `method set` print their result. */
export const cacheView = async (): Promise<TableView<CacheChanged>> => (await import('./ui/cache-view.js')).cacheChangedView
