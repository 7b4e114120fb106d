import {CreateDeploymentCommand, GetStageCommand, UpdateStageCommand} from '@aws-sdk/client-api-gateway'
import {CreateLogGroupCommand, CreateLogStreamCommand, PutLogEventsCommand} from '@aws-sdk/client-cloudwatch-logs'
import {beforeAll, describe, expect, it} from 'vitest'
import type {TrafficSummary} from '../../packages/sandbox/src/traffic/spec.js'
import {awsEnv, runCli, spawnCli} from '../helpers/cli.js'
import {parseFaults} from '../../packages/cli/src/lib/sandbox/faults.js'
import {simulateTraffic} from '../../packages/sandbox/src/traffic/simulate.js'
import {controlFetch} from '../helpers/sandbox.js'
import {movableClock} from '../helpers/sandbox-clock.js'
import {clients, env, sandbox, seed, useSandboxCli} from '../helpers/sandbox-cli.js'

// Real time, but the canary's test starts the canary in the past (the simulator splits traffic as the stage was then).
const time = movableClock()
useSandboxCli({}, {clock: time.clock})

const apigw = (...args: string[]) => runCli(args, env)
const offline = (...args: string[]) => runCli(args, awsEnv('http://127.0.0.1:9', {AWS_MAX_ATTEMPTS: '1'}))
const jsonLines = (stdout: string) => stdout.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line))

const ACCESS_ARN = (group: string) => `arn:aws:logs:us-east-1:123456789012:log-group:${group}`

/** Turns the stage's access log on with `format` (a preset or a template) and returns the format as AWS stores it. */
async function accessLogOn(api: string, group: string, format: string): Promise<string> {
  const set = await apigw('stages', 'set', '--api', api, '--stage', 'prod', '--access-log', ACCESS_ARN(group), '--access-log-format', format, '--yes')
  expect(set.code, set.stderr).toBe(0)
  return (await clients.rest.send(new GetStageCommand({restApiId: api, stageName: 'prod'}))).accessLogSettings!.format!
}

/** A line as API Gateway writes it: each $context variable replaced by its value, `-` where there is none. */
const render = (format: string, values: Record<string, string>) => format.replace(/\$context\.[A-Za-z0-9_.]+[A-Za-z0-9_]/g, (variable) => values[variable.slice(9)] ?? '-')

const request = (n: number, status: number, path = '/pets/{id}') => ({
  requestId: `req-${n}`,
  'identity.sourceIp': '203.0.113.7',
  requestTime: '07/Dec/2026:10:00:00 +0000',
  httpMethod: 'GET',
  resourcePath: path,
  protocol: 'HTTP/1.1',
  status: String(status),
  responseLength: '42',
})

const minutesAgo = (minutes: number) => Date.now() - minutes * 60_000

/** Creates the group if new, and writes the events to it through PutLogEvents, in a stream of their own. */
let streams = 0
async function put(group: string, events: Array<{timestamp: number; message: string}>): Promise<void> {
  await clients.logs.send(new CreateLogGroupCommand({logGroupName: group})).catch((error: Error) => {
    if (error.name !== 'ResourceAlreadyExistsException') throw error
  })
  if (events.length === 0) return
  const logStreamName = `s${++streams}`
  await clients.logs.send(new CreateLogStreamCommand({logGroupName: group, logStreamName}))
  await clients.logs.send(new PutLogEventsCommand({logGroupName: group, logStreamName, logEvents: events.toSorted((a, b) => a.timestamp - b.timestamp)}))
}

/** The sandbox's traffic simulator over the last five minutes. */
async function traffic(apiId: string, stage: string): Promise<TrafficSummary> {
  const body = {apiId, stage, rps: 2, start: minutesAgo(5), end: minutesAgo(0.5), errorRate: {'4xx': 0.1, '5xx': 0.08}, latency: {p50: 80, p99: 400}, cacheHit: 0}
  const response = await controlFetch(sandbox, 'traffic', {method: 'POST', body: JSON.stringify(body)})
  expect(response.status).toBe(200)
  return (await response.json()) as TrafficSummary
}

