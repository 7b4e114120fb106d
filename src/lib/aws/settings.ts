import {ApigwError, ExitCode} from '../errors.js'
import type {OutputFormat} from '../ui/formats.js'
import {configProfiles, configServices, credentialProfiles, type Env} from './shared-config.js'

/**
 * The AWS services apigw talks to, with the env var and the `[services]` section keys AWS uses for a
 * service-specific endpoint (AWS names API Gateway `api_gateway`; `apigateway` is accepted too).
 */
export const SERVICES = {
  apigateway: {endpointEnv: 'AWS_ENDPOINT_URL_API_GATEWAY', configKeys: ['api_gateway', 'apigateway']},
  apigatewayv2: {endpointEnv: 'AWS_ENDPOINT_URL_APIGATEWAYV2', configKeys: ['apigatewayv2']},
  cloudwatch: {endpointEnv: 'AWS_ENDPOINT_URL_CLOUDWATCH', configKeys: ['cloudwatch']},
} as const

export type ServiceName = keyof typeof SERVICES

/** STS, which apigw calls only to assume a profile's role: --endpoint-url is not for it, as in the AWS CLI. */
const STS = {endpointEnv: 'AWS_ENDPOINT_URL_STS', configKeys: ['sts']} as const

type Profile = Record<string, string>

export interface SettingsInput {
  profile?: string
  region?: string
  endpointUrl?: string
  env: Env
}

export interface AwsSettings {
  /** Undefined when no profile was named: the SDK's default chain then applies. */
  profile?: string
  region: string
  regionSource: string
  endpoints: Partial<Record<ServiceName, string>>
  /** Where the role of a role profile is assumed, when configured (else the SDK's regional STS). */
  stsEndpoint?: string
  /** AWS_CA_BUNDLE, else the profile's ca_bundle (a --ca-bundle flag wins over both). */
  caBundle?: {path: string; source: string}
  /** AWS_MAX_ATTEMPTS, else the profile's max_attempts: attempts per call, first one included. */
  maxAttempts?: number
  /** AWS_RETRY_MODE, else the profile's retry_mode: checked, but every mode uses apigw's backoff. */
  retryMode?: RetryMode
  /** The profile's assume-role settings, when it assumes a role from another profile's credentials. */
  role?: RoleProfile
}

export const RETRY_MODES = ['legacy', 'standard', 'adaptive'] as const
export type RetryMode = (typeof RETRY_MODES)[number]

/** A profile with `role_arn` and `source_profile` (README, "Profiles and credentials"). */
export interface RoleProfile {
  profile: string
  roleArn: string
  sourceProfile: string
  mfaSerial?: string
  externalId?: string
  roleSessionName?: string
  durationSeconds?: number
}

/**
 * Region precedence: --region, AWS_REGION, AWS_DEFAULT_REGION (the JS SDK ignores it; the AWS CLI
 * honours it, so operators expect it), then the profile's `region` in the config file.
 */
export function resolveSettings(input: SettingsInput): AwsSettings {
  const {env} = input
  // An empty AWS_PROFILE means no profile, as in the AWS CLI.
  const profile = input.profile || env.AWS_PROFILE || undefined
  const profileName = profile ?? 'default'
  const profiles = configProfiles(env)
  if (profile) requireProfile(profile, input.profile ? '--profile' : 'AWS_PROFILE', profiles, env)
  const config = profiles.get(profileName) ?? {}
  const candidates: Array<[string | undefined, string]> = [
    [input.region, '--region'],
    [env.AWS_REGION, 'AWS_REGION'],
    [env.AWS_DEFAULT_REGION, 'AWS_DEFAULT_REGION'],
  ]
  let found = candidates.find(([value]) => value && value.trim() !== '')
  if (!found) {
    const profileRegion = config.region
    if (profileRegion) found = [profileRegion, `profile ${profileName}`]
  }
  if (!found) {
    throw new ApigwError(`No AWS region is configured (looked at --region, AWS_REGION, AWS_DEFAULT_REGION and profile "${profileName}").`, {
      code: 'MISSING_REGION',
      exitCode: ExitCode.config,
      suggestions: [
        'Try: apigw <command> --region us-east-1',
        'Or: export AWS_REGION=us-east-1',
        `Or: aws configure set region us-east-1 --profile ${profileName}`,
      ],
    })
  }
  const region = found[0]!.trim()
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) {
    throw new ApigwError(`"${region}" (from ${found[1]}) is not an AWS region name.`, {
      code: 'INVALID_REGION',
      exitCode: exitFor(found[1]),
      suggestions: ['Try: --region us-east-1 (a region name, not an availability zone or endpoint)'],
    })
  }
  const endpoints = resolveEndpoints(input, config)
  const sts = configuredEndpoint(STS, {env}, config)
  return {
    profile,
    region,
    regionSource: found[1],
    endpoints,
    ...(sts && {stsEndpoint: validateEndpoint(...sts)}),
    ...caBundle(env, config, profileName),
    ...retrySettings(env, config, profileName),
    // The default profile's role counts only when no access keys in the environment come first.
    ...((profile || !env.AWS_ACCESS_KEY_ID) && {role: roleProfile(profileName, config)}),
  }
}

