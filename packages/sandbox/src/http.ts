import type {IncomingHttpHeaders} from 'node:http'

/** An error in AWS's own words: the status, the `x-amzn-ErrorType` code and the exact message. */
export class AwsServiceError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message)
  }
}

export const badRequest = (message: string) => new AwsServiceError(400, 'BadRequestException', message)
export const notFound = (message: string) => new AwsServiceError(404, 'NotFoundException', message)
export const conflict = (message: string) => new AwsServiceError(409, 'ConflictException', message)

/** AWS's input validation failure: every problem in one message. */
export function validationError(errors: string[]): AwsServiceError {
  const count = errors.length === 1 ? '1 validation error' : `${errors.length} validation errors`
  return new AwsServiceError(400, 'ValidationException', `${count} detected: ${errors.join('; ')}`)
}

export interface SandboxRequest {
  method: string
  /** The path without its query string, still percent-encoded. */
  path: string
  query: URLSearchParams
  headers: IncomingHttpHeaders
  body: Buffer
}

export interface SandboxResponse {
  status: number
  /** A value sent as JSON, a Buffer or string sent as is, or nothing. */
  body?: unknown
  headers?: Record<string, string>
}

/** Path parameters, decoded. */
export type Params = Record<string, string>
export type Handler = (request: SandboxRequest, params: Params) => SandboxResponse | Promise<SandboxResponse>

interface Route<T> {
  method: string
  segments: string[]
  handler: T
}

/** Matches `METHOD /a/{param}/b` patterns, segment by segment, to handlers (or to what else a route names). */
export class Router<T = Handler> {
  private readonly routes: Route<T>[] = []

  add(method: string, pattern: string, handler: T): this {
    this.routes.push({method, segments: pattern.split('/').filter(Boolean), handler})
    return this
  }

  /** The handler for a request and its decoded parameters; else whether another method's pattern matched the path (a 405, not a 404). */
  match(method: string, path: string): {handler: T; params: Params} | {pathMatched: boolean} {
    const parts = path.split('/').filter(Boolean)
    let pathMatched = false
    for (const route of this.routes) {
      const params = matchSegments(route.segments, parts)
      if (!params) continue
      if (route.method === method) return {handler: route.handler, params}
      pathMatched = true
    }
    return {pathMatched}
  }
}

function matchSegments(pattern: string[], parts: string[]): Params | undefined {
  if (pattern.length !== parts.length) return undefined
  const params: Params = {}
  for (let i = 0; i < pattern.length; i++) {
    const segment = pattern[i]
    if (segment.startsWith('{')) params[segment.slice(1, -1)] = decodePathSegment(parts[i])
    else if (segment !== parts[i]) return undefined
  }
  return params
}

/** A percent-encoded path segment, decoded; a malformed escape ("%zz", a lone "%E2") is the caller's error. */
function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    throw badRequest(`Invalid percent-encoding in the request path: "${segment}"`)
  }
}

/** The request body as a JSON structure; an empty body is `{}`. */
export function jsonBody<T = Record<string, unknown>>(request: SandboxRequest): T {
  if (request.body.length === 0) return {} as T
  let value: unknown
  try {
    value = JSON.parse(request.body.toString('utf8'))
  } catch {
    throw new AwsServiceError(400, 'SerializationException', 'Could not parse request body into json')
  }
  // Every operation's input is a structure: `null`, `[]` or `7` would reach handlers as nonsense.
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new AwsServiceError(400, 'SerializationException', 'The request body is not a structure.')
  checkMemberTypes(value as Record<string, unknown>)
  return value as T
}

type MemberType = 'string' | 'boolean' | 'string map'

/**
 * Members many API Gateway inputs share, with the type the service models give them. A value of
 * another type is refused, as AWS's deserializer refuses it, rather than stored and answered back
 * to every later reader (`"name": {"a": 1}`, `"tags": "x"`). null counts as absent.
 */
const MEMBER_TYPES: Record<string, MemberType> = {
  name: 'string',
  description: 'string',
  value: 'string',
  customerId: 'string',
  stageName: 'string',
  deploymentId: 'string',
  enabled: 'boolean',
  generateDistinctId: 'boolean',
  cacheClusterEnabled: 'boolean',
  tracingEnabled: 'boolean',
  tags: 'string map',
  variables: 'string map',
  stageVariables: 'string map',
}

const isMemberType: Record<MemberType, (value: unknown) => boolean> = {
  string: (value) => typeof value === 'string',
  boolean: (value) => typeof value === 'boolean',
  'string map': (value) => typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((item) => typeof item === 'string'),
}

function checkMemberTypes(body: Record<string, unknown>): void {
  for (const [member, type] of Object.entries(MEMBER_TYPES)) {
    const value = body[member]
    if (value !== undefined && value !== null && !isMemberType[type](value)) {
      throw new AwsServiceError(400, 'SerializationException', `${member} must be a ${type}; got ${JSON.stringify(value).slice(0, 100)}`)
    }
  }
}

/**
 * The largest request body the sandbox reads (AWS's largest is ImportRestApi's 6 MB definition);
 * a larger one is answered 413 without being read.
 */
export const MAX_BODY_BYTES = 10 * 1024 * 1024

export const payloadTooLarge = () =>
  new AwsServiceError(413, 'RequestEntityTooLargeException', `The request body is larger than the sandbox's limit of ${MAX_BODY_BYTES} bytes (10 MB)`)

export const json = (status: number, body: unknown): SandboxResponse => ({status, body})
export const empty = (status: number): SandboxResponse => ({status})

/** AWS REST-JSON dates are epoch seconds. */
export const epochSeconds = (ms: number) => ms / 1000
