import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  DescribeLogGroupsCommand,
  FilterLogEventsCommand,
  GetQueryResultsCommand,
  StartQueryCommand,
  type FilteredLogEvent,
  type LogGroup,
  type ResultField,
} from '@aws-sdk/client-cloudwatch-logs'
import {collectPages} from './paging.js'
import {createSdkClient} from './sdk-client.js'
import type {AwsSession} from './session.js'

export type {LogGroup}

/** One event as FilterLogEvents returns it: the fields apigw reads. */
export interface LogEvent {
  eventId: string
  timestamp: number
  message: string
  logStreamName?: string
}

export interface FilterInput {
  logGroupName: string
  startTime: number
  endTime?: number
  filterPattern?: string
}

export interface QueryResults {
  status: string
  rows: Array<Record<string, string>>
  statistics?: {recordsMatched?: number; recordsScanned?: number}
}

/** The CloudWatch Logs operations apigw uses, and nothing else. */
export function createLogsGateway(session: AwsSession) {
  const client = createSdkClient(session, 'logs', (config) => new CloudWatchLogsClient(config))
  const call = <T>(operation: string, send: () => Promise<T>) => session.call('logs', operation, send)

  return {
    /**
     * Creates a group by name; one that exists already (ResourceAlreadyExistsException) counts as
     * done. A name is its own key, so a retry after a lost answer is safe: CreateLogGroup needs none
     * of exactly-once.ts's marks (docs/aws-behaviour.md#log-group-names).
     */
    createLogGroup: (logGroupName: string) =>
      call('CreateLogGroup', async (): Promise<'created' | 'existed'> => {
        try {
          await client.send(new CreateLogGroupCommand({logGroupName}))
          return 'created'
        } catch (error) {
          if ((error as Error).name === 'ResourceAlreadyExistsException') return 'existed'
          throw error
        }
      }),
    /** Every group whose name starts with `prefix`. */
    describeLogGroups: (prefix: string) =>
      collectPages(async (nextToken) => {
        const page = await call('DescribeLogGroups', () => client.send(new DescribeLogGroupsCommand({logGroupNamePrefix: prefix, nextToken})))
        return {items: page.logGroups, next: page.nextToken}
      }),
    /**
     * One group's events, a page at a time as AWS answers (up to 10,000 events or 1 MB each):
     * the caller holds one page, never the whole window.
     */
    async *filterLogEvents(input: FilterInput): AsyncGenerator<LogEvent[]> {
      let nextToken: string | undefined
      do {
        const page = await call('FilterLogEvents', () => client.send(new FilterLogEventsCommand({...input, nextToken})))
        yield (page.events ?? []).map(toEvent)
        nextToken = page.nextToken
      } while (nextToken)
    },
    /** One page of at most `limit` events: for a bounded look, never the whole window. */
    filterLogEventsOnce: async (input: FilterInput & {limit: number}): Promise<LogEvent[]> =>
      ((await call('FilterLogEvents', () => client.send(new FilterLogEventsCommand(input)))).events ?? []).map(toEvent),
    startQuery: async (input: {logGroupNames: string[]; startTime: number; endTime: number; queryString: string; limit?: number}) =>
      (await call('StartQuery', () => client.send(new StartQueryCommand(input)))).queryId!,
    getQueryResults: async (queryId: string): Promise<QueryResults> => {
      const answer = await call('GetQueryResults', () => client.send(new GetQueryResultsCommand({queryId})))
      return {status: answer.status ?? 'Unknown', rows: (answer.results ?? []).map(toRow), statistics: answer.statistics}
    },
  }
}

export type LogsGateway = ReturnType<typeof createLogsGateway>

const toEvent = (event: FilteredLogEvent): LogEvent => ({
  eventId: event.eventId ?? `${event.logStreamName ?? ''}/${event.timestamp ?? 0}/${event.message ?? ''}`,
  timestamp: event.timestamp ?? 0,
  message: event.message ?? '',
  logStreamName: event.logStreamName,
})

/** Insights answers each row as a list of {field, value}; `@ptr` is its own bookkeeping. */
const toRow = (fields: ResultField[]): Record<string, string> =>
  Object.fromEntries(fields.filter((cell) => cell.field && cell.field !== '@ptr').map((cell) => [cell.field!, cell.value ?? '']))
