import type {Tags} from '../model.js'

/**
 * The apigatewayv2 records (TABLES.v2Apis … v2Deployments). Field names are the wire's
 * lowerCamel names so records map to responses one to one; dates are epoch ms like every record.
 */

export type ProtocolType = 'HTTP' | 'WEBSOCKET'

export interface V2Cors {
  allowCredentials?: boolean
  allowHeaders?: string[]
  allowMethods?: string[]
  allowOrigins?: string[]
  exposeHeaders?: string[]
  maxAge?: number
}

export interface V2ApiRecord {
  apiId: string
  name: string
  protocolType: ProtocolType
  routeSelectionExpression: string
  apiKeySelectionExpression: string
  apiEndpoint: string
  description?: string
  version?: string
  corsConfiguration?: V2Cors
  disableSchemaValidation?: boolean
  disableExecuteApiEndpoint: boolean
  ipAddressType: string
  tags: Tags
  warnings?: string[]
  createdDate: number
}

export interface V2RouteRecord {
  apiId: string
  routeId: string
  routeKey: string
  apiKeyRequired: boolean
  authorizationType: string
  authorizationScopes?: string[]
  authorizerId?: string
  modelSelectionExpression?: string
  operationName?: string
  requestModels?: Record<string, string>
  requestParameters?: Record<string, {required?: boolean}>
  routeResponseSelectionExpression?: string
  /** `integrations/<integrationId>` */
  target?: string
  /** Made by quick create. */
  apiGatewayManaged?: boolean
  createdDate: number
}

export interface V2IntegrationRecord {
  apiId: string
  integrationId: string
  integrationType: string
  integrationUri?: string
  integrationMethod?: string
  integrationSubtype?: string
  connectionType: string
  connectionId?: string
  credentialsArn?: string
  description?: string
  payloadFormatVersion?: string
  passthroughBehavior?: string
  contentHandlingStrategy?: string
  requestParameters?: Record<string, string>
  requestTemplates?: Record<string, string>
  responseParameters?: Record<string, Record<string, string>>
  templateSelectionExpression?: string
  /** Set by API Gateway on WebSocket integrations that map responses. */
  integrationResponseSelectionExpression?: string
  timeoutInMillis: number
  tlsConfig?: {serverNameToVerify?: string}
  apiGatewayManaged?: boolean
  createdDate: number
}

export interface V2RouteSettings {
  dataTraceEnabled?: boolean
  detailedMetricsEnabled?: boolean
  loggingLevel?: string
  throttlingBurstLimit?: number
  throttlingRateLimit?: number
}

export interface V2StageRecord {
  apiId: string
  stageName: string
  deploymentId?: string
  autoDeploy: boolean
  description?: string
  clientCertificateId?: string
  stageVariables: Record<string, string>
  defaultRouteSettings: V2RouteSettings
  /** Keyed by route key, e.g. `"GET /pets"`. */
  routeSettings: Record<string, V2RouteSettings>
  accessLogSettings?: {destinationArn?: string; format?: string}
  /** Set by auto-deploy only, as AWS does. */
  lastDeploymentStatusMessage?: string
  apiGatewayManaged?: boolean
  tags: Tags
  createdDate: number
  lastUpdatedDate: number
}

export interface V2DeploymentRecord {
  apiId: string
  deploymentId: string
  description?: string
  autoDeployed: boolean
  deploymentStatus: 'DEPLOYED'
  createdDate: number
  /** The API's routes, integrations and authorizers as deployed; stage exports read these. */
  routes: V2RouteRecord[]
  integrations: V2IntegrationRecord[]
  /** Absent in deployments made before authorizers were served. */
  authorizers?: V2AuthorizerRecord[]
}

export type V2AuthorizerType = 'JWT' | 'REQUEST'

export interface V2AuthorizerRecord {
  apiId: string
  authorizerId: string
  name: string
  authorizerType: V2AuthorizerType
  identitySource?: string[]
  authorizerUri?: string
  authorizerCredentialsArn?: string
  authorizerPayloadFormatVersion?: string
  authorizerResultTtlInSeconds?: number
  enableSimpleResponses?: boolean
  identityValidationExpression?: string
  jwtConfiguration?: {issuer?: string; audience?: string[]}
  createdDate: number
}

/** A WebSocket route's response, keyed `<apiId>/<routeId>/<routeResponseId>`. */
export interface V2RouteResponseRecord {
  apiId: string
  routeId: string
  routeResponseId: string
  routeResponseKey: string
  modelSelectionExpression?: string
  responseModels?: Record<string, string>
  responseParameters?: Record<string, {required?: boolean}>
  createdDate: number
}

/** A WebSocket integration's response, keyed `<apiId>/<integrationId>/<integrationResponseId>`. */
export interface V2IntegrationResponseRecord {
  apiId: string
  integrationId: string
  integrationResponseId: string
  integrationResponseKey: string
  contentHandlingStrategy?: string
  responseParameters?: Record<string, string>
  responseTemplates?: Record<string, string>
  templateSelectionExpression?: string
  createdDate: number
}
