import {randomBytes} from 'node:crypto'
import {ApigwError, ExitCode} from '../errors.js'
import {systemClock, type Clock} from '../util/clock.js'
import type {AwsCredentialIdentityProvider} from '@smithy/types'
import {toApigwError} from './errors.js'
import {mfaCode, type MfaCodeAsker} from './mfa.js'
import {lazyRequestHandler, resolveNetwork, sandboxNetwork, type Network, type NetworkFlags} from './network.js'
import {alreadyExists, CREATE_OPERATIONS, isAmbiguous, OutcomeUnknown, type FindLost} from './exactly-once.js'
import {RetriesExhausted, withRetry, type RetryNotice} from './retry.js'
import {resolveSettings, type AwsSettings, type ServiceName, type SettingsInput} from './settings.js'
import type {RestGateway} from './rest-gateway.js'
import type {V2Gateway} from './v2-gateway.js'
import type {AcmGateway} from './acm-gateway.js'
import type {CloudWatchGateway} from './cloudwatch-gateway.js'
import type {LogsGateway} from './logs-gateway.js'
import type {StsGateway} from './sts-gateway.js'

/** The services a session calls: API Gateway and CloudWatch, and STS for who the credentials belong to. */
export type CalledService = ServiceName | 'sts'

export interface SessionOptions extends SettingsInput {
  /** How long, from the session's start, throttled or unavailable calls may keep being retried. */
  retryBudgetMs: number
  clock?: Clock
  /** AWS calls and timings, for --debug. */
  onDebug?: (line: string) => void
  onRetry?: (notice: RetryNotice) => void
  /** Things the operator should know, e.g. which of two credential sources won. */
  onWarning?: (message: string) => void
  userAgent?: string
  /** Fixed credentials instead of the default chain (the sandbox accepts any). */
  staticCredentials?: {accessKeyId: string; secretAccessKey: string}
  /** Asks for an MFA code on the terminal; without it, a profile that needs one fails with exit 3 (mfa.ts). */
  askMfaCode?: MfaCodeAsker
  /** Talking to the local sandbox (--sandbox): errors suggest sandbox commands rather than regions. */
  sandbox?: boolean
  /** --ca-bundle, --no-verify-ssl and the timeouts; proxies come from `env` (network.ts). */
  network?: NetworkFlags
}

/** What every SDK client gets: one region, one credential chain, apigw's own retries (so the SDK makes one attempt). */
export interface ClientConfig {
  region: string
  endpoint?: string
  credentials: CredentialProvider
  maxAttempts: number
  /** apigw's agents (proxies, CA bundle) and timeouts (network.ts, agents.ts). */
  requestHandler: HttpHandler
  customUserAgent?: string
}

type CredentialProvider = AwsCredentialIdentityProvider
type HttpHandler = import('@smithy/core/protocols').HttpHandler

/**
 * One per command run. Settings are resolved up front (so a missing region fails before any call);
 * SDK clients and the credential chain are created on first use, each once.
 */
export class AwsSession {
  readonly settings: AwsSettings
  private readonly network: Network
  private readonly clock: Clock
  /** One retry budget for the whole command, however many calls it makes. */
  private retryDeadline: number
  private credentialProvider?: Promise<CredentialProvider>
  private readonly requestHandler: HttpHandler
  private readonly gateways = new Map<string, Promise<unknown>>()
  /** Marks what this run creates, so that a create whose answer was lost can be found (exactly-once.ts). */
  private readonly runToken = randomBytes(6).toString('hex')
  private creates = 0

  constructor(readonly options: SessionOptions) {
    this.settings = resolveSettings(options)
    this.network = options.sandbox
      ? sandboxNetwork(options.retryBudgetMs)
      : resolveNetwork(options.network ?? {}, options.env, this.settings.profile, options.retryBudgetMs)
    if (!this.network.verify) {
      options.onWarning?.('--no-verify-ssl: TLS certificates are not checked, so anyone on the network path can read and change these AWS calls.')
    }
    this.requestHandler = lazyRequestHandler(this.network)
    this.clock = options.clock ?? systemClock
    this.retryDeadline = this.clock.now() + options.retryBudgetMs
  }

  rest(): Promise<RestGateway> {
    return this.gateway('rest', async () => (await import('./rest-gateway.js')).createRestGateway(this))
  }

