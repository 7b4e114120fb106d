import {CreateDeploymentCommand, GetDeploymentCommand, GetStageCommand, UpdateStageCommand, type PatchOperation} from '@aws-sdk/client-api-gateway'
import {describe, expect, it} from 'vitest'
import {AwsSession} from '../../packages/cli/src/lib/aws/session.js'
import {createCanaryActuator} from '../../packages/cli/src/lib/canary/actuator-aws.js'
import {preparePromote, prepareSet, prepareStart, prepareStop} from '../../packages/cli/src/lib/canary/manual.js'
import {runChange} from '../../packages/cli/src/lib/change/runner.js'
import {ApigwError} from '../../packages/cli/src/lib/errors.js'
import {parseDescription} from '../../packages/cli/src/lib/releases/note.js'
import {clients, sandbox, seed, useSandboxCli} from '../helpers/sandbox-cli.js'

useSandboxCli()

const session = () =>
  new AwsSession({region: 'us-east-1', endpointUrl: sandbox.endpoint, env: {}, staticCredentials: {accessKeyId: 'a', secretAccessKey: 'b'}, sandbox: true, retryBudgetMs: 1000})

const stage = (restApiId: string) => clients.rest.send(new GetStageCommand({restApiId, stageName: 'prod'}))
/** Another operator's change, made with the SDK. */
const patch = (restApiId: string, ...patchOperations: PatchOperation[]) => clients.rest.send(new UpdateStageCommand({restApiId, stageName: 'prod', patchOperations}))

/** A REST API whose prod stage runs `base` and has a canary on a new deployment, at 10% with an override. */
async function withCanary(name: string) {
  const api = await seed.restApi(name)
  const canary = await clients.rest.send(
    new CreateDeploymentCommand({restApiId: api.id, stageName: 'prod', description: 'Checkout v2', canarySettings: {percentTraffic: 10, stageVariableOverrides: {color: 'blue'}}}),
  )
  const actuator = createCanaryActuator(session(), api.id, 'prod', {actor: 'controller@ci'})
  return {id: api.id, base: api.deploymentId, canary: canary.id!, actuator}
}

/** The error a call threw, for its code and exit code. */
const failure = (promise: Promise<unknown>) => promise.then(() => expect.unreachable('it should fail'), (error: unknown) => error as ApigwError)

describe.concurrent('the canary actuator against the sandbox', () => {
  it('reads the base and the canary', async () => {
    const {actuator, base, canary} = await withCanary('read')
    expect(await actuator.read()).toEqual({baseDeploymentId: base, canary: {deploymentId: canary, percentTraffic: 10, stageVariableOverrides: {color: 'blue'}, useStageCache: false}})
    const plain = await seed.restApi('plain')
    expect(await createCanaryActuator(session(), plain.id, 'prod').read()).toEqual({baseDeploymentId: plain.deploymentId, canary: null})
  })

  it('shifts traffic, pauses and aborts, returning the stage as it is afterwards', async () => {
    const {id, actuator, base, canary} = await withCanary('shift')
    const at25 = await actuator.setPercent(25, await actuator.read())
    expect(at25.canary?.percentTraffic).toBe(25)
    expect((await stage(id)).canarySettings?.percentTraffic).toBe(25)
    const paused = await actuator.pause(at25)
    expect(paused).toEqual({baseDeploymentId: base, canary: {deploymentId: canary, percentTraffic: 0, stageVariableOverrides: {color: 'blue'}, useStageCache: false}})
    const aborted = await actuator.abort(paused)
    expect(aborted).toEqual({baseDeploymentId: base, canary: null})
    const after = await stage(id)
    expect(after.canarySettings).toBeUndefined()
    expect(after.deploymentId).toBe(base)
  })

  it('promotes: the canary deployment becomes the base, overrides merge into variables, the canary goes, the old base is recorded', async () => {
    const {id, actuator, base, canary} = await withCanary('promote')
    await patch(id, {op: 'replace', path: '/variables/color', value: 'green'}, {op: 'replace', path: '/variables/region', value: 'eu'})
    const promoted = await actuator.promote(await actuator.read())
    expect(promoted).toEqual({baseDeploymentId: canary, canary: null})
    const after = await stage(id)
    expect(after.deploymentId).toBe(canary)
    expect(after.variables).toEqual({color: 'blue', region: 'eu'})
    expect(after.canarySettings).toBeUndefined()
    const {text, records} = parseDescription((await clients.rest.send(new GetDeploymentCommand({restApiId: id, deploymentId: canary}))).description)
    expect(text).toBe('Checkout v2')
    expect(records).toEqual([{action: 'promote', stage: 'prod', from: 'prod/canary', by: 'controller@ci', at: expect.stringMatching(/Z$/), replaced: base}])
  })

  it('promotes a canary without overrides, and one on the base deployment itself (no second record: nothing was released)', async () => {
    const api = await seed.restApi('no-overrides')
    await clients.rest.send(new CreateDeploymentCommand({restApiId: api.id, stageName: 'prod', canarySettings: {percentTraffic: 50}}))
    const actuator = createCanaryActuator(session(), api.id, 'prod', {actor: 'a@b'})
    const promoted = await actuator.promote(await actuator.read())
    expect(promoted.canary).toBeNull()
    expect(promoted.baseDeploymentId).not.toBe(api.deploymentId)

    await patch(api.id, {op: 'replace', path: '/canarySettings/percentTraffic', value: '5'}, {op: 'replace', path: '/canarySettings/stageVariableOverrides/mode', value: 'safe'})
    const before = await actuator.read()
    expect(before.canary?.deploymentId).toBe(before.baseDeploymentId)
    expect(await actuator.promote(before)).toEqual({baseDeploymentId: before.baseDeploymentId, canary: null})
    expect((await stage(api.id)).variables).toEqual({mode: 'safe'})
    expect(parseDescription((await clients.rest.send(new GetDeploymentCommand({restApiId: api.id, deploymentId: before.baseDeploymentId}))).description).records).toHaveLength(1)
  })

  it("stops with STAGE_CHANGED (exit 5) instead of overwriting another operator's change", async () => {
    const {id, actuator} = await withCanary('changed')
    const seen = await actuator.read()
    await patch(id, {op: 'replace', path: '/canarySettings/percentTraffic', value: '50'})
    // One at a time: changes started together would find each other's claim on the stage (CHANGE_IN_PROGRESS).
    for (const change of [() => actuator.setPercent(25, seen), () => actuator.setPercent(10, seen), () => actuator.promote(seen)]) {
      const error = await failure(change())
      expect(error).toBeInstanceOf(ApigwError)
      expect([error.code, error.exitCode]).toEqual(['STAGE_CHANGED', 5])
      expect(error.message).toContain('it was deployment')
      expect(error.message).toContain('at 10%')
      expect(error.message).toContain('at 50%')
    }
    const after = await stage(id)
    expect(after.canarySettings?.percentTraffic).toBe(50)
    expect(after.deploymentId).toBe(seen.baseDeploymentId)
  })

  it('aborts and pauses a canary whose share someone changed, but not a different canary', async () => {
    const {id, actuator} = await withCanary('incident')
    const seen = await actuator.read()
    await patch(id, {op: 'replace', path: '/canarySettings/percentTraffic', value: '50'})
    expect((await actuator.pause(seen)).canary?.percentTraffic).toBe(0)
    await clients.rest.send(new CreateDeploymentCommand({restApiId: id, stageName: 'prod', canarySettings: {percentTraffic: 5}}))
    const error = await failure(actuator.abort(seen))
    expect(error.code).toBe('STAGE_CHANGED')
    expect((await stage(id)).canarySettings?.percentTraffic).toBe(5)
    expect((await actuator.abort(await actuator.read())).canary).toBeNull()
  })

  it('refuses a share outside 0–100, and a change to a stage without canary, sending nothing', async () => {
    const {actuator} = await withCanary('refused')
    const seen = await actuator.read()
    for (const percent of [-1, 100.5, Number.NaN]) expect((await failure(actuator.setPercent(percent, seen))).code).toBe('INVALID_PERCENT')
    expect((await actuator.read()).canary?.percentTraffic).toBe(10)
    const noCanary = {baseDeploymentId: seen.baseDeploymentId, canary: null}
    expect([(await failure(actuator.abort(noCanary))).code, (await failure(actuator.abort(noCanary))).exitCode]).toEqual(['NO_CANARY', 5])
  })
})

