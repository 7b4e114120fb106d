import type {AwsSession} from '../aws/index.js'
import {AWS_FAN_OUT, mapConcurrently} from '../util/concurrency.js'

/** A certificate's expiry as ACM tells it, or why it is unknown. */
export interface CertificateExpiry {
  /** ISO 8601; null when unknown. */
  expiry: string | null
  /** Why the expiry is unknown (ACM refused, or answered none); null when it is known. */
  note: string | null
}

/**
 * The expiry of each certificate, read once per distinct ARN, a few at a time. Reading ACM is a
 * courtesy: any failure (no permission to read ACM, a certificate in another account, ACM down)
 * leaves that expiry unknown with ACM's reason, never fails the command.
 */
export async function readExpiries(session: AwsSession, arns: Array<string | null>): Promise<Map<string, CertificateExpiry>> {
  const distinct = [...new Set(arns.filter((arn): arn is string => arn !== null && arn !== ''))]
  if (distinct.length === 0) return new Map()
  const acm = await session.acm()
  const read = await mapConcurrently(distinct, AWS_FAN_OUT, async (arn): Promise<CertificateExpiry> => {
    try {
      const {notAfter} = await acm.describeCertificate(arn)
      return notAfter ? {expiry: notAfter.toISOString(), note: null} : {expiry: null, note: 'ACM answered no expiry (NotAfter) for it'}
    } catch (error) {
      return {expiry: null, note: `ACM did not tell: ${firstLine(error)}`}
    }
  })
  return new Map(distinct.map((arn, index) => [arn, read[index]]))
}

const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0]
