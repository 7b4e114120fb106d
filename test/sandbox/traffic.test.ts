import {
  CreateApiKeyCommand,
  CreateDeploymentCommand,
  CreateRestApiCommand,
  CreateUsagePlanCommand,
  CreateUsagePlanKeyCommand,
  FlushStageCacheCommand,
  GetUsageCommand,
  PutIntegrationCommand,
  PutMethodCommand,
  UpdateStageCommand,
} from '@aws-sdk/client-api-gateway'
import {CreateApiCommand, CreateStageCommand, UpdateStageCommand as UpdateV2StageCommand} from '@aws-sdk/client-apigatewayv2'
import {GetMetricDataCommand} from '@aws-sdk/client-cloudwatch'
import {afterAll, beforeAll, beforeEach, describe, expect, it} from 'vitest'
import type {Clock} from '../../packages/sandbox/src/clock.js'
import {TABLES, type MetricMinute, type StageMoment, type StageRecord, type UsageRecord} from '../../packages/sandbox/src/model.js'
import {DEFAULT_METHOD_SETTING} from '../../packages/sandbox/src/rest/stage-method-settings.js'
import {simulateTraffic} from '../../packages/sandbox/src/traffic/simulate.js'
import type {TrafficSpec, TrafficSummary} from '../../packages/sandbox/src/traffic/spec.js'
import {controlFetch, sdkClients, startTestSandbox, type Sandbox} from '../helpers/sandbox.js'
import {seedRestApi, seedRestStage} from '../helpers/sandbox-seed.js'
import {seeder} from '../helpers/seed.js'
import {seededRandom} from '../helpers/seeded-random.js'

const MINUTE = 60_000
const T0 = Date.UTC(2025, 0, 15, 10, 0)
const API_ID = 'a1b2c3d4e5'
const API_NAME = 'orders'
/** Cache clusters take 4 minutes to come up, as on AWS; nothing waits for them in real time. */
const CACHE_DELAY_MS = 4 * MINUTE

type Dimensions = Record<string, string>
type Point = [timestamp: number, value: number]

/** A clock that stands still until set, whose random() is a seeded generator (mulberry32): every run publishes the same numbers. */
function seededClock(seed: number): Clock & {set(time: number): void} {
  let now = T0
  return {
    now: () => now,
    set: (time) => void (now = time),
    sleep: async (ms) => void (now += ms),
    random: seededRandom(seed),
  }
}

