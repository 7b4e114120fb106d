import type {AwsSession} from '../aws/index.js'
import type {PatchOperation} from '../aws/index.js'
import {exclusively, restArn} from '../change/index.js'
import type {Change, ChangeStep} from '../change/index.js'
import {knownId} from '../releases/index.js'
import {withRecord} from '../releases/index.js'
import {restReleases} from '../releases/index.js'
import {capitalize, shellQuote} from '../util/text.js'
import type {CanaryState} from './actuator.js'
import {canaryOnDeploymentOps, overrideOps, percentOps, promotionOps, removeCanaryOps, useStageCacheOps} from './patches.js'
import {canaryStateOf, canaryText, stageChanged, stateMatches, type StateCheck} from './state.js'

/**
 * Every canary change, shared by the canary commands and the progressive controller's actuator.
 * Each change's first write re-reads the stage just before it is sent and stops with
 * STAGE_CHANGED (exit 5) when the stage is no longer as the change was built from.
 */

/** The REST stage a canary change is for. */
export interface CanaryStage {
  session: AwsSession
  apiId: string
  /** As AWS spells it. */
  stageName: string
  /** 'stage "prod" of REST API "shop" (a1b2c3d4e5)', for summaries and messages. */
  where: string
}

/** The command that shows the stage, for the STAGE_CHANGED suggestion. */
const statusCommand = (stage: CanaryStage) => ['apigw', 'canary', 'status', '--api', stage.apiId, '--stage', stage.stageName].map(shellQuote).join(' ')

export const canaryCommand = (verb: string, stage: CanaryStage, ...flags: string[]) =>
  ['apigw', 'canary', verb, '--api', stage.apiId, '--stage', stage.stageName, ...flags].map(shellQuote).join(' ')

/** The stage as it is now. */
export async function readCanaryState(stage: CanaryStage): Promise<CanaryState> {
  return canaryStateOf(await (await stage.session.rest()).getStage(stage.apiId, stage.stageName))
}

/** Throws STAGE_CHANGED unless the stage is still as `expected` (to the extent `check` asks). */
export async function verifyState(stage: CanaryStage, expected: CanaryState, check: StateCheck): Promise<void> {
  const actual = await readCanaryState(stage)
  if (!stateMatches(expected, actual, check)) throw stageChanged(capitalize(stage.where), expected, actual, `${statusCommand(stage)}, then the same command`)
}

interface Guard {
  expected: CanaryState
  check: StateCheck
}

/** Runs a change while no other apigw changes the stage (change/exclusive.ts), after checking it is still as expected. */
const guarded = <T>(stage: CanaryStage, guard: Guard | undefined, write: () => Promise<T>) =>
  exclusively(stage.session, restArn(stage.session, `/restapis/${stage.apiId}/stages/${stage.stageName}`), {subject: capitalize(stage.where), look: statusCommand(stage)}, async () => {
    if (guard) await verifyState(stage, guard.expected, guard.check)
    return write()
  })

function updateStep(stage: CanaryStage, patchOperations: PatchOperation[], summary: string, guard?: Guard): ChangeStep {
  const {apiId: restApiId, stageName} = stage
  return {
    service: 'apigateway',
    operation: 'UpdateStage',
    input: {restApiId, stageName, patchOperations},
    summary,
    run: () => guarded(stage, guard, async () => (await stage.session.rest()).updateStage(restApiId, stageName, patchOperations)),
  }
}

export interface StartRequest {
  percent: number
  /** An existing deployment for the canary; otherwise a new deployment of the API as it is now. */
  deploymentId?: string
  /** The new deployment's description (only without deploymentId). */
  description?: string
  overrides: Record<string, string>
  useStageCache: boolean
}

/**
 * Starts a canary: CreateDeployment with canarySettings (the API as it is now goes to the canary
 * only), or UpdateStage onto an existing deployment. A canary the stage already has is replaced
 * completely, which only a destructive change does.
 */
