import {
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DeleteLogGroupCommand,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  PutLogEventsCommand,
  type CloudWatchLogsClient,
  type FilterLogEventsCommandInput,
} from '@aws-sdk/client-cloudwatch-logs'
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {Clock} from '../../packages/sandbox/src/clock.js'
import {faultsFromJson} from '../../packages/sandbox/src/faults.js'
import {controlFetch, sdkClients, startTestSandbox, type Sandbox} from '../helpers/sandbox.js'

const NOW = Date.UTC(2024, 0, 10, 12, 0, 0)
const fixedClock: Clock = {now: () => NOW, sleep: async () => {}, random: () => 0.5}
const failure = (promise: Promise<unknown>) => promise.then(() => expect.unreachable('the call succeeded'), (error: unknown) => error as Error & Record<string, any>)

describe('sandbox CloudWatch Logs (docs/aws-behaviour.md#cloudwatch-logs-limits-and-messages, AWS JSON 1.1)', () => {
  let sandbox: Sandbox
  let logs: CloudWatchLogsClient

  beforeAll(async () => {
    sandbox = await startTestSandbox({clock: fixedClock})
    logs = sdkClients(sandbox.endpoint).logs
  })
  afterAll(() => sandbox.stop())

  /** Makes a group with streams and writes `messages[stream]` one second apart from `start`. */
  async function group(name: string, streams: Record<string, string[]>, start = NOW - 600_000) {
    await logs.send(new CreateLogGroupCommand({logGroupName: name}))
    for (const [stream, messages] of Object.entries(streams)) {
      await logs.send(new CreateLogStreamCommand({logGroupName: name, logStreamName: stream}))
      if (messages.length > 0) {
        await logs.send(new PutLogEventsCommand({logGroupName: name, logStreamName: stream, logEvents: messages.map((message, i) => ({timestamp: start + i * 1000, message}))}))
      }
    }
  }
  const filter = async (input: FilterLogEventsCommandInput) => (await logs.send(new FilterLogEventsCommand(input))).events!.map((event) => event.message)

  it('creates, describes by prefix and pattern with paging, and deletes groups', async () => {
    for (const name of ['/pg/a', '/pg/b', '/pg/c', 'other-PG']) await logs.send(new CreateLogGroupCommand({logGroupName: name}))
    const first = await logs.send(new DescribeLogGroupsCommand({logGroupNamePrefix: '/pg/', limit: 2}))
    expect(first.logGroups!.map((g) => g.logGroupName)).toEqual(['/pg/a', '/pg/b'])
    expect(first.logGroups![0]).toMatchObject({creationTime: NOW, arn: 'arn:aws:logs:us-east-1:123456789012:log-group:/pg/a:*', logGroupArn: 'arn:aws:logs:us-east-1:123456789012:log-group:/pg/a', storedBytes: 0})
    const second = await logs.send(new DescribeLogGroupsCommand({logGroupNamePrefix: '/pg/', limit: 2, nextToken: first.nextToken}))
    expect(second.logGroups!.map((g) => g.logGroupName)).toEqual(['/pg/c'])
    expect(second.nextToken).toBeUndefined()
    const pattern = await logs.send(new DescribeLogGroupsCommand({logGroupNamePattern: 'pg'}))
    expect(pattern.logGroups!.map((g) => g.logGroupName)).toEqual(['/pg/a', '/pg/b', '/pg/c', 'other-PG'])
    await logs.send(new DeleteLogGroupCommand({logGroupName: '/pg/b'}))
    const after = await logs.send(new DescribeLogGroupsCommand({logGroupNamePrefix: '/pg/'}))
    expect(after.logGroups!.map((g) => g.logGroupName)).toEqual(['/pg/a', '/pg/c'])
  })

  it("answers AWS's errors and messages", async () => {
    await logs.send(new CreateLogGroupCommand({logGroupName: 'dup'}))
    expect(await failure(logs.send(new CreateLogGroupCommand({logGroupName: 'dup'})))).toMatchObject({name: 'ResourceAlreadyExistsException', message: 'The specified log group already exists'})
    expect(await failure(logs.send(new DeleteLogGroupCommand({logGroupName: 'never'})))).toMatchObject({name: 'ResourceNotFoundException', message: 'The specified log group does not exist.'})
    expect(await failure(logs.send(new CreateLogGroupCommand({logGroupName: 'bad name!'})))).toMatchObject({
      name: 'InvalidParameterException',
      message: "1 validation error detected: Value 'bad name!' at 'logGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+",
    })
    expect(await failure(logs.send(new DescribeLogGroupsCommand({limit: 51})))).toMatchObject({
      name: 'InvalidParameterException',
      message: "1 validation error detected: Value '51' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 50",
    })
    expect(await failure(logs.send(new GetLogEventsCommand({logGroupName: 'dup', logStreamName: 'none'})))).toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'The specified log stream does not exist.',
    })
    expect(await failure(logs.send(new FilterLogEventsCommand({logGroupName: 'dup', nextToken: 'garbage'})))).toMatchObject({name: 'InvalidParameterException', message: 'The specified nextToken is invalid.'})
  })

  it('merges streams in time order, by name within one millisecond, between startTime and endTime (inclusive)', async () => {
    await group('merge', {b: ['b0', 'b1', 'b2'], a: ['a0', 'a1', 'a2']})
    expect(await filter({logGroupName: 'merge'})).toEqual(['a0', 'b0', 'a1', 'b1', 'a2', 'b2'])
    expect(await filter({logGroupIdentifier: 'arn:aws:logs:us-east-1:123456789012:log-group:merge', startTime: NOW - 599_000, endTime: NOW - 598_000})).toEqual(['a1', 'b1', 'a2', 'b2'])
    expect(await filter({logGroupName: 'merge', logStreamNames: ['b']})).toEqual(['b0', 'b1', 'b2'])
    expect(await filter({logGroupName: 'merge', logStreamNamePrefix: 'a'})).toEqual(['a0', 'a1', 'a2'])
  })

  it('keeps an event\'s eventId when an earlier event arrives later (a follower dedupes by it)', async () => {
    await group('ids', {s: ['late']}, NOW - 60_000)
    const ids = async () => (await logs.send(new FilterLogEventsCommand({logGroupName: 'ids'}))).events!.map((event) => [event.message, event.eventId])
    const [before] = await ids()
    await logs.send(new PutLogEventsCommand({logGroupName: 'ids', logStreamName: 's', logEvents: [{timestamp: NOW - 120_000, message: 'early'}]}))
    const after = await ids()
    expect(after.map(([message]) => message)).toEqual(['early', 'late'])
    expect(after[1]).toEqual(before)
    expect(new Set(after.map(([, id]) => id)).size).toBe(2)
    expect(after.every(([, id]) => /^\d+$/.test(id!))).toBe(true)
  })

  it('pages FilterLogEvents with nextToken: every event once, in order, across pages', async () => {
    const messages = (stream: string) => Array.from({length: 25}, (_, i) => `${stream}-${String(i).padStart(2, '0')}`)
    await group('paged', {s1: messages('s1'), s2: messages('s2'), s3: messages('s3')})
    const seen: string[] = []
    let token: string | undefined
    let pages = 0
    do {
      const page = await logs.send(new FilterLogEventsCommand({logGroupName: 'paged', limit: 7, nextToken: token}))
      seen.push(...page.events!.map((event) => event.message!))
      token = page.nextToken
      pages++
    } while (token)
    expect(pages).toBe(11)
    expect(seen).toEqual(Array.from({length: 25}, (_, i) => ['s1', 's2', 's3'].map((s) => `${s}-${String(i).padStart(2, '0')}`)).flat())
  })

  it('reads a stream with GetLogEvents: its last page by default, from the head, and backward tokens', async () => {
    await group('get', {only: ['e0', 'e1', 'e2', 'e3', 'e4']})
    const tail = await logs.send(new GetLogEventsCommand({logGroupName: 'get', logStreamName: 'only', limit: 2}))
    expect(tail.events!.map((e) => e.message)).toEqual(['e3', 'e4'])
    const earlier = await logs.send(new GetLogEventsCommand({logGroupName: 'get', logStreamName: 'only', limit: 2, nextToken: tail.nextBackwardToken}))
    expect(earlier.events!.map((e) => e.message)).toEqual(['e1', 'e2'])
    const head = await logs.send(new GetLogEventsCommand({logGroupName: 'get', logStreamName: 'only', limit: 3, startFromHead: true}))
    expect(head.events!.map((e) => e.message)).toEqual(['e0', 'e1', 'e2'])
    const rest = await logs.send(new GetLogEventsCommand({logGroupName: 'get', logStreamName: 'only', limit: 3, nextToken: head.nextForwardToken}))
    expect(rest.events!.map((e) => e.message)).toEqual(['e3', 'e4'])
    const end = await logs.send(new GetLogEventsCommand({logGroupName: 'get', logStreamName: 'only', limit: 3, nextToken: rest.nextForwardToken}))
    expect(end.events).toEqual([])
    expect(end.nextForwardToken).toBe(rest.nextForwardToken)
  })

  it('describes streams with their first and last event times', async () => {
    await group('streams', {x: ['one', 'two'], y: []})
    const {logStreams} = await logs.send(new DescribeLogStreamsCommand({logGroupName: 'streams'}))
    expect(logStreams!.map((s) => [s.logStreamName, s.firstEventTimestamp, s.lastEventTimestamp])).toEqual([
      ['x', NOW - 600_000, NOW - 599_000],
      ['y', undefined, undefined],
    ])
    expect(await failure(logs.send(new CreateLogStreamCommand({logGroupName: 'streams', logStreamName: 'x'})))).toMatchObject({
      name: 'ResourceAlreadyExistsException',
      message: 'The specified log stream already exists',
    })
  })

  it('rejects events older than 14 days or more than 2 hours ahead, storing the rest', async () => {
    await group('ages', {s: []})
    const result = await logs.send(
      new PutLogEventsCommand({
        logGroupName: 'ages',
        logStreamName: 's',
        logEvents: [
          {timestamp: NOW - 15 * 86_400_000, message: 'old'},
          {timestamp: NOW, message: 'kept'},
          {timestamp: NOW + 3 * 3_600_000, message: 'new'},
        ],
      }),
    )
    expect(result.rejectedLogEventsInfo).toEqual({tooOldLogEventEndIndex: 1, tooNewLogEventStartIndex: 2})
    expect(await filter({logGroupName: 'ages'})).toEqual(['kept'])
  })

  it('lets faults strike Logs operations by name, answered as Logs clients know them', async () => {
    await group('faulted', {s: ['one']})
    sandbox.faults = faultsFromJson({fail: [{operation: 'FilterLogEvents', call: 1}]})
    expect(await failure(logs.send(new FilterLogEventsCommand({logGroupName: 'faulted'})))).toMatchObject({name: 'ServiceUnavailableException', $metadata: {httpStatusCode: 503}})
    expect(await filter({logGroupName: 'faulted'})).toEqual(['one'])
    sandbox.faults = faultsFromJson({throttle: 1})
    expect(await failure(logs.send(new DescribeLogGroupsCommand({})))).toMatchObject({name: 'ThrottlingException', message: 'Rate exceeded'})
    sandbox.faults = faultsFromJson({})
  })

  it('forgets groups and their events at a reset; a group made again starts empty', async () => {
    const other = await startTestSandbox({clock: fixedClock})
    try {
      const client = sdkClients(other.endpoint).logs
      await client.send(new CreateLogGroupCommand({logGroupName: 'kept'}))
      await client.send(new CreateLogStreamCommand({logGroupName: 'kept', logStreamName: 's'}))
      await client.send(new PutLogEventsCommand({logGroupName: 'kept', logStreamName: 's', logEvents: [{timestamp: NOW, message: 'before'}]}))
      expect((await controlFetch(other, 'reset', {method: 'POST'})).status).toBe(204)
      expect((await client.send(new DescribeLogGroupsCommand({}))).logGroups).toEqual([])
      await client.send(new CreateLogGroupCommand({logGroupName: 'kept'}))
      expect((await client.send(new FilterLogEventsCommand({logGroupName: 'kept'}))).events).toEqual([])
    } finally {
      await other.stop()
    }
  })

  it('keeps groups across a restart in the state directory, but not their events (README: "Log events live in memory only")', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'apigw-logs-state-'))
    try {
      const first = await startTestSandbox({clock: fixedClock, stateDir})
      const before = sdkClients(first.endpoint).logs
      await before.send(new CreateLogGroupCommand({logGroupName: 'persisted'}))
      await before.send(new CreateLogStreamCommand({logGroupName: 'persisted', logStreamName: 's'}))
      await before.send(new PutLogEventsCommand({logGroupName: 'persisted', logStreamName: 's', logEvents: [{timestamp: NOW, message: 'gone after restart'}]}))
      await first.stop()
      const second = await startTestSandbox({clock: fixedClock, stateDir})
      try {
        const after = sdkClients(second.endpoint).logs
        expect((await after.send(new DescribeLogGroupsCommand({}))).logGroups!.map((g) => [g.logGroupName, g.storedBytes])).toEqual([['persisted', 0]])
        expect((await after.send(new FilterLogEventsCommand({logGroupName: 'persisted'}))).events).toEqual([])
      } finally {
        await second.stop()
      }
    } finally {
      rmSync(stateDir, {recursive: true, force: true})
    }
  })
})
