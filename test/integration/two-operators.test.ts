import {CreateApiKeyCommand, CreateUsagePlanCommand, DeleteUsagePlanKeyCommand, GetStageCommand, GetUsagePlanCommand, UpdateApiKeyCommand, UpdateStageCommand, UpdateUsagePlanCommand, type PatchOperation} from '@aws-sdk/client-api-gateway'
import {describe, expect, it} from 'vitest'
import {parseFaults} from '../../packages/cli/src/lib/sandbox/faults.js'
import {startBarrierProxy, startGateProxy} from '../helpers/barrier-proxy.js'
import {awsEnv, runCli, spawnCli, type CliResult} from '../helpers/cli.js'
import {sdkClients} from '../helpers/sandbox.js'
import {clients, sandbox, seed, useSandboxCli} from '../helpers/sandbox-cli.js'

useSandboxCli()

// Two writers change one resource at once. AWS's updates are last-writer-wins with no ETag
// (docs/aws-behaviour.md#updates-are-last-writer-wins). Two apigw commands: one goes on, the other exits 5 before writing (a claim in the
// resource's tags, change/exclusive.ts). apigw and another writer (the console, a script): apigw reads
// back what it wrote and, when the other's write landed meanwhile, exits 5 naming both values.
// Whatever happens, no command exits 0 printing a value AWS does not hold afterwards.

const TRIALS = 3
const json = (result: CliResult) => JSON.parse(result.stdout)
const isPatch = (prefix: RegExp) => (method: string, path: string) => method === 'PATCH' && prefix.test(path)
const STAGE = /^\/restapis\/[^/]+\/stages\/prod$/

/**
 * Both commands started together, overlapping however busy the machine is: a write waits until both
 * commands' claims (a TagResource each) have landed, and is slowed (`latency`). At most one changes
 * anything (exit 0); the other, or both when their claims crossed, exit 5 having written nothing.
 * `check` is given the winner, if any, and each loser.
 */
async function together(latency: string, first: string[], second: string[], check: (winner: CliResult | undefined, losers: CliResult[]) => Promise<void>): Promise<boolean> {
  sandbox.faults = parseFaults(latency)
  const isClaim = (method: string, path: string) => method === 'PUT' && path.startsWith('/tags/')
  const isWrite = (method: string) => method === 'PATCH'
  const claims = await startGateProxy(sandbox.endpoint, isWrite, isClaim, 2)
  try {
    const run = (args: string[]) => spawnCli([...args, '--yes', '--json'], awsEnv(claims.endpoint))
    // A command that stops before claiming must not leave the other waiting at the barrier.
    const results = await Promise.all([first, second].map((args) => run(args).finally(() => claims.release())))
    const codes = results.map((result) => result.code).sort()
    expect([[0, 5], [5, 5]], results.map((result) => result.stdout + result.stderr).join('\n')).toContainEqual(codes)
    const winner = results.find((result) => result.code === 0)
    await check(winner, results.filter((result) => result !== winner))
    return winner !== undefined
  } finally {
    sandbox.faults = parseFaults('none')
    await claims.close()
  }
}

/** Over the trials, some run won: the tests above are not only about refusals. */
const someWon = (won: boolean[]) => expect(won).toContain(true)

/**
 * apigw's write, then another writer's (an SDK client, as the console would be), both held by a
 * proxy until both have landed: apigw reads back after the other's write, every time.
 */
async function overwritten(
  args: string[],
  path: RegExp,
  otherWrite: (client: ReturnType<typeof sdkClients>['rest']) => Promise<unknown>,
  writes: (method: string, path: string) => boolean = isPatch(path),
): Promise<CliResult> {
  const proxy = await startBarrierProxy(sandbox.endpoint, 2, writes)
  try {
    const run = runCli([...args, '--yes', '--json'], awsEnv(proxy.endpoint)).finally(() => proxy.release())
    await proxy.held()
    await otherWrite(sdkClients(proxy.endpoint).rest)
    return await run
  } finally {
    await proxy.close()
  }
}

