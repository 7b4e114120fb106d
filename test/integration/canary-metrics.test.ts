import {CreateDeploymentCommand} from '@aws-sdk/client-api-gateway'
import {describe, expect, it} from 'vitest'
import {canaryMetrics} from '../../packages/cli/src/lib/metrics/canary-base.js'
import {simulateTraffic} from '../../packages/sandbox/src/traffic/simulate.js'
import {countingSession} from '../helpers/counting-session.js'
import {sdkClients} from '../helpers/sandbox.js'
import {sandbox, seed, useSandboxCli} from '../helpers/sandbox-cli.js'

useSandboxCli()

const MINUTE = 60_000

/** Ten minutes of traffic from now on (the sandbox takes future windows too), with the canary as the stage has it. */
function traffic(apiId: string, profile: {canaryErrorRate?: {'4xx': number; '5xx': number}; canaryLatency?: {p50: number; p99: number}} = {}) {
  const start = Math.ceil(Date.now() / MINUTE) * MINUTE
  const summary = simulateTraffic(sandbox.context, {
    apiId,
    stage: 'prod',
    rps: 40,
    start,
    end: start + 10 * MINUTE,
    errorRate: {'4xx': 0.02, '5xx': 0.005},
    latency: {p50: 40, p99: 350},
    cacheHit: 0,
    ...profile,
  })
  return {start, end: start + 10 * MINUTE, summary}
}

describe('canary metrics from the sandbox CloudWatch', () => {
  it('gives the canary and the base apart, the base as the stage less the canary, in one GetMetricData call', async () => {
    const api = await seed.restApi('metrics-canary')
    await sdkClients(sandbox.endpoint).rest.send(new CreateDeploymentCommand({restApiId: api.id, stageName: 'prod', canarySettings: {percentTraffic: 20}}))
    const {start, end, summary} = traffic(api.id, {canaryErrorRate: {'4xx': 0.02, '5xx': 0.2}, canaryLatency: {p50: 90, p99: 900}})
    const {session, calls} = countingSession(sandbox.endpoint)
    const metrics = await canaryMetrics(session, {apiName: 'metrics-canary', stage: 'prod'}).read({start, end})

    expect(metrics.series).toEqual({stage: 'prod', canary: 'prod/Canary'})
    expect(metrics.window).toEqual({start: new Date(start).toISOString(), end: new Date(end).toISOString(), periodSeconds: 60})
    expect(metrics.canary.requests).toBe(summary.canaryRequests)
    expect(metrics.base.requests).toBe(summary.requests - summary.canaryRequests)
    expect(metrics.canary.errors5xx! + metrics.base.errors5xx!).toBe(summary.errors5xx)
    expect(metrics.canary.rate5xx).toBeCloseTo(0.2, 1)
    expect(metrics.base.rate5xx).toBeLessThan(0.01)
    // The stage's own p99 mixes in the slow canary; the base's, taken apart, is its own 350 ms.
    expect(metrics.canary.latencyMs.p99).toBeGreaterThan(800)
    expect(metrics.canary.latencyMs.p99).toBeLessThan(1000)
    expect(metrics.base.latencyMs.p99).toBeGreaterThan(300)
    expect(metrics.base.latencyMs.p99).toBeLessThan(400)
    expect(metrics.base.latencyMs.p50).toBeCloseTo(40, -1)
    expect(metrics.canary.integrationLatencyMs).toBeGreaterThan(metrics.base.integrationLatencyMs!)
    expect(calls).toEqual(['ListMetrics', 'GetMetricData'])

    // Found once, the series are kept: later looks are one GetMetricData each.
    await canaryMetrics(session, {apiName: 'metrics-canary', stage: 'prod'}).read({start, end})
    const source = canaryMetrics(session, {apiName: 'metrics-canary', stage: 'prod'})
    calls.length = 0
    await source.read({start, end})
    await source.read({start, end})
    expect(calls).toEqual(['ListMetrics', 'GetMetricData', 'GetMetricData'])
  })

  it('counts from a moment on: what the minute held before it (a previous canary\'s requests) is taken off', async () => {
    const api = await seed.restApi('metrics-from')
    await sdkClients(sandbox.endpoint).rest.send(new CreateDeploymentCommand({restApiId: api.id, stageName: 'prod', canarySettings: {percentTraffic: 20}}))
    const minute = Math.ceil(Date.now() / MINUTE) * MINUTE + MINUTE
    const spec = {apiId: api.id, stage: 'prod', rps: 200, errorRate: {'4xx': 0.02, '5xx': 0.005}, latency: {p50: 40, p99: 350}, cacheHit: 0}
    simulateTraffic(sandbox.context, {...spec, start: minute, end: minute + 20_000})
    const {session, calls} = countingSession(sandbox.endpoint)
    const source = canaryMetrics(session, {apiName: 'metrics-from', stage: 'prod'})
    await source.countFrom(minute + 20_000)
    const bad = simulateTraffic(sandbox.context, {...spec, start: minute + 20_000, end: minute + 40_000, canaryErrorRate: {'4xx': 0.02, '5xx': 0.3}})
    const metrics = await source.read({start: minute + 20_000, end: minute + 40_000})
    expect(metrics.canary.requests).toBe(bad.canaryRequests)
    expect(metrics.base.requests).toBe(bad.requests - bad.canaryRequests)
    expect(metrics.canary.rate5xx).toBeCloseTo(0.3, 1)
    expect(calls).toEqual(['ListMetrics', 'GetMetricData', 'GetMetricData'])
    // A window that no longer holds that minute takes nothing off.
    expect((await source.read({start: minute + MINUTE, end: minute + 2 * MINUTE})).canary.note).toMatch(/^No canary requests in the window/)
  })

  it('says why there are no canary figures, rather than showing zeros', async () => {
    const api = await seed.restApi('metrics-plain')
    const {session} = countingSession(sandbox.endpoint)
    const source = canaryMetrics(session, {apiName: 'metrics-plain', stage: 'prod'})
    const before = await source.read({start: Date.now() - 5 * MINUTE, end: Date.now()})
    expect(before.series).toEqual({stage: null, canary: null})
    expect(before.base).toMatchObject({requests: null, rate5xx: null, latencyMs: {p99: null}})
    expect(before.base.note).toMatch(/^CloudWatch has no metrics for API "metrics-plain" stage "prod" in AWS\/ApiGateway: no requests yet, or not published yet/)

    const {start, end, summary} = traffic(api.id)
    const after = await source.read({start, end})
    expect(after.base.requests).toBe(summary.requests)
    expect(after.canary).toMatchObject({requests: null, rate5xx: null, errors5xx: null})
    expect(after.canary.note).toMatch(/^CloudWatch has no canary series for API "metrics-plain" stage "prod" \(Stage "prod\/Canary" in AWS\/ApiGateway\): the canary has served no requests yet/)

    const later = await source.read({start: end + 60 * MINUTE, end: end + 65 * MINUTE})
    expect(later.base.requests).toBeNull()
    expect(later.base.note).toMatch(/^No requests in the window \d\d:\d\d–\d\d:\d\d UTC\.$/)
  })
})
