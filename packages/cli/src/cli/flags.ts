import {parseDuration} from '../lib/util/duration.js'
import type {WindowFlags} from '../lib/util/window.js'
import {Args, Flags} from './oclif/command.js'

/**
 * The flags many commands share, built in one place so that each has one name, one description
 * and one way to be read: the API and stage a command works on, the window it reads, --wait, --dry-run.
 */

/** Which kinds of API a command takes; the --api description says so. */
export type ApiKinds = 'any' | 'rest' | 'rest-http'

const API_DESCRIPTIONS: Record<ApiKinds, string> = {
  any: 'API id or name (REST, HTTP or WebSocket)',
  rest: 'REST API id or name',
  'rest-http': 'API id or name (REST or HTTP)',
}

interface Presence {
  /** Default: required. */
  required?: boolean
  exclusive?: string[]
}

/** --api: the API a command works on, by id or name. */
export const apiFlag = (kinds: ApiKinds, {required = true, exclusive}: Presence = {}) => Flags.string({description: API_DESCRIPTIONS[kinds], required, exclusive})

/**
 * --stage: the stage of the API a command works on. `restChoosesOnly`: optional, because an API
 * with one stage needs no naming (REST exports).
 */
export const stageFlag = ({required = true, exclusive, restChoosesOnly = false}: Presence & {restChoosesOnly?: boolean} = {}) =>
  Flags.string({description: restChoosesOnly ? 'stage name (REST: required when the API has several stages)' : 'stage name', required: restChoosesOnly ? false : required, exclusive})

/** --stage, repeatable: several stages of the API. */
export const stagesFlag = ({exclusive}: Pick<Presence, 'exclusive'> = {}) => Flags.string({description: 'stage name (repeatable)', multiple: true, exclusive})

/** --api and --stage, both required: the stage a command works on. */
export const stageTargetFlags = (kinds: ApiKinds) => ({api: apiFlag(kinds), stage: stageFlag()})

/**
 * Where the CloudWatch window a command reads begins and ends: --since (back from --end) or
 * --start, and --end (default now), in whole minutes. parseWindow checks them.
 */
export const metricWindowFlags = (defaultSince: string) => ({
  since: Flags.string({description: `how far back, e.g. 15m, 3h (whole minutes; default ${defaultSince})`}),
  start: Flags.string({description: 'where the window begins instead of --since: an ISO 8601 time with its zone, e.g. 2026-12-07T09:00Z'}),
  end: Flags.string({description: 'where the window ends: an ISO 8601 time with its zone (default: now)'}),
})

/** The days of API key usage a command reads (GetUsage counts whole UTC days, at most 90). usageWindow checks them. */
export const usageWindowFlags = (defaultSince: string) => ({
  since: Flags.string({description: `the first day: a duration back from the last day, e.g. 7d (default ${defaultSince}), or a date (YYYY-MM-DD)`}),
  start: Flags.string({description: 'the first day instead of --since: a date (YYYY-MM-DD)'}),
  end: Flags.string({description: 'the last day: a date (default: today, UTC)'}),
})

/** The window flags out of a command's parsed flags. */
export const windowOf = (flags: Record<string, unknown>): WindowFlags => ({since: flags.since as string | undefined, start: flags.start as string | undefined, end: flags.end as string | undefined})

/** --period: the length of one value of a series, or one bar of a chart. */
export const periodFlag = ({exclusive}: Pick<Presence, 'exclusive'> = {}) =>
  Flags.string({description: 'one value (one bar of a chart) per period of this length (whole minutes)', default: '1m', exclusive})

/** --wait and --timeout, for a change whose effect takes a while: `until` says what it waits for. */
export const waitFlags = (until: string, defaultTimeout: string) => ({
  wait: Flags.boolean({description: `wait until ${until}, with progress on stderr (exit 7 after --timeout)`}),
  timeout: Flags.string({description: `with --wait: how long to wait, e.g. 90s, 15m (default: ${defaultTimeout})`, dependsOn: ['wait']}),
})

/**
 * --wait as the change's option: undefined without it (or in a dry run); --timeout checked before
 * any AWS call. (oclif types a command's own flags loosely, hence the casts.)
 */
export function waitOption(flags: Record<string, unknown>, defaultTimeout: string): {timeoutMs: number} | undefined {
  const timeoutMs = parseDuration((flags.timeout as string | undefined) ?? defaultTimeout, '--timeout')
  return flags.wait === true && flags['dry-run'] !== true ? {timeoutMs} : undefined
}

/** Flags of every command that changes AWS (docs/changes.md). */
export const changeFlags = {
  'dry-run': Flags.boolean({description: 'print the plan of AWS calls, with their exact input, and change nothing'}),
}

/** The usage plan and API key arguments of the `plans` commands. */
export const usagePlanArg = Args.string({description: 'usage plan id or name', required: true})
export const keyArg = Args.string({description: 'API key id or name', required: true})
