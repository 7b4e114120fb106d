import {Router, type SandboxRequest} from './http.js'
import {LOGS_OPERATION_NAMES} from './logs/service.js'
import {API_PART_OPERATIONS} from './rest/api-parts-operations.js'

/**
 * Which AWS operation a request to the sandbox is, named as AWS names it, so that a fault can fail
 * the calls of one operation (`fail=CreateUsagePlanKey#2`). The SDKs send no operation name over
 * REST-JSON, so it is found from the method and path, as AWS's service models map them. A name
 * shared by v1 and v2 (CreateStage, …) is the same operation for faults.
 */

const IMPORT_MODE = '?mode=import'

/** `apigateway` (REST v1): operation → `METHOD /path`, `?mode=import` where the query tells two apart. */
export const REST_OPERATIONS: Record<string, string> = {
  CreateRestApi: 'POST /restapis',
  ImportRestApi: `POST /restapis${IMPORT_MODE}`,
  GetRestApis: 'GET /restapis',
  GetRestApi: 'GET /restapis/{id}',
  PutRestApi: 'PUT /restapis/{id}',
  UpdateRestApi: 'PATCH /restapis/{id}',
  DeleteRestApi: 'DELETE /restapis/{id}',
  GetResources: 'GET /restapis/{id}/resources',
  GetResource: 'GET /restapis/{id}/resources/{resource}',
  CreateResource: 'POST /restapis/{id}/resources/{parent}',
  UpdateResource: 'PATCH /restapis/{id}/resources/{resource}',
  DeleteResource: 'DELETE /restapis/{id}/resources/{resource}',
  PutMethod: 'PUT /restapis/{id}/resources/{resource}/methods/{method}',
  GetMethod: 'GET /restapis/{id}/resources/{resource}/methods/{method}',
  UpdateMethod: 'PATCH /restapis/{id}/resources/{resource}/methods/{method}',
  DeleteMethod: 'DELETE /restapis/{id}/resources/{resource}/methods/{method}',
  PutMethodResponse: 'PUT /restapis/{id}/resources/{resource}/methods/{method}/responses/{status}',
  GetMethodResponse: 'GET /restapis/{id}/resources/{resource}/methods/{method}/responses/{status}',
  UpdateMethodResponse: 'PATCH /restapis/{id}/resources/{resource}/methods/{method}/responses/{status}',
  DeleteMethodResponse: 'DELETE /restapis/{id}/resources/{resource}/methods/{method}/responses/{status}',
  PutIntegration: 'PUT /restapis/{id}/resources/{resource}/methods/{method}/integration',
  GetIntegration: 'GET /restapis/{id}/resources/{resource}/methods/{method}/integration',
  DeleteIntegration: 'DELETE /restapis/{id}/resources/{resource}/methods/{method}/integration',
  PutIntegrationResponse: 'PUT /restapis/{id}/resources/{resource}/methods/{method}/integration/responses/{status}',
  GetIntegrationResponse: 'GET /restapis/{id}/resources/{resource}/methods/{method}/integration/responses/{status}',
  UpdateIntegrationResponse: 'PATCH /restapis/{id}/resources/{resource}/methods/{method}/integration/responses/{status}',
  DeleteIntegrationResponse: 'DELETE /restapis/{id}/resources/{resource}/methods/{method}/integration/responses/{status}',
  CreateDeployment: 'POST /restapis/{id}/deployments',
  GetDeployments: 'GET /restapis/{id}/deployments',
  GetDeployment: 'GET /restapis/{id}/deployments/{deployment}',
  UpdateDeployment: 'PATCH /restapis/{id}/deployments/{deployment}',
  DeleteDeployment: 'DELETE /restapis/{id}/deployments/{deployment}',
  CreateStage: 'POST /restapis/{id}/stages',
  GetStages: 'GET /restapis/{id}/stages',
  GetStage: 'GET /restapis/{id}/stages/{stage}',
  UpdateStage: 'PATCH /restapis/{id}/stages/{stage}',
  DeleteStage: 'DELETE /restapis/{id}/stages/{stage}',
  FlushStageCache: 'DELETE /restapis/{id}/stages/{stage}/cache/data',
  FlushStageAuthorizersCache: 'DELETE /restapis/{id}/stages/{stage}/cache/authorizers',
  GetExport: 'GET /restapis/{id}/stages/{stage}/exports/{type}',
  ...API_PART_OPERATIONS,
  CreateApiKey: 'POST /apikeys',
  ImportApiKeys: `POST /apikeys${IMPORT_MODE}`,
  GetApiKeys: 'GET /apikeys',
  GetApiKey: 'GET /apikeys/{key}',
  UpdateApiKey: 'PATCH /apikeys/{key}',
  DeleteApiKey: 'DELETE /apikeys/{key}',
  CreateUsagePlan: 'POST /usageplans',
  GetUsagePlans: 'GET /usageplans',
  GetUsagePlan: 'GET /usageplans/{plan}',
  UpdateUsagePlan: 'PATCH /usageplans/{plan}',
  DeleteUsagePlan: 'DELETE /usageplans/{plan}',
  CreateUsagePlanKey: 'POST /usageplans/{plan}/keys',
  GetUsagePlanKeys: 'GET /usageplans/{plan}/keys',
  GetUsagePlanKey: 'GET /usageplans/{plan}/keys/{key}',
  DeleteUsagePlanKey: 'DELETE /usageplans/{plan}/keys/{key}',
  GetUsage: 'GET /usageplans/{plan}/usage',
  CreateDomainName: 'POST /domainnames',
  GetDomainNames: 'GET /domainnames',
  GetDomainName: 'GET /domainnames/{name}',
  UpdateDomainName: 'PATCH /domainnames/{name}',
  DeleteDomainName: 'DELETE /domainnames/{name}',
  CreateBasePathMapping: 'POST /domainnames/{name}/basepathmappings',
  GetBasePathMappings: 'GET /domainnames/{name}/basepathmappings',
  GetBasePathMapping: 'GET /domainnames/{name}/basepathmappings/{path}',
  UpdateBasePathMapping: 'PATCH /domainnames/{name}/basepathmappings/{path}',
  DeleteBasePathMapping: 'DELETE /domainnames/{name}/basepathmappings/{path}',
  GenerateClientCertificate: 'POST /clientcertificates',
  GetClientCertificates: 'GET /clientcertificates',
  GetClientCertificate: 'GET /clientcertificates/{id}',
  UpdateClientCertificate: 'PATCH /clientcertificates/{id}',
  DeleteClientCertificate: 'DELETE /clientcertificates/{id}',
  CreateVpcLink: 'POST /vpclinks',
  GetVpcLinks: 'GET /vpclinks',
  GetVpcLink: 'GET /vpclinks/{id}',
  UpdateVpcLink: 'PATCH /vpclinks/{id}',
  DeleteVpcLink: 'DELETE /vpclinks/{id}',
  CreateDocumentationPart: 'POST /restapis/{id}/documentation/parts',
  ImportDocumentationParts: 'PUT /restapis/{id}/documentation/parts',
  GetDocumentationParts: 'GET /restapis/{id}/documentation/parts',
  GetDocumentationPart: 'GET /restapis/{id}/documentation/parts/{part}',
  UpdateDocumentationPart: 'PATCH /restapis/{id}/documentation/parts/{part}',
  DeleteDocumentationPart: 'DELETE /restapis/{id}/documentation/parts/{part}',
  CreateDocumentationVersion: 'POST /restapis/{id}/documentation/versions',
  GetDocumentationVersions: 'GET /restapis/{id}/documentation/versions',
  GetDocumentationVersion: 'GET /restapis/{id}/documentation/versions/{version}',
  UpdateDocumentationVersion: 'PATCH /restapis/{id}/documentation/versions/{version}',
  DeleteDocumentationVersion: 'DELETE /restapis/{id}/documentation/versions/{version}',
  TagResource: 'PUT /tags/{arn}',
  UntagResource: 'DELETE /tags/{arn}',
  GetTags: 'GET /tags/{arn}',
}

