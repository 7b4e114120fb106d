import {
  CloudWatchClient,
  GetMetricDataCommand,
  ListMetricsCommand,
  type GetMetricDataCommandInput,
  type ListMetricsCommandInput,
  type MetricDataQuery,
  type MetricDataResult,
} from '@aws-sdk/client-cloudwatch'
import {MAX_QUERIES_PER_CALL} from './cloudwatch-limits.js'
import {collectPages} from './paging.js'
import {createSdkClient} from './sdk-client.js'
import type {AwsSession} from './session.js'

export type {DimensionFilter, Metric, MetricDataQuery, MetricDataResult} from '@aws-sdk/client-cloudwatch'

export {MAX_QUERIES_PER_CALL}

/** The CloudWatch operations apigw uses, and nothing else. */
export function createCloudWatchGateway(session: AwsSession) {
  const client = createSdkClient(session, 'cloudwatch', (config) => new CloudWatchClient(config))
  const call = <T>(operation: string, send: () => Promise<T>) => session.call('cloudwatch', operation, send)

  return {
    listMetrics: (input: Omit<ListMetricsCommandInput, 'NextToken'>) =>
      collectPages(async (NextToken) => {
        const page = await call('ListMetrics', () => client.send(new ListMetricsCommand({...input, NextToken})))
        return {items: page.Metrics, next: page.NextToken}
      }),
    /**
     * One result per query, in query order, with every datapoint page joined. Metric queries only:
     * past 500 they go in several calls, and an expression could not see queries in another call.
     */
    getMetricData: async (input: Omit<GetMetricDataCommandInput, 'NextToken' | 'MetricDataQueries'> & {MetricDataQueries: MetricDataQuery[]}) => {
      const results: MetricDataResult[] = []
      for (let from = 0; from < input.MetricDataQueries.length; from += MAX_QUERIES_PER_CALL) {
        const queries = input.MetricDataQueries.slice(from, from + MAX_QUERIES_PER_CALL)
        const pages = await collectPages(async (NextToken) => {
          const page = await call('GetMetricData', () => client.send(new GetMetricDataCommand({...input, MetricDataQueries: queries, NextToken})))
          return {items: page.MetricDataResults, next: page.NextToken}
        })
        results.push(...joinPages(pages))
      }
      return results
    },
  }
}

export type CloudWatchGateway = ReturnType<typeof createCloudWatchGateway>

/** A query's datapoints may be spread over several pages: one result per Id, in first-seen order. */
function joinPages(pages: MetricDataResult[]): MetricDataResult[] {
  const byId = new Map<string, MetricDataResult>()
  for (const page of pages) {
    const seen = byId.get(page.Id ?? '')
    if (!seen) byId.set(page.Id ?? '', {...page, Timestamps: [...(page.Timestamps ?? [])], Values: [...(page.Values ?? [])]})
    else {
      seen.Timestamps!.push(...(page.Timestamps ?? []))
      seen.Values!.push(...(page.Values ?? []))
      seen.StatusCode = page.StatusCode
    }
  }
  return [...byId.values()]
}
