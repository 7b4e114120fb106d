import type {RolloutEnd, RolloutEvent} from '../../lib/canary/index.js'
import {millis, percent, type GateName} from '../../lib/metrics/index.js'
import type {CheckResult} from '../../lib/metrics/index.js'
import type {DomainCheck} from '../../lib/domains/index.js'
import type {DiffReport} from '../../lib/openapi/index.js'
import type {DoctorReport, Finding, LocatedFinding} from '../../lib/doctor/index.js'
import {plural} from '../../lib/util/text.js'
import {markdownTable, markdownText, type Annotation, type GithubReport} from './github.js'

/** What each command gives its GitHub report: its result object, as it printed it. */
export type CiResult =
  | {command: 'metrics check'; result: CheckResult; exitCode: number}
  | {command: 'canary run'; events: RolloutEvent[]; end: RolloutEnd}
  | {command: 'apis diff'; result: DiffReport; exitCode: number}
  | {command: 'doctor'; result: DoctorReport; exitCode: number}
  | {command: 'domains check'; result: DomainCheck; exitCode: number}

export function githubReport(input: CiResult): GithubReport {
  if (input.command === 'metrics check') return checkReport(input.result, input.exitCode)
  if (input.command === 'canary run') return rolloutReport(input.events, input.end)
  if (input.command === 'doctor') return doctorReport(input.result, input.exitCode)
  if (input.command === 'domains check') return domainsReport(input.result, input.exitCode)
  return diffReport(input.result, input.exitCode)
}

/** The summary's heading: the command, how it ended, and its exit code. */
const heading = (command: string, outcome: string, exitCode: number) => `### ${exitCode === 0 ? '✅' : '❌'} apigw ${command}: ${markdownText(outcome)} (exit ${exitCode})`

/** Summary lines as one Markdown section, a blank line after it for the next step's. */
const markdown = (lines: string[]) => `${lines.join('\n').trimEnd()}\n\n`

const where = (api: {name: string}, stage: string | null) => `${api.name}${stage ? ` stage ${stage}` : ''}`

/** A gate's value or limit: rates as percentages, latency in ms. */
const gateValue = (gate: GateName, value: number | null) => (value === null ? '—' : gate === '4xx-rate' || gate === '5xx-rate' ? percent(value) : millis(value))

function checkReport(result: CheckResult, exitCode: number): GithubReport {
  const target = where(result.api, result.stage)
  const annotations: Annotation[] = result.gates
    .filter((gate) => gate.status === 'fail')
    .map((gate) => ({level: 'error', title: `metrics check: ${gate.gate} on ${target}`, message: gate.detail}))
  if (result.outcome === 'not-enough-data') {
    annotations.push({level: result.pass ? 'warning' : 'error', title: `metrics check: not enough data on ${target}`, message: result.reason ?? 'Not enough requests to judge.'})
  }
  const requests = result.figures.requests === null ? 'no requests' : plural(result.figures.requests, 'request')
  const summary = [
    heading('metrics check', result.outcome, exitCode),
    '',
    `${markdownText(target)} (${result.traffic} traffic), ${result.window.start} to ${result.window.end}: ${requests}.${result.reason ? ` ${markdownText(result.reason)}` : ''}`,
    '',
    ...markdownTable(
      ['gate', 'status', 'value', 'limit', 'detail'],
      result.gates.map((gate) => [gate.gate, gate.status, gateValue(gate.gate, gate.value), gateValue(gate.gate, gate.limit), gate.detail]),
    ),
  ]
  return {annotations, summary: markdown(summary)}
}

function rolloutReport(events: RolloutEvent[], end: RolloutEnd): GithubReport {
  const annotations: Annotation[] =
    end.exitCode === 0 ? [] : [{level: end.event === 'interrupted' ? 'warning' : 'error', title: `canary run: ${end.event}`, message: end.message}]
  const started = events.find((event) => event.event === 'started')
  const evaluations = events.filter((event) => event.event === 'evaluation')
  const lastGates = end.failedGates?.length ? end.failedGates : (evaluations.at(-1)?.gates ?? [])
  const position = end.position ? ` at step ${end.position.step} of ${end.position.steps} (${end.position.percent}%)` : ''
  const summary = [
    heading('canary run', end.event, end.exitCode),
    '',
    `**${markdownText(end.event)}**${position}: ${markdownText(end.message)}`,
    '',
    ...(started ? [`Canary deployment ${markdownText(started.canaryDeploymentId)}, base ${markdownText(started.baseDeploymentId)}.`, ''] : []),
    ...markdownTable(
      ['step', 'traffic', 'evaluations', 'failed', 'result'],
      (started?.steps ?? []).map((share, index) => {
        const step = index + 1
        const judged = evaluations.filter((event) => event.step === step)
        const reached = events.some((event) => event.event === 'step-started' && event.step === step)
        const result = !reached ? 'not reached' : end.position?.step === step && end.exitCode !== 0 ? end.event : (judged.at(-1)?.outcome ?? '—')
        return [step, `${share}%`, judged.length, judged.filter((event) => event.outcome === 'failed').length, result]
      }),
    ),
    ...markdownTable(
      ['gate', 'status', 'canary', 'base', 'limit', 'detail'],
      lastGates.map((gate) => [gate.gate, gate.status, gateValue(gate.gate, gate.canary), gateValue(gate.gate, gate.base), gateValue(gate.gate, gate.limit), gate.detail]),
    ),
  ]
  return {annotations, summary: markdown(summary)}
}

