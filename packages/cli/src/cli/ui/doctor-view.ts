import type {CheckSeverity, DoctorFixResult, DoctorReport, Finding, LocatedFinding} from '../../lib/doctor/index.js'
import type {TargetReport} from '../../lib/fleet/index.js'
import {plural} from '../../lib/util/text.js'
import type {Palette} from './palette.js'
import {renderTable} from './table.js'

/** "shop · stage prod", "shop · stage prod · method GET /pets", "usage plan free"; account and region first on a fleet's findings. */
const where = (finding: Finding & Partial<LocatedFinding>) =>
  [finding.account === undefined ? null : (finding.account ?? '-'), finding.region, finding.api?.name, finding.stage !== null && finding.resource !== `stage ${finding.stage}` ? `stage ${finding.stage}` : null, finding.resource === `API ${finding.api?.name}` ? null : finding.resource].filter(Boolean).join(' · ')

function severityText(severity: CheckSeverity, colors: Palette): string {
  return severity === 'high' ? colors.red(severity) : severity === 'medium' ? colors.yellow(severity) : colors.dim(severity)
}

/**
 * Findings as blocks, one per finding: severity, check and where on the first line, then what is
 * wrong, why it matters and the fix, indented, so that long commands stay whole on 80 columns.
 */
function findingBlocks(findings: Finding[], colors: Palette): string {
  const width = Math.max(...findings.map((finding) => finding.severity.length))
  const indent = ' '.repeat(width + 2)
  return findings
    .map((finding) =>
      [
        `${severityText(finding.severity, colors)}${' '.repeat(width - finding.severity.length)}  ${colors.bold(finding.check)}  ${where(finding)}`,
        `${indent}${finding.detail}`,
        `${indent}${colors.dim(`why: ${finding.why}`)}`,
        `${indent}fix: ${finding.fix}`,
      ].join('\n'),
    )
    .join('\n\n')
}

/** `apigw doctor`: one row per finding, then the counts and the verdict. */
export function doctorView(report: DoctorReport & {targets?: TargetReport[]}, colors: Palette): string {
  const scope = `${plural(report.scope.apis, 'API')}, ${plural(report.scope.stages, 'stage')}, ${plural(report.scope.usagePlans, 'usage plan')}, ${plural(report.scope.domains, 'custom domain')}`
  const counts = `${report.counts.high} high, ${report.counts.medium} medium, ${report.counts.low} low`
  const verdict = report.pass ? colors.green(`pass: nothing at or above ${report.failOn}`) : colors.red(`fail: findings at or above ${report.failOn}`)
  const failed = (report.targets ?? []).filter((target) => target.error !== null)
  const notRead = failed.map((target) => colors.red(`not read: ${[target.account ?? '-', target.region, target.profile && `profile ${target.profile}`].filter(Boolean).join(' · ')}: ${target.error!.message}`))
  // Nothing found where nothing could be read is no clean bill: say so.
  const head = report.findings.length > 0 ? findingBlocks(report.findings, colors) : failed.length > 0 ? 'No findings in what could be read.' : 'No findings.'
  const read = report.targets === undefined ? '' : ` (${report.targets.length - failed.length} of ${report.targets.length} regions and profiles read)`
  return [head, ...(notRead.length > 0 ? ['', ...notRead] : []), '', `${scope}${read} checked with ${plural(report.checks.length, 'check')} in ${plural(report.calls, 'AWS call')}: ${counts}; ${verdict}.`].join('\n')
}

/** `apigw doctor --fix`: what was fixed per stage, what needs a person, what is still wrong. */
export function doctorFixView(result: DoctorFixResult, colors: Palette): string {
  const fixed =
    result.fixed.length === 0
      ? 'Nothing fixed.'
      : renderTable(
          ['api', 'stage', 'checks fixed', 'changes'],
          result.fixed.map((part) => [part.api.name, part.stage, part.checks.join(', '), [...part.changes.map((change) => (change.key ? `${change.setting} ${change.key}` : change.setting)), ...Object.keys(part.tags).map((key) => `tag ${key}`)].join(', ')]),
          colors,
        )
  return [
    fixed,
    ...(result.manual.length > 0 ? ['', colors.bold(`Left for a person (${result.manual.length}):`), findingBlocks(result.manual, colors)] : []),
    ...(result.remaining.length > 0 ? ['', colors.red(`Still reported after the fix (${result.remaining.length}):`), findingBlocks(result.remaining, colors)] : []),
  ].join('\n')
}
