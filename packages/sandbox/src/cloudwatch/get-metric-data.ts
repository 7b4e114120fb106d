import type {SandboxContext} from '../context.js'
import {GET_METRIC_DATA_MAX_QUERIES} from '../facts.js'
import type {MetricMinute} from '../model.js'
import {invalidCombination, invalidNextToken, invalidValue, missingParameter} from './errors.js'
import {evaluateExpression, type TimeSeries} from './expression.js'
import {atMost, dimensionsOf, encodeToken, listOf, numberOf, optionalText, periodMs, requiredText, required, resumeOffset, timestampMs, type Input} from './input.js'
import {seriesKey} from './record.js'
import {bucketsOf, indexSeries, unitOf} from './series.js'
import {aggregate, statistic, type Aggregate} from './statistics.js'

const MAX_DATAPOINTS = 100_800
const QUERY_ID = /^[a-z][a-zA-Z0-9_]*$/

interface QueryBase {
  id: string
  label?: string
  returnData: boolean
}

/** What a MetricStat asks for. */
interface MetricStat {
  key: string
  metricName: string
  period: number
  stat: string
  unit?: string
}

interface MetricQuery extends QueryBase, MetricStat {
  kind: 'metric'
}

interface ExpressionQuery extends QueryBase {
  kind: 'expression'
  expression: string
}

type Query = MetricQuery | ExpressionQuery

interface Evaluated {
  series: TimeSeries
  messages: {Code: string; Value: string}[]
}

/** GetMetricData: results in query order, newest first unless asked otherwise, paged by datapoints. */
export function getMetricData(context: SandboxContext, input: Input): Record<string, unknown> {
  const queries = parseQueries(listOf(input, 'MetricDataQueries'))
  const start = timestampMs(required(input, 'StartTime'), 'StartTime')
  const end = timestampMs(required(input, 'EndTime'), 'EndTime')
  if (start >= end) throw invalidValue('The parameter StartTime must be less than the parameter EndTime.')
  const scanBy = optionalText(input, 'ScanBy') ?? 'TimestampDescending'
  if (scanBy !== 'TimestampDescending' && scanBy !== 'TimestampAscending') {
    throw invalidValue(`The value ${scanBy} for parameter ScanBy is not supported. Supported values are TimestampDescending and TimestampAscending.`)
  }
  const maxDatapoints = input.MaxDatapoints === undefined ? MAX_DATAPOINTS : numberOf(input.MaxDatapoints, 'MaxDatapoints')
  if (!Number.isInteger(maxDatapoints) || maxDatapoints < 1 || maxDatapoints > MAX_DATAPOINTS) {
    throw invalidValue(`The parameter MaxDatapoints must be an integer between 1 and ${MAX_DATAPOINTS}.`)
  }
  const offset = resumeOffset(input, invalidNextToken)

  const evaluate = evaluator(queries, indexSeries(context.store), start, end)
  const labels = defaultLabels(queries)
  const results = queries
    .filter((query) => query.returnData)
    .map((query) => {
      const {series, messages} = evaluate(query.id)
      const points = [...series]
      if (scanBy === 'TimestampDescending') points.reverse()
      return {query, points, messages}
    })

  // Datapoints are paged in result order: a result whose points go on past this page is PartialData.
  const pageEnd = offset + maxDatapoints
  let earlier = 0
  const page = results.map(({query, points, messages}) => {
    const slice = points.slice(Math.max(0, offset - earlier), Math.max(0, pageEnd - earlier))
    const more = earlier + points.length > pageEnd
    earlier += points.length
    return {
      Id: query.id,
      Label: query.label ?? labels.get(query.id),
      Timestamps: slice.map(([timestamp]) => new Date(timestamp)),
      Values: slice.map(([, value]) => value),
      StatusCode: more ? 'PartialData' : 'Complete',
      ...(messages.length > 0 && {Messages: messages}),
    }
  })
  return {MetricDataResults: page, Messages: [], ...(earlier > pageEnd && {NextToken: encodeToken(pageEnd)})}
}

function parseQueries(items: Input[]): Query[] {
  if (items.length === 0) throw missingParameter('MetricDataQueries')
  const seen = new Set<string>()
  return atMost(items, 'MetricDataQueries', GET_METRIC_DATA_MAX_QUERIES).map((item, i) => {
    const path = `MetricDataQueries.member.${i + 1}`
    const id = requiredText(item, 'Id', `${path}.Id`)
    if (!QUERY_ID.test(id)) {
      throw invalidValue(`The value ${id} for parameter ${path}.Id is invalid: it must start with a lowercase letter and contain only letters, digits and underscores.`)
    }
    if (seen.has(id)) throw invalidValue(`The value ${id} for parameter ${path}.Id is used by more than one query.`)
    seen.add(id)
    const common: QueryBase = {id, label: optionalText(item, 'Label'), returnData: item.ReturnData !== false}
    const expression = optionalText(item, 'Expression')
    const metricStat = item.MetricStat as Input | undefined
    if ((expression === undefined) === (metricStat === undefined)) {
      throw invalidCombination(`Exactly one of the parameters ${path}.MetricStat and ${path}.Expression must be specified.`)
    }
    if (expression !== undefined) return {kind: 'expression', ...common, expression}
    return {kind: 'metric', ...common, ...parseMetricStat(metricStat as Input, `${path}.MetricStat`)}
  })
}

