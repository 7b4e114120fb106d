import {DescribeCertificateCommand, ListCertificatesCommand} from '@aws-sdk/client-acm'
import {CreateDomainNameCommand} from '@aws-sdk/client-api-gateway'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {Clock} from '../../packages/sandbox/src/clock.js'
import {parseFaults} from '../../packages/cli/src/lib/sandbox/faults.js'
import {controlFetch, sdkClients, startTestSandbox, type Sandbox} from '../helpers/sandbox.js'
import {failure} from './sdk-failure.js'

// The sandbox's ACM (AWS JSON 1.1) through the JS SDK's ACM client: certificates named by domains, their expiry, errors.
const NOW = Date.UTC(2026, 11, 7, 12, 0, 0)
const DAY_MS = 86_400_000
const clock: Clock = {now: () => NOW, sleep: async () => {}, random: () => 0.5}
const EAST = 'arn:aws:acm:us-east-1:123456789012:certificate/aaaaaaaa-1111-2222-3333-444444444444'
const WEST = 'arn:aws:acm:eu-west-1:123456789012:certificate/bbbbbbbb-1111-2222-3333-444444444444'
let sandbox: Sandbox

beforeAll(async () => {
  sandbox = await startTestSandbox({clock})
})
afterAll(() => sandbox.stop())

const east = () => sdkClients(sandbox.endpoint, 'us-east-1')
const west = () => sdkClients(sandbox.endpoint, 'eu-west-1')

describe('sandbox ACM', () => {
  it('answers a certificate a domain names as ISSUED for 395 days, used by every domain naming it, in any region', async () => {
    // An EDGE domain in eu-west-1 uses a us-east-1 certificate, as CloudFront requires.
    await west().rest.send(new CreateDomainNameCommand({domainName: 'edge.shop.test', endpointConfiguration: {types: ['EDGE']}, certificateArn: EAST}))
    await east().rest.send(new CreateDomainNameCommand({domainName: 'api.shop.test', endpointConfiguration: {types: ['REGIONAL']}, regionalCertificateArn: EAST}))
    const {Certificate} = await east().acm.send(new DescribeCertificateCommand({CertificateArn: EAST}))
    expect(Certificate).toMatchObject({CertificateArn: EAST, DomainName: 'api.shop.test', Status: 'ISSUED', Type: 'AMAZON_ISSUED', KeyAlgorithm: 'RSA-2048'})
    expect(Certificate?.NotBefore?.getTime()).toBe(NOW)
    expect(Certificate?.NotAfter?.getTime()).toBe(NOW + 395 * DAY_MS)
    expect(Certificate?.InUseBy?.sort()).toEqual(['api.shop.test', 'edge.shop.test'])
    const {CertificateSummaryList} = await east().acm.send(new ListCertificatesCommand({}))
    expect(CertificateSummaryList?.map((summary) => [summary.CertificateArn, summary.InUse, summary.Status])).toEqual([[EAST, true, 'ISSUED']])
  })

  it('keeps a certificate in its ARN\'s region: another region does not find it', async () => {
    const error = await failure(west().acm.send(new DescribeCertificateCommand({CertificateArn: EAST})))
    expect(error).toEqual({name: 'ResourceNotFoundException', status: 400, message: `Certificate with arn ${EAST} not found in account 123456789012`})
  })

  it('does not find a certificate no domain names, and refuses a malformed ARN with a ValidationException', async () => {
    expect((await failure(west().acm.send(new DescribeCertificateCommand({CertificateArn: WEST})))).name).toBe('ResourceNotFoundException')
    const error = await failure(east().acm.send(new DescribeCertificateCommand({CertificateArn: 'not-an-arn-at-all-really'})))
    expect(error.name).toBe('ValidationException')
    expect(error.message).toMatch(/^1 validation error detected: Value 'not-an-arn-at-all-really' at 'certificateArn' failed to satisfy constraint/)
  })

  it('sets a certificate\'s expiry through PUT /_sandbox/certificates, in the ARN\'s region; past it the certificate is EXPIRED', async () => {
    const soon = new Date(NOW + 10 * DAY_MS).toISOString()
    const set = await controlFetch(sandbox, 'certificates', {method: 'PUT', body: JSON.stringify({certificateArn: WEST, notAfter: soon, domainName: 'eu.shop.test'})})
    expect(set.status).toBe(200)
    expect((await set.json()).certificate).toMatchObject({certificateArn: WEST, notAfter: soon, domainName: 'eu.shop.test'})
    expect((await west().acm.send(new DescribeCertificateCommand({CertificateArn: WEST}))).Certificate).toMatchObject({Status: 'ISSUED', NotAfter: new Date(soon), InUseBy: []})

    await controlFetch(sandbox, 'certificates', {method: 'PUT', body: JSON.stringify({certificateArn: WEST, notAfter: NOW - DAY_MS})})
    expect((await west().acm.send(new DescribeCertificateCommand({CertificateArn: WEST}))).Certificate?.Status).toBe('EXPIRED')
    const refused = await controlFetch(sandbox, 'certificates', {method: 'PUT', body: JSON.stringify({certificateArn: WEST, notAfter: 'someday'})})
    expect(refused.status).toBe(400)
    const anonymous = await fetch(`${sandbox.endpoint}/_sandbox/certificates`, {method: 'PUT', body: JSON.stringify({certificateArn: WEST, notAfter: NOW})})
    expect(anonymous.status).toBe(403)
  })

  it('lets faults fail DescribeCertificate by name, in ACM\'s error shape', async () => {
    sandbox.faults = parseFaults('fail=DescribeCertificate#1')
    expect(await failure(east().acm.send(new DescribeCertificateCommand({CertificateArn: EAST})))).toMatchObject({name: 'ServiceUnavailableException', status: 503})
    expect((await east().acm.send(new DescribeCertificateCommand({CertificateArn: EAST}))).Certificate?.Status).toBe('ISSUED')
  })
})
