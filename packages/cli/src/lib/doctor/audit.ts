import type {AwsSession} from '../aws/index.js'
import type {ApiType} from '../catalog/index.js'
import {usageError} from '../errors.js'
import {closestMatches} from '../util/text.js'
import {AWS_FAN_OUT} from '../util/concurrency.js'
import {CHECK_IDS, CHECKS, SEVERITIES, type Check, type CheckSeverity, type Problem} from './checks.js'
import {readInventory, type Inventory} from './inventory.js'

/** One row of `apigw doctor` (docs/json.md). */
export interface Finding {
  check: string
  severity: CheckSeverity
  /** The API it is about; null for usage plans and custom domains. */
  api: {id: string; name: string; type: ApiType} | null
  /** The stage it is about, when it is about one. */
  stage: string | null
  resource: string
  detail: string
  why: string
  fix: string
  /** Whether `apigw doctor --fix` fixes it (given --access-log or --tag where it needs them). */
  fixable: boolean
}

/** The stable JSON shape of `apigw doctor` (docs/json.md). */
export interface DoctorReport {
  checks: string[]
  scope: {apis: number; stages: number; usagePlans: number; domains: number}
  findings: Finding[]
  counts: Record<CheckSeverity, number>
  failOn: CheckSeverity
  /** No finding at or above failOn: exit 0. */
  pass: boolean
  /** The AWS calls the audit made. */
  calls: number
}

export interface DoctorOptions {
  api?: string
  stage?: string
  /** Check ids; every check when absent. */
  checks?: string[]
  failOn: CheckSeverity
  concurrency?: number
  onProgress?: (done: number, total: number) => void
}

/** The checks named, in the checklist's order; a name that is no check is a usage error (exit 2) before any call. */
export function selectChecks(ids: string[] | undefined): Check[] {
  if (ids === undefined || ids.length === 0) return CHECKS
  for (const id of ids) {
    if (!CHECK_IDS.includes(id)) {
      const close = closestMatches(id, CHECK_IDS)
      throw usageError(`--checks: "${id}" is not a check. Checks: ${CHECK_IDS.join(', ')}.`, [`Try: --checks ${close[0] ?? CHECK_IDS[0]}`], 'UNKNOWN_CHECK')
    }
  }
  return CHECKS.filter((check) => ids.includes(check.id))
}

export async function runDoctor(session: AwsSession, options: DoctorOptions): Promise<{report: DoctorReport; inventory: Inventory}> {
  const checks = selectChecks(options.checks)
  const before = session.callsMade
  const inventory = await readInventory(session, {api: options.api, stage: options.stage, concurrency: options.concurrency ?? AWS_FAN_OUT, onProgress: options.onProgress})
  const findings = findProblems(checks, inventory)
  const counts = Object.fromEntries(SEVERITIES.map((severity) => [severity, findings.filter((finding) => finding.severity === severity).length])) as Record<CheckSeverity, number>
  const threshold = SEVERITIES.indexOf(options.failOn)
  return {
    inventory,
    report: {
      checks: checks.map((check) => check.id),
      scope: {
        apis: inventory.apis.length,
        stages: inventory.apis.reduce((sum, api) => sum + api.stages.length, 0),
        usagePlans: inventory.plansInScope.length,
        domains: inventory.domains.length,
      },
      findings,
      counts,
      failOn: options.failOn,
      pass: findings.every((finding) => SEVERITIES.indexOf(finding.severity) > threshold),
      calls: session.callsMade - before,
    },
  }
}

/** Every check over every thing it inspects; most severe first, then by API, stage and check. */
export function findProblems(checks: Check[], inventory: Inventory): Finding[] {
  const findings: Finding[] = []
  const add = (check: Check, problems: Problem[], api: Finding['api'], stage: string | null, fixable = false) => {
    for (const problem of problems) findings.push({check: check.id, severity: check.severity, api, stage, ...problem, why: check.why, fixable})
  }
  for (const check of checks) {
    for (const api of inventory.apis) {
      if (check.api) add(check, check.api(api), api.api, null)
      for (const stage of api.stages) {
        const context = {api, stage, inventory}
        if (check.stage) add(check, check.stage(context), api.api, stage.name, check.fix !== undefined)
      }
    }
    for (const plan of inventory.plansInScope) if (check.plan) add(check, check.plan(plan), null, null)
    for (const domain of inventory.domains) if (check.domain) add(check, check.domain(domain), null, null)
  }
  const rank = (finding: Finding) => SEVERITIES.indexOf(finding.severity)
  return findings.sort((a, b) => rank(a) - rank(b))
}
