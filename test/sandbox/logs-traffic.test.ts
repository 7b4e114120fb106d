import {CreateApiKeyCommand, CreateDeploymentCommand, CreateResourceCommand, CreateRestApiCommand, GetResourcesCommand, PutIntegrationCommand, PutMethodCommand, UpdateStageCommand} from '@aws-sdk/client-api-gateway'
import {CreateApiCommand, CreateStageCommand, UpdateStageCommand as UpdateV2StageCommand} from '@aws-sdk/client-apigatewayv2'
import {CreateLogGroupCommand, DescribeLogGroupsCommand, FilterLogEventsCommand, type FilterLogEventsCommandInput} from '@aws-sdk/client-cloudwatch-logs'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {Clock} from '../../packages/sandbox/src/clock.js'
import type {TrafficSpec, TrafficSummary} from '../../packages/sandbox/src/traffic/spec.js'
import {controlFetch, sdkClients, startTestSandbox, type Sandbox} from '../helpers/sandbox.js'
import {seededRandom} from '../helpers/seeded-random.js'

const MINUTE = 60_000
const NOW = Date.UTC(2025, 0, 15, 12, 0)
const START = NOW - 10 * MINUTE

/** A clock standing at NOW whose random() repeats from run to run. */
const seededClock = (seed: number): Clock => ({now: () => NOW, sleep: async () => {}, random: seededRandom(seed)})

/** The API Gateway console's four formats, and a template of our own. docs/aws-behaviour.md#access-log-lines */
const FORMATS = {
  json: '{ "requestId":"$context.requestId", "ip": "$context.identity.sourceIp", "requestTime":"$context.requestTime", "epoch":"$context.requestTimeEpoch", "httpMethod":"$context.httpMethod","resourcePath":"$context.resourcePath", "status":"$context.status","protocol":"$context.protocol", "responseLength":"$context.responseLength", "canary":"$context.isCanaryRequest", "error":"$context.error.message", "integrationLatency":"$context.integrationLatency", "unknown":"$context.no.such.variable" }',
  clf: '$context.identity.sourceIp $context.identity.caller $context.identity.user [$context.requestTime] "$context.httpMethod $context.resourcePath $context.protocol" $context.status $context.responseLength $context.requestId',
  xml: '<request id="$context.requestId"> <ip>$context.identity.sourceIp</ip> <requestTime>$context.requestTime</requestTime> <httpMethod>$context.httpMethod</httpMethod> <resourcePath>$context.resourcePath</resourcePath> <status>$context.status</status> <protocol>$context.protocol</protocol> <responseLength>$context.responseLength</responseLength> </request>',
  csv: '$context.identity.sourceIp,$context.identity.caller,$context.identity.user,$context.requestTime,$context.httpMethod,$context.resourcePath,$context.protocol,$context.status,$context.responseLength,$context.requestId',
  custom: 'rid=$context.requestId status=$context.status canary=$context.isCanaryRequest latency=$context.responseLatency stage=$context.stage.',
}