describe.concurrent("the canary commands' plans, when someone changes the stage between the plan and its run", () => {
  const target = (api: string) => ({api, stage: 'prod'})

  it('promote stops with STAGE_CHANGED and writes nothing when the canary changed', async () => {
    const {id, base, canary} = await withCanary('plan-promote')
    const prepared = await preparePromote(session(), {...target(id), keepCanary: false, actor: 'alice@laptop'})
    await patch(id, {op: 'replace', path: '/canarySettings/stageVariableOverrides/color', value: 'red'})
    const error = await failure(runChange(prepared.change!))
    expect([error.code, error.exitCode]).toEqual(['STAGE_CHANGED', 5])
    expect(error.message).toContain(`it was deployment ${base}, canary ${canary} at 10% (overrides: color=blue); it is now deployment ${base}, canary ${canary} at 10% (overrides: color=red).`)
    expect(error.suggestions).toEqual([`Try: apigw canary status --api ${id} --stage prod, then the same command (again, once you have checked the stage)`])
    const after = await stage(id)
    expect(after.deploymentId).toBe(base)
    expect(after.canarySettings?.stageVariableOverrides).toEqual({color: 'red'})
    expect((await clients.rest.send(new GetDeploymentCommand({restApiId: id, deploymentId: canary}))).description).toBe('Checkout v2')
  })

  it('set and start stop too; abort goes ahead when only the share changed, not when the canary was replaced', async () => {
    const {id} = await withCanary('plan-others')
    const set = await prepareSet(session(), {...target(id), percent: 30, overrides: {}, unsetOverrides: []})
    const start = await prepareStart(session(), {...target(id), percent: 5, overrides: {}, useStageCache: false, replace: true})
    const abort = await prepareStop(session(), {...target(id), action: 'abort'})
    await patch(id, {op: 'replace', path: '/canarySettings/percentTraffic', value: '40'})
    expect((await failure(runChange(set.change!))).code).toBe('STAGE_CHANGED')
    expect((await stage(id)).canarySettings?.percentTraffic).toBe(40)
    await runChange(abort.change!)
    expect((await stage(id)).canarySettings).toBeUndefined()
    expect((await failure(runChange(start.change!))).code).toBe('STAGE_CHANGED')
    expect((await stage(id)).canarySettings).toBeUndefined()
  })
})
