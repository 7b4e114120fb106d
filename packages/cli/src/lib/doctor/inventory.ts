import type {AwsSession, DomainName, UsagePlan} from '../aws/index.js'
import {fetchApis, listStages, summarize, type AnyApi, type ApiType, type FoundStage} from '../catalog/index.js'
import {resolveApi} from '../catalog/index.js'
import {pickStage} from '../catalog/index.js'
import {settingsOf, type StageSettings} from '../stages/index.js'
import {mapConcurrently} from '../util/concurrency.js'

/**
 * What doctor reads, each thing once: the APIs, and per API its stages, its methods or routes and
 * its deployments; then, once for the region, the usage plans and the custom domains.
 */

/** A REST method or a v2 route, as the checks need it. */
export interface Operation {
  /** "GET /pets" (REST), the route key (v2). */
  route: string
  authorizationType: string
  apiKeyRequired: boolean
  /** REST: the integration's cache key parameters. */
  cacheKeyParameters: string[]
}

export interface StageFacts {
  stage: FoundStage
  name: string
  settings: StageSettings
  tags: Record<string, string>
}

export interface ApiFacts {
  entry: AnyApi
  api: {id: string; name: string; type: ApiType}
  stages: StageFacts[]
  operations: Operation[]
  /** REST: deployment ids; v2: none read. */
  deploymentIds: string[]
  /** REST: the resource policy, when it has one. */
  policy: string | null
  /** REST: EDGE, REGIONAL or PRIVATE. */
  endpointTypes: string[]
}

export interface Inventory {
  /** The region audited, for the ARNs the fixes name. */
  region: string
  apis: ApiFacts[]
  /** Every usage plan of the region: whether a stage is in one needs them all. */
  usagePlans: UsagePlan[]
  /** The plans audited: all of them, or with --api those that cover the API. */
  plansInScope: UsagePlan[]
  domains: DomainName[]
}

export interface InventoryOptions {
  /** Id or name; every API of the region when absent. */
  api?: string
  stage?: string
  /** At most this many APIs read at once. */
  concurrency: number
  onProgress?: (done: number, total: number) => void
}

export async function readInventory(session: AwsSession, options: InventoryOptions): Promise<Inventory> {
  const entries = options.api === undefined ? await fetchApis(session) : [await resolveApi(session, options.api)]
  const rest = await session.rest()
  const needsRegion = entries.some((entry) => entry.type === 'rest')
  let done = 0
  const [apis, usagePlans, domains] = await Promise.all([
    mapConcurrently(entries, options.concurrency, async (entry) => {
      const facts = await readApi(session, entry, options.stage)
      options.onProgress?.(++done, entries.length)
      return facts
    }),
    needsRegion ? rest.listUsagePlans() : Promise.resolve([] as UsagePlan[]),
    options.api === undefined ? rest.listDomainNamesForAudit() : Promise.resolve([] as DomainName[]),
  ])
  const ids = new Set(apis.map((facts) => facts.api.id))
  const plansInScope = options.api === undefined ? usagePlans : usagePlans.filter((plan) => plan.apiStages?.some((apiStage) => ids.has(apiStage.apiId ?? '')))
  return {region: session.settings.region, apis, usagePlans, plansInScope, domains}
}

async function readApi(session: AwsSession, entry: AnyApi, stageName: string | undefined): Promise<ApiFacts> {
  const api = summarize(entry)
  const [stages, operations, deploymentIds] = await Promise.all([listStages(session, entry), readOperations(session, entry), readDeploymentIds(session, entry)])
  const chosen = stageName === undefined ? stages : [pickStage(entry, stages, stageName, session.options.onWarning)]
  const raw = entry.type === 'rest' ? entry.api : undefined
  return {
    entry,
    api: {id: api.id, name: api.name, type: api.type},
    stages: chosen.map((stage) => ({stage, name: stage.summary.name, settings: settingsOf(stage).current, tags: (stage.kind === 'rest' ? stage.raw.tags : stage.raw.Tags) ?? {}})),
    operations,
    deploymentIds,
    policy: raw?.policy ?? null,
    endpointTypes: raw?.endpointConfiguration?.types ?? [],
  }
}

async function readOperations(session: AwsSession, entry: AnyApi): Promise<Operation[]> {
  if (entry.type === 'rest') {
    const resources = await (await session.rest()).listResources(entry.api.id ?? '')
    return resources.flatMap((resource) =>
      Object.entries(resource.resourceMethods ?? {}).map(([method, detail]) => ({
        route: `${method} ${resource.path ?? '/'}`,
        authorizationType: detail.authorizationType ?? 'NONE',
        apiKeyRequired: detail.apiKeyRequired ?? false,
        cacheKeyParameters: detail.methodIntegration?.cacheKeyParameters ?? [],
      })),
    )
  }
  const routes = await (await session.v2()).listRoutes(entry.api.ApiId ?? '')
  return routes.map((route) => ({route: route.RouteKey ?? '', authorizationType: route.AuthorizationType ?? 'NONE', apiKeyRequired: route.ApiKeyRequired ?? false, cacheKeyParameters: []}))
}

/**
 * The deployments a person made: REST's all, v2's without AutoDeployed (API Gateway makes those
 * itself on every change to an auto-deploying stage's API; nobody chose to keep them).
 */
async function readDeploymentIds(session: AwsSession, entry: AnyApi): Promise<string[]> {
  if (entry.type === 'rest') return (await (await session.rest()).listDeployments(entry.api.id ?? '')).map((deployment) => deployment.id ?? '')
  const deployments = await (await session.v2()).listDeployments(entry.api.ApiId ?? '')
  return deployments.filter((deployment) => deployment.AutoDeployed !== true).map((deployment) => deployment.DeploymentId ?? '')
}