  v2(): Promise<V2Gateway> {
    return this.gateway('v2', async () => (await import('./v2-gateway.js')).createV2Gateway(this))
  }

  cloudwatch(): Promise<CloudWatchGateway> {
    return this.gateway('cloudwatch', async () => (await import('./cloudwatch-gateway.js')).createCloudWatchGateway(this))
  }

  logs(): Promise<LogsGateway> {
    return this.gateway('logs', async () => (await import('./logs-gateway.js')).createLogsGateway(this))
  }

  sts(): Promise<StsGateway> {
    return this.gateway('sts', async () => (await import('./sts-gateway.js')).createStsGateway(this))
  }

  acm(): Promise<AcmGateway> {
    return this.gateway('acm', async () => (await import('./acm-gateway.js')).createAcmGateway(this))
  }

  /**
   * Gives the calls from now on a whole retry budget again. For commands that run for a long time
   * (a canary rollout): each round of calls gets the budget, not just the first minute of the run.
   */
  renewRetryBudget(): void {
    this.retryDeadline = this.clock.now() + this.options.retryBudgetMs
  }

  clientConfig(service: CalledService): ClientConfig {
    return {
      region: this.settings.region,
      endpoint: this.endpoint(service),
      credentials: (args) => this.credentials(args),
      maxAttempts: 1,
      requestHandler: this.requestHandler,
      customUserAgent: this.options.userAgent,
    }
  }

  /** AWS calls made through this session (not counting retries), for apigw doctor and the benches. */
  callsMade = 0

  /** A configured endpoint, if any; STS has its own (the sandbox answers STS on its one endpoint). */
  private endpoint(service: CalledService): string | undefined {
    if (service !== 'sts') return this.settings.endpoints[service]
    return this.settings.stsEndpoint ?? (this.options.sandbox ? this.settings.endpoints.apigateway : undefined)
  }

  /** This machine's clock, as the session's retries read it. */
  now(): number {
    return this.clock.now()
  }

  /**
   * A create, marked with a request token of its own (the same across its retries): `send` puts the
   * token on the resource, and `find` looks for a resource with it if an answer is lost
   * (exactly-once.ts). Without `find` a create whose answer is lost is not retried.
   */
  create<T>(service: ServiceName, operation: string, send: (token: string) => Promise<T>, find?: (token: string) => Promise<unknown>): Promise<T> {
    const token = `${this.runToken}-${++this.creates}`
    return this.call(service, operation, () => send(token), find && (async () => (await find(token)) as T | undefined))
  }

  /**
   * Every AWS call goes through here: --debug timing, retries within the budget, and error mapping.
   * A create (CREATE_OPERATIONS) whose answer is lost is retried only after `find` shows that AWS
   * did not make it; without `find` it is not retried at all.
   */
  async call<T>(service: CalledService, operation: string, send: () => Promise<T>, find?: FindLost<T>): Promise<T> {
    this.callsMade++
    const context = {operation, endpoint: this.endpoint(service), profile: this.settings.profile}
    const isCreate = CREATE_OPERATIONS.has(operation)
    let answerLost = false
    const attempt = async () => {
      if (answerLost) {
        const found = await this.findLost(operation, find!)
        if (found !== undefined) return found
      }
      const started = this.clock.now()
      try {
        const result = await send()
        this.debug(`${service} ${operation} ok in ${this.clock.now() - started} ms`)
        return result
      } catch (error) {
        this.debug(`${service} ${operation} failed in ${this.clock.now() - started} ms: ${(error as Error).name}: ${(error as Error).message}`)
        if (isCreate && isAmbiguous(error)) {
          if (!find) throw new OutcomeUnknown(error)
          answerLost = true
        }
        // "Already exists" after a lost answer may be apigw's own earlier attempt, which a look just before missed.
        if (answerLost && alreadyExists(error)) {
          const found = await this.findLost(operation, find!)
          if (found !== undefined) return found
        }
        throw error
      }
    }
    try {
      const onRetry = (notice: RetryNotice) =>
        this.options.onRetry?.(answerLost ? {...notice, message: notice.message.replace('; retrying in', '; it may have been done all the same, so apigw looks for it before retrying in')} : notice)
      return await withRetry(operation, attempt, {deadline: this.retryDeadline, clock: this.clock, maxAttempts: this.settings.maxAttempts, onRetry})
    } catch (error) {
      if (error instanceof OutcomeUnknown) throw outcomeUnknown(toApigwError(error.lastError, context), operation)
      if (error instanceof RetriesExhausted) {
        // The last attempt's answer may be the one that was lost: look once more before reporting a failure.
        const found = answerLost ? await this.findLost(operation, find!) : undefined
        if (found !== undefined) return found
        throw toApigwError(error.lastError, context, error.attempts)
      }
      throw toApigwError(error, context)
    }
  }

