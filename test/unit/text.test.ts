import {describe, expect, it} from 'vitest'
import {nearestDuration, parseDuration} from '../../packages/cli/src/lib/util/duration.js'
import {closestMatches, editDistance, globToRegExp} from '../../packages/cli/src/lib/util/text.js'

describe('closestMatches', () => {
  it('suggests near names, best first, case-insensitively', () => {
    expect(closestMatches('petstor', ['orders', 'PetStore', 'petstore-v2', 'chat'])).toEqual(['PetStore', 'petstore-v2'])
    expect(closestMatches('odrers', ['orders', 'chat'])).toEqual(['orders'])
  })

  it('suggests nothing when nothing is close', () => {
    expect(closestMatches('billing', ['orders', 'chat'])).toEqual([])
  })

  it('measures edit distance', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3)
  })
})

describe('globToRegExp', () => {
  it('matches * and ? and nothing else specially', () => {
    expect(globToRegExp('shop-*').test('shop-eu')).toBe(true)
    expect(globToRegExp('shop-?').test('shop-eu')).toBe(false)
    expect(globToRegExp('a.b').test('axb')).toBe(false)
    expect(globToRegExp('Shop*').test('shop')).toBe(false)
  })
})

describe('parseDuration', () => {
  it.each([
    ['60s', 60_000],
    ['5m', 300_000],
    ['1.5h', 5_400_000],
    ['7d', 604_800_000],
    ['250ms', 250],
    ['30', 30_000],
  ])('%s → %i ms', (text, ms) => {
    expect(parseDuration(text, '--since')).toBe(ms)
  })

  it('rejects anything else as a usage error naming the flag', () => {
    expect(() => parseDuration('soon', '--retry-budget')).toThrow(expect.objectContaining({exitCode: 2, message: expect.stringContaining('--retry-budget')}))
  })

  it('suggests the nearest valid duration for a unit written out, misspelt or combined', () => {
    expect(() => parseDuration('90min', '--since')).toThrow(expect.objectContaining({exitCode: 2, suggestions: ['Try: --since 90m']}))
    expect(() => parseDuration('2hrs', 'p99')).toThrow(expect.objectContaining({suggestions: ['Try: 2h']}))
  })

  it.each([
    ['90min', '90m'],
    ['5 minutes', '5m'],
    ['2hrs', '2h'],
    ['1h30m', '90m'],
    ['1h, 30 mins', '90m'],
    ['2 Days', '2d'],
    ['5 minuts', '5m'],
    ['10 secs', '10s'],
    ['1.5 hours', '90m'],
    ['300 millis', '300ms'],
  ])('nearest valid duration to %j is %s', (text, nearest) => {
    expect(nearestDuration(text)).toBe(nearest)
  })

  it.each(['soon', '5 fortnights', 'm5', ''])('offers no nearest duration for %j', (text) => {
    expect(nearestDuration(text)).toBeUndefined()
  })
})
