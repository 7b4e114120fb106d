import type {SandboxContext} from '../context.js'
import {invalidCombination, invalidValue} from './errors.js'
import {atMost, dimensionsOf, listOf, optionalText, periodMs, requiredText, required, timestampMs, type Input} from './input.js'
import {seriesKey} from './record.js'
import {bucketsOf, indexSeries, unitOf} from './series.js'
import {aggregate, isBasicStatistic, isPercentile, statistic, type Aggregate} from './statistics.js'

const MAX_DATAPOINTS = 1440
const MAX_STATISTICS = 5
const MAX_EXTENDED_STATISTICS = 10

/** GetMetricStatistics: one datapoint per period and unit, oldest first. */
export function getMetricStatistics(context: SandboxContext, input: Input): Record<string, unknown> {
  const namespace = requiredText(input, 'Namespace')
  const metricName = requiredText(input, 'MetricName')
  const dimensions = dimensionsOf(input, 'Dimensions', 'Dimensions')
  const start = timestampMs(required(input, 'StartTime'), 'StartTime')
  const end = timestampMs(required(input, 'EndTime'), 'EndTime')
  const period = periodMs(required(input, 'Period'), 'Period')
  if (start >= end) throw invalidValue('The parameter StartTime must be less than the parameter EndTime.')
  const statistics = listOf<string>(input, 'Statistics').map(String)
  const extended = listOf<string>(input, 'ExtendedStatistics').map(String)
  checkStatistics(statistics, extended)
  const requested = Math.ceil((end - start) / period)
  if (requested > MAX_DATAPOINTS) {
    throw invalidCombination(
      `You have requested up to ${requested} datapoints, which exceeds the limit of ${MAX_DATAPOINTS}. You may reduce the datapoints requested by increasing Period, or decreasing the time range.`,
    )
  }
  const unit = optionalText(input, 'Unit')

  const minutes = (indexSeries(context.store).get(seriesKey(namespace, metricName, dimensions)) ?? []).filter(
    (minute) => unit === undefined || unitOf(minute) === unit,
  )
  const datapoints = [...new Set(minutes.map(unitOf))].flatMap((pointUnit) =>
    bucketsOf(
      minutes.filter((minute) => unitOf(minute) === pointUnit),
      start,
      end,
      period,
    ).map(([bucket, inBucket]) => datapoint(bucket, aggregate(inBucket), pointUnit, statistics, extended)),
  )
  datapoints.sort((a, b) => (a.Timestamp as Date).getTime() - (b.Timestamp as Date).getTime())
  return {Label: metricName, Datapoints: datapoints}
}

function datapoint(bucket: number, total: Aggregate, unit: string, statistics: string[], extended: string[]): Record<string, unknown> {
  const point: Record<string, unknown> = {Timestamp: new Date(bucket)}
  for (const name of statistics) point[name] = statistic(name)!(total)
  if (extended.length > 0) {
    // Percentiles the data cannot give (unequal statistic sets) are left out of the map.
    point.ExtendedStatistics = Object.fromEntries(
      extended.flatMap((name) => {
        const value = statistic(name)!(total)
        return value === undefined ? [] : [[name, value]]
      }),
    )
  }
  point.Unit = unit
  return point
}

function checkStatistics(statistics: string[], extended: string[]): void {
  if (statistics.length === 0 && extended.length === 0) throw invalidCombination('Must specify either Statistics or ExtendedStatistics.')
  if (statistics.length > 0 && extended.length > 0) {
    throw invalidCombination('The parameters Statistics and ExtendedStatistics are mutually exclusive and you have specified both.')
  }
  atMost(statistics, 'Statistics', MAX_STATISTICS)
  atMost(extended, 'ExtendedStatistics', MAX_EXTENDED_STATISTICS)
  for (const name of statistics) {
    if (!isBasicStatistic(name)) throw invalidValue(`The value ${name} for parameter Statistics is not supported.`)
  }
  for (const name of extended) {
    if (!isPercentile(name)) throw invalidValue(`The value ${name} for parameter ExtendedStatistics is not supported.`)
  }
}
