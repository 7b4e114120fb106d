import type {CanaryActuator, CanaryState} from '../../packages/cli/src/lib/canary/actuator.js'
import {shownMinutes, type CanaryMetricsSource, type WindowMetrics} from '../../packages/cli/src/lib/metrics/canary-base.js'
import {countedFigures, emptyFigures, type Figures} from '../../packages/cli/src/lib/metrics/figures.js'
import {stageChanged, stateMatches, type StateCheck} from '../../packages/cli/src/lib/canary/state.js'

/** A stage in memory that checks `expected` as the real actuator does, and records what was done to it. */
export function fakeActuator(initial: CanaryState): CanaryActuator & {state: CanaryState; calls: string[]} {
  const fake = {
    state: initial,
    calls: [] as string[],
    async read() {
      return structuredClone(fake.state)
    },
    async setPercent(percent: number, expected: CanaryState) {
      return change(`set ${percent}`, expected, 'exactly', (canary) => ({...fake.state, canary: {...canary, percentTraffic: percent}}))
    },
    async promote(expected: CanaryState) {
      return change('promote', expected, 'exactly', (canary) => ({baseDeploymentId: canary.deploymentId, canary: null}))
    },
    async abort(expected: CanaryState) {
      return change('abort', expected, 'same canary', () => ({...fake.state, canary: null}))
    },
    async pause(expected: CanaryState) {
      return change('pause', expected, 'same canary', (canary) => ({...fake.state, canary: {...canary, percentTraffic: 0}}))
    },
  }
  const change = (call: string, expected: CanaryState, check: StateCheck, next: (canary: NonNullable<CanaryState['canary']>) => CanaryState) => {
    if (!stateMatches(expected, fake.state, check)) throw stageChanged('Stage "prod"', expected, fake.state, 'apigw canary status')
    fake.calls.push(call)
    fake.state = next(fake.state.canary!)
    return structuredClone(fake.state)
  }
  return fake
}

export const withCanary = (percent = 0): CanaryState => ({
  baseDeploymentId: 'base1',
  canary: {deploymentId: 'new1', percentTraffic: percent, stageVariableOverrides: {}, useStageCache: false},
})

/** What one side did, in a few numbers (latency percentiles from p99). */
export function side(requests: number, options: {rate5xx?: number; rate4xx?: number; p99?: number} = {}): Figures {
  const p99 = options.p99 ?? 300
  return countedFigures({
    requests,
    errors4xx: Math.round(requests * (options.rate4xx ?? 0)),
    errors5xx: Math.round(requests * (options.rate5xx ?? 0)),
    latencyMs: {p50: p99 / 8, p90: p99 / 2, p99},
    integrationLatencyMs: p99 / 10,
  })
}

export function windowOf(window: {start: number; end: number}, canary: Figures | null, base: Figures | null = side(5000)): WindowMetrics {
  return {
    window: shownMinutes(window.start, window.end),
    series: {stage: 'prod', canary: canary ? 'prod/Canary' : null},
    canary: canary ?? emptyFigures('CloudWatch has no canary series'),
    base: base ?? emptyFigures('No requests'),
  }
}

/** Metrics that depend on the time and the stage: `look` decides each window, and every read is counted. */
export function fakeMetrics(look: (window: {start: number; end: number}, read: number) => WindowMetrics | Error): CanaryMetricsSource & {reads: number; countingFrom?: number} {
  const source = {
    reads: 0,
    countingFrom: undefined as number | undefined,
    async countFrom(at: number) {
      source.countingFrom = at
    },
    async read(window: {start: number; end: number}) {
      const answer = look(window, ++source.reads)
      if (answer instanceof Error) throw answer
      return answer
    },
  }
  return source
}
