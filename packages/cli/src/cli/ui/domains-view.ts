import type {DeletedDomain, DomainCheck, DomainMapping, DomainSummary, MappingChanged, SwitchResult} from '../../lib/domains/index.js'
import {pathText} from '../../lib/domains/index.js'
import type {Palette} from './palette.js'
import {renderKeyValues, renderTable, type Cell} from './table.js'

/** 'shop (a1b2c3d4e5)', or the id and "gone" for an API that no longer exists. */
const apiText = (api: DomainMapping['api']) => (api.exists ? `${api.name} (${api.id})` : `${api.id} (gone)`)

function stageText(mapping: DomainMapping, colors: Palette): string {
  if (mapping.stage === null) return 'every stage'
  return mapping.stageExists === false ? colors.red(`${mapping.stage} (gone)`) : mapping.stage
}

const mappingRow = (mapping: DomainMapping, colors: Palette): Cell[] => [pathText(mapping.path), apiText(mapping.api), mapping.api.type, stageText(mapping, colors), mapping.previous]

const MAPPING_HEAD = ['PATH', 'API', 'KIND', 'STAGE', 'BACK TO']

export function domainsListView(data: {domains: DomainSummary[]}, colors: Palette): string {
  if (data.domains.length === 0) return colors.dim('No custom domain names in this region.')
  const rows = data.domains.flatMap((domain) => {
    const expires = domain.certificateExpiry?.slice(0, 10) ?? colors.dim('unknown')
    const shared: Cell[] = [domain.domainName, domain.endpointType, domain.securityPolicy, expires, domain.dnsTarget.domainName]
    if (domain.mappings.length === 0) return [[...shared, null, null, null]]
    return domain.mappings.map((mapping) => [...shared, pathText(mapping.path), apiText(mapping.api), stageText(mapping, colors)])
  })
  return renderTable(['DOMAIN', 'ENDPOINT', 'TLS', 'CERT EXPIRES', 'DNS TARGET', 'PATH', 'API', 'STAGE'], rows, colors)
}

export function domainShowView(domain: DomainSummary, colors: Palette): string {
  const pairs: Array<[string, Cell]> = [
    ['domain', domain.domainName],
    ['endpoint', domain.endpointType],
    ['status', domain.status],
    ['tls', domain.securityPolicy],
    ['certificate', domain.certificateArn],
    ['expires', domain.certificateExpiry ?? colors.dim(`unknown: ${domain.certificateNote ?? 'not read'}`)],
    ['dns target', domain.dnsTarget.domainName],
    ['hosted zone', domain.dnsTarget.hostedZoneId],
    ['routing', domain.routingMode],
    ['mutual tls', domain.mutualTls ? `${domain.mutualTls.truststoreUri}${domain.mutualTls.truststoreVersion ? ` (version ${domain.mutualTls.truststoreVersion})` : ''}` : 'off'],
  ]
  const mappings = domain.mappings.length === 0 ? colors.dim('No mappings.') : renderTable(MAPPING_HEAD, domain.mappings.map((mapping) => mappingRow(mapping, colors)), colors)
  return [renderKeyValues(pairs, colors), '', colors.bold('Mappings'), mappings].join('\n')
}

export function mappingChangedView(data: MappingChanged, colors: Palette): string {
  if (!data.mapping) return `${data.domain} ${pathText(data.path)}: unmapped`
  return renderTable(MAPPING_HEAD, [mappingRow(data.mapping, colors)], colors)
}

export function switchView(data: SwitchResult, colors: Palette): string {
  const pairs: Array<[string, Cell]> = [
    ['domain', data.domain],
    ['path', pathText(data.path)],
    ['from', `${data.from.apiId}:${data.from.stage ?? '(whole API)'}`],
    ['to', `${data.to.api.name} (${data.to.api.id}):${data.to.stage}, deployment ${data.to.deploymentId}`],
    ['through', data.through],
    ['now', data.mapping ? `${apiText(data.mapping.api)}:${data.mapping.stage ?? '(whole API)'}` : 'unmapped'],
    ...(data.gate ? [['gate', data.gate.outcome] as [string, Cell]] : []),
  ]
  return renderKeyValues(pairs, colors)
}

export function domainDeletedView(data: DeletedDomain, colors: Palette): string {
  return `${colors.bold(data.domain)} deleted${data.mappings.length > 0 ? `, with ${data.mappings.map((mapping) => pathText(mapping.path)).join(', ')}` : ''}`
}

export function domainCheckView(data: DomainCheck, colors: Palette): string {
  const level = (text: string) => (text === 'failed' ? colors.red('FAIL') : colors.dim('note'))
  const table = data.findings.length === 0 ? '' : renderTable(['', 'CHECK', 'DOMAIN', 'PATH', 'DETAIL'], data.findings.map((finding) => [level(finding.level), finding.kind, finding.domain, finding.path === null ? null : pathText(finding.path), finding.detail]), colors)
  const verdict = data.outcome === 'passed' ? colors.green(`passed: ${data.domains} domain(s) checked`) : colors.red(`failed: ${data.findings.filter((finding) => finding.level === 'failed').length} finding(s) fail the check`)
  return [table, verdict].filter((part) => part !== '').join('\n')
}
