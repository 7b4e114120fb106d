import type {AwsCredentialIdentity, AwsCredentialIdentityProvider} from '@smithy/types'
import {ApigwError, ExitCode} from '../errors.js'
import type {Clock} from '../util/clock.js'
import {expirationOf, readCachedRole, roleCacheKey, writeCachedRole, type CachedRole} from './credential-cache.js'
import {mfaCode, type MfaCodeAsker} from './mfa.js'
import type {RoleProfile} from './settings.js'
import type {Env} from './shared-config.js'

export interface AssumeRoleOptions {
  role: RoleProfile
  region: string
  /** The profile's STS endpoint (endpoint_url, services section, AWS_ENDPOINT_URL_STS), if any. */
  stsEndpoint?: string
  env: Env
  clock: Clock
  /** The source profile's credentials. */
  sourceCredentials: () => Promise<AwsCredentialIdentity>
  askMfaCode?: MfaCodeAsker
  onDebug?: (line: string) => void
  userAgent?: string
  /** The session's proxy, CA bundle and timeouts (network.ts), for the STS call too. */
  requestHandler?: import('@smithy/core/protocols').HttpHandler
}

/** Assumed-role credentials this close to expiring are fetched again (a canary run can outlast them). */
const REFRESH_BEFORE_MS = 5 * 60_000

/**
 * A provider for the SDK clients: one assumeRole for the whole command, again only when its
 * credentials are about to expire, or after a failure (so a retried call tries again).
 */
export function assumeRoleProvider(options: AssumeRoleOptions): AwsCredentialIdentityProvider {
  let current: Promise<AwsCredentialIdentity> | undefined
  let expiresAt = Infinity
  return () => {
    if (options.clock.now() >= expiresAt - REFRESH_BEFORE_MS) current = undefined
    current ??= assumeRole(options).then(
      (identity) => {
        expiresAt = identity.expiration?.getTime() ?? Infinity
        return identity
      },
      (error: unknown) => {
        current = undefined
        throw error
      },
    )
    return current
  }
}

/**
 * The credentials of a role profile (role_arn + source_profile), as the AWS CLI gets them: from its
 * cache while they are good, else from STS AssumeRole (asking for the MFA code when the profile has
 * mfa_serial), then cached for the next command, apigw's or the AWS CLI's.
 */
export async function assumeRole(options: AssumeRoleOptions): Promise<AwsCredentialIdentity> {
  const {role, env, clock} = options
  const key = roleCacheKey(role)
  const cached = readCachedRole(env, key, clock.now())
  if (cached) {
    options.onDebug?.(`credentials for role ${role.roleArn} from the cache (${key}.json), good until ${cached.Credentials.Expiration}`)
    return identity(cached)
  }
  const source = await options.sourceCredentials()
  const tokenCode = role.mfaSerial ? await mfaCode(options.askMfaCode, role.mfaSerial, {profile: role.profile, roleArn: role.roleArn, sourceProfile: role.sourceProfile}) : undefined
  const {STSClient, AssumeRoleCommand} = await import('@aws-sdk/nested-clients/sts')
  const sts = new STSClient({region: options.region, endpoint: options.stsEndpoint, credentials: source, customUserAgent: options.userAgent, requestHandler: options.requestHandler})
  const answer = await sts
    .send(
      new AssumeRoleCommand({
      RoleArn: role.roleArn,
      // botocore's default name, with apigw's prefix: the name is left out of the cache key either way.
      RoleSessionName: role.roleSessionName ?? `apigw-session-${Math.floor(clock.now() / 1000)}`,
      SerialNumber: role.mfaSerial,
      TokenCode: tokenCode,
      ExternalId: role.externalId,
      DurationSeconds: role.durationSeconds,
      }),
    )
    .catch((error: unknown) => {
      throw refused(error, role)
    })
  const credentials = answer.Credentials
  if (!credentials?.AccessKeyId || !credentials.SecretAccessKey || !credentials.SessionToken || !credentials.Expiration) {
    throw new Error(`STS AssumeRole for ${role.roleArn} answered without credentials`)
  }
  const entry: CachedRole = {
    Credentials: {
      AccessKeyId: credentials.AccessKeyId,
      SecretAccessKey: credentials.SecretAccessKey,
      SessionToken: credentials.SessionToken,
      Expiration: credentials.Expiration.toISOString(),
    },
    ...(answer.AssumedRoleUser && {AssumedRoleUser: {AssumedRoleId: answer.AssumedRoleUser.AssumedRoleId, Arn: answer.AssumedRoleUser.Arn}}),
    ProviderType: 'assume-role',
  }
  writeCachedRole(env, key, entry)
  options.onDebug?.(`assumed role ${role.roleArn}; credentials cached (${key}.json) until ${entry.Credentials.Expiration}`)
  return identity(entry)
}

/**
 * STS saying no (a wrong MFA code, a role the source may not assume, a malformed ARN) is a matter of
 * configuration, exit 3, in STS's own words. Throttling, 5xx and network failures pass through, to
 * be retried and reported like any AWS call's.
 */
function refused(error: unknown, role: RoleProfile): unknown {
  const e = error as {name?: string; message?: string; $metadata?: {httpStatusCode?: number}}
  const status = e.$metadata?.httpStatusCode ?? 0
  if (status < 400 || status >= 500 || status === 429 || /Throttl/.test(e.name ?? '')) return error
  return new ApigwError(`STS refused to let profile "${role.profile}" assume ${role.roleArn}: ${e.name}: ${e.message}`, {
    code: 'ASSUME_ROLE_FAILED',
    exitCode: ExitCode.config,
    suggestions: [
      ...(role.mfaSerial ? ['Try: run it again with the code your MFA device shows now'] : []),
      `${role.mfaSerial ? 'Or' : 'Try'}: check role_arn in profile ${role.profile}, and that profile ${role.sourceProfile} may assume it (its trust policy)`,
    ],
    cause: error,
  })
}

function identity(entry: CachedRole): AwsCredentialIdentity {
  const c = entry.Credentials
  return {accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: new Date(expirationOf(entry))}
}
