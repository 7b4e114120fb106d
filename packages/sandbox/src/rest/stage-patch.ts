import {badRequest} from '../http.js'
import type {StageRecord} from '../model.js'
import {requireCacheSize} from './cache.js'
import {applyAccessLogOperation, isAccessLogPath} from './stage-access-log.js'
import {applyCanaryOperation, applyPromotionCopy, type DeploymentExists} from './canary.js'
import {invalidPath, parseSettingPath, removeMethodSettings, resetMethodSetting, setMethodSetting} from './stage-method-settings.js'
import {parseBoolean} from './stage-values.js'
import {unescapePointer, type PatchOperation} from './patch.js'

type StageOp = 'add' | 'replace' | 'remove'
type FieldHandler = (stage: StageRecord, op: StageOp, value: string | undefined, path: string, deploymentExists: DeploymentExists) => void

const invalidOperation = (op: string, path: string) => badRequest(`Invalid ${op} operation with path: ${path}`)

/** A field that can be set but not removed. */
const settable =
  (set: (stage: StageRecord, value: string | undefined, path: string, deploymentExists: DeploymentExists) => void): FieldHandler =>
  (stage, op, value, path, deploymentExists) => {
    if (op === 'remove') throw invalidOperation(op, path)
    set(stage, value, path, deploymentExists)
  }

/** The stage's own fields, by path. */
const FIELDS: Record<string, FieldHandler> = {
  '/deploymentId': settable((stage, value, _path, deploymentExists) => {
    if (value === undefined || !deploymentExists(value)) throw badRequest('Deployment id does not exist')
    stage.deploymentId = value
  }),
  '/description': (stage, op, value) => {
    if (op === 'remove') delete stage.description
    else stage.description = value ?? ''
  },
  '/cacheClusterEnabled': settable((stage, value, path) => (stage.cacheClusterEnabled = parseBoolean(value, path))),
  '/cacheClusterSize': settable((stage, value) => (stage.cacheClusterSize = requireCacheSize(value ?? 'null'))),
  '/clientCertificateId': (stage, op, value) => {
    if (op === 'remove') delete stage.clientCertificateId
    else stage.clientCertificateId = value ?? ''
  },
  '/documentationVersion': (stage, op, value) => {
    if (op === 'remove') delete stage.documentationVersion
    else stage.documentationVersion = value || undefined
  },
  '/tracingEnabled': settable((stage, value, path) => (stage.tracingEnabled = parseBoolean(value, path))),
}

const VARIABLES_PREFIX = '/variables/'

/**
 * Applies UpdateStage patch operations in order to `stage` (a working copy: on error the caller
 * drops it). Each operation sees what the earlier ones did, so a batch can create a canary and
 * then promote it.
 */
export function applyStagePatch(stage: StageRecord, operations: PatchOperation[], deploymentExists: DeploymentExists): void {
  for (const {op = '', path = '', value, from} of operations) {
    if (op === 'copy') applyPromotionCopy(stage, path, from)
    else if (op !== 'add' && op !== 'replace' && op !== 'remove') throw invalidOperation(op, path)
    else if (!(path.startsWith('/canarySettings') && applyCanaryOperation(stage, op, path, value, deploymentExists)))
      applyStageOperation(stage, op, path, value, deploymentExists)
  }
}

function applyStageOperation(stage: StageRecord, op: StageOp, path: string, value: string | undefined, deploymentExists: DeploymentExists): void {
  const field = Object.hasOwn(FIELDS, path) ? FIELDS[path] : undefined
  if (field) return field(stage, op, value, path, deploymentExists)
  if (isAccessLogPath(path)) return applyAccessLogOperation(stage, op, path, value)
  const variable = path.startsWith(VARIABLES_PREFIX) ? unescapePointer(path.slice(VARIABLES_PREFIX.length)) : ''
  if (variable) {
    const variables = {...stage.variables}
    if (op === 'remove') delete variables[variable]
    else variables[variable] = value ?? ''
    stage.variables = variables
    return
  }
  const setting = parseSettingPath(path)
  if (setting && op === 'remove') resetMethodSetting(stage, setting.key, setting.spec)
  else if (setting) setMethodSetting(stage, setting.key, setting.spec, value, path)
  // Removing anything else names a whole method setting entry: `/*/*`, `/~1pets/GET`.
  else if (op === 'remove' && path.indexOf('/', 1) > 0) removeMethodSettings(stage, path)
  else throw invalidPath(path)
}
