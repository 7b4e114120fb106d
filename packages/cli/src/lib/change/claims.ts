/**
 * Claims staked in a resource's tags, for work that must not run twice at once (a key rotation, a
 * canary rollout). AWS has no compare-and-set and TagResource is last-writer-wins, so each run
 * writes a tag of its own, `<prefix><token>`, that no other run overwrites, and reads the claims
 * back: every run sees the same claims in the same order (by claim time, then token), so they
 * agree on which one holds the work. The value is `<claimed at> <expires at> [holder]` (ISO 8601,
 * and only characters AWS allows in tag values); a claim past its expiry counts no more, so a killed
 * run does not hold the work for ever.
 */

export interface Claim {
  token: string
  /** Milliseconds since the epoch. */
  at: number
  expiresAt: number
  /** Who holds it, e.g. "alice@ci-7"; null when not said. */
  holder: string | null
}

/** Tag values may hold letters, digits, spaces and _ . : / = + - @ (at most 256 characters). */
const tagSafe = (text: string) => text.replace(/[^\p{L}\p{N} _.:/=+\-@]/gu, '_').slice(0, 200)

export const claimTag = (prefix: string, claim: Claim): Record<string, string> => ({
  [`${prefix}${claim.token}`]: [new Date(claim.at).toISOString(), new Date(claim.expiresAt).toISOString(), ...(claim.holder ? [tagSafe(claim.holder)] : [])].join(' '),
})

/** Every claim in the tags, live or not (an unreadable one has expired). */
export function allClaims(tags: Record<string, string> | undefined, prefix: string): Claim[] {
  return Object.entries(tags ?? {})
    .filter(([tag]) => tag.startsWith(prefix))
    .map(([tag, value]) => {
      const [at, expiresAt, ...holder] = value.split(' ')
      return {token: tag.slice(prefix.length), at: Date.parse(at), expiresAt: Date.parse(expiresAt ?? ''), holder: holder.join(' ') || null}
    })
    .map((claim) => (Number.isNaN(claim.at) || Number.isNaN(claim.expiresAt) ? {...claim, at: 0, expiresAt: 0} : claim))
}

/** The claims that still count at `now`. */
export const liveClaims = (tags: Record<string, string> | undefined, prefix: string, now: number) => allClaims(tags, prefix).filter((claim) => claim.expiresAt > now)

export const earlier = (a: Claim, b: Claim) => a.at < b.at || (a.at === b.at && a.token < b.token)

/**
 * A new claim's time: now, or one millisecond past the latest live claim seen just before, if that
 * is later, so that a claim staked after another is visible sorts after it whatever the clock says.
 */
export function claimTime(tags: Record<string, string> | undefined, prefix: string, now: number): number {
  return Math.max(now, ...liveClaims(tags, prefix, now).map((claim) => claim.at + 1))
}
