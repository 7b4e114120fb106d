import {DescribeCertificateCommand} from '@aws-sdk/client-acm'
import type {Scenario} from './probe.js'

// The ARN of a certificate neither target has: moto keeps none until one is imported, the sandbox none until a domain names it.
const UNKNOWN = 'arn:aws:acm:us-east-1:123456789012:certificate/00000000-aaaa-bbbb-cccc-000000000000'

export const acmScenarios: Scenario[] = [
  {
    name: 'DescribeCertificate of a certificate ACM does not have is ResourceNotFoundException',
    run: (probe) => probe.failure(probe.clients.acm.send(new DescribeCertificateCommand({CertificateArn: UNKNOWN}))),
  },
]
