import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {assumeRoleProvider} from '../../packages/cli/src/lib/aws/assume-role.js'
import {readCachedRole, roleCacheKey, writeCachedRole} from '../../packages/cli/src/lib/aws/credential-cache.js'
import {startTestSandbox, type Sandbox} from '../helpers/sandbox.js'
import {fakeClock} from './fake-clock.js'

// One role profile's credentials over a command's life: the cache, the MFA code, STS (the sandbox's).
const role = {profile: 'ops', roleArn: 'arn:aws:iam::123456789012:role/operator', sourceProfile: 'base', mfaSerial: 'arn:aws:iam::123456789012:mfa/alice'}
let sandbox: Sandbox

beforeAll(async () => {
  sandbox = await startTestSandbox()
})

afterAll(() => sandbox.stop())

function provider(clock = fakeClock()) {
  const env = {HOME: mkdtempSync(join(tmpdir(), 'apigw-role-home-'))}
  const asked: string[] = []
  let sourced = 0
  const provide = assumeRoleProvider({
    role,
    region: 'us-east-1',
    stsEndpoint: sandbox.endpoint,
    env,
    clock,
    sourceCredentials: async () => {
      sourced++
      return {accessKeyId: 'AKIDBASE', secretAccessKey: 'secret'}
    },
    askMfaCode: async (serial) => {
      asked.push(serial)
      return '123456'
    },
  })
  return {provide, env, clock, asked, sourced: () => sourced}
}

describe('assumed-role credentials', () => {
  it('come from a good cache entry without the source profile, STS or an MFA code', async () => {
    const run = provider(fakeClock())
    await run.clock.sleep(Date.parse('2026-12-07T12:00:00Z'))
    const entry = {Credentials: {AccessKeyId: 'ASIACACHED', SecretAccessKey: 's', SessionToken: 't', Expiration: '2026-12-07T13:00:00Z'}}
    writeCachedRole(run.env, roleCacheKey(role), entry)
    expect(await run.provide()).toEqual({accessKeyId: 'ASIACACHED', secretAccessKey: 's', sessionToken: 't', expiration: new Date('2026-12-07T13:00:00Z')})
    expect(run.asked).toEqual([])
    expect(run.sourced()).toBe(0)
  })

  it('ask for the MFA code once per command, and are cached for the next one', async () => {
    const run = provider()
    await run.clock.sleep(Date.now())
    const first = await run.provide()
    const second = await run.provide()
    expect(second).toBe(first)
    expect(run.asked).toEqual([role.mfaSerial])
    expect(first.accessKeyId).toMatch(/^ASIA/)
    expect(readCachedRole(run.env, roleCacheKey(role), Date.now())?.Credentials.AccessKeyId).toBe(first.accessKeyId)
  })

  it('are fetched again, with a new code, when a long command outlives them', async () => {
    const run = provider()
    await run.clock.sleep(Date.now())
    const first = await run.provide()
    await run.clock.sleep(56 * 60_000)
    const later = await run.provide()
    expect(later.accessKeyId).not.toBe(first.accessKeyId)
    expect(run.asked).toHaveLength(2)
  })

  it('without anyone to ask, fail with exit 3 and leave no cache entry', async () => {
    const run = provider()
    const silent = assumeRoleProvider({role, region: 'us-east-1', stsEndpoint: sandbox.endpoint, env: run.env, clock: run.clock, sourceCredentials: async () => ({accessKeyId: 'A', secretAccessKey: 'S'})})
    await expect(silent()).rejects.toMatchObject({code: 'MFA_CODE_REQUIRED', exitCode: 3})
    expect(readCachedRole(run.env, roleCacheKey(role), 0)).toBeUndefined()
  })
})
