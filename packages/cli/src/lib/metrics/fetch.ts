import type {CloudWatchGateway, MetricDataQuery, MetricDataResult} from '../aws/index.js'
import {ApigwError} from '../errors.js'
import {mapConcurrently} from '../util/concurrency.js'
import {batches} from './query.js'

/** Values by period start (epoch ms). */
export type Points = Map<number, number>

/** What GetMetricData returned, by query id. */
export interface Fetched {
  /** A query's datapoints; empty where CloudWatch has none. */
  points(id: string): Points
  /** Why CloudWatch gave nothing for a query it refused (a statistic it rejects), in its words. */
  refusal(id: string): string | undefined
}

/** A rejected statistic, as CloudWatch names it: "… for parameter MetricDataQueries.member.3.MetricStat.Stat …". */
const REJECTED_STAT = /MetricDataQueries\.member\.(\d+)\.MetricStat\.Stat\b/

/**
 * GetMetricData calls in flight at once: a fleet's batches one after another grow its read with its
 * size times the call's time; a few at once stay well inside GetMetricData's per-account rate.
 */
const BATCHES_AT_ONCE = 4

/**
 * Runs the queries over [start, end): one GetMetricData call per 500 queries, a few at once. A query whose
 * statistic CloudWatch rejects fails the whole call; it is set aside with CloudWatch's reason and
 * the call made again without it, so one bad statistic costs one figure, not the whole read.
 */
export async function fetchQueries(cloudwatch: CloudWatchGateway, queries: MetricDataQuery[], window: {start: number; end: number}): Promise<Fetched> {
  const points = new Map<string, Points>()
  const refusals = new Map<string, string>()
  await mapConcurrently(batches(queries), BATCHES_AT_ONCE, async (batch) => {
    let pending = batch
    while (pending.length > 0) {
      try {
        const results = await cloudwatch.getMetricData({MetricDataQueries: pending, StartTime: new Date(window.start), EndTime: new Date(window.end), ScanBy: 'TimestampAscending'})
        for (const result of results) record(result, points, refusals)
        break
      } catch (error) {
        const rejected = rejectedQuery(error, pending)
        if (!rejected) throw error
        refusals.set(rejected.Id!, awsMessage(error as ApigwError))
        pending = pending.filter((query) => query !== rejected)
      }
    }
  })
  return {points: (id) => points.get(id) ?? new Map(), refusal: (id) => refusals.get(id)}
}

function record(result: MetricDataResult, points: Map<string, Points>, refusals: Map<string, string>): void {
  const values = new Map<number, number>()
  result.Timestamps?.forEach((time, i) => values.set(new Date(time).getTime(), result.Values![i]))
  points.set(result.Id!, values)
  // A result with no data and a message: CloudWatch says why (e.g. a statistic it cannot compute).
  const message = result.Messages?.[0]
  if (values.size === 0 && message) refusals.set(result.Id!, `${message.Code}: ${message.Value}`)
}

function rejectedQuery(error: unknown, pending: MetricDataQuery[]): MetricDataQuery | undefined {
  if (!(error instanceof ApigwError)) return undefined
  const match = REJECTED_STAT.exec(error.message)
  return match ? pending[Number(match[1]) - 1] : undefined
}

/** AWS's own message, without apigw's "GetMetricData failed: " in front. */
function awsMessage(error: ApigwError): string {
  return error.cause instanceof Error ? error.cause.message : error.message
}
