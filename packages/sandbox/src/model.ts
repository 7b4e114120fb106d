/**
 * The sandbox's tables and record shapes: the contract between its services (REST, v2,
 * CloudWatch) and the traffic simulator. Records are plain JSON; dates are epoch milliseconds.
 * Keys of child records start with their parent's id and a slash, so `Store.withPrefix` finds them.
 */
export const TABLES = {
  /** id → RestApiRecord */
  restApis: 'restApis',
  /** `${apiId}/${resourceId}` → ResourceRecord */
  resources: 'resources',
  /** `${apiId}/${deploymentId}` → DeploymentRecord */
  deployments: 'deployments',
  /** `${apiId}/${stageName.toLowerCase()}` → StageRecord (AWS compares stage names case-insensitively) */
  stages: 'stages',
  /** id → ApiKeyRecord */
  apiKeys: 'apiKeys',
  /** id → UsagePlanRecord */
  usagePlans: 'usagePlans',
  /** `${planId}/${keyId}` → UsagePlanKeyRecord */
  usagePlanKeys: 'usagePlanKeys',
  /** `${keyId}/${apiId}/${stageName.toLowerCase()}/${YYYY-MM-DD}` → UsageRecord (written by the traffic simulator) */
  usage: 'usage',
  /** id → V2ApiRecord */
  v2Apis: 'v2Apis',
  /** `${apiId}/${routeId}` */
  v2Routes: 'v2Routes',
  /** `${apiId}/${integrationId}` */
  v2Integrations: 'v2Integrations',
  /** `${apiId}/${stageName}` */
  v2Stages: 'v2Stages',
  /** `${apiId}/${deploymentId}` */
  v2Deployments: 'v2Deployments',
  /** domain name → DomainNameRecord (rest/domain-records.ts); one namespace for v1 and v2, as in AWS */
  domainNames: 'domainNames',
  /** `${domainName}/${key}` → ApiMappingRecord: v1 base path mappings and v2 API mappings are one kind */
  apiMappings: 'apiMappings',
  /** id → ClientCertificateRecord (rest/client-certificates.ts) */
  clientCertificates: 'clientCertificates',
  /** id → VpcLinkRecord (rest/vpc-links.ts) */
  vpcLinks: 'vpcLinks',
  /** id → V2VpcLinkRecord (v2/vpc-links.ts); v2 links are another kind than v1's */
  v2VpcLinks: 'v2VpcLinks',
  /** `${apiId}/${partId}` → DocumentationPartRecord (rest/documentation.ts) */
  documentationParts: 'documentationParts',
  /** `${apiId}/${version}` → DocumentationVersionRecord */
  documentationVersions: 'documentationVersions',
  /** `${apiId}/${authorizerId}` */
  v2Authorizers: 'v2Authorizers',
  /** `${apiId}/${routeId}/${routeResponseId}` (WebSocket) */
  v2RouteResponses: 'v2RouteResponses',
  /** `${apiId}/${integrationId}/${integrationResponseId}` (WebSocket) */
  v2IntegrationResponses: 'v2IntegrationResponses',
  /** certificate ARN → CertificateRecord (acm/certificates.ts), in the ARN's region */
  certificates: 'certificates',
  /** `${seriesKey}|${minuteStartMs}` → MetricMinute */
  metricData: 'metricData',
} as const

export type Tags = Record<string, string>

export interface RestApiRecord {
  id: string
  name: string
  description?: string
  version?: string
  createdDate: number
  apiKeySource: 'HEADER' | 'AUTHORIZER'
  endpointConfiguration: {types: string[]; ipAddressType?: 'ipv4' | 'dualstack'}
  disableExecuteApiEndpoint: boolean
  rootResourceId: string
  binaryMediaTypes?: string[]
  minimumCompressionSize?: number
  policy?: string
  tags?: Tags
  /** Model name → JSON schema (AWS models, shown as `components.schemas` / `definitions` in exports). */
  models?: Record<string, JsonObject>
  /** Model name → what CreateModel/UpdateModel set besides the schema (`rest/models.ts`). */
  modelInfo?: Record<string, ModelInfo>
  /** id → request validator (`rest/request-validators.ts`). */
  requestValidators?: Record<string, RequestValidatorRecord>
  /** Response type → a customized gateway response; the others are AWS's defaults (`rest/gateway-responses.ts`). */
  gatewayResponses?: Record<string, GatewayResponseRecord>
  /** id → authorizer (`rest/authorizers.ts`). */
  authorizers?: Record<string, AuthorizerRecord>
}

export interface ModelInfo {
  id: string
  contentType: string
  description?: string
  /** The schema as sent (AWS answers it back as sent); `models` holds it parsed. */
  schema?: string
}

export interface RequestValidatorRecord {
  id: string
  name?: string
  validateRequestBody: boolean
  validateRequestParameters: boolean
  /** Epoch ms; orders listings. */
  createdDate: number
}

export interface GatewayResponseRecord {
  statusCode?: string
  responseParameters: Record<string, string>
  responseTemplates: Record<string, string>
}

export interface AuthorizerRecord {
  id: string
  name: string
  type: 'TOKEN' | 'REQUEST' | 'COGNITO_USER_POOLS'
  providerARNs?: string[]
  authType?: string
  authorizerUri?: string
  authorizerCredentials?: string
  identitySource?: string
  identityValidationExpression?: string
  authorizerResultTtlInSeconds: number
  /** Epoch ms; orders listings. */
  createdDate: number
}

