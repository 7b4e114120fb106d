import {type FoundStage, isoDate, type StageSummary} from '../catalog/index.js'
import type {Stage, V2Stage} from '../aws/index.js'
import {settingsOf} from './adapters.js'
import type {AccessLog, LogLevel, RouteSettings, Throttle} from './settings.js'

/** The stable JSON shape of one stage in `stages list` and `stages show` (docs/json.md). */
export interface StageDetails {
  name: string
  description: string | null
  deploymentId: string | null
  invokeUrl: string
  createdDate: string | null
  lastUpdatedDate: string | null
  /** REST only, null otherwise. */
  canary: {deploymentId: string | null; percentTraffic: number; stageVariableOverrides: Record<string, string>; useStageCache: boolean} | null
  cache: StageSummary['cache']
  autoDeploy: boolean | null
  tracing: boolean | null
  /** Stage-wide: REST's `*\/*` method settings, HTTP/WebSocket default route settings. */
  throttle: Throttle | null
  logging: LogLevel | null
  dataTrace: boolean | null
  metrics: boolean | null
  accessLog: AccessLog | null
  variables: Record<string, string>
  /** REST: by AWS's key, `*\/*` and `pets/GET`. */
  methodSettings?: Record<string, RouteSettings>
  /** HTTP and WebSocket: by route key, `GET /pets`. */
  routeSettings?: Record<string, RouteSettings>
}

export function stageDetails(found: FoundStage): StageDetails {
  const {summary} = found
  const settings = settingsOf(found).current
  const own = found.kind === 'rest' ? restFacts(found.raw, summary) : v2Facts(found.raw)
  return {
    name: summary.name,
    description: own.description,
    deploymentId: summary.deploymentId,
    invokeUrl: summary.invokeUrl,
    createdDate: own.createdDate,
    lastUpdatedDate: summary.lastUpdatedDate,
    canary: own.canary,
    cache: summary.cache,
    autoDeploy: summary.autoDeploy,
    tracing: settings.tracing,
    throttle: settings.defaults.throttle,
    logging: settings.defaults.logging,
    dataTrace: settings.defaults.dataTrace,
    metrics: settings.defaults.metrics,
    accessLog: settings.accessLog,
    variables: settings.variables,
    ...(found.kind === 'rest' ? {methodSettings: settings.routes} : {routeSettings: settings.routes}),
  }
}

function restFacts(stage: Stage, summary: StageSummary): Pick<StageDetails, 'description' | 'createdDate' | 'canary'> {
  const canary = stage.canarySettings
  return {
    description: stage.description ?? null,
    createdDate: isoDate(stage.createdDate),
    canary: canary && summary.canary ? {...summary.canary, stageVariableOverrides: canary.stageVariableOverrides ?? {}, useStageCache: canary.useStageCache ?? false} : null,
  }
}

function v2Facts(stage: V2Stage): Pick<StageDetails, 'description' | 'createdDate' | 'canary'> {
  return {description: stage.Description ?? null, createdDate: isoDate(stage.CreatedDate), canary: null}
}
