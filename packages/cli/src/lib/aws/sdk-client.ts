import type {CalledService, ClientConfig, AwsSession} from './session.js'

/** What the SDK's logger middleware hands a logger for each call (its input and output left out here). */
interface LoggedCall {
  clientName?: string
  commandName?: string
  metadata?: {httpStatusCode?: number; requestId?: string}
  error?: {name?: string; $metadata?: {httpStatusCode?: number; requestId?: string}}
}

interface SdkLogger {
  debug: (...content: unknown[]) => void
  info: (...content: unknown[]) => void
  warn: (...content: unknown[]) => void
  error: (...content: unknown[]) => void
}

/**
 * Creates an SDK client with apigw's configuration. The SDK's logger middleware runs on every call
 * and, given no logger, gets a no-op one, so it still copies and filters each input and output
 * (loggerMiddleware in @aws-sdk/core). Under --debug it gets a logger that notes each call's HTTP
 * status and request id (never the bodies: they can hold API key values); otherwise it is removed.
 */
export function createSdkClient<C extends {middlewareStack: {remove(name: string): boolean}}>(
  session: AwsSession,
  service: CalledService,
  make: (config: ClientConfig & {logger?: SdkLogger}) => C,
): C {
  const {onDebug} = session.options
  const client = make({...session.clientConfig(service), ...(onDebug ? {logger: callLogger(onDebug)} : {})})
  if (!onDebug) client.middlewareStack.remove('loggerMiddleware')
  return client
}

function callLogger(debug: (line: string) => void): SdkLogger {
  const call = (entry: unknown) => {
    if (!entry || typeof entry !== 'object' || !('commandName' in entry)) return debug(`sdk: ${String(entry)}`)
    const {clientName, commandName, metadata, error} = entry as LoggedCall
    const meta = metadata ?? error?.$metadata
    const outcome = error ? `failed (${error.name})` : 'answered'
    debug(`sdk: ${clientName} ${commandName} ${outcome} HTTP ${meta?.httpStatusCode ?? '-'}, request id ${meta?.requestId ?? '-'}`)
  }
  const text = (...parts: unknown[]) => debug(`sdk: ${parts.join(' ')}`)
  return {debug: text, info: call, warn: text, error: call}
}
