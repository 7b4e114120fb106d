import {mkdtempSync, readFileSync, statSync, writeFileSync, mkdirSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {cacheDirectory, readCachedRole, roleCacheKey, writeCachedRole, type CachedRole} from '../../packages/cli/src/lib/aws/credential-cache.js'

const role = {profile: 'ops', roleArn: 'arn:aws:iam::123456789012:role/operator', sourceProfile: 'base'}

const entry = (expiration: string): CachedRole => ({
  Credentials: {AccessKeyId: 'ASIAEXAMPLE', SecretAccessKey: 'secret', SessionToken: 'token', Expiration: expiration},
  AssumedRoleUser: {AssumedRoleId: 'AROAEXAMPLE:s', Arn: 'arn:aws:sts::123456789012:assumed-role/operator/s'},
  ProviderType: 'assume-role',
})

describe('the AWS CLI cache key of a role', () => {
  // The expected names were computed with botocore's rule, in Python:
  // sha1(json.dumps(args, sort_keys=True).encode('utf-8')).hexdigest()
  it('is the SHA-1 of the sorted AssumeRole arguments, as Python json.dumps writes them', () => {
    expect(roleCacheKey({...role, mfaSerial: 'arn:aws:iam::123456789012:mfa/alice'})).toBe('241aea35a39f728a01384eb1e602b3d6e5edae02')
  })

  it('includes a configured session name, external id (non-ASCII escaped) and duration (as a number)', () => {
    expect(roleCacheKey({...role, externalId: 'ext-é', durationSeconds: 900, roleSessionName: 'alice'})).toBe('79f1d2ac1053eb3dcfcdff6754b00fcf443cbfa0')
  })
})

describe('the credential cache', () => {
  const home = () => ({HOME: mkdtempSync(join(tmpdir(), 'apigw-cache-home-'))})
  const now = Date.parse('2026-12-07T12:00:00Z')

  it('writes ~/.aws/cli/cache/<key>.json readable only by its owner, and reads it back', () => {
    const env = home()
    writeCachedRole(env, 'abc', entry('2026-12-07T13:00:00Z'))
    const file = join(env.HOME, '.aws', 'cli', 'cache', 'abc.json')
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(entry('2026-12-07T13:00:00Z'))
    expect(readCachedRole(env, 'abc', now)).toEqual(entry('2026-12-07T13:00:00Z'))
  })

  it('is not used with less than 15 minutes left, nor when unreadable', () => {
    const env = home()
    writeCachedRole(env, 'soon', entry('2026-12-07T12:14:59Z'))
    expect(readCachedRole(env, 'soon', now)).toBeUndefined()
    writeCachedRole(env, 'enough', entry('2026-12-07T12:15:00+00:00'))
    expect(readCachedRole(env, 'enough', now)).toBeDefined()
    // As botocore's JSONFileCache writes a parsed time (strftime with %Z).
    writeCachedRole(env, 'botocore', entry('2026-12-07T13:00:00UTC'))
    expect(readCachedRole(env, 'botocore', now)).toBeDefined()
    writeCachedRole(env, 'botocore-soon', entry('2026-12-07T12:10:00UTC'))
    expect(readCachedRole(env, 'botocore-soon', now)).toBeUndefined()
    mkdirSync(cacheDirectory(env), {recursive: true})
    writeFileSync(join(cacheDirectory(env), 'broken.json'), '{"Credentials": ')
    expect(readCachedRole(env, 'broken', now)).toBeUndefined()
    expect(readCachedRole(env, 'missing', now)).toBeUndefined()
  })
})
