import type {SandboxContext} from '../context.js'
import {invalidValue} from './errors.js'
import {atMost, encodeToken, listOf, optionalText, requiredText, resumeOffset, type Input} from './input.js'
import {indexSeries} from './series.js'

const PAGE_SIZE = 500
const MAX_DIMENSION_FILTERS = 10
/** Metrics with no new data for two weeks drop out of ListMetrics. */
const LISTED_FOR_MS = 14 * 24 * 3_600_000
const RECENTLY_ACTIVE_MS = 3 * 3_600_000

/** ListMetrics: metrics matching every filter, 500 a page, in a stable order. */
export function listMetrics(context: SandboxContext, input: Input): Record<string, unknown> {
  const namespace = optionalText(input, 'Namespace')
  const metricName = optionalText(input, 'MetricName')
  const filters = atMost(
    listOf(input, 'Dimensions').map((filter, i) => ({
      name: requiredText(filter, 'Name', `Dimensions.member.${i + 1}.Name`),
      value: optionalText(filter, 'Value'),
    })),
    'Dimensions',
    MAX_DIMENSION_FILTERS,
  )
  const recentlyActive = optionalText(input, 'RecentlyActive')
  if (recentlyActive !== undefined && recentlyActive !== 'PT3H') {
    throw invalidValue(`The value ${recentlyActive} for parameter RecentlyActive is not supported. The only supported value is PT3H.`)
  }
  const offset = resumeOffset(input, () => invalidValue('The value for parameter NextToken is invalid.'))

  const now = context.clock.now()
  const activeSince = now - (recentlyActive ? RECENTLY_ACTIVE_MS : LISTED_FOR_MS)
  const metrics = [...indexSeries(context.store)]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, minutes]) => ({first: minutes[0], last: minutes.at(-1)!.minute}))
    .filter(({first, last}) =>
      last >= activeSince &&
      (namespace === undefined || first.namespace === namespace) &&
      (metricName === undefined || first.metricName === metricName) &&
      filters.every(({name, value}) => first.dimensions.some((d) => d.Name === name && (value === undefined || d.Value === value))),
    )
    .map(({first}) => ({Namespace: first.namespace, MetricName: first.metricName, Dimensions: first.dimensions}))
  const next = offset + PAGE_SIZE
  return {Metrics: metrics.slice(offset, next), ...(metrics.length > next && {NextToken: encodeToken(next)})}
}
