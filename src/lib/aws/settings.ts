import {ApigwError, ExitCode} from '../errors.js'
import {readProfileConfig} from './shared-config.js'

type Env = Record<string, string | undefined>

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
  const profile = input.profile ?? env.AWS_PROFILE ?? undefined
  const profileName = profile ?? 'default'
  const candidates: Array<[string | undefined, string]> = [
    [input.region, '--region'],
    [env.AWS_REGION, 'AWS_REGION'],
    [env.AWS_DEFAULT_REGION, 'AWS_DEFAULT_REGION'],
  ]
  let found = candidates.find(([value]) => value && value.trim() !== '')
  if (!found) {
    const profileRegion = readProfileConfig(profileName, env)?.region
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
      exitCode: ExitCode.config,
      suggestions: ['Try: --region us-east-1 (a region name, not an availability zone or endpoint)'],
    })
  }
  return {profile, region, regionSource: found[1], endpoints: resolveEndpoints(input)}
}

/** --endpoint-url wins, then AWS_ENDPOINT_URL_<SERVICE>, then AWS_ENDPOINT_URL, as in the AWS SDKs and CLI. */
function resolveEndpoints(input: SettingsInput): Partial<Record<ServiceName, string>> {
  const {env} = input
  const ignoreEnv = env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS === 'true'
  const endpoints: Partial<Record<ServiceName, string>> = {}
  for (const [service, {endpointEnv}] of Object.entries(SERVICES) as Array<[ServiceName, {endpointEnv: string}]>) {
    const url = input.endpointUrl ?? (ignoreEnv ? undefined : env[endpointEnv] ?? env.AWS_ENDPOINT_URL)
    if (url) endpoints[service] = validateEndpoint(url)
  }
  return endpoints
}

function validateEndpoint(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return url
  } catch {
    // reported below
  }
  throw new ApigwError(`"${url}" is not an http(s) endpoint URL.`, {
    code: 'INVALID_ENDPOINT',
    exitCode: ExitCode.config,
    suggestions: ['Try: --endpoint-url http://127.0.0.1:4566'],
  })
}
