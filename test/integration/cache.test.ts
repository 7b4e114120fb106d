import {CreateStageCommand, GetStageCommand, PutIntegrationCommand, UpdateStageCommand} from '@aws-sdk/client-api-gateway'
import {describe, expect, it} from 'vitest'
import {TABLES, type StageRecord} from '../../packages/sandbox/src/model.js'
import {awsEnv, runCli} from '../helpers/cli.js'
import {clients, env, sandbox, seed, useSandboxCli} from '../helpers/sandbox-cli.js'
import {startInterceptingProxy} from '../helpers/throttle-proxy.js'
import {movableClock} from '../helpers/sandbox-clock.js'

/** As long as on AWS, on a clock the test moves: a cluster is CREATE_IN_PROGRESS until the test says the time has passed. */
const DELAY_MS = 4 * 60_000
const time = movableClock()
useSandboxCli({}, {transitionDelayMs: DELAY_MS, clock: time.clock})
/** The sandbox's cache transitions under way are over. */
const transitionsOver = () => time.forward(DELAY_MS)

const apigw = (...args: string[]) => runCli(args, env)
/** The CLI pointed at a port nothing listens on: a usage error there proves nothing was sent to AWS. */
const offline = (...args: string[]) => runCli(args, awsEnv('http://127.0.0.1:9', {AWS_MAX_ATTEMPTS: '1'}))
const json = (stdout: string) => JSON.parse(stdout)

/** Each case is a usage error (exit 2) saying `message`, with nothing sent to AWS. */
async function expectUsageErrors(command: string[], cases: ReadonlyArray<readonly [readonly string[], string]>): Promise<void> {
  for (const [args, message] of cases) {
    const result = await offline(...command, ...args)
    expect(result.code, args.join(' ')).toBe(2)
    expect(result.stderr).toContain(message)
  }
}

const restStage = (restApiId: string, stageName = 'prod') => clients.rest.send(new GetStageCommand({restApiId, stageName}))
const storedStage = (restApiId: string, stageName = 'prod') => sandbox.context.store.get<StageRecord>(TABLES.stages, `${restApiId}/${stageName.toLowerCase()}`)!
const enableCluster = (restApiId: string, stageName = 'prod') =>
  clients.rest.send(new UpdateStageCommand({restApiId, stageName, patchOperations: [{op: 'replace', path: '/cacheClusterEnabled', value: 'true'}]}))

