import type {AwsSession} from '../aws/index.js'
import {ApigwError, ExitCode} from '../errors.js'
import {systemClock, type Clock} from '../util/clock.js'
import {formatSeconds} from '../util/duration.js'
import {cacheClusterOf, type StageSummary} from '../catalog/index.js'
import {pollUntil} from '../util/poll.js'
import {capitalize} from '../util/text.js'

/** A stage's cache cluster as GetStage shows it: the stable `cluster` field of the cache commands. */
export type ClusterState = NonNullable<StageSummary['cache']>

/** Quick looks first (a sandbox answers in moments), then every 5 s: GetStage shares AWS's 10 requests per second. */
const pollInterval = (look: number) => Math.min(5000, 250 * 2 ** look)
/** While nothing changes, progress says so this often. */
const STILL_EVERY_MS = 30_000

export interface CacheWaitOptions {
  apiId: string
  stageName: string
  /** Done once the status is one of these. */
  until: string[]
  timeoutMs: number
  clock?: Clock
  onProgress?(line: string): void
}

/**
 * Follows a stage's cacheClusterStatus (GetStage) until it is one of `until`, saying on progress
 * each status it passes through. TIMED_OUT (exit 7) after `timeoutMs`: the change itself is made.
 */
export async function waitForCacheStatus(session: AwsSession, options: CacheWaitOptions): Promise<ClusterState> {
  const gateway = await session.rest()
  const what = `the cache cluster of stage "${options.stageName}"`
  const target = options.until.join(' or ')
  let shown: {status: string; at: number} | undefined
  const {value, elapsedMs} = await pollUntil(async () => cacheClusterOf(await gateway.getStage(options.apiId, options.stageName)), (cluster) => options.until.includes(cluster.status), {
    timeoutMs: options.timeoutMs,
    clock: options.clock ?? systemClock,
    intervalMs: pollInterval,
    onPending: (cluster, elapsed) => {
      if (shown?.status === cluster.status && elapsed - shown.at < STILL_EVERY_MS) return
      options.onProgress?.(shown ? `${capitalize(what)}: ${cluster.status} (${formatSeconds(elapsed)})` : `Waiting for ${what} to be ${target}: ${cluster.status}`)
      shown = {status: cluster.status, at: elapsed}
    },
    timedOut: (cluster) =>
      new ApigwError(`Timed out after ${formatSeconds(options.timeoutMs)} waiting for ${what} to be ${target}: it is ${cluster.status}. The change is made; AWS has not finished applying it (creating or deleting a cluster takes up to about 4 minutes).`, {
        code: 'TIMED_OUT',
        exitCode: ExitCode.timeout,
        suggestions: [`Try: apigw cache status --api ${options.apiId} --stage ${options.stageName}, or wait longer with --timeout 15m`],
      }),
  })
  options.onProgress?.(`${capitalize(what)} is ${value.status} (after ${formatSeconds(elapsedMs)}).`)
  return value
}
