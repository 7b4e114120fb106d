import {ApigwError, ExitCode} from '../errors.js'
import {systemClock, type Clock} from '../util/clock.js'
import {formatSeconds} from '../util/duration.js'
import {pollUntil} from '../util/poll.js'
import type {ReleaseAdapter} from './adapter.js'

/** Between checks: GetStage and GetDeployment share AWS's 10 requests per second with everything else. */
const POLL_MS = 2000

export interface ServedOptions {
  stage: string
  deploymentId: string
  timeoutMs: number
  clock?: Clock
  onProgress?(line: string): void
}

/**
 * Resolves once the stage serves the deployment (REST: the stage's deploymentId is it; HTTP: the
 * deployment is DEPLOYED and the stage points at it). TIMED_OUT (exit 7) after `timeoutMs`.
 */
export async function waitUntilServed(adapter: ReleaseAdapter, options: ServedOptions): Promise<void> {
  const what = `stage "${options.stage}" to serve deployment ${options.deploymentId}`
  const {elapsedMs} = await pollUntil(() => adapter.serves(options.stage, options.deploymentId), (served) => served, {
    timeoutMs: options.timeoutMs,
    clock: options.clock ?? systemClock,
    intervalMs: () => POLL_MS,
    onPending: (_served, _elapsed, look) => {
      if (look === 0) options.onProgress?.(`Waiting for ${what}…`)
    },
    timedOut: () =>
      new ApigwError(`Timed out after ${formatSeconds(options.timeoutMs)} waiting for ${what}; the change is made, AWS has not finished applying it.`, {
        code: 'TIMED_OUT',
        exitCode: ExitCode.timeout,
        suggestions: ['Try: wait longer with --timeout 10m, or look at the stage with apigw stages history'],
      }),
  })
  options.onProgress?.(`Stage "${options.stage}" serves deployment ${options.deploymentId} (after ${formatSeconds(elapsedMs)}).`)
}
