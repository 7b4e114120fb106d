import {invalidValue, missingParameter} from './errors.js'
import type {Dimension} from './record.js'

/** A decoded request structure; members are checked as they are read. */
export type Input = Record<string, unknown>

const MAX_DIMENSIONS = 30

/** A member that must be present; `path` names it as AWS does (MetricData.member.1.MetricName). */
export function required(input: Input, name: string, path = name): unknown {
  const value = input[name]
  if (value === undefined || value === null || value === '') throw missingParameter(path)
  return value
}

export function optionalText(input: Input, name: string): string | undefined {
  const value = input[name]
  return value === undefined || value === null ? undefined : String(value)
}

export function requiredText(input: Input, name: string, path = name): string {
  return String(required(input, name, path))
}

/** A list member; absent means empty. */
export function listOf<T = Input>(input: Input, name: string): T[] {
  const value = input[name]
  if (value === undefined || value === null) return []
  if (!Array.isArray(value)) throw invalidValue(`The value for parameter ${name} must be a list.`)
  return value as T[]
}

/** The list, when it has at most `max` members. */
export function atMost<T>(list: T[], path: string, max: number): T[] {
  if (list.length > max) throw invalidValue(`The collection ${path} must not have a size greater than ${max}.`)
  return list
}

const invalidParameter = (value: unknown, path: string) => invalidValue(`The value ${String(value)} for parameter ${path} is invalid.`)

export function numberOf(value: unknown, path: string): number {
  const number = typeof value === 'number' ? value : Number(value)
  if (!Number.isFinite(number)) throw invalidParameter(value, path)
  return number
}

/** A timestamp in epoch ms: CBOR decodes to a Date, JSON carries epoch seconds (or ISO-8601 text). */
export function timestampMs(value: unknown, path: string): number {
  const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value * 1000 : Date.parse(String(value))
  if (!Number.isFinite(ms)) throw invalidParameter(value, path)
  return ms
}

/** A Period in ms: the sandbox keeps one-minute aggregates, so only whole minutes can be asked for. */
export function periodMs(value: unknown, path: string): number {
  const seconds = numberOf(value, path)
  if (seconds <= 0 || seconds % 60 !== 0) throw invalidValue(`The parameter ${path} must be a multiple of 60.`)
  return seconds * 1000
}

export function dimensionsOf(input: Input, name: string, path: string): Dimension[] {
  return atMost(listOf(input, name), path, MAX_DIMENSIONS).map((dimension, i) => ({
    Name: requiredText(dimension, 'Name', `${path}.member.${i + 1}.Name`),
    Value: requiredText(dimension, 'Value', `${path}.member.${i + 1}.Value`),
  }))
}

/** Paging tokens are opaque to clients: an offset into the full answer. */
export function encodeToken(offset: number): string {
  return Buffer.from(JSON.stringify({offset})).toString('base64url')
}

/** Where a paged answer resumes: 0 without a NextToken, the token's offset with one of ours, else `invalid()`. */
export function resumeOffset(input: Input, invalid: () => Error): number {
  if (input.NextToken === undefined) return 0
  const offset = decodeToken(String(input.NextToken))
  if (offset === undefined) throw invalid()
  return offset
}

function decodeToken(token: string): number | undefined {
  try {
    const {offset} = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {offset?: unknown}
    return Number.isInteger(offset) && (offset as number) >= 0 ? (offset as number) : undefined
  } catch {
    return undefined
  }
}
