import {escapeRegExp, isJsonFormat, jsonKeys, templateParts, variablesOf, type KnownField} from './format.js'

/**
 * Logs Insights queries over access lines in the stage's format. JSON lines: Insights discovers
 * their keys itself, so the query names the key the template gives each variable. Any other
 * format: a `parse @message /regex/` with a named group per variable, as the parser reads it.
 */
export interface InsightsFields {
  /** The query's first command, or '' for JSON. */
  parse: string
  /** The Insights field that holds a known field, or null when the format does not carry it. */
  field(name: KnownField): string | null
}

export function insightsFields(format: string): InsightsFields {
  if (isJsonFormat(format)) {
    const keys = jsonKeys(format)
    return {parse: '', field: (name) => first(name, (variable) => keys.get(variable), (key) => `\`${key.replaceAll('`', '')}\``)}
  }
  const {literals, variables} = templateParts(format)
  const named = new Set<string>()
  const groups = variables.map((variable) => {
    const name = groupName(variable)
    if (named.has(name)) return '.*?'
    named.add(name)
    return `(?<${name}>.*?)`
  })
  const regex = literals.map((literal, index) => escapeRegExp(literal).replaceAll('/', '\\/') + (groups[index] ?? '')).join('')
  return {parse: `parse @message /^${regex}$/`, field: (name) => first(name, (variable) => (named.has(groupName(variable)) ? groupName(variable) : undefined), (field) => field)}
}

function first(name: KnownField, find: (variable: string) => string | undefined, quote: (found: string) => string): string | null {
  for (const variable of variablesOf(name)) {
    const found = find(variable)
    if (found !== undefined) return quote(found)
  }
  return null
}

/** Insights names a parsed field with letters, digits and _ only. */
const groupName = (variable: string) => variable.replaceAll('.', '_')

/** The queries of `logs summary`, each a table; null where the format lacks what it needs (with why). */
export function summaryQueries(format: string): Record<'requests' | 'latency' | 'callers', {query: string} | {missing: string}> {
  const fields = insightsFields(format)
  const pipe = (...commands: string[]) => [fields.parse, ...commands].filter(Boolean).join(' | ')
  const status = fields.field('status')
  const route = routeFields(fields)
  const latency = fields.field('integrationLatency')
  // A stage without API keys writes `-` for the key: the caller is then its source IP, so both are asked for.
  const callers = [fields.field('apiKeyId') && `${fields.field('apiKeyId')} as key`, fields.field('ip') && `${fields.field('ip')} as ip`].filter(Boolean).join(', ')
  const lacks = (what: string) => ({missing: `the stage's access log format has no ${what}`})
  return {
    requests: status && route ? {query: pipe(`stats count(*) as requests by @log, ${route}, ${status} as status`, 'limit 10000')} : lacks(status ? '$context.httpMethod with $context.resourcePath, nor $context.routeKey' : '$context.status'),
    latency: latency && route ? {query: pipe(`stats pct(${latency}, 99) as p99, count(*) as requests by ${route}`, 'sort p99 desc', 'limit 10')} : lacks('$context.integrationLatency'),
    callers: callers && status ? {query: pipe(`stats count(*) as requests by ${callers}, ${status} as status`, 'limit 10000')} : lacks('$context.identity.apiKeyId nor $context.identity.sourceIp'),
  }
}

/** The fields that name a route: the route key, or method and resource path. */
function routeFields(fields: InsightsFields): string | null {
  const routeKey = fields.field('routeKey')
  if (routeKey) return `${routeKey} as route`
  const [method, path] = [fields.field('method'), fields.field('path')]
  return method && path ? `${method} as method, ${path} as path` : null
}