describe('cache enable, resize, disable', () => {
  it('--dry-run shows the exact UpdateStage and changes nothing; enable creates the cluster and turns */* caching on', async () => {
    const api = await seed.petsApi('cache-enable')
    const dry = await apigw('cache', 'enable', '--api', api.id, '--stage', 'prod', '--ttl', '120', '--encrypt', '--dry-run', '--json')
    expect(dry.code, dry.stderr).toBe(0)
    const {plan} = json(dry.stdout)
    expect(plan.severity).toBe('safe')
    expect(plan.steps).toEqual([
      expect.objectContaining({
        operation: 'UpdateStage',
        input: {
          restApiId: api.id,
          stageName: 'prod',
          patchOperations: [
            {op: 'replace', path: '/cacheClusterEnabled', value: 'true'},
            {op: 'replace', path: '/cacheClusterSize', value: '0.5'},
            {op: 'replace', path: '/*/*/caching/enabled', value: 'true'},
            {op: 'replace', path: '/*/*/caching/ttlInSeconds', value: '120'},
            {op: 'replace', path: '/*/*/caching/dataEncrypted', value: 'true'},
          ],
        },
      }),
    ])
    expect((await restStage(api.id)).cacheClusterEnabled).toBe(false)

    const result = await apigw('cache', 'enable', '--api', 'cache-enable', '--stage', 'prod', '--size', '1.6', '--ttl', '120', '--json')
    expect(result.code, result.stderr).toBe(0)
    expect(result.stderr).toContain('A 1.6 GB cache cluster is billed by the hour from when it is created')
    expect(json(result.stdout)).toEqual({
      api: {id: api.id, name: 'cache-enable', type: 'rest'},
      stage: 'prod',
      changes: [
        {setting: 'cacheCluster', key: null, before: {enabled: false, size: null}, after: {enabled: true, size: '1.6'}},
        {setting: 'caching', key: null, before: null, after: {enabled: true, ttlInSeconds: 120}},
      ],
      cluster: {enabled: true, size: '1.6', status: 'CREATE_IN_PROGRESS'},
    })
    const stage = await restStage(api.id)
    expect(stage).toMatchObject({cacheClusterEnabled: true, cacheClusterSize: '1.6'})
    expect(stage.methodSettings?.['*/*']).toMatchObject({cachingEnabled: true, cacheTtlInSeconds: 120})

    const again = await apigw('cache', 'enable', '--api', api.id, '--stage', 'prod', '--ttl', '120', '--json')
    expect(again.code).toBe(0)
    expect(json(again.stdout).changes).toEqual([])
    expect(again.stderr).toContain('already has these settings; nothing to change')

    const other = await apigw('cache', 'enable', '--api', api.id, '--stage', 'prod', '--size', '6.1')
    expect(other.code).toBe(5)
    expect(other.stderr).toContain(`Error: The stage "prod" of REST API "cache-enable" (${api.id}) already has a 1.6 GB cache cluster`)
    expect(other.stderr).toContain(`Try: apigw cache resize --api ${api.id} --stage prod --size 6.1`)
  })

  it('checks sizes and TTLs against AWS\'s lists before any AWS call', async () => {
    const size = await offline('cache', 'enable', '--api', 'x', '--stage', 'prod', '--size', '2', '--json')
    expect(size.code).toBe(2)
    expect(json(size.stdout).error).toMatchObject({code: 'INVALID_CACHE_SIZE', message: '--size 2 is not a cache cluster size. Sizes (GB): 0.5, 1.6, 6.1, 13.5, 28.4, 58.2, 118, 237.'})
    const resize = await offline('cache', 'resize', '--api', 'x', '--stage', 'prod', '--size', '100')
    expect(resize.code).toBe(2)
    expect(resize.stderr).toContain('Sizes (GB): 0.5, 1.6, 6.1')
    const ttl = await offline('cache', 'enable', '--api', 'x', '--stage', 'prod', '--ttl', '3601')
    expect(ttl.code).toBe(2)
    expect(ttl.stderr).toContain('--ttl 3601 is not a cache TTL: give whole seconds from 0 (caching off) to 3600.')
    const timeout = await offline('cache', 'disable', '--api', 'x', '--stage', 'prod', '--wait', '--timeout', 'soon')
    expect(timeout.code).toBe(2)
  })

  it('resize warns that cached data is lost and needs confirmation; with --yes --wait the new cluster is AVAILABLE', async () => {
    const api = await seed.petsApi('cache-resize')
    const none = await apigw('cache', 'resize', '--api', api.id, '--stage', 'prod', '--size', '6.1', '--yes')
    expect(none.code).toBe(5)
    expect(none.stderr).toContain('has no cache cluster to resize')

    await enableCluster(api.id)
    transitionsOver()
    const unconfirmed = await apigw('cache', 'resize', '--api', api.id, '--stage', 'prod', '--size', '6.1')
    expect(unconfirmed.code).toBe(2)
    expect(unconfirmed.stderr).toContain('Warning: Resizing rebuilds the cache cluster of the stage "prod"')
    expect(unconfirmed.stderr).toContain('from 0.5 GB to 6.1 GB: all cached data is lost')
    expect(unconfirmed.stderr).toContain('This needs confirmation, and there is no terminal to ask on.')
    expect((await restStage(api.id)).cacheClusterSize).toBe('0.5')

    const dry = await apigw('cache', 'resize', '--api', api.id, '--stage', 'prod', '--size', '6.1', '--dry-run', '--json')
    expect(json(dry.stdout).plan).toMatchObject({severity: 'destructive', steps: [{input: {patchOperations: [{op: 'replace', path: '/cacheClusterSize', value: '6.1'}]}}]})

    const resized = await time.passing(DELAY_MS, () => apigw('cache', 'resize', '--api', api.id, '--stage', 'prod', '--size', '6.1', '--yes', '--wait', '--json'))
    expect(resized.code, resized.stderr).toBe(0)
    expect(json(resized.stdout).cluster).toEqual({enabled: true, size: '6.1', status: 'AVAILABLE'})
    expect(resized.stderr).toMatch(/The cache cluster of stage "prod" is AVAILABLE \(after [\d.]+ s\)\./)
    expect(await restStage(api.id)).toMatchObject({cacheClusterSize: '6.1', cacheClusterStatus: 'AVAILABLE'})
  })

  it('disable needs confirmation, then deletes the cluster; --wait follows it to NOT_AVAILABLE', async () => {
    const api = await seed.petsApi('cache-disable')
    await enableCluster(api.id)
    transitionsOver()
    const unconfirmed = await apigw('cache', 'disable', '--api', api.id, '--stage', 'prod', '--json')
    expect(unconfirmed.code).toBe(2)
    expect(json(unconfirmed.stdout).error.code).toBe('CONFIRMATION_REQUIRED')

    const disabled = await time.passing(DELAY_MS, () => apigw('cache', 'disable', '--api', api.id, '--stage', 'prod', '--yes', '--wait'))
    expect(disabled.code, disabled.stderr).toBe(0)
    expect(disabled.stderr).toContain('Warning: Disabling deletes the 0.5 GB cache cluster')
    expect(disabled.stdout).toMatch(/^cacheCluster\s+on, 0\.5 GB\s+off$/m)
    expect(disabled.stdout).toMatch(/^cache cluster\s+off \(NOT_AVAILABLE\)$/m)
    expect(await restStage(api.id)).toMatchObject({cacheClusterEnabled: false, cacheClusterStatus: 'NOT_AVAILABLE'})

    const again = await apigw('cache', 'disable', '--api', api.id, '--stage', 'prod')
    expect(again.code).toBe(0)
    expect(again.stdout).toContain('No changes.')
  })

  it('HTTP and WebSocket APIs have no stage cache (exit 2, said before any stage lookup)', async () => {
    const http = await seed.httpApi('cache-http-enable')
    const result = await apigw('cache', 'enable', '--api', http.id, '--stage', '$default', '--json')
    expect(result.code).toBe(2)
    expect(json(result.stdout).error).toMatchObject({code: 'UNSUPPORTED_API_TYPE', message: expect.stringContaining('has no stage cache: HTTP APIs cache no responses, only authorizer results')})
    const ws = await seed.websocketApi('cache-ws-status')
    const status = await apigw('cache', 'status', '--api', ws.id, '--stage', 'prod')
    expect(status.code).toBe(2)
    expect(status.stderr).toContain('WebSocket APIs have neither a stage cache nor an authorizer cache')
  })
})

