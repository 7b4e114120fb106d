import type {AwsSession} from '../aws/index.js'
import {mapConcurrently} from '../util/concurrency.js'
import {failureOf, type TargetSpec} from './targets.js'

/** One target as fleet views report it: JSON `targets[]` (docs/json.md). */
export interface TargetReport {
  /** The profile named with --profiles; null for the one in use. */
  profile: string | null
  region: string | null
  /** From STS GetCallerIdentity, once per profile; null when it could not be read. */
  account: string | null
  /** Why this target has no results; null when it has them. */
  error: {code: string; message: string} | null
}

export interface TargetResult<T> {
  target: TargetReport
  result: T
}

export interface FleetRun<T> {
  /** Every target, in the order named (profiles, then regions). */
  targets: TargetReport[]
  /** The targets that answered, with their results. */
  results: Array<TargetResult<T>>
}

/** Four at a time: enough to hide each region's latency, few enough not to be throttled. */
export const DEFAULT_CONCURRENCY = 4

/**
 * Runs `read` once per target, `concurrency` at a time, each with a session of its own. A target
 * that fails (its profile, its credentials, its region) is reported with its reason; the others go on.
 */
export async function forEachTarget<T>(
  specs: TargetSpec[],
  open: (spec: TargetSpec) => Promise<AwsSession>,
  read: (session: AwsSession) => Promise<T>,
  options: {concurrency?: number} = {},
): Promise<FleetRun<T>> {
  const accounts = new Map<string | undefined, Promise<string | null>>()
  const outcomes = await mapConcurrently(specs, options.concurrency ?? DEFAULT_CONCURRENCY, async (spec) => {
    const target: TargetReport = {profile: spec.profile ?? null, region: spec.region ?? null, account: null, error: null}
    try {
      const session = await open(spec)
      target.region = session.settings.region
      // An account that cannot be read leaves the column empty: the target's own calls say what is wrong, if anything.
      if (!accounts.has(spec.profile)) accounts.set(spec.profile, readAccount(session))
      target.account = await accounts.get(spec.profile)!
      return {target, result: await read(session)}
    } catch (error) {
      target.error = failureOf(error, target.region)
      return {target}
    }
  })
  return {
    targets: outcomes.map((outcome) => outcome.target),
    results: outcomes.filter((outcome) => outcome.target.error === null).map((outcome) => ({target: outcome.target, result: outcome.result as T})),
  }
}

async function readAccount(session: AwsSession): Promise<string | null> {
  try {
    return (await (await session.sts()).callerIdentity()).account || null
  } catch {
    return null
  }
}

/** The targets that failed. */
export const failedTargets = (run: {targets: TargetReport[]}) => run.targets.filter((target) => target.error !== null)

/** Every target's rows in one list, each with the account and region (and profile) it comes from. */
export function located<T, R extends object>(run: FleetRun<T>, rowsOf: (result: T) => R[]): Array<Pick<TargetReport, 'account' | 'region' | 'profile'> & R> {
  return run.results.flatMap(({target, result}) => rowsOf(result).map((row) => ({account: target.account, region: target.region, profile: target.profile, ...row})))
}
