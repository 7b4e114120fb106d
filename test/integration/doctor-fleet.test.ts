import {mkdtempSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {runCli} from '../helpers/cli.js'
import {FLEET_REGIONS as REGIONS, useFleet} from '../helpers/fleet.js'
import {sarifViolations} from '../helpers/sarif.js'
import {seeder} from '../helpers/seed.js'

// `apigw doctor --all` over two regions and two profiles (docs/fleet.md#doctor): profile `prod`
// points at a sandbox with one HTTP API per region (the same findings in each: they must stay
// apart), profile `gone` at a sandbox that has stopped, so each of its regions fails.
const ids: Record<string, string> = {}

const fleet = useFleet(async (sandbox) => {
  for (const region of REGIONS) ids[region] = (await seeder(sandbox.endpoint, region).httpApi('shop')).id
})

const fleetArgs = ['--all', '--regions', REGIONS.join(','), '--profiles', 'prod,gone', '--retry-budget', '1s']
const run = (...args: string[]) => runCli(args, fleet.env)

interface Finding {
  account: string | null
  region: string | null
  profile: string | null
  check: string
  severity: string
  api: {id: string} | null
}

interface Target {
  profile: string | null
  region: string | null
  account: string | null
  error: {code: string} | null
}

describe('doctor --all --regions --profiles', () => {
  it('audits every target, each finding with its account and region, counts over all, the failed targets listed', async () => {
    const {code, stdout, stderr} = await run('doctor', ...fleetArgs, '--json')
    // Medium and low findings only: the default --fail-on high passes, and without --strict a failed target is a warning.
    expect(code).toBe(0)
    const data = JSON.parse(stdout) as {findings: Finding[]; counts: Record<string, number>; scope: {apis: number}; pass: boolean; targets: Target[]}
    const found = (region: string) => data.findings.filter((finding) => finding.region === region)
    for (const region of REGIONS) {
      expect(found(region).map((finding) => finding.check).sort()).toEqual(['access-logging-off', 'method-authorization', 'throttle-default', 'untagged-stage'])
      for (const finding of found(region)) expect([finding.account, finding.profile, finding.api?.id]).toEqual(['123456789012', 'prod', ids[region]])
    }
    expect(data.findings).toHaveLength(8)
    expect(data.counts).toEqual({high: 0, medium: 4, low: 4})
    expect(data.scope.apis).toBe(2)
    expect(data.pass).toBe(true)
    expect(data.targets.map((target) => [target.profile, target.region, target.account, target.error?.code ?? null])).toEqual([
      ['prod', 'us-east-1', '123456789012', null],
      ['prod', 'eu-west-1', '123456789012', null],
      ['gone', 'us-east-1', null, 'ENDPOINT_UNREACHABLE'],
      ['gone', 'eu-west-1', null, 'ENDPOINT_UNREACHABLE'],
    ])
    expect(stderr).toContain('profile gone, eu-west-1: not read:')
  })

  it('names account and region on each finding in text, the failed targets on lines of their own, then the counts', async () => {
    const {code, stdout} = await run('doctor', ...fleetArgs)
    expect(code).toBe(0)
    expect(stdout).toMatch(/^medium\s+access-logging-off\s+123456789012 · eu-west-1 · shop · stage \$default$/m)
    expect(stdout).toMatch(/^low\s+untagged-stage\s+123456789012 · us-east-1 · shop · stage \$default$/m)
    expect(stdout).toMatch(/^not read: - · eu-west-1 · profile gone: GetRestApis failed: could not connect to http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)\.$/m)
    expect(stdout).toMatch(/\(2 of 4 regions and profiles read\) checked with 19 checks in \d+ AWS calls: 0 high, 4 medium, 4 low; pass: nothing at or above high\.\n$/)
  })

  it("names the finding's region and profile in its fix command, which then runs where the finding is", async () => {
    const {stdout} = await run('doctor', ...fleetArgs, '--checks', 'throttle-default', '--json')
    const fix = (JSON.parse(stdout) as {findings: Array<Finding & {fix: string}>}).findings.find((finding) => finding.region === 'eu-west-1')!.fix
    expect(fix).toBe(`apigw doctor --region eu-west-1 --profile prod --fix --api ${ids['eu-west-1']} --stage '$default' --checks throttle-default`)
    const args = fix.replace(/^apigw /, '').replace("'$default'", '$default').split(' ')
    const dryRun = await run(...args, '--dry-run', '--json')
    expect(dryRun.code).toBe(0)
    expect(dryRun.stdout).toContain(`"ApiId": "${ids['eu-west-1']}"`)
  })

  it('exits 8 with --strict when a target failed and nothing is at --fail-on; 1 when something is, whatever failed', async () => {
    const strict = await run('doctor', ...fleetArgs, '--strict', '--json')
    expect(strict.code).toBe(8)
    expect(JSON.parse(strict.stdout).findings).toHaveLength(8)
    const failing = await run('doctor', ...fleetArgs, '--strict', '--fail-on', 'medium', '--json')
    expect(failing.code).toBe(1)
    expect(JSON.parse(failing.stdout).pass).toBe(false)
    expect(failing.stderr).toContain('profile gone, us-east-1: not read:')
    const healthy = await run('doctor', '--all', '--regions', REGIONS.join(','), '--profiles', 'prod', '--strict')
    expect(healthy.code).toBe(0)
    const unread = await run('doctor', '--all', '--profiles', 'gone', '--retry-budget', '1s', '--strict')
    expect(unread.code).toBe(8)
    expect(unread.stdout).toMatch(/^No findings in what could be read\.\n\nnot read: - · us-east-1 · profile gone: /)
  })

  it('writes SARIF whose locations name account and region, so that the same finding in two regions stays two results', async () => {
    const {code, stdout} = await run('doctor', ...fleetArgs, '-o', 'sarif')
    expect(code).toBe(0)
    const log = JSON.parse(stdout)
    expect(sarifViolations(log)).toEqual([])
    const results = log.runs[0].results as Array<{ruleId: string; locations: Array<{physicalLocation: {artifactLocation: {uri: string}}}>; partialFingerprints: {apigwFinding: string}}>
    const uris = results.filter((result) => result.ruleId === 'access-logging-off').map((result) => result.locations[0].physicalLocation.artifactLocation.uri)
    expect(uris.sort()).toEqual(REGIONS.map((region) => `apigw/123456789012/${region}/${ids[region]}/%24default/stage%20%24default`).sort())
    expect(new Set(results.map((result) => result.partialFingerprints.apigwFinding)).size).toBe(8)
  })

  it('under GitHub Actions: the annotations and the summary name the account and region of each finding', async () => {
    const summary = join(mkdtempSync(join(tmpdir(), 'apigw-doctor-fleet-')), 'summary.md')
    const result = await runCli(['doctor', ...fleetArgs, '--checks', 'access-logging-off', '--fail-on', 'medium', '--json'], {...fleet.env, GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary})
    expect(result.code).toBe(1)
    for (const region of REGIONS) expect(result.stderr).toContain(`::warning title=doctor%3A access-logging-off on 123456789012 ${region} shop stage $default::access logging has no destination.`)
    const markdown = readFileSync(summary, 'utf8')
    expect(markdown).toContain('apigw doctor: failed at medium (exit 1)')
    expect(markdown).toContain('| medium | access-logging-off | 123456789012 eu-west-1 shop stage $default |')
  })

  it('refuses --fix with --regions or --profiles (exit 2) before any call, and --regions without --all', async () => {
    const fix = await run('doctor', '--fix', ...fleetArgs, '--dry-run', '--debug')
    expect(fix.code).toBe(2)
    expect(fix.stderr).toContain('--fix changes one region of one account at a time')
    expect(fix.stderr).not.toContain('ok in')
    expect((await run('doctor', '--regions', 'us-east-1')).code).toBe(2)
  })
})
