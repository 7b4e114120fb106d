import {randomBytes} from 'node:crypto'
import type {AwsSession} from '../aws/index.js'
import {ApigwError, ExitCode} from '../errors.js'
import {claimTag, claimTime, liveClaims, type Claim} from './claims.js'
import type {ChangeStep} from './change.js'

/**
 * A read-modify-write of one REST resource (a stage, a usage plan, a key) done by one apigw at a
 * time. The read after the write (verify.ts) catches a change that landed before it; one that lands
 * just after it (two commands started together, the other's write a moment slower) it cannot see,
 * and the first command would report a value that is gone. So the write holds the resource with a
 * claim in its tags (`apigw:change-<token>`, claims.ts) from before the check that precedes it
 * until it is answered: a second apigw that finds a live claim changes nothing and exits 5
 * (CHANGE_IN_PROGRESS). Claims only exclude apigw runs: the console or another tool writes
 * regardless, and then only the read after the write can tell (as on an endpoint that keeps no tags).
 */

const PREFIX = 'apigw:change-'
/** A write takes seconds; a claim left by a killed run stops counting after this. */
export const CHANGE_CLAIM_MS = 60_000

/** `arn:aws:apigateway:<region>::<path>` of a REST resource: `/restapis/a1/stages/prod`, `/usageplans/p1`. */
export const restArn = (session: AwsSession, path: string) => `arn:aws:apigateway:${session.settings.region}::${path}`

/**
 * Runs `write` while holding the resource. `subject` names it in messages ('Stage "prod" of REST
 * API "shop" (a1)'), `look` is the command that shows it.
 */
export async function exclusively<T>(session: AwsSession, arn: string, what: {subject: string; look: string}, write: () => Promise<T>, now: () => number = Date.now): Promise<T> {
  const rest = await session.rest()
  const before = await rest.getTags(arn).catch(withoutTags)
  // An endpoint that keeps no tags (moto has no GetTags): the read after the write is the only check.
  if (before === undefined) return write()
  const [busy] = liveClaims(before, PREFIX, now())
  if (busy) throw changeInProgress(what, busy)
  const at = claimTime(before, PREFIX, now())
  const claim: Claim = {token: randomBytes(4).toString('hex'), at, expiresAt: at + CHANGE_CLAIM_MS, holder: null}
  const tag = claimTag(PREFIX, claim)
  await rest.tagResource(arn, tag)
  try {
    // Any other live claim stops this write, earlier or not: of two runs whose claims overlap, the
    // one that checked last sees the other's, so at most one writes (both may give up; neither
    // ordering by time could promise that when a claim's time is taken before it is written).
    const other = liveClaims(await rest.getTags(arn), PREFIX, now()).find((claimed) => claimed.token !== claim.token)
    if (other) throw changeInProgress(what, other)
    return await write()
  } finally {
    await rest.untagResource(arn, Object.keys(tag)).catch(() => undefined)
  }
}

/** A change step that runs while it holds the resource. */
export const exclusiveStep = (session: AwsSession, arn: string, what: {subject: string; look: string}, step: ChangeStep): ChangeStep => ({
  ...step,
  run: (results) => exclusively(session, arn, what, () => step.run(results)),
})

/**
 * An AWS error other than throttling, a network failure or credentials, or an answer that is not
 * AWS's at all (moto answers GetTags on a stage with an HTML page): the endpoint, which has just
 * answered for the resource itself, has no tags to claim with.
 */
function withoutTags(error: unknown): undefined {
  if (error instanceof ApigwError && (error.exitCode === ExitCode.aws || error.code === 'NOT_AN_AWS_ANSWER')) return undefined
  throw error
}

function changeInProgress(what: {subject: string; look: string}, claim: Claim): ApigwError {
  return new ApigwError(`${what.subject} is being changed by another apigw command right now (since ${new Date(claim.at).toISOString()}). This command changed nothing.`, {
    code: 'CHANGE_IN_PROGRESS',
    exitCode: ExitCode.conflict,
    suggestions: [`Try: ${what.look}, then run this command again if its change still applies (a claim left by a killed command expires at ${new Date(claim.expiresAt).toISOString()})`],
  })
}
