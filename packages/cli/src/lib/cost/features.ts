import type {AwsSession, RestApi, Stage} from '../aws/index.js'

/**
 * What keeps a REST API from being an HTTP API (docs/fleet.md#cost): features HTTP APIs do not have.
 * Checked: edge-optimized and private endpoints, a resource policy, methods that require an API key
 * or validate requests, mapping templates and mock integrations, usage plans naming the API, and
 * per stage a cache cluster, a canary, X-Ray tracing, a WAF web ACL and a client certificate.
 * Not checked (they need reading every method's settings in full): custom gateway responses,
 * request/response model validation beyond validators, and per-method throttling in usage plans.
 */
export async function restOnlyFeatures(session: AwsSession, api: RestApi, stages: Stage[], plannedApiIds: Set<string>): Promise<string[]> {
  const found = new Set<string>()
  const types = api.endpointConfiguration?.types ?? []
  if (types.includes('EDGE')) found.add('edge-optimized endpoint')
  if (types.includes('PRIVATE')) found.add('private endpoint')
  if (api.policy) found.add('resource policy')
  if (plannedApiIds.has(api.id!)) found.add('usage plans')
  for (const stage of stages) {
    if (stage.cacheClusterEnabled) found.add('cache cluster')
    if (stage.canarySettings) found.add('canary')
    if (stage.tracingEnabled) found.add('X-Ray tracing')
    if (stage.webAclArn) found.add('WAF web ACL')
    if (stage.clientCertificateId) found.add('client certificate')
  }
  const resources = await (await session.rest()).listResources(api.id!)
  for (const method of resources.flatMap((resource) => Object.values(resource.resourceMethods ?? {}))) {
    if (method.apiKeyRequired) found.add('API keys')
    if (method.requestValidatorId) found.add('request validation')
    const integration = method.methodIntegration
    if (integration?.type === 'MOCK') found.add('mock integrations')
    if (integration && Object.keys(integration.requestTemplates ?? {}).length > 0) found.add('mapping templates')
  }
  return [...found].sort()
}
