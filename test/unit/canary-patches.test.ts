import {describe, expect, it} from 'vitest'
import type {CanaryState} from '../../packages/cli/src/lib/canary/actuator.js'
import {canaryOnDeploymentOps, overrideOps, percentOps, percentValue, promotionOps, removeCanaryOps, useStageCacheOps} from '../../packages/cli/src/lib/canary/patches.js'
import {setChange, type CanaryStage} from '../../packages/cli/src/lib/canary/changes.js'
import {parseOverrides, parsePercentFlag} from '../../packages/cli/src/lib/canary/request.js'
import {stateMatches, stateText} from '../../packages/cli/src/lib/canary/state.js'
import type {AwsSession} from '../../packages/cli/src/lib/aws/session.js'

describe('canary patch operations (docs/aws-behaviour.md#canary-releases)', () => {
  it('write percentages as AWS reads them back: "25.0", "12.5", "0.0"', () => {
    expect([25, 12.5, 0, 100].map(percentValue)).toEqual(['25.0', '12.5', '0.0', '100.0'])
    expect(percentOps(25)).toEqual([{op: 'replace', path: '/canarySettings/percentTraffic', value: '25.0'}])
  })

  it('override and drop variables one by one, and switch the stage cache', () => {
    expect(overrideOps({color: 'blue'}, ['legacy'])).toEqual([
      {op: 'replace', path: '/canarySettings/stageVariableOverrides/color', value: 'blue'},
      {op: 'remove', path: '/canarySettings/stageVariableOverrides/legacy'},
    ])
    expect(useStageCacheOps(false)).toEqual([{op: 'replace', path: '/canarySettings/useStageCache', value: 'false'}])
    expect(removeCanaryOps()).toEqual([{op: 'remove', path: '/canarySettings'}])
  })

  it('start a canary on a deployment: deploymentId first (it creates the canary), then the share; replacing removes the old one first', () => {
    const ops = canaryOnDeploymentOps({deploymentId: 'd2', percent: 10, overrides: {color: 'blue'}, useStageCache: false, replacing: false})
    expect(ops).toEqual([
      {op: 'replace', path: '/canarySettings/deploymentId', value: 'd2'},
      {op: 'replace', path: '/canarySettings/percentTraffic', value: '10.0'},
      {op: 'replace', path: '/canarySettings/stageVariableOverrides/color', value: 'blue'},
    ])
    const replacing = canaryOnDeploymentOps({deploymentId: 'd2', percent: 10, overrides: {}, useStageCache: true, replacing: true})
    expect(replacing[0]).toEqual({op: 'remove', path: '/canarySettings'})
    expect(replacing.at(-1)).toEqual({op: 'replace', path: '/canarySettings/useStageCache', value: 'true'})
  })

  it('promote with the three operations in the recorded order; without overrides, no copy of them', () => {
    expect(promotionOps(true)).toEqual([
      {op: 'replace', path: '/canarySettings/percentTraffic', value: '0.0'},
      {op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId'},
      {op: 'copy', from: '/canarySettings/stageVariableOverrides', path: '/variables'},
    ])
    expect(promotionOps(false)).toEqual(promotionOps(true).slice(0, 2))
  })
})

const state = (percentTraffic: number, overrides: Record<string, string> = {}, deploymentId = 'd2'): CanaryState => ({
  baseDeploymentId: 'd1',
  canary: {deploymentId, percentTraffic, stageVariableOverrides: overrides, useStageCache: false},
})

describe('canary state checks', () => {
  it('"exactly" needs every setting as expected; "same canary" only the same deployments', () => {
    expect(stateMatches(state(10, {a: '1', b: '2'}), state(10, {b: '2', a: '1'}), 'exactly')).toBe(true)
    expect(stateMatches(state(10), state(20), 'exactly')).toBe(false)
    expect(stateMatches(state(10, {a: '1'}), state(10), 'exactly')).toBe(false)
    expect(stateMatches(state(10), state(20), 'same canary')).toBe(true)
    expect(stateMatches(state(10), state(10, {}, 'd3'), 'same canary')).toBe(false)
    expect(stateMatches(state(10), {baseDeploymentId: 'd1', canary: null}, 'same canary')).toBe(false)
    expect(stateMatches({baseDeploymentId: 'd1', canary: null}, {baseDeploymentId: 'd9', canary: null}, 'same canary')).toBe(false)
  })

  it('say a state in one line', () => {
    expect(stateText(state(12.5, {color: 'blue'}))).toBe('deployment d1, canary d2 at 12.5% (overrides: color=blue)')
    expect(stateText({baseDeploymentId: 'd1', canary: null})).toBe('deployment d1, no canary')
  })
})

describe('canary flags', () => {
  it('take a percentage from 0 to 100, with or without "%"', () => {
    expect(['0', '25', '12.5', '100', '30%'].map((text) => parsePercentFlag(text))).toEqual([0, 25, 12.5, 100, 30])
    for (const text of ['101', '-1', 'abc', '', '1e2', '50.5.5']) expect(() => parsePercentFlag(text), text).toThrow(/--percent must be a number from 0 to 100/)
  })

  it('refuse an override that is both set and unset', () => {
    expect(parseOverrides(['color=blue'], ['legacy', 'legacy'])).toEqual({overrides: {color: 'blue'}, unsetOverrides: ['legacy']})
    expect(() => parseOverrides(['color=blue'], ['color'])).toThrow('both set (--var) and unset (--unset-var)')
  })
})

describe('canary set plans', () => {
  const stage: CanaryStage = {session: {} as AwsSession, apiId: 'a1', stageName: 'prod', where: 'stage "prod"'}
  const ops = (plan: ReturnType<typeof setChange>) => plan.steps.flatMap((step) => step.input.patchOperations as unknown[])

  it('send only what differs, and nothing at all when nothing does', () => {
    const plan = setChange(stage, state(10, {color: 'blue'}), {percent: 10, overrides: {color: 'blue', mode: 'fast'}, unsetOverrides: ['absent'], useStageCache: false})
    expect(ops(plan)).toEqual([{op: 'replace', path: '/canarySettings/stageVariableOverrides/mode', value: 'fast'}])
    expect(setChange(stage, state(10), {percent: 10, overrides: {}, unsetOverrides: []}).steps).toEqual([])
  })

  it('are destructive only when they raise the share', () => {
    expect(setChange(stage, state(10), {percent: 25, overrides: {}, unsetOverrides: []}).severity).toBe('destructive')
    expect(setChange(stage, state(10), {percent: 5, overrides: {}, unsetOverrides: []}).severity).toBe('safe')
    expect(setChange(stage, state(10), {overrides: {color: 'red'}, unsetOverrides: [], useStageCache: true}).severity).toBe('safe')
  })
})
