import {describe, expect, it} from 'vitest'
import {backfillWindow, parseTrafficProfile} from '../../packages/cli/src/lib/sandbox/traffic.js'
import {parseFaults} from '../../packages/cli/src/lib/sandbox/faults.js'
import {describeFaults, NO_FAULTS, pickFault, strikeCall} from '../../packages/sandbox/src/faults.js'

const defaults = {rps: '50', errorRate: '4xx=2%,5xx=0.5%', latency: 'p50=40ms,p99=350ms', cacheHit: '80%'}

describe('sandbox faults', () => {
  it('parses every fault and describes them back', () => {
    const faults = parseFaults('throttle=20%,error=5%,reset=2%,latency=300ms')
    expect(faults).toEqual({...NO_FAULTS, throttle: 0.2, error: 0.05, reset: 0.02, latencyMs: 300})
    expect(describeFaults(faults)).toBe('throttle=20%,error=5%,reset=2%,latency=300ms')
    expect(parseFaults('none')).toEqual(NO_FAULTS)
  })

  it('parses fail=<operation>#<call>, several of them, the next call when no number is given', () => {
    const faults = parseFaults('fail=CreateUsagePlanKey#2, latency=10ms,fail=TagResource')
    expect(faults.fail).toEqual([
      {operation: 'CreateUsagePlanKey', call: 2},
      {operation: 'TagResource', call: 1},
    ])
    expect(describeFaults(faults)).toBe('latency=10ms,fail=CreateUsagePlanKey#2,fail=TagResource#1')
  })

  it('refuses a fail naming no operation the sandbox serves, suggesting close names', () => {
    expect(() => parseFaults('fail=CreateUsagePlanKeys#2')).toThrow(/serves no operation named "CreateUsagePlanKeys"/)
    expect(() => parseFaults('fail=CreateUsagePlanKey#0')).toThrow(/fail takes an operation and which of its calls from now fails/)
    expect(() => parseFaults('fail=')).toThrow(/fail takes an operation/)
  })

  it('strikes the chosen call of an operation once, counting down only that operation', () => {
    let fail = parseFaults('fail=CreateUsagePlanKey#2,fail=GetTags#1').fail
    const outcomes: boolean[] = []
    for (const operation of ['GetUsagePlans', 'CreateUsagePlanKey', 'CreateUsagePlanKey', 'CreateUsagePlanKey']) {
      const strike = strikeCall(fail, operation)
      outcomes.push(strike.struck !== undefined)
      fail = strike.remaining
    }
    expect(outcomes).toEqual([false, false, true, false])
    expect(fail).toEqual([{operation: 'GetTags', call: 1}])
  })

  it('refuses unknown faults, bad percentages and shares over 100%, naming the problem', () => {
    expect(() => parseFaults('slow=5%')).toThrow(/--faults takes throttle=…, error=…, reset=…, latency=…, fail=…, lost=…; got "slow=5%"/)
    expect(() => parseFaults('throttle=120%')).toThrow(/throttle must be a percentage between 0% and 100%/)
    expect(() => parseFaults('throttle=60%,error=50%')).toThrow(/add up to more than 100%/)
  })

  it('picks throttle, error and reset in proportion to their shares', () => {
    const faults = {...NO_FAULTS, throttle: 0.2, error: 0.1, reset: 0.1}
    expect([0, 0.19, 0.21, 0.29, 0.31, 0.39, 0.41, 0.99].map((roll) => pickFault(faults, roll))).toEqual([
      'throttle', 'throttle', 'error', 'error', 'reset', 'reset', undefined, undefined,
    ])
  })
})