export function startChange(stage: CanaryStage, expected: CanaryState, request: StartRequest): Change {
  const guard: Guard = {expected, check: 'same canary'}
  const replacing = expected.canary !== null
  const what = request.deploymentId ? `deployment ${request.deploymentId}` : 'a new deployment of the API as it is now'
  const step: ChangeStep = request.deploymentId
    ? updateStep(
        stage,
        canaryOnDeploymentOps({deploymentId: request.deploymentId, percent: request.percent, overrides: request.overrides, useStageCache: request.useStageCache, replacing}),
        `${replacing ? 'replace the canary with' : 'start a canary on'} deployment ${request.deploymentId} at ${request.percent}%`,
        guard,
      )
    : createCanaryDeployment(stage, request, guard, replacing)
  return {
    summary: `${replacing && expected.canary ? `replace the canary (${canaryText(expected.canary)}) of` : 'start a canary on'} ${stage.where}: ${what}, ${request.percent}% of traffic`,
    severity: replacing ? 'destructive' : 'safe',
    steps: [step],
  }
}

function createCanaryDeployment(stage: CanaryStage, request: StartRequest, guard: Guard, replacing: boolean): ChangeStep {
  const {apiId: restApiId, stageName} = stage
  const hasOverrides = Object.keys(request.overrides).length > 0
  const canarySettings = {percentTraffic: request.percent, ...(hasOverrides && {stageVariableOverrides: request.overrides}), useStageCache: request.useStageCache}
  const input = {restApiId, stageName, ...(request.description !== undefined && {description: request.description}), canarySettings}
  return {
    service: 'apigateway',
    operation: 'CreateDeployment',
    input,
    summary: `deploy the API to ${replacing ? 'a new canary, replacing the old one,' : 'a canary'} at ${request.percent}% (the stage's own deployment stays)`,
    run: () => guarded(stage, guard, async () => (await stage.session.rest()).createDeployment(input)),
  }
}

export interface SetRequest {
  percent?: number
  overrides: Record<string, string>
  unsetOverrides: string[]
  useStageCache?: boolean
}

/**
 * Changes what differs of the canary's share, variable overrides and stage cache use, in one
 * UpdateStage (no step when nothing differs). Raising the share is destructive: more users get the
 * canary; lowering it, or the other settings, is safe.
 */
export function setChange(stage: CanaryStage, expected: CanaryState, request: SetRequest): Change {
  const canary = expected.canary
  if (!canary) throw new Error('setChange needs a stage with a canary')
  const percent = request.percent !== undefined && request.percent !== canary.percentTraffic ? request.percent : undefined
  const overrides = Object.fromEntries(Object.entries(request.overrides).filter(([name, value]) => canary.stageVariableOverrides[name] !== value))
  const unset = request.unsetOverrides.filter((name) => name in canary.stageVariableOverrides)
  const useStageCache = request.useStageCache !== undefined && request.useStageCache !== canary.useStageCache ? request.useStageCache : undefined
  const ops = [...(percent === undefined ? [] : percentOps(percent)), ...overrideOps(overrides, unset), ...(useStageCache === undefined ? [] : useStageCacheOps(useStageCache))]
  const changes = [
    percent !== undefined && `traffic ${canary.percentTraffic}% → ${percent}%`,
    ...Object.entries(overrides).map(([name, value]) => `override ${name}=${value}`),
    ...unset.map((name) => `drop override ${name}`),
    useStageCache !== undefined && `${useStageCache ? 'use' : 'do not use'} the stage cache`,
  ].filter((change): change is string => typeof change === 'string')
  return {
    summary: changes.length === 0 ? `change nothing on the canary of ${stage.where}` : `change the canary of ${stage.where}: ${changes.join('; ')}`,
    severity: percent !== undefined && percent > canary.percentTraffic ? 'destructive' : 'safe',
    steps: ops.length === 0 ? [] : [updateStep(stage, ops, `update the canary: ${changes.join('; ')}`, {expected, check: 'exactly'})],
  }
}

/** Moves the stage's base to the canary's deployment; the record lets `stages rollback` undo it. */
export interface PromotionRecord {
  deploymentId: string
  /** The deployment's description with the promote record added. */
  description: string
}

/** Where a canary promotion came from, in its release record: "prod/canary" (no stage name has a "/"). */
export const canarySource = (stageName: string) => `${stageName}/canary`

/**
 * The promote record for the canary's deployment, naming the base it replaces; null when the canary
 * runs the base deployment itself (only its overrides are promoted: no release to record).
 */
