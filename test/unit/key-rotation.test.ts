import type {ApiKey} from '@aws-sdk/client-api-gateway'
import {describe, expect, it} from 'vitest'
import {
  inheritedTags,
  ROTATION_TAGS,
  rotatedName,
  rotationFromKey,
  rotationOfKey,
  rotationsInProgress,
  rotationStatus,
  rotationToKey,
} from '../../packages/cli/src/lib/keys/rotation-state.js'
import {parseGrace} from '../../packages/cli/src/lib/keys/rotation.js'
import {dailyRequests, lastDays, lastUsedDay, requestsInLastDay, usageSpan} from '../../packages/cli/src/lib/keys/usage.js'
import {usageWindow} from '../../packages/cli/src/lib/usage-plans/options.js'
import type {AwsSession} from '../../packages/cli/src/lib/aws/session.js'
import {formatTimeLeft} from '../../packages/cli/src/lib/util/duration.js'

const {rotationOf, rotatedTo, graceUntil, finalized} = ROTATION_TAGS
const GRACE = '2026-11-28T12:00:00Z'
const key = (id: string, tags: Record<string, string> = {}, fields: Partial<ApiKey> = {}): ApiKey => ({id, name: id, enabled: true, tags, ...fields})

/** a → b started and finished starting (both keys tagged); c is unrelated. */
const started = () => [
  key('old', {team: 'payments', [rotatedTo]: 'new', [graceUntil]: GRACE}),
  key('new', {team: 'payments', [rotationOf]: 'old', [graceUntil]: GRACE}),
  key('other'),
]

describe('rotation state from the keys\' tags', () => {
  it('finds a rotation from its old key and from its new key, with the deadline, once the old key is tagged', () => {
    const keys = started()
    const fromOld = rotationFromKey(keys, keys[0])
    expect(fromOld).toMatchObject({oldKeyId: 'old', oldKey: {id: 'old'}, newKey: {id: 'new'}, graceUntil: new Date(GRACE), oldKeyTagged: true, finalizedAt: undefined})
    expect(rotationToKey(keys, keys[1])).toEqual(fromOld)
    expect(rotationFromKey(keys, keys[2])).toBeUndefined()
    expect(rotationToKey(keys, keys[0])).toBeUndefined()
  })

  it('a new key created but the old key not yet tagged is a rotation that has not finished starting', () => {
    const keys = [key('old'), key('new', {[rotationOf]: 'old', [graceUntil]: GRACE})]
    expect(rotationFromKey(keys, keys[0])).toMatchObject({newKey: {id: 'new'}, oldKeyTagged: false})
  })

  it('ignores an old key\'s rotated-to tag naming a key that no longer exists', () => {
    const keys = [key('old', {[rotatedTo]: 'gone', [graceUntil]: GRACE})]
    expect(rotationFromKey(keys, keys[0])).toBeUndefined()
  })

  it('refuses to guess between two keys tagged as the new key of the same old key (exit 5)', () => {
    const keys = [key('old'), key('new1', {[rotationOf]: 'old'}), key('new2', {[rotationOf]: 'old'})]
    expect(() => rotationFromKey(keys, keys[0])).toThrow(expect.objectContaining({exitCode: 5, message: expect.stringMatching(/^2 keys are tagged as the new key of old/)}))
  })

  it('a key that is both the new key of a finalized rotation and the old key of the next: the unfinished one wins', () => {
    const keys = [
      key('a', {[rotatedTo]: 'b', [graceUntil]: GRACE}),
      key('b', {[rotationOf]: 'a', [graceUntil]: GRACE, [finalized]: '2026-11-22T00:00:00Z', [rotatedTo]: 'c'}),
      key('c', {[rotationOf]: 'b', [graceUntil]: GRACE}),
    ]
    expect(rotationOfKey(keys, keys[1])).toMatchObject({oldKeyId: 'b', newKey: {id: 'c'}})
    expect(rotationsInProgress(keys).map((rotation) => rotation.newKey.id)).toEqual(['c'])
  })

  it('lists rotations in progress, soonest deadline first, including one whose old key was deleted', () => {
    const keys = [
      key('late', {[rotationOf]: 'x', [graceUntil]: '2026-12-31T00:00:00Z'}),
      key('soon', {[rotationOf]: 'y', [graceUntil]: '2026-11-22T00:00:00Z'}),
      key('done', {[rotationOf]: 'z', [graceUntil]: GRACE, [finalized]: GRACE}),
    ]
    const rotations = rotationsInProgress(keys)
    expect(rotations.map((rotation) => rotation.newKey.id)).toEqual(['soon', 'late'])
    expect(rotations[0].oldKey).toBeUndefined()
  })

  it('status: in grace until the deadline, then over; finalized once marked so; a damaged deadline counts as passed', () => {
    const rotation = rotationToKey(started(), started()[1])!
    expect(rotationStatus(rotation, Date.parse(GRACE) - 1)).toBe('in-grace')
    expect(rotationStatus(rotation, Date.parse(GRACE))).toBe('grace-over')
    expect(rotationStatus({...rotation, finalizedAt: new Date(GRACE)}, 0)).toBe('finalized')
    const damaged = rotationToKey([key('n', {[rotationOf]: 'o', [graceUntil]: 'next tuesday'})], key('n', {[rotationOf]: 'o', [graceUntil]: 'next tuesday'}))!
    expect(rotationStatus(damaged, Date.parse(GRACE))).toBe('grace-over')
  })

  it('the new key inherits the old key\'s own tags, not the rotation tags', () => {
    expect(inheritedTags(started()[0])).toEqual({team: 'payments'})
  })

  it('names the new key after the old one with a UTC rotation suffix, replacing an earlier suffix', () => {
    const now = Date.parse('2026-11-21T16:29:59Z')
    expect(rotatedName('partner-a', now)).toBe('partner-a-rot-20261121-162959')
    expect(rotatedName('partner-a-rot-20261001-090000', now)).toBe('partner-a-rot-20261121-162959')
  })
})

