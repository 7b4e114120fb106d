import {CreateApiKeyCommand, CreateDeploymentCommand, CreateUsagePlanCommand, CreateUsagePlanKeyCommand, GetApiKeyCommand, GetApiKeysCommand, GetUsagePlansCommand} from '@aws-sdk/client-api-gateway'
import {existsSync, mkdtempSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {parseFaults} from '../../packages/cli/src/lib/sandbox/faults.js'
import {startBarrierProxy} from '../helpers/barrier-proxy.js'
import {awsEnv, spawnCli, type CliResult} from '../helpers/cli.js'
import {clients, env, sandbox, seed, useSandboxCli} from '../helpers/sandbox-cli.js'

useSandboxCli()

// Two `keys rotate` of one key started together: at most one hands out a value (exit 0, one value
// file); the other exits 5 before writing a value file or printing a value, and leaves no key behind.

const dir = mkdtempSync(join(tmpdir(), 'apigw-rotate-race-'))
let plans: string[] = []

const allKeys = async () => (await clients.rest.send(new GetApiKeysCommand({limit: 500, includeValues: true}))).items ?? []
const plansOf = async (keyId: string) => ((await clients.rest.send(new GetUsagePlansCommand({keyId}))).items ?? []).map((plan) => plan.id).sort()

beforeAll(async () => {
  const {id: apiId} = await seed.restApi('race-shop')
  await clients.rest.send(new CreateDeploymentCommand({restApiId: apiId, stageName: 'beta'}))
  for (const [name, stage] of [['gold', 'prod'], ['silver', 'beta']]) {
    plans.push((await clients.rest.send(new CreateUsagePlanCommand({name, apiStages: [{apiId, stage}]}))).id!)
  }
  plans = plans.sort()
})

async function partnerKey(name: string): Promise<string> {
  const {id} = await clients.rest.send(new CreateApiKeyCommand({name, enabled: true}))
  for (const usagePlanId of plans) await clients.rest.send(new CreateUsagePlanKeyCommand({usagePlanId, keyId: id!, keyType: 'API_KEY'}))
  return id!
}

/** Both rotations at once, each with its own --out file; through `endpoint` (a proxy) or straight to the sandbox. */
async function rotateTwice(name: string, trial: string, environment: Record<string, string>, onExit = () => {}): Promise<Array<CliResult & {out: string}>> {
  const rotate = async (which: string) => {
    const out = join(dir, `${trial}-${which}.key`)
    const result = await spawnCli(['keys', 'rotate', name, '--out', out, '--json'], environment).finally(onExit)
    return {...result, out}
  }
  return Promise.all([rotate('a'), rotate('b')])
}

/** What a user and AWS must show afterwards: one winner with the one value file, one loser with none, one new key in the plans. */
async function expectOneRotation(oldId: string, results: Array<CliResult & {out: string}>): Promise<void> {
  expect(results.map((result) => result.code).sort(), results.map((result) => result.stderr).join('\n')).toEqual([0, 5])
  const winner = results.find((result) => result.code === 0)!
  const loser = results.find((result) => result.code === 5)!
  const {error} = JSON.parse(loser.stdout)
  expect(error.code).toBe('ROTATION_IN_PROGRESS')
  expect(error.message).toContain('is already being rotated')
  expect(error.message).toContain('This run handed out no value.')
  expect(error.suggestions[0]).toContain('apigw keys rotations')
  expect(existsSync(loser.out)).toBe(false)

  const keys = await allKeys()
  const successors = keys.filter((key) => key.tags?.['apigw:rotation-of'] === oldId)
  expect(successors).toHaveLength(1)
  const [newKey] = successors
  expect(JSON.parse(winner.stdout).newKey.id).toBe(newKey.id)
  expect(readFileSync(winner.out, 'utf8').trim()).toBe(newKey.value)
  expect(newKey.enabled).toBe(true)
  expect(await plansOf(newKey.id!)).toEqual(plans)
  // No run's claim is left on the old key.
  const oldTags = (await clients.rest.send(new GetApiKeyCommand({apiKey: oldId}))).tags ?? {}
  expect(Object.keys(oldTags).filter((tag) => tag.startsWith('apigw:rotation-claim'))).toEqual([])
}

describe('two keys rotate of one key at once', () => {
  it('both claims land before either is read: the later claim exits 5 before creating anything', async () => {
    for (const trial of ['claims-1', 'claims-2', 'claims-3']) {
      const oldId = await partnerKey(`race-${trial}`)
      const proxy = await startBarrierProxy(sandbox.endpoint, 2, (method, path) => method === 'PUT' && path.endsWith(`/apikeys/${oldId}`))
      const results = await rotateTwice(oldId, trial, awsEnv(proxy.endpoint), () => proxy.release())
      await proxy.close()
      await expectOneRotation(oldId, results)
      // The loser stopped before CreateApiKey: it never made a key.
      expect((await allKeys()).filter((key) => key.name?.startsWith(`race-${trial}-rot-`))).toHaveLength(1)
    }
  })

  it('started together with no proxy between, CreateApiKey and TagResource slowed so that the runs overlap: one rotation, one value file', async () => {
    sandbox.faults = parseFaults('latency=CreateApiKey:400ms,latency=TagResource:200ms')
    try {
      for (const trial of ['plain-1', 'plain-2', 'plain-3']) {
        const oldId = await partnerKey(`race-${trial}`)
        await expectOneRotation(oldId, await rotateTwice(oldId, trial, env))
      }
    } finally {
      sandbox.faults = parseFaults('none')
    }
  })
})
