import {GetStageCommand} from '@aws-sdk/client-api-gateway'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {awsEnv, runCli} from '../helpers/cli.js'
import {seeder} from '../helpers/seed.js'
import {sdkClients, startTestSandbox, type Sandbox} from '../helpers/sandbox.js'
import {movableClock} from '../helpers/sandbox-clock.js'

/** As long as on AWS: no transition ends by itself while the test runs, however slow the machine. */
const DELAY_MS = 4 * 60_000

/** The sandbox runs on a clock the test moves (while a command waits), so what apigw sees never depends on how fast the commands run. */
describe('cache status transitions, --wait and its timeout (sandbox transitions of 4 minutes, on a clock the test moves)', () => {
  const time = movableClock()
  let sandbox: Sandbox
  let env: Record<string, string>
  let seed: ReturnType<typeof seeder>
  beforeAll(async () => {
    sandbox = await startTestSandbox({transitionDelayMs: DELAY_MS, clock: time.clock})
    env = awsEnv(sandbox.endpoint)
    seed = seeder(sandbox.endpoint)
  })
  afterAll(() => sandbox.stop())

  const apigw = (...args: string[]) => runCli(args, env)
  const json = (stdout: string) => JSON.parse(stdout)
  const clusterStatus = async (restApiId: string) => (await sdkClients(sandbox.endpoint).rest.send(new GetStageCommand({restApiId, stageName: 'prod'}))).cacheClusterStatus

  it('CREATE_IN_PROGRESS → AVAILABLE → FLUSH_IN_PROGRESS → AVAILABLE → DELETE_IN_PROGRESS → NOT_AVAILABLE, each seen by apigw', async () => {
    const api = await seed.petsApi('transitions')
    // The change is made, then --wait looks at once: past --timeout it is exit 7, naming the status it is stuck in.
    const impatient = await apigw('cache', 'enable', '--api', api.id, '--stage', 'prod', '--wait', '--timeout', '300ms', '--json')
    expect(impatient.code).toBe(7)
    expect(json(impatient.stdout).error).toMatchObject({code: 'TIMED_OUT', exitCode: 7, message: expect.stringContaining('Timed out after 0.3 s waiting for the cache cluster of stage "prod" to be AVAILABLE: it is CREATE_IN_PROGRESS.')})
    expect(impatient.stderr).toContain('[1/1] update 2 settings of stage "prod": cacheCluster, caching (UpdateStage)')
    expect(impatient.stderr).toContain('Waiting for the cache cluster of stage "prod" to be AVAILABLE: CREATE_IN_PROGRESS')
    const creating = await apigw('cache', 'status', '--api', api.id, '--stage', 'prod', '--json')
    expect(json(creating.stdout).cluster).toEqual({enabled: true, size: '0.5', status: 'CREATE_IN_PROGRESS'})

    const waited = await time.passing(DELAY_MS, () => apigw('cache', 'enable', '--api', api.id, '--stage', 'prod', '--wait', '--json'))
    expect(waited.code, waited.stderr).toBe(0)
    expect(json(waited.stdout)).toMatchObject({changes: [], cluster: {status: 'AVAILABLE'}})
    expect(waited.stderr).toMatch(/The cache cluster of stage "prod" is AVAILABLE \(after [\d.]+ s\)\./)

    const flushTimeout = await apigw('cache', 'flush', '--api', api.id, '--stage', 'prod', '--wait', '--timeout', '300ms')
    expect(flushTimeout.code).toBe(7)
    expect(flushTimeout.stderr).toContain('Waiting for the cache cluster of stage "prod" to be AVAILABLE: FLUSH_IN_PROGRESS')
    expect(json((await apigw('cache', 'status', '--api', api.id, '--stage', 'prod', '--json')).stdout).cluster.status).toBe('FLUSH_IN_PROGRESS')
    const flushed = await time.passing(DELAY_MS, () => apigw('cache', 'flush', '--api', api.id, '--stage', 'prod', '--wait'))
    expect(flushed.code, flushed.stderr).toBe(0)
    expect(await clusterStatus(api.id)).toBe('AVAILABLE')

    const disableTimeout = await apigw('cache', 'disable', '--api', api.id, '--stage', 'prod', '--yes', '--wait', '--timeout', '300ms')
    expect(disableTimeout.code).toBe(7)
    expect(disableTimeout.stderr).toContain('to be NOT_AVAILABLE: it is DELETE_IN_PROGRESS')
    // Nothing is left to flush while the cluster is being deleted.
    const flushDeleting = await apigw('cache', 'flush', '--api', api.id, '--stage', 'prod')
    expect(flushDeleting.code).toBe(5)
    expect(flushDeleting.stderr).toContain('prod: no cache cluster (DELETE_IN_PROGRESS)')
    const disabled = await time.passing(DELAY_MS, () => apigw('cache', 'disable', '--api', api.id, '--stage', 'prod', '--wait', '--json'))
    expect(disabled.code, disabled.stderr).toBe(0)
    expect(json(disabled.stdout).cluster).toEqual({enabled: false, size: null, status: 'NOT_AVAILABLE'})
  })
})
