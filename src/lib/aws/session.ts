import {systemClock, type Clock} from '../util/clock.js'
import {toApigwError} from './errors.js'
import {RetriesExhausted, withRetry, type RetryNotice} from './retry.js'
import {resolveSettings, type AwsSettings, type ServiceName, type SettingsInput} from './settings.js'
import type {RestGateway} from './rest-gateway.js'
import type {V2Gateway} from './v2-gateway.js'

export interface SessionOptions extends SettingsInput {
  retryBudgetMs: number
  clock?: Clock
  /** AWS calls and timings, for --debug. */
  onDebug?: (line: string) => void
  onRetry?: (notice: RetryNotice) => void
  userAgent?: string
}

/** What every SDK client gets: one region, one credential chain, apigw's own retries (so the SDK makes one attempt). */
export interface ClientConfig {
  region: string
  endpoint?: string
  credentials: CredentialProvider
  maxAttempts: number
  customUserAgent?: string
}

type CredentialProvider = ReturnType<typeof import('@aws-sdk/credential-providers').fromNodeProviderChain>

/**
 * One per command run. Settings are resolved up front (so a missing region fails before any call);
 * SDK clients and the credential chain are created on first use, each once.
 */
export class AwsSession {
  readonly settings: AwsSettings
  private readonly clock: Clock
  private credentialProvider?: Promise<CredentialProvider>
  private readonly gateways = new Map<string, Promise<unknown>>()

  constructor(private readonly options: SessionOptions) {
    this.settings = resolveSettings(options)
    this.clock = options.clock ?? systemClock
  }

  rest(): Promise<RestGateway> {
    return this.gateway('rest', async () => (await import('./rest-gateway.js')).createRestGateway(this))
  }

  v2(): Promise<V2Gateway> {
    return this.gateway('v2', async () => (await import('./v2-gateway.js')).createV2Gateway(this))
  }

  clientConfig(service: ServiceName): ClientConfig {
    return {
      region: this.settings.region,
      endpoint: this.settings.endpoints[service],
      credentials: (args) => this.credentials(args),
      maxAttempts: 1,
      customUserAgent: this.options.userAgent,
    }
  }

  /** Every AWS call goes through here: --debug timing, retries within the budget, and error mapping. */
  async call<T>(service: ServiceName, operation: string, send: () => Promise<T>): Promise<T> {
    const context = {operation, endpoint: this.settings.endpoints[service], profile: this.settings.profile}
    const attempt = async () => {
      const started = this.clock.now()
      try {
        const result = await send()
        this.debug(`${service} ${operation} ok in ${this.clock.now() - started} ms`)
        return result
      } catch (error) {
        this.debug(`${service} ${operation} failed in ${this.clock.now() - started} ms: ${(error as Error).name}: ${(error as Error).message}`)
        throw error
      }
    }
    try {
      return await withRetry(operation, attempt, {budgetMs: this.options.retryBudgetMs, clock: this.clock, onRetry: this.options.onRetry})
    } catch (error) {
      if (error instanceof RetriesExhausted) throw toApigwError(error.lastError, context, true)
      throw toApigwError(error, context)
    }
  }

  /** The default Node chain (env, profiles, SSO, assume-role), built once and shared by every client. */
  private credentials(args?: Parameters<CredentialProvider>[0]) {
    const provider = (this.credentialProvider ??= import('@aws-sdk/credential-providers').then(({fromNodeProviderChain}) =>
      fromNodeProviderChain({profile: this.settings.profile}),
    ))
    return provider.then((provide) => provide(args))
  }

  private gateway<T>(key: string, create: () => Promise<T>): Promise<T> {
    if (!this.gateways.has(key)) this.gateways.set(key, create())
    return this.gateways.get(key) as Promise<T>
  }

  private debug(line: string): void {
    this.options.onDebug?.(line)
  }
}
