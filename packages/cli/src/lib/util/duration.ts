import {usageError} from '../errors.js'
import {closestMatches} from './text.js'

const UNIT_MS: Record<string, number> = {ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000}

const DAY_MS = UNIT_MS.d

/**
 * The longest duration each flag takes. Anything apigw waits for or sleeps through runs on a Node
 * timer, which cannot wait more than 2^31-1 ms (24.8 days): the default is 24d. Durations that
 * only reach back in time (--since, the sandbox traffic backfill's --duration) go as far as
 * CloudWatch keeps metrics (15 months), and a key rotation's --grace (a date in a tag) lasts up to
 * a year. The sandbox's --transition-delay (how long a cache takes to be created) stops at an hour.
 */
export const MAX_DURATION_MS: Record<string, number> = {
  '--since': 455 * DAY_MS,
  '--duration': 455 * DAY_MS,
  '--grace': 365 * DAY_MS,
  '--transition-delay': 3_600_000,
}
const DEFAULT_MAX_MS = 24 * DAY_MS

/** Parses "500ms", "45s", "15m", "3h", "7d" or a bare number of seconds into milliseconds, at most the flag's maximum. */
export function parseDuration(text: string, flag: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/.exec(text)
  if (!match) {
    throw usageError(`${flag} must be a duration such as 30s, 15m, 3h or 7d; got "${text}".`, [tryValue(flag, nearestDuration(text) ?? '60s')])
  }
  const ms = Math.round(Number(match[1]) * UNIT_MS[match[2] ?? 's'])
  const max = MAX_DURATION_MS[flag] ?? DEFAULT_MAX_MS
  if (!(ms <= max)) {
    throw usageError(`${flag} can be at most ${formatDuration(max)}; got "${text.trim()}".`, [tryValue(flag, formatDuration(max), ' or less')], 'DURATION_TOO_LONG')
  }
  return ms
}

/** A flag takes the value as typed; a setting inside another value (latency=, --latency p50) is told it. */
function tryValue(flag: string, value: string, otherwise = ''): string {
  return /^--[\w-]+$/.test(flag) ? `Try: ${flag} ${value}` : `Try: ${value}${otherwise}`
}

/** How people write units, by the unit apigw takes. */
const UNIT_WORDS: Record<string, keyof typeof UNIT_MS> = Object.fromEntries(
  Object.entries({
    ms: ['ms', 'msec', 'msecs', 'millis', 'millisecond', 'milliseconds'],
    s: ['s', 'sec', 'secs', 'second', 'seconds'],
    m: ['m', 'min', 'mins', 'minute', 'minutes'],
    h: ['h', 'hr', 'hrs', 'hour', 'hours'],
    d: ['d', 'day', 'days'],
  }).flatMap(([unit, words]) => words.map((word) => [word, unit])),
)

/**
 * The valid duration nearest to what was typed: "90min" → "90m", "5 minutes" → "5m", "2hrs" → "2h",
 * "1h30m" → "90m", "2 Days" → "2d"; a misspelt unit is matched by edit distance ("5 minuts" → "5m").
 */
export function nearestDuration(text: string): string | undefined {
  const lower = text.toLowerCase()
  const parts = [...lower.matchAll(/(\d+(?:\.\d+)?)\s*([a-z]*)/g)]
  if (parts.length === 0 || lower.replace(/(\d+(?:\.\d+)?)\s*([a-z]*)/g, '').replace(/[\s,]|and/g, '') !== '') return undefined
  let ms = 0
  for (const [, count, word] of parts) {
    const unit = word === '' ? 's' : (UNIT_WORDS[word] ?? UNIT_WORDS[closestMatches(word, Object.keys(UNIT_WORDS), 1)[0] ?? ''])
    if (unit === undefined) return undefined
    ms += Number(count) * UNIT_MS[unit]
  }
  return formatDuration(Math.round(ms))
}

export function formatSeconds(ms: number): string {
  const seconds = ms / 1000
  return seconds < 10 ? `${seconds.toFixed(1).replace(/\.0$/, '')} s` : `${Math.round(seconds)} s`
}

/** 1800000 → "30m", 90000 → "90s", 7200000 → "2h": the largest whole unit, as the duration flags take it. */
export function formatDuration(ms: number): string {
  for (const [unit, size] of [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1000]] as const) {
    if (ms >= size && ms % size === 0) return `${ms / size}${unit}`
  }
  return `${ms}ms`
}

/** 603_000_000 → "6d 23h", 5_400_000 → "1h 30m", 42_000 → "42s": the two largest units, rounded down, for people. */
export function formatTimeLeft(ms: number): string {
  const units = [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1000]] as const
  const first = units.findIndex(([, size]) => ms >= size)
  if (first === -1) return '0s'
  return units
    .slice(first, first + 2)
    .map(([unit, size], index) => [Math.floor((index === 0 ? ms : ms % units[first][1]) / size), unit] as const)
    .filter(([count], index) => index === 0 || count > 0)
    .map(([count, unit]) => `${count}${unit}`)
    .join(' ')
}
