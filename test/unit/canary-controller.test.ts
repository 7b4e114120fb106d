import {describe, expect, it} from 'vitest'
import {runRollout, type ControllerDeps, type RolloutEvent} from '../../packages/cli/src/lib/canary/controller.js'
import type {RolloutSettings} from '../../packages/cli/src/lib/canary/rollout-settings.js'
import {ApigwError, ExitCode} from '../../packages/cli/src/lib/errors.js'
import {fakeActuator, fakeMetrics, side, windowOf, withCanary} from './canary-fakes.js'
import {fakeClock} from './fake-clock.js'

const MINUTE = 60_000

const settings = (overrides: Partial<RolloutSettings> = {}): RolloutSettings => ({
  steps: [5, 25, 100],
  bakeMs: 5 * MINUTE,
  intervalMs: MINUTE,
  windowMs: 5 * MINUTE,
  gates: {max5xxRate: 0.01, max4xxRate: 0.05, maxP99Ms: 800, maxLatencyIncrease: 0.2},
  minRequests: 200,
  failureLimit: 2,
  onFail: 'abort',
  promote: true,
  timeoutMs: 2 * 60 * MINUTE,
  ...overrides,
})

const healthy = fakeMetrics((window) => windowOf(window, side(1000, {rate5xx: 0.002}), side(9000, {rate5xx: 0.002})))

function rollout(metrics: ControllerDeps['metrics'], options: {settings?: Partial<RolloutSettings>; deps?: Partial<ControllerDeps>} = {}) {
  const clock = fakeClock()
  const actuator = fakeActuator(withCanary())
  const events: RolloutEvent[] = []
  const deps: ControllerDeps = {stage: {where: 'Stage "prod"', statusCommand: 'apigw canary status'}, clock, actuator, metrics, emit: (event) => events.push(event), ...options.deps}
  const run = runRollout(settings(options.settings), deps)
  return {run, clock, actuator, events, names: () => events.map((e) => e.event)}
}

