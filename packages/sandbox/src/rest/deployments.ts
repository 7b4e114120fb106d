import type {SandboxContext} from '../context.js'
import {badRequest, empty, epochSeconds, json, jsonBody, notFound, type Router, type SandboxRequest} from '../http.js'
import {TABLES, type DeploymentRecord, type ResourceRecord, type StageRecord} from '../model.js'
import {apiResources} from './apis-store.js'
import {requireCacheSize} from './cache.js'
import {canaryOf, type CanaryInput} from './canary.js'
import {pageInCreationOrder} from './paging.js'
import {patchOperationsOf} from './patch.js'
import {deploymentKey, deploymentsOf, findDeployment, findStage, requireApi, stagesOf} from './lookup.js'
import {createStage, draftOf, requireStageName, updateStage} from './stage-records.js'

interface CreateDeploymentInput {
  stageName?: string | null
  stageDescription?: string
  description?: string
  cacheClusterEnabled?: boolean
  cacheClusterSize?: string
  variables?: Record<string, string>
  canarySettings?: Omit<CanaryInput, 'deploymentId'>
  tracingEnabled?: boolean
}

const INVALID_CONTENT = 'Invalid deployment content specified.'

export function registerDeployments(router: Router, context: SandboxContext): void {
  const base = '/restapis/{restapi_id}/deployments'
  router.add('POST', base, (request, {restapi_id}) => json(201, createDeployment(context, restapi_id, jsonBody<CreateDeploymentInput>(request))))
  router.add('GET', base, (request, {restapi_id}) => {
    requireApi(context, restapi_id)
    const page = pageInCreationOrder(deploymentsOf(context, restapi_id), (deployment) => deployment, request.query, false)
    return json(200, {position: page.position, item: page.items.map((deployment) => deploymentView(deployment, request))})
  })
  router.add('GET', `${base}/{deployment_id}`, (request, {restapi_id, deployment_id}) =>
    json(200, deploymentView(requireDeployment(context, restapi_id, deployment_id), request)),
  )
  router.add('PATCH', `${base}/{deployment_id}`, (request, {restapi_id, deployment_id}) => {
    const operations = patchOperationsOf(request, 'updateDeploymentInput')
    // A copy, so a batch that fails halfway leaves the stored deployment as it was.
    const deployment = structuredClone(requireDeployment(context, restapi_id, deployment_id))
    for (const {op, path, value} of operations) {
      if (path !== '/description' || !['add', 'replace', 'remove'].includes(op))
        throw badRequest(`Invalid patch path  '${path}' specified for op '${op}'. Must be one of: [/description]`)
      if (op === 'remove') delete deployment.description
      else deployment.description = value ?? ''
    }
    context.store.put(TABLES.deployments, deploymentKey(restapi_id, deployment_id), deployment)
    return json(200, deploymentView(deployment, request))
  })
  router.add('DELETE', `${base}/{deployment_id}`, (_request, {restapi_id, deployment_id}) => {
    requireDeployment(context, restapi_id, deployment_id)
    if (stagesOf(context, restapi_id).some((stage) => stage.deploymentId === deployment_id || stage.canarySettings?.deploymentId === deployment_id))
      throw badRequest('Active stages pointing to this deployment must be moved or deleted')
    context.store.delete(TABLES.deployments, deploymentKey(restapi_id, deployment_id))
    return empty(202)
  })
}

function requireDeployment(context: SandboxContext, apiId: string, deploymentId: string): DeploymentRecord {
  requireApi(context, apiId)
  const deployment = findDeployment(context, apiId, deploymentId)
  if (!deployment) throw notFound('Invalid Deployment identifier specified')
  return deployment
}

/**
 * A new deployment, and with `stageName`: a canary deployment goes to the stage's canary only
 * (replacing any canary it had); a plain one creates the stage or repoints it, keeping its other
 * settings unless the request names them.
 */
