import {
  CreateApiKeyCommand,
  CreateDeploymentCommand,
  CreateStageCommand,
  CreateUsagePlanCommand,
  CreateUsagePlanKeyCommand,
  GetApiKeysCommand,
  GetDeploymentCommand,
  GetRestApiCommand,
  GetStageCommand,
  GetUsagePlanCommand,
  GetUsagePlansCommand,
  UpdateStageCommand,
} from '@aws-sdk/client-api-gateway'
import {GetDeploymentCommand as GetV2DeploymentCommand} from '@aws-sdk/client-apigatewayv2'
import {chmodSync, copyFileSync, mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterEach, beforeAll, describe, expect, it} from 'vitest'
import {parseFaults} from '../../packages/cli/src/lib/sandbox/faults.js'
import {TABLES, type StageRecord} from '../../packages/sandbox/src/model.js'
import {runCli, runProgram} from '../helpers/cli.js'
import {clients, env, sandbox, seed, useSandboxCli} from '../helpers/sandbox-cli.js'
import {cachesAvailable} from '../helpers/wait.js'

/**
 * Every command apigw prints after a partial failure ("Try: …", "Or…: …") must run as printed. For
 * each multi-step command, a failure is injected part-way (`fail=<Operation>`, a 503 before the call
 * takes effect, with --retry-budget 0s so it is not retried); each printed command is run through
 * `sh -c` exactly as printed, on a fresh copy of the situation when they are alternatives, with an
 * `apigw` on PATH that is the built CLI and the real AWS CLI (`aws`) for `aws …`, both pointed at
 * the sandbox by the environment (AWS_ENDPOINT_URL). Each must exit 0 and leave AWS in the finished
 * (or undone) state, read back with the SDK.
 */
useSandboxCli({AWS_DEFAULT_REGION: 'us-east-1'})

const BIN = fileURLToPath(new URL('../../packages/cli/bin/run.js', import.meta.url))
const work = mkdtempSync(join(tmpdir(), 'apigw recovery '))
let shellEnv: Record<string, string>

beforeAll(() => {
  // `apigw` as an operator has it: the built CLI, on PATH.
  writeFileSync(join(work, 'apigw'), `#!/bin/sh\nexec '${process.execPath}' '${BIN}' "$@"\n`)
  chmodSync(join(work, 'apigw'), 0o755)
  shellEnv = {...env, PATH: `${work}:${env.PATH}`}
})

afterEach(() => {
  sandbox.faults = parseFaults('none')
})

const apigw = (...args: string[]) => runCli(args, env)

/** Runs a failing command with `fault` in place: it must stop part-way (exit 8); returns what it printed to run. */
async function cutShort(fault: string, ...args: string[]): Promise<string[]> {
  sandbox.faults = parseFaults(fault)
  const result = await apigw(...args, '--retry-budget', '0s')
  sandbox.faults = parseFaults('none')
  expect(result.code, result.stderr).toBe(8)
  const commands = printedCommands(result.stderr)
  expect(commands.length, result.stderr).toBeGreaterThan(0)
  return commands
}