describe('canary controller', () => {
  it('takes a healthy canary through every step, baking each, and promotes it', async () => {
    const {run, actuator, events, clock} = rollout(healthy)
    const end = await run
    expect(end).toMatchObject({event: 'promoted', exitCode: 0, action: 'promote', state: {baseDeploymentId: 'new1', canary: null}})
    expect(actuator.calls).toEqual(['set 5', 'set 25', 'set 100', 'promote'])
    // Five evaluations a step (one a minute over a 5-minute bake), nothing more.
    expect(events.filter((e) => e.event === 'evaluation')).toHaveLength(15)
    expect(clock.now()).toBe(15 * MINUTE)
    expect(events.filter((e) => e.event === 'step-started').map((e) => (e as {percent: number}).percent)).toEqual([5, 25, 100])
    expect(events.at(-1)).toBe(end)
    expect(healthy.countingFrom).toBe(0)
  })

  it('aborts a bad canary at the first step after more than --failure-limit failed evaluations, naming the gate and its numbers', async () => {
    const bad = fakeMetrics((window) => windowOf(window, side(1000, {rate5xx: 0.2}), side(19000, {rate5xx: 0.002})))
    const {run, actuator, names} = rollout(bad)
    const end = await run
    expect(end).toMatchObject({event: 'aborted', exitCode: ExitCode.negative, action: 'abort', position: {step: 1, percent: 5}, state: {baseDeploymentId: 'base1', canary: null}})
    expect(end.failedGates).toEqual([expect.objectContaining({gate: '5xx-rate', status: 'fail', canary: 0.2, limit: 0.01})])
    expect(end.message).toMatch(/Aborted at step 1 \(5%\) after 3 failed evaluations \(limit 2\): 5xx-rate: canary 5XX rate 20% \(200 of 1000\) > 1% allowed/)
    expect(actuator.calls).toEqual(['set 5', 'abort'])
    expect(names()).toEqual(['started', 'step-started', 'evaluation', 'gate-failed', 'evaluation', 'gate-failed', 'evaluation', 'gate-failed', 'aborted'])
  })

  it('--on-fail pause keeps the canary at 0%', async () => {
    const bad = fakeMetrics((window) => windowOf(window, side(1000, {p99: 2000})))
    const {run, actuator} = rollout(bad, {settings: {onFail: 'pause', failureLimit: 0}})
    const end = await run
    expect(end).toMatchObject({event: 'paused', exitCode: 1, state: {canary: {deploymentId: 'new1', percentTraffic: 0}}})
    expect(end.failedGates?.map((g) => g.gate)).toEqual(['p99', 'latency-increase'])
    expect(actuator.calls).toEqual(['set 5', 'pause'])
  })

  it('flapping metrics: failures add up over the rollout, and a step never ends on a failed evaluation', async () => {
    // Every third evaluation fails; the fifth (the end of step 1's bake) is a pass, the sixth fails.
    const flapping = fakeMetrics((window, read) => windowOf(window, side(1000, {rate5xx: read % 3 === 0 ? 0.05 : 0})))
    const {run, events} = rollout(flapping)
    const end = await run
    expect(end).toMatchObject({event: 'aborted', exitCode: 1})
    const outcomes = events.filter((e) => e.event === 'evaluation').map((e) => [(e as {step: number}).step, (e as {outcome: string}).outcome])
    expect(outcomes).toEqual([
      [1, 'passed'], [1, 'passed'], [1, 'failed'], [1, 'passed'], [1, 'passed'],
      [2, 'failed'], [2, 'passed'], [2, 'passed'], [2, 'failed'],
    ])
    const stopped = fakeMetrics((window, read) => windowOf(window, side(1000, {rate5xx: read === 5 ? 0.05 : 0})))
    const held = rollout(stopped, {settings: {steps: [5]}})
    await held.run
    // Step 1's bake ended on a failed evaluation: one more look, which passed, before moving on.
    expect(held.events.filter((e) => e.event === 'evaluation')).toHaveLength(6)
    expect(held.actuator.calls).toEqual(['set 5', 'promote'])
  })

  it('missing datapoints are inconclusive, not a pass: the step waits for enough canary requests', async () => {
    const late = fakeMetrics((window, read) => windowOf(window, read <= 7 ? null : side(read === 8 ? 120 : 1000)))
    const {run, events} = rollout(late, {settings: {steps: [10]}})
    const end = await run
    expect(end.event).toBe('promoted')
    const evaluations = events.filter((e) => e.event === 'evaluation') as Array<Extract<RolloutEvent, {event: 'evaluation'}>>
    expect(evaluations.map((e) => e.outcome)).toEqual([...Array(8).fill('inconclusive'), 'passed'])
    expect(evaluations[0].reason).toMatch(/no canary series/)
    expect(evaluations[0].canary.requests).toBeNull()
    expect(evaluations[7].reason).toBe('120 canary requests in the window; at least 200 are needed to judge.')
    expect(evaluations.every((e) => e.failures === 0)).toBe(true)
  })

  it('a few canary requests already over a rate limit fail at once', async () => {
    const broken = fakeMetrics((window) => windowOf(window, side(20, {rate5xx: 0.5})))
    const {run} = rollout(broken, {settings: {failureLimit: 0}})
    expect(await run).toMatchObject({event: 'aborted', failedGates: [expect.objectContaining({gate: '5xx-rate', canary: 0.5})]})
  })

  it('a throttled GetMetricData (after the session gave up) makes that evaluation inconclusive; the rollout goes on', async () => {
    const throttledOnce = fakeMetrics((window, read) =>
      read === 2
        ? new ApigwError('GetMetricData failed after 6 attempts: Rate exceeded', {code: 'THROTTLED', exitCode: ExitCode.unavailable})
        : windowOf(window, side(1000)),
    )
    const {run, events} = rollout(throttledOnce, {settings: {steps: [50]}})
    expect(await run).toMatchObject({event: 'promoted'})
    const second = events.filter((e) => e.event === 'evaluation')[1] as Extract<RolloutEvent, {event: 'evaluation'}>
    expect(second).toMatchObject({outcome: 'inconclusive', failures: 0, gates: [], canary: {requests: null}})
    expect(second.reason).toMatch(/^CloudWatch could not be read: GetMetricData failed after 6 attempts: Rate exceeded/)
  })

  it('other metrics errors stop the rollout with their own exit code, leaving the canary where it was, reported', async () => {
    const denied = fakeMetrics(() => new ApigwError('GetMetricData failed: not authorized', {code: 'ACCESS_DENIED', exitCode: ExitCode.config}))
    const {run, actuator} = rollout(denied)
    const end = await run
    expect(end).toMatchObject({event: 'failed', exitCode: ExitCode.config, error: {code: 'ACCESS_DENIED'}, state: {canary: {percentTraffic: 5}}})
    expect(end.message).toMatch(/^The rollout stopped at step 1 \(5%\): GetMetricData failed: not authorized As read after the failure, the stage now has deployment \w+, canary \w+ at 5%\.$/)
    expect(actuator.calls).toEqual(['set 5'])
  })

  it('a stage changed by someone else mid-rollout: exit 5, the stage left as found, and said', async () => {
    let actuator: ReturnType<typeof fakeActuator>
    const meddled = fakeMetrics((window, read) => {
      // Someone else sets the canary to 50% during step 2.
      if (read === 7) actuator.state = {...actuator.state, canary: {...actuator.state.canary!, percentTraffic: 50}}
      return windowOf(window, side(1000))
    })
    const started = rollout(meddled)
    actuator = started.actuator
    const end = await started.run
    expect(end).toMatchObject({event: 'stage-changed', exitCode: ExitCode.conflict, action: 'none', state: {canary: {percentTraffic: 50}}, position: {step: 2}})
    expect(end.message).toMatch(/changed after apigw read it: it was deployment base1, canary new1 at 25%; it is now deployment base1, canary new1 at 50%\..*left the stage as it found it/)
    expect(actuator.calls).toEqual(['set 5', 'set 25'])
  })

  it('a STAGE_CHANGED from the actuator itself is reported the same way', async () => {
    const {run, actuator} = rollout(healthy, {settings: {steps: [5]}})
    actuator.state = {baseDeploymentId: 'other', canary: null}
    expect(await run).toMatchObject({event: 'stage-changed', exitCode: 5, state: {baseDeploymentId: 'other', canary: null}})
  })

  it('times out (exit 7) when the canary never gets enough requests, acting as --on-fail', async () => {
    const quiet = fakeMetrics((window) => windowOf(window, side(50)))
    const {run, clock, actuator} = rollout(quiet, {settings: {timeoutMs: 30 * MINUTE, onFail: 'pause'}})
    const end = await run
    expect(end).toMatchObject({event: 'timed-out', exitCode: ExitCode.timeout, action: 'pause', state: {canary: {percentTraffic: 0}}})
    expect(end.message).toMatch(/^Timed out after 30m at step 1 \(5%\), still inconclusive \(50 canary requests in the window/)
    expect(clock.now()).toBe(30 * MINUTE)
    expect(actuator.calls).toEqual(['set 5', 'pause'])
  })

  it('looks at the step so far, at most --window back', async () => {
    const windows: Array<{start: number; end: number}> = []
    const recording = fakeMetrics((window) => {
      windows.push(window)
      return windowOf(window, side(1000))
    })
    await rollout(recording, {settings: {steps: [5, 10], bakeMs: 3 * MINUTE, windowMs: 2 * MINUTE}}).run
    expect(windows.map((w) => [w.start / MINUTE, w.end / MINUTE])).toEqual([[0, 1], [0, 2], [1, 3], [3, 4], [3, 5], [4, 6]])
  })

  it('Ctrl-C: does what the operator chose and exits 130; pauses when no one can be asked', async () => {
    /** Ctrl-C pressed during the second evaluation. */
    const pressed = () => {
      let interrupt!: () => void
      const interrupted = new Promise<void>((resolve) => (interrupt = resolve))
      const metrics = fakeMetrics((window, read) => {
        if (read === 2) interrupt()
        return windowOf(window, side(1000))
      })
      return {metrics, interrupted}
    }
    const abortChosen = pressed()
    const asked = rollout(abortChosen.metrics, {deps: {interrupted: abortChosen.interrupted, onInterrupt: async () => 'abort'}})
    expect(await asked.run).toMatchObject({event: 'interrupted', exitCode: 130, action: 'abort', state: {canary: null}})
    expect(asked.actuator.calls).toEqual(['set 5', 'abort'])

    const noOneToAsk = pressed()
    const ci = rollout(noOneToAsk.metrics, {deps: {interrupted: noOneToAsk.interrupted}})
    const end = await ci.run
    expect(end).toMatchObject({event: 'interrupted', exitCode: 130, action: 'pause', state: {canary: {percentTraffic: 0}}})
    expect(end.message).toBe('Interrupted; the canary is paused at 0%.')
    expect(ci.clock.now()).toBe(2 * MINUTE)

    const leaveChosen = pressed()
    const left = rollout(leaveChosen.metrics, {deps: {interrupted: leaveChosen.interrupted, onInterrupt: async () => 'leave'}})
    expect(await left.run).toMatchObject({event: 'interrupted', action: 'none', message: 'Interrupted; the canary is left at 5%.'})
    expect(left.actuator.calls).toEqual(['set 5'])
  })

  it('--no-promote leaves the canary at the last step', async () => {
    const {run, actuator} = rollout(healthy, {settings: {promote: false, steps: [5, 50]}})
    expect(await run).toMatchObject({event: 'completed', exitCode: 0, action: 'none', state: {canary: {percentTraffic: 50}}})
    expect(actuator.calls).toEqual(['set 5', 'set 50'])
  })
})