describe('cache method set', () => {
  it("builds the method's exact patch paths, with ~1 for each / of the resource path", async () => {
    const api = await seed.petsApi('cache-method')
    const dry = await apigw('cache', 'method', 'set', '--api', api.id, '--stage', 'prod', 'GET /pets/{id}', '--enabled', 'on', '--ttl', '60', '--encrypt', 'on', '--require-auth', 'on', '--unauthorized', 'fail', '--dry-run', '--json')
    expect(dry.code, dry.stderr).toBe(0)
    expect(json(dry.stdout).plan.steps[0].input.patchOperations).toEqual([
      {op: 'replace', path: '/~1pets~1{id}/GET/caching/enabled', value: 'true'},
      {op: 'replace', path: '/~1pets~1{id}/GET/caching/ttlInSeconds', value: '60'},
      {op: 'replace', path: '/~1pets~1{id}/GET/caching/dataEncrypted', value: 'true'},
      {op: 'replace', path: '/~1pets~1{id}/GET/caching/requireAuthorizationForCacheControl', value: 'true'},
      {op: 'replace', path: '/~1pets~1{id}/GET/caching/unauthorizedCacheControlHeaderStrategy', value: 'FAIL_WITH_403'},
    ])
    expect((await restStage(api.id)).methodSettings).toEqual({})

    const set = await apigw('cache', 'method', 'set', '--api', api.id, '--stage', 'prod', 'get /pets/{id}', '--enabled', 'on', '--ttl', '60', '--unauthorized', 'fail', '--json')
    expect(set.code, set.stderr).toBe(0)
    expect(set.stderr).toContain('has no cache cluster: method caching takes effect once it has one (apigw cache enable)')
    expect(json(set.stdout).changes).toEqual([
      {setting: 'caching', key: 'GET /pets/{id}', before: null, after: {enabled: true, ttlInSeconds: 60, unauthorizedCacheControlHeaderStrategy: 'FAIL_WITH_403'}},
    ])
    expect((await restStage(api.id)).methodSettings?.['pets/{id}/GET']).toMatchObject({cachingEnabled: true, cacheTtlInSeconds: 60, unauthorizedCacheControlHeaderStrategy: 'FAIL_WITH_403'})

    const all = await apigw('cache', 'method', 'set', '--api', api.id, '--stage', 'prod', '--all', '--ttl', '30', '--dry-run', '--json')
    expect(json(all.stdout).plan.steps[0].input.patchOperations).toEqual([{op: 'replace', path: '/*/*/caching/ttlInSeconds', value: '30'}])

    const lower = await apigw('cache', 'method', 'set', '--api', api.id, '--stage', 'prod', 'GET /pets/{id}', '--ttl', '10')
    expect(lower.code).toBe(2)
    expect(lower.stderr).toContain('caching GET /pets/{id}: ttl 60 s → ttl 10 s? This needs confirmation')
  })

  it('refuses a method the API does not have (exit 4, with the ones it has), and bad input before any AWS call', async () => {
    const api = await seed.petsApi('cache-method-missing')
    const missing = await apigw('cache', 'method', 'set', '--api', api.id, '--stage', 'prod', 'POST /pets', '--enabled', 'on')
    expect(missing.code).toBe(4)
    expect(missing.stderr).toContain(`Error: REST API "cache-method-missing" (${api.id}) has no method "POST /pets"; its methods: GET /pets, GET /pets/{id}.`)
    expect((await restStage(api.id)).methodSettings).toEqual({})

    await expectUsageErrors(['cache', 'method', 'set', '--api', 'x', '--stage', 'prod'], [
      [['GET /pets'], 'Nothing to set: give at least one of --enabled on|off'],
      [['--all', 'GET /pets', '--enabled', 'on'], 'Give either a method or --all, not both.'],
      [['--enabled', 'on'], "Name the method, like 'GET /pets/{id}', or --all for every method."],
      [['ANY /pets', '--enabled', 'on'], 'REST method settings name one method, not ANY'],
      [['GET pets', '--enabled', 'on'], 'the path must start with "/", as in "GET /pets"'],
      [['GET /pets', '--ttl', '-5'], '--ttl -5 is not a cache TTL'],
    ])
  })
})

