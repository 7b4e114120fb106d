import {ApigwError, ExitCode, type ExitCodeValue} from '../errors.js'
import {BODY_START, NetworkFailure} from './network.js'

/** What an AWS SDK error looks like, as far as apigw cares. */
interface SdkError {
  name?: string
  message?: string
  code?: string
  retryAfterSeconds?: string
  $metadata?: {httpStatusCode?: number; requestId?: string}
  /** The raw answer, which the SDK hides on errors it could not read (see nonAwsAnswer). */
  $response?: {statusCode?: number; [BODY_START]?: string}
}

export interface CallContext {
  operation: string
  endpoint?: string
  profile?: string
}

const NETWORK_CODES = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED', 'EAI_AGAIN', 'ESOCKETTIMEDOUT'])
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH'])
const CONCURRENT_MODIFICATION = /concurrent modification/i

export type Transient = 'throttled' | 'unavailable' | 'network' | 'concurrent'

/**
 * Which failures are worth retrying (docs/aws-behaviour.md#throttled-calls-answer-429,
 * docs/aws-behaviour.md#concurrent-modification-is-retryable), and why, for the "retrying" message.
 */
export function transientKind(error: unknown): Transient | undefined {
  const e = error as SdkError
  const status = e.$metadata?.httpStatusCode
  if (e.name === 'TooManyRequestsException' || e.name === 'LimitExceededException' || e.name === 'ThrottlingException' || e.name === 'Throttling' || status === 429) return 'throttled'
  if (e.name === 'ConflictException' && CONCURRENT_MODIFICATION.test(e.message ?? '')) return 'concurrent'
  if (e.name === 'ServiceUnavailableException' || status === 502 || status === 503 || status === 504) return 'unavailable'
  if ((e.code && NETWORK_CODES.has(e.code)) || e.name === 'TimeoutError' || /socket hang up/i.test(e.message ?? '')) return 'network'
  return undefined
}

/** The server's own Retry-After, in ms, when it sent one (modelled as retryAfterSeconds in API Gateway). */
export function retryAfterMs(error: unknown): number | undefined {
  const seconds = Number((error as SdkError).retryAfterSeconds)
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined
}

/** True for what the SDK, the credential chain or the network threw; false for bugs (TypeError, Node ERR_* …). */
function isAwsFailure(error: unknown): boolean {
  const e = error as SdkError & {$fault?: string}
  return (
    e?.$metadata !== undefined ||
    e?.$fault !== undefined ||
    (e?.code !== undefined && (NETWORK_CODES.has(e.code) || UNREACHABLE_CODES.has(e.code))) ||
    ['CredentialsProviderError', 'TokenProviderError', 'TimeoutError'].includes(e?.name ?? '')
  )
}

/**
 * Maps what an AWS call threw onto apigw's error contract, keeping AWS's message verbatim.
 * Anything that is not an AWS failure is returned unchanged: it is a bug, reported as internal.
 */
export function toApigwError(error: unknown, context: CallContext, attempts = 1): unknown {
  const failed = attempts > 1 ? `${context.operation} failed after ${attempts} attempts` : `${context.operation} failed`
  const make = (message: string, code: string, exitCode: ExitCodeValue, suggestions: string[]) =>
    new ApigwError(message, {code, exitCode, suggestions, cause: error})
  if (error instanceof NetworkFailure) {
    return make(`${failed}: ${error.message}`, error.kind === 'tls' ? 'TLS_FAILED' : 'PROXY_FAILED', ExitCode.unavailable, error.suggestions)
  }
  if (error instanceof ApigwError || !isAwsFailure(error)) return error
  const e = error as SdkError
  const awsMessage = timeoutMessage(e, context.endpoint) ?? e.message ?? String(error)

  const foreign = nonAwsAnswer(e)
  if (foreign) {
    const where = context.endpoint ?? 'the AWS endpoint'
    return make(
      `${failed}: the endpoint at ${where} answered HTTP ${foreign.status} with a body that is not an AWS answer (it starts: ${foreign.start}); check --endpoint-url or your proxy.`,
      'NOT_AN_AWS_ANSWER',
      ExitCode.unavailable,
      [
        foreign.status === 407
          ? 'Try: the proxy wants credentials: put them in its URL (export HTTP_PROXY=http://user:password@host:port)'
          : 'Try: check --endpoint-url / AWS_ENDPOINT_URL, and HTTP_PROXY / HTTPS_PROXY / NO_PROXY',
        ...(context.endpoint ? [`Or: see what answers there: curl -i ${context.endpoint}`] : []),
      ],
    )
  }

  const credentials = credentialProblem(e, context.profile)
  if (credentials) return make(`${failed}: ${credentials.message}`, credentials.code, ExitCode.config, credentials.suggestions)

  if (e.code && UNREACHABLE_CODES.has(e.code)) {
    const where = context.endpoint ?? 'the AWS endpoint'
    return make(`${failed}: could not connect to ${where} (${e.code}).`, 'ENDPOINT_UNREACHABLE', ExitCode.unavailable, [
      context.endpoint ? 'Try: check that the endpoint is running and --endpoint-url / AWS_ENDPOINT_URL is right' : 'Try: check your network connection and --region',
    ])
  }

  const kind = transientKind(error)
  if (kind === 'concurrent') {
    return make(`${failed}: ${awsMessage}`, 'CONCURRENT_MODIFICATION', ExitCode.conflict, ['Try: run the command again in a minute'])
  }
  if (kind) {
    return make(`${failed}: ${awsMessage}`, kind === 'throttled' ? 'THROTTLED' : 'UNAVAILABLE', ExitCode.unavailable, [
      'Try: run it again later, or allow more time with --retry-budget 5m',
    ])
  }

  const status = e.$metadata?.httpStatusCode
  switch (e.name) {
    case 'NotFoundException':
      return make(`${failed}: ${awsMessage}`, 'NOT_FOUND', ExitCode.notFound, ['Try: apigw apis list, to see what exists in this region'])
    case 'ConflictException':
      return make(`${failed}: ${awsMessage}`, 'CONFLICT', ExitCode.conflict, [
        'Try: look at the current state (apigw apis show --api …) before running it again',
      ])
    case 'AccessDeniedException':
    case 'AccessDenied':
      return make(`${failed}: ${awsMessage}`, 'ACCESS_DENIED', ExitCode.config, [
        `Try: check the IAM permissions of the identity in use (aws sts get-caller-identity${profileFlag(context.profile)})`,
      ])
    default:
      if (status === 401 || status === 403) {
        return make(`${failed}: ${awsMessage}`, 'UNAUTHORIZED', ExitCode.config, [
          `Try: check your credentials (aws sts get-caller-identity${profileFlag(context.profile)})`,
        ])
      }
      return make(`${failed}: ${awsMessage}`, e.name && e.name !== 'Error' ? e.name : 'AWS_ERROR', ExitCode.aws, [
        'Try: run it again with --debug to see each AWS call and its answer',
      ])
  }
}

