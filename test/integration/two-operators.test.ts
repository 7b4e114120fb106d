import {CreateUsagePlanCommand, GetStageCommand, GetUsagePlanCommand, UpdateStageCommand} from '@aws-sdk/client-api-gateway'
import {describe, expect, it} from 'vitest'
import {startBarrierProxy} from '../helpers/barrier-proxy.js'
import {awsEnv, runCli, type CliResult} from '../helpers/cli.js'
import {clients, sandbox, seed, useSandboxCli} from '../helpers/sandbox-cli.js'

useSandboxCli()

// Two operators change one resource at once. AWS's updates are last-writer-wins with no ETag
// (aws-facts §9), so both writes succeed; the barrier proxy makes the worst interleaving happen every
// time: both commands have read the resource before either write lands, and both read back after
// the last one. The command whose write was overwritten must exit 5 and say so; the other reports
// what AWS holds. Neither may print a value AWS does not hold afterwards.

const TRIALS = 3

/** Starts both commands together through a proxy that holds the writes `matches` picks until both arrived. */
async function race(matches: (method: string, path: string) => boolean, first: string[], second: string[]): Promise<[CliResult, CliResult]> {
  const proxy = await startBarrierProxy(sandbox.endpoint, 2, matches)
  const env = awsEnv(proxy.endpoint)
  // A command that exits before writing (it saw the other's change first) must not leave the other held.
  const run = (args: string[]) => runCli([...args, '--yes', '--json'], env).finally(() => proxy.release())
  try {
    return await Promise.all([run(first), run(second)])
  } finally {
    await proxy.close()
  }
}

/** The runs' outcomes: exactly one wins (exit 0), the other exits 5 saying another change landed. */
function winnerAndLoser(results: CliResult[]): {winner: unknown; loser: {code: string; message: string}} {
  expect(results.map((result) => result.code).sort(), results.map((result) => result.stderr).join('\n')).toEqual([0, 5])
  const winner = results.find((result) => result.code === 0)!
  const loser = results.find((result) => result.code === 5)!
  return {winner: JSON.parse(winner.stdout), loser: JSON.parse(loser.stdout).error}
}

const isPatch = (prefix: RegExp) => (method: string, path: string) => method === 'PATCH' && prefix.test(path)

describe('two operators at once', () => {
  it('two canary set --percent: the overwritten one exits 5 naming both values; the other reports what AWS holds', async () => {
    for (let trial = 0; trial < TRIALS; trial++) {
      const {id} = await seed.restApi(`canary-race-${trial}`)
      await clients.rest.send(new UpdateStageCommand({restApiId: id, stageName: 'prod', patchOperations: [{op: 'replace', path: '/canarySettings/percentTraffic', value: '10.0'}]}))
      const canary = (percent: string) => ['canary', 'set', '--api', id, '--stage', 'prod', '--percent', percent]
      const results = await race(isPatch(/^\/restapis\/[^/]+\/stages\/prod$/), canary('25'), canary('40'))

      const held = (await clients.rest.send(new GetStageCommand({restApiId: id, stageName: 'prod'}))).canarySettings?.percentTraffic
      const {winner, loser} = winnerAndLoser(results)
      expect((winner as {after: {canary: {percentTraffic: number}}}).after.canary.percentTraffic).toBe(held)
      expect(loser.code).toBe('CHANGED_MEANWHILE')
      const lost = held === 40 ? 25 : 40
      expect(loser.message).toContain(`canary percentTraffic: you set ${lost}%, AWS now holds ${held}% — another change landed meanwhile`)
    }
  })

  it('two stages set --throttle: the overwritten one exits 5; the other reports the throttle AWS holds', async () => {
    for (let trial = 0; trial < TRIALS; trial++) {
      const {id} = await seed.restApi(`stage-race-${trial}`)
      const set = (throttle: string) => ['stages', 'set', '--api', id, '--stage', 'prod', '--throttle', throttle]
      const results = await race(isPatch(/^\/restapis\/[^/]+\/stages\/prod$/), set('100:50'), set('200:80'))

      const settings = (await clients.rest.send(new GetStageCommand({restApiId: id, stageName: 'prod'}))).methodSettings?.['*/*']
      const {winner, loser} = winnerAndLoser(results)
      const reported = (winner as {changes: Array<{after: {rateLimit: number; burstLimit: number}}>}).changes[0].after
      expect(reported).toEqual({rateLimit: settings?.throttlingRateLimit, burstLimit: settings?.throttlingBurstLimit})
      expect(loser.code).toBe('CHANGED_MEANWHILE')
      const [lost, kept] = reported.rateLimit === 200 ? ['100/s burst 50', '200/s burst 80'] : ['200/s burst 80', '100/s burst 50']
      expect(loser.message).toContain(`throttle: you set ${lost}, AWS now holds ${kept}`)
    }
  })

  it('two plans set --throttle: the overwritten one exits 5; the other reports the plan as AWS holds it', async () => {
    for (let trial = 0; trial < TRIALS; trial++) {
      const {id: usagePlanId} = await clients.rest.send(new CreateUsagePlanCommand({name: `race-${trial}`, throttle: {rateLimit: 5, burstLimit: 5}}))
      const set = (throttle: string) => ['plans', 'set', usagePlanId!, '--throttle', throttle]
      const results = await race(isPatch(/^\/usageplans\/[^/]+$/), set('10:20'), set('30:40'))

      const {throttle} = await clients.rest.send(new GetUsagePlanCommand({usagePlanId}))
      const {winner, loser} = winnerAndLoser(results)
      expect((winner as {plan: {throttle: unknown}}).plan.throttle).toEqual({rateLimit: throttle?.rateLimit, burstLimit: throttle?.burstLimit})
      expect(loser.code).toBe('CHANGED_MEANWHILE')
      const [lost, kept] = throttle?.rateLimit === 30 ? ['10:20', '30:40'] : ['30:40', '10:20']
      expect(loser.message).toContain(`throttle: you set ${lost}, AWS now holds ${kept}`)
    }
  })
})