describe('cache status', () => {
  it("shows the cluster, each method's caching (own or inherited: only GET inherits), key parameters, and no hit ratio without data", async () => {
    const api = await seed.petsApi('cache-status')
    await clients.rest.send(new PutIntegrationCommand({restApiId: api.id, resourceId: api.resources.pets, httpMethod: 'GET', type: 'MOCK', cacheKeyParameters: ['method.request.querystring.page']}))
    expect((await apigw('cache', 'enable', '--api', api.id, '--stage', 'prod')).code).toBe(0)
    expect((await apigw('cache', 'method', 'set', '--api', api.id, '--stage', 'prod', 'GET /pets/{id}', '--ttl', '0')).code).toBe(0)
    transitionsOver()

    const result = await apigw('cache', 'status', '--api', 'cache-status', '--stage', 'PROD', '--json')
    expect(result.code, result.stderr).toBe(0)
    const status = json(result.stdout)
    expect(status).toMatchObject({api: {id: api.id, name: 'cache-status'}, stage: 'prod', cluster: {enabled: true, size: '0.5', status: 'AVAILABLE'}})
    expect(status.methods.map((m: {method: string; source: string; cached: boolean}) => [m.method, m.source, m.cached])).toEqual([
      ['*/*', 'stage', true],
      ['GET /pets', 'inherited', true],
      ['GET /pets/{id}', 'own', false],
    ])
    expect(status.methods[1]).toMatchObject({caching: {enabled: true, ttlInSeconds: 300}, cacheKeyParameters: ['method.request.querystring.page']})
    expect(status.methods[2].caching.ttlInSeconds).toBe(0)
    expect(status.metrics).toMatchObject({hits: null, misses: null, hitRatio: null, integrationLatencyMs: null, note: expect.stringContaining('CloudWatch has no CacheHitCount and CacheMissCount')})
    expect(status.metrics.minutes).toHaveLength(61)
    expect(status.metrics.minutes.every((minute: {hitRatio: unknown}) => minute.hitRatio === null)).toBe(true)

    const table = await apigw('cache', 'status', '--api', api.id, '--stage', 'prod')
    expect(table.stdout).toMatch(/^cluster\s+0\.5 GB AVAILABLE$/m)
    expect(table.stdout).toMatch(/^hit ratio\s+-$/m)
    expect(table.stdout).toMatch(/^GET \/pets\s+yes\s+on\s+300 s\s+off\s+on\s+header\s+method\.request\.querystring\.page\s+inherited \(\*\/\*\)$/m)

    const unknown = await apigw('cache', 'status', '--api', api.id, '--stage', 'qa')
    expect(unknown.code).toBe(4)
    expect(unknown.stderr).toContain('has no stage "qa"; its stages: prod.')
  })
})

