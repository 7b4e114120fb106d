import type {SandboxContext} from '../context.js'
import {AwsServiceError, badRequest, empty, epochSeconds, json, jsonBody, validationError, type Router} from '../http.js'
import {TABLES, type Tags} from '../model.js'
import {
  CLOUDFRONT_HOSTED_ZONE_ID,
  deleteDomainName,
  findDomainName,
  regionalHostedZoneId,
  requireDomainName,
  type DomainEndpointType,
  type DomainNameRecord,
} from './domain-records.js'
import {pageBySortKey} from './paging.js'
import {checkPatchPaths, patchOperationsOf} from './patch.js'

/**
 * CreateDomainName, GetDomainName(s), UpdateDomainName and DeleteDomainName (REST v1).
 * docs/aws-behaviour.md#custom-domain-names
 */

/** The service model's SecurityPolicy enum. docs/aws-behaviour.md#what-a-custom-domain-name-answers */
export const SECURITY_POLICIES = [
  'TLS_1_0',
  'TLS_1_2',
  'SecurityPolicy_TLS13_1_3_2025_09',
  'SecurityPolicy_TLS13_1_3_FIPS_2025_09',
  'SecurityPolicy_TLS13_1_2_PFS_PQ_2025_09',
  'SecurityPolicy_TLS13_1_2_FIPS_PFS_PQ_2025_09',
  'SecurityPolicy_TLS13_1_2_PQ_2025_09',
  'SecurityPolicy_TLS13_1_2_FIPS_PQ_2025_09',
  'SecurityPolicy_TLS13_1_2_Ext2_PQ_2025_09',
  'SecurityPolicy_TLS13_1_2_Ext2_FIPS_PQ_2025_09',
  'SecurityPolicy_TLS13_2025_EDGE',
  'SecurityPolicy_TLS12_PFS_2025_EDGE',
  'SecurityPolicy_TLS12_2018_EDGE',
  'SecurityPolicy_TLS13_1_2_2021_06',
]
const DOMAIN_ENDPOINT_TYPES = ['EDGE', 'REGIONAL']

interface CreateDomainNameInput {
  domainName?: string
  certificateName?: string
  certificateBody?: string
  certificatePrivateKey?: string
  certificateChain?: string
  certificateArn?: string
  regionalCertificateName?: string
  regionalCertificateArn?: string
  endpointConfiguration?: {types?: string[]}
  securityPolicy?: string
  mutualTlsAuthentication?: {truststoreUri?: string; truststoreVersion?: string}
  tags?: Tags
}

const DOMAIN_PATCH_PATHS = {
  replace: ['/certificateName', '/certificateArn', '/regionalCertificateName', '/regionalCertificateArn', '/securityPolicy', '/mutualTlsAuthentication/truststoreUri', '/mutualTlsAuthentication/truststoreVersion'],
} as const

export function registerDomainNames(router: Router, context: SandboxContext): void {
  const {store} = context
  router
    .add('POST', '/domainnames', (request) => json(201, domainNameView(context, createDomainName(context, jsonBody<CreateDomainNameInput>(request)))))
    .add('GET', '/domainnames', (request) => {
      const page = pageBySortKey(store.all<DomainNameRecord>(TABLES.domainNames), (domain) => domain.domainName, request.query)
      return json(200, {item: page.items.map((domain) => domainNameView(context, domain)), position: page.position})
    })
    .add('GET', '/domainnames/{domain_name}', (_request, {domain_name}) => json(200, domainNameView(context, requireDomainName(context, domain_name))))
    .add('PATCH', '/domainnames/{domain_name}', (request, {domain_name}) => {
      const domain = structuredClone(requireDomainName(context, domain_name))
      for (const {path, value} of checkPatchPaths(patchOperationsOf(request, 'updateDomainNameInput'), DOMAIN_PATCH_PATHS)) {
        const field = path.slice(1)
        if (field === 'securityPolicy') domain.securityPolicy = checkedSecurityPolicy(value, 'updateDomainNameInput')
        else if (field.startsWith('mutualTlsAuthentication/')) domain.mutualTlsAuthentication = patchedTruststore(domain, field, value)
        else domain[field as 'certificateName' | 'certificateArn' | 'regionalCertificateName' | 'regionalCertificateArn'] = value || undefined
      }
      checkCertificates(domain)
      store.put(TABLES.domainNames, domain.domainName, domain)
      return json(200, domainNameView(context, domain))
    })
    .add('DELETE', '/domainnames/{domain_name}', (_request, {domain_name}) => {
      deleteDomainName(context, requireDomainName(context, domain_name))
      return empty(202)
    })
}

