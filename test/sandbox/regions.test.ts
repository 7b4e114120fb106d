// Regions are independent: docs/aws-behaviour.md#regions-are-independent
import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {CreateApiKeyCommand, CreateRestApiCommand, GetApiKeysCommand, GetExportCommand, GetRestApiCommand, GetRestApisCommand, GetStageCommand} from '@aws-sdk/client-api-gateway'
import {CreateApiCommand, GetApiCommand, GetApisCommand} from '@aws-sdk/client-apigatewayv2'
import {ListMetricsCommand, PutMetricDataCommand} from '@aws-sdk/client-cloudwatch'
import {afterAll, beforeAll, beforeEach, describe, expect, it} from 'vitest'
import {startSandbox} from '../../packages/sandbox/src/index.js'
import {controlFetch, sdkClients, startTestSandbox, type Sandbox} from '../helpers/sandbox.js'
import {seeder} from '../helpers/seed.js'

const EU = 'eu-west-1'
const notFound = (id: string) => ({name: 'NotFoundException', message: `Invalid API identifier specified 123456789012:${id}`})
const names = (items: {name?: string; Name?: string}[] | undefined) => (items ?? []).map((item) => item.name ?? item.Name)

describe('sandbox regions', () => {
  let sandbox: Sandbox
  let home: ReturnType<typeof sdkClients>
  let eu: ReturnType<typeof sdkClients>

  beforeAll(async () => {
    sandbox = await startTestSandbox()
    home = sdkClients(sandbox.endpoint)
    eu = sdkClients(sandbox.endpoint, EU)
  })
  afterAll(() => sandbox.stop())
  beforeEach(() => sandbox.context.store.clear())

  it('lists and finds a REST API only in the region it was created in; elsewhere its id is NotFound', async () => {
    const api = await eu.rest.send(new CreateRestApiCommand({name: 'far'}))
    await home.rest.send(new CreateRestApiCommand({name: 'near'}))
    expect(names((await eu.rest.send(new GetRestApisCommand({}))).items)).toEqual(['far'])
    expect(names((await home.rest.send(new GetRestApisCommand({}))).items)).toEqual(['near'])
    expect((await eu.rest.send(new GetRestApiCommand({restApiId: api.id}))).name).toBe('far')
    await expect(home.rest.send(new GetRestApiCommand({restApiId: api.id}))).rejects.toMatchObject(notFound(api.id!))
  })

  it('keeps API keys apart by region', async () => {
    await eu.rest.send(new CreateApiKeyCommand({name: 'eu-partner'}))
    expect(names((await eu.rest.send(new GetApiKeysCommand({}))).items)).toEqual(['eu-partner'])
    expect((await home.rest.send(new GetApiKeysCommand({}))).items).toEqual([])
  })

  it('keeps HTTP APIs apart by region, and names the region in their endpoint', async () => {
    const api = await eu.v2.send(new CreateApiCommand({Name: 'far-http', ProtocolType: 'HTTP'}))
    expect(api.ApiEndpoint).toBe(`https://${api.ApiId}.execute-api.${EU}.amazonaws.com`)
    expect(names((await eu.v2.send(new GetApisCommand({}))).Items)).toEqual(['far-http'])
    expect((await home.v2.send(new GetApisCommand({}))).Items).toEqual([])
    await expect(home.v2.send(new GetApiCommand({ApiId: api.ApiId}))).rejects.toMatchObject(notFound(api.ApiId!))
  })

  it("exports a REST API with its own region's host", async () => {
    const {id} = await seeder(sandbox.endpoint, EU).restApi('eu-orders')
    const exported = await eu.rest.send(new GetExportCommand({restApiId: id, stageName: 'prod', exportType: 'oas30'}))
    expect(Buffer.from(exported.body!).toString('utf8')).toContain(`https://${id}.execute-api.${EU}.amazonaws.com`)
  })

  it('keeps CloudWatch metrics in the region they were published in', async () => {
    await eu.cloudWatch.send(new PutMetricDataCommand({Namespace: 'Shop', MetricData: [{MetricName: 'Orders', Value: 1}]}))
    const listed = async (clients: typeof home) => (await clients.cloudWatch.send(new ListMetricsCommand({Namespace: 'Shop'}))).Metrics ?? []
    expect((await listed(eu)).map((metric) => metric.MetricName)).toEqual(['Orders'])
    expect(await listed(home)).toEqual([])
  })

  it('serves a request that names no region (unsigned, or a scope without a region name) from us-east-1', async () => {
    await home.rest.send(new CreateRestApiCommand({name: 'near'}))
    await eu.rest.send(new CreateRestApiCommand({name: 'far'}))
    const listed = async (headers: Record<string, string>) => names(((await (await fetch(`${sandbox.endpoint}/restapis`, {headers})).json()) as {item: {name: string}[]}).item)
    expect(await listed({})).toEqual(['near'])
    expect(await listed({authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20261207/local/apigateway/aws4_request, SignedHeaders=host, Signature=0'})).toEqual(['near'])
    expect(await listed({authorization: `AWS4-HMAC-SHA256 Credential=AKID/20261207/${EU}/apigateway/aws4_request, SignedHeaders=host, Signature=0`})).toEqual(['far'])
  })

  it("publishes simulated traffic in its API's region: CloudWatch lists the metrics there only", async () => {
    const {id} = await seeder(sandbox.endpoint, EU).restApi('eu-orders')
    const now = Date.now()
    const traffic = await controlFetch(sandbox, 'traffic', {
      method: 'POST',
      body: JSON.stringify({apiId: id, stage: 'prod', rps: 1, start: now - 10 * 60_000, end: now, errorRate: {'4xx': 0, '5xx': 0}, latency: {p50: 20, p99: 80}, cacheHit: 0}),
    })
    expect(traffic.status).toBe(200)
    const listed = async (clients: typeof home) => (await clients.cloudWatch.send(new ListMetricsCommand({Namespace: 'AWS/ApiGateway', MetricName: 'Count'}))).Metrics ?? []
    expect((await listed(eu)).length).toBeGreaterThan(0)
    expect(await listed(home)).toEqual([])
  })

  it('forgets every region on reset, and reports records per region in its status', async () => {
    await eu.rest.send(new CreateApiKeyCommand({name: 'eu-partner'}))
    await home.rest.send(new CreateApiKeyCommand({name: 'partner'}))
    await home.rest.send(new CreateApiKeyCommand({name: 'partner-2'}))
    const status = (await (await controlFetch(sandbox, 'status')).json()) as {records: Record<string, number>; regions: Record<string, Record<string, number>>}
    expect(status.records.apiKeys).toBe(3)
    expect(status.regions[EU]).toMatchObject({apiKeys: 1})
    expect(status.regions['us-east-1']).toMatchObject({apiKeys: 2})
    expect((await controlFetch(sandbox, 'reset', {method: 'POST'})).status).toBe(204)
    expect((await eu.rest.send(new GetApiKeysCommand({}))).items).toEqual([])
    expect((await home.rest.send(new GetApiKeysCommand({}))).items).toEqual([])
  })
})

describe('sandbox regions across a restart', () => {
  it('keeps each region its own APIs and stages', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'apigw-regions-'))
    const first = await startSandbox({stateDir})
    const {id} = await seeder(first.endpoint, EU).restApi('eu-orders')
    await sdkClients(first.endpoint).rest.send(new CreateRestApiCommand({name: 'near'}))
    await first.stop()
    const second = await startSandbox({stateDir})
    try {
      const eu = sdkClients(second.endpoint, EU)
      const home = sdkClients(second.endpoint)
      expect(names((await eu.rest.send(new GetRestApisCommand({}))).items)).toEqual(['eu-orders'])
      expect((await eu.rest.send(new GetStageCommand({restApiId: id, stageName: 'prod'}))).stageName).toBe('prod')
      expect(names((await home.rest.send(new GetRestApisCommand({}))).items)).toEqual(['near'])
    } finally {
      await second.stop()
    }
  })
})
