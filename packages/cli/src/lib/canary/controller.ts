import {ApigwError, ExitCode, type ExitCodeValue} from '../errors.js'
import type {Clock} from '../util/clock.js'
import {formatDuration} from '../util/duration.js'
import type {CanaryActuator, CanaryState} from './actuator.js'
import {type CanaryMetricsSource, emptyFigures, type Figures, type GateResult, judge, type Outcome, shownMinutes, type WindowMetrics} from '../metrics/index.js'
import type {FailAction, RolloutSettings} from './rollout-settings.js'
import {stageChanged, stateMatches, stateText} from './state.js'

/** What the operator chose on Ctrl-C. */
export type InterruptAction = FailAction | 'leave'

export interface ControllerDeps {
  /** For messages: 'Stage "prod" of REST API "shop" (a1b2c3d4e5)', and the command that shows it. */
  stage: {where: string; statusCommand: string}
  clock: Clock
  actuator: CanaryActuator
  metrics: CanaryMetricsSource
  /** Every event, as it happens. */
  emit(event: RolloutEvent): void
  /** Resolves when the operator presses Ctrl-C. */
  interrupted?: Promise<void>
  /** Asked after Ctrl-C (a prompt on a TTY); pause when absent. */
  onInterrupt?(): Promise<InterruptAction>
  /** Renews the run's hold on the stage (run-lease.ts) before every change and evaluation; throws when another run took it. */
  renew?(): Promise<void>
}

interface EventBase {
  /** ISO 8601. */
  at: string
}

/** Where the rollout is. */
interface StepPosition {
  /** 1-based. */
  step: number
  steps: number
  percent: number
}

export type RolloutEvent = EventBase &
  (
    | {event: 'started'; canaryDeploymentId: string; baseDeploymentId: string; steps: number[]; bakeSeconds: number; timeoutAt: string}
    | ({event: 'step-started'; bakeUntil: string} & StepPosition)
    | ({event: 'evaluation'; outcome: Outcome; reason: string | null; failures: number; window: WindowMetrics['window']; canary: Figures; base: Figures; gates: GateResult[]} & StepPosition)
    | ({event: 'gate-failed'; failures: number; failureLimit: number; gates: GateResult[]} & StepPosition)
    | RolloutEnd
  )

/**
 * How a rollout ended; the last event. `state` is the stage as the rollout left it (null when it
 * could not be read). Exit codes: promoted/completed 0, aborted/paused by a gate 1, stage-changed 5,
 * timed-out 7, interrupted 130; failed: the error's own.
 */
export type RolloutEnd = EventBase & {
  event: 'promoted' | 'completed' | 'aborted' | 'paused' | 'timed-out' | 'interrupted' | 'stage-changed' | 'failed'
  message: string
  exitCode: ExitCodeValue
  /** What was done to the canary at the end. */
  action: 'promote' | 'abort' | 'pause' | 'none'
  /** The gates that failed, for aborted/paused after failed evaluations. */
  failedGates?: GateResult[]
  error?: {code: string; message: string; suggestions: string[]}
  state: CanaryState | null
  position: StepPosition | null
}

/** A rollout's end as the controller decides it; the stage's state and the position are added when it is reported. */
type Ending = Omit<RolloutEnd, 'at' | 'state' | 'position'> & {state?: CanaryState | null}

class Stop {
  constructor(readonly end: Ending) {}
}

/**
 * Takes a canary through `settings.steps`: for each, sets the percentage, then every interval checks
 * the stage is as it was left, reads the metrics (one GetMetricData) and judges them. A step ends
 * when its bake time is over and the latest evaluation passed; a failed or inconclusive one keeps
 * the step going. More than failure-limit failed evaluations (over the whole rollout): --on-fail.
 * Metrics that cannot be read for a moment (throttled, unavailable, after the session's retries)
 * make an evaluation inconclusive; nothing advances on them. Everything in it is injected.
 */