describe('key usage', () => {
  const NOW = Date.parse('2026-11-21T10:00:00Z')

  it('covers the last days up to today (UTC), and "the last day" as yesterday and today', () => {
    expect(lastDays(3, NOW)).toEqual(['2026-11-19', '2026-11-20', '2026-11-21'])
    expect(requestsInLastDay([5, 0, 2, 3])).toBe(5)
    expect(lastUsedDay({days: ['2026-11-19', '2026-11-20', '2026-11-21'], byKey: {k: [4, 1, 0]}}, 'k')).toBe('2026-11-20')
    expect(lastUsedDay({days: ['2026-11-21'], byKey: {k: [0]}}, 'k')).toBeNull()
  })

  it('sums each key over its plans, one GetUsage per plan, zeros for keys without usage', async () => {
    const asked: unknown[] = []
    const usage: Record<string, Record<string, number[][]>> = {p1: {old: [[1, 9], [2, 8]], other: [[7, 0], [7, 0]]}, p2: {old: [[10, 0], [0, 0]]}}
    const session = {rest: async () => ({getUsage: async (input: {usagePlanId: string}) => (asked.push(input), usage[input.usagePlanId])})} as unknown as AwsSession
    const result = await dailyRequests(session, ['p1', 'p2', 'p1'], ['old', 'new'], 2, NOW)
    expect(result).toEqual({days: ['2026-11-20', '2026-11-21'], byKey: {old: [11, 2], new: [0, 0]}})
    expect(asked).toEqual([
      {usagePlanId: 'p1', startDate: '2026-11-20', endDate: '2026-11-21'},
      {usagePlanId: 'p2', startDate: '2026-11-20', endDate: '2026-11-21'},
    ])
  })

  it('--since, or --start and --end, count whole UTC days, at most 90', () => {
    const now = Date.parse('2026-11-21T10:00:00Z')
    const span = (flags: {since?: string; start?: string; end?: string}) => usageSpan(usageWindow(flags, now, '7d'))
    expect(span({})).toEqual({days: 7, end: Date.parse('2026-11-21T00:00:00Z')})
    expect(span({since: '36h'}).days).toBe(2)
    expect(span({start: '2026-11-01', end: '2026-11-14'})).toEqual({days: 14, end: Date.parse('2026-11-14T00:00:00Z')})
    expect(() => span({since: '91d'})).toThrow('At most 90 days of use are shown; 2026-08-23 to 2026-11-21 is 91.')
    expect(() => span({since: '0d'})).toThrow(expect.objectContaining({exitCode: 2}))
  })

  it('formats time left in its two largest units', () => {
    expect([603_000_000, 5_400_000, 3_600_000, 42_000, 500].map(formatTimeLeft)).toEqual(['6d 23h', '1h 30m', '1h', '42s', '0s'])
  })
})

describe('--grace', () => {
  it('takes a duration with its unit, or 0', () => {
    expect(parseGrace('7d')).toBe(7 * 86_400_000)
    expect(parseGrace('36h')).toBe(36 * 3_600_000)
    expect(parseGrace('0')).toBe(0)
  })

  it('refuses a bare number, which would read as seconds, suggesting days or hours (exit 2)', () => {
    expect(() => parseGrace('3')).toThrow(expect.objectContaining({exitCode: 2, message: '--grace 3 has no unit: a grace period is days or hours.', suggestions: ['Try: --grace 3d (days), or --grace 3h (hours)']}))
  })
})
