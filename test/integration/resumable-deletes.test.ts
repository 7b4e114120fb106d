import {CreateStageCommand, CreateUsagePlanCommand, GetRestApiCommand, GetStageCommand, GetUsagePlanCommand, GetUsagePlansCommand} from '@aws-sdk/client-api-gateway'
import {afterEach, describe, expect, it} from 'vitest'
import {parseFaults} from '../../packages/cli/src/lib/sandbox/faults.js'
import {runCli, spawnCli} from '../helpers/cli.js'
import {clients, env, sandbox, seed, useSandboxCli} from '../helpers/sandbox-cli.js'

/**
 * `apis delete --force`, `stages delete --force` and `plans delete` detach API stages from usage
 * plans before deleting. A run cut short after the detaches (a failed delete, a killed process) is
 * found by the next one from what it recorded in the plans' tags: the same command finishes it,
 * and --undo puts the stages back.
 */
useSandboxCli()

const apigw = (...args: string[]) => runCli(args, env)
const json = (stdout: string) => JSON.parse(stdout)
const RECORD = 'apigw:detached:'

afterEach(() => {
  sandbox.faults = parseFaults('none')
})

const plan = (usagePlanId: string) => clients.rest.send(new GetUsagePlanCommand({usagePlanId}))
const stagesOf = async (usagePlanId: string) => ((await plan(usagePlanId)).apiStages ?? []).map(({apiId, stage}) => `${apiId}:${stage}`).sort()
/** apigw's records in the plan's tags: an API's or stage's delete (apigw:detached:…), or the plan's own (apigw:emptied:…). */
const recordsOf = async (usagePlanId: string) => Object.keys((await plan(usagePlanId)).tags ?? {}).filter((tag) => /^apigw:(detached|emptied):/.test(tag))
const apiExists = (restApiId: string) => clients.rest.send(new GetRestApiCommand({restApiId})).then(
  () => true,
  () => false,
)
const exists = (usagePlanId: string) => plan(usagePlanId).then(
  () => true,
  () => false,
)
const stageExists = (restApiId: string, stageName: string) => clients.rest.send(new GetStageCommand({restApiId, stageName})).then(
  () => true,
  () => false,
)

/** A REST API with prod and beta in two plans: gold (prod, beta and a neighbour's prod) and silver (prod). */
async function meteredApi(name: string) {
  const {id, deploymentId} = await seed.restApi(name)
  await clients.rest.send(new CreateStageCommand({restApiId: id, stageName: 'beta', deploymentId}))
  const neighbour = (await seed.restApi(`${name}-neighbour`)).id
  const gold = (await clients.rest.send(new CreateUsagePlanCommand({name: `${name}-gold`, apiStages: [{apiId: id, stage: 'prod'}, {apiId: id, stage: 'beta'}, {apiId: neighbour, stage: 'prod'}]}))).id!
  const silver = (await clients.rest.send(new CreateUsagePlanCommand({name: `${name}-silver`, apiStages: [{apiId: id, stage: 'prod'}]}))).id!
  return {id, neighbour, gold, silver}
}