export async function runRollout(settings: RolloutSettings, deps: ControllerDeps): Promise<RolloutEnd> {
  const {clock, actuator} = deps
  const started = clock.now()
  const deadline = started + settings.timeoutMs
  const at = () => new Date(clock.now()).toISOString()
  let wasInterrupted = false
  const interruption = deps.interrupted?.then(() => (wasInterrupted = true))
  let expected = await actuator.read()
  let position: StepPosition | null = null
  let failures = 0

  const finish = (end: Ending): RolloutEnd => {
    const event: RolloutEnd = {at: at(), ...end, state: end.state === undefined ? expected : end.state, position}
    deps.emit(event)
    return event
  }

  /** Sleeps until `until` or Ctrl-C, whichever comes first. */
  const waitUntil = async (until: number) => {
    const ms = Math.max(0, until - clock.now())
    if (ms > 0 && !wasInterrupted) await Promise.race([clock.sleep(ms), ...(interruption ? [interruption] : [])])
    if (wasInterrupted) throw await interrupted()
  }

  const interrupted = async (): Promise<Stop> => {
    const action = (await deps.onInterrupt?.()) ?? 'pause'
    if (action !== 'leave') expected = await act(action)
    const left = action === 'leave' ? `left at ${expected.canary?.percentTraffic ?? 0}%` : action === 'abort' ? 'aborted: all traffic is on the base deployment' : 'paused at 0%'
    return new Stop({event: 'interrupted', action: action === 'leave' ? 'none' : action, exitCode: ExitCode.interrupted, message: `Interrupted; the canary is ${left}.`})
  }

  const act = (action: FailAction) => (action === 'abort' ? actuator.abort(expected) : actuator.pause(expected))

  /** Requests from before the rollout (say, a previous canary's in the same minute) are not this canary's. */
  const countFromNow = async () => {
    try {
      await deps.metrics.countFrom(clock.now())
    } catch (error) {
      // Without it, the minute the rollout began in counts whole: worse, not wrong enough to stop.
      if (!(error instanceof ApigwError) || error.exitCode !== ExitCode.unavailable) throw error
    }
  }

  /** One look at the metrics since the step began (at most the window); metrics that cannot be read for now make it inconclusive. */
  const evaluate = async (stepStart: number) => {
    await deps.renew?.()
    const current = await actuator.read()
    if (!stateMatches(expected, current, 'exactly')) throw stageChanged(deps.stage.where, expected, current, deps.stage.statusCommand)
    const window = {start: Math.max(stepStart, clock.now() - settings.windowMs), end: clock.now()}
    try {
      const metrics = await deps.metrics.read(window)
      return {...judge(metrics, settings.gates, settings.minRequests), metrics}
    } catch (error) {
      if (!(error instanceof ApigwError) || error.exitCode !== ExitCode.unavailable) throw error
      const reason = `CloudWatch could not be read: ${error.message}`
      const metrics = {window: shownMinutes(window.start, window.end), series: {stage: null, canary: null}, canary: emptyFigures(reason), base: emptyFigures(reason)}
      return {outcome: 'inconclusive' as const, reason, gates: [], metrics}
    }
  }

  try {
    await countFromNow()
    deps.emit({
      at: at(),
      event: 'started',
      canaryDeploymentId: expected.canary?.deploymentId ?? '',
      baseDeploymentId: expected.baseDeploymentId,
      steps: settings.steps,
      bakeSeconds: settings.bakeMs / 1000,
      timeoutAt: new Date(deadline).toISOString(),
    })
    for (const [index, percent] of settings.steps.entries()) {
      if (wasInterrupted) throw await interrupted()
      position = {step: index + 1, steps: settings.steps.length, percent}
      await deps.renew?.()
      expected = await actuator.setPercent(percent, expected)
      const stepStart = clock.now()
      const bakeEnd = stepStart + settings.bakeMs
      deps.emit({at: at(), event: 'step-started', ...position, bakeUntil: new Date(bakeEnd).toISOString()})
      for (;;) {
        const now = clock.now()
        await waitUntil(Math.min(deadline, now < bakeEnd ? Math.min(bakeEnd, now + settings.intervalMs) : now + settings.intervalMs))
        const verdict = await evaluate(stepStart)
        if (verdict.outcome === 'failed') failures++
        const {window, canary, base} = verdict.metrics
        deps.emit({at: at(), event: 'evaluation', ...position, outcome: verdict.outcome, reason: verdict.reason, failures, window, canary, base, gates: verdict.gates})
        if (verdict.outcome === 'failed') {
          const failed = verdict.gates.filter((gate) => gate.status === 'fail')
          deps.emit({at: at(), event: 'gate-failed', ...position, failures, failureLimit: settings.failureLimit, gates: failed})
          if (failures > settings.failureLimit) {
            expected = await act(settings.onFail)
            const where = `at step ${position.step} (${percent}%)`
            return finish({
              event: settings.onFail === 'abort' ? 'aborted' : 'paused',
              action: settings.onFail,
              exitCode: ExitCode.negative,
              failedGates: failed,
              message: `${settings.onFail === 'abort' ? 'Aborted' : 'Paused'} ${where} after ${failures} failed evaluations (limit ${settings.failureLimit}): ${failed.map((g) => g.detail).join('; ')}.`,
            })
          }
        }
        if (verdict.outcome === 'passed' && clock.now() >= bakeEnd) break
        if (clock.now() >= deadline) {
          expected = await act(settings.onFail)
          const why = verdict.outcome === 'inconclusive' ? `still inconclusive (${verdict.reason})` : `the latest evaluation ${verdict.outcome}`
          return finish({
            event: 'timed-out',
            action: settings.onFail,
            exitCode: ExitCode.timeout,
            message: `Timed out after ${formatDuration(settings.timeoutMs)} at step ${position.step} (${percent}%), ${why}; the canary was ${settings.onFail === 'abort' ? 'aborted' : 'paused'}.`,
          })
        }
      }
    }
    if (wasInterrupted) throw await interrupted()
    if (!settings.promote) {
      return finish({event: 'completed', action: 'none', exitCode: ExitCode.ok, message: `Every step passed; the canary stays at ${position?.percent}% (--no-promote).`})
    }
    await deps.renew?.()
    expected = await actuator.promote(expected)
    return finish({event: 'promoted', action: 'promote', exitCode: ExitCode.ok, message: `Every step passed; deployment ${expected.baseDeploymentId} is promoted and serves all traffic.`})
  } catch (error) {
    if (error instanceof Stop) return finish(error.end)
    if (error instanceof ApigwError && error.code === 'STAGE_CHANGED') {
      const found = await actuator.read().catch(() => null)
      return finish({event: 'stage-changed', action: 'none', exitCode: ExitCode.conflict, message: `${error.message} The rollout stopped and left the stage as it found it.`, state: found})
    }
    if (!(error instanceof ApigwError)) throw error
    // The failed call may have taken effect (a promotion half done, an answer lost): say what AWS holds now, not what was last written.
    const found = await actuator.read().catch(() => null)
    const now = found ? `the stage now has ${stateText(found)}` : 'the stage could not be read again'
    return finish({
      event: 'failed',
      action: 'none',
      exitCode: error.exitCode,
      error: {code: error.code, message: error.message, suggestions: error.suggestions},
      message: `The rollout stopped${position ? ` at step ${position.step} (${position.percent}%)` : ''}: ${error.message} As read after the failure, ${now}.`,
      state: found,
    })
  }
}
