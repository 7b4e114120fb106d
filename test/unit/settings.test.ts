import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {resolveSettings} from '../../src/lib/aws/settings.js'

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
    expect(endpoints).toEqual({apigateway: 'http://127.0.0.1:4000', apigatewayv2: 'http://127.0.0.1:4000', cloudwatch: 'http://127.0.0.1:4000'})
  })

  it('prefers the service-specific variable to AWS_ENDPOINT_URL', () => {
    const {endpoints} = resolveSettings({env: {...env, AWS_ENDPOINT_URL: 'http://all:1', AWS_ENDPOINT_URL_CLOUDWATCH: 'http://cw:2'}})
    expect(endpoints).toEqual({apigateway: 'http://all:1', apigatewayv2: 'http://all:1', cloudwatch: 'http://cw:2'})
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
