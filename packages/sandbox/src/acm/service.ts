import type {SandboxContext} from '../context.js'
import {AwsServiceError, jsonBody, type SandboxRequest, type SandboxResponse} from '../http.js'
import {TABLES} from '../model.js'
import {certificateNotFound, domainsUsing, findCertificate, namedCertificateArns, validateArn, type CertificateRecord} from './certificates.js'

/** The ACM operations apigw uses (AWS JSON 1.1, `X-Amz-Target: CertificateManager.<Operation>`). */
export interface AcmService {
  handle(operation: string, request: SandboxRequest): SandboxResponse
}

export const ACM_TARGET = 'CertificateManager.'

const CONTENT_TYPE = 'application/x-amz-json-1.1'

/** Epoch seconds, as AWS JSON carries timestamps. */
const seconds = (ms: number) => ms / 1000

export function acmService(context: SandboxContext): AcmService {
  function detail(certificate: CertificateRecord): Record<string, unknown> {
    const now = context.clock.now()
    const inUseBy = domainsUsing(context, certificate.certificateArn).map((domain) => domain.domainName)
    return {
      CertificateArn: certificate.certificateArn,
      DomainName: certificate.domainName,
      SubjectAlternativeNames: [certificate.domainName],
      Status: now >= certificate.notAfter ? 'EXPIRED' : 'ISSUED',
      Type: 'AMAZON_ISSUED',
      KeyAlgorithm: 'RSA-2048',
      SignatureAlgorithm: 'SHA256WITHRSA',
      Issuer: 'Amazon',
      Serial: certificate.certificateArn.slice(-16).replace(/-/g, ''),
      Subject: `CN=${certificate.domainName}`,
      CreatedAt: seconds(certificate.notBefore),
      IssuedAt: seconds(certificate.notBefore),
      NotBefore: seconds(certificate.notBefore),
      NotAfter: seconds(certificate.notAfter),
      InUseBy: inUseBy,
      RenewalEligibility: inUseBy.length > 0 ? 'ELIGIBLE' : 'INELIGIBLE',
      KeyUsages: [{Name: 'DIGITAL_SIGNATURE'}, {Name: 'KEY_ENCIPHERMENT'}],
      ExtendedKeyUsages: [{Name: 'TLS_WEB_SERVER_AUTHENTICATION', OID: '1.3.6.1.5.5.7.3.1'}],
      Options: {CertificateTransparencyLoggingPreference: 'ENABLED'},
    }
  }

  const operations: Record<string, (input: Record<string, unknown>) => Record<string, unknown>> = {
    DescribeCertificate(input) {
      const arn = validateArn(input.CertificateArn)
      const certificate = findCertificate(context, arn)
      if (!certificate) throw certificateNotFound(context, arn)
      return {Certificate: detail(certificate)}
    },
    ListCertificates() {
      // Every certificate this region knows, and those its domains name (made on this read, as DescribeCertificate would).
      for (const arn of namedCertificateArns(context)) findCertificate(context, arn)
      const list = context.store.all<CertificateRecord>(TABLES.certificates).map((certificate) => {
        const {CertificateArn, DomainName, SubjectAlternativeNames, Status, Type, KeyAlgorithm, CreatedAt, IssuedAt, NotBefore, NotAfter, InUseBy} = detail(certificate)
        return {CertificateArn, DomainName, SubjectAlternativeNameSummaries: SubjectAlternativeNames, Status, Type, KeyAlgorithm, CreatedAt, IssuedAt, NotBefore, NotAfter, InUse: (InUseBy as string[]).length > 0}
      })
      return {CertificateSummaryList: list}
    },
  }

  return {
    handle(operation, request) {
      const run = Object.hasOwn(operations, operation) ? operations[operation] : undefined
      if (!run) throw new AwsServiceError(400, 'UnknownOperationException', `The sandbox does not implement the ACM operation ${operation}.`)
      return {status: 200, body: run(jsonBody(request)), headers: {'content-type': CONTENT_TYPE}}
    },
  }
}

/** ACM's error shape: `__type` and `message`; the server's injected faults keep their type. */
export function acmErrorResponse(error: AwsServiceError): SandboxResponse {
  const type = error.status === 429 ? 'ThrottlingException' : error.type
  return {status: error.status === 429 ? 400 : error.status, body: {__type: type, message: error.message}, headers: {'content-type': CONTENT_TYPE, ...error.headers}}
}
