import type {ApiType} from '../catalog/index.js'
import type {AwsSession} from '../aws/index.js'
import {ApigwError, ExitCode} from '../errors.js'
import type {Change} from '../change/index.js'
import type {PreparedChange} from '../change/index.js'
import type {ChangeRun} from '../change/index.js'
import {knownId} from '../releases/index.js'
import {checkReleaseText} from '../releases/index.js'
import {restReleases} from '../releases/index.js'
import {capitalize, shellQuote} from '../util/text.js'
import type {CanaryState} from './actuator.js'
import {abortChange, canaryCommand, pauseChange, promoteChange, promotionRecord, setChange, startChange, type SetRequest, type StartRequest} from './changes.js'
import {openCanaryStage, type OpenedCanaryStage} from './stage.js'
import {noCanary, stateText} from './state.js'
import {verifyCanaryWrite, type CanaryWrite} from './written.js'

export const CANARY_ACTIONS = ['start', 'set', 'promote', 'abort', 'pause'] as const
export type CanaryAction = (typeof CANARY_ACTIONS)[number]

/** The stable JSON shape of the manual canary commands (docs/json.md): the stage before and after. */
export interface CanaryChange {
  api: {id: string; name: string; type: ApiType}
  stage: string
  action: CanaryAction
  /** False when there was nothing to do (the stage already was as asked). */
  changed: boolean
  before: CanaryState
  after: CanaryState
}

export interface CanaryTarget {
  api: string
  stage: string
}

/** What a change wrote, once it ran (a start's new deployment id is known only then). */
type WriteOf = (run: ChangeRun) => CanaryWrite

/**
 * A canary change ready to apply. Its result is the stage read back, which must hold what the
 * change wrote (CHANGED_MEANWHILE, exit 5, when another change landed meanwhile).
 */
function prepared(opened: OpenedCanaryStage, change: Change, write: WriteOf, notes: string[] = [], afterwards: string[] = []): PreparedChange<CanaryChange> {
  const changed = change.steps.length > 0
  return {
    change,
    notes,
    afterwards,
    result: async (run) => {
      const written = write(run)
      return {
        api: opened.api,
        stage: opened.stage.stageName,
        action: written.action,
        changed,
        before: opened.state,
        after: changed ? await verifyCanaryWrite(opened.stage, written) : opened.state,
      }
    },
  }
}

/** The stage's canary, or NO_CANARY (exit 5) pointing to `canary start`. */
function requireCanary(opened: OpenedCanaryStage): void {
  if (!opened.state.canary) throw noCanary(capitalize(opened.stage.where), opened.state, canaryCommand('start', opened.stage, '--percent', '10'))
}

/**
 * `canary start`: a canary on a new deployment of the API as it is now, or on `deploymentId`.
 * A stage that has a canary is refused (CANARY_EXISTS, exit 5) unless `replace`.
 */
export async function prepareStart(session: AwsSession, options: CanaryTarget & StartRequest & {replace: boolean}): Promise<PreparedChange<CanaryChange>> {
  if (options.description !== undefined) checkReleaseText(options.description)
  const opened = await openCanaryStage(session, options)
  const {stage, state} = opened
  if (state.canary && !options.replace) {
    throw new ApigwError(`${capitalize(stage.where)} already has a canary: ${stateText(state)}.`, {
      code: 'CANARY_EXISTS',
      exitCode: ExitCode.conflict,
      suggestions: [
        `Try: ${canaryCommand('set', stage, '--percent', String(options.percent))}, to change its share`,
        'Or: the same command with --replace, to replace it with a new canary',
      ],
    })
  }
  if (options.deploymentId !== undefined && !(await restReleases(session, knownId(stage.apiId)).deployment(options.deploymentId))) {
    throw new ApigwError(`${opened.label} has no deployment ${options.deploymentId}.`, {
      code: 'DEPLOYMENT_NOT_FOUND',
      exitCode: ExitCode.notFound,
      suggestions: [`Try: ${['apigw', 'stages', 'history', '--api', stage.apiId, '--stage', stage.stageName].map(shellQuote).join(' ')}, to see deployment ids`],
    })
  }
  const {deploymentId, percent, overrides, useStageCache} = options
  const write: WriteOf = (run) => ({action: 'start', deploymentId: deploymentId ?? String((run.results[0] as {id?: string} | undefined)?.id), percent, overrides, useStageCache: useStageCache ?? false})
  return prepared(opened, startChange(stage, state, options), write, [], [`Undo: ${canaryCommand('abort', stage)}`])
}