describe('cache flush', () => {
  it('refuses a stage without a cache cluster before any flush call (exit 5), and changes nothing', async () => {
    const api = await seed.petsApi('cache-flush-none')
    const result = await apigw('cache', 'flush', '--api', api.id, '--stage', 'prod', '--debug')
    expect(result.code).toBe(5)
    expect(result.stderr).toContain(`Error: Nothing was flushed: stage "prod" of REST API "cache-flush-none" (${api.id}) has no cache to flush.\n  prod: no cache cluster (NOT_AVAILABLE)`)
    expect(result.stderr).toContain('apigateway GetStages ok')
    expect(result.stderr).not.toContain('FlushStageCache')
    expect(storedStage(api.id).cacheFlushes).toEqual([])

    const json5 = await apigw('cache', 'flush', '--api', api.id, '--stage', 'prod', '--json')
    expect(json(json5.stdout).error).toMatchObject({code: 'NO_CACHE_CLUSTER', exitCode: 5})
  })

  it('flushes the stage cache (and the authorizer cache with --authorizers); --dry-run flushes nothing', async () => {
    const api = await seed.petsApi('cache-flush')
    await enableCluster(api.id)
    transitionsOver()
    const dry = await apigw('cache', 'flush', '--api', api.id, '--stage', 'prod', '--authorizers', '--dry-run', '--json')
    expect(json(dry.stdout).plan).toMatchObject({
      severity: 'safe',
      steps: [
        {operation: 'FlushStageCache', input: {restApiId: api.id, stageName: 'prod'}},
        {operation: 'FlushStageAuthorizersCache', input: {restApiId: api.id, stageName: 'prod'}},
      ],
    })
    expect(storedStage(api.id).cacheFlushes).toEqual([])

    const result = await time.passing(DELAY_MS, () => apigw('cache', 'flush', '--api', api.id, '--stage', 'prod', '--authorizers', '--wait', '--json'))
    expect(result.code, result.stderr).toBe(0)
    expect(json(result.stdout)).toEqual({
      api: {id: api.id, name: 'cache-flush', type: 'rest'},
      stages: [{stage: 'prod', status: 'flushed', operations: ['FlushStageCache', 'FlushStageAuthorizersCache'], reason: null, error: null}],
      verification: null,
    })
    expect(storedStage(api.id).cacheFlushes).toHaveLength(1)
    expect(result.stderr).toMatch(/The cache cluster of stage "prod" is AVAILABLE \(after [\d.]+ s\)\./)
  })

  it('--all-stages flushes the stages that have a cache, skips the others, and says so', async () => {
    const api = await seed.petsApi('cache-fleet')
    for (const stageName of ['beta', 'dev']) await clients.rest.send(new CreateStageCommand({restApiId: api.id, stageName, deploymentId: api.deploymentId}))
    await enableCluster(api.id)
    await enableCluster(api.id, 'beta')
    transitionsOver()
    const result = await apigw('cache', 'flush', '--api', api.id, '--all-stages', '--json')
    expect(result.code, result.stderr).toBe(0)
    expect(json(result.stdout).stages).toEqual([
      {stage: 'beta', status: 'flushed', operations: ['FlushStageCache'], reason: null, error: null},
      {stage: 'dev', status: 'skipped', operations: [], reason: 'no cache cluster (NOT_AVAILABLE)', error: null},
      {stage: 'prod', status: 'flushed', operations: ['FlushStageCache'], reason: null, error: null},
    ])
    expect(result.stderr).toContain('Stage "dev": no cache cluster (NOT_AVAILABLE); skipped.')
    expect([storedStage(api.id, 'beta'), storedStage(api.id, 'dev'), storedStage(api.id)].map((stage) => stage.cacheFlushes.length)).toEqual([1, 0, 1])

    // Named stages are all checked before any is flushed.
    const named = await apigw('cache', 'flush', '--api', api.id, '--stage', 'prod', '--stage', 'dev')
    expect(named.code).toBe(5)
    expect(storedStage(api.id).cacheFlushes).toHaveLength(1)
  })

  it('reports each stage of a fleet flush; one failing hides none of the others (exit 8)', async () => {
    const api = await seed.petsApi('cache-partial')
    for (const stageName of ['beta', 'dev']) await clients.rest.send(new CreateStageCommand({restApiId: api.id, stageName, deploymentId: api.deploymentId}))
    for (const stageName of ['beta', 'dev', 'prod']) await enableCluster(api.id, stageName)
    transitionsOver()
    const proxy = await startInterceptingProxy(sandbox.endpoint, (method, path) =>
      method === 'DELETE' && path === `/restapis/${api.id}/stages/dev/cache/data` ? {status: 400, errorType: 'BadRequestException', message: 'Cache cluster is being modified'} : undefined,
    )
    try {
      const result = await runCli(['cache', 'flush', '--api', api.id, '--stage', 'prod', '--stage', 'dev', '--stage', 'beta', '--json'], awsEnv(proxy.endpoint))
      expect(result.code).toBe(8)
      const stages = json(result.stdout).stages
      expect(stages.map((stage: {stage: string; status: string}) => [stage.stage, stage.status])).toEqual([
        ['prod', 'flushed'],
        ['dev', 'failed'],
        ['beta', 'flushed'],
      ])
      expect(stages[1].error).toMatchObject({code: 'BadRequestException', message: expect.stringContaining('Cache cluster is being modified')})
      expect(result.stderr).toContain('Warning: stage "dev" was not flushed:')
      expect([storedStage(api.id, 'beta'), storedStage(api.id, 'dev'), storedStage(api.id)].map((stage) => stage.cacheFlushes.length)).toEqual([1, 0, 1])
    } finally {
      await proxy.close()
    }
  })

  it('HTTP APIs: a plain flush explains there is no response cache (exit 2); --authorizers resets the authorizer cache', async () => {
    const http = await seed.httpApi('cache-http')
    const plain = await apigw('cache', 'flush', '--api', http.id, '--stage', '$default', '--debug')
    expect(plain.code).toBe(2)
    expect(plain.stderr).toContain(`Error: HTTP API "cache-http" (${http.id}) has no response cache to flush: HTTP APIs cache nothing but authorizer results.`)
    expect(plain.stderr).toContain(`Try: apigw cache flush --api ${http.id} --stage $default --authorizers (ResetAuthorizersCache)`)
    expect(plain.stderr).not.toContain('GetStages')

    const reset = await apigw('cache', 'flush', '--api', http.id, '--stage', '$default', '--authorizers', '--wait', '--debug')
    expect(reset.code, reset.stderr).toBe(0)
    expect(reset.stderr).toContain('apigatewayv2 ResetAuthorizersCache ok')
    expect(reset.stderr).toContain('take effect at once: there is no status to wait for')
    expect(reset.stdout).toMatch(/^\$default\s+flushed\s+ResetAuthorizersCache\s+-$/m)

    const verify = await apigw('cache', 'flush', '--api', http.id, '--stage', '$default', '--authorizers', '--verify')
    expect(verify.code).toBe(2)
    expect(verify.stderr).toContain('--verify watches a stage cache\'s hit ratio, and this flush empties no stage cache (HTTP APIs have none)')

    const ws = await seed.websocketApi('cache-ws')
    const wsFlush = await apigw('cache', 'flush', '--api', ws.id, '--stage', 'prod', '--authorizers')
    expect(wsFlush.code).toBe(2)
  })

  it('checks its flags before any AWS call', async () => {
    await expectUsageErrors(['cache', 'flush', '--api', 'x'], [
      [[], 'Name the stage to flush with --stage (repeatable), or --all-stages.'],
      [['--all-stages', '--verify'], '--verify watches one stage: name exactly one --stage.'],
      [['--stage', 'a', '--stage', 'b', '--verify-for', '1m'], '--verify watches one stage'],
      [['--stage', 'a', '--verify-for', '0s'], '--verify-for must be longer than 0'],
      [['--stage', 'a', '--all-stages'], '--all-stages'],
    ])
  })
})