/** A field's value in a diff: text as it is, anything else as JSON, none as a dash. */
const shown = (value: unknown) => (value === null || value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value))

function diffReport(diff: DiffReport, exitCode: number): GithubReport {
  const target = `${diff.file} against ${where(diff.api, diff.stage)}`
  const title = `apis diff: ${where(diff.api, diff.stage)}`
  // Only in AWS or changed: importing the file would remove or alter what clients call now.
  const annotations: Annotation[] = [
    ...diff.removed.map((operation): Annotation => ({level: 'error', title, message: `${operation} is in AWS but not in ${diff.file}.`})),
    ...diff.changed.map(({operation, changes}): Annotation => ({
      level: 'error',
      title,
      message: `${operation} differs: ${changes.map((change) => `${change.field} (file ${shown(change.file)}, AWS ${shown(change.aws)})`).join('; ')}.`,
    })),
    ...diff.added.map((operation): Annotation => ({level: 'warning', title, message: `${operation} is in ${diff.file} but not in AWS.`})),
  ]
  const count = diff.added.length + diff.removed.length + diff.changed.length
  const summary = [
    heading('apis diff', diff.equal ? 'no differences' : plural(count, 'difference'), exitCode),
    '',
    diff.equal ? `${markdownText(target)}: the same ${plural(diff.operations.aws, 'operation')}.` : `${markdownText(target)}:`,
    '',
    ...markdownTable(['', 'operation', 'field', 'in the file', 'in AWS'], [
      ...diff.added.map((operation) => ['added (only in the file)', operation, '', '', '']),
      ...diff.removed.map((operation) => ['removed (only in AWS)', operation, '', '', '']),
      ...diff.changed.flatMap(({operation, changes}) => changes.map((change) => ['changed', operation, change.field, shown(change.file), shown(change.aws)])),
    ]),
  ]
  return {annotations, summary: markdown(summary)}
}

const DOCTOR_LEVELS = {high: 'error', medium: 'warning', low: 'notice'} as const

/** A finding's API and stage, after its account and region when a fleet audit found it (docs/fleet.md#doctor), so that two regions' stay apart. */
const findingWhere = (finding: Finding & Partial<LocatedFinding>) =>
  [...(finding.region === undefined ? [] : [finding.account ?? '-', finding.region]), finding.api && where(finding.api, finding.stage)].filter(Boolean).join(' ')

/** One annotation per finding (high an error, medium a warning, low a notice); every finding in the summary's table. */
function doctorReport(report: DoctorReport, exitCode: number): GithubReport {
  const annotations: Annotation[] = report.findings.map((finding) => ({
    level: DOCTOR_LEVELS[finding.severity],
    title: `doctor: ${finding.check}${findingWhere(finding) ? ` on ${findingWhere(finding)}` : ''}`,
    message: `${finding.detail}. ${finding.why}. Fix: ${finding.fix}`,
  }))
  const counts = `${report.counts.high} high, ${report.counts.medium} medium, ${report.counts.low} low`
  const summary = [
    heading('doctor', report.pass ? 'passed' : `failed at ${report.failOn}`, exitCode),
    '',
    `${plural(report.scope.apis, 'API')} and ${plural(report.scope.stages, 'stage')} checked: ${counts}.`,
    '',
    ...markdownTable(
      ['severity', 'check', 'where', 'resource', 'what', 'fix'],
      report.findings.map((finding) => [finding.severity, finding.check, findingWhere(finding) || '—', finding.resource, finding.detail, finding.fix]),
    ),
  ]
  return {annotations, summary: markdown(summary)}
}

/** `domains check`: an error per failing finding (an expiring certificate, TLS 1.0, a dangling mapping), a notice per note. */
function domainsReport(check: DomainCheck, exitCode: number): GithubReport {
  const annotations = check.findings.map(
    (finding): Annotation => ({level: finding.level === 'failed' ? 'error' : 'notice', title: `domains check: ${finding.kind}${finding.domain ? ` on ${finding.domain}` : ''}`, message: finding.detail}),
  )
  const failing = check.findings.filter((finding) => finding.level === 'failed').length
  const summary = [
    heading('domains check', check.outcome, exitCode),
    '',
    `${plural(check.domains, 'custom domain')} checked: ${plural(failing, 'finding')} failing, ${plural(check.findings.length - failing, 'note')}.`,
    '',
    ...markdownTable(['', 'check', 'domain', 'path', 'detail'], check.findings.map((finding) => [finding.level === 'failed' ? 'FAIL' : 'note', finding.kind, finding.domain ?? '—', finding.path ?? '—', finding.detail])),
  ]
  return {annotations, summary: markdown(summary)}
}
