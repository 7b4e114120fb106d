import {usageError} from '../errors.js'
import {systemClock, type Clock} from './clock.js'
import {formatDuration, MAX_DURATION_MS, parseDuration} from './duration.js'

/** The window flags as typed: --since, or --start; --end with either. */
export interface WindowFlags {
  since?: string
  start?: string
  end?: string
}

/** The window a command reads: `sinceMs` back from its end, which is now unless --end moved it. */
export interface ReadWindow {
  sinceMs: number
  /** A clock stopped at --end, for the reading: the window ends there. Absent, it ends now. */
  clock?: Clock
  /** How the window was given, for messages: "--since 3h", "--start 2026-12-07T09:00Z". */
  label: string
}

/**
 * --since (a duration back from --end, default now) or --start (an ISO 8601 time; not both), and
 * --end. Times need their zone (Z or ±hh:mm); a bare date is midnight UTC. Checked before any AWS call.
 */
export function parseWindow(flags: WindowFlags, defaultSince: string, now: number = systemClock.now()): ReadWindow {
  if (flags.since !== undefined && flags.start !== undefined) throw usageError('--since and --start both set where the window begins; give one.', ['Try: --start alone (with --end), or --since alone'])
  const end = flags.end === undefined ? undefined : parseInstant(flags.end, '--end', now)
  if (end !== undefined && end > now) throw usageError(`--end ${flags.end} is in the future: metrics are read up to now at most.`, ['Try: leave out --end (it defaults to now)'])
  const clock = end === undefined ? undefined : {...systemClock, now: () => end}
  const until = end ?? now
  if (flags.start === undefined) {
    const since = flags.since ?? defaultSince
    return {sinceMs: parseDuration(since, '--since'), clock, label: `--since ${since}`}
  }
  const start = parseInstant(flags.start, '--start', now)
  if (start >= until) {
    throw usageError(`--start ${flags.start} is not before ${flags.end === undefined ? 'now' : `--end ${flags.end}`}.`, [`Try: --start ${new Date(until - 3_600_000).toISOString().slice(0, 16)}Z (an hour before)`])
  }
  const max = MAX_DURATION_MS['--since']
  if (until - start > max) throw usageError(`--start ${flags.start} is more than ${formatDuration(max)} before the window's end: CloudWatch keeps metrics 15 months.`, [`Try: --start ${new Date(until - max).toISOString().slice(0, 10)}`])
  return {sinceMs: until - start, clock, label: `--start ${flags.start}`}
}

const ISO_8601 = /^\d{4}-\d\d-\d\d(?:T\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:\d\d))?$/i

/** An ISO 8601 time with its zone, or a date (midnight UTC), as epoch ms. */
export function parseInstant(text: string, flag: string, now: number): number {
  const ms = ISO_8601.test(text.trim()) ? Date.parse(text.trim()) : Number.NaN
  if (Number.isNaN(ms)) {
    // A time with no zone would be read in this machine's zone, which a runbook's reader cannot know.
    const withZone = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?$/.test(text.trim()) ? `${text.trim()}Z` : `${new Date(now - 3_600_000).toISOString().slice(0, 16)}Z`
    throw usageError(`${flag} must be an ISO 8601 time with its zone, e.g. 2026-12-07T09:30Z or 2026-12-07T10:30+01:00, or a date (midnight UTC); got "${text}".`, [`Try: ${flag} ${withZone}`])
  }
  return ms
}
