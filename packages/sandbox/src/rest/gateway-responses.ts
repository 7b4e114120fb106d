import type {SandboxContext} from '../context.js'
import {badRequest, empty, json, jsonBody, notFound, validationError, type Router} from '../http.js'
import type {GatewayResponseRecord, RestApiRecord} from '../model.js'
import {apiOr, changeApi} from './api-parts.js'
import {compact} from './apis-store.js'
import {patchOperationsOf, pathSegments, setEntry, type PatchOperation} from './patch.js'

/**
 * Gateway responses (Put/Get/GetGatewayResponses/Update/DeleteGatewayResponse). Every API has one
 * of each type: AWS's default until customized; only customized ones are stored, in the API's record.
 * docs/aws-behaviour.md#gateway-responses-and-their-defaults
 */

/** Response type → its default status; DEFAULT_4XX and DEFAULT_5XX have none. In AWS's enum order (its messages list them so). */
const DEFAULT_STATUS: Record<string, string | undefined> = {
  REQUEST_TOO_LARGE: '413',
  RESOURCE_NOT_FOUND: '404',
  AUTHORIZER_CONFIGURATION_ERROR: '500',
  MISSING_AUTHENTICATION_TOKEN: '403',
  BAD_REQUEST_BODY: '400',
  INVALID_SIGNATURE: '403',
  INVALID_API_KEY: '403',
  BAD_REQUEST_PARAMETERS: '400',
  AUTHORIZER_FAILURE: '500',
  UNAUTHORIZED: '401',
  INTEGRATION_TIMEOUT: '504',
  ACCESS_DENIED: '403',
  DEFAULT_4XX: undefined,
  DEFAULT_5XX: undefined,
  WAF_FILTERED: '403',
  QUOTA_EXCEEDED: '429',
  THROTTLED: '429',
  API_CONFIGURATION_ERROR: '500',
  UNSUPPORTED_MEDIA_TYPE: '415',
  INTEGRATION_FAILURE: '504',
  EXPIRED_TOKEN: '403',
}
export const GATEWAY_RESPONSE_TYPES = Object.keys(DEFAULT_STATUS)
/** GetGatewayResponses lists the types alphabetically. */
const LISTED_TYPES = [...GATEWAY_RESPONSE_TYPES].sort()
const DEFAULT_TEMPLATES = {'application/json': '{"message":$context.error.messageString}'}
const RESPONSE_PATH = '/restapis/{restapi_id}/gatewayresponses/{response_type}'
const STATUS_CODE = /^[1-5]\d\d$/

export interface PutGatewayResponseInput {
  statusCode?: string
  responseParameters?: Record<string, string>
  responseTemplates?: Record<string, string>
}

export function registerGatewayResponses(router: Router, context: SandboxContext): void {
  router
    .add('PUT', RESPONSE_PATH, (request, {restapi_id, response_type}) => {
      checkType(response_type)
      const input = jsonBody<PutGatewayResponseInput>(request)
      if (input.statusCode != null && !STATUS_CODE.test(input.statusCode))
        throw validationError([`Value '${input.statusCode}' at 'putGatewayResponseInput.statusCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [1-5]\\d\\d`])
      const wire = changeApi(context, restapi_id, (api) => {
        api.gatewayResponses = {...api.gatewayResponses, [response_type]: newGatewayResponse(response_type, input)}
        return gatewayResponseWire(api, response_type)
      })
      return json(201, wire)
    })
    .add('GET', '/restapis/{restapi_id}/gatewayresponses', (_request, {restapi_id}) => {
      const api = apiOr(context, restapi_id)
      // AWS documents that this list takes no paging: every type comes in one answer.
      return json(200, {item: LISTED_TYPES.map((type) => gatewayResponseWire(api, type))})
    })
    .add('GET', RESPONSE_PATH, (_request, {restapi_id, response_type}) => {
      checkType(response_type)
      return json(200, gatewayResponseWire(apiOr(context, restapi_id), response_type))
    })
    .add('PATCH', RESPONSE_PATH, (request, {restapi_id, response_type}) => {
      checkType(response_type)
      const operations = patchOperationsOf(request, 'updateGatewayResponseInput')
      const wire = changeApi(context, restapi_id, (api) => {
        const response = structuredClone(effectiveResponse(api, response_type))
        for (const operation of operations) patchGatewayResponse(response, operation)
        api.gatewayResponses = {...api.gatewayResponses, [response_type]: response}
        return gatewayResponseWire(api, response_type)
      })
      return json(200, wire)
    })
    .add('DELETE', RESPONSE_PATH, (_request, {restapi_id, response_type}) => {
      checkType(response_type)
      changeApi(context, restapi_id, (api) => {
        if (!api.gatewayResponses?.[response_type]) throw notFound('Gateway response type not defined on api')
        api.gatewayResponses = setEntry(api.gatewayResponses, response_type, undefined)
      })
      return empty(202)
    })
}