describe('apis delete --force, cut short', () => {
  it('after the detaches (DeleteRestApi fails): exit 8, the plans hold the record, and the same command finishes it', async () => {
    const {id, neighbour, gold, silver} = await meteredApi('cut-delete')
    sandbox.faults = parseFaults('fail=DeleteRestApi')
    const failed = await apigw('apis', 'delete', '--api', id, '--confirm', 'cut-delete', '--force', '--retry-budget', '0s')
    expect(failed.code).toBe(8)
    expect(failed.stderr).toContain('Step 5 of 7 failed: DeleteRestApi failed')
    expect(failed.stderr).toContain(`Try: apigw apis delete --api ${id} --confirm cut-delete --force (finds what this run recorded in the tags of the usage plans, and finishes the deletion)`)
    expect(failed.stderr).toContain(`Or, to keep the API: apigw apis delete --api ${id} --undo (puts it back in the usage plans it left)`)
    expect(await apiExists(id)).toBe(true)
    expect(await stagesOf(gold)).toEqual([`${neighbour}:prod`])
    expect(await recordsOf(gold)).toEqual([`${RECORD}${id}:prod`, `${RECORD}${id}:beta`].sort())
    expect(await recordsOf(silver)).toEqual([`${RECORD}${id}:prod`])

    const again = await apigw('apis', 'delete', '--api', id, '--confirm', 'cut-delete', '--force', '--json')
    expect(again.code, again.stderr).toBe(0)
    expect(again.stderr).toMatch(/Resuming the delete begun at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ: the usage plans record detaching beta, prod from cut-delete-gold/)
    expect(json(again.stdout)).toMatchObject({
      detachedFrom: [
        {id: gold, stages: ['beta', 'prod']},
        {id: silver, stages: ['prod']},
      ],
      resumedFrom: expect.stringMatching(/Z$/),
    })
    expect(await apiExists(id)).toBe(false)
    expect(await stagesOf(gold)).toEqual([`${neighbour}:prod`])
    expect(await recordsOf(gold)).toEqual([])
    expect(await recordsOf(silver)).toEqual([])
  })

  it('killed part-way: the next run finishes it, whatever step the kill interrupted', async () => {
    const {id, neighbour, gold, silver} = await meteredApi('killed-delete')
    const killed = await spawnCli(['apis', 'delete', '--api', id, '--confirm', 'killed-delete', '--force'], env, (child) => {
      child.stderr?.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('[3/7]')) child.kill('SIGKILL')
      })
    })
    expect(killed.code).toBeNull()
    const again = await apigw('apis', 'delete', '--api', id, '--confirm', 'killed-delete')
    expect(again.code, again.stderr).toBe(0)
    expect(again.stderr).toContain('Resuming the delete begun at')
    expect(await apiExists(id)).toBe(false)
    expect(await stagesOf(gold)).toEqual([`${neighbour}:prod`])
    expect(await stagesOf(silver)).toEqual([])
    expect([...(await recordsOf(gold)), ...(await recordsOf(silver))]).toEqual([])
  })

  it('--undo puts the API back in the plans it left and clears the records; a second --undo finds nothing to do', async () => {
    const {id, neighbour, gold, silver} = await meteredApi('undone-delete')
    sandbox.faults = parseFaults('fail=DeleteRestApi')
    expect((await apigw('apis', 'delete', '--api', id, '--confirm', 'undone-delete', '--force', '--retry-budget', '0s')).code).toBe(8)

    const undone = await apigw('apis', 'delete', '--api', id, '--undo', '--json')
    expect(undone.code, undone.stderr).toBe(0)
    expect(json(undone.stdout)).toMatchObject({stage: null, restoredTo: [{id: gold, stages: ['beta', 'prod']}, {id: silver, stages: ['prod']}]})
    expect(await stagesOf(gold)).toEqual([`${id}:beta`, `${id}:prod`, `${neighbour}:prod`].sort())
    expect(await stagesOf(silver)).toEqual([`${id}:prod`])
    expect([...(await recordsOf(gold)), ...(await recordsOf(silver))]).toEqual([])
    expect(await apiExists(id)).toBe(true)

    const twice = await apigw('apis', 'delete', '--api', id, '--undo')
    expect(twice.code).toBe(0)
    expect(twice.stderr).toContain(`No usage plan records an unfinished delete of the REST API "undone-delete" (${id}): nothing to undo.`)
    // With the records gone, a plain delete is refused again: the plans name the API.
    expect((await apigw('apis', 'delete', '--api', id, '--confirm', 'undone-delete')).code).toBe(5)
  })
})

describe('stages delete --force, cut short', () => {
  it('the next run finishes it (the record stands for the --force given before), and only this stage leaves the plans', async () => {
    const {id, gold, silver, neighbour} = await meteredApi('cut-stage')
    sandbox.faults = parseFaults('fail=DeleteStage')
    const failed = await apigw('stages', 'delete', '--api', id, '--stage', 'prod', '--confirm', 'prod', '--force', '--retry-budget', '0s')
    expect(failed.code).toBe(8)
    expect(failed.stderr).toContain(`Or, to keep the stage: apigw stages delete --api ${id} --stage prod --undo`)
    expect(await recordsOf(gold)).toEqual([`${RECORD}${id}:prod`])

    const again = await apigw('stages', 'delete', '--api', id, '--stage', 'prod', '--confirm', 'prod', '--json')
    expect(again.code, again.stderr).toBe(0)
    expect(json(again.stdout).detachedFrom).toEqual([
      {id: gold, name: 'cut-stage-gold', stages: ['prod']},
      {id: silver, name: 'cut-stage-silver', stages: ['prod']},
    ])
    expect(await stageExists(id, 'prod')).toBe(false)
    expect(await stagesOf(gold)).toEqual([`${id}:beta`, `${neighbour}:prod`].sort())
    expect([...(await recordsOf(gold)), ...(await recordsOf(silver))]).toEqual([])
  })
})

