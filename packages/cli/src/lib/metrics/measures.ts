import {API_TYPE_LABELS, type ApiType} from '../catalog/index.js'
import {usageError} from '../errors.js'
import {closestMatches} from '../util/text.js'
import type {Formula} from './math.js'
import {metricName, type Signal} from './names.js'

/**
 * The figures people ask for by name (`--metric 5xx-rate`), and how each is made of CloudWatch
 * metrics. A figure built on a metric that an API kind does not publish does not exist for it.
 */

/** count: per period; ratio: 0–1; ms; bytes: per period. */
export type Unit = 'count' | 'ratio' | 'ms' | 'bytes'

/** A formula over signals, before an API kind gives them CloudWatch names. */
type SignalFormula =
  | {kind: 'sum'; signal: Signal}
  | {kind: 'ratio'; part: Signal; whole: Signal[]}
  | {kind: 'average'; signal: Signal}
  | {kind: 'statistic'; signal: Signal; stat: string}

export interface Measure {
  /** As typed: "5xx-rate". */
  name: string
  /** As shown: "5XX rate". */
  title: string
  unit: Unit
  /** What a count counts, for labels such as "req/min". */
  noun?: string
  /** Which way is bad (a chart squeezing several periods into a column shows the worst); traffic has neither. */
  worse?: 'higher' | 'lower'
  formula: SignalFormula
}

const sum = (name: string, title: string, signal: Signal, noun: string, unit: Unit = 'count'): Measure => ({name, title, unit, noun, formula: {kind: 'sum', signal}})
const errors = (name: string, title: string, signal: Signal): Measure => ({...sum(name, title, signal, 'err'), worse: 'higher'})
const rate = (name: string, title: string, part: Signal, whole: Signal[], worse: Measure['worse'] = 'higher'): Measure => ({name, title, unit: 'ratio', worse, formula: {kind: 'ratio', part, whole}})
const statistic = (name: string, title: string, signal: Signal, stat: string): Measure => ({name, title, unit: 'ms', worse: 'higher', formula: {kind: 'statistic', signal, stat}})
const average = (name: string, title: string, signal: Signal): Measure => ({name, title, unit: 'ms', worse: 'higher', formula: {kind: 'average', signal}})

/** Every named figure, in the order help and dashboards list them. */
export const MEASURES: Measure[] = [
  sum('count', 'Requests', 'requests', 'req'),
  errors('4xx', '4XX errors', 'errors4xx'),
  rate('4xx-rate', '4XX rate', 'errors4xx', ['requests']),
  errors('5xx', '5XX errors', 'errors5xx'),
  rate('5xx-rate', '5XX rate', 'errors5xx', ['requests']),
  statistic('p50', 'Latency p50', 'latency', 'p50'),
  statistic('p90', 'Latency p90', 'latency', 'p90'),
  statistic('p99', 'Latency p99', 'latency', 'p99'),
  average('latency-avg', 'Latency (avg)', 'latency'),
  statistic('integration-p50', 'Integration latency p50', 'integrationLatency', 'p50'),
  statistic('integration-p90', 'Integration latency p90', 'integrationLatency', 'p90'),
  statistic('integration-p99', 'Integration latency p99', 'integrationLatency', 'p99'),
  average('integration-latency', 'Integration latency (avg)', 'integrationLatency'),
  sum('cache-hits', 'Cache hits', 'cacheHits', 'hits'),
  {...sum('cache-misses', 'Cache misses', 'cacheMisses', 'misses'), worse: 'higher'},
  rate('cache-hit-ratio', 'Cache hit ratio', 'cacheHits', ['cacheHits', 'cacheMisses'], 'lower'),
  sum('data-processed', 'Data processed', 'dataProcessed', '', 'bytes'),
  sum('connects', 'Connections', 'connects', 'conn'),
  sum('messages', 'Messages', 'messages', 'msg'),
  errors('client-errors', 'Client errors', 'clientErrors'),
  errors('integration-errors', 'Integration errors', 'integrationErrors'),
  errors('execution-errors', 'Execution errors', 'executionErrors'),
]

/** Other statistics by pattern: any percentile (p95, p99.9), or any CloudWatch statistic of a latency (latency:tm99). */
const PATTERNS: Array<[RegExp, (match: RegExpExecArray) => Measure]> = [
  [/^p(\d+(?:\.\d+)?)$/, (m) => statistic(m[0], `Latency ${m[0]}`, 'latency', m[0])],
  [/^integration-(p\d+(?:\.\d+)?)$/, (m) => statistic(m[0], `Integration latency ${m[1]}`, 'integrationLatency', m[1])],
  [/^latency:(\S+)$/, (m) => statistic(m[0], `Latency ${m[1]}`, 'latency', m[1])],
  [/^integration-latency:(\S+)$/, (m) => statistic(m[0], `Integration latency ${m[1]}`, 'integrationLatency', m[1])],
]

export function findMeasure(name: string): Measure | undefined {
  const named = MEASURES.find((measure) => measure.name === name)
  if (named) return named
  for (const [pattern, make] of PATTERNS) {
    const match = pattern.exec(name)
    if (match) return make(match)
  }
  return undefined
}

/** The formula in this kind's CloudWatch names, or undefined when the kind does not publish a metric it needs. */
export function formulaFor(measure: Measure, kind: ApiType): Formula | undefined {
  const name = (signal: Signal) => metricName(kind, signal)
  const {formula} = measure
  switch (formula.kind) {
    case 'sum':
    case 'average': {
      const metric = name(formula.signal)
      return metric === undefined ? undefined : {kind: formula.kind, metric}
    }
    case 'statistic': {
      const metric = name(formula.signal)
      return metric === undefined ? undefined : {kind: 'statistic', metric, stat: formula.stat}
    }
    case 'ratio': {
      const [part, ...whole] = [formula.part, ...formula.whole].map(name)
      return part === undefined || whole.some((metric) => metric === undefined) ? undefined : {kind: 'ratio', part, whole: whole as string[]}
    }
  }
}

/** The named figures an API kind has. */
export const measuresOf = (kind: ApiType) => MEASURES.filter((measure) => formulaFor(measure, kind) !== undefined)

/** A figure by name, for an API kind: an unknown name, or one the kind does not publish, is a usage error (exit 2). */
export function measureFor(name: string, kind: ApiType): {measure: Measure; formula: Formula} {
  const measure = findMeasure(name.trim())
  const names = measuresOf(kind).map((m) => m.name)
  if (!measure) {
    const close = closestMatches(name, MEASURES.map((m) => m.name))
    throw usageError(`Unknown metric "${name}"${close.length > 0 ? `; did you mean ${close.join(', ')}?` : '.'}`, [`Try: --metric ${close[0] ?? '5xx-rate'} (${API_TYPE_LABELS[kind]} APIs have: ${names.join(', ')}, p<N>, latency:<statistic>)`], 'UNKNOWN_METRIC')
  }
  const formula = formulaFor(measure, kind)
  if (!formula) {
    throw usageError(`${API_TYPE_LABELS[kind]} APIs do not publish ${measure.name} (${measure.title}): API Gateway sends CloudWatch no such metric for them.`, [`Try: one of ${names.join(', ')}`], 'METRIC_NOT_PUBLISHED')
  }
  return {measure, formula}
}
