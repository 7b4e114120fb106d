import type {ApiType} from '../catalog/index.js'

/** The access log formats the AWS console offers, by name. */
export const ACCESS_LOG_PRESETS = ['clf', 'json', 'xml', 'csv'] as const
type AccessLogPreset = (typeof ACCESS_LOG_PRESETS)[number]

export const isAccessLogPreset = (text: string): text is AccessLogPreset => (ACCESS_LOG_PRESETS as readonly string[]).includes(text)

/** Documented $context variables, by the field name each preset gives it. */
const CONTEXT: Record<string, string> = {
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  caller: '$context.identity.caller',
  user: '$context.identity.user',
  requestTime: '$context.requestTime',
  httpMethod: '$context.httpMethod',
  resourcePath: '$context.resourcePath',
  routeKey: '$context.routeKey',
  eventType: '$context.eventType',
  connectionId: '$context.connectionId',
  protocol: '$context.protocol',
  status: '$context.status',
  responseLength: '$context.responseLength',
}

/**
 * What identifies a request, and its outcome, in each kind's variables: REST names the resource,
 * HTTP the route; WebSocket messages have an event type and a connection instead of a method.
 */
const REQUEST_FIELDS: Record<ApiType, {request: string[]; outcome: string[]}> = {
  rest: {request: ['httpMethod', 'resourcePath', 'protocol'], outcome: ['status', 'responseLength']},
  http: {request: ['httpMethod', 'routeKey', 'protocol'], outcome: ['status', 'responseLength']},
  websocket: {request: ['eventType', 'routeKey', 'connectionId'], outcome: ['status']},
}

const WHO = ['ip', 'caller', 'user']

/** The format text of a preset for an API kind; anything else is already a format and is kept. */
export function accessLogFormat(format: string, kind: ApiType): string {
  if (!isAccessLogPreset(format)) return format
  const {request, outcome} = REQUEST_FIELDS[kind]
  const variable = (field: string) => CONTEXT[field]
  const fields = ['requestId', ...WHO, 'requestTime', ...request, ...outcome]
  switch (format) {
    case 'clf':
      return `${WHO.map(variable).join(' ')} [${variable('requestTime')}] "${request.map(variable).join(' ')}" ${[...outcome, 'requestId'].map(variable).join(' ')}`
    case 'json':
      return `{ ${fields.map((field) => `"${field}":"${variable(field)}"`).join(', ')} }`
    case 'xml':
      return `<request id="${variable('requestId')}"> ${fields.slice(1).map((field) => `<${field}>${variable(field)}</${field}>`).join(' ')} </request>`
    case 'csv':
      return [...fields.slice(1), 'requestId'].map(variable).join(',')
  }
}
