import {describe, expect, it} from 'vitest'
import {CACHE_SIZES, parseCacheSize, parseTtl} from '../../packages/cli/src/lib/cache/limits.js'
import {parseCachedMethod, parseMethodCaching} from '../../packages/cli/src/lib/cache/method.js'
import {methodStatuses} from '../../packages/cli/src/lib/cache/status.js'
import type {Resource} from '../../packages/cli/src/lib/aws/rest-gateway.js'
import {ApigwError} from '../../packages/cli/src/lib/errors.js'
import {restPatchOperations, restSettings} from '../../packages/cli/src/lib/stages/settings-rest.js'
import {changesSeverity, changeText, settingChanges, type MethodCaching, type SettingsRequest, type StageSettings} from '../../packages/cli/src/lib/stages/settings.js'

const failure = (run: () => unknown): ApigwError => {
  try {
    run()
  } catch (error) {
    if (error instanceof ApigwError) return error
    throw error
  }
  return expect.unreachable('it did not throw')
}

const AWS_DEFAULTS: MethodCaching = {
  enabled: false,
  ttlInSeconds: 300,
  dataEncrypted: false,
  requireAuthorizationForCacheControl: true,
  unauthorizedCacheControlHeaderStrategy: 'SUCCEED_WITH_RESPONSE_HEADER',
}
const noSettings = {throttle: null, logging: null, dataTrace: null, metrics: null}

function stage(fields: Partial<StageSettings> = {}): StageSettings {
  return {variables: {}, defaults: {...noSettings, caching: null}, routes: {}, tracing: false, accessLog: null, autoDeploy: null, cacheCluster: {enabled: false, size: null}, ...fields}
}
const request = (fields: Partial<SettingsRequest>): SettingsRequest => ({variables: {}, unsetVariables: [], routeThrottles: {}, ...fields})
const changesOf = (current: StageSettings, fields: Partial<SettingsRequest>) => settingChanges(current, request(fields), restSettings.settingsKey)

describe('method caching patch paths', () => {
  it("writes one method's caching under its resource path with each / as ~1, only the fields asked for", () => {
    const changes = changesOf(stage(), {routeCaching: {'GET /pets/{id}': {enabled: true, ttlInSeconds: 60}}})
    expect(restPatchOperations(changes)).toEqual([
      {op: 'replace', path: '/~1pets~1{id}/GET/caching/enabled', value: 'true'},
      {op: 'replace', path: '/~1pets~1{id}/GET/caching/ttlInSeconds', value: '60'},
    ])
  })

  it('writes every caching field under /*/* for all methods, values as strings', () => {
    const caching = {enabled: false, ttlInSeconds: 0, dataEncrypted: true, requireAuthorizationForCacheControl: false, unauthorizedCacheControlHeaderStrategy: 'FAIL_WITH_403'}
    expect(restPatchOperations(changesOf(stage(), {caching}))).toEqual([
      {op: 'replace', path: '/*/*/caching/enabled', value: 'false'},
      {op: 'replace', path: '/*/*/caching/ttlInSeconds', value: '0'},
      {op: 'replace', path: '/*/*/caching/dataEncrypted', value: 'true'},
      {op: 'replace', path: '/*/*/caching/requireAuthorizationForCacheControl', value: 'false'},
      {op: 'replace', path: '/*/*/caching/unauthorizedCacheControlHeaderStrategy', value: 'FAIL_WITH_403'},
    ])
  })

  it("leaves out fields a method's own entry already has, and the whole change when nothing differs", () => {
    const current = stage({routes: {'pets/GET': {...noSettings, caching: {...AWS_DEFAULTS, enabled: true}}}})
    expect(changesOf(current, {routeCaching: {'GET /pets': {enabled: true, ttlInSeconds: 300}}})).toEqual([])
    expect(changesOf(current, {routeCaching: {'GET /pets': {enabled: true, ttlInSeconds: 60}}})).toEqual([
      {setting: 'caching', key: 'GET /pets', before: {ttlInSeconds: 300}, after: {ttlInSeconds: 60}},
    ])
  })

  it('writes every field asked for when the method has no entry of its own, even if */* has the same values (a POST does not inherit caching)', () => {
    const current = stage({defaults: {...noSettings, caching: {...AWS_DEFAULTS, enabled: true}}})
    const changes = changesOf(current, {routeCaching: {'POST /pets': {enabled: true}}})
    expect(changes).toEqual([{setting: 'caching', key: 'POST /pets', before: null, after: {enabled: true}}])
    expect(restPatchOperations(changes)).toEqual([{op: 'replace', path: '/~1pets/POST/caching/enabled', value: 'true'}])
  })

  it('turning caching on, or changing the settings of a method whose caching is off, adds (safe); changing a TTL in force or turning caching off is destructive', () => {
    const off = stage({defaults: {...noSettings, caching: AWS_DEFAULTS}})
    expect(changesSeverity(changesOf(off, {caching: {enabled: true}}))).toBe('safe')
    expect(changesSeverity(changesOf(off, {caching: {enabled: true, ttlInSeconds: 60}}))).toBe('safe')
    expect(changeText(changesOf(off, {caching: {enabled: true, ttlInSeconds: 60}})[0])).toBe('caching: off, ttl 300 s → on, ttl 60 s')
    const ttlOnly = changesOf(off, {caching: {ttlInSeconds: 60}})
    expect(ttlOnly).toEqual([{setting: 'caching', key: null, before: {enabled: false, ttlInSeconds: 300}, after: {ttlInSeconds: 60}}])
    expect(changesSeverity(ttlOnly)).toBe('safe')
    expect(restPatchOperations(ttlOnly)).toEqual([{op: 'replace', path: '/*/*/caching/ttlInSeconds', value: '60'}])
    expect(changesOf(off, {caching: {ttlInSeconds: 300}})).toEqual([])

    const on = stage({defaults: {...noSettings, caching: {...AWS_DEFAULTS, enabled: true}}})
    expect(changesSeverity(changesOf(on, {caching: {ttlInSeconds: 60}}))).toBe('destructive')
    expect(changesSeverity(changesOf(on, {caching: {enabled: false}}))).toBe('destructive')
  })
})

