import type {AwsSession} from '../aws/index.js'
import {summarize} from '../catalog/index.js'
import {byCodePoint} from '../util/text.js'
import {pathText, readDomains, type DomainSummary} from './read.js'

/** failed: a finding that fails the check (exit 1); notice: worth knowing, fails nothing. */
export type FindingLevel = 'failed' | 'notice'

export type FindingKind = 'certificate-expiry-unknown' | 'certificate-expiring' | 'certificate-expired' | 'tls-below-1.2' | 'api-missing' | 'stage-missing' | 'stage-unreached'

/** One finding of `domains check` (JSON contract, docs/json.md). */
export interface Finding {
  level: FindingLevel
  kind: FindingKind
  /** The domain it is about; null for a stage no domain reaches. */
  domain: string | null
  path: string | null
  detail: string
}

/** The stable JSON shape of `domains check` (docs/json.md). */
export interface DomainCheck {
  /** passed: no finding fails it (exit 0); failed: one does (exit 1). */
  outcome: 'passed' | 'failed'
  domains: number
  findings: Finding[]
}

/** Certificates that expire sooner than this fail the check. */
export const EXPIRY_WARNING_DAYS = 30
const DAY_MS = 86_400_000

/**
 * Judges every custom domain name: its certificate's expiry, read from ACM (expired or within 30
 * days fails; unknown, as when ACM refuses, is a notice with the reason), its TLS policy (below 1.2 fails), its mappings (to an
 * API or stage that no longer exists fails), and, for the APIs some domain reaches, their stages
 * that no domain reaches (a notice: the idle side of a blue/green pair is one).
 */
export async function checkDomains(session: AwsSession, options: {now?: Date} = {}): Promise<DomainCheck> {
  const {domains, directory} = await readDomains(session, {certificates: true})
  const now = options.now ?? new Date()
  const findings = domains.flatMap((domain) => domainFindings(domain, now))
  const reached = new Set(domains.flatMap((domain) => domain.mappings.map((mapping) => `${mapping.api.id}:${mapping.stage ?? '*'}`)))
  const mappedApis = [...new Set(domains.flatMap((domain) => domain.mappings.filter((mapping) => mapping.api.exists).map((mapping) => mapping.api.id)))].sort(byCodePoint)
  for (const apiId of mappedApis) {
    if (reached.has(`${apiId}:*`)) continue
    const entry = directory.apis.get(apiId)
    const name = entry ? summarize(entry).name : apiId
    for (const stage of await directory.stagesOf(apiId)) {
      if (!reached.has(`${apiId}:${stage}`)) findings.push({level: 'notice', kind: 'stage-unreached', domain: null, path: null, detail: `stage "${stage}" of ${name} (${apiId}) is reached by no custom domain`})
    }
  }
  return {outcome: findings.some((finding) => finding.level === 'failed') ? 'failed' : 'passed', domains: domains.length, findings}
}

function domainFindings(domain: DomainSummary, now: Date): Finding[] {
  const findings: Finding[] = []
  const about = (path: string | null) => ({domain: domain.domainName, path})
  if (domain.certificateExpiry === null) {
    findings.push({level: 'notice', kind: 'certificate-expiry-unknown', ...about(null), detail: `certificate ${domain.certificateArn ?? '(none)'}: expiry unknown: ${domain.certificateNote ?? 'not read'}`})
  } else {
    const left = Date.parse(domain.certificateExpiry) - now.getTime()
    const days = Math.floor(left / DAY_MS)
    if (left <= 0) findings.push({level: 'failed', kind: 'certificate-expired', ...about(null), detail: `certificate ${domain.certificateArn} expired ${domain.certificateExpiry} (${-days - 1 === 0 ? 'today' : `${-days - 1} days ago`})`})
    else if (days < EXPIRY_WARNING_DAYS) {
      findings.push({level: 'failed', kind: 'certificate-expiring', ...about(null), detail: `certificate ${domain.certificateArn} expires ${domain.certificateExpiry}, in ${days} days (under ${EXPIRY_WARNING_DAYS})`})
    }
  }
  if (domain.securityPolicy === 'TLS_1_0') findings.push({level: 'failed', kind: 'tls-below-1.2', ...about(null), detail: 'security policy TLS_1_0 accepts TLS 1.0 and 1.1 clients'})
  for (const mapping of domain.mappings) {
    const path = pathText(mapping.path)
    if (!mapping.api.exists) findings.push({level: 'failed', kind: 'api-missing', ...about(mapping.path), detail: `path ${path} maps API ${mapping.api.id}, which no longer exists`})
    else if (mapping.stageExists === false) {
      findings.push({level: 'failed', kind: 'stage-missing', ...about(mapping.path), detail: `path ${path} maps stage "${mapping.stage}" of ${mapping.api.name} (${mapping.api.id}), which no longer exists`})
    }
  }
  return findings
}