/** Validation in AWS's order: the input's shape and enums, then the name's uniqueness, then the certificates. */
export function createDomainName(context: SandboxContext, input: CreateDomainNameInput, conflictType: 'BadRequest' | 'Conflict' = 'BadRequest'): DomainNameRecord {
  const types = input.endpointConfiguration?.types ?? ['EDGE']
  const errors: string[] = []
  const at = (field: string) => `at 'createDomainNameInput.${field}' failed to satisfy constraint:`
  if (!input.domainName) errors.push(`Value null ${at('domainName')} Member must not be null`)
  if (types.some((type) => !DOMAIN_ENDPOINT_TYPES.includes(type)))
    errors.push(`Value '[${types.join(', ')}]' ${at('endpointConfiguration.types')} Member must satisfy constraint: [Member must satisfy enum value set: [${DOMAIN_ENDPOINT_TYPES.join(', ')}]]`)
  if (input.securityPolicy !== undefined && !SECURITY_POLICIES.includes(input.securityPolicy))
    errors.push(`Value '${input.securityPolicy}' ${at('securityPolicy')} Member must satisfy enum value set: [${SECURITY_POLICIES.join(', ')}]`)
  if (errors.length > 0) throw validationError(errors)
  if (types.length !== 1) throw badRequest('A domain name has exactly one endpoint type: EDGE or REGIONAL')
  const domainName = input.domainName!
  if (findDomainName(context, domainName)) throw domainExists(conflictType)
  const endpointType = types[0] as DomainEndpointType
  const domain: DomainNameRecord = {
    domainName,
    endpointType,
    certificateName: input.certificateName,
    certificateArn: input.certificateArn,
    regionalCertificateName: input.regionalCertificateName,
    regionalCertificateArn: input.regionalCertificateArn,
    securityPolicy: input.securityPolicy ?? 'TLS_1_2',
    mutualTlsAuthentication: input.mutualTlsAuthentication?.truststoreUri
      ? {truststoreUri: input.mutualTlsAuthentication.truststoreUri, truststoreVersion: input.mutualTlsAuthentication.truststoreVersion}
      : undefined,
    tags: input.tags && Object.keys(input.tags).length > 0 ? {...input.tags} : undefined,
    certificateUploadDate: context.clock.now(),
  }
  if (endpointType === 'REGIONAL') domain.regionalDomainName = `d-${context.newId(10)}.execute-api.${context.region}.amazonaws.com`
  else domain.distributionDomainName = `d${context.newId(13)}.cloudfront.net`
  checkCertificates(domain)
  context.store.put(TABLES.domainNames, domainName, domain)
  return domain
}

/** v1 answers a duplicate name 400, v2 409, in the same words. docs/aws-behaviour.md#a-domain-name-is-unique-in-its-region */
const domainExists = (type: 'BadRequest' | 'Conflict') =>
  type === 'BadRequest' ? badRequest(DOMAIN_EXISTS) : new AwsServiceError(409, 'ConflictException', DOMAIN_EXISTS)
const DOMAIN_EXISTS = 'The domain name you provided already exists.'

function checkedSecurityPolicy(value: string | undefined, input: string): string {
  if (value === undefined || !SECURITY_POLICIES.includes(value))
    throw validationError([`Value '${value}' at '${input}.securityPolicy' failed to satisfy constraint: Member must satisfy enum value set: [${SECURITY_POLICIES.join(', ')}]`])
  return value
}

function patchedTruststore(domain: DomainNameRecord, field: string, value: string | undefined): DomainNameRecord['mutualTlsAuthentication'] {
  const truststore = {truststoreUri: '', ...domain.mutualTlsAuthentication}
  if (field.endsWith('truststoreUri')) truststore.truststoreUri = value ?? ''
  else truststore.truststoreVersion = value || undefined
  return truststore.truststoreUri ? truststore : undefined
}

/**
 * An edge domain needs an edge certificate, a regional one a regional certificate; mutual TLS is
 * for regional domains with TLS 1.2. docs/aws-behaviour.md#what-a-custom-domain-name-needs
 */
function checkCertificates(domain: DomainNameRecord): void {
  if (domain.endpointType === 'EDGE' && !domain.certificateArn && !domain.certificateName)
    throw badRequest('A certificate is required for an EDGE domain name: certificateArn (or certificateName with its body)')
  if (domain.endpointType === 'REGIONAL' && !domain.regionalCertificateArn && !domain.regionalCertificateName)
    throw badRequest('A regional certificate is required for a REGIONAL domain name: regionalCertificateArn (or regionalCertificateName)')
  if (domain.mutualTlsAuthentication && (domain.endpointType !== 'REGIONAL' || domain.securityPolicy !== 'TLS_1_2'))
    throw badRequest('Mutual TLS is supported only for REGIONAL domain names with the TLS_1_2 security policy')
}

/** The DomainName wire shape: the endpoint type's own fields only; no empty values. */
export function domainNameView(context: SandboxContext, domain: DomainNameRecord) {
  const regional = domain.endpointType === 'REGIONAL'
  return {
    domainName: domain.domainName,
    certificateName: domain.certificateName,
    certificateArn: domain.certificateArn,
    certificateUploadDate: epochSeconds(domain.certificateUploadDate),
    regionalDomainName: domain.regionalDomainName,
    regionalHostedZoneId: regional ? regionalHostedZoneId(context.region) : undefined,
    regionalCertificateName: domain.regionalCertificateName,
    regionalCertificateArn: domain.regionalCertificateArn,
    distributionDomainName: domain.distributionDomainName,
    distributionHostedZoneId: regional ? undefined : CLOUDFRONT_HOSTED_ZONE_ID,
    endpointConfiguration: {types: [domain.endpointType], ipAddressType: 'ipv4'},
    domainNameStatus: 'AVAILABLE',
    securityPolicy: domain.securityPolicy,
    mutualTlsAuthentication: domain.mutualTlsAuthentication,
    tags: domain.tags ?? {},
  }
}
