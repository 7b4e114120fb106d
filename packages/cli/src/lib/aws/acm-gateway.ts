import {ACMClient, DescribeCertificateCommand} from '@aws-sdk/client-acm'
import {createSdkClient} from './sdk-client.js'
import type {AwsSession} from './session.js'

/** What apigw reads of a certificate: when it stops being valid, and ACM's status. */
export interface CertificateDates {
  notAfter: Date | null
  status: string | null
}

/**
 * The ACM operation apigw uses, and nothing else. A certificate is read in the region its ARN names,
 * not the session's: an EDGE domain's certificate is in us-east-1
 * (docs/aws-behaviour.md#an-edge-domains-certificate-is-in-us-east-1).
 */
export function createAcmGateway(session: AwsSession) {
  const clients = new Map<string, ACMClient>()
  const clientFor = (region: string) => {
    let client = clients.get(region)
    if (!client) clients.set(region, (client = createSdkClient(session, 'acm', (config) => new ACMClient({...config, region}))))
    return client
  }

  return {
    describeCertificate: async (certificateArn: string): Promise<CertificateDates> => {
      const region = certificateArn.split(':')[3] || session.settings.region
      const {Certificate} = await session.call('acm', 'DescribeCertificate', () => clientFor(region).send(new DescribeCertificateCommand({CertificateArn: certificateArn})))
      return {notAfter: Certificate?.NotAfter ?? null, status: Certificate?.Status ?? null}
    },
  }
}

export type AcmGateway = ReturnType<typeof createAcmGateway>