/** `apigatewayv2` (HTTP and WebSocket APIs). */
export const V2_OPERATIONS: Record<string, string> = {
  CreateApi: 'POST /v2/apis',
  ImportApi: 'PUT /v2/apis',
  GetApis: 'GET /v2/apis',
  GetApi: 'GET /v2/apis/{id}',
  ReimportApi: 'PUT /v2/apis/{id}',
  UpdateApi: 'PATCH /v2/apis/{id}',
  DeleteApi: 'DELETE /v2/apis/{id}',
  ExportApi: 'GET /v2/apis/{id}/exports/{specification}',
  CreateRoute: 'POST /v2/apis/{id}/routes',
  GetRoutes: 'GET /v2/apis/{id}/routes',
  GetRoute: 'GET /v2/apis/{id}/routes/{route}',
  UpdateRoute: 'PATCH /v2/apis/{id}/routes/{route}',
  DeleteRoute: 'DELETE /v2/apis/{id}/routes/{route}',
  CreateIntegration: 'POST /v2/apis/{id}/integrations',
  GetIntegrations: 'GET /v2/apis/{id}/integrations',
  GetIntegration: 'GET /v2/apis/{id}/integrations/{integration}',
  UpdateIntegration: 'PATCH /v2/apis/{id}/integrations/{integration}',
  DeleteIntegration: 'DELETE /v2/apis/{id}/integrations/{integration}',
  CreateDeployment: 'POST /v2/apis/{id}/deployments',
  GetDeployments: 'GET /v2/apis/{id}/deployments',
  GetDeployment: 'GET /v2/apis/{id}/deployments/{deployment}',
  UpdateDeployment: 'PATCH /v2/apis/{id}/deployments/{deployment}',
  DeleteDeployment: 'DELETE /v2/apis/{id}/deployments/{deployment}',
  CreateStage: 'POST /v2/apis/{id}/stages',
  GetStages: 'GET /v2/apis/{id}/stages',
  GetStage: 'GET /v2/apis/{id}/stages/{stage}',
  UpdateStage: 'PATCH /v2/apis/{id}/stages/{stage}',
  DeleteStage: 'DELETE /v2/apis/{id}/stages/{stage}',
  ResetAuthorizersCache: 'DELETE /v2/apis/{id}/stages/{stage}/cache/authorizers',
  CreateDomainName: 'POST /v2/domainnames',
  GetDomainNames: 'GET /v2/domainnames',
  GetDomainName: 'GET /v2/domainnames/{name}',
  UpdateDomainName: 'PATCH /v2/domainnames/{name}',
  DeleteDomainName: 'DELETE /v2/domainnames/{name}',
  CreateApiMapping: 'POST /v2/domainnames/{name}/apimappings',
  GetApiMappings: 'GET /v2/domainnames/{name}/apimappings',
  GetApiMapping: 'GET /v2/domainnames/{name}/apimappings/{id}',
  UpdateApiMapping: 'PATCH /v2/domainnames/{name}/apimappings/{id}',
  DeleteApiMapping: 'DELETE /v2/domainnames/{name}/apimappings/{id}',
  CreateVpcLink: 'POST /v2/vpclinks',
  GetVpcLinks: 'GET /v2/vpclinks',
  GetVpcLink: 'GET /v2/vpclinks/{id}',
  UpdateVpcLink: 'PATCH /v2/vpclinks/{id}',
  DeleteVpcLink: 'DELETE /v2/vpclinks/{id}',
  CreateAuthorizer: 'POST /v2/apis/{id}/authorizers',
  GetAuthorizers: 'GET /v2/apis/{id}/authorizers',
  GetAuthorizer: 'GET /v2/apis/{id}/authorizers/{authorizer}',
  UpdateAuthorizer: 'PATCH /v2/apis/{id}/authorizers/{authorizer}',
  DeleteAuthorizer: 'DELETE /v2/apis/{id}/authorizers/{authorizer}',
  CreateRouteResponse: 'POST /v2/apis/{id}/routes/{route}/routeresponses',
  GetRouteResponses: 'GET /v2/apis/{id}/routes/{route}/routeresponses',
  GetRouteResponse: 'GET /v2/apis/{id}/routes/{route}/routeresponses/{response}',
  UpdateRouteResponse: 'PATCH /v2/apis/{id}/routes/{route}/routeresponses/{response}',
  DeleteRouteResponse: 'DELETE /v2/apis/{id}/routes/{route}/routeresponses/{response}',
  CreateIntegrationResponse: 'POST /v2/apis/{id}/integrations/{integration}/integrationresponses',
  GetIntegrationResponses: 'GET /v2/apis/{id}/integrations/{integration}/integrationresponses',
  GetIntegrationResponse: 'GET /v2/apis/{id}/integrations/{integration}/integrationresponses/{response}',
  UpdateIntegrationResponse: 'PATCH /v2/apis/{id}/integrations/{integration}/integrationresponses/{response}',
  DeleteIntegrationResponse: 'DELETE /v2/apis/{id}/integrations/{integration}/integrationresponses/{response}',
  TagResource: 'POST /v2/tags/{arn}',
  UntagResource: 'DELETE /v2/tags/{arn}',
  GetTags: 'GET /v2/tags/{arn}',
}

