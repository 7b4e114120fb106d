import type {SandboxContext} from '../context.js'
import {badRequest, conflict, empty, epochSeconds, json, jsonBody, type Router} from '../http.js'
import type {StageRecord, Tags} from '../model.js'
import {nonEmpty} from './apis-store.js'
import {cacheStatusAt, flushCache, requireCacheSize} from './cache.js'
import {canaryOf, canaryView, type CanaryInput} from './canary.js'
import {registerDeployments} from './deployments.js'
import {checkInput, requiredProblems} from './input-checks.js'
import {patchOperationsOf} from './patch.js'
import {applyStagePatch} from './stage-patch.js'
import {checkStageReferences, refuseWhileMapped} from './stage-references.js'
import {findStage, requireApi, requireStage, stagesOf} from './lookup.js'
import {createStage, deleteStage, deploymentExists, draftOf, requireStageName, saveStage, updateStage} from './stage-records.js'

interface CreateStageInput {
  stageName?: string
  deploymentId?: string
  description?: string
  cacheClusterEnabled?: boolean
  cacheClusterSize?: string
  variables?: Record<string, string>
  documentationVersion?: string
  canarySettings?: CanaryInput
  tracingEnabled?: boolean
  tags?: Tags
}

/** Deployments, stages (with their canary and method settings) and the stage cache of REST APIs. */
export function registerStages(router: Router, context: SandboxContext): void {
  registerDeployments(router, context)
  const stages = '/restapis/{restapi_id}/stages'
  const stage = `${stages}/{stage_name}`
  const now = () => context.clock.now()

  router.add('POST', stages, (request, {restapi_id}) => json(201, stageView(createStageFrom(context, restapi_id, jsonBody<CreateStageInput>(request)), now())))
  router.add('GET', stages, (request, {restapi_id}) => {
    requireApi(context, restapi_id)
    const deploymentId = request.query.get('deploymentId')
    const found = stagesOf(context, restapi_id).filter((stage) => !deploymentId || stage.deploymentId === deploymentId)
    return json(200, {item: found.map((stage) => stageView(stage, now()))})
  })
  router.add('GET', stage, (_request, {restapi_id, stage_name}) => json(200, stageView(requireStage(context, restapi_id, stage_name), now())))
  router.add('PATCH', stage, (request, {restapi_id, stage_name}) => {
    const operations = patchOperationsOf(request, 'updateStageInput')
    const before = requireStage(context, restapi_id, stage_name)
    const draft = draftOf(before)
    applyStagePatch(draft, operations, deploymentExists(context, restapi_id))
    checkStageReferences(context, before, draft)
    return json(200, stageView(updateStage(context, before, draft), now()))
  })
  router.add('DELETE', stage, (_request, {restapi_id, stage_name}) => {
    deleteStage(context, refuseWhileMapped(context, requireStage(context, restapi_id, stage_name)))
    return empty(202)
  })
  router.add('DELETE', `${stage}/cache/data`, (_request, {restapi_id, stage_name}) => {
    const found = requireStage(context, restapi_id, stage_name)
    flushCache(found, now(), context.transitionDelayMs)
    saveStage(context, found)
    return empty(202)
  })
  // The sandbox runs no authorizers, so there is nothing to flush beyond checking the stage exists.
  router.add('DELETE', `${stage}/cache/authorizers`, (_request, {restapi_id, stage_name}) => {
    requireStage(context, restapi_id, stage_name)
    return empty(202)
  })
}

function createStageFrom(context: SandboxContext, apiId: string, input: CreateStageInput): StageRecord {
  checkInput(requiredProblems('createStageInput', {stageName: input.stageName, deploymentId: input.deploymentId}))
  requireApi(context, apiId)
  const stageName = requireStageName(input.stageName)
  if (findStage(context, apiId, stageName)) throw conflict('Stage already exists')
  const exists = deploymentExists(context, apiId)
  if (!input.deploymentId || !exists(input.deploymentId)) throw badRequest('Deployment id does not exist')
  if (input.cacheClusterSize !== undefined) requireCacheSize(input.cacheClusterSize)
  const canarySettings = input.canarySettings && canaryOf(input.canarySettings, input.canarySettings.deploymentId ?? input.deploymentId, exists)
  return createStage(context, apiId, {
    stageName,
    deploymentId: input.deploymentId,
    description: input.description,
    variables: input.variables && {...input.variables},
    cacheClusterEnabled: input.cacheClusterEnabled,
    cacheClusterSize: input.cacheClusterSize,
    tracingEnabled: input.tracingEnabled,
    canarySettings,
    documentationVersion: input.documentationVersion,
    tags: input.tags && {...input.tags},
  })
}

/** The wire shape: as AWS shows a stage, with no `variables`, `description` and the like when they are empty. */
function stageView(stage: StageRecord, now: number) {
  return {
    deploymentId: stage.deploymentId,
    clientCertificateId: stage.clientCertificateId || undefined,
    stageName: stage.stageName,
    description: stage.description || undefined,
    cacheClusterEnabled: stage.cacheClusterEnabled,
    cacheClusterSize: stage.cacheClusterSize,
    cacheClusterStatus: cacheStatusAt(stage, now),
    methodSettings: stage.methodSettings,
    variables: nonEmpty(stage.variables),
    documentationVersion: stage.documentationVersion,
    webAclArn: stage.webAclArn,
    accessLogSettings: nonEmpty(stage.accessLogSettings),
    canarySettings: stage.canarySettings && canaryView(stage.canarySettings),
    tracingEnabled: stage.tracingEnabled,
    tags: nonEmpty(stage.tags),
    createdDate: epochSeconds(stage.createdDate),
    lastUpdatedDate: epochSeconds(stage.lastUpdatedDate),
  }
}
