import {describe, expect, it} from 'vitest'
import {mixedQuantile, shareAtOrBelow, type Sketch} from '../../packages/cli/src/lib/metrics/distribution.js'
import {judge} from '../../packages/cli/src/lib/metrics/gates.js'
import {findSeries, minuteWindow} from '../../packages/cli/src/lib/metrics/canary-base.js'
import {side, windowOf} from './canary-fakes.js'

const MINUTE = 60_000
/** A uniform distribution of latencies from `low` to `high`, as CloudWatch's percentiles would sketch it. */
const uniform = (requests: number, low: number, high: number): Sketch => ({
  requests,
  knots: [0, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.98, 0.99, 0.995, 0.999, 1].map((share) => [low + share * (high - low), share]),
})

describe('latency distributions from per-minute percentiles', () => {
  it('gives back a sketch\'s own percentiles, and shares between them', () => {
    const minute = uniform(100, 100, 200)
    expect(mixedQuantile([{weight: 1, sketch: minute}], 0.99)).toBeCloseTo(199)
    expect(mixedQuantile([{weight: 1, sketch: minute}], 0.5)).toBeCloseTo(150)
    expect(shareAtOrBelow(minute, 50)).toBe(0)
    expect(shareAtOrBelow(minute, 120)).toBeCloseTo(0.2)
    expect(shareAtOrBelow(minute, 500)).toBe(1)
  })

  it('mixes minutes by their requests', () => {
    // 300 requests at 100–200 ms and 100 at 300–400 ms: the median is in the first, p90 in the second.
    const mixed = [{weight: 1, sketch: uniform(300, 100, 200)}, {weight: 1, sketch: uniform(100, 300, 400)}]
    expect(mixedQuantile(mixed, 0.5)).toBeCloseTo(100 + (0.5 / 0.75) * 100)
    expect(mixedQuantile(mixed, 0.9)).toBeCloseTo(300 + 0.6 * 100)
  })

  it('takes the canary out of the stage: the base\'s percentiles, which the stage\'s alone would overstate', () => {
    const base = uniform(900, 100, 200)
    const canary = uniform(100, 300, 400)
    const stage: Sketch = {requests: 1000, knots: [[100, 0], [150, 0.45], [200, 0.9], [300, 0.9], [350, 0.95], [400, 1]]}
    expect(mixedQuantile([{weight: 1, sketch: stage}], 0.99)).toBeCloseTo(390)
    expect(mixedQuantile([{weight: 1, sketch: stage}, {weight: -1, sketch: canary}], 0.99)).toBeCloseTo(mixedQuantile([{weight: 1, sketch: base}], 0.99)!)
    expect(mixedQuantile([{weight: 1, sketch: stage}, {weight: -1, sketch: canary}], 0.5)).toBeCloseTo(150)
  })

  it('is null without requests', () => {
    expect(mixedQuantile([], 0.99)).toBeNull()
    expect(mixedQuantile([{weight: 1, sketch: uniform(100, 1, 2)}, {weight: -1, sketch: uniform(100, 1, 2)}], 0.99)).toBeNull()
  })
})

describe('finding the canary series', () => {
  const metric = (stage: string, extra: Array<{Name: string; Value: string}> = []) => ({
    Namespace: 'AWS/ApiGateway',
    MetricName: 'Count',
    Dimensions: [{Name: 'ApiName', Value: 'shop'}, {Name: 'Stage', Value: stage}, ...extra],
  })

  it('finds the stage and "<stage>/Canary" in any case, and leaves per-method series and other stages alone', () => {
    expect(findSeries([metric('prod'), metric('Prod/CANARY'), metric('dev/Canary')], {apiName: 'shop', stage: 'prod'})).toEqual({stage: 'prod', canary: 'Prod/CANARY'})
    expect(findSeries([metric('prod/Canary', [{Name: 'Method', Value: 'GET'}])], {apiName: 'shop', stage: 'prod'})).toEqual({stage: undefined, canary: undefined})
    expect(findSeries([metric('PROD'), metric('prod/canary-release')], {apiName: 'shop', stage: 'prod'})).toEqual({stage: 'PROD', canary: 'prod/canary-release'})
  })

  it('queries whole minutes: the start rounded down, the end up, so the minute in progress is in', () => {
    expect(minuteWindow(90_000, 150_000)).toEqual({start: MINUTE, end: 3 * MINUTE})
    expect(minuteWindow(2 * MINUTE, 2 * MINUTE)).toEqual({start: 2 * MINUTE, end: 3 * MINUTE})
  })
})

describe('gates', () => {
  const limits = {max5xxRate: 0.01, max4xxRate: 0.05, maxP99Ms: 800, maxLatencyIncrease: 0.2}
  const window = {start: 0, end: MINUTE}

  it('passes a canary within every limit, with the numbers', () => {
    const verdict = judge(windowOf(window, side(1000, {rate5xx: 0.005, p99: 400}), side(9000, {p99: 380})), limits, 200)
    expect(verdict.outcome).toBe('passed')
    expect(verdict.gates.map((g) => [g.gate, g.status])).toEqual([['5xx-rate', 'pass'], ['4xx-rate', 'pass'], ['p99', 'pass'], ['latency-increase', 'pass']])
    expect(verdict.gates[3]).toMatchObject({canary: 400, base: 380, limit: 456, detail: 'latency-increase: canary p99 400 ms ≤ 456 ms (base p99 380 ms + 20%)'})
  })

  it('fails a canary more than the margin slower than the base, though under the absolute p99', () => {
    const verdict = judge(windowOf(window, side(1000, {p99: 500}), side(9000, {p99: 400})), limits, 200)
    expect(verdict.outcome).toBe('failed')
    expect(verdict.gates.filter((g) => g.status === 'fail').map((g) => g.detail)).toEqual(['latency-increase: canary p99 500 ms > 480 ms (base p99 400 ms + 20%)'])
  })

  it('is inconclusive with too few canary requests, and skips the comparison with too few base requests', () => {
    const few = judge(windowOf(window, side(150, {rate5xx: 0.005})), limits, 200)
    expect(few).toMatchObject({outcome: 'inconclusive', reason: '150 canary requests in the window; at least 200 are needed to judge.'})
    const allCanary = judge(windowOf(window, side(1000), null), limits, 200)
    expect(allCanary.outcome).toBe('passed')
    expect(allCanary.gates[3]).toMatchObject({status: 'skipped', detail: 'latency-increase: too few base requests to compare with (0; 200 needed)'})
  })

  it('turns gates off', () => {
    const verdict = judge(windowOf(window, side(1000, {rate4xx: 0.5})), {...limits, max4xxRate: null, maxP99Ms: null, maxLatencyIncrease: null}, 200)
    expect(verdict.outcome).toBe('passed')
    expect(verdict.gates.map((g) => g.detail)).toEqual(['5xx-rate: canary 5XX rate 0% (0 of 1000) ≤ 1%', '4xx-rate: off', 'p99: off', 'latency-increase: off'])
  })
})
