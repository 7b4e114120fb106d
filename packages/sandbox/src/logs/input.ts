import {AwsServiceError} from '../http.js'
import {constraintFailed, invalidNextToken, invalidParameter} from './errors.js'

export type Input = Record<string, unknown>

const serialization = (name: string) => new AwsServiceError(400, 'SerializationException', `The member ${name} has the wrong type.`)

export function optionalString(input: Input, name: string): string | undefined {
  const value = input[name]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'string') throw serialization(name)
  return value
}

export function requiredString(input: Input, name: string): string {
  const value = optionalString(input, name)
  if (value === undefined) throw constraintFailed(name, null, 'Member must not be null')
  return value
}

export function optionalNumber(input: Input, name: string): number | undefined {
  const value = input[name]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'number' || !Number.isFinite(value)) throw serialization(name)
  return value
}

export function optionalBoolean(input: Input, name: string): boolean | undefined {
  const value = input[name]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'boolean') throw serialization(name)
  return value
}

export function optionalStrings(input: Input, name: string): string[] | undefined {
  const value = input[name]
  if (value === undefined || value === null) return undefined
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) throw serialization(name)
  return value as string[]
}

/** `limit` within [1, max], `fallback` when absent: AWS's constraint messages otherwise. */
export function limitOf(input: Input, max: number, fallback = max): number {
  const limit = optionalNumber(input, 'limit')
  if (limit === undefined) return fallback
  if (limit < 1) throw constraintFailed('limit', limit, 'Member must have value greater than or equal to 1')
  if (limit > max) throw constraintFailed('limit', limit, `Member must have value less than or equal to ${max}`)
  return Math.floor(limit)
}

/** Group names: 1–512 of letters, digits, `.`, `-`, `_`, `/` and `#`. docs/aws-behaviour.md#log-group-names */
const GROUP_NAME = /^[.\-_/#A-Za-z0-9]+$/

export function checkGroupName(name: string, parameter = 'logGroupName'): string {
  if (name.length < 1) throw constraintFailed(parameter, name, 'Member must have length greater than or equal to 1')
  if (name.length > 512) throw constraintFailed(parameter, name, 'Member must have length less than or equal to 512')
  if (!GROUP_NAME.test(name)) throw constraintFailed(parameter, name, 'Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+')
  return name
}

/** Stream names: 1–512 characters, neither `:` nor `*`. */
export function checkStreamName(name: string): string {
  if (name.length < 1) throw constraintFailed('logStreamName', name, 'Member must have length greater than or equal to 1')
  if (name.length > 512) throw constraintFailed('logStreamName', name, 'Member must have length less than or equal to 512')
  if (/[:*]/.test(name)) throw constraintFailed('logStreamName', name, 'Member must satisfy regular expression pattern: [^:*]*')
  return name
}

/**
 * The group an operation names, by `logGroupName` or `logGroupIdentifier` (a name or an ARN), never both.
 */
export function groupNameOf(input: Input): string {
  const name = optionalString(input, 'logGroupName')
  const identifier = optionalString(input, 'logGroupIdentifier')
  if (name !== undefined && identifier !== undefined) throw invalidParameter('LogGroup name and LogGroup identifier are mutually exclusive parameters.')
  if (name !== undefined) return checkGroupName(name)
  if (identifier === undefined) throw invalidParameter('Should provide either name or identifier')
  // arn:aws:logs:region:account:log-group:NAME[:*]
  const arn = /^arn:aws[\w-]*:logs:[\w-]+:\d{12}:log-group:([^:]+)(:\*)?$/.exec(identifier)
  return checkGroupName(arn ? arn[1] : identifier, 'logGroupIdentifier')
}

/** Tokens are opaque to callers: base64url JSON of the position a page ends at. */
export const encodeToken = (position: unknown) => Buffer.from(JSON.stringify(position)).toString('base64url')

export function decodeToken<T>(token: string, valid: (value: unknown) => value is T): T {
  let value: unknown
  try {
    value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'))
  } catch {
    throw invalidNextToken()
  }
  if (!valid(value)) throw invalidNextToken()
  return value
}
