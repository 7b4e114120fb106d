import {GetStageCommand, UpdateStageCommand} from '@aws-sdk/client-api-gateway'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {awsEnv, runCli} from '../helpers/cli.js'
import {startFakeLogs, type FakeLogs} from '../helpers/fake-logs.js'
import {clients, env, seed, useSandboxCli} from '../helpers/sandbox-cli.js'

// API Gateway from the sandbox; CloudWatch Logs from a stand-in (helpers/fake-logs.ts) until the sandbox serves it.
useSandboxCli()
let logs: FakeLogs
beforeAll(async () => {
  logs = await startFakeLogs(50)
})
afterAll(() => logs?.stop())

const apigw = (...args: string[]) => runCli(args, {...env, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: logs.endpoint})
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

describe('apigw logs', () => {
  it.each(['json', 'clf', 'xml', 'csv', '$context.requestId|$context.httpMethod|$context.resourcePath|$context.status|$context.identity.sourceIp'])('parses access lines in the %s format', async (format) => {
    const api = await seed.petsApi(`logs-format-${format.length}`)
    const group = `access-${api.id}`
    const stored = await accessLogOn(api.id, group, format)
    logs.put(group, [
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

  describe('a stage with a canary, access and execution logs', () => {
    let api: string
    const access = () => `access-canary-${api}`
    const execution = () => `API-Gateway-Execution-Logs_${api}/prod`
    beforeAll(async () => {
      api = (await seed.petsApi('logs-canary')).id
      const format = await accessLogOn(api, access(), 'json')
      await clients.rest.send(new UpdateStageCommand({restApiId: api, stageName: 'prod', patchOperations: [{op: 'replace', path: '/*/*/logging/loglevel', value: 'ERROR'}]}))
      // 120 lines in four groups, interleaved in time: pages of 50 and a merge across groups.
      for (let n = 0; n < 60; n++) {
        const canary = n % 3 === 0
        const status = n % 10 === 0 ? 504 : n % 7 === 0 ? 404 : 200
        const timestamp = minutesAgo(9) + n * 5_000
        logs.put(canary ? `${access()}/Canary` : access(), [{timestamp, message: render(format, {...request(n, status), ...(n % 2 ? {resourcePath: '/pets'} : {})})}])
        logs.put(canary ? `${execution()}/Canary` : execution(), [{timestamp: timestamp - 1, message: `(req-${n}) ${status === 504 ? 'Execution failed due to a timeout error' : 'Method completed with status: ' + status}`}])
      }
      logs.put(`${execution()}-other`, [{timestamp: minutesAgo(5), message: '(req-x) a stage whose name only starts the same'}])
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
      expect(logs.calls.get('FilterLogEvents')).toBeGreaterThanOrEqual(4)
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

  it('says when the stage writes no logs, and how to turn them on (exit 4)', async () => {
    const api = await seed.petsApi('logs-off')
    const result = await apigw('logs', '--api', api.id, '--stage', 'prod')
    expect(result.code).toBe(4)
    expect(result.stderr).toContain(`Stage prod of logs-off (${api.id}) writes no logs: execution logging is off and no access log is set.`)
    expect(result.stderr).toContain(`Try: apigw stages set --api ${api.id} --stage prod --access-log arn:aws:logs:`)
    expect(result.stderr).toContain('--logging error')
    expect(result.stderr).toContain('billed as CloudWatch Logs ingestion per request')
    expect(result.stdout).toBe('')
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