describe('plans delete, cut short', () => {
  const planNamed = async (name: string) => ((await clients.rest.send(new GetUsagePlansCommand({limit: 500}))).items ?? []).find((candidate) => candidate.name === name)

  it('after its stages left (DeleteUsagePlan fails): the same command finishes it, and the recreate commands still name the stages', async () => {
    const {id, gold, neighbour} = await meteredApi('cut-plan')
    sandbox.faults = parseFaults('fail=DeleteUsagePlan')
    const failed = await apigw('plans', 'delete', gold, '--yes', '--retry-budget', '0s')
    expect(failed.code).toBe(8)
    expect(failed.stderr).toContain(`Or, to keep it: apigw plans delete ${gold} --undo (puts its API stages back)`)
    expect(await stagesOf(gold)).toEqual([])
    expect(await recordsOf(gold)).toHaveLength(3)

    const again = await apigw('plans', 'delete', gold, '--yes', '--json')
    expect(again.code, again.stderr).toBe(0)
    expect(again.stderr).toContain('Resuming the delete begun at')
    expect(json(again.stdout).recreate).toEqual([`apigw plans create --name cut-plan-gold --stage ${id}:prod --stage ${id}:beta --stage ${neighbour}:prod`])
    expect(await planNamed('cut-plan-gold')).toBeUndefined()
  })

  it('--undo puts its stages back and clears the records', async () => {
    const {id, gold, neighbour} = await meteredApi('undone-plan')
    sandbox.faults = parseFaults('fail=DeleteUsagePlan')
    expect((await apigw('plans', 'delete', gold, '--yes', '--retry-budget', '0s')).code).toBe(8)
    const undone = await apigw('plans', 'delete', gold, '--undo', '--json')
    expect(undone.code, undone.stderr).toBe(0)
    expect(json(undone.stdout).restored).toHaveLength(3)
    expect(await stagesOf(gold)).toEqual([`${id}:beta`, `${id}:prod`, `${neighbour}:prod`].sort())
    expect(await recordsOf(gold)).toEqual([])
  })
})

describe('a write whose answer is lost after it took effect (lost=<Operation>)', () => {
  // A retried detach is refused ("not in Usage Plan") and a retried delete finds nothing: both are what was asked for.
  for (const operation of ['TagResource', 'UpdateUsagePlan', 'DeleteRestApi', 'UntagResource']) {
    it(`apis delete --force, ${operation} answer lost: exit 0, the API gone, the plan clean`, async () => {
      const {id, neighbour, gold, silver} = await meteredApi(`lost-${operation}`)
      sandbox.faults = parseFaults(`lost=${operation}`)
      const result = await apigw('apis', 'delete', '--api', id, '--confirm', `lost-${operation}`, '--force')
      expect(result.code, result.stderr).toBe(0)
      expect(await apiExists(id)).toBe(false)
      expect(await stagesOf(gold)).toEqual([`${neighbour}:prod`])
      expect(await stagesOf(silver)).toEqual([])
      expect([...(await recordsOf(gold)), ...(await recordsOf(silver))]).toEqual([])
    })
  }

  for (const operation of ['UpdateUsagePlan', 'DeleteUsagePlan']) {
    it(`plans delete, ${operation} answer lost: exit 0 and the plan gone`, async () => {
      const {gold} = await meteredApi(`lost-plan-${operation}`)
      sandbox.faults = parseFaults(`lost=${operation}`)
      const result = await apigw('plans', 'delete', gold, '--yes')
      expect(result.code, result.stderr).toBe(0)
      expect(await exists(gold)).toBe(false)
    })
  }

  it('stages delete --force, DeleteStage answer lost: exit 0 and the stage gone', async () => {
    const {id, gold} = await meteredApi('lost-stage')
    sandbox.faults = parseFaults('lost=DeleteStage')
    const result = await apigw('stages', 'delete', '--api', id, '--stage', 'beta', '--confirm', 'beta', '--force')
    expect(result.code, result.stderr).toBe(0)
    expect(await stageExists(id, 'beta')).toBe(false)
    expect(await recordsOf(gold)).toEqual([])
  })

  it('--undo, UpdateUsagePlan answer lost: exit 0, the stages back', async () => {
    const {id, gold, neighbour} = await meteredApi('lost-undo')
    sandbox.faults = parseFaults('fail=DeleteRestApi')
    expect((await apigw('apis', 'delete', '--api', id, '--confirm', 'lost-undo', '--force', '--retry-budget', '0s')).code).toBe(8)
    sandbox.faults = parseFaults('lost=UpdateUsagePlan')
    const undone = await apigw('apis', 'delete', '--api', id, '--undo')
    expect(undone.code, undone.stderr).toBe(0)
    expect(await stagesOf(gold)).toEqual([`${id}:beta`, `${id}:prod`, `${neighbour}:prod`].sort())
    expect(await recordsOf(gold)).toEqual([])
  })
})