function createDeployment(context: SandboxContext, apiId: string, input: CreateDeploymentInput) {
  requireApi(context, apiId)
  const id = context.newId(6)
  const canaryStage = input.canarySettings && requireCanaryStage(context, apiId, input.stageName)
  const canary = input.canarySettings && canaryOf(input.canarySettings, id, (deploymentId) => deploymentId === id)
  const stage = input.canarySettings ? undefined : plainDeploymentStage(context, apiId, input)
  if (input.cacheClusterSize !== undefined) requireCacheSize(input.cacheClusterSize)
  const resources = apiResources(context, apiId)
  if (!resources.some((resource) => Object.keys(resource.resourceMethods ?? {}).length > 0)) throw badRequest("The REST API doesn't contain any methods")
  // docs/aws-behaviour.md#every-method-needs-an-integration-to-be-deployed
  if (resources.some((resource) => Object.values(resource.resourceMethods ?? {}).some((method) => !method.methodIntegration))) throw badRequest('No integration defined for method')

  const deployment: DeploymentRecord = {
    id,
    apiId,
    description: input.description,
    createdDate: context.clock.now(),
    resources: structuredClone(resources),
  }
  context.store.put(TABLES.deployments, deploymentKey(apiId, id), deployment)
  if (canaryStage) {
    const draft = draftOf(canaryStage)
    draft.canarySettings = canary
    updateStage(context, canaryStage, draft)
  } else if (stage) {
    const draft = draftOf(stage)
    Object.assign(draft, stageSettings(input), {deploymentId: id})
    updateStage(context, stage, draft)
  } else if (input.stageName) {
    createStage(context, apiId, {stageName: input.stageName, deploymentId: id, ...stageSettings(input)})
  }
  return deploymentView(deployment)
}

function requireCanaryStage(context: SandboxContext, apiId: string, stageName: string | null | undefined): StageRecord {
  if (!stageName) throw badRequest(`${INVALID_CONTENT}Non null and non empty stageName must be provided for canary deployment. Provided value is ${stageName ?? 'null'}`)
  const stage = findStage(context, apiId, stageName)
  if (!stage) throw badRequest(`${INVALID_CONTENT}Stage ${stageName} must already be created before making a canary release deployment`)
  return stage
}

/** The stage a plain deployment goes to: undefined when it is new (or when none is named). */
function plainDeploymentStage(context: SandboxContext, apiId: string, input: CreateDeploymentInput): StageRecord | undefined {
  if (!input.stageName) return undefined
  const stage = findStage(context, apiId, input.stageName)
  if (!stage) {
    requireStageName(input.stageName)
    return undefined
  }
  if (stage.canarySettings)
    throw badRequest(`${INVALID_CONTENT}Non canary deployment not supported on stage ${stage.stageName} because Canary is enabled. Provide CanarySettings in deploymentInput.`)
  return stage
}

/** The stage settings a plain deployment names; those it leaves out are not touched. */
function stageSettings(input: CreateDeploymentInput): Partial<StageRecord> {
  const settings: Partial<StageRecord> = {
    description: input.stageDescription,
    variables: input.variables && {...input.variables},
    cacheClusterEnabled: input.cacheClusterEnabled,
    cacheClusterSize: input.cacheClusterSize,
    tracingEnabled: input.tracingEnabled,
  }
  return Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined))
}

/** The wire shape; `apiSummary` (path → method → authorization) only when asked with `embed=apisummary`. */
function deploymentView(deployment: DeploymentRecord, request?: SandboxRequest) {
  const embed = request?.query.getAll('embed').flatMap((value) => value.split(',')) ?? []
  return {
    id: deployment.id,
    description: deployment.description,
    createdDate: epochSeconds(deployment.createdDate),
    apiSummary: embed.includes('apisummary') ? apiSummary(deployment.resources) : undefined,
  }
}

function apiSummary(resources: ResourceRecord[]) {
  return Object.fromEntries(
    resources
      .filter((resource) => resource.resourceMethods && Object.keys(resource.resourceMethods).length > 0)
      .map((resource) => [
        resource.path,
        Object.fromEntries(
          Object.values(resource.resourceMethods!).map((method) => [method.httpMethod, {authorizationType: method.authorizationType, apiKeyRequired: method.apiKeyRequired}]),
        ),
      ]),
  )
}
