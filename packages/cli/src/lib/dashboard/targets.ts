import type {AwsSession} from '../aws/index.js'
import {forEachTarget, located, type TargetReport, type TargetSpec} from '../fleet/index.js'
import {systemClock, type Clock} from '../util/clock.js'
import {readFleet, worstFirst, type Fleet} from './fleet.js'

/** The JSON shape of `dashboard --all` with --regions or --profiles (docs/json.md). */
export interface FleetOfTargets {
  /** The window every target was read over; null when none could be read. */
  window: Fleet['window'] | null
  rows: Array<Fleet['rows'][number] & Pick<TargetReport, 'account' | 'region' | 'profile'>>
  quiet: Array<Fleet['quiet'][number] & Pick<TargetReport, 'account' | 'region' | 'profile'>>
  targets: TargetReport[]
}

/** The fleet view of every target, read one target at a time per worker, in one table worst first. */
export async function readFleetTargets(specs: TargetSpec[], open: (spec: TargetSpec) => Promise<AwsSession>, options: {sinceMs: number; clock?: Clock}): Promise<FleetOfTargets> {
  // One instant for every target (--end's, or now), so that they all read the same window.
  const clock = options.clock ?? systemClock
  const now = clock.now()
  const run = await forEachTarget(specs, open, (session) => readFleet(session, {sinceMs: options.sinceMs, clock: {...clock, now: () => now}}))
  return {
    window: run.results[0]?.result.window ?? null,
    rows: located(run, (fleet) => fleet.rows).sort(worstFirst),
    quiet: located(run, (fleet) => fleet.quiet),
    targets: run.targets,
  }
}