const canaryAt10 = async (name: string) => {
  const {id} = await seed.restApi(name)
  await clients.rest.send(new UpdateStageCommand({restApiId: id, stageName: 'prod', patchOperations: [{op: 'replace', path: '/canarySettings/percentTraffic', value: '10.0'}]}))
  return id
}
const heldPercent = async (restApiId: string) => (await clients.rest.send(new GetStageCommand({restApiId, stageName: 'prod'}))).canarySettings?.percentTraffic
const heldThrottle = async (restApiId: string) => (await clients.rest.send(new GetStageCommand({restApiId, stageName: 'prod'}))).methodSettings?.['*/*']
const stagePatch = (restApiId: string, ...patchOperations: PatchOperation[]) => (client: ReturnType<typeof sdkClients>['rest']) => client.send(new UpdateStageCommand({restApiId, stageName: 'prod', patchOperations}))

describe('two apigw commands at once', () => {
  it('two canary set --percent: one changes the canary and reports what AWS holds; the other exits 5 and writes nothing', async () => {
    const won: boolean[] = []
    for (let trial = 0; trial < TRIALS; trial++) {
      const id = await canaryAt10(`canary-race-${trial}`)
      const canary = (percent: string) => ['canary', 'set', '--api', id, '--stage', 'prod', '--percent', percent]
      won.push(
        await together('latency=UpdateStage:400ms', canary('25'), canary('40'), async (winner, losers) => {
          expect(winner ? json(winner).after.canary.percentTraffic : 10).toBe(await heldPercent(id))
          for (const loser of losers) expect(['CHANGE_IN_PROGRESS', 'STAGE_CHANGED']).toContain(json(loser).error.code)
        }),
      )
    }
    someWon(won)
  })

  it('two stages set --throttle: one reports the throttle AWS holds; the other exits 5', async () => {
    const won: boolean[] = []
    for (let trial = 0; trial < TRIALS; trial++) {
      const {id} = await seed.restApi(`stage-race-${trial}`)
      const set = (throttle: string) => ['stages', 'set', '--api', id, '--stage', 'prod', '--throttle', throttle]
      won.push(
        await together('latency=UpdateStage:400ms', set('100:50'), set('200:80'), async (winner, losers) => {
          const held = await heldThrottle(id)
          if (winner) expect(json(winner).changes[0].after).toEqual({rateLimit: held?.throttlingRateLimit, burstLimit: held?.throttlingBurstLimit})
          else expect(held).toBeUndefined()
          for (const loser of losers) {
            expect(json(loser).error.code).toBe('CHANGE_IN_PROGRESS')
            expect(json(loser).error.message).toMatch(/^Stage "prod" of REST API \w+ is being changed by another apigw command right now \(since [\dT:.Z-]+\)\. This command changed nothing\.$/)
          }
        }),
      )
    }
    someWon(won)
  })

  it('two plans set --throttle: one reports the plan as AWS holds it; the other exits 5', async () => {
    const won: boolean[] = []
    for (let trial = 0; trial < TRIALS; trial++) {
      const {id: usagePlanId} = await clients.rest.send(new CreateUsagePlanCommand({name: `race-${trial}`, throttle: {rateLimit: 5, burstLimit: 5}}))
      const set = (throttle: string) => ['plans', 'set', usagePlanId!, '--throttle', throttle]
      won.push(
        await together('latency=UpdateUsagePlan:400ms', set('10:20'), set('30:40'), async (winner, losers) => {
          const {throttle} = await clients.rest.send(new GetUsagePlanCommand({usagePlanId}))
          expect(winner ? json(winner).plan.throttle : {rateLimit: 5, burstLimit: 5}).toEqual({rateLimit: throttle?.rateLimit, burstLimit: throttle?.burstLimit})
          for (const loser of losers) expect(json(loser).error.code).toBe('CHANGE_IN_PROGRESS')
        }),
      )
    }
    someWon(won)
  })
})