/** CloudWatch names its operation on the wire (X-Amz-Target, or the RPC v2 CBOR path). */
export const CLOUDWATCH_OPERATIONS = ['PutMetricData', 'GetMetricData', 'GetMetricStatistics', 'ListMetrics']

/** CloudWatch Logs names its operation on the wire too (X-Amz-Target `Logs_20140328.<Operation>`). */
export const LOGS_OPERATIONS = LOGS_OPERATION_NAMES

/** ACM names its operation on the wire too (X-Amz-Target: CertificateManager.<Operation>). */
export const ACM_OPERATIONS = ['DescribeCertificate', 'ListCertificates']

/** Every operation name a fault may name. */
export const OPERATION_NAMES: ReadonlySet<string> = new Set([...Object.keys(REST_OPERATIONS), ...Object.keys(V2_OPERATIONS), ...CLOUDWATCH_OPERATIONS, ...LOGS_OPERATIONS, ...ACM_OPERATIONS])

/** The operations that change state (what `lost=2%` strikes): API Gateway's non-GET routes, and CloudWatch's PutMetricData. */
export const WRITE_OPERATIONS: ReadonlySet<string> = new Set([
  ...[...Object.entries(REST_OPERATIONS), ...Object.entries(V2_OPERATIONS)].filter(([, route]) => !route.startsWith('GET ')).map(([name]) => name),
  'PutMetricData',
  ...LOGS_OPERATIONS.filter((name) => /^(Create|Delete|Put)/.test(name)),
])

