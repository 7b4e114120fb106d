import {gunzipSync} from 'node:zlib'
import {serializationError} from './errors.js'
import {MAX_BODY_BYTES, payloadTooLarge, type SandboxRequest, type SandboxResponse} from '../http.js'

/** How one CloudWatch wire protocol reads requests and writes answers. */
export interface WireProtocol {
  /** The request body as plain values; timestamps arrive as Dates (CBOR) or epoch seconds (JSON). */
  decode(request: SandboxRequest): Record<string, unknown>
  /** An answer whose timestamps are Dates, in this protocol's encoding. */
  encode(status: number, body: Record<string, unknown>, headers?: Record<string, string>): SandboxResponse
}

/** A copy of `value` with every Date replaced by `convert(date)`. */
export function mapDates(value: unknown, convert: (date: Date) => unknown): unknown {
  if (value instanceof Date) return convert(value)
  if (Array.isArray(value)) return value.map((item) => mapDates(item, convert))
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mapDates(item, convert)]))
  }
  return value
}

/** The body must be a structure; anything else cannot be an operation's input. */
export function asStructure(value: unknown): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw serializationError('The request body is not a structure.')
  return value as Record<string, unknown>
}

/** The request with its body unzipped: the SDKs gzip large PutMetricData bodies (Content-Encoding: gzip). */
export function decompressed(request: SandboxRequest): SandboxRequest {
  if (String(request.headers['content-encoding'] ?? '').toLowerCase() !== 'gzip') return request
  try {
    return {...request, body: gunzipSync(request.body, {maxOutputLength: MAX_BODY_BYTES})}
  } catch (error) {
    // A small body that unzips to gigabytes must not take the sandbox's memory.
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw payloadTooLarge()
    throw serializationError('The request body is not valid gzip.')
  }
}
