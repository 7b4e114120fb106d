import type {SandboxContext} from '../context.js'
import {badRequest} from '../http.js'
import type {RestApiRecord, Tags} from '../model.js'
import {API_ID_LENGTH} from './apis-store.js'
import {checkInput, enumProblems, requiredProblems} from './input-checks.js'
import {defaultModels} from './models.js'

export interface CreateRestApiInput {
  name?: string
  description?: string
  version?: string
  binaryMediaTypes?: string[]
  minimumCompressionSize?: number
  apiKeySource?: string
  endpointConfiguration?: {types?: string[]; ipAddressType?: string}
  policy?: string
  tags?: Tags
  disableExecuteApiEndpoint?: boolean
}

const ENDPOINT_TYPES = ['PRIVATE', 'EDGE', 'REGIONAL']
const IP_ADDRESS_TYPES = ['ipv4', 'dualstack']
const API_KEY_SOURCES = ['AUTHORIZER', 'HEADER']
const MAX_COMPRESSION_SIZE = 10485760

/**
 * A new API from a CreateRestApi input, validated the way AWS does (input validation first, then
 * the service's own checks). Nothing is stored yet.
 */
export function newRestApi(context: SandboxContext, input: CreateRestApiInput, options: {defaultModels: boolean}): RestApiRecord {
  validateInput(input)
  if (input.description === '') throw badRequest('Description cannot be an empty string')
  const types = input.endpointConfiguration?.types ?? ['EDGE']
  if (types.length === 0) throw badRequest('REGIONAL Configuration and EDGE Configuration cannot be both DISABLED.')
  if (types.length > 1) throw badRequest('Cannot create an api with multiple Endpoint Types.')
  const ipAddressType = (input.endpointConfiguration?.ipAddressType ?? (types[0] === 'PRIVATE' ? 'dualstack' : 'ipv4')) as 'ipv4' | 'dualstack'
  checkPrivateIpAddressType(types, ipAddressType)
  checkCompressionSize(input.minimumCompressionSize)
  return {
    id: context.newId(API_ID_LENGTH),
    name: input.name!,
    description: input.description,
    version: input.version,
    createdDate: context.clock.now(),
    apiKeySource: (input.apiKeySource ?? 'HEADER') as RestApiRecord['apiKeySource'],
    endpointConfiguration: {types, ipAddressType},
    disableExecuteApiEndpoint: input.disableExecuteApiEndpoint ?? false,
    rootResourceId: context.newId(API_ID_LENGTH),
    binaryMediaTypes: input.binaryMediaTypes?.length ? input.binaryMediaTypes : undefined,
    minimumCompressionSize: input.minimumCompressionSize,
    policy: input.policy,
    tags: input.tags && Object.keys(input.tags).length > 0 ? input.tags : undefined,
    models: options.defaultModels ? defaultModels() : undefined,
  }
}

/** CreateRestApi's input, checked as AWS's input validation does (docs/aws-behaviour.md#input-is-checked-before-anything-is-looked-up). */
function validateInput(input: CreateRestApiInput): void {
  const optionalEnum = (value: string | undefined, member: string, allowed: string[]) =>
    value === undefined ? [] : enumProblems(value, `createRestApiInput.${member}`, allowed)
  const types = input.endpointConfiguration?.types
  checkInput(
    requiredProblems('createRestApiInput', {name: input.name}),
    types?.some((type) => !ENDPOINT_TYPES.includes(type))
      ? [
          `Value '[${types.join(', ')}]' at 'createRestApiInput.endpointConfiguration.types' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [${ENDPOINT_TYPES.join(', ')}]]`,
        ]
      : [],
    optionalEnum(input.endpointConfiguration?.ipAddressType, 'endpointConfiguration.ipAddressType', IP_ADDRESS_TYPES),
    optionalEnum(input.apiKeySource, 'apiKeySource', API_KEY_SOURCES),
  )
}

export function checkPrivateIpAddressType(types: string[], ipAddressType: string): void {
  if (types.includes('PRIVATE') && ipAddressType !== 'dualstack') throw badRequest('Only dualstack ipAddressType is supported for Private APIs.')
}

export function checkCompressionSize(size: number | undefined): void {
  if (size !== undefined && !(Number.isInteger(size) && size >= 0 && size <= MAX_COMPRESSION_SIZE))
    throw badRequest(`Invalid minimum compression size, must be between 0 and ${MAX_COMPRESSION_SIZE}`)
}

export function checkApiKeySource(value: string | undefined): asserts value is RestApiRecord['apiKeySource'] {
  if (!API_KEY_SOURCES.includes(value ?? '')) throw badRequest(`Invalid API Key Source specified. Valid options are ${API_KEY_SOURCES.join(',')}`)
}

export function checkEndpointType(value: string | undefined): asserts value is string {
  if (!ENDPOINT_TYPES.includes(value ?? '')) throw badRequest('Invalid EndpointTypes specified. Valid options are REGIONAL,EDGE,PRIVATE')
}
