import {CreateUsagePlanCommand, ImportApiKeysCommand} from '@aws-sdk/client-api-gateway'
import {beforeAll, describe, expect, it} from 'vitest'
import {runCli} from '../helpers/cli.js'
import {clients, env, useSandboxCli} from '../helpers/sandbox-cli.js'

// Its own sandbox: 1,200 keys would crowd the other key tests' listings. The sandbox pages
// GetApiKeys as AWS does (500 a page at most); moto does not page keys at all.
useSandboxCli()

const KEYS = 1200
const PLANS = 3

beforeAll(async () => {
  const plans: string[] = []
  for (let index = 0; index < PLANS; index++) plans.push((await clients.rest.send(new CreateUsagePlanCommand({name: `tier-${index}`}))).id!)
  // Key i is in plan i % 3: one ImportApiKeys call creates them all.
  const rows = Array.from({length: KEYS}, (_, index) => `bulk-${index},bulk-key-value-${String(index).padStart(6, '0')}-abcdefghij,${plans[index % PLANS]}`)
  await clients.rest.send(new ImportApiKeysCommand({format: 'csv', failOnWarnings: true, body: new TextEncoder().encode(['name,key,usageplanids', ...rows].join('\n'))}))
})

const callsIn = (stderr: string, operation: string) => stderr.split('\n').filter((line) => line.includes(`apigateway ${operation} ok`)).length

describe('keys list over many keys', () => {
  it('reads pages of 500 and one key listing per plan, not a call per key', async () => {
    const result = await runCli(['keys', 'list', '--json', '--debug'], env)
    expect(result.code).toBe(0)
    const {keys} = JSON.parse(result.stdout)
    expect(keys).toHaveLength(KEYS)
    expect(keys.filter((key: {plans: unknown[]}) => key.plans.length === 1)).toHaveLength(KEYS)
    const calls = (operation: string) => callsIn(result.stderr, operation)
    expect(calls('GetApiKeys')).toBe(Math.ceil(KEYS / 500))
    expect(calls('GetUsagePlans')).toBe(1)
    expect(calls('GetUsagePlanKeys')).toBe(PLANS * Math.ceil(KEYS / PLANS / 500))
    expect(result.stdout).not.toContain('bulk-key-value')
  })

  it('--plan is resolved from the same single GetUsagePlans listing', async () => {
    const result = await runCli(['keys', 'list', '--plan', 'tier-1', '--json', '--debug'], env)
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout).keys).toHaveLength(KEYS / PLANS)
    expect(callsIn(result.stderr, 'GetUsagePlans')).toBe(1)
  })
})
