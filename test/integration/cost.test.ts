import {CreateStageCommand} from '@aws-sdk/client-apigatewayv2'
import {CreateDeploymentCommand, CreateResourceCommand, CreateRestApiCommand, GetResourcesCommand, PutIntegrationCommand, PutMethodCommand} from '@aws-sdk/client-api-gateway'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {US_EAST_1} from '../../packages/cli/src/lib/cost/index.js'
import {TABLES, type StageRecord} from '../../packages/sandbox/src/model.js'
import {stageKey} from '../../packages/sandbox/src/rest/lookup.js'
import {simulateTraffic} from '../../packages/sandbox/src/traffic/simulate.js'
import {runCli} from '../helpers/cli.js'
import {canaryStageWithCache, PROFILE} from '../helpers/live-stage.js'
import {clients, env, sandbox, seed, useSandboxCli} from '../helpers/sandbox-cli.js'

useSandboxCli()

const HOUR = 3_600_000
const cost = (...args: string[]) => runCli(['cost', ...args], env)

interface Row {
  api: {id: string; name: string}
  requests: number
  connectionMinutes: number
  requestCost: number
  caches: Array<{stage: string; sizeGb: string; hours: number; cost: number}>
  cost: number
  asHttp: {restOnly: string[]; requestCost: number | null} | null
}

/** Traffic an hour long that ended an hour ago, wholly inside a 3 h window; the simulator says how many requests it made. */
const traffic = (apiId: string, stage: string, rps: number) => simulateTraffic(sandbox.context, {...PROFILE, apiId, stage, rps, start: Date.now() - 2 * HOUR, end: Date.now() - HOUR}).requests

/** A REST API with none of the REST-only features: a regional endpoint, GET / to an HTTP proxy, a stage `live`. */
async function plainRestApi(name: string) {
  const api = await clients.rest.send(new CreateRestApiCommand({name, endpointConfiguration: {types: ['REGIONAL']}}))
  const root = (await clients.rest.send(new GetResourcesCommand({restApiId: api.id}))).items!.find((resource) => resource.path === '/')!
  const items = await clients.rest.send(new CreateResourceCommand({restApiId: api.id, parentId: root.id, pathPart: 'items'}))
  await clients.rest.send(new PutMethodCommand({restApiId: api.id, resourceId: items.id, httpMethod: 'GET', authorizationType: 'NONE'}))
  await clients.rest.send(
    new PutIntegrationCommand({restApiId: api.id, resourceId: items.id, httpMethod: 'GET', type: 'HTTP_PROXY', integrationHttpMethod: 'GET', uri: 'https://example.com/items'}),
  )
  await clients.rest.send(new CreateDeploymentCommand({restApiId: api.id, stageName: 'live'}))
  return api.id!
}

