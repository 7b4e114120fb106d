import {usageError} from '../errors.js'
import type {ApiType} from '../catalog/index.js'

export const ENDPOINT_TYPES = ['regional', 'edge', 'private'] as const
export type EndpointType = (typeof ENDPOINT_TYPES)[number]

/** What the operator typed for `apis create`. */
export interface CreateApiOptions {
  name: string
  type: ApiType
  description?: string
  endpointType?: EndpointType
  target?: string
  routeSelection?: string
  /** `key=value`, as typed. */
  tags?: string[]
}

/** The same, checked: tags parsed, and the WebSocket route selection expression defaulted. */
export interface CreateRequest extends Omit<CreateApiOptions, 'tags'> {
  tags: Record<string, string>
}

export const DEFAULT_ROUTE_SELECTION = '$request.body.action'

/** Name limits: the apigatewayv2 model says 1–128; REST names have no documented limit, so apigw keeps them to 1024. */
const MAX_NAME_LENGTH: Record<ApiType, number> = {rest: 1024, http: 128, websocket: 128}
const MAX_TAG_KEY = 128
const MAX_TAG_VALUE = 256
/** AWS's tag character set: letters, digits, spaces and _ . : / = + - @ */
const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u
const LAMBDA_ARN = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[\w-]+(:[\w$-]+)?$/

/** Which kind of API each kind-specific flag belongs to. */
const ONLY_FOR: Array<{flag: string; option: 'target' | 'routeSelection' | 'endpointType'; type: ApiType}> = [
  {flag: '--target', option: 'target', type: 'http'},
  {flag: '--route-selection', option: 'routeSelection', type: 'websocket'},
  {flag: '--endpoint-type', option: 'endpointType', type: 'rest'},
]

/** Checks everything that can be checked without AWS; each problem is a usage error (exit 2) that says the fix. */
export function checkCreateOptions(options: CreateApiOptions): CreateRequest {
  const {name, type} = options
  if (name.trim() === '') throw usageError('--name is empty: an API needs a name.', ['Try: apigw apis create --name shop --type rest'], 'INVALID_NAME')
  if (name.length > MAX_NAME_LENGTH[type]) {
    throw usageError(`--name is ${name.length} characters long; --type ${type} allows at most ${MAX_NAME_LENGTH[type]}.`, ['Try: a shorter --name'], 'INVALID_NAME')
  }
  if (options.description === '') {
    throw usageError('--description is empty; AWS refuses an empty description.', ['Try: leave --description out, or give it some text'], 'INVALID_DESCRIPTION')
  }
  for (const only of ONLY_FOR) {
    if (options[only.option] !== undefined && type !== only.type) {
      throw usageError(`${only.flag} applies only to --type ${only.type}, not --type ${type}.`, [`Try: leave ${only.flag} out, or --type ${only.type}`], 'FLAG_NOT_FOR_TYPE')
    }
  }
  if (options.target !== undefined) checkTarget(options.target)
  const routeSelection = type === 'websocket' ? (options.routeSelection ?? DEFAULT_ROUTE_SELECTION) : undefined
  if (routeSelection !== undefined && !routeSelection.includes('$request.')) {
    throw usageError(`--route-selection "${routeSelection}" is not a route selection expression.`, [`Try: --route-selection '${DEFAULT_ROUTE_SELECTION}' (the message field that names the route)`], 'INVALID_ROUTE_SELECTION')
  }
  return {...options, routeSelection, tags: parseTags(options.tags ?? [])}
}

/** A quick-create target is a Lambda function ARN (AWS_PROXY) or an http(s) URL (HTTP_PROXY). */
function checkTarget(target: string): void {
  if (LAMBDA_ARN.test(target)) return
  let url: URL | undefined
  try {
    url = new URL(target)
  } catch {
    // reported below
  }
  if (url && (url.protocol === 'https:' || url.protocol === 'http:')) return
  throw usageError(`--target "${target}" is neither a Lambda function ARN nor an http(s) URL.`, [
    'Try: --target arn:aws:lambda:us-east-1:123456789012:function:orders',
    'Or: --target https://backend.example.com',
  ], 'INVALID_TARGET')
}

/** `key=value` pairs (the value may contain "=" and may be empty), with AWS's tag rules. */
export function parseTags(pairs: string[]): Record<string, string> {
  const tags: Record<string, string> = {}
  for (const pair of pairs) {
    const at = pair.indexOf('=')
    const key = at < 0 ? '' : pair.slice(0, at)
    const value = pair.slice(at + 1)
    const bad = (why: string) => usageError(`--tag "${pair}": ${why}.`, ['Try: --tag team=payments --tag env=prod'], 'INVALID_TAG')
    if (at < 0) throw bad('a tag is key=value')
    if (key === '') throw bad('the key is empty')
    if (key.length > MAX_TAG_KEY) throw bad(`the key is longer than ${MAX_TAG_KEY} characters`)
    if (value.length > MAX_TAG_VALUE) throw bad(`the value is longer than ${MAX_TAG_VALUE} characters`)
    if (key.toLowerCase().startsWith('aws:')) throw bad('keys starting with "aws:" are reserved by AWS')
    if (!TAG_TEXT.test(key) || !TAG_TEXT.test(value)) throw bad('tags may contain only letters, digits, spaces and _ . : / = + - @')
    if (key in tags) throw bad(`the key "${key}" is given twice`)
    tags[key] = value
  }
  return tags
}