describe('post-write fault syntax', () => {
  it('parses lost=<operation>#<call>:<how>, the next call and a reset when not given, and describes it back', () => {
    const faults = parseFaults('lost=CreateApiKey,lost=CreateUsagePlanKey#2:503,lost=CreateDeployment#1:timeout')
    expect(faults.lost).toEqual([
      {operation: 'CreateApiKey', call: 1, answer: 'reset'},
      {operation: 'CreateUsagePlanKey', call: 2, answer: '503'},
      {operation: 'CreateDeployment', call: 1, answer: 'timeout'},
    ])
    expect(describeFaults(faults)).toBe('lost=CreateApiKey#1:reset,lost=CreateUsagePlanKey#2:503,lost=CreateDeployment#1:timeout')
    expect(parseFaults(describeFaults(faults))).toEqual(faults)
  })

  it('parses lost=<share> of write calls, and per-operation latency beside the every-call latency', () => {
    const faults = parseFaults('lost=2%:503,latency=300ms,latency=UpdateStage:400ms,latency=GetStage:1s')
    expect(faults).toEqual({...NO_FAULTS, lostShare: 0.02, lostShareAnswer: '503', latencyMs: 300, operationLatencyMs: {UpdateStage: 400, GetStage: 1000}})
    expect(describeFaults(faults)).toBe('latency=300ms,latency=UpdateStage:400ms,latency=GetStage:1000ms,lost=2%:503')
    expect(parseFaults('lost=5%')).toMatchObject({lostShare: 0.05, lostShareAnswer: 'reset'})
  })

  it('refuses unknown operations with the closest names, unknown ways to lose an answer, and bad shares', () => {
    expect(() => parseFaults('lost=CreateApiKeys')).toThrow(/serves no operation named "CreateApiKeys"/)
    expect(() => parseFaults('latency=UpdateStages:400ms')).toThrow(/serves no operation named "UpdateStages"/)
    expect(() => parseFaults('lost=CreateApiKey#1:drop')).toThrow(/lost by reset, 503, timeout; got "drop"/)
    expect(() => parseFaults('lost=CreateApiKey#0')).toThrow(/lost takes an operation/)
    expect(() => parseFaults('lost=120%')).toThrow(/lost must be a percentage between 0% and 100%/)
    expect(() => parseFaults('latency=UpdateStage:fast')).toThrow(/must be a duration/)
    expect(() => parseFaults('latency=10m')).toThrow(/latency is at most 120s/)
  })
})

describe('traffic profile flags', () => {
  it('turns the flags into a profile', () => {
    expect(parseTrafficProfile({...defaults, canaryErrorRate: '5xx=8%', canaryLatency: 'p50=90ms,p99=1s', keys: 'k1, k2'})).toEqual({
      rps: 50,
      errorRate: {'4xx': 0.02, '5xx': 0.005},
      latency: {p50: 40, p99: 350},
      cacheHit: 0.8,
      canaryErrorRate: {'4xx': 0, '5xx': 0.08},
      canaryLatency: {p50: 90, p99: 1000},
      keys: ['k1', 'k2'],
    })
  })

  it('refuses nonsense with the flag and an example', () => {
    expect(() => parseTrafficProfile({...defaults, rps: '-3'})).toThrow(/--rps must be a positive number/)
    expect(() => parseTrafficProfile({...defaults, latency: 'p50=400ms,p99=100ms'})).toThrow(/--latency needs 0 < p50 ≤ p99/)
    expect(() => parseTrafficProfile({...defaults, errorRate: '500=1%'})).toThrow(/--error-rate takes 4xx=…, 5xx=…/)
    expect(() => parseTrafficProfile({...defaults, cacheHit: 'lots'})).toThrow(/--cache-hit must be a percentage/)
  })
})

describe('traffic backfill window', () => {
  it('ends now and reaches back the duration, at most 31 days', () => {
    expect(backfillWindow('30m', 10_000_000)).toEqual({start: 10_000_000 - 1_800_000, end: 10_000_000})
    expect(() => backfillWindow('40d', 0)).toThrow('--duration must be more than 0 and at most 31d; got "40d".')
    expect(() => backfillWindow('0s', 0)).toThrow(/more than 0/)
  })
})
