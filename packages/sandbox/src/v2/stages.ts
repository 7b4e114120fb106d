import type {SandboxContext} from '../context.js'
import {badRequest, conflict, empty, json, jsonBody, type Router} from '../http.js'
import {TABLES} from '../model.js'
import {refuseV2StageWhileMapped} from '../rest/stage-references.js'
import {checkedTags} from '../rest/tag-limits.js'
import {autoDeployStage} from './deployments.js'
import {childKey, requireApi, requireDeployment, requireStage, stagesOf, stageWire} from './lookup.js'
import type {V2StageRecord} from './records.js'
import {listPage, requireText, sentFields} from './wire.js'

export const DEFAULT_STAGE = '$default'
const STAGE_NAME = /^[A-Za-z0-9_-]+$/
const STAGES_PER_API = 10

/** Fields UpdateStage replaces wholesale when sent (it takes plain fields, not JSON Patch). */
const UPDATABLE = ['accessLogSettings', 'autoDeploy', 'clientCertificateId', 'defaultRouteSettings', 'deploymentId', 'description', 'routeSettings', 'stageVariables'] as const

type StageFields = Partial<Pick<V2StageRecord, (typeof UPDATABLE)[number] | 'tags'>>

/** Creates a stage after AWS's checks; one with AutoDeploy on is deployed at once. */
export function createStage(context: SandboxContext, apiId: string, stageName: string, fields: StageFields & {apiGatewayManaged?: boolean}): V2StageRecord {
  if (stageName !== DEFAULT_STAGE && !STAGE_NAME.test(stageName)) {
    throw badRequest(`Invalid stage name specified: ${stageName}. Stage names may contain only a-z, A-Z, 0-9, - and _, or be $default`)
  }
  const stages = stagesOf(context, apiId)
  if (stages.some((stage) => stage.stageName === stageName)) throw conflict('Stage already exists')
  if (stages.length >= STAGES_PER_API) throw badRequest(`Stage limit exceeded: an API can have at most ${STAGES_PER_API} stages`)
  checkDeploymentChoice(context, apiId, stageName, fields.autoDeploy ?? false, fields.deploymentId)
  const now = context.clock.now()
  const stage: V2StageRecord = {
    ...fields,
    apiId,
    stageName,
    autoDeploy: fields.autoDeploy ?? false,
    stageVariables: fields.stageVariables ?? {},
    defaultRouteSettings: {detailedMetricsEnabled: false, ...fields.defaultRouteSettings},
    routeSettings: fields.routeSettings ?? {},
    tags: fields.tags ?? {},
    createdDate: now,
    lastUpdatedDate: now,
  }
  context.store.put(TABLES.v2Stages, childKey(apiId, stageName), stage)
  if (stage.autoDeploy) autoDeployStage(context, stage)
  return stage
}

/** AutoDeploy picks the stage's deployment itself, so naming one alongside it is refused. */
function checkDeploymentChoice(context: SandboxContext, apiId: string, stageName: string, autoDeploy: boolean, deploymentId: string | undefined): void {
  if (deploymentId === undefined) return
  if (autoDeploy) {
    throw badRequest(`DeploymentId cannot be set on stage ${stageName} while AutoDeploy is enabled. Set AutoDeploy to false (in the same request or before) to choose a deployment`)
  }
  requireDeployment(context, apiId, deploymentId)
}

export function registerStages(router: Router, context: SandboxContext): void {
  router.add('POST', '/v2/apis/{apiId}/stages', (request, {apiId}) => {
    requireApi(context, apiId)
    const body = jsonBody(request)
    const stageName = requireText(body, 'stageName')
    const fields = sentFields(body, [...UPDATABLE, 'tags']) as StageFields
    if (fields.tags) checkedTags(fields.tags)
    return json(201, stageWire(createStage(context, apiId, stageName, fields)))
  })

  router.add('GET', '/v2/apis/{apiId}/stages', (request, {apiId}) => {
    requireApi(context, apiId)
    return json(200, listPage(stagesOf(context, apiId), (stage) => stage.stageName, stageWire, request))
  })

  router.add('GET', '/v2/apis/{apiId}/stages/{stageName}', (_request, {apiId, stageName}) =>
    json(200, stageWire(requireStage(context, apiId, stageName))),
  )

  router.add('PATCH', '/v2/apis/{apiId}/stages/{stageName}', (request, {apiId, stageName}) => {
    const stage = requireStage(context, apiId, stageName)
    const fields = sentFields(jsonBody(request), UPDATABLE) as StageFields
    const autoDeployWasOn = stage.autoDeploy
    checkDeploymentChoice(context, apiId, stageName, fields.autoDeploy ?? stage.autoDeploy, fields.deploymentId)
    Object.assign(stage, fields, {lastUpdatedDate: context.clock.now()})
    context.store.put(TABLES.v2Stages, childKey(apiId, stageName), stage)
    // Turning AutoDeploy on deploys the API as it is now.
    if (stage.autoDeploy && !autoDeployWasOn) autoDeployStage(context, stage)
    return json(200, stageWire(stage))
  })

  router.add('DELETE', '/v2/apis/{apiId}/stages/{stageName}', (_request, {apiId, stageName}) => {
    requireStage(context, apiId, stageName)
    refuseV2StageWhileMapped(context, apiId, stageName)
    context.store.delete(TABLES.v2Stages, childKey(apiId, stageName))
    return empty(204)
  })

  router.add('DELETE', '/v2/apis/{apiId}/stages/{stageName}/cache/authorizers', (_request, {apiId, stageName}) => {
    const api = requireApi(context, apiId)
    if (api.protocolType !== 'HTTP') throw badRequest('ResetAuthorizersCache is supported only for HTTP APIs')
    requireStage(context, apiId, stageName)
    // HTTP APIs have no stage cache; the authorizer cache holds nothing the sandbox must forget.
    return empty(204)
  })
}