/** PutGatewayResponse, or a definition's `x-amazon-apigateway-gateway-responses`: what is left out takes the type's default. */
export function newGatewayResponse(type: string, input: PutGatewayResponseInput): GatewayResponseRecord {
  return {
    statusCode: input.statusCode ?? DEFAULT_STATUS[type],
    responseParameters: input.responseParameters ?? {},
    responseTemplates: input.responseTemplates ?? {...DEFAULT_TEMPLATES},
  }
}

export function checkType(type: string): void {
  if (!Object.hasOwn(DEFAULT_STATUS, type))
    throw validationError([`Value '${type}' at 'responseType' failed to satisfy constraint: Member must satisfy enum value set: [${GATEWAY_RESPONSE_TYPES.join(', ')}]`])
}

/** The family default (DEFAULT_4XX or DEFAULT_5XX) a type falls back to, by its default status. */
const familyOf = (type: string) => {
  const status = DEFAULT_STATUS[type]
  return status === undefined ? undefined : status.startsWith('5') ? 'DEFAULT_5XX' : 'DEFAULT_4XX'
}

/**
 * A type's response as traffic would see it: its own customization; else its family default's, once
 * that is customized (status included); else AWS's default.
 */
function effectiveResponse(api: RestApiRecord, type: string): GatewayResponseRecord {
  const own = api.gatewayResponses?.[type]
  if (own) return own
  const family = familyOf(type)
  const inherited = family === undefined ? undefined : api.gatewayResponses?.[family]
  return {
    statusCode: inherited?.statusCode ?? DEFAULT_STATUS[type],
    responseParameters: inherited?.responseParameters ?? {},
    responseTemplates: inherited?.responseTemplates ?? DEFAULT_TEMPLATES,
  }
}

export function gatewayResponseWire(api: RestApiRecord, type: string): Record<string, unknown> {
  const response = effectiveResponse(api, type)
  return {responseType: type, ...compact({statusCode: response.statusCode}), responseParameters: response.responseParameters, responseTemplates: response.responseTemplates, defaultResponse: !api.gatewayResponses?.[type]}
}

const MAPS = ['responseParameters', 'responseTemplates'] as const

/** One patch operation, as AWS checks them for gateway responses. */
function patchGatewayResponse(response: GatewayResponseRecord, {op, path, value}: PatchOperation): void {
  const [field, key, ...rest] = pathSegments(path ?? 'null')
  if (path === '/statusCode') {
    if (op !== 'replace') throw badRequest(`Invalid patch path ${path}`)
    if (!value || !STATUS_CODE.test(value)) throw badRequest(`Invalid status code specified: ${value}`)
    response.statusCode = value
    return
  }
  const map = MAPS.find((name) => name === field)
  if (!path?.startsWith('/') || !map || key === undefined || rest.length > 0 || !['add', 'replace', 'remove'].includes(op)) throw badRequest(`Invalid patch path ${path ?? 'null'}`)
  if (op === 'replace' && !Object.hasOwn(response[map], key)) throw notFound('Invalid parameter name specified')
  if (op !== 'remove' && !value) throw badRequest(`Invalid null or empty value in ${map}`)
  response[map] = setEntry(response[map], key, op === 'remove' ? undefined : value) ?? {}
}
