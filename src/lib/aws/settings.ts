import {ApigwError, ExitCode} from '../errors.js'
import {configProfiles, credentialProfiles, type Env} from './shared-config.js'

/** The AWS services apigw talks to, with the env-var suffix AWS uses for a service-specific endpoint. */
export const SERVICES = {
  apigateway: {endpointEnv: 'AWS_ENDPOINT_URL_API_GATEWAY'},
  apigatewayv2: {endpointEnv: 'AWS_ENDPOINT_URL_APIGATEWAYV2'},
  cloudwatch: {endpointEnv: 'AWS_ENDPOINT_URL_CLOUDWATCH'},
} as const

export type ServiceName = keyof typeof SERVICES

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
  const candidates: Array<[string | undefined, string]> = [
    [input.region, '--region'],
    [env.AWS_REGION, 'AWS_REGION'],
    [env.AWS_DEFAULT_REGION, 'AWS_DEFAULT_REGION'],
  ]
  let found = candidates.find(([value]) => value && value.trim() !== '')
  if (!found) {
    const profileRegion = profiles.get(profileName)?.region
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
  return {profile, region, regionSource: found[1], endpoints: resolveEndpoints(input)}
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

/** --endpoint-url wins, then AWS_ENDPOINT_URL_<SERVICE>, then AWS_ENDPOINT_URL, as in the AWS SDKs and CLI. */
function resolveEndpoints(input: SettingsInput): Partial<Record<ServiceName, string>> {
  const endpoints: Partial<Record<ServiceName, string>> = {}
  for (const service of Object.keys(SERVICES) as ServiceName[]) {
    const configured = configuredEndpoint(service, input)
    if (configured) endpoints[service] = validateEndpoint(...configured)
  }
  return endpoints
}

/** The endpoint for one service and where it came from, if any is configured. */
function configuredEndpoint(service: ServiceName, {endpointUrl, env}: SettingsInput): [string, string] | undefined {
  if (endpointUrl) return [endpointUrl, '--endpoint-url']
  if (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS === 'true') return undefined
  const specific = SERVICES[service].endpointEnv
  if (env[specific]) return [env[specific], specific]
  if (env.AWS_ENDPOINT_URL) return [env.AWS_ENDPOINT_URL, 'AWS_ENDPOINT_URL']
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
