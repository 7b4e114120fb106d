import {API_TYPE_LABELS, apiLabel, type ApiSummary, findStage, resolveApi, summarize} from '../catalog/index.js'
import type {AwsSession} from '../aws/index.js'
import {usageError} from '../errors.js'
import {settingsOf} from '../stages/index.js'
import {apiDimension, NAMESPACE, type Dimension} from './names.js'
import {stageDimensions, type SeriesDimensions, type Traffic} from './read.js'
import {listStageSeries, type StageSeries} from './series.js'

/** A stage as the metrics commands need it: what it is, and what CloudWatch should hold for it. */
export interface MetricsStage {
  api: Pick<ApiSummary, 'id' | 'name' | 'type'>
  /** The stage's own spelling of its name. */
  stage: string
  /** REST only: null when the stage has no canary. */
  canary: {deploymentId: string | null; percentTraffic: number} | null
  /** A REST stage cache is on: cache hits and misses are published. */
  cacheEnabled: boolean
  /** Detailed metrics for every method or route, or some: per-route series are published. */
  detailedMetrics: boolean
  /** The dimension that names the API in its series. */
  dimension: Dimension
}

/** Finds the API and stage (exit 4 naming what exists when either is missing); for REST, warns of same-named APIs. */
export async function openMetricsStage(session: AwsSession, options: {api: string; stage: string}): Promise<{stage: MetricsStage; notices: string[]}> {
  const entry = await resolveApi(session, options.api)
  const found = await findStage(session, entry, options.stage)
  const api = summarize(entry)
  const settings = settingsOf(found).current
  const stage: MetricsStage = {
    api: {id: api.id, name: api.name, type: api.type},
    stage: found.summary.name,
    canary: found.summary.canary,
    cacheEnabled: found.summary.cache?.enabled ?? false,
    detailedMetrics: settings.defaults.metrics === true || Object.values(settings.routes).some((route) => route.metrics === true),
    dimension: apiDimension({kind: api.type, id: api.id, name: api.name}),
  }
  return {stage, notices: api.type === 'rest' ? await sharedNameWarnings(session, api) : []}
}

/** REST metrics are keyed by API name (docs/aws-behaviour.md#rest-metrics-are-keyed-by-api-name): another REST API of the same name mixes its requests in. */
export async function sharedNameWarnings(session: AwsSession, api: {id: string; name: string}): Promise<string[]> {
  const others = (await (await session.rest()).listRestApis()).filter((other) => other.name === api.name && other.id !== api.id)
  if (others.length === 0) return []
  return [
    `${others.length === 1 ? 'Another REST API is' : `${others.length} other REST APIs are`} named "${api.name}" (${others.map((other) => other.id).join(', ')}): CloudWatch keys REST metrics by API name, so their requests are counted with this one's. Rename one to tell them apart.`,
  ]
}

/** The stage's series in CloudWatch, and what to say about the ones that are missing. */
export interface FoundSeries {
  dimensions: SeriesDimensions
  routes: StageSeries['routes']
  /** Why the stage's or the canary's figures will be missing, when CloudWatch has no such series. */
  notes: {stage: string | null; canary: string | null}
}

const NOT_YET = 'no requests yet, or not published yet (they appear a minute or two after the first requests)'

/**
 * Looks the stage's series up with ListMetrics, again on later calls only while a canary the stage
 * has shows no series yet. Without any series the stage's name is queried anyway: no data, said so.
 */
export function seriesFinder(session: AwsSession, stage: MetricsStage): () => Promise<FoundSeries> {
  let found: StageSeries | undefined
  return async () => {
    if (!found || (stage.canary && !found.canary)) found = await listStageSeries(await session.cloudwatch(), stage.api.type, stage.dimension, stage.stage)
    const where = `${apiLabel(stage.api)} stage "${stage.stage}"`
    const notes = {
      stage: found.stage ? null : `CloudWatch has no metrics for ${where} in ${NAMESPACE}: ${NOT_YET}.`,
      canary: found.canary ? null : `CloudWatch has no canary series for ${where} (Stage "${stage.stage}/Canary"): ${stage.canary ? NOT_YET : 'the stage has no canary'}.`,
    }
    return {
      dimensions: {stage: stageDimensions(stage.dimension, found.stage ?? stage.stage), canary: found.canary ? stageDimensions(stage.dimension, found.canary) : undefined},
      routes: found.routes,
      notes,
    }
  }
}

/** What to say about missing series for the traffic shown: the canary's matter only where the canary is shown. */
export function trafficNotes(found: FoundSeries, traffic: readonly Traffic[]): string[] {
  const canary = traffic.includes('canary') ? found.notes.canary : null
  return [found.notes.stage, canary].filter((note): note is string => note !== null)
}

/** Base and canary traffic exist for REST stages alone: HTTP and WebSocket APIs have no canaries (docs/aws-behaviour.md#http-and-websocket-apis-have-no-canary). */
export function requireCanaryKind(stage: MetricsStage, traffic: Traffic): void {
  if (traffic === 'all' || stage.api.type === 'rest') return
  throw usageError(`${API_TYPE_LABELS[stage.api.type]} APIs have no canaries, so no ${traffic} traffic apart from the stage's.`, ['Try: --traffic all'], 'UNSUPPORTED_API_TYPE')
}