describe('cache cluster patch operations', () => {
  const cluster = (enabled: boolean, size: string | null) => stage({cacheCluster: {enabled, size}})

  it('enable sends /cacheClusterEnabled then /cacheClusterSize, and is safe', () => {
    const changes = changesOf(cluster(false, null), {cacheCluster: {enabled: true, size: '0.5'}})
    expect(restPatchOperations(changes)).toEqual([
      {op: 'replace', path: '/cacheClusterEnabled', value: 'true'},
      {op: 'replace', path: '/cacheClusterSize', value: '0.5'},
    ])
    expect(changesSeverity(changes)).toBe('safe')
  })

  it('resize sends only /cacheClusterSize, and is destructive', () => {
    const changes = changesOf(cluster(true, '0.5'), {cacheCluster: {enabled: true, size: '6.1'}})
    expect(restPatchOperations(changes)).toEqual([{op: 'replace', path: '/cacheClusterSize', value: '6.1'}])
    expect(changesSeverity(changes)).toBe('destructive')
    expect(changeText(changes[0])).toBe('cacheCluster: on, 0.5 GB → on, 6.1 GB')
  })

  it('disable sends only /cacheClusterEnabled false, and is destructive; a cluster already so is no change', () => {
    const changes = changesOf(cluster(true, '1.6'), {cacheCluster: {enabled: false, size: null}})
    expect(restPatchOperations(changes)).toEqual([{op: 'replace', path: '/cacheClusterEnabled', value: 'false'}])
    expect(changesSeverity(changes)).toBe('destructive')
    expect(changesOf(cluster(false, null), {cacheCluster: {enabled: false, size: null}})).toEqual([])
  })
})

