import type {AwsSession} from '../aws/index.js'
import {forEachTarget, located, type TargetReport, type TargetSpec} from '../fleet/index.js'
import {shellQuote} from '../util/shell.js'
import {SEVERITIES, type CheckSeverity} from './checks.js'
import {runDoctor, selectChecks, type DoctorOptions, type DoctorReport, type Finding} from './audit.js'

/** A finding of `apigw doctor --all --regions/--profiles`: where it was found besides what it is. */
export type LocatedFinding = Finding & Pick<TargetReport, 'account' | 'region' | 'profile'>

/** `apigw doctor` over several targets: one report, counts and verdict over all of them, and every target (docs/json.md). */
export interface FleetDoctorReport extends DoctorReport {
  findings: LocatedFinding[]
  targets: TargetReport[]
}

/**
 * The audit once per target (each with the per-API concurrency of one audit), merged: most severe
 * first, then in the targets' order. A target that could not be read has no findings and is in
 * `targets` with its reason; it changes neither the counts nor the verdict (docs/fleet.md#doctor).
 */
export async function runFleetDoctor(specs: TargetSpec[], open: (spec: TargetSpec) => Promise<AwsSession>, options: Omit<DoctorOptions, 'api' | 'stage' | 'onProgress'>): Promise<FleetDoctorReport> {
  const run = await forEachTarget(specs, open, async (session) => (await runDoctor(session, options)).report)
  const rank = (finding: Finding) => SEVERITIES.indexOf(finding.severity)
  const findings = located(run, (report) => report.findings)
    .map((finding) => ({...finding, fix: inTarget(finding.fix, finding)}))
    .sort((a, b) => rank(a) - rank(b))
  const reports = run.results.map(({result}) => result)
  const sum = (value: (report: DoctorReport) => number) => reports.reduce((total, report) => total + value(report), 0)
  return {
    checks: selectChecks(options.checks).map((check) => check.id),
    scope: {apis: sum((r) => r.scope.apis), stages: sum((r) => r.scope.stages), usagePlans: sum((r) => r.scope.usagePlans), domains: sum((r) => r.scope.domains)},
    findings,
    counts: Object.fromEntries(SEVERITIES.map((severity) => [severity, sum((r) => r.counts[severity])])) as Record<CheckSeverity, number>,
    failOn: options.failOn,
    pass: reports.every((report) => report.pass),
    calls: sum((r) => r.calls),
    targets: run.targets,
  }
}

/** A command in a fix: apigw or the AWS CLI, then its command's words (up to its first flag or argument that is not a word). */
const COMMAND = /\b(?:apigw|aws)(?: [a-z][\w-]*)+/g

/**
 * Each command in a fix names the finding's region and profile after its command's words, so that
 * it runs where the finding is rather than in the default region (both CLIs take flags anywhere after them).
 */
function inTarget(fix: string, target: Pick<TargetReport, 'region' | 'profile'>): string {
  const flags = [target.region && `--region ${target.region}`, target.profile && `--profile ${shellQuote(target.profile)}`].filter(Boolean).join(' ')
  return flags === '' ? fix : fix.replace(COMMAND, (command) => `${command} ${flags}`)
}
