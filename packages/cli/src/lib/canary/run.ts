import {randomBytes} from 'node:crypto'
import type {AwsSession} from '../aws/index.js'
import {ApigwError, ExitCode, usageError} from '../errors.js'
import {sharedNameWarnings} from '../metrics/index.js'
import {describeChange, fromStep, type Change, type ChangeDescription} from '../change/index.js'
import {systemClock, type Clock} from '../util/clock.js'
import {formatDuration} from '../util/duration.js'
import {capitalize, shellQuote} from '../util/text.js'
import type {CanaryActuator, CanaryState} from './actuator.js'
import {createCanaryActuator} from './actuator-aws.js'
import {runRollout, type ControllerDeps, type RolloutEnd} from './controller.js'
import {prepareStart} from './manual.js'
import {canaryMetrics, type CanaryMetricsSource} from '../metrics/index.js'
import {canaryCommand, promoteChange, setChange, type CanaryStage} from './changes.js'
import type {RolloutSettings} from './rollout-settings.js'
import {holdStage, leaseFor, refuseIfHeld, type StageLease} from './run-lease.js'
import {openCanaryStage} from './stage.js'
import {stateText} from './state.js'

export interface RunRequest {
  api: string
  stage: string
  /** The canary's deployment: the stage's canary must run it, or a canary is started on it. Absent: a new deployment of the API as it is now. */
  deployment?: string
  /** The new deployment's description (without --deployment). */
  description?: string
  settings: RolloutSettings
  /** Take the stage from another run that holds it; otherwise such a run is refused first of all. */
  takeover?: boolean
}

/** What the controller is told as it runs: events, Ctrl-C, and the time; and the run's hold on the stage. */
export type RunHooks = Pick<ControllerDeps, 'emit' | 'interrupted' | 'onInterrupt'> & {clock?: Clock; onProgress?(line: string): void; lease?: StageLease}

/**
 * A rollout ready to run: not one change but many (a start, then a share per step, then a promotion
 * or a way back), judged as it goes; --dry-run shows them as the change of a run where every step passes.
 */
export interface CanaryRollout {
  api: {id: string; name: string}
  stageName: string
  /** Worth saying before anything runs (stderr). */
  notes: string[]
  /** Starting the canary, when the stage has none yet; null when the rollout takes the stage's own canary. */
  start: Change | null
  /** The whole rollout as --dry-run shows it: the AWS calls of a run where every step passes. */
  rollout: ChangeDescription
  /**
   * Holds the stage for this run (run-lease.ts): CANARY_RUN_IN_PROGRESS (exit 5) while another run
   * holds it, unless `takeover`. Call it before `start` runs; release the lease however the run ends.
   */
  hold(options: {takeover: boolean; holder: string; clock?: Clock}): Promise<StageLease>
  /** Runs the rollout; call it after `start` ran. */
  run(hooks: RunHooks): Promise<RolloutEnd>
}

/**
 * Everything `canary run` checks and builds before it changes anything: the REST stage, its canary
 * (taken through the steps only when --deployment names its deployment, so a canary someone else
 * started is never promoted by surprise), or the change that starts one at the first step.
 */
export async function prepareCanaryRun(session: AwsSession, request: RunRequest): Promise<CanaryRollout> {
  const {api, stage, state} = await openCanaryStage(session, request)
  // Another run's canary is in the way of this one: say whose run it is before anything else.
  if (!request.takeover) await refuseIfHeld(stage, Date.now())
  const {settings} = request
  if (request.deployment === state.baseDeploymentId) {
    throw usageError(`Deployment ${request.deployment} is what ${stage.where} already serves: a canary of it would change nothing.`, [
      `Try: ${['apigw', 'stages', 'history', '--api', stage.apiId, '--stage', stage.stageName].map(shellQuote).join(' ')}, to find the deployment to release`,
    ])
  }
  if (state.canary && state.canary.deploymentId !== request.deployment) throw canaryInTheWay(stage, state, request)
  // A new canary starts at the first step, as `canary start` would start it (and with its checks).
  const start = state.canary
    ? null
    : (await prepareStart(session, {...request, deploymentId: request.deployment, percent: settings.steps[0], overrides: {}, useStageCache: false, replace: false})).change ?? null
  const notes = await sharedNameWarnings(session, api)
  if (state.canary) notes.push(`Taking the stage's canary (${stateText(state)}) through the steps.`)
  return {
    api: {id: api.id, name: api.name},
    stageName: stage.stageName,
    notes,
    start,
    rollout: describeRollout(stage, state, start, request),
    hold: ({takeover, holder, clock = systemClock}) =>
      holdStage(stage, {token: randomBytes(4).toString('hex'), holder, now: () => clock.now(), leaseMs: leaseFor(settings.intervalMs), takeover}),
    run: (hooks) => {
      const actuator = createCanaryActuator(session, api.id, stage.stageName, {clock: hooks.clock, onProgress: hooks.onProgress})
      const metrics = canaryMetrics(session, {apiName: api.name, stage: stage.stageName})
      return runRollout(settings, {
        ...hooks,
        clock: hooks.clock ?? systemClock,
        stage: {where: capitalize(stage.where), statusCommand: canaryCommand('status', stage)},
        actuator: renewingBudget(session, actuator),
        metrics: renewingBudget(session, metrics),
        renew: hooks.lease && (() => hooks.lease!.renew()),
      })
    },
  }
}

