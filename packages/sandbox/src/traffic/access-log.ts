/**
 * One simulated request as API Gateway's `$context` variables see it, and an access-log format
 * rendered with them. docs/aws-behaviour.md#access-log-lines
 */
export interface LoggedRequest {
  requestId: string
  extendedRequestId: string
  sourceIp: string
  userAgent: string
  /** Epoch ms. */
  time: number
  httpMethod: string
  /** REST: the resource's path template (`/orders/{id}`); v2: the route key's path. */
  resourcePath: string
  /** The path the client called, with the stage in front for REST. */
  path: string
  /** v2 only: the route matched. */
  routeKey?: string
  status: number
  responseLength: number
  /** undefined when no integration was called (a cache hit, or a 4XX answered by API Gateway). */
  integrationLatency: number | undefined
  responseLatency: number
  apiKeyId?: string
  apiKey?: string
  /** REST only: whether the canary served it. */
  isCanaryRequest?: boolean
  errorMessage?: string
  errorResponseType?: string
}

export interface LogScope {
  apiId: string
  stage: string
  region: string
  accountId: string
  deploymentId?: string
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const two = (n: number) => String(n).padStart(2, '0')

/** `$context.requestTime`: CLF time, `10/Jan/2024:12:00:00 +0000`. */
export function clfTime(time: number): string {
  const date = new Date(time)
  return `${two(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} +0000`
}

/** The `$context` variables apigw's formats use; any other renders as `-`, as AWS renders a variable with no value. */
function variables(scope: LogScope, request: LoggedRequest): Record<string, string | number | boolean | undefined> {
  const integrationStatus = request.integrationLatency === undefined ? undefined : request.status
  return {
    requestId: request.requestId,
    extendedRequestId: request.extendedRequestId,
    'identity.sourceIp': request.sourceIp,
    'identity.userAgent': request.userAgent,
    'identity.apiKeyId': request.apiKeyId,
    'identity.apiKey': request.apiKey,
    requestTime: clfTime(request.time),
    requestTimeEpoch: request.time,
    httpMethod: request.httpMethod,
    resourcePath: request.resourcePath,
    path: request.path,
    routeKey: request.routeKey,
    status: request.status,
    protocol: 'HTTP/1.1',
    responseLength: request.responseLength,
    integrationLatency: request.integrationLatency,
    'integration.latency': request.integrationLatency,
    integrationStatus,
    'integration.status': integrationStatus,
    responseLatency: request.responseLatency,
    stage: scope.stage,
    apiId: scope.apiId,
    accountId: scope.accountId,
    deploymentId: scope.deploymentId,
    domainName: `${scope.apiId}.execute-api.${scope.region}.amazonaws.com`,
    domainPrefix: scope.apiId,
    isCanaryRequest: request.isCanaryRequest,
    'error.message': request.errorMessage,
    'error.messageString': request.errorMessage === undefined ? undefined : JSON.stringify(request.errorMessage),
    'error.responseType': request.errorResponseType,
  }
}

/** `$context.name` (letters, digits, dots inside the name); a trailing dot is punctuation, not part of it. */
const VARIABLE = /\$context\.([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*)/g

/** The format with every `$context` variable replaced by its value, or `-` where it has none. */
export function renderAccessLog(format: string, scope: LogScope, request: LoggedRequest): string {
  const values = variables(scope, request)
  return format.replace(VARIABLE, (_, name: string) => {
    const value = Object.hasOwn(values, name) ? values[name] : undefined
    return value === undefined ? '-' : String(value)
  })
}