/**
 * The output format the AWS CLI would use by default: AWS_DEFAULT_OUTPUT, else the profile's
 * `output` (json, yaml, yaml-stream, table, text). A flag (-o, --json) wins over both.
 */
export function configuredOutput({profile, env}: {profile?: string; env: Env}): OutputFormat | undefined {
  const name = profile || env.AWS_PROFILE || 'default'
  const [value, source] = env.AWS_DEFAULT_OUTPUT ? [env.AWS_DEFAULT_OUTPUT, 'AWS_DEFAULT_OUTPUT'] : [configProfiles(env).get(name)?.output, `profile ${name}`]
  if (!value) return undefined
  const format = value.trim().toLowerCase()
  if (format === 'yaml-stream') return 'yaml'
  if (format === 'json' || format === 'yaml' || format === 'table' || format === 'text') return format
  throw new ApigwError(`"${value}" (from ${source}) is not an output format.`, {
    code: 'INVALID_OUTPUT',
    exitCode: ExitCode.config,
    suggestions: ['Try: json, yaml, yaml-stream, table or text (or -o on the command line)'],
  })
}

function caBundle(env: Env, config: Profile, profileName: string): Pick<AwsSettings, 'caBundle'> {
  if (env.AWS_CA_BUNDLE) return {caBundle: {path: env.AWS_CA_BUNDLE, source: 'AWS_CA_BUNDLE'}}
  if (config.ca_bundle) return {caBundle: {path: config.ca_bundle, source: `profile ${profileName}`}}
  return {}
}

/** AWS_MAX_ATTEMPTS / max_attempts and AWS_RETRY_MODE / retry_mode, environment first, as in the AWS CLI. */
function retrySettings(env: Env, config: Profile, profileName: string): Pick<AwsSettings, 'maxAttempts' | 'retryMode'> {
  const settings: Pick<AwsSettings, 'maxAttempts' | 'retryMode'> = {}
  const [attempts, attemptsSource] = env.AWS_MAX_ATTEMPTS ? [env.AWS_MAX_ATTEMPTS, 'AWS_MAX_ATTEMPTS'] : [config.max_attempts, `profile ${profileName} max_attempts`]
  if (attempts !== undefined && attempts !== '') {
    const count = Number(attempts)
    if (!Number.isInteger(count) || count < 1) {
      throw new ApigwError(`"${attempts}" (from ${attemptsSource}) is not a number of attempts.`, {
        code: 'INVALID_MAX_ATTEMPTS',
        exitCode: ExitCode.config,
        suggestions: ['Try: a whole number of at least 1, e.g. AWS_MAX_ATTEMPTS=3 (1 means no retries)'],
      })
    }
    settings.maxAttempts = count
  }
  const [mode, modeSource] = env.AWS_RETRY_MODE ? [env.AWS_RETRY_MODE, 'AWS_RETRY_MODE'] : [config.retry_mode, `profile ${profileName} retry_mode`]
  if (mode !== undefined && mode !== '') {
    if (!(RETRY_MODES as readonly string[]).includes(mode)) {
      throw new ApigwError(`"${mode}" (from ${modeSource}) is not a retry mode.`, {
        code: 'INVALID_RETRY_MODE',
        exitCode: ExitCode.config,
        suggestions: [`Try: one of ${RETRY_MODES.join(', ')}`],
      })
    }
    settings.retryMode = mode as RetryMode
  }
  return settings
}