function canaryInTheWay(stage: CanaryStage, state: CanaryState, request: RunRequest): ApigwError {
  const canary = state.canary!
  const asked = request.deployment === undefined ? 'canary run without --deployment starts a new canary' : `--deployment is ${request.deployment}`
  return new ApigwError(`${capitalize(stage.where)} already has a canary: ${stateText(state)}; ${asked}. apigw does not replace a canary in the middle of a rollout.`, {
    code: 'CANARY_EXISTS',
    exitCode: ExitCode.conflict,
    suggestions: [
      `Try: ${canaryCommand('run', stage, '--deployment', canary.deploymentId)} … (to take this canary through the steps)`,
      `Or: ${canaryCommand('abort', stage)} (to remove it first)`,
    ],
  })
}

/**
 * The rollout's AWS calls when every step passes, built with the manual commands' changes: the start
 * (if any), each step's UpdateStage, then the promotion. A new canary's deployment id is known only
 * once step 1 ran.
 */
function describeRollout(stage: CanaryStage, state: CanaryState, start: Change | null, request: RunRequest): ChangeDescription {
  const {settings} = request
  const canaryId = state.canary?.deploymentId ?? request.deployment ?? fromStep(1, 'deployment id')
  const at = (percent: number): CanaryState => ({baseDeploymentId: state.baseDeploymentId, canary: {deploymentId: canaryId, percentTraffic: percent, stageVariableOverrides: state.canary?.stageVariableOverrides ?? {}, useStageCache: state.canary?.useStageCache ?? false}})
  let percent = start ? settings.steps[0] : (state.canary?.percentTraffic ?? 0)
  const steps = [...(start?.steps ?? [])]
  for (const next of settings.steps) {
    steps.push(...setChange(stage, at(percent), {percent: next, overrides: {}, unsetOverrides: []}).steps)
    percent = next
  }
  if (settings.promote) steps.push(...promoteChange(stage, at(percent), {keepCanary: false, record: null}).steps)
  const gates = [
    settings.gates.max5xxRate !== null && `5XX ≤ ${settings.gates.max5xxRate * 100}%`,
    settings.gates.max4xxRate !== null && `4XX ≤ ${settings.gates.max4xxRate * 100}%`,
    settings.gates.maxP99Ms !== null && `p99 ≤ ${settings.gates.maxP99Ms} ms`,
    settings.gates.maxLatencyIncrease !== null && `p99 ≤ base p99 + ${settings.gates.maxLatencyIncrease * 100}%`,
  ].filter(Boolean)
  const end = settings.promote ? 'then promote it (and record the promotion in its description)' : 'then leave it at the last step (--no-promote)'
  return describeChange({
    summary:
      `take the canary of ${stage.where} through ${settings.steps.map((p) => `${p}%`).join(', ')}, baking ${formatDuration(settings.bakeMs)} at each ` +
      `with ${gates.join(', ') || 'no gates'} judged every ${formatDuration(settings.intervalMs)}, ${end}; ` +
      `after more than ${settings.failureLimit} failed evaluations, or after ${formatDuration(settings.timeoutMs)}: ${settings.onFail}`,
    severity: 'destructive',
    steps,
  })
}

/**
 * The session's retry budget is renewed before every call of the rollout, so a call throttled an
 * hour in gets the whole --retry-budget too, not what is left of the first minute's.
 */
function renewingBudget<T extends CanaryActuator | CanaryMetricsSource>(session: AwsSession, target: T): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      const value = Reflect.get(object, property, receiver)
      if (typeof value !== 'function') return value
      return (...args: unknown[]) => {
        session.renewRetryBudget()
        return value.apply(object, args)
      }
    },
  })
}
