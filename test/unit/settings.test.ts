import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {configuredOutput} from '../../packages/cli/src/lib/aws/profile-settings.js'
import {resolveSettings} from '../../packages/cli/src/lib/aws/settings.js'

const emptyHome = mkdtempSync(join(tmpdir(), 'apigw-unit-home-'))

function configFile(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'apigw-unit-aws-'))
  writeFileSync(join(dir, 'config'), text)
  return join(dir, 'config')
}

describe('region resolution', () => {
  const base = {HOME: emptyHome}

  it('takes --region over every environment variable', () => {
    const settings = resolveSettings({region: 'eu-west-1', env: {...base, AWS_REGION: 'us-east-1', AWS_DEFAULT_REGION: 'us-west-2'}})
    expect(settings).toMatchObject({region: 'eu-west-1', regionSource: '--region'})
  })

  it('takes AWS_REGION over AWS_DEFAULT_REGION', () => {
    expect(resolveSettings({env: {...base, AWS_REGION: 'us-east-1', AWS_DEFAULT_REGION: 'us-west-2'}}).regionSource).toBe('AWS_REGION')
  })

  it('honours AWS_DEFAULT_REGION, which the JS SDK ignores', () => {
    expect(resolveSettings({env: {...base, AWS_DEFAULT_REGION: 'us-west-2'}})).toMatchObject({region: 'us-west-2', regionSource: 'AWS_DEFAULT_REGION'})
  })

  it("falls back to the named profile's region, then the default profile's", () => {
    const file = configFile('[default]\nregion = us-west-1\n\n[profile ops]\nregion=ap-southeast-2\ns3 =\n  region = nope-1\n')
    expect(resolveSettings({profile: 'ops', env: {...base, AWS_CONFIG_FILE: file}})).toMatchObject({region: 'ap-southeast-2', regionSource: 'profile ops'})
    expect(resolveSettings({env: {...base, AWS_CONFIG_FILE: file}})).toMatchObject({region: 'us-west-1', regionSource: 'profile default'})
    expect(resolveSettings({env: {...base, AWS_CONFIG_FILE: file, AWS_PROFILE: 'ops'}}).profile).toBe('ops')
  })

  it('fails with exit 3 and the three fixes when nothing names a region', () => {
    const file = configFile('[profile ops]\noutput = json\n')
    expect(() => resolveSettings({profile: 'ops', env: {...base, AWS_CONFIG_FILE: file}})).toThrow(
      expect.objectContaining({
        code: 'MISSING_REGION',
        exitCode: 3,
        suggestions: ['Try: apigw <command> --region us-east-1', 'Or: export AWS_REGION=us-east-1', 'Or: aws configure set region us-east-1 --profile ops'],
      }),
    )
  })

  it('rejects something that is not a region name: exit 2 for a flag, 3 for the environment', () => {
    expect(() => resolveSettings({region: 'us-east-1a', env: base})).toThrow(
      expect.objectContaining({exitCode: 2, message: '"us-east-1a" (from --region) is not an AWS region name.'}),
    )
    expect(() => resolveSettings({env: {...base, AWS_REGION: 'useast'}})).toThrow(expect.objectContaining({exitCode: 3}))
  })

  it('refuses a profile defined in neither AWS file, listing the ones that are', () => {
    const file = configFile('[default]\nregion = us-west-1\n[profile ops]\nregion = eu-west-1\n')
    expect(() => resolveSettings({profile: 'opps', env: {...base, AWS_CONFIG_FILE: file}})).toThrow(
      expect.objectContaining({
        code: 'PROFILE_NOT_FOUND',
        exitCode: 3,
        message: 'Profile "opps" (from --profile) is not defined in the AWS config or credentials file.',
        suggestions: ['Try: one of default, ops', 'Or: aws configure list-profiles'],
      }),
    )
  })
})

