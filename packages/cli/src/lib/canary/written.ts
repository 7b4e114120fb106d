import {ApigwError, ExitCode} from '../errors.js'
import {requireWritten, type Written} from '../change/index.js'
import {capitalize} from '../util/text.js'
import type {CanaryState} from './actuator.js'
import {canaryCommand, readCanaryState, type CanaryStage} from './changes.js'
import {canaryText} from './state.js'

/** What a canary change wrote, to be found on the stage when it is read back. */
export type CanaryWrite =
  | {action: 'start'; deploymentId: string; percent: number; overrides: Record<string, string>; useStageCache: boolean}
  | {action: 'set'; percent?: number; overrides: Record<string, string>; unsetOverrides: string[]; useStageCache?: boolean}
  | {action: 'promote'; deploymentId: string; keepCanary: boolean}
  | {action: 'abort' | 'pause'}

type Canary = CanaryState['canary']

const canaryShown = (value: unknown) => (value ? canaryText(value as NonNullable<Canary>) : 'no canary')
const percentShown = (value: unknown) => (value === undefined ? 'no canary' : `${value}%`)

/** Each value the change wrote, beside what the stage holds now. */
export function canaryWritten(write: CanaryWrite, after: CanaryState): Written[] {
  const canary = after.canary
  switch (write.action) {
    case 'start':
      return [
        {what: 'canary deployment', wrote: write.deploymentId, holds: canary?.deploymentId},
        {what: 'canary percentTraffic', wrote: write.percent, holds: canary?.percentTraffic, text: percentShown},
        {what: 'canary overrides', wrote: write.overrides, holds: canary?.stageVariableOverrides},
        {what: 'canary useStageCache', wrote: write.useStageCache, holds: canary?.useStageCache},
      ]
    case 'set':
      return [
        ...(write.percent === undefined ? [] : [{what: 'canary percentTraffic', wrote: write.percent, holds: canary?.percentTraffic, text: percentShown}]),
        ...Object.entries(write.overrides).map(([name, value]) => ({what: `canary override ${name}`, wrote: value, holds: canary?.stageVariableOverrides[name]})),
        ...write.unsetOverrides.map((name) => ({what: `canary override ${name}`, wrote: undefined, holds: canary?.stageVariableOverrides[name]})),
        ...(write.useStageCache === undefined ? [] : [{what: 'canary useStageCache', wrote: write.useStageCache, holds: canary?.useStageCache}]),
      ]
    case 'promote':
      return [
        {what: 'stage deployment', wrote: write.deploymentId, holds: after.baseDeploymentId},
        write.keepCanary
          ? {what: 'canary percentTraffic', wrote: 0, holds: canary?.percentTraffic, text: percentShown}
          : {what: 'canary', wrote: null, holds: canary, text: canaryShown},
      ]
    case 'abort':
      return [{what: 'canary', wrote: null, holds: canary, text: canaryShown}]
    case 'pause':
      return [{what: 'canary percentTraffic', wrote: 0, holds: canary?.percentTraffic, text: percentShown}]
  }
}

/**
 * Reads the stage back after a canary change and returns it when it holds what the change wrote;
 * otherwise CHANGED_MEANWHILE (exit 5, see change/verify.ts). A start that left no canary at all is
 * CANARY_NOT_APPLIED (exit 9): AWS (or an emulator such as moto) took the call and ignored the
 * canary settings, which is a failure, never "canary none" and exit 0.
 */
export async function verifyCanaryWrite(stage: CanaryStage, write: CanaryWrite): Promise<CanaryState> {
  const after = await readCanaryState(stage)
  const subject = capitalize(stage.where)
  const look = canaryCommand('status', stage)
  if (write.action === 'start' && !after.canary) {
    throw new ApigwError(`AWS accepted the deployment but ${stage.where} shows no canary: all its traffic goes to deployment ${after.baseDeploymentId || 'none'}.`, {
      code: 'CANARY_NOT_APPLIED',
      exitCode: ExitCode.aws,
      suggestions: [`Try: ${look}, to see the stage; the endpoint may not support canary settings (moto ignores them)`],
    })
  }
  requireWritten(canaryWritten(write, after), {subject, look})
  return after
}
