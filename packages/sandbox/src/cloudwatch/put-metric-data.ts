import type {SandboxContext} from '../context.js'
import {invalidCombination, invalidValue, missingParameter} from './errors.js'
import {atMost, dimensionsOf, listOf, numberOf, optionalText, required, requiredText, timestampMs, type Input} from './input.js'
import {recordMetric, type MetricObservation} from './record.js'

const MAX_METRIC_DATA = 1000
const MAX_VALUES = 150
/** CloudWatch takes datapoints up to two weeks old and up to two hours ahead. */
const OLDEST_MS = 14 * 24 * 3_600_000
const NEWEST_MS = 2 * 3_600_000

/** PutMetricData: every datum is checked before any is stored, then folded into one-minute aggregates. */
export function putMetricData(context: SandboxContext, input: Input): Record<string, unknown> {
  const namespace = requiredText(input, 'Namespace')
  if (namespace.startsWith('AWS/')) {
    throw invalidValue(`The value ${namespace} for parameter Namespace is invalid: namespaces starting with AWS/ are reserved for AWS services.`)
  }
  const data = listOf(input, 'MetricData')
  if (data.length === 0) throw missingParameter('MetricData')
  const now = context.clock.now()
  const observations = atMost(data, 'MetricData', MAX_METRIC_DATA).map((datum, i) => observation(namespace, datum, `MetricData.member.${i + 1}`, now))
  for (const observed of observations) {
    if (observed) recordMetric(context.store, observed)
  }
  return {}
}

/** One datum as an observation; undefined when every count is zero (nothing was seen). */
function observation(namespace: string, datum: Input, path: string, now: number): MetricObservation | undefined {
  const metricName = requiredText(datum, 'MetricName', `${path}.MetricName`)
  const dimensions = dimensionsOf(datum, 'Dimensions', `${path}.Dimensions`)
  const timestamp = datum.Timestamp === undefined ? now : timestampMs(datum.Timestamp, `${path}.Timestamp`)
  if (timestamp < now - OLDEST_MS) {
    throw invalidValue(`The parameter ${path}.Timestamp must specify a time no more than two weeks in the past.`)
  }
  if (timestamp > now + NEWEST_MS) {
    throw invalidValue(`The parameter ${path}.Timestamp must specify a time no more than two hours in the future.`)
  }
  const common = {namespace, metricName, dimensions, unit: optionalText(datum, 'Unit'), timestamp}

  const given = ['Value', 'Values', 'StatisticValues'].filter((name) => datum[name] !== undefined)
  if (given.length > 1) {
    const [first, second] = given.map((name) => `${path}.${name}`)
    throw invalidCombination(`The parameters ${first} and ${second} are mutually exclusive and you have specified both.`)
  }
  if (datum.StatisticValues !== undefined) {
    const set = datum.StatisticValues as Input
    const member = (name: string) => numberOf(required(set, name, `${path}.StatisticValues.${name}`), `${path}.StatisticValues.${name}`)
    const statistics = {sum: member('Sum'), sampleCount: member('SampleCount'), minimum: member('Minimum'), maximum: member('Maximum')}
    if (statistics.sampleCount <= 0) return undefined
    return {...common, statistics}
  }
  if (datum.Value !== undefined) return {...common, values: [numberOf(datum.Value, `${path}.Value`)]}

  const values = listOf<unknown>(datum, 'Values').map((value, i) => numberOf(value, `${path}.Values.member.${i + 1}`))
  const counts = listOf<unknown>(datum, 'Counts').map((count, i) => numberOf(count, `${path}.Counts.member.${i + 1}`))
  if (values.length === 0) throw missingParameter(`${path}.Value`)
  atMost(values, `${path}.Values`, MAX_VALUES)
  if (counts.length > 0 && counts.length !== values.length) {
    throw invalidValue(`The parameters ${path}.Values and ${path}.Counts must be of the same size.`)
  }
  if (counts.length > 0 && counts.every((count) => count <= 0)) return undefined
  return {...common, values, counts: counts.length > 0 ? counts : undefined}
}
