import type {SandboxContext} from '../context.js'
import {badRequest, conflict, empty, json, jsonBody, notFound, type Router, type SandboxRequest} from '../http.js'
import {TABLES, type Tags} from '../model.js'
import {createDomainName} from '../rest/domain-names.js'
import {
  CLOUDFRONT_HOSTED_ZONE_ID,
  deleteDomainName,
  deleteMapping,
  findDomainName,
  findMapping,
  mappingsOf,
  regionalHostedZoneId,
  replaceMapping,
  saveMapping,
  type ApiMappingRecord,
  type DomainNameRecord,
} from '../rest/domain-records.js'
import {findStage} from '../rest/lookup.js'
import {childKey, requireApi} from './lookup.js'
import {isoDate, listPage} from './wire.js'

/**
 * apigatewayv2's view of custom domain names (CreateDomainName, GetDomainName(s), UpdateDomainName,
 * DeleteDomainName) and API mappings (CreateApiMapping, GetApiMapping(s), UpdateApiMapping,
 * DeleteApiMapping). The records are the REST service's: one set of domain names and mappings,
 * seen through both. docs/aws-behaviour.md#custom-domain-names-are-shared-by-v1-and-v2
 */

interface DomainNameConfigurationInput {
  certificateArn?: string
  certificateName?: string
  endpointType?: string
  securityPolicy?: string
}

interface DomainNameInput {
  domainName?: string
  domainNameConfigurations?: DomainNameConfigurationInput[]
  mutualTlsAuthentication?: {truststoreUri?: string; truststoreVersion?: string}
  tags?: Tags
}

interface ApiMappingInput {
  apiId?: string
  apiMappingKey?: string
  stage?: string
}

const DOMAIN_NOT_FOUND = 'The domain name resource specified in the request was not found.'
const MAPPING_NOT_FOUND = 'The api mapping resource specified in the request was not found.'

export function registerDomains(router: Router, context: SandboxContext): void {
  const {store} = context
  const domains = '/v2/domainnames'
  const domain = `${domains}/{domainName}`
  const mappings = `${domain}/apimappings`
  const mapping = `${mappings}/{apiMappingId}`
  router
    .add('POST', domains, (request) => {
      const input = jsonBody<DomainNameInput>(request)
      const [configuration = {}] = input.domainNameConfigurations ?? []
      if (configuration.securityPolicy !== undefined) checkedSecurityPolicy(configuration.securityPolicy)
      const endpointType = configuration.endpointType ?? 'REGIONAL'
      const certificate = endpointType === 'EDGE' ? {certificateArn: configuration.certificateArn, certificateName: configuration.certificateName} : {regionalCertificateArn: configuration.certificateArn, regionalCertificateName: configuration.certificateName}
      const created = createDomainName(
        context,
        {domainName: input.domainName, endpointConfiguration: {types: [endpointType]}, securityPolicy: configuration.securityPolicy, mutualTlsAuthentication: input.mutualTlsAuthentication, tags: input.tags, ...certificate},
        'Conflict',
      )
      return json(201, domainNameWire(context, created))
    })
    .add('GET', domains, (request) => {
      const all = store.all<DomainNameRecord>(TABLES.domainNames)
      return json(200, listPage(all.map(byUploadDate), (found) => found.record.domainName, (found) => domainNameWire(context, found.record), request))
    })
    .add('GET', domain, (_request, {domainName}) => json(200, domainNameWire(context, requireDomainName(context, domainName))))
    .add('PATCH', domain, (request, {domainName}) => {
      const updated = {...requireDomainName(context, domainName)}
      const [configuration] = jsonBody<DomainNameInput>(request).domainNameConfigurations ?? []
      if (configuration?.securityPolicy !== undefined) updated.securityPolicy = checkedSecurityPolicy(configuration.securityPolicy)
      if (configuration?.certificateArn) updated[updated.endpointType === 'EDGE' ? 'certificateArn' : 'regionalCertificateArn'] = configuration.certificateArn
      store.put(TABLES.domainNames, updated.domainName, updated)
      return json(200, domainNameWire(context, updated))
    })
    .add('DELETE', domain, (_request, {domainName}) => {
      deleteDomainName(context, requireDomainName(context, domainName))
      return empty(204)
    })
    .add('POST', mappings, (request, {domainName}) => {
      const input = jsonBody<ApiMappingInput>(request)
      const found = requireDomainName(context, domainName)
      const target = checkedTarget(context, input)
      const key = checkedKey(input.apiMappingKey ?? '')
      if (findMapping(context, found.domainName, key)) throw conflict(MAPPING_EXISTS)
      const created = saveMapping(context, {id: context.newId(6), domainName: found.domainName, key, ...target, createdDate: context.clock.now()})
      return json(201, apiMappingWire(created))
    })
    .add('GET', mappings, (request, {domainName}) => {
      const found = requireDomainName(context, domainName)
      return json(200, listPage(mappingsOf(context, found.domainName), (each) => each.id, apiMappingWire, request))
    })
    .add('GET', mapping, (_request, {domainName, apiMappingId}) => json(200, apiMappingWire(requireMapping(context, domainName, apiMappingId))))
    .add('PATCH', mapping, (request: SandboxRequest, {domainName, apiMappingId}) => {
      const before = requireMapping(context, domainName, apiMappingId)
      const input = jsonBody<ApiMappingInput>(request)
      const after: ApiMappingRecord = {...before, ...checkedTarget(context, {apiId: input.apiId, stage: input.stage ?? before.stage})}
      if (input.apiMappingKey !== undefined) after.key = checkedKey(input.apiMappingKey)
      return json(200, apiMappingWire(replaceMapping(context, before, after, () => conflict(MAPPING_EXISTS))))
    })
    .add('DELETE', mapping, (_request, {domainName, apiMappingId}) => {
      deleteMapping(context, requireMapping(context, domainName, apiMappingId))
      return empty(204)
    })
}

