import type {ApiKey} from '../aws/index.js'
import type {AwsSession} from '../aws/index.js'
import {ApigwError, ExitCode} from '../errors.js'
import {keyLabel} from '../usage-plans/index.js'
import {apiKeyArn} from '../catalog/index.js'
import {claimTag, claimTime, earlier, liveClaims, type Claim} from '../change/index.js'
import {ROTATION_TAGS} from './rotation-state.js'

/**
 * Two rotations of one key at once must not both hand out a value. AWS has no compare-and-set:
 * TagResource is last-writer-wins. So each run stakes a claim on the old key (change/claims.ts), a
 * tag of its own (`apigw:rotation-claim-<token>`), which no other run overwrites, and reads the
 * claims back. Claims are ordered by time, then token; the earliest live
 * one may rotate, every other run gives up (exit 5) and removes its claim. A claim's time is one
 * past the latest claim the run saw just before writing it, so a run that starts after another's
 * claim is visible is ordered after it whatever its clock says.
 *
 * The claims are checked twice: right after writing one (before anything is created), and just
 * before the value is handed out, together with the other keys tagged as successors of the old key
 * (each new key carries its run's token in `apigw:rotation-claim`). Interleavings of runs A and B:
 * - A claims, reads, B claims, reads: B sees A's earlier claim and stops before creating a key.
 * - both claim before either reads: both see both claims; the later one stops, the earlier goes on.
 * - B read the tags before A's claim landed and wrote its claim after A's first check, with a
 *   clock behind A's (so its claim sorts first): A's check before handing out sees B's earlier
 *   claim and A stops, deleting the key it made (never handed out); B goes on. Only if B's claim
 *   lands after A has handed out the value (B stalled between two calls for A's whole rotation, and
 *   its clock is behind) could both pass; B's handout check then still stops it whenever A's new
 *   key exists and A's claim is gone, as it is once A has finished.
 * - a successor key whose claim is not a later live one (a run that finished, or one we cannot
 *   tell) stops this run at its handout check: at most one rotation hands out a value.
 * A winner's claim is removed when it ends, however it ends. A killed run's claim stops counting
 * once older than CLAIM_LEASE_MS, after which the rotation is resumed as before.
 */

const CLAIM_PREFIX = 'apigw:rotation-claim-'
/** On the new key: the token of the run that created it. */
export const NEW_KEY_CLAIM_TAG = 'apigw:rotation-claim'
/** How long a claim counts: far longer than a rotation takes, so only a killed run's claim expires. */
export const CLAIM_LEASE_MS = 10 * 60_000

/** The live rotation claims in a key's tags. */
export const claimsIn = (tags: Record<string, string> | undefined, now: number) => liveClaims(tags, CLAIM_PREFIX, now)

/** What stops a run: an earlier claim, or a successor key that is not a later claimant's. */
export type Blocker = {kind: 'claim'; claim: Claim} | {kind: 'key'; key: ApiKey}

/**
 * Whether the run holding `ours` may go on, given the old key's tags and the keys tagged as its
 * successors. `ownKeyId` is the new key this run made or resumes (it does not block itself).
 */
export function blockerOf(ours: Claim, oldKeyTags: Record<string, string> | undefined, successors: ApiKey[], ownKeyId: string | undefined, now: number): Blocker | undefined {
  const claims = claimsIn(oldKeyTags, now)
  const first = claims.filter((claim) => claim.token !== ours.token).find((claim) => earlier(claim, ours))
  if (first) return {kind: 'claim', claim: first}
  const later = new Set(claims.filter((claim) => earlier(ours, claim)).map((claim) => claim.token))
  const other = successors.find((key) => key.id !== ownKeyId && !later.has(key.tags?.[NEW_KEY_CLAIM_TAG] ?? ''))
  return other ? {kind: 'key', key: other} : undefined
}

/** A rotation claim staked now, by the run with `token`. */
export function rotationClaim(oldKeyTags: Record<string, string> | undefined, token: string, now: number): Claim {
  const at = claimTime(oldKeyTags, CLAIM_PREFIX, now)
  return {token, at, expiresAt: at + CLAIM_LEASE_MS, holder: null}
}

export interface RotationClaim {
  claim: Claim
  /**
   * Throws ROTATION_IN_PROGRESS (exit 5) when another run holds the rotation; `ownKeyId` as for
   * blockerOf. Returns the old key's tags as read.
   */
  check(ownKeyId?: string): Promise<Record<string, string>>
  /** Removes the claim (at the end of the run, however it ends). */
  release(): Promise<void>
}

/**
 * Stakes this run's claim on the old key and checks it (ROTATION_IN_PROGRESS, exit 5, when another
 * run holds the rotation). `resumes`: the new key of the rotation this run carries on, if any.
 */
export async function claimRotation(session: AwsSession, oldKey: ApiKey, options: {token: string; now(): number; resumes?: string}): Promise<RotationClaim> {
  const rest = await session.rest()
  const arn = apiKeyArn(session.settings.region, oldKey.id ?? '')
  const claim = rotationClaim(await rest.getTags(arn), options.token, options.now())
  const tag = claimTag(CLAIM_PREFIX, claim)
  await rest.tagResource(arn, tag)
  const check = async (ownKeyId?: string) => {
    const keys = await rest.listApiKeys()
    const tags = keys.find((key) => key.id === oldKey.id)?.tags
    const successors = keys.filter((key) => key.tags?.[ROTATION_TAGS.rotationOf] === oldKey.id)
    const blocker = blockerOf(claim, tags, successors, ownKeyId, options.now())
    if (blocker) throw rotationInProgress(oldKey, blocker)
    return tags ?? {}
  }
  const release = async () => {
    await rest.untagResource(arn, Object.keys(tag))
  }
  try {
    await check(options.resumes)
  } catch (error) {
    await release()
    throw error
  }
  return {claim, check, release}
}

function rotationInProgress(oldKey: ApiKey, blocker: Blocker): ApigwError {
  const holder =
    blocker.kind === 'claim'
      ? `another run of apigw keys rotate (claim ${blocker.claim.token}, since ${new Date(blocker.claim.at).toISOString()}) is rotating it`
      : `it is being rotated to the ${keyLabel({id: blocker.key.id ?? '', name: blocker.key.name})}`
  return new ApigwError(`The ${keyLabel({id: oldKey.id ?? '', name: oldKey.name})} is already being rotated: ${holder}. This run handed out no value.`, {
    code: 'ROTATION_IN_PROGRESS',
    exitCode: ExitCode.conflict,
    suggestions: [
      'Try: apigw keys rotations, to see the rotation in progress and fetch its new key from whoever ran it',
      `Or: if that run was killed, run this command again once its claim is ${CLAIM_LEASE_MS / 60_000} minutes old`,
    ],
  })
}
