/**
 * Access log lines in the stage's own format. API Gateway writes a `$context` template with each
 * variable replaced by its value and `-` for a value it does not have
 * (docs/aws-behaviour.md#access-logs). A JSON template is read as JSON;
 * any other (CLF, XML, CSV or the operator's own) becomes a pattern with one capture per variable.
 */

/** The fields apigw reads from an access log line, and the `$context` variables that carry each. */
const KNOWN = {
  requestId: ['requestId'],
  status: ['status'],
  method: ['httpMethod'],
  path: ['resourcePath'],
  routeKey: ['routeKey'],
  ip: ['identity.sourceIp'],
  apiKeyId: ['identity.apiKeyId'],
  caller: ['identity.caller'],
  integrationLatency: ['integrationLatency', 'integration.latency'],
  latency: ['responseLatency'],
  isCanaryRequest: ['isCanaryRequest'],
  error: ['error.message'],
} as const

export type KnownField = keyof typeof KNOWN

/** What a parsed access line holds: every variable of the format by its `$context` name without the prefix. */
export type AccessFields = Record<string, string | null>

export interface AccessLogParser {
  /** The fields of a line, or null when the line does not have the format's shape. */
  parse(line: string): AccessFields | null
}

const VARIABLE = /\$context\.[A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*/g

/** The `$context` variables of a format, in order, without the `$context.` prefix. */
export function formatVariables(format: string): string[] {
  return [...format.matchAll(VARIABLE)].map((match) => match[0].slice('$context.'.length))
}

export function accessLogParser(format: string): AccessLogParser {
  return isJsonFormat(format) ? jsonParser(format) : templateParser(format)
}

/** JSON: the line's keys are the template's keys; each takes the name of the variable the template puts there. */
function jsonParser(format: string): AccessLogParser {
  const keys = new Map([...jsonKeys(format)].map(([variable, key]) => [key, variable]))
  return {
    parse(line) {
      let value: unknown
      try {
        value = JSON.parse(line)
      } catch {
        return null
      }
      if (!value || typeof value !== 'object' || Array.isArray(value)) return null
      const fields: AccessFields = {}
      for (const [key, raw] of Object.entries(value as Record<string, unknown>)) {
        const variable = keys.get(key) ?? key
        fields[variable] = raw === null || raw === undefined || raw === '-' ? null : String(raw)
      }
      return fields
    },
  }
}

/** The JSON keys of a JSON template, by the variable each carries (the first key where a variable is twice). */
export function jsonKeys(format: string): Map<string, string> {
  const keys = new Map<string, string>()
  for (const match of format.matchAll(/"([^"]+)"\s*:\s*"?\$context\.([A-Za-z0-9_.]+)"?/g)) if (!keys.has(match[2])) keys.set(match[2], match[1])
  return keys
}

export const isJsonFormat = (format: string) => format.trim().startsWith('{')

/** The literal text of a template between its variables, and the variables, in order. */
export function templateParts(format: string): {literals: string[]; variables: string[]} {
  return {literals: format.trim().split(VARIABLE), variables: formatVariables(format)}
}

/** The variables that carry a known field. */
export const variablesOf = (name: KnownField): readonly string[] => KNOWN[name]

/** Any other template: the literal text between variables must match exactly; each variable is the shortest text that fits. */
function templateParser(format: string): AccessLogParser {
  const {literals, variables} = templateParts(format)
  const source = literals.map(escapeRegExp).join('(.*?)')
  const pattern = new RegExp(`^${source}$`, 's')
  return {
    parse(line) {
      const match = pattern.exec(line.trim())
      if (!match) return null
      const fields: AccessFields = {}
      variables.forEach((variable, index) => {
        const value = match[index + 1]
        fields[variable] = value === '-' || value === '' ? null : value
      })
      return fields
    },
  }
}

/** A known field of a parsed line, from whichever variable the format carries it in. */
export function fieldOf(fields: AccessFields, name: KnownField): string | null {
  for (const variable of KNOWN[name]) if (fields[variable] != null) return fields[variable]
  return null
}

export const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** The route of a request as the operator writes it: `GET /orders/{id}` (REST: method and resource; HTTP: the route key). */
export function routeOf(fields: AccessFields): string | null {
  const [routeKey, method, path] = [fieldOf(fields, 'routeKey'), fieldOf(fields, 'method'), fieldOf(fields, 'path')]
  if (routeKey) return routeKey
  return method && path ? `${method} ${path}` : null
}

/** An execution log line: `(requestId) message`. */
export function executionRequestId(line: string): string | null {
  return /^\(([^)\s]+)\)/.exec(line)?.[1] ?? null
}
