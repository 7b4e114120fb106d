import {CreateDeploymentCommand, CreateRestApiCommand, GetResourcesCommand, PutIntegrationCommand, PutMethodCommand, UpdateStageCommand} from '@aws-sdk/client-api-gateway'
import {CreateLogGroupCommand, GetQueryResultsCommand, StartQueryCommand, StopQueryCommand, type ResultField} from '@aws-sdk/client-cloudwatch-logs'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {Clock} from '../../packages/sandbox/src/clock.js'
import type {TrafficSummary} from '../../packages/sandbox/src/traffic/spec.js'
import {controlFetch, sdkClients, startTestSandbox, type Sandbox} from '../helpers/sandbox.js'
import {seededRandom} from '../helpers/seeded-random.js'

const MINUTE = 60_000
const NOW = Date.UTC(2025, 0, 15, 12, 0)
const GROUP = '/apigw/insights'
const FORMAT = '{"requestId":"$context.requestId","status":"$context.status","route":"$context.httpMethod $context.resourcePath","integrationLatency":"$context.integrationLatency","canary":"$context.isCanaryRequest"}'

describe('sandbox Logs Insights (docs/aws-behaviour.md#logs-insights-queries)', () => {
  let sandbox: Sandbox
  let clients: ReturnType<typeof sdkClients>
  let summary: TrafficSummary

  beforeAll(async () => {
    const clock: Clock = {now: () => NOW, sleep: async () => {}, random: seededRandom(11)}
    sandbox = await startTestSandbox({clock})
    clients = sdkClients(sandbox.endpoint)
    const apiId = (await clients.rest.send(new CreateRestApiCommand({name: 'shop'}))).id!
    const root = (await clients.rest.send(new GetResourcesCommand({restApiId: apiId}))).items![0].id!
    for (const httpMethod of ['GET', 'POST']) {
      await clients.rest.send(new PutMethodCommand({restApiId: apiId, resourceId: root, httpMethod, authorizationType: 'NONE'}))
      await clients.rest.send(new PutIntegrationCommand({restApiId: apiId, resourceId: root, httpMethod, type: 'MOCK'}))
    }
    await clients.rest.send(new CreateDeploymentCommand({restApiId: apiId, stageName: 'prod'}))
    await clients.logs.send(new CreateLogGroupCommand({logGroupName: GROUP}))
    await clients.rest.send(
      new UpdateStageCommand({
        restApiId: apiId,
        stageName: 'prod',
        patchOperations: [
          {op: 'replace', path: '/accessLogSettings/destinationArn', value: `arn:aws:logs:us-east-1:123456789012:log-group:${GROUP}`},
          {op: 'replace', path: '/accessLogSettings/format', value: FORMAT},
        ],
      }),
    )
    const body = {apiId, stage: 'prod', rps: 5, start: NOW - 20 * MINUTE, end: NOW, errorRate: {'4xx': 0.05, '5xx': 0.05}, latency: {p50: 80, p99: 400}, cacheHit: 0}
    summary = (await (await controlFetch(sandbox, 'traffic', {method: 'POST', body: JSON.stringify(body)})).json()) as TrafficSummary
  })
  afterAll(() => sandbox.stop())

  const start = (queryString: string, extra: {limit?: number} = {}) =>
    clients.logs.send(new StartQueryCommand({logGroupNames: [GROUP], startTime: (NOW - 3_600_000) / 1000, endTime: NOW / 1000, queryString, ...extra}))
  /** Polls until Complete; the rows as objects. */
  async function query(queryString: string): Promise<Record<string, string>[]> {
    const {queryId} = await start(queryString)
    for (;;) {
      const result = await clients.logs.send(new GetQueryResultsCommand({queryId}))
      if (result.status === 'Complete') return result.results!.map((row: ResultField[]) => Object.fromEntries(row.map((cell) => [cell.field!, cell.value!])))
    }
  }

  it('goes Scheduled, Running, Complete, with statistics, and StopQuery stops a running one', async () => {
    const {queryId} = await start('fields @timestamp, @message | limit 3')
    const statuses: string[] = []
    let last
    do {
      last = await clients.logs.send(new GetQueryResultsCommand({queryId}))
      statuses.push(last.status!)
    } while (last.status !== 'Complete')
    expect(statuses).toEqual(['Scheduled', 'Running', 'Complete'])
    expect(last.results).toHaveLength(3)
    expect(last.statistics).toMatchObject({recordsMatched: summary.requests, recordsScanned: summary.requests})
    const other = await start('fields @message')
    expect((await clients.logs.send(new StopQueryCommand({queryId: other.queryId}))).success).toBe(true)
    expect((await clients.logs.send(new GetQueryResultsCommand({queryId: other.queryId}))).status).toBe('Cancelled')
  })

  it('counts requests by status as the simulator counted them', async () => {
    const rows = await query('stats count(*) as requests by status')
    const byClass = (digit: string) => rows.filter((row) => row.status.startsWith(digit)).reduce((sum, row) => sum + Number(row.requests), 0)
    expect(byClass('5')).toBe(summary.errors5xx)
    expect(byClass('4')).toBe(summary.errors4xx)
    expect(byClass('2')).toBe(summary.requests - summary.errors4xx - summary.errors5xx)
  })

  it('filters, sorts and limits, showing the fields asked for and @ptr', async () => {
    const rows = await query('fields @timestamp, status, route | filter status >= 500 | sort @timestamp desc | limit 5')
    expect(rows).toHaveLength(5)
    for (const row of rows) {
      expect(Number(row.status)).toBeGreaterThanOrEqual(500)
      expect(Object.keys(row)).toEqual(['@timestamp', 'status', 'route', '@ptr'])
      expect(row['@timestamp']).toMatch(/^2025-01-15 11:\d\d:\d\d\.\d{3}$/)
    }
    expect(rows.map((row) => row['@timestamp'])).toEqual(rows.map((row) => row['@timestamp']).sort().reverse())
  })

  it('computes p99 and averages by route, slowest first, over the integration latencies that exist', async () => {
    const rows = await query('filter ispresent(integrationLatency) and integrationLatency != "-" | stats pct(integrationLatency, 99) as p99, avg(integrationLatency) as mean, count(*) as n by route | sort p99 desc')
    expect(rows.map((row) => row.route).sort()).toEqual(['GET /', 'POST /'])
    for (const row of rows) expect(Number(row.p99)).toBeGreaterThanOrEqual(Number(row.mean))
    expect(Number(rows[0].p99)).toBeGreaterThanOrEqual(Number(rows[1].p99))
  })

  it('parses fields out of a message with a glob', async () => {
    const rows = await query('parse @message \'"status":"*"\' as code | filter code like /^5/ | stats count(*) as failures')
    expect(rows).toEqual([{failures: String(summary.errors5xx)}])
  })

  it.each([
    ['fields @timestamp as t, status | filter @message like "requestId" | limit 2', 2],
    ['filter status >= 500 and status <= 599 | stats count(*) as n', 1],
    ['filter status =~ /^5/ or status in ["404", "403"] | stats count(*) as n by status | sort n desc', undefined],
    ['stats count(*) as n by bin(5m)', 4],
    ['filter not ispresent(nothing) and canary = "false" | stats count_distinct(route) as routes, max(integrationLatency) as slowest', 1],
    ['display status | filter tolower(route) = "get /" | limit 1', 1],
  ])('runs %s', async (queryString, rows) => {
    const result = await query(queryString)
    if (rows !== undefined) expect(result).toHaveLength(rows)
    expect(result.length).toBeGreaterThan(0)
  })

  it('refuses what it does not serve with MalformedQueryException', async () => {
    const error = await start('fields @message | dedup status').then(
      () => expect.unreachable('the query was accepted'),
      (failure: Error) => failure,
    )
    expect(error.name).toBe('MalformedQueryException')
    expect(error.message).toMatch(/^unexpected command: dedup\. /)
  })
})
