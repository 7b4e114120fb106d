import type {SandboxContext} from '../context.js'
import {badRequest, empty, json, jsonBody, type Router} from '../http.js'
import {TABLES} from '../model.js'
import {authorizersOf, childKey, deploymentsOf, deploymentWire, integrationsOf, requireApi, requireDeployment, requireStage, routesOf, stagesOf} from './lookup.js'
import type {V2DeploymentRecord, V2StageRecord} from './records.js'
import {listPage} from './wire.js'

/** A new deployment holding a copy of the API's routes and integrations as they are now. */
function deploy(context: SandboxContext, apiId: string, options: {description?: string; autoDeployed: boolean}): V2DeploymentRecord {
  const deployment: V2DeploymentRecord = {
    apiId,
    deploymentId: context.newId(6),
    description: options.description,
    autoDeployed: options.autoDeployed,
    deploymentStatus: 'DEPLOYED',
    createdDate: context.clock.now(),
    // Copies: the live records are mutated in place when they change.
    routes: structuredClone(routesOf(context, apiId)),
    integrations: structuredClone(integrationsOf(context, apiId)),
    authorizers: structuredClone(authorizersOf(context, apiId)),
  }
  return context.store.put(TABLES.v2Deployments, childKey(apiId, deployment.deploymentId), deployment)
}

function pointStage(context: SandboxContext, stage: V2StageRecord, deployment: V2DeploymentRecord): void {
  stage.deploymentId = deployment.deploymentId
  stage.lastUpdatedDate = context.clock.now()
  if (deployment.autoDeployed) stage.lastDeploymentStatusMessage = `Successfully deployed stage with deployment ID '${deployment.deploymentId}'`
  context.store.put(TABLES.v2Stages, childKey(stage.apiId, stage.stageName), stage)
}

/** Deploys to one stage with AutoDeploy on. */
export function autoDeployStage(context: SandboxContext, stage: V2StageRecord): void {
  pointStage(context, stage, deploy(context, stage.apiId, {autoDeployed: true}))
}

/**
 * The auto-deploy rule: each request that changes an API's routes, integrations or authorizers makes one new
 * deployment (AutoDeployed true) for every stage with AutoDeploy on, and points that stage at it.
 */
export function autoDeploy(context: SandboxContext, apiId: string): void {
  for (const stage of stagesOf(context, apiId)) if (stage.autoDeploy) autoDeployStage(context, stage)
}

export function registerDeployments(router: Router, context: SandboxContext): void {
  router.add('POST', '/v2/apis/{apiId}/deployments', (request, {apiId}) => {
    requireApi(context, apiId)
    const body = jsonBody(request)
    const stageName = typeof body.stageName === 'string' ? body.stageName : undefined
    const stage = stageName === undefined ? undefined : requireStage(context, apiId, stageName)
    if (stage?.autoDeploy) throw badRequest(`Deployments cannot be created for stage ${stage.stageName} because AutoDeploy is enabled on it`)
    const deployment = deploy(context, apiId, {description: body.description as string | undefined, autoDeployed: false})
    if (stage) pointStage(context, stage, deployment)
    return json(201, deploymentWire(deployment))
  })

  router.add('GET', '/v2/apis/{apiId}/deployments', (request, {apiId}) => {
    requireApi(context, apiId)
    return json(200, listPage(deploymentsOf(context, apiId), (deployment) => deployment.deploymentId, deploymentWire, request))
  })

  router.add('GET', '/v2/apis/{apiId}/deployments/{deploymentId}', (_request, {apiId, deploymentId}) =>
    json(200, deploymentWire(requireDeployment(context, apiId, deploymentId))),
  )

  // UpdateDeployment changes only the description.
  router.add('PATCH', '/v2/apis/{apiId}/deployments/{deploymentId}', (request, {apiId, deploymentId}) => {
    const deployment = requireDeployment(context, apiId, deploymentId)
    const {description} = jsonBody(request)
    if (typeof description === 'string') deployment.description = description
    return json(200, deploymentWire(context.store.put(TABLES.v2Deployments, childKey(apiId, deploymentId), deployment)))
  })

  router.add('DELETE', '/v2/apis/{apiId}/deployments/{deploymentId}', (_request, {apiId, deploymentId}) => {
    requireDeployment(context, apiId, deploymentId)
    if (stagesOf(context, apiId).some((stage) => stage.deploymentId === deploymentId)) {
      throw badRequest('Active stages pointing to this deployment must be moved or deleted')
    }
    context.store.delete(TABLES.v2Deployments, childKey(apiId, deploymentId))
    return empty(204)
  })
}
