import type {AwsSession} from '../aws/index.js'
import type {Change} from '../change/index.js'
import {runChange} from '../change/index.js'
import {releaseActor} from '../releases/index.js'
import {systemClock, type Clock} from '../util/clock.js'
import type {CanaryActuator, CanaryState} from './actuator.js'
import {abortChange, canaryCommand, pauseChange, promoteChange, promotionRecord, readCanaryState, setChange, verifyState, type CanaryStage} from './changes.js'
import {checkPercent} from './request.js'
import {noCanary, type StateCheck} from './state.js'
import {verifyCanaryWrite, type CanaryWrite} from './written.js'

export interface ActuatorOptions {
  /** Who promotes, for the release record; default: $USER@host, or the GitHub Actions run. */
  actor?: string
  /** The time written in release records. */
  clock?: Clock
  /** One line per AWS change, for stderr. */
  onProgress?(line: string): void
}

/**
 * The real actuator: each change is the same one the manual canary commands run (so each canary
 * change is written once), run without confirmation, after checking the stage is still as the
 * controller last saw it. Returns the stage as it is afterwards.
 */
export function createCanaryActuator(session: AwsSession, apiId: string, stageName: string, options: ActuatorOptions = {}): CanaryActuator {
  const stage: CanaryStage = {session, apiId, stageName, where: `stage "${stageName}" of REST API ${apiId}`}
  const clock = options.clock ?? systemClock
  const withCanary = (expected: CanaryState) => {
    if (!expected.canary) throw noCanary(`Stage "${stageName}" of REST API ${apiId}`, expected, canaryCommand('start', stage))
    return expected
  }
  // A change with no steps still checks the stage, so a change by someone else is never missed;
  // one that ran is read back, and must hold what it wrote (CHANGED_MEANWHILE otherwise).
  const apply = async (change: Change, expected: CanaryState, check: StateCheck, write: CanaryWrite): Promise<CanaryState> => {
    if (change.steps.length === 0) await verifyState(stage, expected, check)
    else await runChange(change, {onProgress: options.onProgress})
    return verifyCanaryWrite(stage, write)
  }
  return {
    read: () => readCanaryState(stage),
    setPercent: async (percent, expected) => {
      const request = {percent: checkPercent(percent, 'percent'), overrides: {}, unsetOverrides: []}
      return apply(setChange(stage, withCanary(expected), request), expected, 'exactly', {action: 'set', ...request})
    },
    promote: async (expected) => {
      const record = await promotionRecord(stage, withCanary(expected), {by: options.actor ?? releaseActor(process.env), at: new Date(clock.now()).toISOString()})
      return apply(promoteChange(stage, expected, {keepCanary: false, record}), expected, 'exactly', {action: 'promote', deploymentId: expected.canary?.deploymentId ?? '', keepCanary: false})
    },
    abort: async (expected) => apply(abortChange(stage, withCanary(expected)), expected, 'same canary', {action: 'abort'}),
    pause: async (expected) => apply(pauseChange(stage, withCanary(expected)), expected, 'same canary', {action: 'pause'}),
  }
}
