import type {SandboxContext} from '../context.js'
import {notFound} from '../http.js'
import {TABLES, type Tags} from '../model.js'

/**
 * Custom domain names and their mappings, shared by the v1 (base path mappings) and v2 (API
 * mappings) services: AWS keeps one set of domain names per account and region, and a mapping made
 * through either service is seen through both.
 * docs/aws-behaviour.md#custom-domain-names-are-shared-by-v1-and-v2
 */

export type DomainEndpointType = 'EDGE' | 'REGIONAL'

export interface DomainNameRecord {
  domainName: string
  endpointType: DomainEndpointType
  certificateName?: string
  certificateArn?: string
  regionalCertificateName?: string
  regionalCertificateArn?: string
  /** `d-<id>.execute-api.<region>.amazonaws.com` (REGIONAL) */
  regionalDomainName?: string
  /** `d<id>.cloudfront.net` (EDGE) */
  distributionDomainName?: string
  securityPolicy: string
  mutualTlsAuthentication?: {truststoreUri: string; truststoreVersion?: string}
  tags?: Tags
  /** Epoch ms: when the certificate was set (AWS's certificateUploadDate). */
  certificateUploadDate: number
}

/** A base path mapping (v1) or API mapping (v2): `key` '' is the base path "(none)". */
export interface ApiMappingRecord {
  id: string
  domainName: string
  key: string
  apiId: string
  stage?: string
  createdDate: number
}

/** What AWS calls the empty base path in v1. docs/aws-behaviour.md#the-empty-base-path-is-none */
export const NO_BASE_PATH = '(none)'

/** The Route 53 hosted zone of every CloudFront (edge) distribution. docs/aws-behaviour.md#what-a-custom-domain-name-answers */
export const CLOUDFRONT_HOSTED_ZONE_ID = 'Z2FDTNDATAQYW2'

/** Regional API Gateway endpoints' hosted zones, by region. docs/aws-behaviour.md#what-a-custom-domain-name-answers */
const REGIONAL_HOSTED_ZONE_IDS: Record<string, string> = {
  'us-east-1': 'Z1UJRXOUMOOFQ8',
  'us-east-2': 'ZOJJZC49E0EPZ',
  'us-west-1': 'Z2MUQ32089INYE',
  'us-west-2': 'Z2OJLYMUO9EFXC',
  'eu-west-1': 'ZLY8HYME6SFDD',
  'eu-west-2': 'ZJ5UAJN8Y3Z2Q',
  'eu-central-1': 'Z1U9ULNL0V5AJ3',
  'ap-northeast-1': 'Z1YSHQZHG15GKL',
  'ap-southeast-1': 'ZL327KTPIQFUL',
  'ap-southeast-2': 'Z2RPCDW04V8134',
}

export const regionalHostedZoneId = (region: string) => REGIONAL_HOSTED_ZONE_IDS[region] ?? REGIONAL_HOSTED_ZONE_IDS['us-east-1']

export const DOMAIN_NOT_FOUND = 'Invalid domain name identifier specified'

export const findDomainName = (context: SandboxContext, domainName: string) => context.store.get<DomainNameRecord>(TABLES.domainNames, domainName)

export function requireDomainName(context: SandboxContext, domainName: string, message = DOMAIN_NOT_FOUND): DomainNameRecord {
  const domain = findDomainName(context, domainName)
  if (!domain) throw notFound(message)
  return domain
}

export const mappingKey = (domainName: string, key: string) => `${domainName}/${key}`

/** A domain's mappings, in the order of their keys (AWS lists them so). */
export const mappingsOf = (context: SandboxContext, domainName: string) =>
  context.store.withPrefix<ApiMappingRecord>(TABLES.apiMappings, `${domainName}/`).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))

export const findMapping = (context: SandboxContext, domainName: string, key: string) =>
  context.store.get<ApiMappingRecord>(TABLES.apiMappings, mappingKey(domainName, key))

export const saveMapping = (context: SandboxContext, mapping: ApiMappingRecord) => context.store.put(TABLES.apiMappings, mappingKey(mapping.domainName, mapping.key), mapping)

/**
 * Saves a changed mapping; a new key must be free on the domain (`taken` is the service's 409).
 * The record moves to its new key, keeping its id.
 */
export function replaceMapping(context: SandboxContext, before: ApiMappingRecord, after: ApiMappingRecord, taken: () => Error): ApiMappingRecord {
  if (after.key !== before.key) {
    if (findMapping(context, after.domainName, after.key)) throw taken()
    deleteMapping(context, before)
  }
  return saveMapping(context, after)
}

export const deleteMapping = (context: SandboxContext, mapping: ApiMappingRecord) => context.store.delete(TABLES.apiMappings, mappingKey(mapping.domainName, mapping.key))

/** A domain name goes with its mappings. docs/aws-behaviour.md#deleting-a-domain-name-deletes-its-mappings */
export function deleteDomainName(context: SandboxContext, domain: DomainNameRecord): void {
  for (const mapping of mappingsOf(context, domain.domainName)) deleteMapping(context, mapping)
  context.store.delete(TABLES.domainNames, domain.domainName)
}

/** Every mapping to an API (and, when given, one of its stages), for the refusals of DeleteRestApi/DeleteStage/DeleteApi. */
export const mappingsTo = (context: SandboxContext, apiId: string, stage?: string) =>
  context.store
    .all<ApiMappingRecord>(TABLES.apiMappings)
    .filter((mapping) => mapping.apiId === apiId && (stage === undefined || mapping.stage?.toLowerCase() === stage.toLowerCase()))
