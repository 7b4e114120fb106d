import {describe, expect, it} from 'vitest'
import type {AwsSession} from '../../packages/cli/src/lib/aws/index.js'
import {ApigwError, ExitCode} from '../../packages/cli/src/lib/errors.js'
import {API_GATEWAY_REGIONS, forEachTarget, located, targets, type TargetSpec} from '../../packages/cli/src/lib/fleet/index.js'

/** A session as forEachTarget uses it: its region, and STS for the account (per profile). */
function fakeSession(spec: TargetSpec, stsCalls: string[]): AwsSession {
  return {
    settings: {region: spec.region ?? 'us-east-1'},
    sts: async () => ({callerIdentity: async () => (stsCalls.push(spec.profile ?? ''), {account: `acct-${spec.profile}`, arn: ''})}),
  } as unknown as AwsSession
}

describe('targets', () => {
  it('is every profile in every region, profiles first; undefined without either flag', () => {
    expect(targets({})).toBeUndefined()
    expect(targets({regions: 'us-east-1, eu-west-1', profiles: 'a,b'})).toEqual([
      {profile: 'a', region: 'us-east-1'},
      {profile: 'a', region: 'eu-west-1'},
      {profile: 'b', region: 'us-east-1'},
      {profile: 'b', region: 'eu-west-1'},
    ])
    expect(targets({profiles: 'a,a'})).toEqual([{profile: 'a', region: undefined}])
    expect(targets({regions: 'all'})!.map((spec) => spec.region)).toEqual(API_GATEWAY_REGIONS.map((region) => region.name))
  })

  it('refuses unknown regions and empty names as usage errors', () => {
    for (const input of [{regions: 'us-east-1,moon-1'}, {regions: ''}, {regions: 'us-east-1,'}, {profiles: ' '}]) {
      expect(() => targets(input), JSON.stringify(input)).toThrow(ApigwError)
      try {
        targets(input)
      } catch (error) {
        expect((error as ApigwError).exitCode).toBe(ExitCode.usage)
      }
    }
  })
})

describe('forEachTarget', () => {
  it('reads at most `concurrency` targets at once, keeps their order, and asks STS once per profile', async () => {
    const specs = targets({regions: API_GATEWAY_REGIONS.slice(0, 5).map((region) => region.name).join(','), profiles: 'a,b'})!
    const stsCalls: string[] = []
    let running = 0
    let most = 0
    const run = await forEachTarget(
      specs,
      async (spec) => fakeSession(spec, stsCalls),
      async (session) => {
        most = Math.max(most, ++running)
        await new Promise((resolve) => setImmediate(resolve))
        running--
        return [{name: session.settings.region}]
      },
      {concurrency: 3},
    )
    expect(most).toBe(3)
    expect(stsCalls.sort()).toEqual(['a', 'b'])
    expect(run.targets.map((target) => [target.profile, target.region, target.account])).toEqual(specs.map((spec) => [spec.profile, spec.region, `acct-${spec.profile}`]))
    expect(located(run, (rows) => rows)[0]).toEqual({account: 'acct-a', region: 'us-east-1', profile: 'a', name: 'us-east-1'})
  })

  it('reports a failing target with its reason and goes on with the others', async () => {
    const specs = targets({regions: 'us-east-1,eu-west-1'})!
    const run = await forEachTarget(
      specs,
      async (spec) => {
        if (spec.region === 'eu-west-1') throw new ApigwError('The security token included in the request is invalid.', {code: 'UnrecognizedClientException', exitCode: ExitCode.aws})
        return fakeSession(spec, [])
      },
      async () => 'read',
    )
    expect(run.results.map((result) => result.target.region)).toEqual(['us-east-1'])
    expect(run.targets[1]).toEqual({profile: null, region: 'eu-west-1', account: null, error: {code: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.'}})
  })

  it('says an opt-in region may not be enabled when its credentials are refused there', async () => {
    const refused = new ApigwError('GetRestApis failed: AWS rejected the credentials: The security token included in the request is invalid.', {code: 'INVALID_CREDENTIALS', exitCode: ExitCode.config})
    const run = await forEachTarget(
      targets({regions: 'us-east-1,af-south-1'})!,
      async (spec) => fakeSession(spec, []),
      async (session) => {
        if (session.settings.region === 'af-south-1') throw refused
        return 'read'
      },
    )
    expect(run.targets.map((target) => target.error?.message ?? null)).toEqual([null, `${refused.message} (af-south-1 is an opt-in region: is it enabled in this account?)`])
  })
})
