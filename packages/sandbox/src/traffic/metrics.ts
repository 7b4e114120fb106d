import {minuteOf, recordMetric, type Dimension} from '../cloudwatch/record.js'
import type {Store} from '../store.js'
import type {Cohort} from './cohort.js'
import type {Histogram} from './latency.js'
import type {ApiKind, DetailedRoute, Target} from './target.js'

const NAMESPACE = 'AWS/ApiGateway'
/** HTTP APIs' DataProcessed: each request and its response count this many bytes. */
const BYTES_PER_REQUEST = 1024

interface MetricDefinition {
  name: string
  unit: string
  values(cohort: Cohort): Histogram | undefined
}

/** One value per event: Sum and SampleCount count the events. */
const events = (count: number): Histogram => new Map([[1, count]])
/** One value per request, 1 when it is one of `count` and 0 otherwise: Sum is the count, Average the rate. */
const share = (count: number, of: number): Histogram => new Map([[0, of - count], [1, count]])
const cacheMetric = (name: string, hits: boolean): MetricDefinition => ({
  name,
  unit: 'Count',
  values: (c) => (c.cacheHits === undefined ? undefined : share(hits ? c.cacheHits : c.requests - c.cacheHits, c.requests)),
})
const latency = (name: string, pick: (c: Cohort) => Histogram): MetricDefinition => ({name, unit: 'Milliseconds', values: pick})

/** What REST and HTTP APIs both publish; they name their error metrics differently. */
const requestMetrics = (clientErrors: string, serverErrors: string): MetricDefinition[] => [
  {name: 'Count', unit: 'Count', values: (c) => events(c.requests)},
  {name: clientErrors, unit: 'Count', values: (c) => share(c.errors4xx, c.requests)},
  {name: serverErrors, unit: 'Count', values: (c) => share(c.errors5xx, c.requests)},
  latency('Latency', (c) => c.latency),
  latency('IntegrationLatency', (c) => c.integrationLatency),
]

const METRICS: Record<ApiKind, MetricDefinition[]> = {
  rest: [...requestMetrics('4XXError', '5XXError'), cacheMetric('CacheHitCount', true), cacheMetric('CacheMissCount', false)],
  http: [...requestMetrics('4xx', '5xx'), {name: 'DataProcessed', unit: 'Bytes', values: (c) => new Map([[BYTES_PER_REQUEST, c.requests]])}],
  websocket: [
    {name: 'ConnectCount', unit: 'Count', values: (c) => events(c.connections)},
    {name: 'MessageCount', unit: 'Count', values: (c) => events(c.requests)},
    {name: 'ClientError', unit: 'Count', values: (c) => share(c.errors4xx, c.requests)},
    {name: 'IntegrationError', unit: 'Count', values: (c) => share(c.errors5xx, c.requests)},
    {name: 'ExecutionError', unit: 'Count', values: (c) => share(0, c.requests)},
    latency('IntegrationLatency', (c) => c.integrationLatency),
  ],
}

interface SeriesTotals {
  dimensions: Dimension[]
  metrics: Map<string, {unit: string; values: Histogram}>
}

/**
 * Adds up one minute of cohorts per series, then records each metric's minute once
 * (as a list of distinct values and their counts) when time moves to the next minute.
 */
export class MinuteMetrics {
  private minute: number | undefined
  private readonly series = new Map<string, SeriesTotals>()

  constructor(
    private readonly store: Store,
    private readonly kind: ApiKind,
  ) {}

  add(time: number, dimensions: Dimension[], cohort: Cohort): void {
    const minute = minuteOf(time)
    if (minute !== this.minute) this.flush()
    this.minute = minute
    if (cohort.requests === 0) return
    const key = JSON.stringify(dimensions)
    let totals = this.series.get(key)
    if (!totals) this.series.set(key, (totals = {dimensions, metrics: new Map()}))
    for (const metric of METRICS[this.kind]) {
      const values = metric.values(cohort)
      if (!values) continue
      let entry = totals.metrics.get(metric.name)
      if (!entry) totals.metrics.set(metric.name, (entry = {unit: metric.unit, values: new Map()}))
      for (const [value, count] of values) if (count > 0) entry.values.set(value, (entry.values.get(value) ?? 0) + count)
    }
  }

  /** Records the minute in progress. */
  flush(): void {
    for (const {dimensions, metrics} of this.series.values()) {
      for (const [metricName, {unit, values}] of metrics) {
        if (values.size === 0) continue
        recordMetric(this.store, {namespace: NAMESPACE, metricName, dimensions, unit, timestamp: this.minute!, values: [...values.keys()], counts: [...values.values()]})
      }
    }
    this.series.clear()
  }
}

/** The dimensions of a stage's series: REST APIs are keyed by name, HTTP and WebSocket APIs by id. */
export function stageDimensions(target: Target, stage: string): Dimension[] {
  const api = target.kind === 'rest' ? {Name: 'ApiName', Value: target.apiName} : {Name: 'ApiId', Value: target.apiId}
  return [api, {Name: 'Stage', Value: stage}]
}

/** The dimensions of a method's (REST) or route's (v2) series: published only with detailed metrics. */
export function routeDimensions(target: Target, stage: string, route: DetailedRoute): Dimension[] {
  const [api, stageDimension] = stageDimensions(target, stage)
  if ('routeKey' in route) return [api, {Name: 'Route', Value: route.routeKey}, stageDimension]
  return [api, {Name: 'Method', Value: route.method}, {Name: 'Resource', Value: route.resource}, stageDimension]
}
