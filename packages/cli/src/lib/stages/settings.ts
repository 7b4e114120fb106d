import type {AwsSession} from '../aws/index.js'
import {usageError} from '../errors.js'
import {shellQuote} from '../util/shell.js'
import type {ChangeStep, Severity} from '../change/index.js'

/**
 * A stage's settings in one shape for every API kind: what `stages show` prints and what
 * `stages set` changes. Each kind's adapter (settings-rest.ts, settings-v2.ts) reads its stages
 * into this shape and writes changes back in its own way: JSON Patch for REST, fields for v2.
 */

export type LogLevel = 'OFF' | 'ERROR' | 'INFO'

export interface Throttle {
  /** Requests per second. */
  rateLimit: number | null
  burstLimit: number | null
}

/** How a REST method's responses are cached (REST method settings only). */
export interface MethodCaching {
  enabled: boolean | null
  ttlInSeconds: number | null
  dataEncrypted: boolean | null
  requireAuthorizationForCacheControl: boolean | null
  unauthorizedCacheControlHeaderStrategy: string | null
}

/** A REST stage's cache cluster: its size (GB, as AWS spells it) only while it is enabled. */
export interface CacheCluster {
  enabled: boolean
  size: string | null
}

/** The settings of one method (REST) or route (HTTP/WebSocket), or of all of them. */
export interface RouteSettings {
  throttle: Throttle | null
  logging: LogLevel | null
  dataTrace: boolean | null
  metrics: boolean | null
  caching: MethodCaching | null
}

export interface AccessLog {
  destinationArn: string | null
  format: string | null
}

export interface StageSettings {
  variables: Record<string, string>
  /** Stage-wide: REST's `*\/*` method settings, v2's default route settings. */
  defaults: RouteSettings
  /** By AWS's own key: REST `*\/*`, `pets/GET`; v2 `GET /pets`. */
  routes: Record<string, RouteSettings>
  /** X-Ray tracing: REST only. */
  tracing: boolean | null
  accessLog: AccessLog | null
  /** HTTP and WebSocket only. */
  autoDeploy: boolean | null
  /** REST only. */
  cacheCluster: CacheCluster | null
}

/** The settings a change can name, as the stable `setting` field of `stages set --json`. */
const SETTING_NAMES = ['variable', 'throttle', 'logging', 'dataTrace', 'metrics', 'tracing', 'accessLog', 'autoDeploy', 'cacheCluster', 'caching'] as const

interface Change<S extends (typeof SETTING_NAMES)[number], V> {
  setting: S
  /** A variable's name, or the method or route ("GET /pets"); null for stage-wide settings. */
  key: string | null
  /** Null when it was not set. */
  before: V | null
  /** Null when it is removed (an unset variable). */
  after: V | null
}

/** One setting that `stages set` changes, from what it is to what it will be. */
export type SettingChange =
  | Change<'variable', string>
  | Change<'throttle', Throttle>
  | Change<'logging', LogLevel>
  | Change<'dataTrace' | 'metrics' | 'tracing' | 'autoDeploy', boolean>
  | Change<'accessLog', AccessLog>
  | Change<'cacheCluster', CacheCluster>
  /** Only the caching fields asked for: before, their values in the method's own entry (null when it has none). */
  | Change<'caching', Partial<MethodCaching>>

/** What `stages set` was asked to change, checked and in AWS's terms. */
export interface SettingsRequest {
  variables: Record<string, string>
  unsetVariables: string[]
  throttle?: Throttle
  /** By method or route as the operator wrote it, normalised: "GET /pets", "$connect". */
  routeThrottles: Record<string, Throttle>
  logging?: LogLevel
  dataTrace?: boolean
  metrics?: boolean
  tracing?: boolean
  accessLog?: {destinationArn?: string; format?: string}
  autoDeploy?: boolean
  /** REST only: the stage's cache cluster as it should be. */
  cacheCluster?: CacheCluster
  /** REST only: stage-wide (`*\/*`) response caching. */
  caching?: Partial<MethodCaching>
  /** REST only: one method's response caching, by "GET /pets". */
  routeCaching?: Record<string, Partial<MethodCaching>>
}