describe('traffic simulator', () => {
  const clock = seededClock(42)
  let sandbox: Sandbox
  let clients: ReturnType<typeof sdkClients>
  const store = () => sandbox.context.store
  const simulate = (spec: Partial<TrafficSpec>) => simulateTraffic(sandbox.context, {...baseSpec(), ...spec})

  beforeAll(async () => {
    sandbox = await startTestSandbox({clock, transitionDelayMs: CACHE_DELAY_MS})
    clients = sdkClients(sandbox.endpoint)
  })
  afterAll(() => sandbox.stop())
  beforeEach(() => {
    clock.set(T0)
    store().clear()
    putRestApi()
    putStage([{at: T0 - 60 * MINUTE, deploymentId: 'd1', cacheAvailable: false}])
  })

  function putRestApi(): void {
    seedRestApi(store(), {id: API_ID, name: API_NAME, createdDate: T0 - 3600_000, endpointConfiguration: {types: ['REGIONAL']}, rootResourceId: 'root01'})
  }

  /** Stage `prod` with a history written by hand, to place changes exactly. */
  function putStage(history: StageMoment[], cacheFlushes: number[] = [], methodSettings: StageRecord['methodSettings'] = {}): void {
    seedRestStage(store(), {apiId: API_ID, stageName: 'prod', deploymentId: 'd1', createdDate: T0 - 3600_000, history, cacheFlushes, methodSettings})
  }

  /** One statistic of one series through CloudWatch GetMetricData, oldest first. */
  async function metric(metricName: string, dimensions: Dimensions, stat: string, period = 60, start = T0 - 60 * MINUTE, end = T0 + 120 * MINUTE): Promise<Point[]> {
    const {MetricDataResults} = await clients.cloudWatch.send(
      new GetMetricDataCommand({
        StartTime: new Date(start),
        EndTime: new Date(end),
        ScanBy: 'TimestampAscending',
        MetricDataQueries: [
          {
            Id: 'q',
            MetricStat: {
              Metric: {Namespace: 'AWS/ApiGateway', MetricName: metricName, Dimensions: Object.entries(dimensions).map(([Name, Value]) => ({Name, Value}))},
              Period: period,
              Stat: stat,
            },
          },
        ],
      }),
    )
    const [result] = MetricDataResults!
    return result.Timestamps!.map((timestamp, i) => [timestamp.getTime(), result.Values![i]])
  }
  /** One statistic over everything published on T0's day. */
  const total = async (metricName: string, dimensions: Dimensions, stat: string) => (await metric(metricName, dimensions, stat, 86_400))[0]?.[1]
  const perMinute = async (metricName: string, dimensions: Dimensions, stat: string) => new Map((await metric(metricName, dimensions, stat)).map(([t, v]) => [(t - T0) / MINUTE, v]))
  const stage = (name = 'prod'): Dimensions => ({ApiName: API_NAME, Stage: name})
  const canary = stage('prod/Canary')
  const within = (actual: number, expected: number, tolerance: number) => expect(Math.abs(actual / expected - 1)).toBeLessThan(tolerance)

  it('publishes about rps × duration requests over a 30-minute backfill, one datapoint per minute', async () => {
    const summary = simulate({rps: 50, start: T0, end: T0 + 30 * MINUTE})
    const count = await metric('Count', stage(), 'Sum')
    expect(count.map(([t]) => t)).toEqual(Array.from({length: 30}, (_, i) => T0 + i * MINUTE))
    for (const [, requests] of count) within(requests, 3000, 0.1)
    expect(await total('Count', stage(), 'Sum')).toBe(summary.requests)
    within(summary.requests, 90_000, 0.02)
    expect(summary).toMatchObject({apiId: API_ID, apiName: API_NAME, stage: 'prod', minutes: 30, start: '2025-01-15T10:00:00.000Z', end: '2025-01-15T10:30:00.000Z', canaryRequests: 0, cacheHits: 0})
  })

  it('counts requests a minute at a time, never one by one: the most it takes, a million a second for 30 minutes, is 30 datapoints', async () => {
    // Timed by nothing but the test's timeout: simulating 1.8 billion requests one by one would not end before it.
    const summary = simulate({rps: 1_000_000, start: T0, end: T0 + 30 * MINUTE})
    within(summary.requests, 1_800_000_000, 0.001)
    const count = await metric('Count', stage(), 'Sum')
    expect(count).toHaveLength(30)
    for (const [, requests] of count) within(requests, 60_000_000, 0.001)
  })

  it('publishes 4XXError and 5XXError with Sum = the errors and Average = the configured rates', async () => {
    const summary = simulate({rps: 50, start: T0, end: T0 + 30 * MINUTE, errorRate: {'4xx': 0.05, '5xx': 0.01}})

    expect(await total('4XXError', stage(), 'Sum')).toBe(summary.errors4xx)
    expect(await total('5XXError', stage(), 'Sum')).toBe(summary.errors5xx)
    expect(await total('4XXError', stage(), 'SampleCount')).toBe(summary.requests)
    within(summary.errors4xx, 0.05 * summary.requests, 0.03)
    within(summary.errors5xx, 0.01 * summary.requests, 0.03)
    for (const [, rate] of await metric('5XXError', stage(), 'Average')) expect(rate).toBeCloseTo(0.01, 3)
  })

  it('records Latency whose p50 and p99 are within 5% of the profile every minute, and IntegrationLatency a little below it', async () => {
    simulate({rps: 50, start: T0, end: T0 + 30 * MINUTE, latency: {p50: 120, p99: 900}})

    for (const stat of ['p50', 'p99']) {
      const expected = stat === 'p50' ? 120 : 900
      const minutes = await metric('Latency', stage(), stat)
      expect(minutes).toHaveLength(30)
      for (const [, value] of minutes) within(value, expected, 0.05)
      within((await total('Latency', stage(), stat))!, expected, 0.05)
    }
    const integrationP50 = (await total('IntegrationLatency', stage(), 'p50'))!
    expect(integrationP50).toBeLessThan((await total('Latency', stage(), 'p50'))!)
    expect(integrationP50).toBeGreaterThan(120 * 0.8)
    const stored = store().all<MetricMinute>(TABLES.metricData).filter((row) => row.metricName === 'Latency')
    for (const row of stored) expect(row.distribution!.length / 2).toBeLessThanOrEqual(150)
  })

  it.each([
    {p50: 5, p99: 6},
    {p50: 40, p99: 8000},
    {p50: 250, p99: 250},
  ])('keeps p50 and p99 within 5%% of narrow, wide and constant profiles (%j)', async (profile) => {
    simulate({rps: 20, start: T0, end: T0 + 10 * MINUTE, latency: profile})

    within((await total('Latency', stage(), 'p50'))!, profile.p50, 0.05)
    within((await total('Latency', stage(), 'p99'))!, profile.p99, 0.05)
  })

  it('accumulates consecutive short windows (follow mode) into the same minutes a single long window fills', async () => {
    for (let t = T0; t < T0 + 2 * MINUTE; t += 5000) simulate({rps: 50, start: t, end: t + 5000})

    const count = await metric('Count', stage(), 'Sum')
    expect(count.map(([t]) => t)).toEqual([T0, T0 + MINUTE])
    for (const [, requests] of count) within(requests, 3000, 0.06)
    for (const [, p99] of await metric('Latency', stage(), 'p99')) within(p99, 400, 0.05)
  })

  it('gives each minute only the share of its traffic inside the window', async () => {
    const summary = simulate({rps: 100, start: T0 + 45_000, end: T0 + 75_000})

    const count = await metric('Count', stage(), 'Sum')
    expect(count.map(([t]) => t)).toEqual([T0, T0 + MINUTE])
    for (const [, requests] of count) within(requests, 1500, 0.1)
    expect(summary.minutes).toBe(2)
  })

  it('splits traffic to the canary by its percentage and publishes it again under "<stage>/Canary" with its own profiles', async () => {
    putStage([{at: T0 - MINUTE, deploymentId: 'd1', canaryDeploymentId: 'd2', canaryPercent: 20, cacheAvailable: false}])
    const summary = simulate({rps: 50, start: T0, end: T0 + 20 * MINUTE, errorRate: {'4xx': 0, '5xx': 0.01}, canaryErrorRate: {'4xx': 0, '5xx': 0.2}, canaryLatency: {p50: 300, p99: 1200}})

    const stageCount = (await total('Count', stage(), 'Sum'))!
    const canaryCount = (await total('Count', canary, 'Sum'))!
    expect(stageCount).toBe(summary.requests)
    expect(canaryCount).toBe(summary.canaryRequests)
    within(canaryCount / stageCount, 0.2, 0.01)
    expect(await total('5XXError', canary, 'Average')).toBeCloseTo(0.2, 3)
    // The stage's series holds base and canary requests alike.
    expect(await total('5XXError', stage(), 'Average')).toBeCloseTo(0.8 * 0.01 + 0.2 * 0.2, 3)
    within((await total('Latency', canary, 'p50'))!, 300, 0.05)
    within((await total('Latency', canary, 'p99'))!, 1200, 0.05)
  })

  it('splits each minute by the canary percentage in force at each moment', async () => {
    putStage([
      {at: T0 - MINUTE, deploymentId: 'd1', canaryDeploymentId: 'd2', canaryPercent: 10, cacheAvailable: false},
      {at: T0 + 5 * MINUTE + 30_000, deploymentId: 'd1', canaryDeploymentId: 'd2', canaryPercent: 50, cacheAvailable: false},
      {at: T0 + 8 * MINUTE, deploymentId: 'd2', cacheAvailable: false},
    ])
    simulate({rps: 50, start: T0, end: T0 + 10 * MINUTE})

    const stageCount = await perMinute('Count', stage(), 'Sum')
    const canaryCount = await perMinute('Count', canary, 'Sum')
    const canaryShare = (minute: number) => (canaryCount.get(minute) ?? 0) / stageCount.get(minute)!
    expect(canaryShare(2)).toBeCloseTo(0.1, 2)
    expect(canaryShare(5)).toBeCloseTo(0.3, 1) // half the minute at 10%, half at 50%
    expect(canaryShare(6)).toBeCloseTo(0.5, 2)
    expect([...canaryCount.keys()]).toEqual([0, 1, 2, 3, 4, 5, 6, 7])
    expect(stageCount.get(9)).toBeGreaterThan(2500)
  })

  it('publishes cache metrics only while the cache is available, starting cold and refilling over 5 minutes (the default TTL) after a flush', async () => {
    putStage(
      [
        {at: T0 - MINUTE, deploymentId: 'd1', cacheAvailable: false},
        {at: T0 + 5 * MINUTE, deploymentId: 'd1', cacheAvailable: true},
      ],
      [T0 + 20 * MINUTE],
    )
    const summary = simulate({rps: 50, start: T0, end: T0 + 30 * MINUTE, cacheHit: 0.8})

    const hitRatio = await perMinute('CacheHitCount', stage(), 'Average')
    expect([...hitRatio.keys()][0]).toBe(5)
    expect([...(await perMinute('CacheMissCount', stage(), 'Sum')).keys()][0]).toBe(5)
    expect(await total('CacheHitCount', stage(), 'Sum')).toBe(summary.cacheHits)
    expect(hitRatio.get(5)).toBeLessThan(0.1) // a new cluster starts empty
    expect(hitRatio.get(15)).toBeCloseTo(0.8, 2)
    expect(hitRatio.get(20)).toBeLessThan(0.1) // just flushed
    expect(hitRatio.get(22)).toBeCloseTo(0.8 * 0.5, 2)
    expect(hitRatio.get(26)).toBeCloseTo(0.8, 2)
    const [hits, misses, requests] = await Promise.all(['CacheHitCount', 'CacheMissCount', 'Count'].map((name) => perMinute(name, stage(), 'Sum')))
    expect(hits.get(15)! + misses.get(15)!).toBe(requests.get(15))
    // Requests answered from the cache never reach the integration.
    expect((await perMinute('IntegrationLatency', stage(), 'SampleCount')).get(15)).toBe(misses.get(15))
  })

  it("refills over the stage-wide TTL after a flush, when */* sets one (every entry of a warm cache is younger than it)", async () => {
    putStage([{at: T0 - MINUTE, deploymentId: 'd1', cacheAvailable: true}], [T0 + 10 * MINUTE], {'*/*': {...DEFAULT_METHOD_SETTING, cachingEnabled: true, cacheTtlInSeconds: 120}})
    simulate({rps: 50, start: T0, end: T0 + 20 * MINUTE, cacheHit: 0.8})
    const hitRatio = await perMinute('CacheHitCount', stage(), 'Average')
    expect(hitRatio.get(5)).toBeCloseTo(0.8, 2)
    expect(hitRatio.get(10)).toBeCloseTo(0.8 * 0.25, 2) // the first of the 2 minutes of refill: a quarter full on average
    expect(hitRatio.get(11)).toBeCloseTo(0.8 * 0.75, 2)
    expect(hitRatio.get(12)).toBeCloseTo(0.8, 2)
  })

  it('sends canary requests through the stage cache only with useStageCache', async () => {
    putStage([{at: T0 - MINUTE, deploymentId: 'd1', canaryDeploymentId: 'd2', canaryPercent: 25, useStageCache: false, cacheAvailable: true}])
    simulate({rps: 20, start: T0, end: T0 + 5 * MINUTE, cacheHit: 0.5})
    expect(await metric('CacheHitCount', canary, 'Sum')).toEqual([])
    expect(await total('CacheHitCount', stage(), 'SampleCount')).toBe((await total('Count', stage(), 'Sum'))! - (await total('Count', canary, 'Sum'))!)

    store().clear()
    putRestApi()
    putStage([{at: T0 - MINUTE, deploymentId: 'd1', canaryDeploymentId: 'd2', canaryPercent: 25, useStageCache: true, cacheAvailable: true}])
    simulate({rps: 20, start: T0, end: T0 + 5 * MINUTE, cacheHit: 0.5})
    expect(await total('CacheHitCount', canary, 'SampleCount')).toBe(await total('Count', canary, 'Sum'))
    expect(await total('CacheHitCount', canary, 'Average')).toBeCloseTo(0.5, 1)
  })

  it('counts requests per API key and UTC day in the usage rows, adding to earlier runs', () => {
    const midnight = Date.UTC(2025, 0, 16)
    store().put(TABLES.apiKeys, 'key1', {id: 'key1'})
    store().put(TABLES.apiKeys, 'key2', {id: 'key2'})
    const first = simulate({rps: 10, start: midnight - 10 * MINUTE, end: midnight + 20 * MINUTE, keys: ['key1', 'key2'], stage: 'PROD'})
    const second = simulate({rps: 10, start: midnight + 20 * MINUTE, end: midnight + 30 * MINUTE, keys: ['key1', 'key2']})

    const rows = store().all<UsageRecord>(TABLES.usage)
    expect(rows.map((row) => `${row.keyId} ${row.day}`).sort()).toEqual(['key1 2025-01-15', 'key1 2025-01-16', 'key2 2025-01-15', 'key2 2025-01-16'])
    expect(rows.reduce((sum, row) => sum + row.requests, 0)).toBe(first.requests + second.requests)
    const row = store().get<UsageRecord>(TABLES.usage, `key1/${API_ID}/prod/2025-01-16`)!
    expect(row).toMatchObject({keyId: 'key1', apiId: API_ID, stage: 'prod', day: '2025-01-16'})
    within(row.requests, 10 * 60 * 30 * 0.5, 0.05)
  })

  it('follows a stage changed through the SDK: cache creation, canary start and shift, flush, and usage read back by GetUsage', async () => {
    const {rest} = clients
    const api = await rest.send(new CreateRestApiCommand({name: 'shop'}))
    await rest.send(new PutMethodCommand({restApiId: api.id, resourceId: api.rootResourceId, httpMethod: 'GET', authorizationType: 'NONE'}))
    await rest.send(new PutIntegrationCommand({restApiId: api.id, resourceId: api.rootResourceId, httpMethod: 'GET', type: 'MOCK'}))
    await rest.send(new CreateDeploymentCommand({restApiId: api.id, stageName: 'live'}))
    await rest.send(new UpdateStageCommand({restApiId: api.id, stageName: 'live', patchOperations: [{op: 'replace', path: '/cacheClusterEnabled', value: 'true'}]}))
    clock.set(T0 + 10 * MINUTE)
    await rest.send(new CreateDeploymentCommand({restApiId: api.id, stageName: 'live', canarySettings: {percentTraffic: 10}}))
    clock.set(T0 + 20 * MINUTE)
    await rest.send(new UpdateStageCommand({restApiId: api.id, stageName: 'live', patchOperations: [{op: 'replace', path: '/canarySettings/percentTraffic', value: '50'}]}))
    clock.set(T0 + 25 * MINUTE)
    await rest.send(new FlushStageCacheCommand({restApiId: api.id, stageName: 'live'}))
    const key = await rest.send(new CreateApiKeyCommand({name: 'partner', enabled: true}))
    const plan = await rest.send(new CreateUsagePlanCommand({name: 'gold', apiStages: [{apiId: api.id, stage: 'live'}]}))
    await rest.send(new CreateUsagePlanKeyCommand({usagePlanId: plan.id, keyId: key.id, keyType: 'API_KEY'}))
    clock.set(T0 + 40 * MINUTE)

    const response = await controlFetch(sandbox, 'traffic', {
      method: 'POST',
      body: JSON.stringify({...baseSpec(), apiId: api.id, stage: 'live', rps: 20, start: T0, end: T0 + 40 * MINUTE, cacheHit: 0.9, keys: [key.id]}),
    })
    expect(response.status).toBe(200)
    const summary: TrafficSummary = await response.json()

    const live = {ApiName: 'shop', Stage: 'live'}
    const stageCount = await perMinute('Count', live, 'Sum')
    const canaryCount = await perMinute('Count', {ApiName: 'shop', Stage: 'live/Canary'}, 'Sum')
    expect([...canaryCount.keys()][0]).toBe(10)
    expect(canaryCount.get(15)! / stageCount.get(15)!).toBeCloseTo(0.1, 2)
    expect(canaryCount.get(30)! / stageCount.get(30)!).toBeCloseTo(0.5, 2)
    const hitRatio = await perMinute('CacheHitCount', live, 'Average')
    expect([...hitRatio.keys()][0]).toBe(4) // the cluster is up 4 minutes after it was enabled
    expect(hitRatio.get(15)).toBeCloseTo(0.9, 2)
    expect(hitRatio.get(25)).toBeLessThan(0.1)
    expect(hitRatio.get(35)).toBeCloseTo(0.9, 2)

    const usage = await rest.send(new GetUsageCommand({usagePlanId: plan.id, startDate: '2025-01-15', endDate: '2025-01-15'}))
    expect(usage.items).toEqual({[key.id!]: [[summary.requests, 0]]})
  })

  it('publishes HTTP API metrics under ApiId and Stage', async () => {
    const api = await clients.v2.send(new CreateApiCommand({Name: 'web', ProtocolType: 'HTTP'}))
    await clients.v2.send(new CreateStageCommand({ApiId: api.ApiId, StageName: '$default'}))
    const summary = simulate({apiId: api.ApiId, stage: '$default', rps: 10, start: T0, end: T0 + 5 * MINUTE, errorRate: {'4xx': 0.1, '5xx': 0.02}})

    const dimensions = {ApiId: api.ApiId!, Stage: '$default'}
    expect(summary).toMatchObject({apiName: 'web', stage: '$default', canaryRequests: 0, cacheHits: 0})
    expect(await total('Count', dimensions, 'Sum')).toBe(summary.requests)
    expect(await total('4xx', dimensions, 'Sum')).toBe(summary.errors4xx)
    expect(await total('5xx', dimensions, 'Sum')).toBe(summary.errors5xx)
    expect(await total('DataProcessed', dimensions, 'Sum')).toBe(summary.requests * 1024)
    expect(await metric('Latency', dimensions, 'p99')).toHaveLength(5)
    expect(await metric('IntegrationLatency', dimensions, 'p50')).toHaveLength(5)
    expect(await metric('CacheHitCount', dimensions, 'Sum')).toEqual([])
  })

  it('publishes WebSocket API metrics under ApiId and Stage', async () => {
    const api = await clients.v2.send(new CreateApiCommand({Name: 'chat', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action'}))
    await clients.v2.send(new CreateStageCommand({ApiId: api.ApiId, StageName: 'live'}))
    const summary = simulate({apiId: api.ApiId, stage: 'live', rps: 10, start: T0, end: T0 + 5 * MINUTE})

    const dimensions = {ApiId: api.ApiId!, Stage: 'live'}
    expect(await total('MessageCount', dimensions, 'Sum')).toBe(summary.requests)
    within((await total('ConnectCount', dimensions, 'Sum'))!, summary.requests / 20, 0.05)
    expect(await total('ClientError', dimensions, 'Sum')).toBe(summary.errors4xx)
    expect(await total('IntegrationError', dimensions, 'Sum')).toBe(summary.errors5xx)
    expect(await total('ExecutionError', dimensions, 'Sum')).toBe(0)
    expect(await metric('IntegrationLatency', dimensions, 'p50')).toHaveLength(5)
    expect(await metric('Count', dimensions, 'Sum')).toEqual([])
  })

  it('publishes a series per method (REST) or route (HTTP) where detailed metrics are on, adding up to the stage', async () => {
    const seed = seeder(sandbox.endpoint)
    const shop = await seed.restApi('detailed-shop')
    simulate({apiId: shop.id, stage: 'prod', rps: 10, start: T0, end: T0 + 2 * MINUTE})
    expect(await metric('Count', {ApiName: 'detailed-shop', Method: 'GET', Resource: '/pets', Stage: 'prod'}, 'Sum')).toEqual([])

    await clients.rest.send(new UpdateStageCommand({restApiId: shop.id, stageName: 'prod', patchOperations: [{op: 'replace', path: '/*/*/metrics/enabled', value: 'true'}]}))
    const summary = simulate({apiId: shop.id, stage: 'prod', rps: 10, start: T0 + 2 * MINUTE, end: T0 + 5 * MINUTE})
    const method = {ApiName: 'detailed-shop', Method: 'GET', Resource: '/pets', Stage: 'prod'}
    expect((await metric('Count', method, 'Sum')).map(([t]) => (t - T0) / MINUTE)).toEqual([2, 3, 4])
    expect((await metric('Count', method, 'Sum', 60, T0 + 2 * MINUTE)).reduce((sum, [, value]) => sum + value, 0)).toBe(summary.requests)
    expect(await metric('Latency', method, 'p99', 60, T0 + 2 * MINUTE)).toHaveLength(3)

    const orders = await seed.httpApi('detailed-orders')
    await clients.v2.send(new UpdateV2StageCommand({ApiId: orders.id, StageName: '$default', DefaultRouteSettings: {DetailedMetricsEnabled: true}}))
    const http = simulate({apiId: orders.id, stage: '$default', rps: 10, start: T0, end: T0 + 2 * MINUTE})
    expect(await total('Count', {ApiId: orders.id, Route: 'GET /orders', Stage: '$default'}, 'Sum')).toBe(http.requests)
  })

  describe('POST /_sandbox/traffic', () => {
    const post = (body: unknown) => controlFetch(sandbox, 'traffic', {method: 'POST', body: JSON.stringify(body)})

    it('runs the simulator and answers its summary', async () => {
      const response = await post({...baseSpec(), rps: 5, start: T0, end: T0 + 2 * MINUTE})
      expect(response.status).toBe(200)
      const summary = await response.json()
      expect(summary).toMatchObject({apiId: API_ID, apiName: API_NAME, stage: 'prod', minutes: 2, end: '2025-01-15T10:02:00.000Z'})
      expect(await total('Count', stage(), 'Sum')).toBe(summary.requests)
    })

    it.each([
      [{apiId: 'nope'}, 404, 'NotFoundException', 'Invalid API identifier specified 123456789012:nope'],
      [{stage: 'beta'}, 404, 'NotFoundException', 'Invalid Stage identifier specified'],
      [{keys: ['missing']}, 404, 'NotFoundException', 'Invalid API Key identifier specified'],
      [{stage: ''}, 400, 'BadRequestException', 'stage is required and must be a non-empty string'],
      [{rps: 0}, 400, 'BadRequestException', 'rps must be a number greater than 0, got 0'],
      [{rps: 2_000_000}, 400, 'BadRequestException', 'rps must be at most 1000000, got 2000000'],
      [{errorRate: {'4xx': 1.5, '5xx': 0}}, 400, 'BadRequestException', 'errorRate.4xx must be a fraction between 0 and 1, got 1.5'],
      [{errorRate: {'4xx': 0.6, '5xx': 0.6}}, 400, 'BadRequestException', 'errorRate.4xx + errorRate.5xx must not exceed 1, got 1.2'],
      [{cacheHit: -0.1}, 400, 'BadRequestException', 'cacheHit must be a fraction between 0 and 1, got -0.1'],
      [{latency: {p50: 0, p99: 10}}, 400, 'BadRequestException', 'latency.p50 must be a number of milliseconds greater than 0, got 0'],
      [{canaryLatency: {p50: 200, p99: 100}}, 400, 'BadRequestException', 'canaryLatency.p99 must be at least canaryLatency.p50 (200), got 100'],
      [{latency: {p50: 1, p99: 5000}}, 400, 'BadRequestException', 'latency.p99 must be at most 1000 × latency.p50, got 5000 for p50 1'],
      [{latency: 'fast'}, 400, 'BadRequestException', 'latency is required: {"p50": <ms>, "p99": <ms>}'],
      [{start: T0, end: T0}, 400, 'BadRequestException', `start (${T0}) must be before end (${T0})`],
      [{start: T0, end: T0 + 32 * 24 * 60 * MINUTE}, 400, 'BadRequestException', 'The window from start to end must not exceed 31 days'],
    ])('rejects %j with %i %s', async (override, status, type, message) => {
      const response = await post({...baseSpec(), ...override})
      expect(response.status).toBe(status)
      expect(response.headers.get('x-amzn-errortype')).toBe(type)
      expect(await response.json()).toEqual({message})
      expect(store().count(TABLES.metricData)).toBe(0)
    })

    it("answers a missing HTTP API stage with the v2 service's own 404", async () => {
      const api = await clients.v2.send(new CreateApiCommand({Name: 'web', ProtocolType: 'HTTP'}))
      const response = await post({...baseSpec(), apiId: api.ApiId, stage: 'prod'})
      expect(response.status).toBe(404)
      expect(response.headers.get('x-amzn-errortype')).toBe('NotFoundException')
      expect(await response.json()).toEqual({message: 'Invalid stage identifier specified'})
    })

    it('rejects API keys for HTTP APIs', async () => {
      const api = await clients.v2.send(new CreateApiCommand({Name: 'web', ProtocolType: 'HTTP'}))
      await clients.v2.send(new CreateStageCommand({ApiId: api.ApiId, StageName: '$default'}))
      const response = await post({...baseSpec(), apiId: api.ApiId, stage: '$default', keys: ['key1']})
      expect(response.status).toBe(400)
      expect(await response.json()).toEqual({message: `keys apply to REST APIs only; ${api.ApiId} is a HTTP API`})
    })
  })
})

function baseSpec(): TrafficSpec {
  return {
    apiId: API_ID,
    stage: 'prod',
    rps: 50,
    start: T0,
    end: T0 + 10 * MINUTE,
    errorRate: {'4xx': 0.02, '5xx': 0.005},
    latency: {p50: 80, p99: 400},
    cacheHit: 0.6,
  }
}
