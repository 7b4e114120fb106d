import {ApigwError, ExitCode} from '../errors.js'
import {caBundle, retrySettings, roleProfile, type RetryMode, type RoleProfile} from './profile-settings.js'
import {configProfiles, configServices, credentialProfiles, type Env, type Profile} from './shared-config.js'

/**
 * The AWS services apigw talks to, with the env var and the `[services]` section keys AWS uses for a
 * service-specific endpoint (AWS names API Gateway `api_gateway`; `apigateway` is accepted too).
 */
export const SERVICES = {
  apigateway: {endpointEnv: 'AWS_ENDPOINT_URL_API_GATEWAY', configKeys: ['api_gateway', 'apigateway']},
  apigatewayv2: {endpointEnv: 'AWS_ENDPOINT_URL_APIGATEWAYV2', configKeys: ['apigatewayv2']},
  cloudwatch: {endpointEnv: 'AWS_ENDPOINT_URL_CLOUDWATCH', configKeys: ['cloudwatch']},
  logs: {endpointEnv: 'AWS_ENDPOINT_URL_CLOUDWATCH_LOGS', configKeys: ['cloudwatch_logs']},
  acm: {endpointEnv: 'AWS_ENDPOINT_URL_ACM', configKeys: ['acm']},
} as const

export type ServiceName = keyof typeof SERVICES
export type {RetryMode, RoleProfile}

/** STS, which apigw calls only to assume a profile's role: --endpoint-url is not for it, as in the AWS CLI. */
const STS = {endpointEnv: 'AWS_ENDPOINT_URL_STS', configKeys: ['sts']} as const

export interface SettingsInput {
  profile?: string
  /** Where `profile` was named, for messages: --profile unless said (--profiles, for a fleet view's target). */
  profileSource?: string
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
  if (profile) requireProfile(profile, input.profile ? (input.profileSource ?? '--profile') : 'AWS_PROFILE', profiles, env)
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
