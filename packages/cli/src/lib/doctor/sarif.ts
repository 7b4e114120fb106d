import type {DoctorReport, Finding} from './audit.js'
import type {LocatedFinding} from './fleet.js'
import {CHECKS, type Check, type CheckSeverity} from './checks.js'

/**
 * The report as SARIF 2.1.0 (OASIS), as GitHub code scanning reads it: one rule per check run,
 * one result per finding. Findings are about AWS resources, not files: each result names its
 * resource as a logical location, and as a relative artifact URI of its own
 * (`apigw/<api>/<stage>/…`; `apigw/<account>/<region>/<api>/…` for a fleet's findings, so that
two regions' findings stay apart): code scanning refuses a result without a physical location, and an
 * absolute URI whose scheme is not the checkout's (file:).
 */

export interface SarifLog {
  $schema: string
  version: '2.1.0'
  runs: Array<Record<string, unknown>>
}

const LEVELS: Record<CheckSeverity, 'error' | 'warning' | 'note'> = {high: 'error', medium: 'warning', low: 'note'}
/** GitHub ranks security results by this property (0.1 to 10). */
const SECURITY_SEVERITY: Record<CheckSeverity, string> = {high: '8.0', medium: '5.0', low: '2.0'}

export function toSarif(report: DoctorReport, version: string): SarifLog {
  const rules = report.checks.map((id) => CHECKS.find((check) => check.id === id)).filter((check): check is Check => check !== undefined)
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {driver: {name: 'apigw doctor', version, informationUri: 'https://github.com/apigw/apigw/blob/main/docs/doctor.md', rules: rules.map(rule)}},
        results: report.findings.map((finding) => result(finding, rules.findIndex((check) => check.id === finding.check))),
      },
    ],
  }
}

function rule(check: Check) {
  const mapped = Object.entries(check.mappings).map(([source, id]) => `${source}: ${id}`)
  return {
    id: check.id,
    name: check.id.replace(/(^|-)(\w)/g, (_, _dash: string, letter: string) => letter.toUpperCase()),
    shortDescription: {text: check.title},
    fullDescription: {text: `${check.title}: ${check.why}.`},
    help: {text: `${check.why}.${mapped.length > 0 ? ` Matches ${mapped.join('; ')}.` : ''}`},
    defaultConfiguration: {level: LEVELS[check.severity]},
    properties: {tags: ['api-gateway', 'security'], 'security-severity': SECURITY_SEVERITY[check.severity]},
  }
}

/**
 * Where a finding is: apigw/<api id>/<stage>/<resource> (or apigw/<resource> for plans and domains),
 * after its account ("-" when unread) and region when it is a fleet's; each part percent-encoded.
 */
function location(finding: Finding & Partial<LocatedFinding>): string {
  const target = finding.region === undefined ? [] : [finding.account ?? '-', finding.region]
  const parts = [...target, finding.api?.id, finding.stage, finding.resource].filter((part): part is string => part !== null && part !== undefined)
  return `apigw/${parts.map(encodeURIComponent).join('/')}`
}

function result(finding: Finding, ruleIndex: number) {
  const uri = location(finding)
  return {
    ruleId: finding.check,
    ruleIndex,
    level: LEVELS[finding.severity],
    message: {text: `${finding.detail}${finding.api ? ` (${finding.api.name}${finding.stage ? `, stage ${finding.stage}` : ''})` : ''}. Fix: ${finding.fix}`},
    locations: [
      {
        physicalLocation: {artifactLocation: {uri}},
        logicalLocations: [{name: finding.resource, fullyQualifiedName: uri, kind: 'resource'}],
      },
    ],
    partialFingerprints: {apigwFinding: `${finding.check}:${uri}`},
  }
}
