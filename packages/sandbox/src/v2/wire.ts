import {badRequest, type SandboxRequest} from '../http.js'

/** A JSON object, as request bodies and OpenAPI documents hold them. */
export type Json = Record<string, unknown>
export const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)

/** apigatewayv2 dates travel as ISO-8601 strings, to the second like AWS. */
export const isoDate = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')

/** How a record becomes a response: which fields are internal and which hold epoch-ms dates. */
export interface WireShape {
  internal: readonly string[]
  dates: readonly string[]
}

export function toWire(record: object, shape: WireShape): Record<string, unknown> {
  const wire: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(record)) {
    if (value === undefined || shape.internal.includes(key)) continue
    wire[key] = shape.dates.includes(key) ? isoDate(value as number) : value
  }
  return wire
}

/** The request's fields among `allowed` that were sent (null counts as not sent). */
export function sentFields<T extends string>(body: Record<string, unknown>, allowed: readonly T[]): Partial<Record<T, unknown>> {
  const sent: Partial<Record<T, unknown>> = {}
  for (const field of allowed) if (body[field] !== undefined && body[field] !== null) sent[field] = body[field]
  return sent
}

/** A field's PascalCase name, as the SDK user wrote it, for error messages. */
const sdkName = (field: string) => field[0].toUpperCase() + field.slice(1)

export function requireText(body: Record<string, unknown>, field: string, maxLength = 128): string {
  const value = body[field]
  if (typeof value !== 'string' || value.length === 0) throw badRequest(`${sdkName(field)} is required`)
  if (value.length > maxLength) throw badRequest(`${sdkName(field)} must be at most ${maxLength} characters`)
  return value
}

interface Sortable {
  createdDate: number
}

const DEFAULT_PAGE_SIZE = 100

/**
 * One page of a v2 list, in wire shape: oldest first (creation time, then id). The NextToken names
 * the last item returned, so items deleted between calls never make a listing skip or repeat one.
 */
export function listPage<T extends Sortable>(records: T[], idOf: (record: T) => string, wireOf: (record: T) => unknown, request: SandboxRequest) {
  const sorted = [...records].sort((a, b) => a.createdDate - b.createdDate || (idOf(a) < idOf(b) ? -1 : idOf(a) > idOf(b) ? 1 : 0))
  const size = pageSize(request.query.get('maxResults'))
  const token = request.query.get('nextToken')
  let start = 0
  if (token) {
    const [createdDate, id] = decodeToken(token)
    start = sorted.findIndex((record) => record.createdDate > createdDate || (record.createdDate === createdDate && idOf(record) > id))
    if (start === -1) start = sorted.length
  }
  const items = sorted.slice(start, start + size)
  const last = items.at(-1)
  const nextToken = last && start + size < sorted.length ? encodeToken(last.createdDate, idOf(last)) : undefined
  return {items: items.map(wireOf), nextToken}
}

function pageSize(maxResults: string | null): number {
  if (maxResults === null) return DEFAULT_PAGE_SIZE
  const size = Number(maxResults)
  if (!/^\d+$/.test(maxResults) || size < 1) throw badRequest(`Invalid MaxResults specified: ${maxResults}. MaxResults must be a positive integer`)
  return size
}

const encodeToken = (createdDate: number, id: string) => Buffer.from(JSON.stringify([createdDate, id])).toString('base64url')

function decodeToken(token: string): [number, string] {
  try {
    const decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'))
    if (Array.isArray(decoded) && typeof decoded[0] === 'number' && typeof decoded[1] === 'string') return decoded as [number, string]
  } catch {
    // fall through to the error below
  }
  throw badRequest(`Invalid NextToken specified: ${token}`)
}
