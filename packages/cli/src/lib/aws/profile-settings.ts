import {ApigwError, ExitCode} from '../errors.js'
import type {OutputFormat} from '../util/output-formats.js'
import type {AwsSettings} from './settings.js'
import {configProfiles, type Env, type Profile} from './shared-config.js'

// What a profile (or the environment, which comes first) says beyond region and endpoints:
// output, CA bundle, retries, and the role it assumes (docs/profiles.md).

export const RETRY_MODES = ['legacy', 'standard', 'adaptive'] as const
export type RetryMode = (typeof RETRY_MODES)[number]

/** A profile with `role_arn` and `source_profile` (docs/profiles.md). */
export interface RoleProfile {
  profile: string
  roleArn: string
  sourceProfile: string
  mfaSerial?: string
  externalId?: string
  roleSessionName?: string
  durationSeconds?: number
}

/** A setting from its environment variable, else from the profile, with where it came from. */
function envFirst(env: Env, variable: string, config: Profile | undefined, key: string, profileName: string): [string, string] | undefined {
  if (env[variable]) return [env[variable]!, variable]
  const value = config?.[key]
  return value ? [value, `profile ${profileName} ${key}`] : undefined
}

/** A configured value apigw cannot use: exit 3, naming where it came from. */
function badValue(value: string, source: string, what: string, code: string, suggestion: string): ApigwError {
  return new ApigwError(`"${value}" (from ${source}) is not ${what}.`, {code, exitCode: ExitCode.config, suggestions: [suggestion]})
}

/**
 * The output format the AWS CLI would use by default: AWS_DEFAULT_OUTPUT, else the profile's
 * `output` (json, yaml, yaml-stream, table, text). A flag (-o, --json) wins over both.
 */
export function configuredOutput({profile, env}: {profile?: string; env: Env}): OutputFormat | undefined {
  const name = profile || env.AWS_PROFILE || 'default'
  const found = envFirst(env, 'AWS_DEFAULT_OUTPUT', configProfiles(env).get(name), 'output', name)
  if (!found) return undefined
  const format = found[0].trim().toLowerCase()
  if (format === 'yaml-stream') return 'yaml'
  if (format === 'json' || format === 'yaml' || format === 'table' || format === 'text') return format
  throw badValue(...found, 'an output format', 'INVALID_OUTPUT', 'Try: json, yaml, yaml-stream, table or text (or -o on the command line)')
}

/** AWS_CA_BUNDLE, else the profile's ca_bundle (the network layer puts --ca-bundle before both). */
export function caBundle(env: Env, config: Profile, profileName: string): Pick<AwsSettings, 'caBundle'> {
  const found = envFirst(env, 'AWS_CA_BUNDLE', config, 'ca_bundle', profileName)
  return found ? {caBundle: {path: found[0], source: found[1]}} : {}
}

/** AWS_MAX_ATTEMPTS / max_attempts and AWS_RETRY_MODE / retry_mode, environment first, as in the AWS CLI. */
export function retrySettings(env: Env, config: Profile, profileName: string): Pick<AwsSettings, 'maxAttempts' | 'retryMode'> {
  const settings: Pick<AwsSettings, 'maxAttempts' | 'retryMode'> = {}
  const attempts = envFirst(env, 'AWS_MAX_ATTEMPTS', config, 'max_attempts', profileName)
  if (attempts) {
    const count = Number(attempts[0])
    if (!Number.isInteger(count) || count < 1) {
      throw badValue(...attempts, 'a number of attempts', 'INVALID_MAX_ATTEMPTS', 'Try: a whole number of at least 1, e.g. AWS_MAX_ATTEMPTS=3 (1 means no retries)')
    }
    settings.maxAttempts = count
  }
  const mode = envFirst(env, 'AWS_RETRY_MODE', config, 'retry_mode', profileName)
  if (mode) {
    if (!(RETRY_MODES as readonly string[]).includes(mode[0])) throw badValue(...mode, 'a retry mode', 'INVALID_RETRY_MODE', `Try: one of ${RETRY_MODES.join(', ')}`)
    settings.retryMode = mode[0] as RetryMode
  }
  return settings
}

/**
 * A profile that assumes a role with another profile's credentials. Profiles with `credential_source`
 * or `web_identity_token_file` are left to the SDK's chain (uncached, as before).
 */
export function roleProfile(profile: string, config: Profile): RoleProfile | undefined {
  // A profile that is its own source (keys and role_arn together) is left to the SDK too.
  if (!config.role_arn || !config.source_profile || config.source_profile === profile) return undefined
  const duration = config.duration_seconds ? Number(config.duration_seconds) : undefined
  if (duration !== undefined && !Number.isInteger(duration)) {
    throw badValue(config.duration_seconds, `profile ${profile} duration_seconds`, 'a number of seconds', 'INVALID_ROLE_DURATION', `Try: aws configure set duration_seconds 3600 --profile ${profile}`)
  }
  return {
    profile,
    roleArn: config.role_arn,
    sourceProfile: config.source_profile,
    mfaSerial: config.mfa_serial || undefined,
    externalId: config.external_id || undefined,
    roleSessionName: config.role_session_name || undefined,
    durationSeconds: duration,
  }
}