/** One kind of API's way of reading and writing stage settings. `Raw` is its stage as AWS returns it. */
export interface SettingsAdapter<Raw> {
  /** A requested setting this kind of API does not have, with why, when there is one. */
  inapplicable(request: SettingsRequest): {flag: string; why: string} | undefined
  /** The methods (REST, "GET /pets") or routes (v2) that settings can name. */
  routeKeys(session: AwsSession, apiId: string): Promise<string[]>
  read(raw: Raw): StageSettings
  /** Where AWS keeps the settings of a method or route: REST `pets/GET`, v2 `GET /pets`. */
  settingsKey(route: string): string
  /** The one UpdateStage call that makes the changes. */
  updateStep(context: {session: AwsSession; apiId: string; stage: Raw; summary: string}, changes: SettingChange[]): ChangeStep
}

/**
 * What changes, setting by setting; settings that already have the requested value are left out,
 * so running the same command twice changes nothing the second time. Throws a usage error when
 * access logging would lack a destination or a format.
 */
export function settingChanges(current: StageSettings, request: SettingsRequest, settingsKey: (route: string) => string): SettingChange[] {
  const changes: SettingChange[] = [
    ...Object.entries(request.variables).map(([name, value]): SettingChange => ({setting: 'variable', key: name, before: current.variables[name] ?? null, after: value})),
    ...request.unsetVariables.map((name): SettingChange => ({setting: 'variable', key: name, before: current.variables[name] ?? null, after: null})),
  ]
  if (request.throttle) changes.push({setting: 'throttle', key: null, before: current.defaults.throttle, after: request.throttle})
  if (request.logging) changes.push({setting: 'logging', key: null, before: current.defaults.logging, after: request.logging})
  for (const setting of ['dataTrace', 'metrics'] as const) {
    const after = request[setting]
    if (after !== undefined) changes.push({setting, key: null, before: current.defaults[setting], after})
  }
  for (const setting of ['tracing', 'autoDeploy'] as const) {
    const after = request[setting]
    if (after !== undefined) changes.push({setting, key: null, before: current[setting], after})
  }
  if (request.accessLog) changes.push({setting: 'accessLog', key: null, before: current.accessLog, after: completeAccessLog(current.accessLog, request.accessLog)})
  if (request.cacheCluster) changes.push({setting: 'cacheCluster', key: null, before: current.cacheCluster, after: request.cacheCluster})
  if (request.caching) changes.push(cachingChange(null, current.defaults.caching, request.caching))
  // Last: a REST method's new settings entry starts as a copy of the stage-wide one as it is then (docs/aws-behaviour.md#a-new-method-setting-starts-from-the-stage-wide-one).
  for (const [route, throttle] of Object.entries(request.routeThrottles)) {
    changes.push({setting: 'throttle', key: route, before: current.routes[settingsKey(route)]?.throttle ?? null, after: throttle})
  }
  for (const [route, caching] of Object.entries(request.routeCaching ?? {})) {
    changes.push(cachingChange(route, current.routes[settingsKey(route)]?.caching ?? null, caching))
  }
  return changes.filter((change) => !sameValue(change.before, change.after))
}

/**
 * The caching fields asked for that differ from the method's own entry. Without an entry of its
 * own (`before` null) every field asked for is written, so that the method gets one: a method
 * only inherits `*\/*` caching when it is a GET. When its caching is off, `before` says so too
 * (`enabled: false`), for its other settings are then in force nowhere.
 */
function cachingChange(key: string | null, current: MethodCaching | null, wanted: Partial<MethodCaching>): SettingChange {
  const fields = (Object.keys(wanted) as Array<keyof MethodCaching>).filter((field) => current === null || current[field] !== wanted[field])
  const pick = (source: Partial<MethodCaching>, names: Array<keyof MethodCaching>) => Object.fromEntries(names.map((field) => [field, source[field] ?? null])) as Partial<MethodCaching>
  const off = current?.enabled === false && fields.length > 0 && !fields.includes('enabled')
  return {setting: 'caching', key, before: current && pick(current, off ? ['enabled', ...fields] : fields), after: pick(wanted, fields)}
}

