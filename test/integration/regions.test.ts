import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {awsEnv, runCli} from '../helpers/cli.js'
import {startTestSandbox, type Sandbox} from '../helpers/sandbox.js'
import {seeder} from '../helpers/seed.js'

// Each region has its own APIs, in the sandbox as in AWS: docs/aws-behaviour.md#regions-are-independent
let sandbox: Sandbox
let env: Record<string, string>
let far: {id: string}

beforeAll(async () => {
  sandbox = await startTestSandbox()
  env = awsEnv(sandbox.endpoint)
  far = await seeder(sandbox.endpoint, 'eu-west-1').restApi('far')
  await seeder(sandbox.endpoint).httpApi('near')
})

afterAll(async () => {
  await sandbox?.stop()
})

const apiNames = (stdout: string) => (JSON.parse(stdout) as {apis: {name: string}[]}).apis.map((api) => api.name)

describe('--region', () => {
  it("lists the APIs of the region named, and only the default region's without it", async () => {
    const home = await runCli(['apis', 'list', '--json'], env)
    expect(home.code).toBe(0)
    expect(apiNames(home.stdout)).toEqual(['near'])
    const eu = await runCli(['apis', 'list', '--region', 'eu-west-1', '--json'], env)
    expect(eu.code).toBe(0)
    expect(apiNames(eu.stdout)).toEqual(['far'])
  })

  it('finds an API by id in its own region only', async () => {
    const there = await runCli(['apis', 'show', '--api', far.id, '--region', 'eu-west-1', '--json'], env)
    expect(there.code).toBe(0)
    expect(JSON.parse(there.stdout).api).toMatchObject({id: far.id, name: 'far'})
    const here = await runCli(['apis', 'show', '--api', far.id, '--json'], env)
    expect(here.code).toBe(4)
    expect(JSON.parse(here.stdout).error).toMatchObject({code: 'API_NOT_FOUND'})
    expect(JSON.parse(here.stdout).error.message).toContain('us-east-1')
  })
})