/** A router from `METHOD /path` to the operations it serves: one, or two told apart by `mode=import`. */
function operationRouter(operations: Record<string, string>): Router<{plain?: string; imported?: string}> {
  const byRoute = new Map<string, {plain?: string; imported?: string}>()
  for (const [name, route] of Object.entries(operations)) {
    const imported = route.endsWith(IMPORT_MODE)
    const key = imported ? route.slice(0, -IMPORT_MODE.length) : route
    const entry = byRoute.get(key) ?? {}
    entry[imported ? 'imported' : 'plain'] = name
    byRoute.set(key, entry)
  }
  const router = new Router<{plain?: string; imported?: string}>()
  for (const [route, names] of byRoute) {
    const [method, pattern] = route.split(' ')
    router.add(method, pattern, names)
  }
  return router
}

const routers = {apigateway: operationRouter(REST_OPERATIONS), apigatewayv2: operationRouter(V2_OPERATIONS)}

/** The operation of a REST v1 or v2 request; undefined for a path no operation serves. */
export function operationOfRequest(service: 'apigateway' | 'apigatewayv2', request: SandboxRequest): string | undefined {
  const match = routers[service].match(request.method, request.path)
  if (!('handler' in match)) return undefined
  const {plain, imported} = match.handler
  return request.query.get('mode') === 'import' ? (imported ?? plain) : plain
}