export async function promotionRecord(stage: CanaryStage, expected: CanaryState, release: {by: string; at: string}): Promise<PromotionRecord | null> {
  const canary = expected.canary
  if (!canary || canary.deploymentId === expected.baseDeploymentId) return null
  const deployment = await restReleases(stage.session, knownId(stage.apiId)).deployment(canary.deploymentId)
  return {
    deploymentId: canary.deploymentId,
    description: withRecord(deployment?.description, {
      action: 'promote',
      stage: stage.stageName,
      from: canarySource(stage.stageName),
      ...release,
      replaced: expected.baseDeploymentId || undefined,
    }),
  }
}

/**
 * Promotes the canary: the promotion batch (canary at 0%, its deployment and overrides become the
 * stage's; docs/aws-behaviour.md#promotion-is-one-updatestage-of-three-operations), then
 * `remove /canarySettings` unless the canary is kept (at 0%), then the record in the deployment's
 * description. Destructive: every user now gets the canary's deployment.
 */
export function promoteChange(stage: CanaryStage, expected: CanaryState, options: {keepCanary: boolean; record: PromotionRecord | null}): Change {
  const canary = expected.canary
  if (!canary) throw new Error('promoteChange needs a stage with a canary')
  const releases = restReleases(stage.session, knownId(stage.apiId))
  const {record} = options
  const hasOverrides = Object.keys(canary.stageVariableOverrides).length > 0
  const steps: ChangeStep[] = [
    updateStep(
      stage,
      promotionOps(hasOverrides),
      `make the canary's deployment ${canary.deploymentId} the stage's (was ${expected.baseDeploymentId})${hasOverrides ? ', merge its variable overrides into the stage variables' : ''}, canary at 0%`,
      {expected, check: 'exactly'},
    ),
    ...(options.keepCanary ? [] : [updateStep(stage, removeCanaryOps(), 'remove the canary (it is at 0%)')]),
    ...(record ? [{...releases.describe(record.deploymentId, record.description), summary: `record it in deployment ${record.deploymentId}'s description, for history and rollback`}] : []),
  ]
  const recordCommand = record && releases.describeCommand(record.deploymentId, record.description)
  return {
    summary: `promote the canary of ${stage.where}: deployment ${canary.deploymentId} (at ${canary.percentTraffic}%) replaces ${expected.baseDeploymentId} for all traffic${options.keepCanary ? ', keeping the canary at 0%' : ''}`,
    severity: 'destructive',
    steps,
    recovery: (failed) => {
      const done = `the stage already runs deployment ${canary.deploymentId}`
      if (steps[failed]?.operation === 'UpdateStage') {
        // One command line, so that it runs as printed.
        const finish = [canaryCommand('abort', stage), ...(recordCommand ? [recordCommand] : [])].join(' && ')
        return `Try: ${finish} (${done}; this removes the canary left at 0%${recordCommand ? ' and records the promotion for history and rollback' : ''})`
      }
      return `Try: ${recordCommand} (${done}; this records the promotion for history and rollback)`
    },
  }
}

/** `remove /canarySettings`: all traffic back to the base deployment at once. Safe: the base never changed. */
export function abortChange(stage: CanaryStage, expected: CanaryState): Change {
  return {
    summary: `abort the canary of ${stage.where}: all traffic back to deployment ${expected.baseDeploymentId}`,
    severity: 'safe',
    steps: [updateStep(stage, removeCanaryOps(), `remove the canary (${expected.canary?.deploymentId ?? 'none'} at ${expected.canary?.percentTraffic ?? 0}%)`, {expected, check: 'same canary'})],
  }
}

/** Canary at 0%, kept with its settings: `canary set --percent` resumes it. Safe. */
export function pauseChange(stage: CanaryStage, expected: CanaryState): Change {
  return {
    summary: `pause the canary of ${stage.where}: no traffic to deployment ${expected.canary?.deploymentId ?? 'none'}, the canary is kept`,
    severity: 'safe',
    steps: [updateStep(stage, percentOps(0), `send no traffic to the canary (was ${expected.canary?.percentTraffic ?? 0}%)`, {expected, check: 'same canary'})],
  }
}

