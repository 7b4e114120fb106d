import {usageError} from '../errors.js'
import {parseThrottle} from '../util/throttle.js'
import {ACCESS_LOG_PRESETS, isAccessLogPreset} from './access-log-formats.js'
import type {LogLevel, SettingsRequest, Throttle} from './settings.js'

/** `stages set`'s flags as typed, before any check. */
export interface SettingsInput {
  variables?: string[]
  unsetVariables?: string[]
  throttle?: string
  methodThrottles?: string[]
  logging?: string
  dataTrace?: string
  metrics?: string
  tracing?: string
  accessLog?: string
  accessLogFormat?: string
  autoDeploy?: string
}

/** Every setting `stages set` takes, for the error that lists them. */
const SETTING_FLAGS = [
  '--var name=value',
  '--unset-var name',
  '--throttle rate:burst',
  "--method-throttle 'GET /pets=rate:burst'",
  '--logging off|error|info',
  '--data-trace on|off',
  '--metrics on|off',
  '--tracing on|off',
  '--access-log <destination-arn>',
  `--access-log-format ${ACCESS_LOG_PRESETS.join('|')}|<format>`,
  '--auto-deploy on|off',
]

const ROUTE_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY'] as const

/** AWS's rules for stage variables (CreateStage, UpdateStage). */
const VARIABLE_NAME = /^[A-Za-z0-9_]+$/
const VARIABLE_VALUE = /^[A-Za-z0-9\-._~:/?#&=,]+$/

/**
 * Checks `stages set`'s flags before any AWS call: every value has the form it needs, or it is a
 * usage error (exit 2) that shows the form. Whether a setting exists for the API's kind is the
 * adapters' question, asked once the API is known.
 */
export function parseSettingsRequest(input: SettingsInput): SettingsRequest {
  const request: SettingsRequest = {
    variables: parseVariables(input.variables ?? []),
    unsetVariables: [...new Set(input.unsetVariables ?? [])].map((name) => checkVariableName(name, '--unset-var')),
    throttle: input.throttle === undefined ? undefined : parseThrottle(input.throttle, '--throttle', '100:50'),
    routeThrottles: parseRouteThrottles(input.methodThrottles ?? []),
    logging: input.logging?.toUpperCase() as LogLevel | undefined,
    dataTrace: onOff(input.dataTrace),
    metrics: onOff(input.metrics),
    tracing: onOff(input.tracing),
    accessLog: parseAccessLog(input.accessLog, input.accessLogFormat),
    autoDeploy: onOff(input.autoDeploy),
  }
  const both = request.unsetVariables.filter((name) => name in request.variables)
  if (both.length > 0) throw usageError(`Stage variable "${both[0]}" is both set (--var) and unset (--unset-var).`, ['Try: one of the two'], 'INVALID_SETTING')
  if (Object.values(request).every((value) => value === undefined || (typeof value === 'object' && Object.keys(value).length === 0))) {
    throw usageError(`Nothing to set: give at least one setting. Settings: ${SETTING_FLAGS.join(', ')}.`, ['Try: apigw stages set --api <api> --stage <stage> --throttle 100:50'], 'NO_SETTINGS')
  }
  return request
}

/** `--var name=value`, repeatable; a name given twice is refused rather than guessed. */
export function parseVariables(values: string[]): Record<string, string> {
  const variables: Record<string, string> = {}
  for (const text of values) {
    const split = text.indexOf('=')
    if (split < 0) throw invalid(`--var "${text}" is not name=value.`, '--var color=blue')
    const name = checkVariableName(text.slice(0, split), '--var')
    const value = text.slice(split + 1)
    if (!VARIABLE_VALUE.test(value)) {
      throw invalid(`--var ${name}: the value "${value}" is not allowed: stage variable values are letters, digits and - . _ ~ : / ? # & = , (not empty).`, '--var color=blue, or --unset-var to remove one')
    }
    if (name in variables && variables[name] !== value) throw invalid(`--var ${name} is given twice, as "${variables[name]}" and "${value}".`, `--var ${name}=${value}`)
    variables[name] = value
  }
  return variables
}

export function checkVariableName(name: string, flag: string): string {
  if (!VARIABLE_NAME.test(name)) throw invalid(`${flag}: "${name}" is not a stage variable name: names are letters, digits and _.`, `${flag} backend_url${flag === '--var' ? '=…' : ''}`)
  return name
}

/**
 * `--method-throttle 'GET /pets=100:50'`: a method and a path starting with "/" (REST methods,
 * HTTP routes), or a route key without a space (`$default`, WebSocket's `$connect`).
 */
function parseRouteThrottles(values: string[]): Record<string, Throttle> {
  const throttles: Record<string, Throttle> = {}
  for (const text of values) {
    const split = text.lastIndexOf('=')
    if (split < 0) throw invalid(`--method-throttle "${text}" needs =rate:burst after the method and path.`, "--method-throttle 'GET /pets=100:50'")
    throttles[parseRoute(text.slice(0, split))] = parseThrottle(text.slice(split + 1), `--method-throttle ${text.slice(0, split).trim()}=`, '100:50')
  }
  return throttles
}

/**
 * "get  /pets" → "GET /pets"; a bare route key stays as it is. `what` names it in errors
 * ('--method-throttle "…"'), and `example` turns the operator's own route, made right, into the
 * example to copy.
 */
export function parseRoute(text: string, what = '--method-throttle', example = (route: string) => `--method-throttle '${route}=100:50'`): string {
  const parts = text.trim().split(/\s+/)
  if (parts.length === 1 && parts[0] !== '') return parts[0]
  const [method, path = 'pets'] = parts
  const known = (ROUTE_METHODS as readonly string[]).includes(method.toUpperCase())
  const fixed = example(`${known ? method.toUpperCase() : 'GET'} /${path.replace(/^\//, '')}`)
  if (parts.length !== 2 || !known) throw invalid(`${what} "${text}": "${method}" is not a method. Methods: ${ROUTE_METHODS.join(', ')}.`, fixed)
  if (!path.startsWith('/')) throw invalid(`${what} "${text}": the path must start with "/", as in "${method.toUpperCase()} /${path}".`, fixed)
  return `${method.toUpperCase()} ${path}`
}

function parseAccessLog(destinationArn: string | undefined, format: string | undefined): SettingsRequest['accessLog'] {
  if (destinationArn === undefined && format === undefined) return undefined
  if (destinationArn !== undefined && !/^arn:[\w-]+:(logs|firehose):/.test(destinationArn)) {
    throw invalid(`--access-log "${destinationArn}" is not a CloudWatch Logs log group or Firehose stream ARN.`, '--access-log arn:aws:logs:us-east-1:123456789012:log-group:api-access')
  }
  if (format !== undefined && !isAccessLogPreset(format) && !format.includes('$context.requestId')) {
    throw invalid(`--access-log-format must be a preset (${ACCESS_LOG_PRESETS.join(', ')}) or a format containing $context.requestId; got "${format}".`, '--access-log-format json')
  }
  return {destinationArn, format}
}

function onOff(value: string | undefined): boolean | undefined {
  return value === undefined ? undefined : value === 'on'
}

const invalid = (message: string, example: string) => usageError(message, [`Try: ${example}`], 'INVALID_SETTING')