describe('apigw logs', () => {
  it.each(['json', 'clf', 'xml', 'csv', '$context.requestId|$context.httpMethod|$context.resourcePath|$context.status|$context.identity.sourceIp'])('parses access lines in the %s format', async (format) => {
    const api = await seed.petsApi(`logs-format-${format.length}`)
    const group = `access-${api.id}`
    const stored = await accessLogOn(api.id, group, format)
    await put(group, [
      {timestamp: minutesAgo(3), message: render(stored, request(1, 200, '/pets'))},
      {timestamp: minutesAgo(2), message: render(stored, request(2, 502))},
      {timestamp: minutesAgo(1), message: 'not a line of this format'},
    ])
    const result = await apigw('logs', '--api', api.id, '--stage', 'prod', '-o', 'json')
    expect(result.code, result.stderr).toBe(0)
    const lines = jsonLines(result.stdout)
    expect(lines.map((line) => [line.requestId, line.status, line.route, line.side, line.kind])).toEqual([
      ['req-1', 200, 'GET /pets', 'base', 'access'],
      ['req-2', 502, 'GET /pets/{id}', 'base', 'access'],
      [null, null, null, 'base', 'access'],
    ])
    expect(lines[1].fields).toMatchObject({requestId: 'req-2', status: '502', 'identity.sourceIp': '203.0.113.7'})
    expect(lines[2]).toMatchObject({fields: null, message: 'not a line of this format'})
  })

  describe("the traffic simulator's lines", () => {
    const FORMATS = ['json', 'clf', 'xml', 'csv', 'rid=$context.requestId status=$context.status canary=$context.isCanaryRequest route=$context.httpMethod $context.resourcePath.']
    it.each(FORMATS)('every line of %s parsed, statuses as the simulator counts them', async (format) => {
      const api = await seed.petsApi(`logs-traffic-${format.length}`)
      const group = `traffic-${api.id}`
      await put(group, [])
      await accessLogOn(api.id, group, format)
      const summary = await traffic(api.id, 'prod')
      const result = await apigw('logs', '--api', api.id, '--stage', 'prod', '--access', '-o', 'json')
      expect(result.code, result.stderr).toBe(0)
      const lines = jsonLines(result.stdout)
      expect(lines).toHaveLength(summary.requests)
      expect(lines.filter((line) => line.fields === null || !/^[0-9a-f-]{36}$/.test(line.requestId) || !/^GET \/pets/.test(line.route))).toEqual([])
      expect(lines.filter((line) => line.status >= 500)).toHaveLength(summary.errors5xx)
      expect(lines.filter((line) => line.status >= 400 && line.status < 500)).toHaveLength(summary.errors4xx)
    })

    it('an HTTP API: its route keys, access logs only', async () => {
      const api = await seed.httpApi('logs-http')
      const group = `traffic-http-${api.id}`
      await put(group, [])
      const set = await apigw('stages', 'set', '--api', api.id, '--stage', '$default', '--access-log', ACCESS_ARN(group), '--access-log-format', 'json', '--yes')
      expect(set.code, set.stderr).toBe(0)
      const summary = await traffic(api.id, '$default')
      const result = await apigw('logs', '--api', api.id, '--stage', '$default', '-o', 'json')
      expect(result.code, result.stderr).toBe(0)
      const lines = jsonLines(result.stdout)
      expect(lines).toHaveLength(summary.requests)
      expect(new Set(lines.map((line) => `${line.kind} ${line.route}`))).toEqual(new Set(['access GET /orders']))
      const none = await apigw('logs', '--api', api.id, '--stage', '$default', '--execution')
      expect(none.stderr).toContain('HTTP APIs have no execution logs, only access logs.')
    })

    it("a canary's requests apart from the base's, each line once, execution lines too", async () => {
      const api = await seed.petsApi('logs-traffic-canary')
      const group = `traffic-canary-${api.id}`
      await put(group, [])
      await put(`${group}/Canary`, [])
      await accessLogOn(api.id, group, 'json')
      time.travelTo(minutesAgo(8))
      await clients.rest.send(new CreateDeploymentCommand({restApiId: api.id, stageName: 'prod', canarySettings: {percentTraffic: 30}}))
      await clients.rest.send(new UpdateStageCommand({restApiId: api.id, stageName: 'prod', patchOperations: [{op: 'replace', path: '/*/*/logging/loglevel', value: 'ERROR'}]}))
      time.travelTo(Date.now())
      const summary = await traffic(api.id, 'prod')
      expect(summary.canaryRequests).toBeGreaterThan(0)
      const side = async (...flags: string[]) => jsonLines((await apigw('logs', '--api', api.id, '--stage', 'prod', '--access', ...flags, '-o', 'json')).stdout)
      const [all, canary, base] = [await side(), await side('--canary'), await side('--base')]
      expect(all).toHaveLength(summary.requests)
      expect(new Set(all.map((line) => line.requestId)).size).toBe(summary.requests)
      expect(canary).toHaveLength(summary.canaryRequests)
      expect(base).toHaveLength(summary.requests - summary.canaryRequests)
      // The json preset has no $context.isCanaryRequest: the canary's lines are known by their copy in the /Canary group.
      expect(canary.every((line) => line.side === 'canary' && line.group.endsWith('/Canary'))).toBe(true)
      expect(base.every((line) => line.side === 'base' && !line.group.endsWith('/Canary'))).toBe(true)
      expect(new Set(all.filter((line) => line.side === 'canary').map((line) => line.requestId))).toEqual(new Set(canary.map((line) => line.requestId)))
      // At ERROR, each 5XX's failure and its completion: the canary's in its group, once.
      const failures = jsonLines((await apigw('logs', '--api', api.id, '--stage', 'prod', '--execution', '--canary', '--filter', '"Execution failed"', '-o', 'json')).stdout)
      const canary5xx = new Set(canary.filter((line) => line.status >= 500).map((line) => line.requestId))
      expect(new Set(failures.map((line) => line.requestId))).toEqual(canary5xx)
      expect(failures).toHaveLength(canary5xx.size)
    })
  })

  describe('a stage with a canary, access and execution logs', () => {
    let api: string
    const access = () => `access-canary-${api}`
    const execution = () => `API-Gateway-Execution-Logs_${api}/prod`
    beforeAll(async () => {
      api = (await seed.petsApi('logs-canary')).id
      const format = await accessLogOn(api, access(), 'json')
      await clients.rest.send(new UpdateStageCommand({restApiId: api, stageName: 'prod', patchOperations: [{op: 'replace', path: '/*/*/logging/loglevel', value: 'ERROR'}]}))
      // 120 requests' lines in four groups, interleaved in time, merged across groups.
      const [accessLines, executionLines]: Array<Array<[string, {timestamp: number; message: string}]>> = [[], []]
      for (let n = 0; n < 60; n++) {
        const canary = n % 3 === 0
        const status = n % 10 === 0 ? 504 : n % 7 === 0 ? 404 : 200
        const timestamp = minutesAgo(9) + n * 5_000
          // As API Gateway does, the canary's requests are logged in the stage's groups and again in the /Canary ones.
        const accessLine = {timestamp, message: render(format, {...request(n, status), ...(n % 2 ? {resourcePath: '/pets'} : {})})}
        const executionLine = {timestamp: timestamp - 1, message: `(req-${n}) ${status === 504 ? 'Execution failed due to a timeout error' : 'Method completed with status: ' + status}`}
        for (const group of canary ? [access(), `${access()}/Canary`] : [access()]) accessLines.push([group, accessLine])
        for (const group of canary ? [execution(), `${execution()}/Canary`] : [execution()]) executionLines.push([group, executionLine])
      }
      for (const [group, events] of Object.entries(Object.groupBy([...accessLines, ...executionLines], ([group]) => group))) await put(group, events!.map(([, event]) => event))
      await put(`${execution()}-other`, [{timestamp: minutesAgo(5), message: '(req-x) a stage whose name only starts the same'}])
    })

    it('reads every group, merged by time, base and canary apart', async () => {
      const result = await apigw('logs', '--api', api, '--stage', 'prod', '-o', 'json')
      expect(result.code, result.stderr).toBe(0)
      const lines = jsonLines(result.stdout)
      expect(lines).toHaveLength(120)
      expect(lines.map((line) => line.time)).toEqual(lines.map((line) => line.time).toSorted())
      expect(new Set(lines.map((line) => line.group))).toEqual(new Set([access(), `${access()}/Canary`, execution(), `${execution()}/Canary`]))
      expect(lines.filter((line) => line.side === 'canary').every((line) => Number(line.requestId.slice(4)) % 3 === 0)).toBe(true)
      expect(lines.filter((line) => line.side === 'canary')).toHaveLength(40)
    })

    it('--canary, --base, --access and --execution pick the groups', async () => {
      const canary = jsonLines((await apigw('logs', '--api', api, '--stage', 'prod', '--canary', '--access', '-o', 'json')).stdout)
      expect(canary.map((line) => line.requestId)).toEqual(Array.from({length: 20}, (_, i) => `req-${i * 3}`))
      const base = jsonLines((await apigw('logs', '--api', api, '--stage', 'prod', '--base', '--execution', '-o', 'json')).stdout)
      expect(base).toHaveLength(40)
      expect(base.every((line) => line.kind === 'execution' && line.side === 'base' && line.status === null)).toBe(true)
    })

    it('--status, --route and --request-id select lines; --filter goes to CloudWatch Logs', async () => {
      const errors = jsonLines((await apigw('logs', '--api', api, '--stage', 'prod', '--status', '5xx', '-o', 'json')).stdout)
      expect(errors.map((line) => line.requestId)).toEqual(['req-0', 'req-10', 'req-20', 'req-30', 'req-40', 'req-50'])
      const route = jsonLines((await apigw('logs', '--api', api, '--stage', 'prod', '--route', 'get /pets', '--status', '404', '-o', 'json')).stdout)
      expect(route.map((line) => line.requestId)).toEqual(['req-7', 'req-21', 'req-35', 'req-49'])
      const one = jsonLines((await apigw('logs', '--api', api, '--stage', 'prod', '--request-id', 'req-20', '-o', 'json')).stdout)
      expect(one.map((line) => line.kind)).toEqual(['execution', 'access'])
      const timeouts = jsonLines((await apigw('logs', '--api', api, '--stage', 'prod', '--filter', '"timeout error"', '-o', 'json')).stdout)
      expect(timeouts.map((line) => line.requestId)).toEqual(['req-0', 'req-10', 'req-20', 'req-30', 'req-40', 'req-50'])
    })

    it('prints a line per event in table, text and csv', async () => {
      const table = await apigw('logs', '--api', api, '--stage', 'prod', '--status', '504', '--canary')
      expect(table.code, table.stderr).toBe(0)
      expect(table.stdout.trim().split('\n')).toHaveLength(2)
      expect(table.stdout).toMatch(/ canary access 504 GET \/pets\/\{id\} {2}req-0 203\.0\.113\.7\n/)
      const csv = await apigw('logs', '--api', api, '--stage', 'prod', '--access', '-o', 'csv')
      const rows = csv.stdout.trim().split('\n')
      expect(rows[0]).toBe('time,kind,side,status,route,requestId,group,eventId,message')
      expect(rows).toHaveLength(61)
    })
  })

  it('--follow prints what arrives after each refresh, a late event too, nothing twice; Ctrl-C ends it (exit 130)', async () => {
    const api = await seed.petsApi('logs-follow')
    const group = `follow-${api.id}`
    const format = await accessLogOn(api.id, group, 'json')
    const line = (n: number, minutes: number) => ({timestamp: minutesAgo(minutes), message: render(format, request(n, 200))})
    await put(group, [line(1, 3), line(2, 2), line(3, 1)])
    let stdout = ''
    let added = false
    const result = await spawnCli(['logs', '--api', api.id, '--stage', 'prod', '--follow', '-o', 'json'], env, (child) =>
      child.stdout!.on('data', (chunk) => {
        stdout += chunk
        const count = stdout.split('\n').length - 1
        // After the first read: a new event, and one stamped before the newest already printed (made readable late).
        if (count === 3 && !added) {
          added = true
          void put(group, [line(4, 0), line(5, 1.5)])
        }
        if (count === 5) child.kill('SIGINT')
      }),
    )
    expect(result.code, result.stderr).toBe(130)
    const lines = jsonLines(result.stdout)
    expect(lines.map((entry) => entry.requestId)).toEqual(['req-1', 'req-2', 'req-3', 'req-5', 'req-4'])
    expect(new Set(lines.map((entry) => entry.eventId)).size).toBe(5)
  })

  describe('logs summary', () => {
    const FORMAT = '{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","method":"$context.httpMethod","resource":"$context.resourcePath","status":"$context.status","integrationLatency":"$context.integrationLatency"}'
    it.each([
      ['a JSON format', FORMAT],
      ['CLF (parsed in the query)', 'clf'],
    ])('over %s: figures that add up to the simulated traffic, canary and base apart', async (_, format) => {
      time.travelTo(minutesAgo(8))
      const api = await seed.petsApi(`logs-summary-${format.length}`)
      const group = `summary-${api.id}`
      await put(group, [])
      await put(`${group}/Canary`, [])
      await accessLogOn(api.id, group, format)
      await clients.rest.send(new CreateDeploymentCommand({restApiId: api.id, stageName: 'prod', canarySettings: {percentTraffic: 30}}))
      time.travelTo(Date.now())
      const body = {apiId: api.id, stage: 'prod', rps: 4, start: minutesAgo(5), end: minutesAgo(0.5), errorRate: {'4xx': 0.05, '5xx': 0.02}, latency: {p50: 80, p99: 400}, cacheHit: 0, canaryErrorRate: {'4xx': 0.05, '5xx': 0.3}}
      const traffic = (await (await controlFetch(sandbox, 'traffic', {method: 'POST', body: JSON.stringify(body)})).json()) as TrafficSummary
      const result = await apigw('logs', 'summary', '--api', api.id, '--stage', 'prod', '--json')
      expect(result.code, result.stderr).toBe(0)
      const summary = JSON.parse(result.stdout)
      const {base, canary} = summary.sides
      expect(base.requests + canary.requests).toBe(traffic.requests)
      expect(canary.requests).toBe(traffic.canaryRequests)
      expect(base['5xx'] + canary['5xx']).toBe(traffic.errors5xx)
      expect(base['4xx'] + canary['4xx']).toBe(traffic.errors4xx)
      // Within sampling error of the rates asked for (a few hundred requests a side).
      expect(canary['5xxRate']).toBeGreaterThan(0.15)
      expect(canary['5xxRate']).toBeLessThan(0.45)
      expect(base['5xxRate']).toBeLessThan(0.08)
      const errors = summary.errors.reduce((sum: number, row: {requests: number}) => sum + row.requests, 0)
      expect(errors).toBe(traffic.errors4xx + traffic.errors5xx)
      expect(summary.errors.every((row: {route: string; status: number}) => /^GET \/pets/.test(row.route) && row.status >= 400)).toBe(true)
      expect(summary.callers.reduce((sum: number, row: {requests: number}) => sum + row.requests, 0)).toBe(traffic.requests)
      if (format === 'clf') expect(summary.slowest).toBeNull()
      else expect(summary.slowest.map((row: {route: string}) => row.route).toSorted()).toEqual(['GET /pets', 'GET /pets/{id}'])
      expect(result.stderr).toMatch(/Logs Insights requests: /)
      const table = await apigw('logs', 'summary', '--api', api.id, '--stage', 'prod')
      expect(table.stdout).toMatch(/^Canary versus base\n/m)
      expect(table.stdout).toMatch(/^5XX and 4XX by route and status\n/m)
    })
  })

  describe('canary status when the canary is worse than its base', () => {
    /** A stage whose canary (40%, started 3 minutes ago) answered half its requests with 5XX over the last minute. */
    async function failingCanary(name: string, {executionLogs}: {executionLogs: boolean}) {
      time.travelTo(minutesAgo(3))
      const api = await seed.petsApi(name)
      await clients.rest.send(new CreateDeploymentCommand({restApiId: api.id, stageName: 'prod', canarySettings: {percentTraffic: 40}}))
      if (executionLogs) await clients.rest.send(new UpdateStageCommand({restApiId: api.id, stageName: 'prod', patchOperations: [{op: 'replace', path: '/*/*/logging/loglevel', value: 'ERROR'}]}))
      time.travelTo(Date.now())
      const now = Date.now()
      simulateTraffic(sandbox.context, {apiId: api.id, stage: 'prod', rps: 20, start: now - 60_000, end: now, errorRate: {'4xx': 0, '5xx': 0}, latency: {p50: 40, p99: 350}, cacheHit: 0, canaryErrorRate: {'4xx': 0, '5xx': 0.5}})
      return api
    }

    it("shows the canary's first error lines and the commands that show more", async () => {
      const api = await failingCanary('logs-canary-status', {executionLogs: true})
      const result = await apigw('canary', 'status', '--api', api.id, '--stage', 'prod')
      expect(result.code, result.stderr).toBe(0)
      expect(result.stderr).toContain(`The canary's first error lines (API-Gateway-Execution-Logs_${api.id}/prod/Canary):`)
      const lines = result.stderr.split('\n').filter((line) => /^ {2}\d\d:\d\d:\d\d\.\d{3} \([0-9a-f-]{36}\) Execution failed due to /.test(line))
      expect(lines).toHaveLength(5)
      // The window of canary status: its --since (15m), widened to whole minutes.
      expect(result.stderr).toMatch(new RegExp(`\\nMore: apigw logs --api ${api.id} --stage prod --canary --execution --filter '"Execution failed"' --since 1[56]m\\n`))
      // logs summary reads access logs, which this stage has not.
      expect(result.stderr).not.toContain('logs summary')
    })

    it('says so when CloudWatch Logs fails, and still exits 0', async () => {
      const api = await failingCanary('logs-canary-fault', {executionLogs: true})
      sandbox.faults = parseFaults('fail=FilterLogEvents')
      try {
        const result = await apigw('canary', 'status', '--api', api.id, '--stage', 'prod', '--retry-budget', '0s')
        expect(result.code, result.stderr).toBe(0)
        expect(result.stderr).toMatch(/^The canary's logs could not be read: FilterLogEvents failed/m)
        expect(result.stdout).toMatch(/^traffic\s+40% canary, 60% base$/m)
        // A fault strikes one call: again for the logs command, which does fail on it.
        sandbox.faults = parseFaults('fail=FilterLogEvents')
        const logs = await apigw('logs', '--api', api.id, '--stage', 'prod', '--retry-budget', '0s')
        expect(logs.code, logs.stderr).toBe(6)
        expect(logs.stderr).toContain('FilterLogEvents failed')
      } finally {
        sandbox.faults = parseFaults('none')
      }
    })

    it('says why the logs could not be read, and exits 0', async () => {
      const api = await failingCanary('logs-canary-nolog', {executionLogs: false})
      const result = await apigw('canary', 'status', '--api', api.id, '--stage', 'prod')
      expect(result.code, result.stderr).toBe(0)
      expect(result.stderr).toContain(`The canary's logs could not be read: Stage prod of logs-canary-nolog (${api.id}) writes no logs`)
      expect(result.stdout).toMatch(/^traffic\s+40% canary, 60% base$/m)
    })
  })

  it('says when the access log group does not exist (API Gateway does not create it)', async () => {
    const api = await seed.petsApi('logs-no-group')
    await accessLogOn(api.id, `missing-${api.id}`, 'json')
    const result = await apigw('logs', '--api', api.id, '--stage', 'prod', '--access')
    expect(result.code, result.stderr).toBe(0)
    expect(result.stderr).toContain(`The access log group missing-${api.id} does not exist, and API Gateway does not create it: no access line is written. Create it: aws logs create-log-group --log-group-name missing-${api.id}`)
    expect(result.stdout).toBe('')
  })

  it('says when the stage writes no logs, and how to turn them on (exit 4)', async () => {
    const api = await seed.petsApi('logs-off')
    const result = await apigw('logs', '--api', api.id, '--stage', 'prod')
    expect(result.code).toBe(4)
    expect(result.stderr).toContain(`Stage prod of logs-off (${api.id}) writes no logs: execution logging is off and no access log is set.`)
    expect(result.stderr).toContain(`Try: apigw doctor --fix --api ${api.id} --stage prod --checks access-logging-off (makes the stage a log group`)
    expect(result.stderr).toContain(`Or: apigw stages set --api ${api.id} --stage prod --access-log <log-group-arn> --access-log-format json`)
    expect(result.stderr).toContain('--logging error')
    expect(result.stderr).toContain('billed as CloudWatch Logs ingestion per request')
    expect(result.stdout).toBe('')
    // The first suggestion, run as printed (with --yes: no terminal to confirm on), turns access logs on.
    const suggested = /Try: apigw (doctor --fix .*?) \(/.exec(result.stderr)![1].split(' ')
    expect((await apigw(...suggested, '--yes')).code).toBe(0)
    expect((await apigw('logs', '--api', api.id, '--stage', 'prod', '--access')).code).toBe(0)
  })

  it.each([
    [['--status', '6xx'], '--status must be 5xx, 4xx'],
    [['--route', 'pets'], "--route must be a method and a path"],
    [['--execution', '--status', '5xx'], '--status and --route select access lines'],
    [['--access', '--execution'], '--execution'],
    [['--follow', '--end', '2026-12-07T10:00Z'], '--follow'],
    [['--since', 'yesterday'], '--since'],
  ])('refuses %j before any AWS call (exit 2)', async (args, message) => {
    const result = await offline('logs', '--api', 'shop', '--stage', 'prod', ...args)
    expect(result.code, result.stderr).toBe(2)
    expect(result.stderr).toContain(message)
  })
})
