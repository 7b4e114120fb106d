import type {ApiType} from '../catalog/index.js'

/**
 * What API Gateway publishes to CloudWatch, by API kind (docs/aws-behaviour.md#metric-names-and-dimensions): the one place that knows
 * REST says "5XXError" where HTTP says "5xx", and that REST series are keyed by API name while
 * HTTP and WebSocket series are keyed by API id.
 */

export const NAMESPACE = 'AWS/ApiGateway'

/** The things apigw reads, by what they mean rather than by their CloudWatch names. */
export type Signal =
  | 'requests'
  | 'errors4xx'
  | 'errors5xx'
  | 'latency'
  | 'integrationLatency'
  | 'cacheHits'
  | 'cacheMisses'
  | 'dataProcessed'
  | 'connects'
  | 'messages'
  | 'clientErrors'
  | 'integrationErrors'
  | 'executionErrors'

/** CloudWatch's metric name for each signal an API kind publishes; a signal it lacks is absent. */
const METRIC_NAMES: Record<ApiType, Partial<Record<Signal, string>>> = {
  rest: {
    requests: 'Count',
    errors4xx: '4XXError',
    errors5xx: '5XXError',
    latency: 'Latency',
    integrationLatency: 'IntegrationLatency',
    cacheHits: 'CacheHitCount',
    cacheMisses: 'CacheMissCount',
  },
  http: {requests: 'Count', errors4xx: '4xx', errors5xx: '5xx', latency: 'Latency', integrationLatency: 'IntegrationLatency', dataProcessed: 'DataProcessed'},
  websocket: {
    connects: 'ConnectCount',
    messages: 'MessageCount',
    clientErrors: 'ClientError',
    integrationErrors: 'IntegrationError',
    executionErrors: 'ExecutionError',
    integrationLatency: 'IntegrationLatency',
  },
}

export function metricName(kind: ApiType, signal: Signal): string | undefined {
  return METRIC_NAMES[kind][signal]
}

/**
 * The signals behind a traffic summary (requests, client and server errors, latency), per kind.
 * A WebSocket API counts messages, answers client errors before its integration and integration
 * errors after, and publishes no Latency: its integration's latency stands in.
 */
export const TRAFFIC_SIGNALS: Record<ApiType, Record<'requests' | 'errors4xx' | 'errors5xx' | 'latency', Signal>> = {
  rest: {requests: 'requests', errors4xx: 'errors4xx', errors5xx: 'errors5xx', latency: 'latency'},
  http: {requests: 'requests', errors4xx: 'errors4xx', errors5xx: 'errors5xx', latency: 'latency'},
  websocket: {requests: 'messages', errors4xx: 'clientErrors', errors5xx: 'integrationErrors', latency: 'integrationLatency'},
}

/** The metric that counts every request (message, for WebSocket): ListMetrics looks for series through it. */
export const requestMetric = (kind: ApiType) => metricName(kind, TRAFFIC_SIGNALS[kind].requests)!

export interface Dimension {
  Name: string
  Value: string
}

/** Which API a series belongs to. */
export interface ApiRef {
  kind: ApiType
  id: string
  name: string
}

/** REST series are keyed by API name (same-named REST APIs share them); HTTP and WebSocket by id. */
export function apiDimension(api: ApiRef): Dimension {
  return api.kind === 'rest' ? {Name: 'ApiName', Value: api.name} : {Name: 'ApiId', Value: api.id}
}
