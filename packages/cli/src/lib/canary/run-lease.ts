import {ApigwError, ExitCode} from '../errors.js'
import {allClaims, claimTag, claimTime, liveClaims, type Claim} from '../change/index.js'
import {canaryCommand, type CanaryStage} from './changes.js'

/**
 * One `canary run` per stage at a time. A run holds the stage with a claim in the stage's own tags
 * (`apigw:canary-run-<token>`, change/claims.ts): who, since when, and until when it counts. It
 * renews the claim at every evaluation; a run that dies stops renewing, and its claim counts no
 * more once it expires, 3 evaluation intervals (at least a minute) after its last renewal. A second
 * run while a claim is live refuses (exit 5) naming the holder, unless it takes over (--takeover),
 * which removes the other claims; the run taken over finds its claim gone at its next renewal and
 * stops without touching the stage. Of two runs that claim at the same moment, the one that checks
 * last sees the other's claim and gives up (both may).
 */

const PREFIX = 'apigw:canary-run-'

export interface StageLease {
  /** Checks the claim is still this run's and extends it; CANARY_RUN_TAKEN_OVER (exit 5) when another run took the stage. */
  renew(): Promise<void>
  /** Removes the claim, however the run ended. */
  release(): Promise<void>
}

export interface LeaseOptions {
  token: string
  /** Who runs it: "alice@laptop", or the GitHub Actions run. */
  holder: string
  now(): number
  /** How long a claim counts after each renewal. */
  leaseMs: number
  /** Take the stage from a run that holds it (one that died, say). */
  takeover: boolean
}

/** How long a claim counts after a renewal: 3 evaluation intervals, at least a minute. */
export const leaseFor = (intervalMs: number) => Math.max(3 * intervalMs, 60_000)

const stageArn = (stage: CanaryStage) => `arn:aws:apigateway:${stage.session.settings.region}::/restapis/${stage.apiId}/stages/${stage.stageName}`

/** CANARY_RUN_IN_PROGRESS (exit 5) while another run holds the stage; reads only (for --dry-run too). */
export async function refuseIfHeld(stage: CanaryStage, now: number): Promise<void> {
  const [holder] = liveClaims(await (await stage.session.rest()).getTags(stageArn(stage)), PREFIX, now)
  if (holder) throw runInProgress(stage, holder)
}

/** Claims the stage for this run: CANARY_RUN_IN_PROGRESS (exit 5) when another run holds it and `takeover` is off. */
export async function holdStage(stage: CanaryStage, options: LeaseOptions): Promise<StageLease> {
  const rest = await stage.session.rest()
  const arn = stageArn(stage)
  const before = await rest.getTags(arn)
  const [holding] = liveClaims(before, PREFIX, options.now())
  if (holding && !options.takeover) throw runInProgress(stage, holding)
  if (options.takeover) {
    const others = allClaims(before, PREFIX).map((claim) => `${PREFIX}${claim.token}`)
    if (others.length > 0) await rest.untagResource(arn, others)
  }
  const at = claimTime(options.takeover ? {} : before, PREFIX, options.now())
  let claim: Claim = {token: options.token, at, expiresAt: at + options.leaseMs, holder: options.holder}
  const tag = Object.keys(claimTag(PREFIX, claim))
  await rest.tagResource(arn, claimTag(PREFIX, claim))
  const release = async () => {
    await rest.untagResource(arn, tag)
  }
  /** Whether the claim is still this run's; when `alone`, also that no other run claimed meanwhile. */
  const check = async (alone: boolean) => {
    const claims = liveClaims(await rest.getTags(arn), PREFIX, options.now())
    if (!claims.some((other) => other.token === claim.token)) throw takenOver(stage, claims[0])
    // Two runs whose claims cross: the one that checks last sees the other's, so at most one goes on (both may give up).
    const other = alone && claims.find((claimed) => claimed.token !== claim.token)
    if (other) throw runInProgress(stage, other)
  }
  try {
    await check(true)
  } catch (error) {
    await release()
    throw error
  }
  return {
    release,
    renew: async () => {
      await check(false)
      claim = {...claim, expiresAt: options.now() + options.leaseMs}
      await rest.tagResource(arn, claimTag(PREFIX, claim))
    },
  }
}

const holderText = (claim: Claim) => `${claim.holder ?? 'another run'} (since ${new Date(claim.at).toISOString()}, its claim counts until ${new Date(claim.expiresAt).toISOString()})`

function runInProgress(stage: CanaryStage, claim: Claim): ApigwError {
  return new ApigwError(`A canary run of ${stage.where} is already in progress: ${holderText(claim)}. This run changed nothing.`, {
    code: 'CANARY_RUN_IN_PROGRESS',
    exitCode: ExitCode.conflict,
    suggestions: [
      `Try: ${canaryCommand('status', stage)}, to watch it`,
      'Or: if that run died, the same command with --takeover (or wait until its claim expires)',
    ],
  })
}

function takenOver(stage: CanaryStage, claim: Claim | undefined): ApigwError {
  return new ApigwError(`Another canary run took over ${stage.where}${claim ? `: ${holderText(claim)}` : ''}. This run stopped and changes nothing more.`, {
    code: 'CANARY_RUN_TAKEN_OVER',
    exitCode: ExitCode.conflict,
    suggestions: [`Try: ${canaryCommand('status', stage)}`],
  })
}