/** The SDK's timeout messages name its own module; say instead which of apigw's limits ran out. */
function timeoutMessage(e: SdkError, endpoint: string | undefined): string | undefined {
  if (e.name !== 'TimeoutError') return undefined
  const where = endpoint ?? 'the AWS endpoint'
  const seconds = (pattern: RegExp) => Number(pattern.exec(e.message ?? '')?.[1]) / 1000
  if (/did not establish a connection/.test(e.message ?? '')) {
    return `timed out: no connection to ${where} within ${seconds(/timeout of (\d+) ms/)} s (--cli-connect-timeout).`
  }
  if (/of inactivity/.test(e.message ?? '')) return `timed out: ${where} sent nothing for ${seconds(/after (\d+) ms/)} s (--cli-read-timeout).`
  return undefined
}

/** Longest start of a foreign body quoted in the message. */
const BODY_START_CHARS = 80

/**
 * An answer the SDK could not read as AWS's: a body that does not parse (an HTML page, a proxy's
 * "Bad Gateway"), or an error status with no AWS error in it. The SDK then throws a SyntaxError (or
 * "UnknownError") with the raw answer hidden in `$response`, where agents.ts kept the body's start.
 */
function nonAwsAnswer(e: SdkError): {status: number; start: string} | undefined {
  const status = e.$metadata?.httpStatusCode ?? e.$response?.statusCode
  if (status === undefined) return undefined
  const unreadable = e.name === 'SyntaxError' || (e.name === 'Unknown' && e.message === 'UnknownError')
  if (!unreadable) return undefined
  const text = (e.$response?.[BODY_START] ?? '').replace(/\s+/g, ' ').trim()
  const start = text === '' ? 'nothing: the body is empty' : JSON.stringify(text.length > BODY_START_CHARS ? `${text.slice(0, BODY_START_CHARS)}…` : text)
  return {status, start}
}

function profileFlag(profile?: string): string {
  return profile ? ` --profile ${profile}` : ''
}

function credentialProblem(e: SdkError, profile?: string) {
  const message = e.message ?? ''
  if (e.name === 'CredentialsProviderError' || e.name === 'TokenProviderError') {
    if (/\bsso\b/i.test(message)) {
      return {
        code: 'SSO_SESSION_EXPIRED',
        message: `The AWS SSO session has expired or is invalid: ${message}`,
        suggestions: [`Try: aws sso login${profileFlag(profile)}`],
      }
    }
    return {
      code: 'MISSING_CREDENTIALS',
      message: `No AWS credentials could be loaded${profile ? ` for profile "${profile}"` : ''}: ${message}`,
      suggestions: [
        'Try: --profile <name> or export AWS_PROFILE=<name> (a profile in ~/.aws/config)',
        'Or: export AWS_ACCESS_KEY_ID=… AWS_SECRET_ACCESS_KEY=…',
        `Or: aws configure${profileFlag(profile)}`,
      ],
    }
  }
  if (e.name === 'ExpiredTokenException' || e.name === 'UnrecognizedClientException' || e.name === 'InvalidSignatureException') {
    return {
      code: 'INVALID_CREDENTIALS',
      message: `AWS rejected the credentials: ${message}`,
      suggestions: [`Try: refresh your credentials (aws sso login${profileFlag(profile)}, or new access keys)`],
    }
  }
  return undefined
}
