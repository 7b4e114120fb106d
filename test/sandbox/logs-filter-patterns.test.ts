import {CreateLogGroupCommand, CreateLogStreamCommand, FilterLogEventsCommand, PutLogEventsCommand, type CloudWatchLogsClient} from '@aws-sdk/client-cloudwatch-logs'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {Clock} from '../../packages/sandbox/src/clock.js'
import {sdkClients, startTestSandbox, type Sandbox} from '../helpers/sandbox.js'

const NOW = Date.UTC(2024, 0, 10, 12, 0, 0)
const fixedClock: Clock = {now: () => NOW, sleep: async () => {}, random: () => 0.5}

const LINES = [
  'ERROR Exiting on timeout',
  'ERROR retrying',
  'WARN slow backend',
  'INFO all good "quoted phrase" here',
  '{"requestId":"r1","status":"502","latency":"250","route":{"key":"GET /orders"}}',
  '{"requestId":"r2","status":"200","latency":"40","route":{"key":"GET /orders"}}',
  '{"requestId":"r3","status":"404","latency":120,"key":null}',
  '203.0.113.9 - - [10/Jan/2024:12:00:00 +0000] "GET /orders HTTP/1.1" 502 120',
  '203.0.113.7 - - [10/Jan/2024:12:00:01 +0000] "POST /orders HTTP/1.1" 201 5120',
]

describe('sandbox FilterLogEvents filter patterns (docs/aws-behaviour.md#log-filter-patterns)', () => {
  let sandbox: Sandbox
  let logs: CloudWatchLogsClient

  beforeAll(async () => {
    sandbox = await startTestSandbox({clock: fixedClock})
    logs = sdkClients(sandbox.endpoint).logs
    await logs.send(new CreateLogGroupCommand({logGroupName: 'patterns'}))
    await logs.send(new CreateLogStreamCommand({logGroupName: 'patterns', logStreamName: 's'}))
    await logs.send(new PutLogEventsCommand({logGroupName: 'patterns', logStreamName: 's', logEvents: LINES.map((message, i) => ({timestamp: NOW - 60_000 + i, message}))}))
  })
  afterAll(() => sandbox.stop())

  /** The indexes in LINES of the events the pattern matches. */
  const matching = async (filterPattern: string) => {
    const {events} = await logs.send(new FilterLogEventsCommand({logGroupName: 'patterns', filterPattern}))
    return events!.map((event) => LINES.indexOf(event.message!))
  }
  const refusal = (filterPattern: string) =>
    logs.send(new FilterLogEventsCommand({logGroupName: 'patterns', filterPattern})).then(
      () => expect.unreachable('the pattern was accepted'),
      (error: Error) => [error.name, error.message],
    )

  it.each([
    ['ERROR', [0, 1]],
    ['ERROR Exiting', [0]],
    ['ERROR -Exiting', [1]],
    ['?WARN ?Exiting', [0, 2]],
    ['"quoted phrase"', [3]],
    ['{ $.status = 5* }', [4]],
    ['{ $.status = "200" }', [5]],
    ['{ $.latency > 100 }', [4, 6]],
    ['{ $.status != 200 && $.latency >= 40 }', [4, 6]],
    ['{ ($.status = 4* || $.status = 5*) && $.route.key = "GET /orders" }', [4]],
    ['{ $.key IS NULL }', [6]],
    ['{ $.route NOT EXISTS }', [6]],
    ['[ip, id, user, timestamp, request, status=5*, size]', [7]],
    ['[ip, ..., size>1000]', [8]],
    ['[ip=203.0.113.7, ...]', [8]],
    ['%ERROR\\s+retry%', [1]],
    ['', [0, 1, 2, 3, 4, 5, 6, 7, 8]],
  ])('%s', async (pattern, expected) => {
    expect(await matching(pattern)).toEqual(expected)
  })

  it("refuses what it cannot read with AWS's InvalidParameterException text", async () => {
    expect(await refusal('{ $.status = 5*')).toEqual(['InvalidParameterException', "If a filter pattern starts with '{' it must end with '}'"])
    expect(await refusal('{ $.status ~ 5 }')).toEqual(['InvalidParameterException', 'Invalid filter pattern'])
    expect(await refusal('[a, ..., b, ..., c]')).toEqual(['InvalidParameterException', 'Invalid filter pattern'])
    expect(await refusal('ERROR (x)')).toEqual(['InvalidParameterException', "Invalid character(s) in term '(x)'"])
  })
})
