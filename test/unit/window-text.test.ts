import {describe, expect, it} from 'vitest'
import {windowText} from '../../packages/cli/src/cli/ui/metric-format.js'

describe('a window as people read it', () => {
  it('is its times within one day', () => {
    expect(windowText({start: '2026-12-07T14:05:00.000Z', end: '2026-12-07T14:20:00.000Z'})).toBe('14:05–14:20 UTC')
  })

  it('has its dates when it spans days, so --since 100d never reads as a few minutes', () => {
    expect(windowText({start: '2026-08-29T16:03:00.000Z', end: '2026-12-07T16:04:00.000Z'})).toBe('2026-08-29 16:03 – 2026-12-07 16:04 UTC')
    expect(windowText({start: '2026-12-06T23:50:00.000Z', end: '2026-12-07T00:05:00.000Z'})).toBe('2026-12-06 23:50 – 2026-12-07 00:05 UTC')
  })
})
