import {readFile} from 'node:fs/promises'
import {usageError, type ApigwError} from '../errors.js'
import {formatDuration, parseDuration} from '../util/duration.js'
import {closestMatches, lineAndColumn} from '../util/text.js'
import type {GateLimits} from '../metrics/index.js'

export type FailAction = 'abort' | 'pause'

/** A progressive rollout, checked before anything starts. */
export interface RolloutSettings {
  /** Canary percentages, increasing, each in (0, 100]. */
  steps: number[]
  bakeMs: number
  intervalMs: number
  /** Each evaluation looks at the current step so far, at most this far back. */
  windowMs: number
  gates: GateLimits
  /** Fewer canary requests than this in the window: the evaluation is inconclusive. */
  minRequests: number
  /** More failed evaluations than this: --on-fail. */
  failureLimit: number
  onFail: FailAction
  promote: boolean
  timeoutMs: number
}

/** The settings' names, the same in rollout files (--plan) as the flags. */
export const SETTINGS = [
  'steps', 'bake', 'interval', 'window', 'max-5xx-rate', 'max-4xx-rate', 'max-p99', 'max-latency-increase',
  'min-requests', 'failure-limit', 'on-fail', 'promote', 'timeout',
] as const
export type SettingName = (typeof SETTINGS)[number]

/** Values as typed: flags give strings (promote a boolean); a YAML file gives whatever it holds. */
export type SettingValues = Partial<Record<SettingName, unknown>>

export const DEFAULTS = {
  interval: '1m',
  window: '5m',
  'max-5xx-rate': '1%',
  'max-4xx-rate': '5%',
  'max-p99': 'off',
  'max-latency-increase': '20%',
  'min-requests': '200',
  'failure-limit': '2',
  'on-fail': 'abort',
  promote: true,
  timeout: '2h',
} satisfies SettingValues

/** Where a value came from, for errors: a flag, or a field of the rollout file at a line. */
interface Source {
  name: SettingName
  /** '--bake', or 'canary.yaml line 3: bake' */
  label: string
  /** How to write it right: `--bake 5m` or `bake: 5m`. */
  example(value: string): string
}

const flagSource = (name: SettingName): Source => ({name, label: `--${name}`, example: (value) => `Try: --${name} ${value}`})

/**
 * The rollout from flags, over the fields of a rollout file (--plan), over the defaults. Every problem is a usage
 * error (exit 2) naming the flag, or the file, line and field: before any AWS call.
 */
export async function rolloutSettings(flags: SettingValues, rolloutFile?: string): Promise<RolloutSettings> {
  const file = rolloutFile === undefined ? undefined : await readRolloutFile(rolloutFile)
  const sourceOf = (name: SettingName): Source => (flags[name] !== undefined || !file || file.values[name] === undefined ? flagSource(name) : file.source(name))
  const valueOf = (name: SettingName): unknown => flags[name] ?? file?.values[name] ?? (DEFAULTS as SettingValues)[name]
  const read = <T>(name: SettingName, parse: (value: unknown, source: Source) => T): T => parse(valueOf(name), sourceOf(name))

  if (valueOf('steps') === undefined) throw usageError('--steps is required (or steps: in the --plan file): the canary percentages to go through.', ['Try: --steps 5,10,25,50,100'])
  if (valueOf('bake') === undefined) throw usageError('--bake is required (or bake: in the --plan file): how long each step runs before the next.', ['Try: --bake 5m'])
  const settings: RolloutSettings = {
    steps: read('steps', parseSteps),
    bakeMs: read('bake', positiveDuration),
    intervalMs: read('interval', positiveDuration),
    windowMs: read('window', positiveDuration),
    gates: {
      max5xxRate: read('max-5xx-rate', percentOrOff),
      max4xxRate: read('max-4xx-rate', percentOrOff),
      maxP99Ms: read('max-p99', latencyOrOff),
      maxLatencyIncrease: read('max-latency-increase', increaseOrOff),
    },
    minRequests: read('min-requests', count),
    failureLimit: read('failure-limit', count),
    onFail: read('on-fail', failAction),
    promote: read('promote', yesOrNo),
    timeoutMs: read('timeout', positiveDuration),
  }
  const baking = settings.steps.length * settings.bakeMs
  if (settings.timeoutMs < baking) {
    const source = sourceOf('timeout')
    throw invalid(source, `${source.label} ${formatDuration(settings.timeoutMs)} is shorter than the steps take to bake (${settings.steps.length} × ${formatDuration(settings.bakeMs)}): the rollout could only time out.`, source.example(formatDuration(baking * 2)))
  }
  return settings
}

/** The absolute gates' flags as typed, with their defaults filled in (`metrics check`, `dashboard` thresholds). */
export type GateFlagValues = Record<'max-5xx-rate' | 'max-4xx-rate' | 'max-p99', string>

/** The absolute gates, parsed as `canary run` parses them: usage errors (exit 2) name the flag. */
export function absoluteGates(values: GateFlagValues): GateLimits {
  return {
    max5xxRate: percentOrOff(values['max-5xx-rate'], flagSource('max-5xx-rate')),
    max4xxRate: percentOrOff(values['max-4xx-rate'], flagSource('max-4xx-rate')),
    maxP99Ms: latencyOrOff(values['max-p99'], flagSource('max-p99')),
    maxLatencyIncrease: null,
  }
}