/**
 * A profile that assumes a role with another profile's credentials. Profiles with `credential_source`
 * or `web_identity_token_file` are left to the SDK's chain (uncached, as before).
 */
function roleProfile(profile: string, config: Profile): RoleProfile | undefined {
  // A profile that is its own source (keys and role_arn together) is left to the SDK too.
  if (!config.role_arn || !config.source_profile || config.source_profile === profile) return undefined
  const duration = config.duration_seconds ? Number(config.duration_seconds) : undefined
  if (duration !== undefined && !Number.isInteger(duration)) {
    throw new ApigwError(`"${config.duration_seconds}" (from profile ${profile} duration_seconds) is not a number of seconds.`, {
      code: 'INVALID_ROLE_DURATION',
      exitCode: ExitCode.config,
      suggestions: [`Try: aws configure set duration_seconds 3600 --profile ${profile}`],
    })
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

/** A bad value typed as a flag is a usage error (2); one from the environment or a file is configuration (3). */
function exitFor(source: string) {
  return source.startsWith('--') ? ExitCode.usage : ExitCode.config
}

/** The domain of public AWS endpoints in the region's partition (China differs). */
export function dnsSuffix(region: string): string {
  return region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com'
}

/** A profile named but defined nowhere would otherwise surface as a vague credentials failure. */
function requireProfile(profile: string, source: string, profiles: Map<string, unknown>, env: Env): void {
  const known = new Set([...profiles.keys(), ...credentialProfiles(env)])
  if (known.has(profile)) return
  throw new ApigwError(`Profile "${profile}" (from ${source}) is not defined in the AWS config or credentials file.`, {
    code: 'PROFILE_NOT_FOUND',
    exitCode: ExitCode.config,
    suggestions: [
      known.size > 0 ? `Try: one of ${[...known].sort().join(', ')}` : 'Try: aws configure --profile ' + profile,
      'Or: aws configure list-profiles',
    ],
  })
}

function resolveEndpoints(input: SettingsInput, config: Profile): Partial<Record<ServiceName, string>> {
  const endpoints: Partial<Record<ServiceName, string>> = {}
  for (const service of Object.keys(SERVICES) as ServiceName[]) {
    const configured = configuredEndpoint(SERVICES[service], input, config)
    if (configured) endpoints[service] = validateEndpoint(...configured)
  }
  return endpoints
}

/**
 * The endpoint for one service and where it came from, if any is configured. The order of the AWS
 * SDKs and CLI: --endpoint-url, AWS_ENDPOINT_URL_<SERVICE>, the profile's `services` section,
 * AWS_ENDPOINT_URL, the profile's `endpoint_url`; AWS_IGNORE_CONFIGURED_ENDPOINT_URLS (or the
 * profile's ignore_configured_endpoint_urls) leaves only the flag.
 */
function configuredEndpoint(
  service: {endpointEnv: string; configKeys: readonly string[]},
  {endpointUrl, env}: Pick<SettingsInput, 'endpointUrl' | 'env'>,
  config: Profile,
): [string, string] | undefined {
  if (endpointUrl) return [endpointUrl, '--endpoint-url']
  const ignore = env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS ?? config.ignore_configured_endpoint_urls
  if (ignore?.toLowerCase() === 'true') return undefined
  if (env[service.endpointEnv]) return [env[service.endpointEnv]!, service.endpointEnv]
  const section = config.services ? configServices(env).get(config.services) : undefined
  const key = section && service.configKeys.find((name) => section[`${name}.endpoint_url`])
  if (key) return [section![`${key}.endpoint_url`], `[services ${config.services}] ${key}`]
  if (env.AWS_ENDPOINT_URL) return [env.AWS_ENDPOINT_URL, 'AWS_ENDPOINT_URL']
  if (config.endpoint_url) return [config.endpoint_url, 'the profile\'s endpoint_url']
  return undefined
}

function validateEndpoint(url: string, source: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return url
  } catch {
    // reported below
  }
  throw new ApigwError(`"${url}" (from ${source}) is not an http(s) endpoint URL.`, {
    code: 'INVALID_ENDPOINT',
    exitCode: exitFor(source),
    suggestions: ['Try: --endpoint-url http://127.0.0.1:4566'],
  })
}