/** The commands after "Try:" and "Or…:" on stderr, without the explanation in brackets that may follow. */
function printedCommands(stderr: string): string[] {
  return stderr
    .split('\n')
    .map((line) => /^\s*(?:Try|Or)\b[^:]*: ((?:apigw|aws) .+)$/.exec(line)?.[1])
    .filter((command): command is string => command !== undefined)
    .map((command) => command.replace(/ \([^()']*\)$/, ''))
}

/** Runs one printed command as printed, in a POSIX shell, in a folder whose name has a space. */
const sh = (command: string) => runProgram('sh', ['-c', command], {env: shellEnv, cwd: work})

async function runs(command: string): Promise<void> {
  const result = await sh(command)
  expect(result.code, `${command}\n${result.stderr}`).toBe(0)
}

const usagePlan = (usagePlanId: string) => clients.rest.send(new GetUsagePlanCommand({usagePlanId}))
const stagesOf = async (usagePlanId: string) => ((await usagePlan(usagePlanId)).apiStages ?? []).map(({apiId, stage}) => `${apiId}:${stage}`).sort()
const recordsOf = async (usagePlanId: string) => Object.keys((await usagePlan(usagePlanId)).tags ?? {}).filter((tag) => tag.startsWith('apigw:'))
const exists = (promise: Promise<unknown>) => promise.then(
  () => true,
  () => false,
)

/** A REST API with prod and beta, both in usage plan "<name> gold" (an awkward name: a space and a quote). */
async function meteredApi(name: string) {
  const {id, deploymentId} = await seed.restApi(name)
  await clients.rest.send(new CreateStageCommand({restApiId: id, stageName: 'beta', deploymentId}))
  const plan = (await clients.rest.send(new CreateUsagePlanCommand({name: `${name} o'gold`, apiStages: [{apiId: id, stage: 'prod'}, {apiId: id, stage: 'beta'}]}))).id!
  const key = (await clients.rest.send(new CreateApiKeyCommand({name: `${name}-key`, enabled: true}))).id!
  await clients.rest.send(new CreateUsagePlanKeyCommand({usagePlanId: plan, keyId: key, keyType: 'API_KEY'}))
  return {id, plan}
}

describe('deletes that detach from usage plans', () => {
  it('apis delete --force, DeleteRestApi failed: "Try" finishes the delete; "Or" puts the API back', async () => {
    for (const [index, expectDeleted] of [true, false].entries()) {
      const {id, plan} = await meteredApi(`rec api ${index}`)
      const commands = await cutShort('fail=DeleteRestApi', 'apis', 'delete', '--api', id, '--confirm', `rec api ${index}`, '--force')
      expect(commands).toHaveLength(2)
      await runs(commands[index])
      expect(await exists(clients.rest.send(new GetRestApiCommand({restApiId: id})))).toBe(!expectDeleted)
      expect(await stagesOf(plan)).toEqual(expectDeleted ? [] : [`${id}:beta`, `${id}:prod`])
      expect(await recordsOf(plan)).toEqual([])
    }
  })

  it('a delete refused for the usage plans: its "Or" (the AWS CLI, JSON patch operations) detaches as printed', async () => {
    const {id, plan} = await meteredApi('rec refused')
    const refused = await apigw('apis', 'delete', '--api', id, '--confirm', 'rec refused')
    expect(refused.code).toBe(5)
    const commands = printedCommands(refused.stderr).filter((command) => command.startsWith('aws '))
    expect(commands).toHaveLength(1)
    await runs(commands[0])
    expect(await stagesOf(plan)).toEqual([])
  })

  it('apis delete --undo, clearing the record failed: the printed command carries on', async () => {
    const {id, plan} = await meteredApi('rec undo')
    await cutShort('fail=DeleteRestApi', 'apis', 'delete', '--api', id, '--confirm', 'rec undo', '--force')
    const commands = await cutShort('fail=UntagResource', 'apis', 'delete', '--api', id, '--undo')
    expect(commands).toEqual([`apigw apis delete --api ${id} --undo`])
    await runs(commands[0])
    expect(await stagesOf(plan)).toEqual([`${id}:beta`, `${id}:prod`])
    expect(await recordsOf(plan)).toEqual([])
  })

  it('apis delete --force, the record not cleared after the delete: the AWS CLI command clears it', async () => {
    const {id, plan} = await meteredApi('rec untag')
    const commands = await cutShort('fail=UntagResource', 'apis', 'delete', '--api', id, '--confirm', 'rec untag', '--force')
    expect(commands).toEqual([expect.stringMatching(/^aws apigateway untag-resource /)])
    expect(await recordsOf(plan)).toHaveLength(2)
    await runs(commands[0])
    expect(await recordsOf(plan)).toEqual([])
    expect(await exists(clients.rest.send(new GetRestApiCommand({restApiId: id})))).toBe(false)
  })

  it('stages delete --force, DeleteStage failed: "Try" finishes; "Or" puts the stage back', async () => {
    for (const [index, expectDeleted] of [true, false].entries()) {
      const {id, plan} = await meteredApi(`rec stage ${index}`)
      const commands = await cutShort('fail=DeleteStage', 'stages', 'delete', '--api', id, '--stage', 'beta', '--confirm', 'beta', '--force')
      expect(commands).toHaveLength(2)
      await runs(commands[index])
      expect(await exists(clients.rest.send(new GetStageCommand({restApiId: id, stageName: 'beta'})))).toBe(!expectDeleted)
      expect(await stagesOf(plan)).toEqual(expectDeleted ? [`${id}:prod`] : [`${id}:beta`, `${id}:prod`])
      expect(await recordsOf(plan)).toEqual([])
    }
  })

  it('plans delete of a plan named with a space and a quote, DeleteUsagePlan failed: "Try" finishes; "Or" keeps it', async () => {
    for (const [index, expectDeleted] of [true, false].entries()) {
      const {id, plan} = await meteredApi(`rec plan ${index}`)
      const commands = await cutShort('fail=DeleteUsagePlan', 'plans', 'delete', plan, '--confirm', `rec plan ${index} o'gold`)
      expect(commands).toHaveLength(2)
      await runs(commands[index])
      expect(await exists(usagePlan(plan))).toBe(!expectDeleted)
      if (!expectDeleted) {
        expect(await stagesOf(plan)).toEqual([`${id}:beta`, `${id}:prod`])
        expect(await recordsOf(plan)).toEqual([])
      }
    }
  })
})

describe('releases whose record was not written', () => {
  /** A REST API on prod at deployment B, which replaced A (both recorded by apigw deploy). */
  async function releasedTwice(name: string) {
    const {id} = await seed.restApi(name)
    for (const description of ['first, with a comma', 'second, with a comma']) {
      const result = await apigw('deploy', '--api', id, '--stage', 'prod', '--description', description, '--json')
      expect(result.code, result.stderr).toBe(0)
    }
    const stage = await clients.rest.send(new GetStageCommand({restApiId: id, stageName: 'prod'}))
    return {id, live: stage.deploymentId!}
  }
  const description = async (restApiId: string, deploymentId: string) => (await clients.rest.send(new GetDeploymentCommand({restApiId, deploymentId}))).description ?? ''

  it('stages rollback, UpdateDeployment failed: each printed command records the rollback, and a second rollback knows where to go', async () => {
    for (const index of [0, 1]) {
      const {id, live} = await releasedTwice(`rec rollback ${index}`)
      const commands = await cutShort('fail=UpdateDeployment', 'stages', 'rollback', '--api', id, '--stage', 'prod', '--yes')
      expect(commands).toEqual([expect.stringMatching(/^apigw stages rollback /), expect.stringMatching(/^aws apigateway update-deployment .* --patch-operations '\[/)])
      const previous = (await clients.rest.send(new GetStageCommand({restApiId: id, stageName: 'prod'}))).deploymentId!
      await runs(commands[index])
      expect(await description(id, previous)).toMatch(new RegExp(`\\[apigw: rollback prod by \\S+ at \\S+, replaced ${live}\\]$`))
      // The history is whole again: rolling back once more returns to where the first rollback started.
      const back = await apigw('stages', 'rollback', '--api', id, '--stage', 'prod', '--yes', '--json')
      expect(back.code, back.stderr).toBe(0)
      expect(JSON.parse(back.stdout).deploymentId).toBe(live)
    }
  })

  it('re-running the same rollback after the record failed records it, and does not roll back twice', async () => {
    const {id, live} = await releasedTwice('rec rerun')
    await cutShort('fail=UpdateDeployment', 'stages', 'rollback', '--api', id, '--stage', 'prod', '--yes')
    const rolledBackTo = (await clients.rest.send(new GetStageCommand({restApiId: id, stageName: 'prod'}))).deploymentId!
    const again = await apigw('stages', 'rollback', '--api', id, '--stage', 'prod', '--yes')
    expect(again.code, again.stderr).toBe(0)
    expect(again.stderr).toContain(`already runs deployment ${rolledBackTo}, but no record says how it got there`)
    expect((await clients.rest.send(new GetStageCommand({restApiId: id, stageName: 'prod'}))).deploymentId).toBe(rolledBackTo)
    expect(await description(id, rolledBackTo)).toContain(`replaced ${live}]`)
  })

  it('stages promote, UpdateDeployment failed: each printed command records the promotion', async () => {
    for (const index of [0, 1]) {
      const {id, live} = await releasedTwice(`rec promote ${index}`)
      await clients.rest.send(new CreateDeploymentCommand({restApiId: id, stageName: 'dev', description: 'dev, build 7'}))
      const dev = (await clients.rest.send(new GetStageCommand({restApiId: id, stageName: 'dev'}))).deploymentId!
      const commands = await cutShort('fail=UpdateDeployment', 'stages', 'promote', '--api', id, '--from', 'dev', '--to', 'prod', '--yes')
      expect(commands).toHaveLength(2)
      await runs(commands[index])
      expect(await description(id, dev)).toMatch(new RegExp(`^dev, build 7 \\[apigw: promote prod from dev by \\S+ at \\S+, replaced ${live}\\]$`))
    }
  })

  it('stages promote to a new stage, UpdateDeployment failed: only the AWS CLI command is offered (a re-run would find no earlier record), and it records the promotion', async () => {
    const {id} = await releasedTwice('rec promote new')
    const commands = await cutShort('fail=UpdateDeployment', 'stages', 'promote', '--api', id, '--from', 'prod', '--to', 'qa', '--create-stage', '--yes')
    expect(commands).toEqual([expect.stringMatching(/^aws apigateway update-deployment /)])
    await runs(commands[0])
    const qa = (await clients.rest.send(new GetStageCommand({restApiId: id, stageName: 'qa'}))).deploymentId!
    expect(await description(id, qa)).toMatch(/\[apigw: promote qa from prod by \S+ at \S+\]$/)
  })

  it('HTTP API rollback, UpdateDeployment failed: the AWS CLI command (apigatewayv2, JSON input) records it', async () => {
    const {id} = await seed.httpApi('rec http')
    await clients.v2.send(new (await import('@aws-sdk/client-apigatewayv2')).UpdateStageCommand({ApiId: id, StageName: '$default', AutoDeploy: false}))
    for (const description of ['one, two', 'three, four']) expect((await apigw('deploy', '--api', id, '--stage', '$default', '--description', description)).code).toBe(0)
    const commands = await cutShort('fail=UpdateDeployment', 'stages', 'rollback', '--api', id, '--stage', '$default', '--yes')
    expect(commands[1]).toMatch(/^aws apigatewayv2 update-deployment --cli-input-json '/)
    await runs(commands[1])
    const stage = await clients.v2.send(new (await import('@aws-sdk/client-apigatewayv2')).GetStageCommand({ApiId: id, StageName: '$default'}))
    const deployment = await clients.v2.send(new GetV2DeploymentCommand({ApiId: id, DeploymentId: stage.DeploymentId!}))
    expect(deployment.Description).toMatch(/^one, two \[apigw: deploy \$default .*\] \[apigw: rollback \$default by \S+ at \S+, replaced \w+\]$/)
  })
})

describe('keys', () => {
  /** Two plans on two stages of one API. */
  async function twoPlans(name: string) {
    const {id, deploymentId} = await seed.restApi(name)
    await clients.rest.send(new CreateStageCommand({restApiId: id, stageName: 'beta', deploymentId}))
    const plans = []
    for (const stage of ['prod', 'beta']) plans.push((await clients.rest.send(new CreateUsagePlanCommand({name: `${name}-${stage}`, apiStages: [{apiId: id, stage}]}))).id!)
    return plans
  }
  const keyNamed = async (name: string) => ((await clients.rest.send(new GetApiKeysCommand({nameQuery: name, limit: 500}))).items ?? []).filter((key) => key.name === name)
  const plansOf = async (keyId: string) => ((await clients.rest.send(new GetUsagePlansCommand({keyId}))).items ?? []).map((plan) => plan.id).sort()

  it('keys create with two plans, the second attachment failed: "Try" attaches it; "Or" deletes the key', async () => {
    for (const [index, finished] of [true, false].entries()) {
      const plans = await twoPlans(`rec-create-${index}`)
      const name = `rec key ${index}`
      const commands = await cutShort('fail=CreateUsagePlanKey#2', 'keys', 'create', '--name', name, '--plan', plans[0], '--plan', plans[1])
      expect(commands).toHaveLength(2)
      const [key] = await keyNamed(name)
      await runs(commands[index])
      if (finished) expect(await plansOf(key.id!)).toEqual([...plans].sort())
      else expect(await keyNamed(name)).toEqual([])
    }
  })

  it('keys rotate, an attachment failed: the printed command finishes the rotation with one new key', async () => {
    const plans = await twoPlans('rec-rotate')
    const old = (await clients.rest.send(new CreateApiKeyCommand({name: 'rec-rotated', enabled: true}))).id!
    for (const usagePlanId of plans) await clients.rest.send(new CreateUsagePlanKeyCommand({usagePlanId, keyId: old, keyType: 'API_KEY'}))
    const commands = await cutShort('fail=CreateUsagePlanKey#2', 'keys', 'rotate', old)
    expect(commands).toHaveLength(1)
    await runs(commands[0])
    const successors = ((await clients.rest.send(new GetApiKeysCommand({limit: 500}))).items ?? []).filter((key) => key.tags?.['apigw:rotation-of'] === old)
    expect(successors).toHaveLength(1)
    expect(await plansOf(successors[0].id!)).toEqual([...plans].sort())
  })
})

describe('keys rotate --finalize', () => {
  it('the finalized tag failed after the old key was deleted: the printed command (a key name with a space) finishes', async () => {
    const {id} = await seed.restApi('rec-finalize')
    const plan = (await clients.rest.send(new CreateUsagePlanCommand({name: 'rec-finalize', apiStages: [{apiId: id, stage: 'prod'}]}))).id!
    const old = (await clients.rest.send(new CreateApiKeyCommand({name: 'rec finalized key', enabled: true}))).id!
    await clients.rest.send(new CreateUsagePlanKeyCommand({usagePlanId: plan, keyId: old, keyType: 'API_KEY'}))
    const started = await apigw('keys', 'rotate', old, '--json')
    expect(started.code, started.stderr).toBe(0)
    const newId = JSON.parse(started.stdout).newKey.id
    const commands = await cutShort('fail=TagResource', 'keys', 'rotate', old, '--finalize', '--force', '--delete', '--confirm', 'rec finalized key')
    expect(commands).toHaveLength(1)
    await runs(commands[0])
    const keys = (await clients.rest.send(new GetApiKeysCommand({limit: 500}))).items ?? []
    expect(keys.some((key) => key.id === old)).toBe(false)
    expect(keys.find((key) => key.id === newId)?.tags?.['apigw:rotation-finalized']).toMatch(/Z$/)
  })
})

describe('cache flush of a fleet', () => {
  it('one stage failed: the printed command flushes again only that stage', async () => {
    const {id, deploymentId} = await seed.restApi('rec-flush')
    for (const stageName of ['beta', 'dev']) await clients.rest.send(new CreateStageCommand({restApiId: id, stageName, deploymentId}))
    for (const stageName of ['beta', 'dev', 'prod']) {
      await clients.rest.send(new UpdateStageCommand({restApiId: id, stageName, patchOperations: [{op: 'replace', path: '/cacheClusterEnabled', value: 'true'}]}))
    }
    const flushes = () => ['beta', 'dev', 'prod'].map((stage) => sandbox.context.store.get<StageRecord>(TABLES.stages, `${id}/${stage}`)!.cacheFlushes.length)
    await cachesAvailable(clients.rest, id, ['beta', 'dev', 'prod'])
    const commands = await cutShort('fail=FlushStageCache#2', 'cache', 'flush', '--api', id, '--all-stages')
    expect(commands).toEqual([`apigw cache flush --api ${id} --stage dev`])
    expect(flushes()).toEqual([1, 0, 1])
    await runs(commands[0])
    expect(flushes()).toEqual([1, 1, 1])
  })
})

describe('apis import --deploy', () => {
  it('the deploy failed after the import: the printed command (a file path with a space) imports again and deploys', async () => {
    const file = join(work, 'shop api.yaml')
    copyFileSync(fileURLToPath(new URL('../../examples/shop.yaml', import.meta.url)), file)
    const first = await apigw('apis', 'import', file, '--json')
    expect(first.code, first.stderr).toBe(0)
    const {id} = JSON.parse(first.stdout).api
    await clients.rest.send(new CreateDeploymentCommand({restApiId: id, stageName: 'prod'}))
    const commands = await cutShort('fail=CreateDeployment', 'apis', 'import', file, '--api', id, '--deploy', 'prod')
    expect(commands).toHaveLength(1)
    const before = (await clients.rest.send(new GetStageCommand({restApiId: id, stageName: 'prod'}))).deploymentId
    await runs(commands[0])
    expect((await clients.rest.send(new GetStageCommand({restApiId: id, stageName: 'prod'}))).deploymentId).not.toBe(before)
  })
})

describe('canary promote', () => {
  it('a failure after the promotion (removing the canary, or the record): the printed command finishes the job', async () => {
    for (const [index, fault] of ['fail=UpdateDeployment', 'fail=UpdateStage#2'].entries()) {
      const {id, deploymentId: base} = await seed.restApi(`rec canary ${index}`)
      const canary = await clients.rest.send(new CreateDeploymentCommand({restApiId: id, stageName: 'prod', description: 'canary, v2', canarySettings: {percentTraffic: 10}}))
      const commands = await cutShort(fault, 'canary', 'promote', '--api', id, '--stage', 'prod', '--yes')
      expect(commands).toHaveLength(1)
      await runs(commands[0])
      const stage = await clients.rest.send(new GetStageCommand({restApiId: id, stageName: 'prod'}))
      expect([stage.deploymentId, stage.canarySettings]).toEqual([canary.id, undefined])
      expect((await clients.rest.send(new GetDeploymentCommand({restApiId: id, deploymentId: canary.id!}))).description).toMatch(new RegExp(`^canary, v2 \\[apigw: promote prod .*replaced ${base}\\]$`))
    }
  })
})