function completeAccessLog(current: AccessLog | null, wanted: {destinationArn?: string; format?: string}): AccessLog {
  const destinationArn = wanted.destinationArn ?? current?.destinationArn ?? null
  const format = wanted.format ?? current?.format ?? null
  if (destinationArn === null) {
    throw usageError('The stage has no access log destination yet, so --access-log-format alone cannot turn access logging on.', ['Try: --access-log <log-group-arn> --access-log-format json'], 'ACCESS_LOG_INCOMPLETE')
  }
  if (format === null) {
    throw usageError('The stage has no access log format yet: access logging needs both a destination and a format.', [`Try: --access-log ${destinationArn} --access-log-format json (or clf, xml, csv, or your own with $context.requestId)`], 'ACCESS_LOG_INCOMPLETE')
  }
  return {destinationArn, format}
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b
  return JSON.stringify(a) === JSON.stringify(b)
}

/**
 * A change only adds when the setting was not set, or off, before: a new variable or throttle,
 * logging, metrics, tracing or caching turned on, access logging where there was none, and the
 * settings of a method whose caching is off. Changing or removing anything already in force is
 * destructive (it needs --yes without a terminal).
 */
export function changesSeverity(changes: SettingChange[]): Severity {
  return changes.every((change) => (change.setting === 'caching' && change.before?.enabled === false) || unset(change.before)) ? 'safe' : 'destructive'
}

/** Unset or off; for a group of values (a throttle, a cache cluster), every one of them. */
function unset(value: unknown): boolean {
  if (value !== null && typeof value === 'object') return Object.values(value).every(unset)
  return value === null || value === false || value === 'OFF'
}

/** "throttle GET /pets: - → 100/s burst 50", for change summaries. */
export function changeText(change: SettingChange): string {
  return `${settingLabel(change)}: ${settingValueText(change.before)} → ${change.after === null ? 'removed' : settingValueText(change.after)}`
}

export const settingLabel = (change: SettingChange) => (change.key === null ? change.setting : `${change.setting} ${change.key}`)

/** A setting's value for people: on/off, "100/s burst 50", "-" when unset. */
export function settingValueText(value: SettingChange['before']): string {
  if (value === null) return '-'
  if (typeof value === 'boolean') return value ? 'on' : 'off'
  if (typeof value === 'string') return value
  if ('rateLimit' in value) return `${value.rateLimit ?? '-'}/s burst ${value.burstLimit ?? '-'}`
  if ('destinationArn' in value) return `${value.destinationArn ?? '-'} format ${value.format ?? '-'}`
  if ('size' in value) return value.enabled ? `on, ${value.size ?? '-'} GB` : 'off'
  return cachingText(value)
}

const CACHING_LABELS: Record<keyof MethodCaching, string> = {
  enabled: '',
  ttlInSeconds: 'ttl',
  dataEncrypted: 'encrypted',
  requireAuthorizationForCacheControl: 'require auth',
  unauthorizedCacheControlHeaderStrategy: 'unauthorized',
}

/** "on, ttl 60 s", for the caching fields given. */
function cachingText(caching: Partial<MethodCaching>): string {
  return (Object.entries(caching) as Array<[keyof MethodCaching, MethodCaching[keyof MethodCaching]]>)
    .map(([field, value]) => [CACHING_LABELS[field], value === null ? '-' : typeof value === 'boolean' ? (value ? 'on' : 'off') : field === 'ttlInSeconds' ? `${value} s` : value].filter((part) => part !== '').join(' '))
    .join(', ')
}

/** The command that shows a stage's settings, for suggestions. */
export const stageShowCommand = (apiId: string, stage: string) => ['apigw', 'stages', 'show', '--api', apiId, '--stage', stage].map(shellQuote).join(' ')
