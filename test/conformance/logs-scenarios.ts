import {
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DeleteLogGroupCommand,
  DescribeLogGroupsCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  PutLogEventsCommand,
  type FilteredLogEvent,
} from '@aws-sdk/client-cloudwatch-logs'
import type {Probe, Scenario} from './probe.js'

/** Minutes ago, on a whole second: both targets keep event times as they are sent. */
const minutesAgo = (minutes: number) => Math.floor(Date.now() / 1000) * 1000 - minutes * 60_000

/** A group with two streams, three events each, interleaved in time. */
async function twoStreams(probe: Probe, group: string): Promise<number> {
  const logs = probe.clients.logs
  const start = minutesAgo(10)
  await logs.send(new CreateLogGroupCommand({logGroupName: group}))
  for (const [stream, offset] of [['a', 0], ['b', 1000]] as const) {
    await logs.send(new CreateLogStreamCommand({logGroupName: group, logStreamName: stream}))
    const logEvents = [0, 1, 2].map((i) => ({timestamp: start + offset + i * 2000, message: `${stream}${i} ${i === 1 ? 'ERROR' : 'INFO'} request`}))
    await logs.send(new PutLogEventsCommand({logGroupName: group, logStreamName: stream, logEvents}))
  }
  return start
}

const event = (stream: string, offset: number, message: string) => ({stream, offset, message})
const eventView = (start: number) => (event: FilteredLogEvent) => ({stream: event.logStreamName, offset: event.timestamp! - start, message: event.message})

export const logsScenarios: Scenario[] = [
  {
    name: 'CloudWatch Logs: groups listed by prefix in name order, paged by limit, and their errors',
    async run(probe) {
      const logs = probe.clients.logs
      for (const name of ['/conf/b', '/conf/a', '/conf/c', '/other']) await logs.send(new CreateLogGroupCommand({logGroupName: name}))
      const first = await logs.send(new DescribeLogGroupsCommand({logGroupNamePrefix: '/conf/', limit: 2}))
      const second = await logs.send(new DescribeLogGroupsCommand({logGroupNamePrefix: '/conf/', limit: 2, nextToken: first.nextToken}))
      return {
        first: first.logGroups!.map((group) => [group.logGroupName, group.arn]),
        firstHasToken: first.nextToken !== undefined,
        second: second.logGroups!.map((group) => group.logGroupName),
        secondHasToken: second.nextToken !== undefined,
        duplicate: await probe.failure(logs.send(new CreateLogGroupCommand({logGroupName: '/conf/a'}))),
        deleteMissing: await probe.failure(logs.send(new DeleteLogGroupCommand({logGroupName: '/conf/none'}))),
        describeTooMany: await probe.failure(logs.send(new DescribeLogGroupsCommand({limit: 51}))),
      }
    },
  },
  {
    name: 'CloudWatch Logs: FilterLogEvents merges streams in time order, filters by a term and a window',
    motoDiffers: 'moto answers stream after stream, not in time order across streams (docs/aws-behaviour.md#cloudwatch-logs-limits-and-messages)',
    aws: {
      all: [event('a', 0, 'a0 INFO request'), event('b', 1000, 'b0 INFO request'), event('a', 2000, 'a1 ERROR request'), event('b', 3000, 'b1 ERROR request'), event('a', 4000, 'a2 INFO request'), event('b', 5000, 'b2 INFO request')],
      errors: [event('a', 2000, 'a1 ERROR request'), event('b', 3000, 'b1 ERROR request')],
      oneStream: [event('b', 1000, 'b0 INFO request'), event('b', 3000, 'b1 ERROR request'), event('b', 5000, 'b2 INFO request')],
      window: [event('b', 1000, 'b0 INFO request'), event('a', 2000, 'a1 ERROR request'), event('b', 3000, 'b1 ERROR request')],
      missingGroup: {error: 'ResourceNotFoundException', status: 400, message: 'The specified log group does not exist.'},
    },
    async run(probe) {
      const logs = probe.clients.logs
      const start = await twoStreams(probe, 'filtered')
      const all = await logs.send(new FilterLogEventsCommand({logGroupName: 'filtered'}))
      const errors = await logs.send(new FilterLogEventsCommand({logGroupName: 'filtered', filterPattern: 'ERROR'}))
      const oneStream = await logs.send(new FilterLogEventsCommand({logGroupName: 'filtered', logStreamNames: ['b']}))
      const window = await logs.send(new FilterLogEventsCommand({logGroupName: 'filtered', startTime: start + 1000, endTime: start + 3000}))
      return {
        all: all.events!.map(eventView(start)),
        errors: errors.events!.map(eventView(start)),
        oneStream: oneStream.events!.map(eventView(start)),
        window: window.events!.map(eventView(start)),
        missingGroup: await probe.failure(logs.send(new FilterLogEventsCommand({logGroupName: 'never-made'}))),
      }
    },
  },
  {
    name: 'CloudWatch Logs: GetLogEvents reads one stream from the head',
    async run(probe) {
      const logs = probe.clients.logs
      const start = await twoStreams(probe, 'read')
      const head = await logs.send(new GetLogEventsCommand({logGroupName: 'read', logStreamName: 'a', startFromHead: true}))
      return {head: head.events!.map((event) => [event.timestamp! - start, event.message])}
    },
  },
]
