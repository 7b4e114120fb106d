import {describe, expect, it} from 'vitest'
import {ApigwError} from '../../packages/cli/src/lib/errors.js'
import {mismatches, requireWritten, sameData} from '../../packages/cli/src/lib/change/verify.js'

describe('the read after a write', () => {
  it('compares values as data: key order and absent fields do not matter, values do', () => {
    expect(sameData({rateLimit: 10, burstLimit: 20}, {burstLimit: 20, rateLimit: 10})).toBe(true)
    expect(sameData({a: 1, b: undefined}, {a: 1})).toBe(true)
    expect(sameData({a: 1}, {a: 1, b: 2})).toBe(false)
    expect(sameData([1, 2], {0: 1, 1: 2})).toBe(false)
    expect(sameData(25, 25.0)).toBe(true)
    expect(sameData(null, undefined)).toBe(false)
  })

  it('names each value AWS does not hold as written, with both values', () => {
    expect(
      mismatches([
        {what: 'canary percentTraffic', wrote: 25, holds: 40, text: (value) => `${value}%`},
        {what: 'canary useStageCache', wrote: true, holds: true},
        {what: 'throttle', wrote: {rateLimit: 10}, holds: null},
      ]),
    ).toEqual(['canary percentTraffic: you set 25%, AWS now holds 40%', 'throttle: you set {"rateLimit":10}, AWS now holds none'])
  })

  it('throws CHANGED_MEANWHILE (exit 5) with a way to look, or nothing when AWS holds what was written', () => {
    const options = {subject: 'Stage "prod" of REST API "shop" (a1)', look: 'apigw canary status --api a1 --stage prod'}
    expect(() => requireWritten([{what: 'canary', wrote: null, holds: null}], options)).not.toThrow()
    let error: unknown
    try {
      requireWritten([{what: 'canary percentTraffic', wrote: 25, holds: 40}], options)
    } catch (thrown) {
      error = thrown
    }
    expect(error).toBeInstanceOf(ApigwError)
    expect(error).toMatchObject({
      code: 'CHANGED_MEANWHILE',
      exitCode: 5,
      message: 'Stage "prod" of REST API "shop" (a1) is not as this command left it: canary percentTraffic: you set 25, AWS now holds 40 — another change landed meanwhile.',
      suggestions: ['Try: apigw canary status --api a1 --stage prod, to see what it holds now; then run this command again if its change still applies'],
    })
  })
})