/** A --min-requests value: a whole number, 0 or more. */
export const parseMinRequests = (value: string) => count(value, flagSource('min-requests'))

async function readRolloutFile(path: string): Promise<{values: SettingValues; source(name: SettingName): Source}> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT'
    throw usageError(missing ? `No such plan file: ${path}` : `Cannot read ${path}: ${(error as Error).message}`, ['Try: check the --plan path (relative to the current directory)'], 'INVALID_CANARY_PLAN')
  }
  const {offsetOfKey, parseYaml} = await import('../util/yaml-source.js')
  const lineOf = (key: string) => lineAndColumn(text, offsetOfKey(text, [key])).line
  const parsed = parseYaml(text)
  if (!parsed.ok) {
    throw usageError(`${path} line ${lineAndColumn(text, parsed.offset).line}: ${parsed.message}`, [`Try: fix ${path}; nothing was changed`], 'INVALID_CANARY_PLAN')
  }
  const values = parsed.value ?? {}
  if (typeof values !== 'object' || Array.isArray(values)) {
    throw usageError(`${path} must hold a mapping of rollout settings (steps, bake, …), not a ${Array.isArray(values) ? 'list' : typeof values}.`, ['Try: see examples/canary.yaml'], 'INVALID_CANARY_PLAN')
  }
  for (const key of Object.keys(values)) {
    if ((SETTINGS as readonly string[]).includes(key)) continue
    const close = SETTINGS.find((name) => name.startsWith(key)) ?? closestMatches(key, [...SETTINGS])[0]
    throw usageError(`${path} line ${lineOf(key)}: unknown field "${key}"${close ? `; did you mean ${close}?` : '.'}`, [`Try: one of ${SETTINGS.join(', ')}`], 'INVALID_CANARY_PLAN')
  }
  return {
    values: values as SettingValues,
    source: (name) => ({name, label: `${path} line ${lineOf(name)}: ${name}`, example: (value) => `Try: ${name}: ${value} (in ${path})`}),
  }
}

function invalid(source: Source, message: string, suggestion: string): ApigwError {
  return usageError(message, [suggestion], source.label.startsWith('--') ? 'USAGE' : 'INVALID_CANARY_PLAN')
}

function parseSteps(value: unknown, source: Source): number[] {
  const parts = Array.isArray(value) ? value : String(value).split(',')
  const steps = parts.map((part) => Number(String(part).trim().replace(/%$/, '')))
  const bad = steps.findIndex((step, i) => !(step > 0 && step <= 100) || String(parts[i]).trim() === '' || (i > 0 && step <= steps[i - 1]))
  if (steps.length === 0 || bad >= 0) {
    throw invalid(source, `${source.label} must be canary percentages that go up, each more than 0 and at most 100; got ${JSON.stringify(value)}.`, source.example('5,10,25,50,100'))
  }
  return steps
}

function positiveDuration(value: unknown, source: Source): number {
  const ms = parseDuration(String(value), source.label)
  if (ms <= 0) throw invalid(source, `${source.label} must be longer than 0; got "${value}".`, source.example('1m'))
  return ms
}

const OFF = /^\s*(off|none)\s*$/i

/** "1%" → 0.01. The % is required: a bare 1 could mean 1% or 100%. */
function percentOrOff(value: unknown, source: Source): number | null {
  if (OFF.test(String(value))) return null
  const match = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(String(value))
  const share = match ? Number(match[1]) / 100 : Number.NaN
  if (!(share >= 0 && share <= 1)) throw invalid(source, `${source.label} must be a percentage between 0% and 100% (with the %), or off; got ${JSON.stringify(value)}.`, source.example('1%'))
  return share
}

/** Like a percentage, but above 100% too: a canary may be allowed to be twice as slow. */
function increaseOrOff(value: unknown, source: Source): number | null {
  if (OFF.test(String(value))) return null
  const match = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(String(value))
  if (!match) throw invalid(source, `${source.label} must be a percentage (with the %), or off; got ${JSON.stringify(value)}.`, source.example('20%'))
  return Number(match[1]) / 100
}

/** "800ms", "1.5s": a bare number is refused, as it could be seconds or milliseconds. */
function latencyOrOff(value: unknown, source: Source): number | null {
  if (OFF.test(String(value))) return null
  if (!/[a-z]\s*$/i.test(String(value))) throw invalid(source, `${source.label} needs a unit, e.g. 800ms or 1.5s; got ${JSON.stringify(value)}.`, source.example('800ms'))
  return positiveDuration(value, source)
}

function count(value: unknown, source: Source): number {
  const number = Number(String(value).trim())
  if (!Number.isInteger(number) || number < 0 || String(value).trim() === '') throw invalid(source, `${source.label} must be a whole number, 0 or more; got ${JSON.stringify(value)}.`, source.example('2'))
  return number
}

function failAction(value: unknown, source: Source): FailAction {
  if (value === 'abort' || value === 'pause') return value
  throw invalid(source, `${source.label} must be abort or pause; got ${JSON.stringify(value)}.`, source.example('abort'))
}

function yesOrNo(value: unknown, source: Source): boolean {
  if (typeof value === 'boolean') return value
  throw invalid(source, `${source.label} must be true or false; got ${JSON.stringify(value)}.`, source.example('true'))
}
