import type {SandboxContext} from '../context.js'
import {AwsServiceError} from '../http.js'
import {TABLES} from '../model.js'
import type {DomainNameRecord} from '../rest/domain-records.js'

/**
 * ACM certificates as the sandbox keeps them. The sandbox issues no certificates: a certificate
 * comes into being the first time it is read while a custom domain name (in any region) names its
 * ARN, ISSUED for the first of those domains (by name) and valid for 395 days (ACM's 13 months) from
 * the earliest of their certificate upload dates;
 * or when PUT /_sandbox/certificates sets its expiry. An ARN neither names is not found, as in ACM.
 * docs/sandbox.md#acm-certificates
 */
export interface CertificateRecord {
  certificateArn: string
  domainName: string
  /** Epoch ms. */
  notBefore: number
  notAfter: number
}

/** ACM issues certificates valid for 13 months: docs/aws-behaviour.md#acm-certificates-are-valid-for-13-months */
export const VALIDITY_MS = 395 * 86_400_000

/** The ARN pattern of ACM's service model (CertificateArn, `Arn`), length 20 to 2048. */
const ARN_PATTERN = /^arn:[\w+=/,.@-]+:acm:[\w+=/,.@-]*:[0-9]+:[\w+=,.@-]+(\/[\w+=,.@-]+)*$/

export function validateArn(arn: unknown, member = 'certificateArn'): string {
  const text = typeof arn === 'string' ? arn : ''
  if (text.length >= 20 && text.length <= 2048 && ARN_PATTERN.test(text)) return text
  throw new AwsServiceError(
    400,
    'ValidationException',
    `1 validation error detected: Value '${text}' at '${member}' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:[\\w+=/,.@-]+:acm:[\\w+=/,.@-]*:[0-9]+:[\\w+=,.@-]+(/[\\w+=,.@-]+)*`,
  )
}

/** The region part of a certificate ARN (already validated). */
export const regionOfArn = (arn: string) => arn.split(':')[3]

const allDomains = (context: SandboxContext) =>
  context.store.regionNames().flatMap((region) => context.store.inRegion(region).all<DomainNameRecord>(TABLES.domainNames))

/** Every custom domain name, in every region, whose certificate (edge or regional) is `arn`. */
export function domainsUsing(context: SandboxContext, arn: string): DomainNameRecord[] {
  return allDomains(context).filter((domain) => domain.certificateArn === arn || domain.regionalCertificateArn === arn)
}

/** The certificate ARNs some custom domain name, in any region, names. */
export function namedCertificateArns(context: SandboxContext): Set<string> {
  return new Set(allDomains(context).flatMap((domain) => [domain.certificateArn, domain.regionalCertificateArn].filter((arn): arn is string => arn !== undefined)))
}

/** The certificate `arn` in this region, made on first read if a domain names it; undefined if none does. */
export function findCertificate(context: SandboxContext, arn: string): CertificateRecord | undefined {
  const known = context.store.get<CertificateRecord>(TABLES.certificates, arn)
  if (known || regionOfArn(arn) !== context.region) return known
  const users = domainsUsing(context, arn)
  if (users.length === 0) return undefined
  const notBefore = Math.min(...users.map((domain) => domain.certificateUploadDate))
  return context.store.put<CertificateRecord>(TABLES.certificates, arn, {certificateArn: arn, domainName: users.map((domain) => domain.domainName).sort()[0], notBefore, notAfter: notBefore + VALIDITY_MS})
}

export function certificateNotFound(context: SandboxContext, arn: string): AwsServiceError {
  return new AwsServiceError(400, 'ResourceNotFoundException', `Certificate with arn ${arn} not found in account ${context.accountId}`)
}

/** PUT /_sandbox/certificates {certificateArn, notAfter, domainName?}: sets (or makes) a certificate's expiry. */
export function setCertificate(context: SandboxContext, input: {certificateArn?: unknown; notAfter?: unknown; domainName?: unknown}): CertificateRecord {
  const arn = validateArn(input.certificateArn)
  const notAfter = typeof input.notAfter === 'string' || typeof input.notAfter === 'number' ? new Date(input.notAfter).getTime() : Number.NaN
  if (Number.isNaN(notAfter)) throw new AwsServiceError(400, 'BadRequestException', 'notAfter must be an ISO 8601 date or epoch milliseconds')
  const found = findCertificate(context, arn)
  const domainName = typeof input.domainName === 'string' ? input.domainName : (found?.domainName ?? 'example.com')
  const notBefore = Math.min(found?.notBefore ?? context.clock.now(), notAfter)
  return context.store.put<CertificateRecord>(TABLES.certificates, arn, {certificateArn: arn, domainName, notBefore, notAfter})
}
