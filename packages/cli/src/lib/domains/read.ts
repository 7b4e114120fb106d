import type {ApiMapping, AwsSession, CustomDomain} from '../aws/index.js'
import {fetchApis, listStages, notFoundByIdOrName, summarize, type AnyApi, type ApiType} from '../catalog/index.js'
import {byCodePoint} from '../util/text.js'
import {readExpiries} from './certificates.js'
import {previousTargets} from './previous.js'

/** A mapping's path as people read it: AWS's "(none)" for the empty one (docs/aws-behaviour.md#the-empty-base-path-is-none). */
export const pathText = (path: string) => (path === '' ? '(none)' : path)

/** One path of a custom domain and the stage it reaches (JSON contract, docs/json.md). */
export interface DomainMapping {
  /** The base path or API mapping key; '' is the empty one, "(none)". */
  path: string
  apiMappingId: string
  api: {id: string; name: string | null; type: ApiType | null; exists: boolean}
  /** null: a REST base path mapping without a stage maps the whole API. */
  stage: string | null
  /** Whether the stage exists (null when the API does not, or no stage is named). */
  stageExists: boolean | null
  /** What `domains switch --back` returns to: "apiId:stage", recorded by the last switch of this path. */
  previous: string | null
}

/** One custom domain name with its mappings (JSON contract, docs/json.md). */
export interface DomainSummary {
  domainName: string
  endpointType: string | null
  status: string | null
  securityPolicy: string | null
  certificateArn: string | null
  /** ACM's NotAfter (read with `certificates: true`); null when unknown or not read. */
  certificateExpiry: string | null
  /** Why the expiry is unknown (ACM refused, no certificate); null when known or not read. */
  certificateNote: string | null
  certificateUploadDate: string | null
  /** Where DNS points: the regional (or CloudFront) name and its Route 53 hosted zone. */
  dnsTarget: {domainName: string | null; hostedZoneId: string | null}
  routingMode: string | null
  mutualTls: {truststoreUri: string; truststoreVersion: string | null} | null
  mappings: DomainMapping[]
}

/** The APIs of the account, by id, and their stages, fetched once per API. */
export interface ApiDirectory {
  apis: Map<string, AnyApi>
  stagesOf(apiId: string): Promise<string[]>
}

export async function apiDirectory(session: AwsSession): Promise<ApiDirectory> {
  const apis = new Map((await fetchApis(session)).map((entry) => [summarize(entry).id, entry] as const))
  const stages = new Map<string, Promise<string[]>>()
  return {
    apis,
    stagesOf(apiId) {
      const entry = apis.get(apiId)
      if (!entry) return Promise.resolve([])
      if (!stages.has(apiId)) stages.set(apiId, listStages(session, entry).then((found) => found.map((stage) => stage.summary.name)))
      return stages.get(apiId) as Promise<string[]>
    },
  }
}

/**
 * The custom domain names of the region, or just one, with their mappings resolved against the APIs
 * there are; with `certificates`, each certificate's expiry read from ACM (once per certificate).
 */
export async function readDomains(session: AwsSession, options: {domain?: string; certificates?: boolean} = {}): Promise<{domains: DomainSummary[]; directory: ApiDirectory}> {
  const v2 = await session.v2()
  const [all, directory] = await Promise.all([v2.listCustomDomains(), apiDirectory(session)])
  const wanted = options.domain === undefined ? all : all.filter((domain) => domain.DomainName?.toLowerCase() === options.domain?.toLowerCase())
  if (options.domain !== undefined && wanted.length === 0) throw domainNotFound(session, options.domain, all)
  const domains = await Promise.all(wanted.map(async (domain) => describeDomain(domain, await v2.listApiMappings(domain.DomainName ?? ''), directory)))
  if (options.certificates) {
    const expiries = await readExpiries(session, domains.map((domain) => domain.certificateArn))
    for (const domain of domains) {
      const read = domain.certificateArn ? expiries.get(domain.certificateArn) : undefined
      domain.certificateExpiry = read?.expiry ?? null
      domain.certificateNote = read ? read.note : 'no certificate ARN (an imported certificate by name, or none)'
    }
  }
  return {domains: domains.sort((a, b) => byCodePoint(a.domainName, b.domainName)), directory}
}

export function domainNotFound(session: AwsSession, wanted: string, there: Array<Pick<CustomDomain, 'DomainName'>>) {
  return notFoundByIdOrName(session, {what: 'custom domain name', code: 'DOMAIN_NOT_FOUND', wanted, names: there.map((domain) => domain.DomainName ?? ''), list: 'domains list'})
}

async function describeDomain(domain: CustomDomain, mappings: ApiMapping[], directory: ApiDirectory): Promise<DomainSummary> {
  const [config] = domain.DomainNameConfigurations ?? []
  const previous = previousTargets(domain.Tags)
  const described = await Promise.all(mappings.map((mapping) => describeMapping(mapping, directory, previous)))
  return {
    domainName: domain.DomainName ?? '',
    endpointType: config?.EndpointType ?? null,
    status: config?.DomainNameStatus ?? null,
    securityPolicy: config?.SecurityPolicy ?? null,
    certificateArn: config?.CertificateArn ?? null,
    certificateExpiry: null,
    certificateNote: null,
    certificateUploadDate: config?.CertificateUploadDate ? new Date(config.CertificateUploadDate).toISOString() : null,
    dnsTarget: {domainName: config?.ApiGatewayDomainName ?? null, hostedZoneId: config?.HostedZoneId ?? null},
    routingMode: domain.RoutingMode ?? null,
    mutualTls: domain.MutualTlsAuthentication?.TruststoreUri
      ? {truststoreUri: domain.MutualTlsAuthentication.TruststoreUri, truststoreVersion: domain.MutualTlsAuthentication.TruststoreVersion ?? null}
      : null,
    mappings: described.sort((a, b) => byCodePoint(a.path, b.path)),
  }
}

async function describeMapping(mapping: ApiMapping, directory: ApiDirectory, previous: Map<string, string>): Promise<DomainMapping> {
  const apiId = mapping.ApiId ?? ''
  const entry = directory.apis.get(apiId)
  const api = entry ? summarize(entry) : undefined
  const stage = mapping.Stage ?? null
  const stages = entry && stage !== null ? await directory.stagesOf(apiId) : []
  const path = mapping.ApiMappingKey ?? ''
  return {
    path,
    apiMappingId: mapping.ApiMappingId ?? '',
    api: {id: apiId, name: api?.name ?? null, type: api?.type ?? null, exists: entry !== undefined},
    stage,
    stageExists: entry && stage !== null ? stages.some((name) => (api?.type === 'rest' ? name.toLowerCase() === stage.toLowerCase() : name === stage)) : null,
    previous: previous.get(path) ?? null,
  }
}
