import {describe, expect, it} from 'vitest'
import {blockerOf, claimsIn, CLAIM_LEASE_MS, NEW_KEY_CLAIM_TAG, rotationClaim} from '../../packages/cli/src/lib/keys/rotation-claim.js'
import {claimTag} from '../../packages/cli/src/lib/change/claims.js'

const T = Date.parse('2026-12-07T12:00:00.000Z')
const claim = (token: string, at: number) => ({token, at, expiresAt: at + CLAIM_LEASE_MS, holder: null})
const tag = (token: string, at: number) => claimTag('apigw:rotation-claim-', claim(token, at))
const successor = (id: string, token?: string) => ({id, tags: {'apigw:rotation-of': 'old', ...(token ? {[NEW_KEY_CLAIM_TAG]: token} : {})}})
const a = claim('aaaa', T)
const b = claim('bbbb', T + 5)

describe('rotation claims', () => {
  it('the earliest live claim goes on, by time then token; the later one is told which claim holds the key', () => {
    const tags = {...tag('aaaa', a.at), ...tag('bbbb', b.at), team: 'x'}
    expect(blockerOf(a, tags, [], undefined, T + 10)).toBeUndefined()
    expect(blockerOf(b, tags, [], undefined, T + 10)).toEqual({kind: 'claim', claim: a})
    // Same millisecond: the token decides, the same way for both runs.
    const tie = {...tag('aaaa', T), ...tag('bbbb', T)}
    expect(blockerOf(claim('aaaa', T), tie, [], undefined, T)).toBeUndefined()
    expect(blockerOf(claim('bbbb', T), tie, [], undefined, T)).toMatchObject({kind: 'claim'})
  })

  it('a claim staked after another is visible sorts after it, whatever the clock of the run staking it says', () => {
    const seen = tag('aaaa', T)
    const late = rotationClaim(seen, '0000', T - 60_000)
    expect(late.at).toBe(T + 1)
    expect(blockerOf(late, {...seen, ...claimTag('apigw:rotation-claim-', late)}, [], undefined, T)).toEqual({kind: 'claim', claim: a})
  })

  it('before handing out: a later claimant\'s key does not stop the winner; a key whose run holds no later live claim does', () => {
    const tags = {...tag('aaaa', a.at), ...tag('bbbb', b.at)}
    // B (later) created a key before it noticed A: A still hands out; B's own check stops B.
    expect(blockerOf(a, tags, [successor('ka', 'aaaa'), successor('kb', 'bbbb')], 'ka', T + 10)).toBeUndefined()
    expect(blockerOf(b, tags, [successor('ka', 'aaaa'), successor('kb', 'bbbb')], 'kb', T + 10)).toMatchObject({kind: 'claim'})
    // A run whose clock sorted its claim first, but whose rival has finished (claim gone, key handed out): it stops.
    expect(blockerOf(a, tag('aaaa', a.at), [successor('ka', 'aaaa'), successor('kb', 'bbbb')], 'ka', T + 10)).toEqual({kind: 'key', key: successor('kb', 'bbbb')})
    // A key from before claims existed (no token) is another rotation too.
    expect(blockerOf(a, tag('aaaa', a.at), [successor('k0')], undefined, T + 10)).toMatchObject({kind: 'key'})
  })

  it('a resumed rotation is not stopped by its own new key, whichever run created it', () => {
    expect(blockerOf(a, tag('aaaa', a.at), [successor('k1', 'dead')], 'k1', T + 10)).toBeUndefined()
  })

  it('a killed run\'s claim stops counting once older than the lease; an unreadable one never counts', () => {
    const tags = {...tag('dead', T - CLAIM_LEASE_MS), 'apigw:rotation-claim-junk': 'yesterday', 'apigw:rotation-claim-odd': `${new Date(T).toISOString()}`}
    expect(claimsIn(tags, T)).toEqual([])
    expect(blockerOf(a, {...tags, ...tag('aaaa', a.at)}, [], undefined, T)).toBeUndefined()
    expect(claimsIn(tag('live', T - CLAIM_LEASE_MS + 1), T)).toHaveLength(1)
  })
})