function parseMetricStat(metricStat: Input, path: string): MetricStat {
  const metric = required(metricStat, 'Metric', `${path}.Metric`) as Input
  const namespace = requiredText(metric, 'Namespace', `${path}.Metric.Namespace`)
  const metricName = requiredText(metric, 'MetricName', `${path}.Metric.MetricName`)
  const dimensions = dimensionsOf(metric, 'Dimensions', `${path}.Metric.Dimensions`)
  const stat = requiredText(metricStat, 'Stat', `${path}.Stat`)
  if (!statistic(stat)) throw invalidValue(`The value ${stat} for parameter ${path}.Stat is not supported.`)
  return {
    key: seriesKey(namespace, metricName, dimensions),
    metricName,
    period: periodMs(required(metricStat, 'Period', `${path}.Period`), `${path}.Period`),
    stat,
    unit: optionalText(metricStat, 'Unit'),
  }
}

/** Evaluates queries by id, each once, so expressions can build on metrics and on other expressions. */
function evaluator(queries: Query[], index: Map<string, MetricMinute[]>, start: number, end: number): (id: string) => Evaluated {
  const byId = new Map(queries.map((query) => [query.id, query]))
  const done = new Map<string, Evaluated>()
  const inProgress = new Set<string>()
  const merged = new Map<string, Periods>()
  const periodsOf = (query: MetricQuery): Periods => {
    const key = JSON.stringify([query.key, query.period, query.unit])
    let periods = merged.get(key)
    if (!periods) merged.set(key, (periods = mergePeriods(index.get(query.key) ?? [], query, start, end)))
    return periods
  }
  const evaluate = (id: string): Evaluated => {
    const cached = done.get(id)
    if (cached) return cached
    const query = byId.get(id)!
    if (inProgress.has(id)) throw invalidValue(`Error in expression ${id}: it refers to itself through other expressions.`)
    inProgress.add(id)
    const result = query.kind === 'metric' ? metricSeries(query, periodsOf(query)) : expressionSeries(query, byId, evaluate)
    inProgress.delete(id)
    done.set(id, result)
    return result
  }
  return evaluate
}

/**
 * A series' minutes merged period by period, and the units they were published in: computed once per
 * request for every statistic asked of the same series, period and unit (a latency sketch asks a dozen).
 */
interface Periods {
  merged: [start: number, aggregate: Aggregate][]
  units: Set<string>
}

function mergePeriods(minutes: MetricMinute[], query: MetricQuery, start: number, end: number): Periods {
  const matching = query.unit === undefined ? minutes : minutes.filter((minute) => unitOf(minute) === query.unit)
  const units = new Set<string>()
  const merged = bucketsOf(matching, start, end, query.period).map(([bucket, inBucket]): [number, Aggregate] => {
    for (const minute of inBucket) units.add(unitOf(minute))
    return [bucket, aggregate(inBucket)]
  })
  return {merged, units}
}

function metricSeries(query: MetricQuery, {merged, units}: Periods): Evaluated {
  const compute = statistic(query.stat)!
  const series: TimeSeries = new Map()
  for (const [bucket, inBucket] of merged) {
    const value = compute(inBucket)
    if (value !== undefined) series.set(bucket, value)
  }
  const messages = units.size > 1 ? [{Code: 'MultipleUnits', Value: `Multiple units returned: '[${[...units].sort().join(', ')}]'`}] : []
  return {series, messages}
}

function expressionSeries(query: ExpressionQuery, byId: Map<string, Query>, evaluate: (id: string) => Evaluated): Evaluated {
  const result = evaluateExpression(query.id, query.expression, (id) => (byId.has(id) ? evaluate(id).series : undefined))
  // A constant has no timestamps of its own to be reported at.
  return {series: typeof result === 'number' ? new Map() : result, messages: []}
}

/**
 * A metric query's default label is its metric name, followed by its stat when the request's metric
 * queries use more than one stat, and by its period when they use more than one period.
 */
function defaultLabels(queries: Query[]): Map<string, string> {
  const metrics = queries.filter((query): query is MetricQuery => query.kind === 'metric')
  const statsDiffer = new Set(metrics.map((query) => query.stat)).size > 1
  const periodsDiffer = new Set(metrics.map((query) => query.period)).size > 1
  return new Map(
    queries.map((query) => {
      if (query.kind === 'expression') return [query.id, query.id]
      const parts = [query.metricName]
      if (statsDiffer) parts.push(query.stat)
      if (periodsDiffer) parts.push(String(query.period / 1000))
      return [query.id, parts.join(' ')]
    }),
  )
}
