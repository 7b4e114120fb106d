import type {CheckSeverity, DoctorFixResult, DoctorReport, Finding} from '../../lib/doctor/index.js'
import {plural} from '../../lib/util/text.js'
import type {Palette} from './palette.js'
import {renderTable} from './table.js'

const where = (finding: Finding) => [finding.api?.name, finding.stage && `stage ${finding.stage}`].filter(Boolean).join(', ') || '-'

function severityText(severity: CheckSeverity, colors: Palette): string {
  return severity === 'high' ? colors.red(severity) : severity === 'medium' ? colors.yellow(severity) : colors.dim(severity)
}

function findingsTable(findings: Finding[], colors: Palette): string {
  return renderTable(
    ['severity', 'check', 'where', 'resource', 'what', 'why', 'fix'],
    findings.map((finding) => [severityText(finding.severity, colors), finding.check, where(finding), finding.resource, finding.detail, finding.why, finding.fix]),
    colors,
  )
}

/** `apigw doctor`: one row per finding, then the counts and the verdict. */
export function doctorView(report: DoctorReport, colors: Palette): string {
  const scope = `${plural(report.scope.apis, 'API')}, ${plural(report.scope.stages, 'stage')}, ${plural(report.scope.usagePlans, 'usage plan')}, ${plural(report.scope.domains, 'custom domain')}`
  const counts = `${report.counts.high} high, ${report.counts.medium} medium, ${report.counts.low} low`
  const verdict = report.pass ? colors.green(`pass: nothing at or above ${report.failOn}`) : colors.red(`fail: findings at or above ${report.failOn}`)
  const head = report.findings.length === 0 ? `No findings in ${scope}.` : findingsTable(report.findings, colors)
  return [head, '', `${scope} checked with ${plural(report.checks.length, 'check')} in ${plural(report.calls, 'AWS call')}: ${counts}; ${verdict}.`].join('\n')
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
    ...(result.manual.length > 0 ? ['', colors.bold(`Left for a person (${result.manual.length}):`), findingsTable(result.manual, colors)] : []),
    ...(result.remaining.length > 0 ? ['', colors.red(`Still reported after the fix (${result.remaining.length}):`), findingsTable(result.remaining, colors)] : []),
  ].join('\n')
}
