import {
  GetMetricStatisticsCommand,
  ListMetricsCommand,
  PutMetricDataCommand,
  type Datapoint,
  type Dimension,
  type GetMetricStatisticsCommandInput,
  type Metric,
  type MetricDatum,
  type Statistic,
} from '@aws-sdk/client-cloudwatch'
import {sortedBy, type Probe, type Scenario} from './probe.js'

// A namespace of our own: AWS keeps `AWS/` ones for its services, and the sandbox refuses them as AWS does.
const NAMESPACE = 'Conformance/ApiGateway'
const PERIOD_SECONDS = 300
const ALL_STATISTICS: Statistic[] = ['Sum', 'Average', 'SampleCount', 'Minimum', 'Maximum']
const STAGE: Dimension[] = [
  {Name: 'ApiName', Value: 'pets'},
  {Name: 'Stage', Value: 'prod'},
]

/**
 * The start of a recent period, on a period boundary: moto starts its periods at the first datapoint
 * and AWS on boundaries, so data that starts on a boundary falls into the same period on both.
 */
function recentPeriodStart(): Date {
  const period = PERIOD_SECONDS * 1000
  return new Date(Math.floor(Date.now() / period) * period - 2 * period)
}

const secondsAfter = (start: Date, seconds: number) => new Date(start.getTime() + seconds * 1000)

const putMetricData = (probe: Probe, metricData: MetricDatum[], namespace = NAMESPACE) =>
  probe.cloudWatch.send(new PutMetricDataCommand({Namespace: namespace, MetricData: metricData}))

/** Statistics over the one period that starts at `start`, each datapoint's time as seconds after it. */
async function statistics(probe: Probe, start: Date, input: Partial<GetMetricStatisticsCommandInput> = {}) {
  const {Label, Datapoints = []} = await probe.cloudWatch.send(
    new GetMetricStatisticsCommand({
      Namespace: NAMESPACE,
      MetricName: 'Latency',
      Dimensions: STAGE,
      StartTime: start,
      EndTime: secondsAfter(start, PERIOD_SECONDS),
      Period: PERIOD_SECONDS,
      Statistics: ALL_STATISTICS,
      ...input,
    }),
  )
  return {Label, Datapoints: Datapoints.map((datapoint) => datapointView(probe, datapoint, start))}
}

function datapointView(probe: Probe, {Timestamp, ...statistics}: Datapoint, start: Date) {
  return {secondsAfterStart: Timestamp && (Timestamp.getTime() - start.getTime()) / 1000, ...(probe.observe(statistics) as object)}
}

/** Metrics in a stable order: ListMetrics promises none. */
const metricsView = (probe: Probe, metrics: Metric[] = []) => sortedBy(metrics.map((metric) => probe.observe(metric)), (metric) => JSON.stringify(metric))

const listMetrics = async (probe: Probe, input: {MetricName?: string; Dimensions?: {Name: string; Value?: string}[]} = {}) =>
  metricsView(probe, (await probe.cloudWatch.send(new ListMetricsCommand({Namespace: NAMESPACE, ...input}))).Metrics)

