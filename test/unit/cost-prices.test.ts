import {describe, expect, it} from 'vitest'
import {ApigwError} from '../../packages/cli/src/lib/errors.js'
import {parsePrices, tiered, US_EAST_1} from '../../packages/cli/src/lib/cost/index.js'

describe('tiered', () => {
  const rest = US_EAST_1.rest.requests

  it('fills each tier in turn', () => {
    expect(tiered(0, rest)).toBe(0)
    expect(tiered(1_000_000, rest)).toBeCloseTo(3.5, 10)
    // 333 M at $3.50, then 667 M at $2.80, then 1 B at $2.38.
    expect(tiered(2_000_000_000, rest)).toBeCloseTo(333 * 3.5 + 667 * 2.8 + 1000 * 2.38, 6)
    expect(tiered(21_000_000_000, rest)).toBeCloseTo(333 * 3.5 + 667 * 2.8 + 19_000 * 2.38 + 1000 * 1.51, 6)
  })
})

describe('parsePrices', () => {
  it('takes the table apigw carries, as JSON', () => {
    expect(parsePrices(JSON.stringify(US_EAST_1), 'p.json')).toEqual(US_EAST_1)
  })

  it('names the field that is wrong', () => {
    const bad = (change: object) => () => parsePrices(JSON.stringify({...US_EAST_1, ...change}), 'p.json')
    expect(bad({date: 5})).toThrow('--prices p.json: date must be a string.')
    expect(bad({cacheHourly: {'0.5': 'cheap'}})).toThrow('cacheHourly["0.5"] must be a price')
    expect(bad({http: {requests: [{upTo: 10, perMillion: 1}, {upTo: 5, perMillion: 1}, {upTo: null, perMillion: 1}]}})).toThrow('http.requests[1].upTo must be above the tier before.')
    expect(bad({http: {requests: []}})).toThrow('http.requests must be a list of tiers')
    expect(() => parsePrices('[]', 'p.json')).toThrow(ApigwError)
  })
})
