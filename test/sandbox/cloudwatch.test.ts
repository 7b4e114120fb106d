import {
  GetMetricDataCommand,
  GetMetricStatisticsCommand,
  ListMetricsCommand,
  PutMetricDataCommand,
  type CloudWatchClient,
  type MetricDataQuery,
  type MetricDatum,
} from '@aws-sdk/client-cloudwatch'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {Clock} from '../../packages/sandbox/src/clock.js'
import {sdkClients, startTestSandbox, type Sandbox} from '../helpers/sandbox.js'
import {NO_FAULTS} from '../../packages/sandbox/src/faults.js'

const NOW = Date.UTC(2024, 0, 10, 12, 0, 0)
const HOUR_AGO = NOW - 3_600_000
const minute = (n: number) => new Date(HOUR_AGO + n * 60_000)
const fixedClock: Clock = {now: () => NOW, sleep: async () => {}, random: () => 0.5}
const NAMESPACE = 'Sandbox/Test'

const metricStat = (id: string, metricName: string, stat: string, period = 60, extra: Partial<MetricDataQuery> = {}): MetricDataQuery => ({
  Id: id,
  MetricStat: {Metric: {Namespace: NAMESPACE, MetricName: metricName}, Period: period, Stat: stat},
  ...extra,
})

describe('sandbox CloudWatch (docs/aws-behaviour.md#cloudwatch-metrics, AWS JSON 1.0)', () => {
  let sandbox: Sandbox
  let cloudWatch: CloudWatchClient

  beforeAll(async () => {
    sandbox = await startTestSandbox({clock: fixedClock})
    cloudWatch = sdkClients(sandbox.endpoint).cloudWatch
  })
  afterAll(() => sandbox.stop())

  const put = (...data: MetricDatum[]) => cloudWatch.send(new PutMetricDataCommand({Namespace: NAMESPACE, MetricData: data}))
  const getData = (queries: MetricDataQuery[], extra: {ScanBy?: 'TimestampAscending'; MaxDatapoints?: number; NextToken?: string} = {}) =>
    cloudWatch.send(new GetMetricDataCommand({MetricDataQueries: queries, StartTime: minute(0), EndTime: new Date(NOW), ...extra}))
  const failure = (promise: Promise<unknown>) => promise.then(() => expect.unreachable('the call succeeded'), (error: unknown) => error as Error & Record<string, any>)

  it('folds Value, Values with Counts and StatisticValues into one-minute aggregates', async () => {
    await put(
      {MetricName: 'Folded', Value: 10, Timestamp: minute(1), Unit: 'Milliseconds'},
      {MetricName: 'Folded', Values: [1, 5], Counts: [2, 1], Timestamp: new Date(minute(1).getTime() + 20_000), Unit: 'Milliseconds'},
      {MetricName: 'Folded', StatisticValues: {SampleCount: 4, Sum: 40, Minimum: 2, Maximum: 20}, Timestamp: minute(1), Unit: 'Milliseconds'},
    )
    const result = await cloudWatch.send(
      new GetMetricStatisticsCommand({
        Namespace: NAMESPACE,
        MetricName: 'Folded',
        StartTime: minute(0),
        EndTime: minute(5),
        Period: 60,
        Statistics: ['Sum', 'SampleCount', 'Minimum', 'Maximum', 'Average'],
      }),
    )
    expect(result.Label).toBe('Folded')
    expect(result.Datapoints).toEqual([{Timestamp: minute(1), Sum: 57, SampleCount: 8, Minimum: 1, Maximum: 20, Average: 57 / 8, Unit: 'Milliseconds'}])
  })

  it('answers GetMetricData in query order, Complete, newest first, with top-level Messages []', async () => {
    await put({MetricName: 'Ordered', Value: 1, Timestamp: minute(2)}, {MetricName: 'Ordered', Value: 3, Timestamp: minute(4)})
    const result = await getData([metricStat('late', 'Ordered', 'Maximum'), metricStat('early', 'Ordered', 'Maximum')])
    expect(result.Messages).toEqual([])
    expect(result.NextToken).toBeUndefined()
    expect(result.MetricDataResults!.map((r) => [r.Id, r.StatusCode, r.Timestamps, r.Values])).toEqual([
      ['late', 'Complete', [minute(4), minute(2)], [3, 1]],
      ['early', 'Complete', [minute(4), minute(2)], [3, 1]],
    ])
    const ascending = await getData([metricStat('m1', 'Ordered', 'Maximum')], {ScanBy: 'TimestampAscending'})
    expect(ascending.MetricDataResults![0].Values).toEqual([1, 3])
  })

  it('returns empty Values for a query with no data', async () => {
    const result = await getData([metricStat('nothing', 'NeverPublished', 'Sum')])
    expect(result.MetricDataResults).toEqual([{Id: 'nothing', Label: 'NeverPublished', StatusCode: 'Complete', Timestamps: [], Values: []}])
  })

  it('labels by metric name, adding stat and period only where the queries differ in them', async () => {
    const labels = async (queries: MetricDataQuery[]) => (await getData(queries)).MetricDataResults!.map((r) => r.Label)
    expect(await labels([metricStat('a', 'Lat', 'Sum'), metricStat('b', 'Count', 'Sum')])).toEqual(['Lat', 'Count'])
    expect(await labels([metricStat('a', 'Lat', 'Sum'), metricStat('b', 'Lat', 'Minimum')])).toEqual(['Lat Sum', 'Lat Minimum'])
    expect(await labels([metricStat('a', 'Lat', 'Sum'), metricStat('b', 'Lat', 'Sum', 300)])).toEqual(['Lat 60', 'Lat 300'])
    expect(await labels([metricStat('a', 'Lat', 'Sum'), metricStat('b', 'Lat', 'p99', 300, {Label: 'Slowest'})])).toEqual(['Lat Sum 60', 'Slowest'])
  })

  it('computes percentiles and PR() from the stored values, and none from unequal statistic sets', async () => {
    await put(
      {MetricName: 'Latency', Values: [100, 200, 300, 1000], Counts: [50, 40, 9, 1], Timestamp: minute(3)},
      {MetricName: 'SetOnly', StatisticValues: {SampleCount: 2, Sum: 30, Minimum: 10, Maximum: 20}, Timestamp: minute(3)},
      {MetricName: 'EqualSet', StatisticValues: {SampleCount: 3, Sum: 15, Minimum: 5, Maximum: 5}, Timestamp: minute(3)},
    )
    const result = await getData([
      metricStat('p50', 'Latency', 'p50'),
      metricStat('p90', 'Latency', 'p90'),
      metricStat('p99', 'Latency', 'p99.9'),
      metricStat('pr', 'Latency', 'PR(:300)'),
      metricStat('setonly', 'SetOnly', 'p50'),
      metricStat('setsum', 'SetOnly', 'Sum'),
      metricStat('equalset', 'EqualSet', 'p99'),
    ])
    expect(result.MetricDataResults!.map((r) => r.Values)).toEqual([[100], [200], [1000], [99], [], [30], [5]])
  })

  it('buckets datapoints by Period aligned to the epoch', async () => {
    // HOUR_AGO is 11:00, so minutes 3..7 span the buckets at 11:00 and 11:05.
    await put(...[3, 4, 5, 6, 7].map((n) => ({MetricName: 'Aligned', Value: n, Timestamp: minute(n)})))
    const result = await getData([metricStat('m1', 'Aligned', 'Sum', 300)], {ScanBy: 'TimestampAscending'})
    expect(result.MetricDataResults![0].Timestamps).toEqual([minute(0), minute(5)])
    expect(result.MetricDataResults![0].Values).toEqual([7, 18])
  })

  it('evaluates arithmetic expressions between query ids and leaves ReturnData false out', async () => {
    await put(
      {MetricName: 'Errors', Value: 5, Timestamp: minute(10)},
      {MetricName: 'Requests', Value: 200, Timestamp: minute(10)},
      {MetricName: 'Requests', Value: 100, Timestamp: minute(11)},
    )
    const result = await getData([
      metricStat('errors', 'Errors', 'Sum', 60, {ReturnData: false}),
      metricStat('requests', 'Requests', 'Sum', 60, {ReturnData: false}),
      {Id: 'rate', Expression: 'errors/requests*100', Label: 'Error rate'},
      {Id: 'doubled', Expression: '-(requests) * -2'},
    ])
    expect(result.MetricDataResults!.map((r) => [r.Id, r.Label, r.Values])).toEqual([
      ['rate', 'Error rate', [2.5]],
      ['doubled', 'doubled', [200, 400]],
    ])
    const unsupported = await failure(getData([metricStat('m1', 'Errors', 'Sum'), {Id: 'e1', Expression: 'SUM(METRICS())'}]))
    expect(unsupported.$metadata.httpStatusCode).toBe(400)
    expect(unsupported.name).toBe('InvalidParameterValueException')
    expect(unsupported.message).toBe(
      'Error in expression e1: the function SUM() is not supported; the sandbox supports +, -, *, / and parentheses over query ids and numbers.',
    )
  })

  it('pages GetMetricData by datapoints with NextToken, marking cut-off results PartialData', async () => {
    await put(...[20, 21, 22].map((n) => ({MetricName: 'Paged', Value: n, Timestamp: minute(n)})))
    const queries = [metricStat('a', 'Paged', 'Sum'), metricStat('b', 'Paged', 'Sum')]
    const first = await getData(queries, {MaxDatapoints: 4})
    expect(first.MetricDataResults!.map((r) => [r.StatusCode, r.Values])).toEqual([
      ['Complete', [22, 21, 20]],
      ['PartialData', [22]],
    ])
    expect(first.NextToken).toEqual(expect.any(String))
    const second = await getData(queries, {MaxDatapoints: 4, NextToken: first.NextToken})
    expect(second.MetricDataResults!.map((r) => [r.StatusCode, r.Values])).toEqual([
      ['Complete', []],
      ['Complete', [21, 20]],
    ])
    expect(second.NextToken).toBeUndefined()
    const bad = await failure(getData(queries, {NextToken: 'not-a-token'}))
    expect([bad.name, bad.$metadata.httpStatusCode, bad.message]).toEqual(['InvalidNextToken', 400, 'The service cannot process the NextToken.'])
  })

  it('rejects more than 500 queries and periods that are not a multiple of 60', async () => {
    const tooMany = await failure(getData(Array.from({length: 501}, (_, i) => metricStat(`m${i}`, 'Count', 'Sum'))))
    expect([tooMany.name, tooMany.$metadata.httpStatusCode, tooMany.message]).toEqual([
      'InvalidParameterValueException',
      400,
      'The collection MetricDataQueries must not have a size greater than 500.',
    ])
    const badPeriod = await failure(getData([metricStat('m1', 'Count', 'Sum', 90)]))
    expect([badPeriod.name, badPeriod.$metadata.httpStatusCode, badPeriod.message]).toEqual([
      'InvalidParameterValueException',
      400,
      'The parameter MetricDataQueries.member.1.MetricStat.Period must be a multiple of 60.',
    ])
    // awsQueryCompatible: the old Query error code travels too.
    expect(badPeriod.Code).toBe('InvalidParameterValue')
  })

  it('reports MultipleUnits when a query without Unit spans data published in several units', async () => {
    await put({MetricName: 'Mixed', Value: 1, Unit: 'Seconds', Timestamp: minute(30)}, {MetricName: 'Mixed', Value: 1000, Unit: 'Milliseconds', Timestamp: minute(31)})
    const result = await getData([metricStat('m1', 'Mixed', 'Sum', 3600)])
    expect(result.MetricDataResults![0].Messages).toEqual([{Code: 'MultipleUnits', Value: "Multiple units returned: '[Milliseconds, Seconds]'"}])
    const seconds = await getData([metricStat('m1', 'Mixed', 'Sum', 60, {MetricStat: {Metric: {Namespace: NAMESPACE, MetricName: 'Mixed'}, Period: 60, Stat: 'Sum', Unit: 'Seconds'}})])
    expect(seconds.MetricDataResults![0].Values).toEqual([1])
  })

  describe('GetMetricStatistics', () => {
    const statistics = (start: Date, end: Date, period: number, extra: Record<string, unknown> = {}) =>
      cloudWatch.send(
        new GetMetricStatisticsCommand({Namespace: NAMESPACE, MetricName: 'Latency', StartTime: start, EndTime: end, Period: period, Statistics: ['Sum'], ...extra}),
      )

    it('returns percentiles as ExtendedStatistics', async () => {
      const result = await statistics(minute(0), minute(10), 600, {Statistics: undefined, ExtendedStatistics: ['p50', 'p99']})
      expect(result.Datapoints).toEqual([{Timestamp: minute(0), ExtendedStatistics: {p50: 100, p99: 300}, Unit: 'None'}])
    })

    it('rejects more than 1440 datapoints with InvalidParameterCombination', async () => {
      const error = await failure(statistics(new Date(NOW - 86_400_000 - 60_000), new Date(NOW), 60))
      expect([error.name, error.$metadata.httpStatusCode, error.Code, error.message]).toEqual([
        'InvalidParameterCombinationException',
        400,
        'InvalidParameterCombination',
        'You have requested up to 1441 datapoints, which exceeds the limit of 1440. You may reduce the datapoints requested by increasing Period, or decreasing the time range.',
      ])
    })

    it('rejects StartTime at or after EndTime with InvalidParameterValue', async () => {
      const error = await failure(statistics(minute(5), minute(5), 60))
      expect([error.name, error.$metadata.httpStatusCode, error.Code, error.message]).toEqual([
        'InvalidParameterValueException',
        400,
        'InvalidParameterValue',
        'The parameter StartTime must be less than the parameter EndTime.',
      ])
    })
  })

  it('lists metrics by namespace, name and dimension, 500 a page', async () => {
    const dimensions = [
      {Name: 'ApiName', Value: 'shop'},
      {Name: 'Stage', Value: 'prod'},
    ]
    await cloudWatch.send(
      new PutMetricDataCommand({
        Namespace: 'Sandbox/Listed',
        MetricData: [
          {MetricName: 'Count', Dimensions: dimensions, Value: 1, Timestamp: minute(1)},
          {MetricName: 'Count', Dimensions: [dimensions[0]], Value: 1, Timestamp: minute(1)},
          {MetricName: 'Latency', Dimensions: [{Name: 'ApiName', Value: 'other'}], Value: 1, Timestamp: minute(1)},
        ],
      }),
    )
    const byDimension = await cloudWatch.send(new ListMetricsCommand({Namespace: 'Sandbox/Listed', Dimensions: [{Name: 'ApiName', Value: 'shop'}]}))
    expect(byDimension.Metrics).toEqual(
      expect.arrayContaining([
        {Namespace: 'Sandbox/Listed', MetricName: 'Count', Dimensions: dimensions},
        {Namespace: 'Sandbox/Listed', MetricName: 'Count', Dimensions: [dimensions[0]]},
      ]),
    )
    expect(byDimension.Metrics).toHaveLength(2)
    const byName = await cloudWatch.send(new ListMetricsCommand({Namespace: 'Sandbox/Listed', MetricName: 'Latency'}))
    expect(byName.Metrics).toEqual([{Namespace: 'Sandbox/Listed', MetricName: 'Latency', Dimensions: [{Name: 'ApiName', Value: 'other'}]}])

    await cloudWatch.send(
      new PutMetricDataCommand({Namespace: 'Sandbox/Many', MetricData: Array.from({length: 501}, (_, i) => ({MetricName: `M${i}`, Value: 1, Timestamp: minute(1)}))}),
    )
    const page1 = await cloudWatch.send(new ListMetricsCommand({Namespace: 'Sandbox/Many'}))
    const page2 = await cloudWatch.send(new ListMetricsCommand({Namespace: 'Sandbox/Many', NextToken: page1.NextToken}))
    expect([page1.Metrics!.length, page2.Metrics!.length, page2.NextToken]).toEqual([500, 1, undefined])
  })

  it('rejects reserved namespaces and conflicting datum members in AWS style', async () => {
    const reserved = await failure(cloudWatch.send(new PutMetricDataCommand({Namespace: 'AWS/ApiGateway', MetricData: [{MetricName: 'Count', Value: 1}]})))
    expect([reserved.name, reserved.$metadata.httpStatusCode]).toEqual(['InvalidParameterValueException', 400])
    const both = await failure(put({MetricName: 'Both', Value: 1, StatisticValues: {SampleCount: 1, Sum: 1, Minimum: 1, Maximum: 1}}))
    expect([both.name, both.$metadata.httpStatusCode, both.Code, both.message]).toEqual([
      'InvalidParameterCombinationException',
      400,
      'InvalidParameterCombination',
      'The parameters MetricData.member.1.Value and MetricData.member.1.StatisticValues are mutually exclusive and you have specified both.',
    ])
  })

  it('turns injected faults into CloudWatch throttling (400 Throttling) and 503 ServiceUnavailable', async () => {
    try {
      sandbox.faults = {...NO_FAULTS, throttle: 1, error: 0, reset: 0}
      const throttled = await failure(getData([metricStat('m1', 'Count', 'Sum')]))
      expect([throttled.name, throttled.$metadata.httpStatusCode, throttled.message]).toEqual(['Throttling', 400, 'Rate exceeded'])
      sandbox.faults = {...NO_FAULTS, throttle: 0, error: 1, reset: 0}
      const unavailable = await failure(getData([metricStat('m1', 'Count', 'Sum')]))
      expect([unavailable.name, unavailable.$metadata.httpStatusCode, unavailable.$fault]).toEqual(['ServiceUnavailable', 503, 'server'])
    } finally {
      sandbox.faults = {...NO_FAULTS, throttle: 0, error: 0, reset: 0}
    }
  })
})
