/**
 * The essential constraints of the SARIF 2.1.0 schema (OASIS, sarif-schema-2.1.0.json) for what a
 * log carries: required properties, enums, types, rule indexes that point at their rule, and no
 * property the schema does not define on the objects apigw writes (those objects' schemas list
 * their properties; a misspelt one would be ignored by code scanning). Returns the violations,
 * each with its JSON path; none for a valid log.
 */
const LEVELS = ['none', 'note', 'warning', 'error']
/** The properties the schema defines, for each object apigw writes. */
const ALLOWED: Record<string, string[]> = {
  log: ['$schema', 'version', 'runs', 'inlineExternalProperties', 'properties'],
  run: ['tool', 'results', 'invocations', 'artifacts', 'logicalLocations', 'originalUriBaseIds', 'properties', 'columnKind', 'language', 'automationDetails'],
  driver: ['name', 'version', 'semanticVersion', 'informationUri', 'rules', 'fullName', 'organization', 'product', 'notifications', 'properties', 'guid'],
  rule: ['id', 'name', 'shortDescription', 'fullDescription', 'help', 'helpUri', 'defaultConfiguration', 'properties', 'guid', 'deprecatedIds', 'messageStrings', 'relationships'],
  result: ['ruleId', 'ruleIndex', 'rule', 'kind', 'level', 'message', 'locations', 'partialFingerprints', 'fingerprints', 'properties', 'guid', 'relatedLocations', 'fixes', 'baselineState'],
  location: ['id', 'physicalLocation', 'logicalLocations', 'message', 'annotations', 'relationships', 'properties'],
  logicalLocation: ['name', 'index', 'fullyQualifiedName', 'decoratedName', 'parentIndex', 'kind', 'properties'],
}

type Json = Record<string, unknown>
const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value)

export function sarifViolations(log: unknown): string[] {
  const errors: string[] = []
  const fail = (path: string, message: string) => errors.push(`${path}: ${message}`)
  const object = (value: unknown, path: string, kind: string, required: string[]): value is Json => {
    if (!isObject(value)) return fail(path, 'must be an object'), false
    for (const name of required) if (!(name in value)) fail(path, `must have "${name}"`)
    for (const name of Object.keys(value)) if (ALLOWED[kind] && !ALLOWED[kind].includes(name)) fail(path, `"${name}" is not a property of ${kind}`)
    return true
  }
  const message = (value: unknown, path: string) => {
    if (!isObject(value) || (typeof value.text !== 'string' && typeof value.id !== 'string')) fail(path, 'a message needs text or id')
  }
  if (!object(log, '$', 'log', ['version', 'runs'])) return errors
  if (log.version !== '2.1.0') fail('$.version', 'must be "2.1.0"')
  if (log.$schema !== undefined && typeof log.$schema !== 'string') fail('$.$schema', 'must be a URI string')
  if (!Array.isArray(log.runs)) return [...errors, '$.runs: must be an array']
  log.runs.forEach((run, r) => {
    const at = `$.runs[${r}]`
    if (!object(run, at, 'run', ['tool'])) return
    if (!isObject(run.tool) || !object(run.tool.driver, `${at}.tool.driver`, 'driver', ['name'])) return
    const driver = run.tool.driver as Json
    if (typeof driver.name !== 'string') fail(`${at}.tool.driver.name`, 'must be a string')
    const rules = (driver.rules ?? []) as unknown[]
    if (!Array.isArray(rules)) fail(`${at}.tool.driver.rules`, 'must be an array')
    const ids = new Set<string>()
    rules.forEach((rule, i) => {
      const path = `${at}.tool.driver.rules[${i}]`
      if (!object(rule, path, 'rule', ['id'])) return
      if (typeof rule.id !== 'string') fail(`${path}.id`, 'must be a string')
      if (ids.has(rule.id as string)) fail(`${path}.id`, 'repeats another rule')
      ids.add(rule.id as string)
      for (const field of ['shortDescription', 'fullDescription', 'help']) if (rule[field] !== undefined) message(rule[field], `${path}.${field}`)
      const level = (rule.defaultConfiguration as Json | undefined)?.level
      if (level !== undefined && !LEVELS.includes(level as string)) fail(`${path}.defaultConfiguration.level`, `must be one of ${LEVELS.join(', ')}`)
    })
    if (run.results === undefined) return
    if (!Array.isArray(run.results)) return fail(`${at}.results`, 'must be an array')
    run.results.forEach((result, i) => {
      const path = `${at}.results[${i}]`
      if (!object(result, path, 'result', ['message'])) return
      message(result.message, `${path}.message`)
      if (result.level !== undefined && !LEVELS.includes(result.level as string)) fail(`${path}.level`, `must be one of ${LEVELS.join(', ')}`)
      if (result.ruleIndex !== undefined) {
        const index = result.ruleIndex as number
        if (!Number.isInteger(index) || index < -1) fail(`${path}.ruleIndex`, 'must be an integer ≥ -1')
        else if (index >= 0 && (rules[index] as Json | undefined)?.id !== result.ruleId) fail(`${path}.ruleIndex`, `points at rule ${index}, which is not "${String(result.ruleId)}"`)
      }
      if (result.partialFingerprints !== undefined && (!isObject(result.partialFingerprints) || Object.values(result.partialFingerprints).some((value) => typeof value !== 'string')))
        fail(`${path}.partialFingerprints`, 'must map names to strings')
      ;((result.locations ?? []) as unknown[]).forEach((location, l) => {
        const where = `${path}.locations[${l}]`
        if (!object(location, where, 'location', [])) return
        const uri = ((location.physicalLocation as Json | undefined)?.artifactLocation as Json | undefined)?.uri
        if (location.physicalLocation !== undefined && typeof uri !== 'string') fail(`${where}.physicalLocation.artifactLocation.uri`, 'must be a string')
        else if (typeof uri === 'string' && /\s/.test(uri)) fail(`${where}.physicalLocation.artifactLocation.uri`, 'must be a URI reference (no spaces)')
        ;((location.logicalLocations ?? []) as unknown[]).forEach((logical, n) => object(logical, `${where}.logicalLocations[${n}]`, 'logicalLocation', []))
      })
    })
  })
  return errors
}
