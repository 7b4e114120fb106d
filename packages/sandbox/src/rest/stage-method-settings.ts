import {CACHE_TTL_SECONDS} from '../facts.js'
import {badRequest} from '../http.js'
import type {MethodSetting, StageRecord} from '../model.js'
import {unescapePointer} from './patch.js'
import {parseBoolean, parseChoice, parseInteger, parseNumber} from './stage-values.js'

/** A method setting as AWS creates it when nothing has been set (`loggingLevel` stays absent). */
export const DEFAULT_METHOD_SETTING: MethodSetting = {
  metricsEnabled: false,
  dataTraceEnabled: false,
  throttlingBurstLimit: 5000,
  throttlingRateLimit: 10000.0,
  cachingEnabled: false,
  cacheTtlInSeconds: 300,
  cacheDataEncrypted: false,
  requireAuthorizationForCacheControl: true,
  unauthorizedCacheControlHeaderStrategy: 'SUCCEED_WITH_RESPONSE_HEADER',
}

const WILDCARD_KEY = '*/*'
const HTTP_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'])

interface SettingSpec {
  field: keyof MethodSetting
  parse(value: string | undefined, path: string): MethodSetting[keyof MethodSetting]
}

/** The settings a patch path can name after `/<resourcePath>/<METHOD>/`, in AWS's order. */
const SETTINGS: Record<string, SettingSpec> = {
  'metrics/enabled': {field: 'metricsEnabled', parse: parseBoolean},
  'logging/dataTrace': {field: 'dataTraceEnabled', parse: parseBoolean},
  'logging/loglevel': {field: 'loggingLevel', parse: (value, path) => parseChoice(value, path, ['OFF', 'ERROR', 'INFO'])},
  'throttling/burstLimit': {field: 'throttlingBurstLimit', parse: (value, path) => parseInteger(value, path, 0)},
  'throttling/rateLimit': {field: 'throttlingRateLimit', parse: (value, path) => parseNumber(value, path, 0)},
  'caching/ttlInSeconds': {field: 'cacheTtlInSeconds', parse: (value, path) => parseInteger(value, path, CACHE_TTL_SECONDS.min, CACHE_TTL_SECONDS.max)},
  'caching/enabled': {field: 'cachingEnabled', parse: parseBoolean},
  'caching/dataEncrypted': {field: 'cacheDataEncrypted', parse: parseBoolean},
  'caching/requireAuthorizationForCacheControl': {field: 'requireAuthorizationForCacheControl', parse: parseBoolean},
  'caching/unauthorizedCacheControlHeaderStrategy': {
    field: 'unauthorizedCacheControlHeaderStrategy',
    parse: (value, path) => parseChoice(value, path, ['FAIL_WITH_403', 'SUCCEED_WITH_RESPONSE_HEADER', 'SUCCEED_WITHOUT_RESPONSE_HEADER']),
  },
}

const STAGE_FIELD_PATHS = [
  '/deploymentId',
  '/description',
  '/cacheClusterEnabled',
  '/cacheClusterSize',
  '/clientCertificateId',
  '/accessLogSettings',
  '/accessLogSettings/destinationArn',
  '/accessLogSettings/format',
]

/** The settings paths under one prefix, run together after the throttling paths as AWS's own list does. */
function settingPathsText(prefix: string, afterThrottling: string): string {
  return Object.keys(SETTINGS)
    .map((setting, i, all) => `${prefix}/${setting}${i === all.length - 1 ? '' : setting.startsWith('throttling/') ? afterThrottling : ', '}`)
    .join('')
}

/** AWS's list of valid UpdateStage paths, exactly as its error message prints it (the canary paths are not in it). */
const VALID_PATHS_TEXT = [
  ...STAGE_FIELD_PATHS,
  settingPathsText('/{resourcePath}/{httpMethod}', ''),
  settingPathsText('/*/*', ' '),
  '/variables/{variable_name}',
  '/tracingEnabled',
].join(', ')

export const invalidPath = (path: string) => badRequest(`Invalid method setting path: ${path}. Must be one of: [${VALID_PATHS_TEXT}]`)

/**
 * The methodSettings key (`pets/GET`, `pets/{id}/GET`, `/GET` for the root, or the wildcard entry)
 * named by the leading segments of a patch path. A resource path's own slashes may be written `~1`
 * or plainly, so the method is the last segment. Undefined when AWS refuses it: `ANY`, or a
 * wildcard anywhere but in both segments.
 */
function methodKey(segments: string[]): string | undefined {
  const method = segments.at(-1)!
  const resourcePath = segments.slice(0, -1).map(unescapePointer).join('/').replace(/^\//, '')
  if (resourcePath === '*' && method === '*') return WILDCARD_KEY
  if (resourcePath.includes('*') || !HTTP_METHODS.has(method)) return undefined
  return `${resourcePath}/${method}`
}

/** `/<resourcePath>/<METHOD>/<group>/<setting>` → the entry's key and the setting, when it is one. */
export function parseSettingPath(path: string): {key: string; spec: SettingSpec} | undefined {
  const segments = path.slice(1).split('/')
  if (segments.length < 4) return undefined
  const spec = SETTINGS[segments.slice(-2).join('/')]
  const key = spec && methodKey(segments.slice(0, -2))
  return key ? {key, spec} : undefined
}

/** Sets one setting; a new entry starts as a copy of the wildcard entry as it is now (or AWS's defaults). */
export function setMethodSetting(stage: StageRecord, key: string, spec: SettingSpec, value: string | undefined, path: string): void {
  const entry = stage.methodSettings[key] ?? {...(stage.methodSettings[WILDCARD_KEY] ?? DEFAULT_METHOD_SETTING)}
  Object.assign(entry, {[spec.field]: spec.parse(value, path)})
  stage.methodSettings[key] = entry
}

/** Puts one setting of an existing entry back to its default (`loggingLevel` goes away). */
export function resetMethodSetting(stage: StageRecord, key: string, spec: SettingSpec): void {
  const entry = requireEntry(stage, key)
  if (spec.field === 'loggingLevel') delete entry.loggingLevel
  else Object.assign(entry, {[spec.field]: DEFAULT_METHOD_SETTING[spec.field]})
}

/** Removes a whole entry, named by a path `/<resourcePath>/<METHOD>`. */
export function removeMethodSettings(stage: StageRecord, path: string): void {
  const key = path.slice(1).split('/').map(unescapePointer).join('/').replace(/^\//, '')
  requireEntry(stage, key)
  delete stage.methodSettings[key]
}

function requireEntry(stage: StageRecord, key: string): MethodSetting {
  const entry = Object.hasOwn(stage.methodSettings, key) ? stage.methodSettings[key] : undefined
  if (!entry) throw badRequest(`Cannot remove method setting ${key} because there is no method setting for this method `)
  return entry
}