  private async findLost<T>(operation: string, find: FindLost<T>): Promise<T | undefined> {
    const found = await find()
    if (found === undefined) this.debug(`${operation}: its answer was lost, and AWS holds nothing it made: it is tried again`)
    else this.options.onWarning?.(`the answer to ${operation} was lost, but AWS had done it: apigw found what it made and did not do it again.`)
    return found
  }

  /** The credentials every client uses, from one provider built on first use. */
  private credentials(args?: Parameters<CredentialProvider>[0]) {
    if (this.options.staticCredentials) return Promise.resolve(this.options.staticCredentials)
    const provider = (this.credentialProvider ??= this.credentialChain())
    return provider.then((provide) => provide(args))
  }

  /**
   * A role profile with a source profile: apigw assumes the role itself, to share the AWS CLI's cache
   * (assume-role.ts). Anything else: the default Node chain (env, profiles, SSO, other role profiles).
   * Either way an MFA code is asked for on the terminal, or its absence explained (mfa.ts).
   */
  private async credentialChain(): Promise<CredentialProvider> {
    const {fromIni, fromNodeProviderChain} = await import('@aws-sdk/credential-providers')
    const {role} = this.settings
    const logger = this.sdkLogger()
    const mfaCodeProvider = (serial: string) => mfaCode(this.options.askMfaCode, serial, {profile: this.settings.profile, roleArn: role?.roleArn})
    // The chain's SSO client (which, unlike its STS one, does not inherit the caller's handler) goes through apigw's agents too.
    const clientConfig = {requestHandler: this.requestHandler}
    if (!role) return fromNodeProviderChain({profile: this.settings.profile, logger, mfaCodeProvider, clientConfig})
    const {assumeRoleProvider} = await import('./assume-role.js')
    const sourceCredentials = fromIni({profile: role.sourceProfile, logger, mfaCodeProvider, clientConfig})
    return assumeRoleProvider({
      role,
      region: this.settings.region,
      stsEndpoint: this.settings.stsEndpoint,
      env: this.options.env,
      clock: this.clock,
      sourceCredentials: () => sourceCredentials(),
      askMfaCode: this.options.askMfaCode,
      onDebug: (line) => this.debug(line),
      userAgent: this.options.userAgent,
      requestHandler: this.requestHandler,
    })
  }

  /** The SDK's own chatter goes to --debug; its one warning that matters becomes a short apigw warning. */
  private sdkLogger() {
    const debug = (...parts: unknown[]) => this.debug(parts.join(' '))
    return {
      debug,
      info: debug,
      error: debug,
      warn: (...parts: unknown[]) => {
        const text = parts.join(' ')
        if (/Multiple credential sources/.test(text)) {
          this.options.onWarning?.(`both profile "${this.settings.profile}" and AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY are set; using the profile.`)
        } else debug(text)
      },
    }
  }

  private gateway<T>(key: string, create: () => Promise<T>): Promise<T> {
    if (!this.gateways.has(key)) this.gateways.set(key, create())
    return this.gateways.get(key) as Promise<T>
  }

  private debug(line: string): void {
    this.options.onDebug?.(line)
  }
}

/** A create failed in a way that leaves open whether AWS made it, and apigw cannot look for it. */
function outcomeUnknown(mapped: unknown, operation: string): unknown {
  if (!(mapped instanceof ApigwError)) return mapped
  return new ApigwError(`${mapped.message}\nThe answer was lost: AWS may or may not have done ${operation}, so apigw did not try again.`, {
    code: 'OUTCOME_UNKNOWN',
    exitCode: ExitCode.unavailable,
    suggestions: ['Try: look at what exists now (apigw apis list, apigw keys list, apigw plans list) before running it again'],
    cause: mapped,
  })
}