export const cloudWatchScenarios: Scenario[] = [
  {
    name: 'GetMetricStatistics sums single values put over one period',
    async run(probe) {
      const start = recentPeriodStart()
      const latency = (seconds: number, value: number): MetricDatum => ({
        MetricName: 'Latency',
        Dimensions: STAGE,
        Timestamp: secondsAfter(start, seconds),
        Value: value,
        Unit: 'Milliseconds',
      })
      await putMetricData(probe, [latency(0, 10), latency(70, 30), latency(130, 20), latency(250, 60)])
      return {
        all: await statistics(probe, start),
        sumOnly: await statistics(probe, start, {Statistics: ['Sum']}),
      }
    },
  },
  {
    name: 'GetMetricStatistics folds statistic sets and value/count arrays in',
    async run(probe) {
      const start = recentPeriodStart()
      await putMetricData(probe, [
        {MetricName: 'Latency', Dimensions: STAGE, Timestamp: start, StatisticValues: {SampleCount: 4, Sum: 10, Minimum: 1, Maximum: 4}, Unit: 'Milliseconds'},
        {MetricName: 'Latency', Dimensions: STAGE, Timestamp: secondsAfter(start, 90), Values: [5, 7], Counts: [1, 3], Unit: 'Milliseconds'},
      ])
      return statistics(probe, start)
    },
  },
  {
    name: 'GetMetricStatistics with no data has its label and no datapoints',
    run: async (probe) => statistics(probe, recentPeriodStart(), {MetricName: 'IntegrationLatency'}),
  },
  {
    name: 'GetMetricStatistics rejects a StartTime not before its EndTime',
    async run(probe) {
      const start = recentPeriodStart()
      return probe.failure(statistics(probe, start, {EndTime: start}))
    },
  },
  {
    name: 'GetMetricStatistics rejects more than 1440 datapoints',
    motoDiffers: 'moto answers any number of datapoints',
    aws: {error: 'InvalidParameterCombinationException', status: 400},
    async run(probe) {
      const start = recentPeriodStart()
      const twoDaysBefore = secondsAfter(start, -2 * 86_400)
      return probe.failure(statistics(probe, twoDaysBefore, {EndTime: start, Period: 60}), {message: false})
    },
  },
  {
    name: 'GetMetricStatistics matches the dimension set exactly',
    motoDiffers: 'moto also counts series that have more dimensions than asked for (here the per-stage series)',
    aws: {Label: 'Count', Datapoints: [{secondsAfterStart: 0, Sum: 1, Unit: 'Count'}]},
    async run(probe) {
      const start = recentPeriodStart()
      const count = (dimensions: Dimension[], value: number): MetricDatum => ({MetricName: 'Count', Dimensions: dimensions, Timestamp: start, Value: value, Unit: 'Count'})
      await putMetricData(probe, [count(STAGE.slice(0, 1), 1), count(STAGE, 5)])
      return statistics(probe, start, {MetricName: 'Count', Dimensions: STAGE.slice(0, 1), Statistics: ['Sum']})
    },
  },
  {
    name: 'ListMetrics by namespace, by metric name and by dimension',
    async run(probe) {
      const start = recentPeriodStart()
      const perMethod: Dimension[] = [STAGE[0], {Name: 'Method', Value: 'GET'}, {Name: 'Resource', Value: '/pets'}, STAGE[1]]
      const otherStage: Dimension[] = [STAGE[0], {Name: 'Stage', Value: 'dev'}]
      const datum = (name: string, dimensions: Dimension[]): MetricDatum => ({MetricName: name, Dimensions: dimensions, Timestamp: start, Value: 1})
      await putMetricData(probe, [datum('Count', STAGE), datum('Latency', STAGE), datum('Count', perMethod), datum('Count', otherStage)])
      await putMetricData(probe, [datum('Count', STAGE)], 'Custom/Elsewhere')
      return {
        namespace: await listMetrics(probe),
        metricName: await listMetrics(probe, {MetricName: 'Latency'}),
        dimension: await listMetrics(probe, {Dimensions: [{Name: 'Stage', Value: 'dev'}]}),
        dimensionName: await listMetrics(probe, {Dimensions: [{Name: 'Method'}]}),
        emptyNamespace: metricsView(probe, (await probe.cloudWatch.send(new ListMetricsCommand({Namespace: 'Custom/Nothing'}))).Metrics),
      }
    },
  },
  {
    name: 'ListMetrics lists a metric once however many datapoints it has',
    motoDiffers: 'moto lists a metric once per datapoint put',
    aws: [{Namespace: NAMESPACE, MetricName: 'Count', Dimensions: STAGE}],
    async run(probe) {
      const start = recentPeriodStart()
      const count = (seconds: number): MetricDatum => ({MetricName: 'Count', Dimensions: STAGE, Timestamp: secondsAfter(start, seconds), Value: 1})
      await putMetricData(probe, [count(0), count(60), count(120)])
      return listMetrics(probe)
    },
  },
]