/** apigatewayv2's SecurityPolicy enum: the legacy policies only. docs/aws-behaviour.md#what-a-custom-domain-name-answers */
const V2_SECURITY_POLICIES = ['TLS_1_0', 'TLS_1_2']

function checkedSecurityPolicy(policy: string): string {
  if (!V2_SECURITY_POLICIES.includes(policy)) throw badRequest(`Invalid SecurityPolicy specified: ${policy}. Must be one of: [${V2_SECURITY_POLICIES.join(', ')}]`)
  return policy
}

const MAPPING_EXISTS = 'The API mapping key is already in use on this domain name'

/** v2 lists page by creation time; a domain name's is its certificate's upload time. */
const byUploadDate = (record: DomainNameRecord) => ({record, createdDate: record.certificateUploadDate})

function requireDomainName(context: SandboxContext, domainName: string): DomainNameRecord {
  const found = findDomainName(context, domainName)
  if (!found) throw notFound(DOMAIN_NOT_FOUND)
  return found
}

function requireMapping(context: SandboxContext, domainName: string, apiMappingId: string): ApiMappingRecord {
  const found = mappingsOf(context, requireDomainName(context, domainName).domainName).find((each) => each.id === apiMappingId)
  if (!found) throw notFound(MAPPING_NOT_FOUND)
  return found
}

/**
 * An HTTP, WebSocket or REST API and one of its stages: v2 mappings may name either kind.
 * docs/aws-behaviour.md#api-mappings
 */
function checkedTarget(context: SandboxContext, input: ApiMappingInput): Pick<ApiMappingRecord, 'apiId' | 'stage'> {
  if (!input.apiId) throw badRequest('ApiId is required')
  if (!input.stage) throw badRequest('Stage is required')
  const rest = context.store.get(TABLES.restApis, input.apiId) !== undefined
  if (!rest) requireApi(context, input.apiId)
  const stage = rest ? findStage(context, input.apiId, input.stage)?.stageName : context.store.get(TABLES.v2Stages, childKey(input.apiId, input.stage)) ? input.stage : undefined
  if (!stage) throw notFound('Invalid stage identifier specified')
  return {apiId: input.apiId, stage}
}

/** Keys may have several levels (`orders/v2`) but no empty one. docs/aws-behaviour.md#api-mappings */
function checkedKey(key: string): string {
  if (key.startsWith('/') || key.includes('//')) throw badRequest("API mapping key should not start with a '/' or have consecutive '/'s.")
  if (key.endsWith('/')) throw badRequest("API mapping key should not end with a '/'.")
  return key
}

/** The DomainName wire shape of apigatewayv2: one configuration, for the domain's endpoint type. */
function domainNameWire(context: SandboxContext, domain: DomainNameRecord) {
  const regional = domain.endpointType === 'REGIONAL'
  return {
    apiMappingSelectionExpression: '$request.basepath',
    domainName: domain.domainName,
    domainNameConfigurations: [
      {
        apiGatewayDomainName: regional ? domain.regionalDomainName : domain.distributionDomainName,
        certificateArn: regional ? domain.regionalCertificateArn : domain.certificateArn,
        certificateName: regional ? domain.regionalCertificateName : domain.certificateName,
        certificateUploadDate: isoDate(domain.certificateUploadDate),
        domainNameStatus: 'AVAILABLE',
        endpointType: domain.endpointType,
        hostedZoneId: regional ? regionalHostedZoneId(context.region) : CLOUDFRONT_HOSTED_ZONE_ID,
        ipAddressType: 'ipv4',
        securityPolicy: domain.securityPolicy,
      },
    ],
    mutualTlsAuthentication: domain.mutualTlsAuthentication,
    tags: domain.tags ?? {},
  }
}

/** The ApiMapping wire shape; the empty key is left out. */
const apiMappingWire = (mapping: ApiMappingRecord) => ({apiId: mapping.apiId, apiMappingId: mapping.id, apiMappingKey: mapping.key || undefined, stage: mapping.stage})