export type JsonObject = {[key: string]: unknown}

export interface IntegrationResponseRecord {
  statusCode: string
  selectionPattern?: string
  responseParameters?: Record<string, string>
  /** null for a template sent empty, as AWS keeps it. */
  responseTemplates?: Record<string, string | null>
  contentHandling?: string
}

export interface MethodResponseRecord {
  statusCode: string
  responseParameters?: Record<string, boolean>
  responseModels?: Record<string, string>
}

export interface IntegrationRecord {
  type: string
  httpMethod?: string
  uri?: string
  connectionType?: string
  passthroughBehavior?: string
  timeoutInMillis: number
  cacheNamespace?: string
  cacheKeyParameters: string[]
  requestParameters?: Record<string, string>
  requestTemplates?: Record<string, string>
  integrationResponses?: Record<string, IntegrationResponseRecord>
  credentials?: string
  connectionId?: string
  contentHandling?: string
}

export interface MethodRecord {
  httpMethod: string
  authorizationType: string
  authorizerId?: string
  requestValidatorId?: string
  apiKeyRequired: boolean
  operationName?: string
  requestParameters?: Record<string, boolean>
  requestModels?: Record<string, string>
  methodResponses?: Record<string, MethodResponseRecord>
  methodIntegration?: IntegrationRecord
  authorizationScopes?: string[]
}

export interface ResourceRecord {
  id: string
  parentId?: string
  pathPart?: string
  path: string
  resourceMethods?: Record<string, MethodRecord>
}

export interface DeploymentRecord {
  id: string
  apiId: string
  description?: string
  createdDate: number
  /** The API's resources as they were when deployed; stage exports read these. */
  resources: ResourceRecord[]
}

export interface MethodSetting {
  metricsEnabled: boolean
  dataTraceEnabled: boolean
  loggingLevel?: string
  throttlingBurstLimit: number
  throttlingRateLimit: number
  cachingEnabled: boolean
  cacheTtlInSeconds: number
  cacheDataEncrypted: boolean
  requireAuthorizationForCacheControl: boolean
  unauthorizedCacheControlHeaderStrategy: string
}

export interface CanarySettings {
  deploymentId: string
  percentTraffic: number
  stageVariableOverrides?: Record<string, string>
  useStageCache: boolean
}

export type CacheStatus = 'CREATE_IN_PROGRESS' | 'AVAILABLE' | 'DELETE_IN_PROGRESS' | 'NOT_AVAILABLE' | 'FLUSH_IN_PROGRESS'

/** What traffic sees at one moment; the simulator splits each minute by the moment in force then. */
export interface StageMoment {
  at: number
  deploymentId: string
  canaryDeploymentId?: string
  canaryPercent?: number
  useStageCache?: boolean
  /** true once the cache cluster is AVAILABLE (not while it is being created) */
  cacheAvailable: boolean
}

export interface StageRecord {
  apiId: string
  stageName: string
  deploymentId: string
  description?: string
  variables?: Record<string, string>
  clientCertificateId?: string
  cacheClusterEnabled: boolean
  cacheClusterSize?: string
  /** The status as of `cacheTransition.until` has not yet passed; read it through the stage service. */
  cacheClusterStatus: CacheStatus
  /** A status change in progress: `status` until `until`, then `then`. */
  cacheTransition?: {status: CacheStatus; until: number; then: CacheStatus}
  methodSettings: Record<string, MethodSetting>
  tracingEnabled: boolean
  accessLogSettings?: {format?: string; destinationArn?: string}
  canarySettings?: CanarySettings
  documentationVersion?: string
  /** The WAF web ACL associated with the stage; set through the sandbox's /_sandbox/waf (WAF is another service). */
  webAclArn?: string
  tags?: Tags
  createdDate: number
  lastUpdatedDate: number
  /** Moments in time order, appended whenever something traffic depends on changes. */
  history: StageMoment[]
  /** When the stage cache was flushed (epoch ms), for the simulator's hit-ratio dip. */
  cacheFlushes: number[]
}

export interface ApiKeyRecord {
  id: string
  name?: string
  description?: string
  customerId?: string
  enabled: boolean
  value: string
  createdDate: number
  lastUpdatedDate: number
  stageKeys: string[]
  tags?: Tags
}

export interface UsagePlanRecord {
  id: string
  name: string
  description?: string
  apiStages: {apiId: string; stage: string}[]
  throttle?: {burstLimit?: number; rateLimit?: number}
  quota?: {limit: number; offset: number; period: 'DAY' | 'WEEK' | 'MONTH'}
  productCode?: string
  tags?: Tags
  /** Epoch ms; orders listings and anchors paging positions. */
  createdDate?: number
}

export interface UsagePlanKeyRecord {
  planId: string
  keyId: string
  /** Epoch ms; orders listings and anchors paging positions. */
  createdDate?: number
}

export interface UsageRecord {
  keyId: string
  apiId: string
  stage: string
  day: string
  requests: number
}

/** One minute of one CloudWatch series, aggregated as CloudWatch does. */
export interface MetricMinute {
  namespace: string
  metricName: string
  dimensions: {Name: string; Value: string}[]
  unit?: string
  minute: number
  sum: number
  sampleCount: number
  minimum: number
  maximum: number
  /**
   * Distinct values and how often each was seen, for percentiles, flat and in value order:
   * [value, count, value, count, …] (one array of numbers, not an array per value: a fleet's minutes
   * hold millions). Absent once a statistic set with unequal values was published.
   */
  distribution?: number[]
}
