import type {CloudWatchGateway, Metric} from '../aws/index.js'
import {byCodePoint} from '../util/text.js'
import type {ApiType} from '../catalog/index.js'
import {NAMESPACE, requestMetric, type Dimension} from './names.js'

/** A per-method (REST) or per-route (HTTP, WebSocket) series: there only with detailed metrics. */
export interface RouteSeries {
  /** "GET /pets" */
  route: string
  dimensions: Dimension[]
}

/** The series CloudWatch holds for one stage. */
export interface StageSeries {
  /** The Stage dimension values of the stage's and its canary's series; undefined where there is none. */
  stage?: string
  canary?: string
  routes: RouteSeries[]
}

/**
 * The stage's series among an API's metrics (ListMetrics). The canary's is found, not assumed
 * (docs/aws-behaviour.md#canary-metrics-have-an-undocumented-dimension): "<stage>/Canary" in any case, else another "<stage>/…canary…" value. Stage
 * names match case-insensitively, as REST stage names do; the exact spelling wins.
 */
export function findStageSeries(metrics: Metric[], api: Dimension, stage: string): StageSeries {
  const ofApi = metrics.filter((metric) => metric.Dimensions?.some((d) => d.Name === api.Name && d.Value === api.Value))
  const stageOf = (metric: Metric) => metric.Dimensions!.find((d) => d.Name === 'Stage')?.Value
  const stages = ofApi
    .filter((metric) => metric.Dimensions!.length === 2)
    .map(stageOf)
    .filter((value): value is string => value !== undefined)
  const lower = stage.toLowerCase()
  const found = stages.find((value) => value === stage) ?? stages.find((value) => value.toLowerCase() === lower)
  const canary =
    stages.find((value) => value.toLowerCase() === `${lower}/canary`) ??
    stages.find((value) => value.toLowerCase().startsWith(`${lower}/`) && value.toLowerCase().includes('canary'))
  const stageValue = found ?? stage
  const routes = ofApi
    .filter((metric) => metric.Dimensions!.length > 2 && stageOf(metric) === stageValue)
    .map((metric) => ({route: routeLabel(metric.Dimensions as Dimension[]), dimensions: metric.Dimensions as Dimension[]}))
    .sort((a, b) => byCodePoint(a.route, b.route))
  return {stage: found, canary, routes}
}

/** "GET /pets" from REST's Method and Resource, or v2's Route. */
function routeLabel(dimensions: Dimension[]): string {
  const value = (name: string) => dimensions.find((d) => d.Name === name)?.Value
  return value('Route') ?? `${value('Method') ?? '*'} ${value('Resource') ?? '*'}`
}

/** One ListMetrics of the API's metric that counts every request: the stage's, the canary's and per-route series. */
export async function listStageSeries(cloudwatch: CloudWatchGateway, kind: ApiType, api: Dimension, stage: string): Promise<StageSeries> {
  const metrics = await cloudwatch.listMetrics({Namespace: NAMESPACE, MetricName: requestMetric(kind), Dimensions: [api]})
  return findStageSeries(metrics, api, stage)
}
