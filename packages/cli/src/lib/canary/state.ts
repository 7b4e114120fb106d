import type {Stage} from '../aws/index.js'
import {ApigwError, ExitCode} from '../errors.js'
import type {CanaryState} from './actuator.js'

/** A REST stage's release state: its base deployment and its canary (docs/aws-behaviour.md#a-canary-is-part-of-its-stage). */
export function canaryStateOf(stage: Stage): CanaryState {
  const canary = stage.canarySettings
  return {
    baseDeploymentId: stage.deploymentId ?? '',
    canary: canary
      ? {
          // A canary made with `replace /canarySettings/percentTraffic` runs the stage's own deployment.
          deploymentId: canary.deploymentId ?? stage.deploymentId ?? '',
          percentTraffic: canary.percentTraffic ?? 0,
          stageVariableOverrides: {...canary.stageVariableOverrides},
          useStageCache: canary.useStageCache ?? false,
        }
      : null,
  }
}

/**
 * How much of the stage must be as expected before a change is written:
 * - 'exactly': every canary setting (set, promote: the change builds on what was shown);
 * - 'same canary': the same base and canary deployments (abort, pause: they move traffic back to
 *   the base, which is right whatever share or overrides someone else gave the canary meanwhile).
 */
export type StateCheck = 'exactly' | 'same canary'

export function stateMatches(expected: CanaryState, actual: CanaryState, check: StateCheck): boolean {
  if (expected.baseDeploymentId !== actual.baseDeploymentId) return false
  if (!expected.canary || !actual.canary) return expected.canary === actual.canary
  if (expected.canary.deploymentId !== actual.canary.deploymentId) return false
  return check === 'same canary' || sameSettings(expected.canary, actual.canary)
}

function sameSettings(a: NonNullable<CanaryState['canary']>, b: NonNullable<CanaryState['canary']>): boolean {
  const overrides = (canary: typeof a) => JSON.stringify(Object.entries(canary.stageVariableOverrides).sort(([x], [y]) => (x < y ? -1 : 1)))
  return a.percentTraffic === b.percentTraffic && a.useStageCache === b.useStageCache && overrides(a) === overrides(b)
}

/** "d2 at 10% (overrides: color=blue; stage cache)", for messages. */
export function canaryText(canary: NonNullable<CanaryState['canary']>): string {
  const overrides = Object.entries(canary.stageVariableOverrides).map(([name, value]) => `${name}=${value}`)
  const extras = [overrides.length > 0 && `overrides: ${overrides.join(', ')}`, canary.useStageCache && 'stage cache'].filter(Boolean)
  return `${canary.deploymentId} at ${canary.percentTraffic}%${extras.length > 0 ? ` (${extras.join('; ')})` : ''}`
}

/** "deployment d1, canary d2 at 10% …", for messages. */
export const stateText = (state: CanaryState) => `deployment ${state.baseDeploymentId || 'none'}, ${state.canary ? `canary ${canaryText(state.canary)}` : 'no canary'}`

/** STAGE_CHANGED (exit 5): someone else changed the stage after apigw read it; nothing was written. */
export function stageChanged(where: string, expected: CanaryState, actual: CanaryState, retry: string): ApigwError {
  return new ApigwError(
    `${where} changed after apigw read it: it was ${stateText(expected)}; it is now ${stateText(actual)}. Nothing was changed, so as not to overwrite someone else's change.`,
    {code: 'STAGE_CHANGED', exitCode: ExitCode.conflict, suggestions: [`Try: ${retry} (again, once you have checked the stage)`]},
  )
}

/** NO_CANARY (exit 5): the change needs a canary and the stage has none. */
export function noCanary(where: string, state: CanaryState, start: string): ApigwError {
  return new ApigwError(`${where} has no canary: all its traffic goes to deployment ${state.baseDeploymentId || 'none'}.`, {
    code: 'NO_CANARY',
    exitCode: ExitCode.conflict,
    suggestions: [`Try: ${start}, to start one`],
  })
}