describe('endpoint resolution', () => {
  const env = {HOME: emptyHome, AWS_REGION: 'us-east-1'}

  it('uses --endpoint-url for every service', () => {
    const {endpoints} = resolveSettings({endpointUrl: 'http://127.0.0.1:4000', env: {...env, AWS_ENDPOINT_URL_API_GATEWAY: 'http://other'}})
    expect(endpoints).toEqual({apigateway: 'http://127.0.0.1:4000', apigatewayv2: 'http://127.0.0.1:4000', cloudwatch: 'http://127.0.0.1:4000', logs: 'http://127.0.0.1:4000', acm: 'http://127.0.0.1:4000'})
  })

  it('prefers the service-specific variable to AWS_ENDPOINT_URL', () => {
    const {endpoints} = resolveSettings({env: {...env, AWS_ENDPOINT_URL: 'http://all:1', AWS_ENDPOINT_URL_CLOUDWATCH: 'http://cw:2', AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: 'http://logs:3'}})
    expect(endpoints).toEqual({apigateway: 'http://all:1', apigatewayv2: 'http://all:1', cloudwatch: 'http://cw:2', logs: 'http://logs:3', acm: 'http://all:1'})
  })

  it('uses AWS endpoints when nothing is configured, or when told to ignore configured ones', () => {
    expect(resolveSettings({env}).endpoints).toEqual({})
    expect(resolveSettings({env: {...env, AWS_ENDPOINT_URL: 'http://x:1', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true'}}).endpoints).toEqual({})
  })

  it('rejects an endpoint that is not an http(s) URL: exit 2 for the flag, 3 for the environment', () => {
    expect(() => resolveSettings({endpointUrl: 'localhost:4566', env})).toThrow(expect.objectContaining({code: 'INVALID_ENDPOINT', exitCode: 2}))
    expect(() => resolveSettings({env: {...env, AWS_ENDPOINT_URL: 'localhost:4566'}})).toThrow(
      expect.objectContaining({exitCode: 3, message: '"localhost:4566" (from AWS_ENDPOINT_URL) is not an http(s) endpoint URL.'}),
    )
  })
})

describe('what a profile configures besides its region', () => {
  const env = (config: string, extra: Record<string, string> = {}) => ({HOME: emptyHome, AWS_REGION: 'us-east-1', AWS_CONFIG_FILE: configFile(config), ...extra})

  it("takes the profile's endpoint_url for every service, after AWS_ENDPOINT_URL", () => {
    const config = '[profile local]\nendpoint_url = http://127.0.0.1:4566\n'
    expect(resolveSettings({profile: 'local', env: env(config)}).endpoints).toEqual({
      apigateway: 'http://127.0.0.1:4566',
      apigatewayv2: 'http://127.0.0.1:4566',
      cloudwatch: 'http://127.0.0.1:4566',
      logs: 'http://127.0.0.1:4566',
      acm: 'http://127.0.0.1:4566',
    })
    expect(resolveSettings({profile: 'local', env: env(config)}).stsEndpoint).toBe('http://127.0.0.1:4566')
    expect(resolveSettings({profile: 'local', env: env(config, {AWS_ENDPOINT_URL: 'http://env:1'})}).endpoints.apigateway).toBe('http://env:1')
    expect(resolveSettings({profile: 'local', env: env(config, {AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true'})}).endpoints).toEqual({})
  })

  it("takes a service's endpoint from the profile's services section, before AWS_ENDPOINT_URL", () => {
    const config = [
      '[profile local]',
      'services = sandbox',
      'endpoint_url = http://fallback:1',
      '[services sandbox]',
      'api_gateway =',
      '  endpoint_url = http://rest:2',
      'cloudwatch =',
      '  endpoint_url = http://cw:3',
      'cloudwatch_logs =',
      '  endpoint_url = http://logs:4',
      'acm =',
      '  endpoint_url = http://acm:5',
      '',
    ].join('\n')
    const settings = resolveSettings({profile: 'local', env: env(config, {AWS_ENDPOINT_URL: 'http://env:1'})})
    expect(settings.endpoints).toEqual({apigateway: 'http://rest:2', apigatewayv2: 'http://env:1', cloudwatch: 'http://cw:3', logs: 'http://logs:4', acm: 'http://acm:5'})
    // The service's own variable and --endpoint-url still come first.
    expect(resolveSettings({profile: 'local', env: env(config, {AWS_ENDPOINT_URL_CLOUDWATCH: 'http://cwenv:4'})}).endpoints.cloudwatch).toBe('http://cwenv:4')
    expect(resolveSettings({profile: 'local', env: env(config, {AWS_ENDPOINT_URL_ACM: 'http://acmenv:6'})}).endpoints.acm).toBe('http://acmenv:6')
    expect(resolveSettings({profile: 'local', endpointUrl: 'http://flag:5', env: env(config)}).endpoints.apigateway).toBe('http://flag:5')
  })

  it('reads the CA bundle, AWS_CA_BUNDLE first', () => {
    const config = '[profile corp]\nca_bundle = /etc/corp.pem\n'
    expect(resolveSettings({profile: 'corp', env: env(config)}).caBundle).toEqual({path: '/etc/corp.pem', source: 'profile corp ca_bundle'})
    expect(resolveSettings({profile: 'corp', env: env(config, {AWS_CA_BUNDLE: '/tmp/a.pem'})}).caBundle).toEqual({path: '/tmp/a.pem', source: 'AWS_CA_BUNDLE'})
  })

  it('reads max_attempts and retry_mode, the environment first, and refuses values the AWS CLI would', () => {
    const config = '[profile ops]\nmax_attempts = 4\nretry_mode = adaptive\n'
    expect(resolveSettings({profile: 'ops', env: env(config)})).toMatchObject({maxAttempts: 4, retryMode: 'adaptive'})
    expect(resolveSettings({profile: 'ops', env: env(config, {AWS_MAX_ATTEMPTS: '1', AWS_RETRY_MODE: 'legacy'})})).toMatchObject({maxAttempts: 1, retryMode: 'legacy'})
    expect(() => resolveSettings({profile: 'ops', env: env(config, {AWS_MAX_ATTEMPTS: 'three'})})).toThrow(
      expect.objectContaining({code: 'INVALID_MAX_ATTEMPTS', exitCode: 3, message: '"three" (from AWS_MAX_ATTEMPTS) is not a number of attempts.'}),
    )
    expect(() => resolveSettings({profile: 'ops', env: env('[profile ops]\nretry_mode = fast\n')})).toThrow(
      expect.objectContaining({code: 'INVALID_RETRY_MODE', exitCode: 3, message: '"fast" (from profile ops retry_mode) is not a retry mode.'}),
    )
  })

  it('describes a role profile with a source profile, and leaves credential_source to the SDK', () => {
    const config = [
      '[profile ops]',
      'role_arn = arn:aws:iam::123456789012:role/operator',
      'source_profile = base',
      'mfa_serial = arn:aws:iam::123456789012:mfa/alice',
      'duration_seconds = 900',
      '[profile base]',
      '[profile ec2]',
      'role_arn = arn:aws:iam::123456789012:role/operator',
      'credential_source = Ec2InstanceMetadata',
      '',
    ].join('\n')
    expect(resolveSettings({profile: 'ops', env: env(config)}).role).toEqual({
      profile: 'ops',
      roleArn: 'arn:aws:iam::123456789012:role/operator',
      sourceProfile: 'base',
      mfaSerial: 'arn:aws:iam::123456789012:mfa/alice',
      externalId: undefined,
      roleSessionName: undefined,
      durationSeconds: 900,
    })
    expect(resolveSettings({profile: 'ec2', env: env(config)}).role).toBeUndefined()
  })
})

describe('the default output format', () => {
  const env = (config: string, extra: Record<string, string> = {}) => ({HOME: emptyHome, AWS_CONFIG_FILE: configFile(config), ...extra})

  it("is AWS_DEFAULT_OUTPUT, else the profile's output, with yaml-stream read as yaml", () => {
    const config = '[default]\noutput = text\n[profile ops]\noutput = yaml-stream\n'
    expect(configuredOutput({env: env(config)})).toBe('text')
    expect(configuredOutput({profile: 'ops', env: env(config)})).toBe('yaml')
    expect(configuredOutput({env: env(config, {AWS_PROFILE: 'ops'})})).toBe('yaml')
    expect(configuredOutput({profile: 'ops', env: env(config, {AWS_DEFAULT_OUTPUT: 'JSON'})})).toBe('json')
    expect(configuredOutput({env: env('')})).toBeUndefined()
  })

  it('refuses a format the AWS CLI does not have, with exit 3', () => {
    expect(() => configuredOutput({env: env('', {AWS_DEFAULT_OUTPUT: 'xml'})})).toThrow(
      expect.objectContaining({code: 'INVALID_OUTPUT', exitCode: 3, message: '"xml" (from AWS_DEFAULT_OUTPUT) is not an output format.'}),
    )
  })
})