describe('apigw cost against hand-computed figures', () => {
  const requests: Record<string, number> = {}
  const ids: Record<string, string> = {}

  beforeAll(async () => {
    ids.shop = (await canaryStageWithCache(sandbox, 'cost-shop')).id
    // The cache cluster (0.5 GB) has been there for four hours: all of a 3 h window counts.
    const record = sandbox.context.store.get<StageRecord>(TABLES.stages, stageKey(ids.shop, 'prod'))!
    sandbox.context.store.put<StageRecord>(TABLES.stages, stageKey(ids.shop, 'prod'), {...record, createdDate: Date.now() - 4 * HOUR})
    requests.shop = traffic(ids.shop, 'prod', 20)
    ids.orders = (await seed.httpApi('cost-orders')).id
    requests.orders = traffic(ids.orders, '$default', 5)
    ids.plain = await plainRestApi('cost-plain')
    requests.plain = traffic(ids.plain, 'live', 2)
    ids.chat = (await seed.websocketApi('cost-chat')).id
    await clients.v2.send(new CreateStageCommand({ApiId: ids.chat, StageName: 'live'}))
    requests.chat = traffic(ids.chat, 'live', 3)
  })

  const rowsOf = (stdout: string) => Object.fromEntries((JSON.parse(stdout).apis as Row[]).map((row) => [row.api.name, row]))

  it('prices requests by kind, cache hours by size, and a REST API without REST-only features as an HTTP API', async () => {
    const {code, stdout} = await cost('--all', '--since', '3h', '--json')
    expect(code).toBe(0)
    const report = JSON.parse(stdout)
    const rows = rowsOf(stdout)
    // Under the first tier of each kind: $3.50 per million REST requests, $1.00 per million HTTP requests.
    expect(rows['cost-shop'].requests).toBe(requests.shop)
    expect(rows['cost-shop'].requestCost).toBeCloseTo((requests.shop * 3.5) / 1e6, 10)
    expect(rows['cost-shop'].caches).toEqual([{stage: 'prod', sizeGb: '0.5', hours: 3, cost: expect.closeTo(3 * 0.02, 10)}])
    expect(rows['cost-shop'].cost).toBeCloseTo((requests.shop * 3.5) / 1e6 + 0.06, 10)
    expect(rows['cost-shop'].asHttp).toEqual({restOnly: ['API keys', 'cache cluster', 'canary', 'edge-optimized endpoint'], requestCost: null})
    expect(rows['cost-orders']).toMatchObject({requests: requests.orders, caches: [], asHttp: null})
    expect(rows['cost-orders'].requestCost).toBeCloseTo(requests.orders / 1e6, 10)
    expect(rows['cost-plain'].requestCost).toBeCloseTo((requests.plain * 3.5) / 1e6, 10)
    expect(rows['cost-plain'].asHttp).toEqual({restOnly: [], requestCost: expect.closeTo(requests.plain / 1e6, 10)})
    // WebSocket: $1.00 per million messages, $0.25 per million connection minutes (one a connection).
    const chat = rows['cost-chat']
    expect(chat.requests).toBe(requests.chat)
    expect(chat.connectionMinutes).toBeGreaterThan(0)
    expect(chat.requestCost).toBeCloseTo((requests.chat + chat.connectionMinutes * 0.25) / 1e6, 10)
    expect(report.total).toBeCloseTo(((requests.shop + requests.plain) * 3.5 + requests.orders + requests.chat + chat.connectionMinutes * 0.25) / 1e6 + 0.06, 10)
    expect(report.window.hours).toBe(3)
    expect(report.prices).toEqual({source: 'https://aws.amazon.com/api-gateway/pricing/', date: US_EAST_1.date, region: 'us-east-1'})
    expect(report.assumptions.length).toBeGreaterThan(0)
  })

  it('prints a table dearest first, the total, the prices used and the assumptions', async () => {
    const {code, stdout} = await cost('--all', '--since', '3h')
    expect(code).toBe(0)
    const lines = stdout.split('\n')
    expect(lines[0]).toMatch(/^\$\d+\.\d\d over 3 hours \(.*\) · prices of us-east-1, /)
    expect(lines[2]).toMatch(/^API\s+ID\s+TYPE\s+REQUESTS\s+REQUEST COST\s+CACHE\s+TOTAL\s+AS HTTP API$/)
    expect(lines[3]).toMatch(/^cost-shop\s+.*prod 0\.5 GB 3 h \$0\.06\s+\$0\.\d\d\s+no: API keys, cache cluster, canary, edge-optimized endpoint$/)
    expect(stdout).toContain('Assumed:')
  })

  it('takes another price table with --prices', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'apigw-prices-')), 'prices.json')
    const prices = {...US_EAST_1, region: 'eu-test-1', rest: {requests: [{upTo: null, perMillion: 10}]}, cacheHourly: {...US_EAST_1.cacheHourly, '0.5': 1}}
    writeFileSync(file, JSON.stringify(prices))
    const {code, stdout} = await cost('--api', 'cost-shop', '--since', '3h', '--prices', file, '--json')
    expect(code).toBe(0)
    const report = JSON.parse(stdout)
    expect(report.prices.region).toBe('eu-test-1')
    expect(report.apis).toHaveLength(1)
    expect(report.apis[0].requestCost).toBeCloseTo((requests.shop * 10) / 1e6, 10)
    expect(report.apis[0].caches[0].cost).toBeCloseTo(3, 10)
  })

  it('refuses a bad price table, or neither --api nor --all, before any call (exit 2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'apigw-prices-'))
    const cases: Array<[string, string]> = [
      ['not json {', 'not JSON'],
      [JSON.stringify({...US_EAST_1, http: {requests: [{upTo: null, perMillion: -1}]}}), 'http.requests[0].perMillion must be a price'],
      [JSON.stringify({...US_EAST_1, rest: {requests: [{upTo: 5, perMillion: 1}]}}), 'rest.requests[0].upTo must be null (the last tier has no end)'],
      [JSON.stringify({...US_EAST_1, websocket: undefined}), 'websocket must be an object'],
    ]
    for (const [i, [text, message]] of cases.entries()) {
      writeFileSync(join(dir, `${i}.json`), text)
      const {code, stderr} = await cost('--all', '--prices', join(dir, `${i}.json`), '--debug')
      expect(code, message).toBe(2)
      expect(stderr).toContain(message)
      expect(stderr).not.toContain('ok in')
    }
    const missing = await cost('--all', '--prices', join(dir, 'none.json'))
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('cannot be read (ENOENT)')
    const neither = await cost()
    expect(neither.code).toBe(2)
    expect(neither.stderr).toContain('--api names the API to cost, or --all costs every API of the region.')
  })
})
