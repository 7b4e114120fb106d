import {describe, expect, it} from 'vitest'
import type {ReleaseAdapter} from '../../packages/cli/src/lib/releases/adapter.js'
import {waitUntilServed} from '../../packages/cli/src/lib/releases/wait.js'
import {fakeClock} from './fake-clock.js'

/** An adapter whose stage starts serving the deployment after `checks` looks. */
function stageServingAfter(checks: number) {
  let looks = 0
  return {serves: async () => ++looks > checks, looks: () => looks} as unknown as ReleaseAdapter & {looks(): number}
}

describe('waiting for a stage to serve a deployment', () => {
  it('returns at once when it already does', async () => {
    const clock = fakeClock()
    const progress: string[] = []
    await waitUntilServed(stageServingAfter(0), {stage: 'prod', deploymentId: 'abc', timeoutMs: 10_000, clock, onProgress: (line) => progress.push(line)})
    expect(clock.slept).toEqual([])
    expect(progress).toEqual(['Stage "prod" serves deployment abc (after 0 s).'])
  })

  it('polls every 2 s until it does', async () => {
    const clock = fakeClock()
    const progress: string[] = []
    await waitUntilServed(stageServingAfter(3), {stage: 'prod', deploymentId: 'abc', timeoutMs: 60_000, clock, onProgress: (line) => progress.push(line)})
    expect(clock.slept).toEqual([2000, 2000, 2000])
    expect(progress).toEqual(['Waiting for stage "prod" to serve deployment abc…', 'Stage "prod" serves deployment abc (after 6 s).'])
  })

  it('times out with exit 7, having looked one last time at the deadline', async () => {
    const clock = fakeClock()
    const adapter = stageServingAfter(Number.POSITIVE_INFINITY)
    await expect(waitUntilServed(adapter, {stage: 'prod', deploymentId: 'abc', timeoutMs: 5000, clock})).rejects.toMatchObject({code: 'TIMED_OUT', exitCode: 7})
    expect(clock.slept).toEqual([2000, 2000, 1000])
    expect(adapter.looks()).toBe(4)
  })
})