describe('the traffic simulator writes access and execution logs (docs/aws-behaviour.md#access-log-lines)', () => {
  let sandbox: Sandbox
  let clients: ReturnType<typeof sdkClients>
  let apiId: string

  beforeAll(async () => {
    sandbox = await startTestSandbox({clock: seededClock(7)})
    clients = sdkClients(sandbox.endpoint)
    apiId = (await clients.rest.send(new CreateRestApiCommand({name: 'orders'}))).id!
    const root = (await clients.rest.send(new GetResourcesCommand({restApiId: apiId}))).items![0].id!
    const orders = (await clients.rest.send(new CreateResourceCommand({restApiId: apiId, parentId: root, pathPart: '{id}'}))).id!
    await clients.rest.send(new PutMethodCommand({restApiId: apiId, resourceId: orders, httpMethod: 'GET', authorizationType: 'NONE'}))
    await clients.rest.send(new PutIntegrationCommand({restApiId: apiId, resourceId: orders, httpMethod: 'GET', type: 'MOCK'}))
  })
  afterAll(() => sandbox.stop())

  const traffic = async (spec: Partial<TrafficSpec> & {apiId: string; stage: string}): Promise<TrafficSummary> => {
    const body = {rps: 5, start: START, end: NOW, errorRate: {'4xx': 0.1, '5xx': 0.1}, latency: {p50: 80, p99: 400}, cacheHit: 0, ...spec}
    const response = await controlFetch(sandbox, 'traffic', {method: 'POST', body: JSON.stringify(body)})
    expect(response.status).toBe(200)
    return (await response.json()) as TrafficSummary
  }
  /** Every message of a group, paging through FilterLogEvents. */
  const messages = async (input: FilterLogEventsCommandInput): Promise<string[]> => {
    const found: string[] = []
    let nextToken: string | undefined
    do {
      const page = await clients.logs.send(new FilterLogEventsCommand({...input, nextToken}))
      found.push(...page.events!.map((event) => event.message!))
      nextToken = page.nextToken
    } while (nextToken)
    return found
  }
  const arn = (group: string) => `arn:aws:logs:us-east-1:123456789012:log-group:${group}`

  /** A stage logging to a new group in `format`; `patch` adds more settings. */
  async function loggingStage(stage: string, format: string, patch: {op: 'replace'; path: string; value: string}[] = []) {
    await clients.rest.send(new CreateDeploymentCommand({restApiId: apiId, stageName: stage}))
    const group = `/apigw/access/${stage}`
    await clients.logs.send(new CreateLogGroupCommand({logGroupName: group}))
    await clients.rest.send(
      new UpdateStageCommand({
        restApiId: apiId,
        stageName: stage,
        patchOperations: [{op: 'replace', path: '/accessLogSettings/destinationArn', value: arn(group)}, {op: 'replace', path: '/accessLogSettings/format', value: format}, ...patch],
      }),
    )
    return group
  }

  it('writes one JSON line per request in the stage format, unknown variables as "-", statuses as the summary counts them', async () => {
    const group = await loggingStage('json', FORMATS.json)
    const summary = await traffic({apiId, stage: 'json'})
    const lines = (await messages({logGroupName: group})).map((line) => JSON.parse(line) as Record<string, string>)
    expect(lines).toHaveLength(summary.requests)
    expect(lines.filter((line) => line.status.startsWith('5'))).toHaveLength(summary.errors5xx)
    expect(lines.filter((line) => line.status.startsWith('4'))).toHaveLength(summary.errors4xx)
    expect(new Set(lines.map((line) => line.requestId)).size).toBe(lines.length)
    for (const line of lines) {
      expect(Number(line.epoch)).toBeGreaterThanOrEqual(START)
      expect(Number(line.epoch)).toBeLessThan(NOW)
      expect(line).toMatchObject({httpMethod: 'GET', resourcePath: '/{id}', protocol: 'HTTP/1.1', canary: 'false', unknown: '-'})
      expect(line.requestTime).toMatch(/^15\/Jan\/2025:11:[45]\d:\d\d \+0000$/)
      expect(line.error === '-').toBe(line.status.startsWith('2'))
    }
    // Lines are events at their requests' times, in order.
    expect(lines.map((line) => Number(line.epoch))).toEqual(lines.map((line) => Number(line.epoch)).sort((a, b) => a - b))
    const failed = await messages({logGroupName: group, filterPattern: '{ $.status = 5* }'})
    expect(failed).toHaveLength(summary.errors5xx)
  })

  it.each([
    ['clf', /^\d+\.\d+\.\d+\.\d+ - - \[15\/Jan\/2025:11:\d\d:\d\d \+0000\] "GET \/\{id\} HTTP\/1\.1" \d{3} \d+ [0-9a-f-]{36}$/, '[ip, caller, user, time, request, status=5*, ...]'],
    ['xml', /^<request id="[0-9a-f-]{36}"> <ip>[\d.]+<\/ip> <requestTime>[^<]+<\/requestTime> <httpMethod>GET<\/httpMethod> <resourcePath>\/\{id\}<\/resourcePath> <status>\d{3}<\/status> <protocol>HTTP\/1\.1<\/protocol> <responseLength>\d+<\/responseLength> <\/request>$/, '"<status>5"'],
    ['csv', /^[\d.]+,-,-,15\/Jan\/2025:11:\d\d:\d\d \+0000,GET,\/\{id\},HTTP\/1\.1,\d{3},\d+,[0-9a-f-]{36}$/, '%,5\\d\\d,%'],
    ['custom', /^rid=[0-9a-f-]{36} status=\d{3} canary=false latency=\d+ stage=custom\.$/, '"status=5"'],
  ] as const)('renders the %s format with every variable substituted', async (name, shape, fiveHundreds) => {
    const group = await loggingStage(name, FORMATS[name])
    const summary = await traffic({apiId, stage: name})
    const lines = await messages({logGroupName: group})
    expect(lines).toHaveLength(summary.requests)
    for (const line of lines) expect(line).toMatch(shape)
    expect(await messages({logGroupName: group, filterPattern: fiveHundreds})).toHaveLength(summary.errors5xx)
  })

  it("marks the canary's requests and writes them to the /Canary group too", async () => {
    const group = await loggingStage('canary', FORMATS.custom, [{op: 'replace', path: '/canarySettings/percentTraffic', value: '30'}])
    await clients.logs.send(new CreateLogGroupCommand({logGroupName: `${group}/Canary`}))
    const summary = await traffic({apiId, stage: 'canary'})
    expect(summary.canaryRequests).toBeGreaterThan(0)
    const canaryLines = await messages({logGroupName: group, filterPattern: '"canary=true"'})
    expect(canaryLines).toHaveLength(summary.canaryRequests)
    expect(await messages({logGroupName: group, filterPattern: '"canary=false"'})).toHaveLength(summary.requests - summary.canaryRequests)
    expect(await messages({logGroupName: `${group}/Canary`})).toEqual(canaryLines)
  })

  it('writes execution logs at INFO to the group API Gateway creates, the errors behind every 5XX among them', async () => {
    await loggingStage('info', FORMATS.custom, [{op: 'replace', path: '/*/*/logging/loglevel', value: 'INFO'}])
    const summary = await traffic({apiId, stage: 'info'})
    const group = `API-Gateway-Execution-Logs_${apiId}/info`
    const lines = await messages({logGroupName: group})
    const completed = lines.filter((line) => / Method completed with status: \d{3}$/.test(line))
    expect(completed).toHaveLength(summary.requests)
    expect(completed.filter((line) => / status: 5\d\d$/.test(line))).toHaveLength(summary.errors5xx)
    expect(lines.filter((line) => /^\([0-9a-f-]{36}\) Execution failed due to /.test(line))).toHaveLength(summary.errors5xx)
    expect(lines.filter((line) => line.includes('Starting execution for request: '))).toHaveLength(summary.requests)
    // Bodies are logged with data trace only.
    expect(lines.some((line) => line.includes('Endpoint response body before transformations'))).toBe(false)
  })

  it('at ERROR writes only the failures; with logging off, no execution-log group exists', async () => {
    await loggingStage('errors', FORMATS.custom, [{op: 'replace', path: '/*/*/logging/loglevel', value: 'ERROR'}])
    const summary = await traffic({apiId, stage: 'errors'})
    const lines = await messages({logGroupName: `API-Gateway-Execution-Logs_${apiId}/errors`})
    expect(lines).toHaveLength(2 * summary.errors5xx)
    await loggingStage('quiet', FORMATS.custom)
    await traffic({apiId, stage: 'quiet'})
    const groups = await clients.logs.send(new DescribeLogGroupsCommand({logGroupNamePrefix: `API-Gateway-Execution-Logs_${apiId}/quiet`}))
    expect(groups.logGroups).toEqual([])
  })

  it('writes no access log when the stage names a group that does not exist (API Gateway does not create it)', async () => {
    await clients.rest.send(new CreateDeploymentCommand({restApiId: apiId, stageName: 'nogroup'}))
    await clients.rest.send(
      new UpdateStageCommand({
        restApiId: apiId,
        stageName: 'nogroup',
        patchOperations: [{op: 'replace', path: '/accessLogSettings/destinationArn', value: arn('/never/made')}, {op: 'replace', path: '/accessLogSettings/format', value: FORMATS.custom}],
      }),
    )
    await traffic({apiId, stage: 'nogroup'})
    const groups = await clients.logs.send(new DescribeLogGroupsCommand({logGroupNamePrefix: '/never/'}))
    expect(groups.logGroups).toEqual([])
  })

  it('logs HTTP API requests with their route key, and no canary flag', async () => {
    const api = await clients.v2.send(new CreateApiCommand({Name: 'http', ProtocolType: 'HTTP', RouteKey: 'GET /pets/{id}', Target: 'https://example.com'}))
    await clients.logs.send(new CreateLogGroupCommand({logGroupName: 'http-access'}))
    await clients.v2.send(new CreateStageCommand({ApiId: api.ApiId, StageName: 'live'}))
    await clients.v2.send(
      new UpdateV2StageCommand({ApiId: api.ApiId, StageName: 'live', AccessLogSettings: {DestinationArn: arn('http-access'), Format: '$context.routeKey $context.path $context.status $context.isCanaryRequest'}}),
    )
    const summary = await traffic({apiId: api.ApiId!, stage: 'live'})
    const lines = await messages({logGroupName: 'http-access'})
    expect(lines).toHaveLength(summary.requests)
    for (const line of lines) expect(line).toMatch(/^GET \/pets\/\{id\} \/pets\/\d+ \d{3} -$/)
  })

  it('names the API key each request used', async () => {
    const group = await loggingStage('keys', '$context.identity.apiKeyId $context.status')
    const keys = [(await clients.rest.send(new CreateApiKeyCommand({name: 'k1', enabled: true}))).id!, (await clients.rest.send(new CreateApiKeyCommand({name: 'k2', enabled: true}))).id!]
    const summary = await traffic({apiId, stage: 'keys', keys})
    const used = (await messages({logGroupName: group})).map((line) => line.split(' ')[0])
    expect(used).toHaveLength(summary.requests)
    expect(new Set(used)).toEqual(new Set(keys))
  })

  it("follows a method's own log level over the stage-wide one", async () => {
    await loggingStage('method', FORMATS.custom, [
      {op: 'replace', path: '/*/*/logging/loglevel', value: 'INFO'},
      {op: 'replace', path: '/~1{id}/GET/logging/loglevel', value: 'OFF'},
    ])
    await traffic({apiId, stage: 'method'})
    expect(await messages({logGroupName: `API-Gateway-Execution-Logs_${apiId}/method`}).catch((error: Error) => error.name)).toBe('ResourceNotFoundException')
    await loggingStage('method2', FORMATS.custom, [{op: 'replace', path: '/~1{id}/GET/logging/loglevel', value: 'ERROR'}])
    const summary = await traffic({apiId, stage: 'method2'})
    expect(await messages({logGroupName: `API-Gateway-Execution-Logs_${apiId}/method2`})).toHaveLength(2 * summary.errors5xx)
  })
})