describe('cache sizes and TTLs, checked before any AWS call', () => {
  it("takes AWS's sizes, in AWS's spelling", () => {
    for (const size of CACHE_SIZES) expect(parseCacheSize(size)).toBe(size)
    expect(parseCacheSize('6.10')).toBe('6.1')
    expect(parseCacheSize('118.0')).toBe('118')
  })

  it('refuses any other size with the list (exit 2, INVALID_CACHE_SIZE)', () => {
    for (const size of ['2', '0.25', '', 'big', '500']) {
      const error = failure(() => parseCacheSize(size))
      expect(error).toMatchObject({code: 'INVALID_CACHE_SIZE', exitCode: 2})
      expect(error.message).toBe(`--size ${size} is not a cache cluster size. Sizes (GB): 0.5, 1.6, 6.1, 13.5, 28.4, 58.2, 118, 237.`)
    }
  })

  it('takes whole seconds from 0 to 3600 as a TTL', () => {
    expect([parseTtl('0'), parseTtl('300'), parseTtl('3600')]).toEqual([0, 300, 3600])
    for (const ttl of ['3601', '-1', '1.5', '5m', '']) expect(failure(() => parseTtl(ttl))).toMatchObject({code: 'INVALID_CACHE_TTL', exitCode: 2})
  })
})

describe('cache method set input', () => {
  it("normalises the method, and refuses ANY, a bare key, an unknown method and a path without /", () => {
    expect(parseCachedMethod('get  /pets/{id}')).toBe('GET /pets/{id}')
    expect(failure(() => parseCachedMethod('ANY /pets')).message).toContain('not ANY')
    expect(failure(() => parseCachedMethod('/pets')).message).toBe('The method "/pets" needs an HTTP method and a resource path, like \'GET /pets\'.')
    expect(failure(() => parseCachedMethod('FETCH /pets')).message).toBe('the method "FETCH /pets": "FETCH" is not a method. Methods: GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, ANY.')
    expect(failure(() => parseCachedMethod('GET pets')).suggestions).toEqual(["Try: apigw cache method set --api <api> --stage <stage> 'GET /pets' (or --all for every method)"])
  })

  it("maps the flags to AWS's fields and values, and wants at least one", () => {
    expect(parseMethodCaching({enabled: 'on', ttl: '60', encrypt: 'off', requireAuth: 'on', unauthorized: 'ignore'})).toEqual({
      enabled: true,
      ttlInSeconds: 60,
      dataEncrypted: false,
      requireAuthorizationForCacheControl: true,
      unauthorizedCacheControlHeaderStrategy: 'SUCCEED_WITHOUT_RESPONSE_HEADER',
    })
    expect(parseMethodCaching({unauthorized: 'fail'})).toEqual({unauthorizedCacheControlHeaderStrategy: 'FAIL_WITH_403'})
    expect(failure(() => parseMethodCaching({}))).toMatchObject({code: 'NO_SETTINGS', exitCode: 2})
  })
})

describe('which methods are cached', () => {
  const resources: Resource[] = [
    {path: '/pets', resourceMethods: {GET: {methodIntegration: {cacheKeyParameters: ['method.request.querystring.page']}}, POST: {}}},
    {path: '/pets/{id}', resourceMethods: {GET: {}, DELETE: {}}},
  ]
  const on = {...AWS_DEFAULTS, enabled: true}

  it('a method without settings of its own follows */* only if it is a GET; its own settings win; a TTL of 0 caches nothing', () => {
    const own: Record<string, MethodCaching> = {'DELETE /pets/{id}': on, 'GET /pets/{id}': {...on, ttlInSeconds: 0}}
    const statuses = methodStatuses(true, on, (route) => own[route] ?? null, resources)
    expect(statuses.map(({method, source, cached}) => [method, source, cached])).toEqual([
      ['*/*', 'stage', true],
      ['GET /pets', 'inherited', true],
      ['POST /pets', 'inherited', false],
      ['DELETE /pets/{id}', 'own', true],
      ['GET /pets/{id}', 'own', false],
    ])
    expect(statuses[1].cacheKeyParameters).toEqual(['method.request.querystring.page'])
    expect(statuses[2].cacheKeyParameters).toBeNull()
    expect(statuses[0].cacheKeyParameters).toBeNull()
  })

  it('nothing is cached without a cluster, or with caching off', () => {
    expect(methodStatuses(false, on, () => null, resources).some((status) => status.cached)).toBe(false)
    expect(methodStatuses(true, AWS_DEFAULTS, () => null, resources).some((status) => status.cached)).toBe(false)
    expect(methodStatuses(true, null, () => null, resources)[0]).toEqual({method: '*/*', source: 'stage', cached: false, caching: null, cacheKeyParameters: null})
  })
})
