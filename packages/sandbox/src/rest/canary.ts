import {CANARY_PERCENT_TRAFFIC} from '../facts.js'
import {badRequest} from '../http.js'
import type {CanarySettings, StageRecord} from '../model.js'
import {unescapePointer} from './patch.js'
import {parseBoolean, parseNumber} from './stage-values.js'

/** Canary settings as CreateDeployment and CreateStage take them. */
export interface CanaryInput {
  deploymentId?: string
  percentTraffic?: number
  stageVariableOverrides?: Record<string, string>
  useStageCache?: boolean
}

export type DeploymentExists = (deploymentId: string) => boolean

const PERCENT_PATH = '/canarySettings/percentTraffic'
const DEPLOYMENT_PATH = '/canarySettings/deploymentId'
const USE_STAGE_CACHE_PATH = '/canarySettings/useStageCache'
const OVERRIDES_PATH = '/canarySettings/stageVariableOverrides'

const deploymentMissing = () => badRequest('Deployment id does not exist')
const parsePercent = (value: string | undefined) => parseNumber(value, PERCENT_PATH, CANARY_PERCENT_TRAFFIC.min, CANARY_PERCENT_TRAFFIC.max)

/** A canary built from request input; it runs `deploymentId` (CreateStage may leave that to the base). */
export function canaryOf(input: CanaryInput, deploymentId: string, deploymentExists: DeploymentExists): CanarySettings {
  if (!deploymentExists(deploymentId)) throw deploymentMissing()
  const overrides = input.stageVariableOverrides ?? {}
  return {
    deploymentId,
    percentTraffic: input.percentTraffic === undefined ? 0 : parsePercent(String(input.percentTraffic)),
    ...(Object.keys(overrides).length > 0 && {stageVariableOverrides: {...overrides}}),
    useStageCache: input.useStageCache ?? false,
  }
}

/** The wire shape: `stageVariableOverrides` only when there are some. */
export function canaryView(canary: CanarySettings) {
  const overrides = canary.stageVariableOverrides ?? {}
  return {
    deploymentId: canary.deploymentId,
    percentTraffic: canary.percentTraffic,
    ...(Object.keys(overrides).length > 0 && {stageVariableOverrides: overrides}),
    useStageCache: canary.useStageCache,
  }
}

/**
 * Applies add/replace/remove on a `/canarySettings` path; false when the path names no canary
 * setting (the caller then answers as for any other path). Replacing a setting of a stage without
 * a canary creates one, on the stage's own deployment at 0%.
 */
export function applyCanaryOperation(stage: StageRecord, op: string, path: string, value: string | undefined, deploymentExists: DeploymentExists): boolean {
  if (path === '/canarySettings') {
    if (op !== 'remove') return false
    delete stage.canarySettings
    return true
  }
  const override = path.startsWith(`${OVERRIDES_PATH}/`) ? unescapePointer(path.slice(OVERRIDES_PATH.length + 1)) : undefined
  if (!override && ![PERCENT_PATH, DEPLOYMENT_PATH, USE_STAGE_CACHE_PATH].includes(path)) return false
  if (override && op === 'remove') {
    removeOverride(stage.canarySettings, override)
    return true
  }
  if (op !== 'replace') throw badRequest(`Invalid ${op} operation with path: ${path}`)
  const canary = stage.canarySettings ?? {deploymentId: stage.deploymentId, percentTraffic: 0, useStageCache: false}
  if (override) canary.stageVariableOverrides = {...canary.stageVariableOverrides, [override]: value ?? ''}
  else if (path === PERCENT_PATH) canary.percentTraffic = parsePercent(value)
  else if (path === USE_STAGE_CACHE_PATH) canary.useStageCache = parseBoolean(value, path)
  else if (value !== undefined && deploymentExists(value)) canary.deploymentId = value
  else throw deploymentMissing()
  stage.canarySettings = canary
  return true
}

function removeOverride(canary: CanarySettings | undefined, name: string): void {
  if (!canary?.stageVariableOverrides) return
  delete canary.stageVariableOverrides[name]
  if (Object.keys(canary.stageVariableOverrides).length === 0) delete canary.stageVariableOverrides
}

/** Where a promotion may copy from, by where it copies to. */
const PROMOTION_COPIES = new Map([
  ['/deploymentId', DEPLOYMENT_PATH],
  ['/variables', OVERRIDES_PATH],
])

/**
 * A promotion step: the canary's deployment becomes the stage's, or its overrides are merged into
 * the stage's variables (overrides win). The canary itself stays, for a later `remove /canarySettings`.
 */
export function applyPromotionCopy(stage: StageRecord, path: string, from: string | undefined): void {
  if (PROMOTION_COPIES.get(path) !== from)
    throw badRequest(
      `Invalid copy operation with path: ${path} and from ${from}. Valid copy:path are [${[...PROMOTION_COPIES.keys()].join(', ')}] and valid copy:from are [${[...PROMOTION_COPIES.values()].join(', ')}]`,
    )
  const canary = stage.canarySettings
  if (!canary) throw badRequest('Promotion not available. Canary does not exist.')
  if (path === '/deploymentId') stage.deploymentId = canary.deploymentId
  else stage.variables = {...stage.variables, ...canary.stageVariableOverrides}
}