/** `canary set`: the canary's share, overrides and stage cache use; NO_CANARY (exit 5) without one. */
export async function prepareSet(session: AwsSession, options: CanaryTarget & SetRequest): Promise<PreparedChange<CanaryChange>> {
  const opened = await openCanaryStage(session, options)
  requireCanary(opened)
  const change = setChange(opened.stage, opened.state, options)
  const overrides = opened.state.canary?.stageVariableOverrides ?? {}
  const {percent, overrides: set, unsetOverrides, useStageCache} = options
  return prepared(opened, change, () => ({action: 'set', percent, overrides: set, unsetOverrides, useStageCache}), [
    ...options.unsetOverrides.filter((name) => !(name in overrides)).map((name) => `The canary does not override "${name}"; nothing to unset.`),
    ...(change.steps.length === 0 ? [`The canary of ${opened.stage.where} already has these settings; nothing to change.`] : []),
  ])
}

/**
 * `canary promote`: the canary's deployment becomes the stage's for all traffic, recorded so that
 * `stages rollback` returns to the old base; the canary is removed unless `keepCanary` (at 0%).
 */
export async function preparePromote(session: AwsSession, options: CanaryTarget & {keepCanary: boolean; actor: string; now?: Date}): Promise<PreparedChange<CanaryChange>> {
  const opened = await openCanaryStage(session, options)
  requireCanary(opened)
  const {stage, state} = opened
  const record = await promotionRecord(stage, state, {by: options.actor, at: (options.now ?? new Date()).toISOString()})
  const rollback = ['apigw', 'stages', 'rollback', '--api', stage.apiId, '--stage', stage.stageName].map(shellQuote).join(' ')
  const undo = !record ? [] : options.keepCanary ? [`Undo: ${canaryCommand('abort', stage)}, then ${rollback}`] : [`Undo: ${rollback}`]
  const restore = variablesRestore(opened)
  if (restore) undo.push(`Rollback returns to the old deployment only; the stage variables the canary's overrides changed stay. To restore them: ${restore}`)
  const write: CanaryWrite = {action: 'promote', deploymentId: state.canary?.deploymentId ?? '', keepCanary: options.keepCanary}
  return prepared(opened, promoteChange(stage, state, {keepCanary: options.keepCanary, record}), () => write, [], undo)
}

/** The `stages set` command that gives back the variables a promotion overwrites, or undefined when it overwrites none. */
function variablesRestore(opened: OpenedCanaryStage): string | undefined {
  const overrides = opened.state.canary?.stageVariableOverrides ?? {}
  const changed = Object.keys(overrides).filter((name) => opened.variables[name] !== overrides[name])
  if (changed.length === 0) return undefined
  const flags = changed.flatMap((name) => (name in opened.variables ? ['--var', `${name}=${opened.variables[name]}`] : ['--unset-var', name]))
  return ['apigw', 'stages', 'set', '--api', opened.stage.apiId, '--stage', opened.stage.stageName, ...flags].map(shellQuote).join(' ')
}

/** `canary abort` and `canary pause`: traffic back to the base. Nothing to do without a canary (exit 0). */
export async function prepareStop(session: AwsSession, options: CanaryTarget & {action: 'abort' | 'pause'}): Promise<PreparedChange<CanaryChange>> {
  const opened = await openCanaryStage(session, options)
  const {stage, state} = opened
  const build = options.action === 'abort' ? abortChange : pauseChange
  const idle = !state.canary
    ? `${capitalize(stage.where)} has no canary; nothing to ${options.action}: all traffic goes to deployment ${state.baseDeploymentId}.`
    : options.action === 'pause' && state.canary.percentTraffic === 0
      ? `The canary of ${stage.where} already gets no traffic; nothing to pause.`
      : undefined
  const write: WriteOf = () => ({action: options.action})
  if (idle) return prepared(opened, {summary: `change nothing on ${stage.where}`, severity: 'safe', steps: []}, write, [idle])
  const resume = options.action === 'pause' ? [`Resume: ${canaryCommand('set', stage, '--percent', String(state.canary?.percentTraffic))}`] : []
  return prepared(opened, build(stage, state), write, [], resume)
}

