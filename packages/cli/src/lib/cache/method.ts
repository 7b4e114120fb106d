import type {AwsSession} from '../aws/index.js'
import {usageError} from '../errors.js'
import {requireRoutes} from '../stages/index.js'
import {restSettings} from '../stages/index.js'
import {parseRoute} from '../stages/index.js'
import type {MethodCaching} from '../stages/index.js'
import type {PreparedChange} from '../change/index.js'
import {cacheRequest, prepareCacheChange, type CacheChanged} from './change.js'
import {parseTtl} from './limits.js'
import {openCacheStage} from './stage.js'

/** `cache method set`'s flags as typed. */
export interface MethodCachingInput {
  enabled?: string
  ttl?: string
  encrypt?: string
  requireAuth?: string
  unauthorized?: string
}

/** How a request whose caller may not invalidate the cache (Cache-Control: max-age=0) is answered. */
export const UNAUTHORIZED_STRATEGIES = {
  fail: 'FAIL_WITH_403',
  header: 'SUCCEED_WITH_RESPONSE_HEADER',
  ignore: 'SUCCEED_WITHOUT_RESPONSE_HEADER',
} as const

const FLAGS = '--enabled on|off, --ttl <seconds>, --encrypt on|off, --require-auth on|off, --unauthorized fail|header|ignore'

/** The caching fields asked for, checked before any AWS call; none at all is a usage error (NO_SETTINGS). */
export function parseMethodCaching(input: MethodCachingInput): Partial<MethodCaching> {
  const onOff = (value: string | undefined) => (value === undefined ? undefined : value === 'on')
  const wanted: Partial<MethodCaching> = {
    enabled: onOff(input.enabled),
    ttlInSeconds: input.ttl === undefined ? undefined : parseTtl(input.ttl),
    dataEncrypted: onOff(input.encrypt),
    requireAuthorizationForCacheControl: onOff(input.requireAuth),
    unauthorizedCacheControlHeaderStrategy: input.unauthorized === undefined ? undefined : UNAUTHORIZED_STRATEGIES[input.unauthorized as keyof typeof UNAUTHORIZED_STRATEGIES],
  }
  const given = Object.fromEntries(Object.entries(wanted).filter(([, value]) => value !== undefined)) as Partial<MethodCaching>
  if (Object.keys(given).length === 0) throw usageError(`Nothing to set: give at least one of ${FLAGS}.`, ["Try: apigw cache method set --api <api> --stage <stage> 'GET /pets' --enabled on --ttl 60"], 'NO_SETTINGS')
  return given
}

/**
 * `GET /pets/{id}` as REST method settings name it: one method (not ANY) and a resource path. Checked
 * before any AWS call.
 */
export function parseCachedMethod(text: string): string {
  const example = (route: string) => `apigw cache method set --api <api> --stage <stage> '${route}' (or --all for every method)`
  const route = parseRoute(text, 'the method', example)
  if (!route.includes(' ')) throw usageError(`The method "${text}" needs an HTTP method and a resource path, like 'GET /pets'.`, [`Try: ${example('GET /pets')}`], 'INVALID_SETTING')
  if (route.startsWith('ANY ')) {
    throw usageError(`The method "${text}": REST method settings name one method, not ANY: give GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS.`, [`Try: ${example(`GET ${route.slice(4)}`)}`], 'INVALID_SETTING')
  }
  return route
}

/**
 * Prepares one method's response caching (`method` "GET /pets/{id}") or every method's (`method` null,
 * AWS's `*\/*`) as one UpdateStage of patch operations on the method's exact paths, with each "/"
 * of the resource path written "~1" (docs/aws-behaviour.md#method-settings-keys-and-paths). A method the API does not have is
 * ROUTE_NOT_FOUND (exit 4).
 */
export async function prepareMethodCaching(session: AwsSession, options: {api: string; stage: string; method: string | null; caching: Partial<MethodCaching>}): Promise<PreparedChange<CacheChanged>> {
  const stage = await openCacheStage(session, options, 'method set')
  if (options.method !== null) requireRoutes(stage.api, [options.method], await restSettings.routeKeys(session, stage.api.id))
  const request = options.method === null ? cacheRequest({caching: options.caching}) : cacheRequest({routeCaching: {[options.method]: options.caching}})
  return prepareCacheChange(session, stage, request, {
    notes: stage.cluster.enabled ? [] : [`The ${stage.where} has no cache cluster: method caching takes effect once it has one (apigw cache enable).`],
    warnings: [],
  })
}
