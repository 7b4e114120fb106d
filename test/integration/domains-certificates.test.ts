import {DescribeCertificateCommand} from '@aws-sdk/client-acm'
import {GetDomainNameCommand} from '@aws-sdk/client-api-gateway'
import {mkdtempSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {parseFaults} from '../../packages/cli/src/lib/sandbox/faults.js'
import {runCli} from '../helpers/cli.js'
import {controlFetch} from '../helpers/sandbox.js'
import {clients, env, sandbox, useSandboxCli} from '../helpers/sandbox-cli.js'

// Certificate expiry in `domains list|show|check`, read from the sandbox's ACM in the region each ARN names.
useSandboxCli()

const apigw = (...args: string[]) => runCli(args, env)
const json = (stdout: string) => JSON.parse(stdout)
const DAY_MS = 86_400_000
const EAST = 'arn:aws:acm:us-east-1:123456789012:certificate/0a0a0a0a-1111-2222-3333-444444444444'

/** Sets the certificate's NotAfter through the sandbox's control endpoint. */
async function expireIn(arn: string, days: number): Promise<string> {
  const notAfter = new Date(Date.now() + days * DAY_MS).toISOString()
  const answer = await controlFetch(sandbox, 'certificates', {method: 'PUT', body: JSON.stringify({certificateArn: arn, notAfter})})
  expect(answer.status).toBe(200)
  return notAfter
}

/** The certificate findings of `domains check --json`, as "level kind: detail". */
const certificateFindings = (stdout: string) =>
  (json(stdout).findings as Array<{level: string; kind: string; detail: string}>).filter((finding) => finding.kind.startsWith('certificate')).map((finding) => `${finding.level} ${finding.kind}: ${finding.detail}`)

describe('certificate expiry from ACM', () => {
  it('show and list give the expiry ACM answers: 395 days from the certificate upload, read in the ARN\'s region for an EDGE domain elsewhere', async () => {
    const created = await apigw('domains', 'create', 'api.cert.test', '--certificate-arn', EAST, '--json')
    expect(created.code, created.stderr).toBe(0)
    const uploaded = (await clients.rest.send(new GetDomainNameCommand({domainName: 'api.cert.test'}))).certificateUploadDate!
    const expected = new Date(uploaded.getTime() + 395 * DAY_MS).toISOString()
    // Read independently: what ACM itself answers.
    expect((await clients.acm.send(new DescribeCertificateCommand({CertificateArn: EAST}))).Certificate?.NotAfter?.toISOString()).toBe(expected)

    const show = await apigw('domains', 'show', 'api.cert.test', '--json')
    expect(show.code, show.stderr).toBe(0)
    expect(json(show.stdout)).toMatchObject({certificateArn: EAST, certificateExpiry: expected, certificateNote: null})
    const text = await apigw('domains', 'show', 'api.cert.test')
    expect(text.stdout).toMatch(new RegExp(`expires\\s+${expected.replace(/\./g, '\\.')}`))
    const list = await apigw('domains', 'list')
    expect(list.stdout).toMatch(new RegExp(`api\\.cert\\.test\\s+REGIONAL\\s+TLS_1_2\\s+${expected.slice(0, 10)}`))

    // An EDGE domain in eu-west-1 with its certificate in us-east-1, as CloudFront requires.
    const edge = await runCli(['domains', 'create', 'edge.cert.test', '--certificate-arn', EAST, '--endpoint', 'edge', '--json'], {...env, AWS_REGION: 'eu-west-1'})
    expect(edge.code, edge.stderr).toBe(0)
    const edgeShow = await runCli(['domains', 'show', 'edge.cert.test', '--json'], {...env, AWS_REGION: 'eu-west-1'})
    expect(json(edgeShow.stdout)).toMatchObject({endpointType: 'EDGE', certificateExpiry: expected})
  })

  it('check fails on a certificate expiring in 10 days or already expired, with the days, and passes once its NotAfter moves out', async () => {
    const arn = 'arn:aws:acm:us-east-1:123456789012:certificate/0b0b0b0b-1111-2222-3333-444444444444'
    expect((await apigw('domains', 'create', 'soon.cert.test', '--certificate-arn', arn)).code).toBe(0)
    const soon = await expireIn(arn, 10.5)
    const failing = await apigw('domains', 'check', '--json')
    expect(failing.code, failing.stderr).toBe(1)
    expect(certificateFindings(failing.stdout)).toEqual([`failed certificate-expiring: certificate ${arn} expires ${soon}, in 10 days (under 30)`])
    const table = await apigw('domains', 'check')
    expect(table.code).toBe(1)
    expect(table.stdout).toMatch(/FAIL\s+certificate-expiring\s+soon\.cert\.test\s+-\s+certificate arn:aws:acm:\S+ expires \S+, in 10 days \(under 30\)/)

    const gone = await expireIn(arn, -2.5)
    const expired = await apigw('domains', 'check', '--json')
    expect(expired.code).toBe(1)
    expect(certificateFindings(expired.stdout)).toEqual([`failed certificate-expired: certificate ${arn} expired ${gone} (2 days ago)`])

    // Under GitHub Actions: an annotation per failing finding, and the job summary.
    const summary = join(mkdtempSync(join(tmpdir(), 'apigw-summary-')), 'summary.md')
    const ci = await runCli(['domains', 'check'], {...env, GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary})
    expect(ci.code).toBe(1)
    expect(ci.stderr).toContain(`::error title=domains check%3A certificate-expired on soon.cert.test::certificate ${arn} expired ${gone} (2 days ago)`)
    expect(readFileSync(summary, 'utf8')).toMatch(/^### ❌ apigw domains check: failed \(exit 1\)\n[\s\S]*\| FAIL \| certificate-expired \| soon\.cert\.test \|/)

    await expireIn(arn, 90)
    const passing = await apigw('domains', 'check', '--json')
    expect(passing.code, passing.stdout).toBe(0)
    expect(json(passing.stdout).outcome).toBe('passed')
    expect(certificateFindings(passing.stdout)).toEqual([])
  })

  it('ACM refusing leaves the expiry unknown with the reason; show succeeds and check only notes it', async () => {
    sandbox.faults = parseFaults('fail=DescribeCertificate#1')
    const show = await apigw('domains', 'show', 'api.cert.test', '--json', '--retry-budget', '0s')
    expect(show.code, show.stderr).toBe(0)
    expect(json(show.stdout)).toMatchObject({certificateArn: EAST, certificateExpiry: null, certificateNote: expect.stringMatching(/^ACM did not tell: DescribeCertificate failed/)})

    // Both domains share one certificate: one DescribeCertificate call, refused.
    sandbox.faults = parseFaults('fail=DescribeCertificate#1')
    const check = await apigw('domains', 'check', '--json', '--retry-budget', '0s')
    expect(check.code, check.stdout).toBe(0)
    expect(certificateFindings(check.stdout)).toEqual([expect.stringMatching(new RegExp(`^notice certificate-expiry-unknown: certificate ${EAST}: expiry unknown: ACM did not tell: DescribeCertificate failed`))])
    const text = await apigw('domains', 'show', 'api.cert.test')
    expect(text.stdout).toMatch(/expires\s+\d{4}-/)
  })
})