describe('apigw and another writer at once', () => {
  it('canary set: the console sets 40% while apigw sets 25%: apigw exits 5 naming both, never reporting 25', async () => {
    const id = await canaryAt10('canary-console')
    const result = await overwritten(['canary', 'set', '--api', id, '--stage', 'prod', '--percent', '25'], STAGE, stagePatch(id, {op: 'replace', path: '/canarySettings/percentTraffic', value: '40.0'}))
    expect(result.code).toBe(5)
    expect(await heldPercent(id)).toBe(40)
    expect(json(result).error).toMatchObject({
      code: 'CHANGED_MEANWHILE',
      message: `Stage "prod" of REST API "canary-console" (${id}) is not as this command left it: canary percentTraffic: you set 25%, AWS now holds 40% — another change landed meanwhile.`,
      suggestions: [`Try: apigw canary status --api ${id} --stage prod, to see what it holds now; then run this command again if its change still applies`],
    })
  })

  it('stages set: the throttle another writer set is named beside apigw\'s', async () => {
    const {id} = await seed.restApi('stage-console')
    const result = await overwritten(
      ['stages', 'set', '--api', id, '--stage', 'prod', '--throttle', '100:50'],
      STAGE,
      stagePatch(id, {op: 'replace', path: '/*/*/throttling/rateLimit', value: '7'}, {op: 'replace', path: '/*/*/throttling/burstLimit', value: '3'}),
    )
    expect(result.code).toBe(5)
    expect(json(result).error.code).toBe('CHANGED_MEANWHILE')
    expect(json(result).error.message).toContain('throttle: you set 100/s burst 50, AWS now holds 7/s burst 3 — another change landed meanwhile')
  })

  it('plans set: the throttle another writer set is named beside apigw\'s', async () => {
    const {id: usagePlanId} = await clients.rest.send(new CreateUsagePlanCommand({name: 'console', throttle: {rateLimit: 5, burstLimit: 5}}))
    const result = await overwritten(['plans', 'set', usagePlanId!, '--throttle', '10:20'], /^\/usageplans\/[^/]+$/, (client) =>
      client.send(new UpdateUsagePlanCommand({usagePlanId, patchOperations: [{op: 'replace', path: '/throttle/rateLimit', value: '30'}, {op: 'replace', path: '/throttle/burstLimit', value: '40'}]})),
    )
    expect(result.code).toBe(5)
    expect(json(result).error.code).toBe('CHANGED_MEANWHILE')
    expect(json(result).error.message).toContain('throttle: you set 10:20, AWS now holds 30:40 — another change landed meanwhile')
  })

  it('plans attach: another writer removes the key from the plan meanwhile: apigw exits 5 instead of reporting it attached', async () => {
    const {id: usagePlanId} = await clients.rest.send(new CreateUsagePlanCommand({name: 'attach-console'}))
    const {id: keyId} = await clients.rest.send(new CreateApiKeyCommand({name: 'attach-console-key', enabled: true}))
    const keysPath = new RegExp(`^/usageplans/${usagePlanId}/keys`)
    const result = await overwritten(
      ['plans', 'attach', usagePlanId!, keyId!],
      keysPath,
      (client) => client.send(new DeleteUsagePlanKeyCommand({usagePlanId, keyId})),
      (method, path) => method !== 'GET' && keysPath.test(path),
    )
    expect(result.code).toBe(5)
    expect(json(result).error.code).toBe('CHANGED_MEANWHILE')
    expect(json(result).error.message).toContain(`key attach-console-key (${keyId}): you set in the plan, AWS now holds not in the plan — another change landed meanwhile`)
  })

  it('keys disable: another writer enables the key again meanwhile: apigw exits 5 instead of reporting it disabled', async () => {
    const {id: keyId} = await clients.rest.send(new CreateApiKeyCommand({name: 'switch-console', enabled: true}))
    const result = await overwritten(['keys', 'disable', keyId!], new RegExp(`^/apikeys/${keyId}$`), (client) =>
      client.send(new UpdateApiKeyCommand({apiKey: keyId, patchOperations: [{op: 'replace', path: '/enabled', value: 'true'}]})),
    )
    expect(result.code).toBe(5)
    expect(json(result).error.message).toBe(`Key switch-console (${keyId}) is not as this command left it: enabled: you set disabled, AWS now holds enabled — another change landed meanwhile.`)
  })
})
