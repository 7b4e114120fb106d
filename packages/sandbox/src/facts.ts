/**
 * AWS's rules as the sandbox enforces them, written down once for the emulator. A client that
 * checks the same rules before calling AWS (apigw does) keeps its own copy, and its tests compare
 * that copy with this one: a rule wrong on one side then fails a test instead of passing on both.
 * Each rule cites where docs/aws-behaviour.md states it.
 */

/** A supplied API key value is 20 to 128 characters. docs/aws-behaviour.md#api-key-values-and-names */
export const API_KEY_VALUE_LENGTH = {min: 20, max: 128} as const

/** An API key name is at most 1024 characters. docs/aws-behaviour.md#api-key-values-and-names */
export const API_KEY_NAME_MAX_LENGTH = 1024

/** Why AWS refuses a supplied API key value (400 BadRequestException), in its words; undefined when it takes it. */
export function apiKeyValueRefusal(value: string): string | undefined {
  if (value.length < API_KEY_VALUE_LENGTH.min) return `API Key value should be at least ${API_KEY_VALUE_LENGTH.min} characters`
  if (value.length > API_KEY_VALUE_LENGTH.max) return `API Key value exceeds maximum size of ${API_KEY_VALUE_LENGTH.max} characters`
  return undefined
}

/** Why AWS refuses an API key name, in its words; undefined when it takes it (or none is given). */
export function apiKeyNameRefusal(name: string | undefined): string | undefined {
  if (name === undefined || name.length <= API_KEY_NAME_MAX_LENGTH) return undefined
  return `Invalid API Key name, can be at most ${API_KEY_NAME_MAX_LENGTH} characters.`
}

/**
 * The keys of an OpenAPI path item that API Gateway imports as methods, and the HTTP method each
 * becomes (`x-amazon-apigateway-any-method` is ANY).
 * docs/aws-behaviour.md#importing-a-rest-api
 */
export const OPENAPI_METHODS: Readonly<Record<string, string>> = {
  get: 'GET',
  put: 'PUT',
  post: 'POST',
  delete: 'DELETE',
  options: 'OPTIONS',
  head: 'HEAD',
  patch: 'PATCH',
  'x-amazon-apigateway-any-method': 'ANY',
}

/** Where an OpenAPI operation says what API Gateway calls. docs/aws-behaviour.md#importing-a-rest-api */
export const OPENAPI_INTEGRATION_KEY = 'x-amazon-apigateway-integration'

/** Cache cluster sizes in GB, spelt as AWS spells them. docs/aws-behaviour.md#cache-cluster-sizes */
export const CACHE_CLUSTER_SIZES: readonly string[] = ['0.5', '1.6', '6.1', '13.5', '28.4', '58.2', '118', '237']

/** The size a cache cluster gets when none is named. docs/aws-behaviour.md#cache-cluster-sizes */
export const DEFAULT_CACHE_CLUSTER_SIZE = '0.5'

/** Cache TTLs are whole seconds from 0 (caching off) to 3600. docs/aws-behaviour.md#cache-ttl */
export const CACHE_TTL_SECONDS = {min: 0, max: 3600} as const

/** A canary's share of its stage's traffic, in percent. docs/aws-behaviour.md#a-canary-is-part-of-its-stage */
export const CANARY_PERCENT_TRAFFIC = {min: 0, max: 100} as const

/** The periods a usage plan's quota counts over. docs/aws-behaviour.md#usage-plan-shape-and-patch-paths */
export const USAGE_PLAN_QUOTA_PERIODS: readonly string[] = ['DAY', 'WEEK', 'MONTH']

/** REST stage names: letters, digits, - and _, 1 to 128 of them. docs/aws-behaviour.md#stage-names */
export const REST_STAGE_NAME = /^[A-Za-z0-9_-]{1,128}$/

/** The most items one REST (v1) list call returns (`limit`). docs/aws-behaviour.md#rest-lists-page-by-position */
export const REST_PAGE_LIMIT_MAX = 500

/** The most queries one GetMetricData call takes. docs/aws-behaviour.md#getmetricdata-limits */
export const GET_METRIC_DATA_MAX_QUERIES = 500

/**
 * How API Gateway reads an API key import file (ImportApiKeys, format csv): rows of comma-separated
 * fields; a field may be quoted with " or ' (a doubled quote inside is one quote, commas and line
 * breaks inside are kept); blank rows are skipped. Each row says on which line of the file it starts.
 * docs/aws-behaviour.md#the-api-key-file-format
 */
export function apiKeyCsvRows(text: string): {line: number; fields: string[]}[] {
  const rows: {line: number; fields: string[]}[] = []
  // One field: blanks, a quoted part if one opens there (it may run to the end of the text), the
  // rest up to the separator that ends the field: a comma, a line break or the end of the text.
  const field = /([ \t]*)(?:"((?:[^"]|"")*)(?:"|$)|'((?:[^']|'')*)(?:'|$))?([^,\n]*)(,|\n|$)/y
  let fields: string[] = []
  let line = 1
  let rowLine = 1
  for (;;) {
    const [whole, blanks, doubleQuoted, singleQuoted, rest, separator] = field.exec(text)!
    const quoted = doubleQuoted?.replaceAll('""', '"') ?? singleQuoted?.replaceAll("''", "'")
    fields.push((quoted ?? blanks) + rest.replaceAll('\r', ''))
    line += whole.split('\n').length - 1
    if (separator === ',') continue
    if (fields.some((value) => value.trim() !== '')) rows.push({line: rowLine, fields})
    if (separator === '') return rows
    fields = []
    rowLine = line
  }
}
