import {API_TYPE_LABELS} from '../../lib/catalog/index.js'
import {type CheckResult, findMeasure, type MetricSeries} from '../../lib/metrics/index.js'
import {formatDuration} from '../../lib/util/duration.js'
import {barChart, scaleTop} from './chart.js'
import {latencyText, percentText, valueFormat, windowText} from './metric-format.js'
import type {Palette} from './palette.js'
import {renderKeyValues, renderTable, type Cell} from './table.js'

const TRAFFIC_TEXT = {all: "the stage's traffic", base: 'the base (the stage less its canary)', canary: "the canary's traffic"}

/** `metrics get` for people: what was read, a chart, then every period's value. */
export function metricSeriesView(data: MetricSeries, colors: Palette, width: number): string {
  const measure = findMeasure(data.metric)
  const format = valueFormat(data.unit, data.window.periodSeconds, measure?.noun)
  const head = `${colors.bold(`${data.title}`)} of ${data.api.name} (${data.api.id}) ${API_TYPE_LABELS[data.api.type]} stage ${data.stage}, ${TRAFFIC_TEXT[data.traffic]}: ${windowText(data.window)}, ${formatDuration(data.window.periodSeconds * 1000)} periods`
  const notes = [...data.notes, ...(data.unavailable ? [`unavailable: ${data.unavailable}`] : [])].map((note) => colors.dim(note))
  if (data.unavailable) return [head, ...notes].join('\n')
  const values = data.points.map((point) => point.value)
  const figures = data.current === null ? 'no data' : `now ${format(data.current)}  min ${format(data.min!)}  max ${format(data.max!)}`
  const worse = measure?.worse
  const chart = barChart(values, {
    width: Math.max(40, width),
    height: 5,
    top: scaleTop([values], null, data.unit === 'ratio' ? 0.01 : 10),
    format,
    limit: null,
    combine: worse === 'higher' ? 'highest' : worse === 'lower' ? 'lowest' : 'mean',
    colors,
    times: {start: data.points[0]?.timestamp.slice(11, 16) ?? '', middle: data.points[Math.floor(data.points.length / 2)]?.timestamp.slice(11, 16), end: data.window.end.slice(11, 16)},
  }).map((line) => line.trimEnd())
  const table = renderTable(['TIMESTAMP', data.metric.toUpperCase()], data.points.map((point): Cell[] => [point.timestamp, point.value === null ? null : format(point.value)]), colors)
  return [head, figures, '', ...chart, '', table, ...notes].join('\n')
}

/** `metrics check` for people: the outcome, each gate with its numbers, and the figures judged. */
export function checkView(data: CheckResult, colors: Palette): string {
  const outcome = {passed: colors.green('passed'), failed: colors.red('failed'), 'not-enough-data': colors.yellow('not enough data')}[data.outcome]
  const verdict = data.outcome === 'not-enough-data' ? ` (counted as ${data.pass ? 'a pass' : 'a failure'}: --no-data ${data.pass ? 'pass' : 'fail'})` : ''
  const mark = {pass: colors.green('✓'), fail: colors.red('✗'), inconclusive: colors.yellow('?'), skipped: colors.dim('-')}
  const show = (gate: CheckResult['gates'][number], value: number | null): Cell => (value === null ? null : gate.gate.endsWith('rate') ? percentText(value) : latencyText(value))
  const {figures} = data
  const pairs: Array<[string, Cell]> = [
    ['api', `${data.api.name} (${data.api.id}) ${API_TYPE_LABELS[data.api.type]}`],
    ['stage', `${data.stage}, ${TRAFFIC_TEXT[data.traffic]}`],
    ['window', windowText(data.window)],
    ['requests', figures.requests],
    ['4XX', figures.rate4xx === null ? null : `${figures.errors4xx} (${percentText(figures.rate4xx)})`],
    ['5XX', figures.rate5xx === null ? null : `${figures.errors5xx} (${percentText(figures.rate5xx)})`],
    ['latency p50/p90/p99', figures.latencyMs.p99 === null ? null : [figures.latencyMs.p50, figures.latencyMs.p90, figures.latencyMs.p99].map((ms) => (ms === null ? '-' : latencyText(ms))).join(' / ')],
  ]
  const gates = renderTable(
    ['', 'GATE', 'VALUE', 'LIMIT', 'DETAIL'],
    data.gates.map((gate): Cell[] => [mark[gate.status], gate.gate, show(gate, gate.value), gate.limit === null ? 'off' : `≤ ${show(gate, gate.limit)}`, gate.detail.replace(/^[^:]+: /, '')]),
    colors,
  )
  return [`${colors.bold('Check')} ${outcome}${verdict}${data.reason ? colors.dim(`: ${data.reason}`) : ''}`, '', renderKeyValues(pairs, colors), '', gates].join('\n')
}
