import type {AwsSession} from '../aws/index.js'
import type {PreparedChange} from '../change/index.js'
import {sentInput} from '../change/index.js'
import {ApigwError, ExitCode, usageError} from '../errors.js'
import {plural} from '../util/text.js'
import {pathText, readDomains, type DomainSummary} from './read.js'
import {apigwCommand} from './target.js'

export interface CreateDomainOptions {
  domain: string
  certificateArn: string
  endpointType: 'REGIONAL' | 'EDGE'
  securityPolicy: 'TLS_1_2' | 'TLS_1_0'
  /** s3://bucket/key of the mutual TLS truststore. */
  truststoreUri?: string
  truststoreVersion?: string
}

/** Prepares CreateDomainName (v2, which makes a domain both services see); one that exists is refused (exit 5). */
export async function prepareCreateDomain(session: AwsSession, options: CreateDomainOptions): Promise<PreparedChange<DomainSummary>> {
  checkDomainName(options.domain)
  checkCertificateArn(options.certificateArn, options.endpointType)
  if (options.truststoreUri && (options.endpointType !== 'REGIONAL' || options.securityPolicy !== 'TLS_1_2')) {
    // docs/aws-behaviour.md#what-a-custom-domain-name-needs
    throw usageError('Mutual TLS (--truststore-uri) is for regional domains with TLS 1.2 only.', ['Try: leave out --endpoint and --tls (regional, TLS 1.2 are the defaults)'], 'MUTUAL_TLS_UNSUPPORTED')
  }
  const v2 = await session.v2()
  const there = await v2.listCustomDomains()
  if (there.some((domain) => domain.DomainName?.toLowerCase() === options.domain.toLowerCase())) {
    throw new ApigwError(`The custom domain name ${options.domain} exists already.`, {
      code: 'DOMAIN_EXISTS',
      exitCode: ExitCode.conflict,
      suggestions: [`Try: ${apigwCommand(session, 'domains', 'show', options.domain)}`],
    })
  }
  const input = {
    DomainName: options.domain,
    DomainNameConfigurations: [{CertificateArn: options.certificateArn, EndpointType: options.endpointType, SecurityPolicy: options.securityPolicy}],
    ...(options.truststoreUri ? {MutualTlsAuthentication: sentInput({TruststoreUri: options.truststoreUri, TruststoreVersion: options.truststoreVersion})} : {}),
  }
  return {
    change: {
      summary: `create the ${options.endpointType.toLowerCase()} custom domain name ${options.domain} (${options.securityPolicy})`,
      severity: 'safe',
      steps: [{service: 'apigatewayv2', operation: 'CreateDomainName', input, summary: `create ${options.domain}`, run: () => v2.createCustomDomain(input)}],
    },
    result: async () => (await readDomains(session, {domain: options.domain})).domains[0],
    nextSteps: (domain) => [
      `Point DNS at it: an alias (or CNAME) of ${domain.domainName} to ${domain.dnsTarget.domainName ?? '?'} (hosted zone ${domain.dnsTarget.hostedZoneId ?? '?'}).`,
      `Then map a path: ${apigwCommand(session, 'domains', 'map', '--domain', domain.domainName, '--path', '', '--api', '<api>', '--stage', '<stage>')}`,
    ],
  }
}

/** The stable JSON shape of `domains delete` (docs/json.md). */
export interface DeletedDomain {
  domain: string
  /** The mappings that went with it. */
  mappings: DomainSummary['mappings']
}

/** Prepares DeleteDomainName, which takes the domain's mappings with it: severe, confirmed by the domain's name. */
export async function prepareDeleteDomain(session: AwsSession, options: {domain: string}): Promise<PreparedChange<DeletedDomain>> {
  const {domains} = await readDomains(session, {domain: options.domain})
  const [domain] = domains
  const v2 = await session.v2()
  const count = domain.mappings.length
  return {
    change: {
      summary: `delete the custom domain name ${domain.domainName}${count > 0 ? ` and its ${plural(count, 'mapping')}` : ''}`,
      severity: 'severe',
      steps: [{service: 'apigatewayv2', operation: 'DeleteDomainName', input: {DomainName: domain.domainName}, summary: `delete ${domain.domainName}`, run: () => v2.deleteCustomDomain(domain.domainName)}],
    },
    confirmName: domain.domainName,
    warnings: count > 0 ? [`Its mappings go with it; these paths stop answering: ${domain.mappings.map((mapping) => pathText(mapping.path)).join(', ')}.`] : [],
    result: async () => {
      const left = await v2.listCustomDomains()
      if (left.some((found) => found.DomainName === domain.domainName)) {
        throw new ApigwError(`${domain.domainName} is still there after DeleteDomainName answered: another change landed meanwhile.`, {code: 'CHANGED_MEANWHILE', exitCode: ExitCode.conflict, suggestions: [`Try: ${apigwCommand(session, 'domains', 'show', domain.domainName)}`]})
      }
      return {domain: domain.domainName, mappings: domain.mappings}
    },
  }
}

/** A DNS name of two labels or more (a leading `*.` for a wildcard domain), checked before any call. */
function checkDomainName(domain: string): void {
  const labels = domain.replace(/^\*\./, '').split('.')
  const valid = domain.length <= 253 && labels.length >= 2 && labels.every((label) => /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i.test(label))
  if (!valid) throw usageError(`"${domain}" is not a domain name: labels of letters, digits and hyphens, separated by dots (a leading *. for a wildcard).`, ['Try: apigw domains create api.example.com --certificate-arn <acm-certificate-arn>'], 'INVALID_DOMAIN_NAME')
}

/**
 * An ACM certificate ARN; an edge-optimized domain's certificate must be in us-east-1, where
 * CloudFront reads it (docs/aws-behaviour.md#what-a-custom-domain-name-needs). Checked before any call.
 */
function checkCertificateArn(arn: string, endpointType: CreateDomainOptions['endpointType']): void {
  const region = /^arn:aws[\w-]*:acm:([a-z0-9-]+):\d{12}:certificate\/[\w-]+$/.exec(arn)?.[1]
  if (region === undefined) throw usageError(`--certificate-arn "${arn}" is not an ACM certificate ARN.`, ['Try: --certificate-arn arn:aws:acm:<region>:<account>:certificate/<id> (aws acm list-certificates lists yours)'], 'INVALID_CERTIFICATE_ARN')
  if (endpointType === 'EDGE' && region !== 'us-east-1') {
    throw usageError(`An edge-optimized domain needs its certificate in us-east-1; this one is in ${region}.`, ['Try: leave out --endpoint edge (regional domains use a certificate of their own region), or import the certificate into us-east-1'], 'INVALID_CERTIFICATE_ARN')
  }
}
