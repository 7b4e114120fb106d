import {
  CreateDeploymentCommand,
  GetDeploymentCommand,
  GetDeploymentsCommand,
  GetStageCommand,
  UpdateStageCommand,
  type PatchOperation,
} from '@aws-sdk/client-api-gateway'
import {describe, expect, it} from 'vitest'
import {awsEnv, runCli} from '../helpers/cli.js'
import {clients, env, seed, useSandboxCli} from '../helpers/sandbox-cli.js'

useSandboxCli({USER: 'alice'})

/** Nothing listens here: a command that reached for AWS would fail with exit 6, not the exit the test expects. */
const NO_AWS = awsEnv('http://127.0.0.1:9')

const apigw = (...args: string[]) => runCli(args, env)
const canary = (verb: string, api: string, ...flags: string[]) => apigw('canary', verb, '--api', api, '--stage', 'prod', ...flags)

/** Runs a canary command that must succeed, and returns its JSON result. */
async function change(verb: string, api: string, ...flags: string[]) {
  const result = await canary(verb, api, '--json', ...flags)
  expect(result.code, result.stderr).toBe(0)
  return JSON.parse(result.stdout)
}

const stage = (restApiId: string) => clients.rest.send(new GetStageCommand({restApiId, stageName: 'prod'}))
const deploymentCount = async (restApiId: string) => ((await clients.rest.send(new GetDeploymentsCommand({restApiId}))).items ?? []).length
const patch = (restApiId: string, ...patchOperations: PatchOperation[]) => clients.rest.send(new UpdateStageCommand({restApiId, stageName: 'prod', patchOperations}))

/** A REST API named `name` whose prod stage runs `base`, with stage variables color=green, region=eu. */
async function restApi(name: string) {
  const api = await seed.restApi(name)
  await patch(api.id, {op: 'replace', path: '/variables/color', value: 'green'}, {op: 'replace', path: '/variables/region', value: 'eu'})
  return {id: api.id, base: api.deploymentId}
}

/** The same, with a canary started by apigw: a new deployment at 10%, overriding color=blue. */
async function withCanary(name: string) {
  const api = await restApi(name)
  const started = await change('start', api.id, '--var', 'color=blue', '--description', 'Checkout v2 (#512)')
  return {...api, canary: started.after.canary.deploymentId as string}
}

describe.concurrent('apigw canary start', () => {
  it('deploys the API as it is now to a canary only; the stage keeps its deployment and variables', async () => {
    const {id, base} = await restApi('start')
    const result = await change('start', id, '--percent', '12.5', '--var', 'color=blue', '--description', 'Checkout v2 (#512)')
    const canaryId = result.after.canary.deploymentId
    expect(canaryId).not.toBe(base)
    expect(result).toEqual({
      api: {id, name: 'start', type: 'rest'},
      stage: 'prod',
      action: 'start',
      changed: true,
      before: {baseDeploymentId: base, canary: null},
      after: {baseDeploymentId: base, canary: {deploymentId: canaryId, percentTraffic: 12.5, stageVariableOverrides: {color: 'blue'}, useStageCache: false}},
    })
    const after = await stage(id)
    expect(after.deploymentId).toBe(base)
    expect(after.variables).toEqual({color: 'green', region: 'eu'})
    expect(after.canarySettings).toEqual({deploymentId: canaryId, percentTraffic: 12.5, stageVariableOverrides: {color: 'blue'}, useStageCache: false})
    expect((await clients.rest.send(new GetDeploymentCommand({restApiId: id, deploymentId: canaryId}))).description).toBe('Checkout v2 (#512)')
  })

  it('starts a canary on an existing deployment with UpdateStage', async () => {
    const {id, base} = await restApi('start-deployment')
    const other = await clients.rest.send(new CreateDeploymentCommand({restApiId: id}))
    const dry = await canary('start', id, '--deployment', other.id!, '--percent', '5', '--var', 'color=blue', '--use-stage-cache', '--dry-run', '--json')
    expect(dry.code, dry.stderr).toBe(0)
    expect(JSON.parse(dry.stdout).plan.steps[0].input.patchOperations).toEqual([
      {op: 'replace', path: '/canarySettings/deploymentId', value: other.id},
      {op: 'replace', path: '/canarySettings/percentTraffic', value: '5.0'},
      {op: 'replace', path: '/canarySettings/stageVariableOverrides/color', value: 'blue'},
      {op: 'replace', path: '/canarySettings/useStageCache', value: 'true'},
    ])
    expect((await stage(id)).canarySettings).toBeUndefined()
    await change('start', id, '--deployment', other.id!, '--percent', '5', '--var', 'color=blue', '--use-stage-cache')
    const after = await stage(id)
    expect(after.deploymentId).toBe(base)
    expect(after.canarySettings).toEqual({deploymentId: other.id, percentTraffic: 5, stageVariableOverrides: {color: 'blue'}, useStageCache: true})
    const missing = await canary('start', id, '--deployment', 'nope42', '--replace', '--yes')
    expect(missing.code).toBe(4)
    expect(missing.stderr).toContain('has no deployment nope42')
  })

  it('refuses a second canary (exit 5) unless --replace, which replaces it completely and needs --yes', async () => {
    const {id, canary: first} = await withCanary('twice')
    const deployments = await deploymentCount(id)
    const again = await canary('start', id, '--percent', '20')
    expect(again.code).toBe(5)
    expect(again.stderr).toContain(`already has a canary: deployment `)
    expect(again.stderr).toContain(`canary ${first} at 10% (overrides: color=blue)`)
    expect(again.stderr).toContain(`Try: apigw canary set --api ${id} --stage prod --percent 20`)
    const unconfirmed = await canary('start', id, '--percent', '20', '--replace')
    expect(unconfirmed.code).toBe(2)
    expect(unconfirmed.stderr).toContain('--replace --yes')
    expect(await deploymentCount(id)).toBe(deployments)
    expect((await stage(id)).canarySettings?.deploymentId).toBe(first)

    const replaced = await change('start', id, '--percent', '20', '--replace', '--yes')
    const after = await stage(id)
    expect(after.canarySettings).toEqual({deploymentId: replaced.after.canary.deploymentId, percentTraffic: 20, useStageCache: false})
    expect(replaced.after.canary.deploymentId).not.toBe(first)
  })
})

describe.concurrent('apigw canary set', () => {
  it('changes only what differs; raising the share needs --yes, lowering it does not', async () => {
    const {id} = await withCanary('set')
    const raise = await canary('set', id, '--percent', '25')
    expect(raise.code).toBe(2)
    expect(raise.stderr).toContain('traffic 10% → 25%? This needs confirmation')
    const raised = await change('set', id, '--percent', '25', '--var', 'mode=fast', '--unset-var', 'color', '--use-stage-cache', 'on', '--yes')
    expect(raised.before.canary.percentTraffic).toBe(10)
    expect(raised.after.canary).toMatchObject({percentTraffic: 25, stageVariableOverrides: {mode: 'fast'}, useStageCache: true})
    expect((await stage(id)).canarySettings).toMatchObject({percentTraffic: 25, stageVariableOverrides: {mode: 'fast'}, useStageCache: true})
    const lowered = await change('set', id, '--percent', '5')
    expect(lowered.after.canary.percentTraffic).toBe(5)
    const same = await canary('set', id, '--percent', '5', '--json')
    expect(same.code).toBe(0)
    expect(JSON.parse(same.stdout).changed).toBe(false)
    expect(same.stderr).toContain('already has these settings; nothing to change')
  })

  it('refuses a share outside 0–100 or not a number, before any AWS call (exit 2)', async () => {
    for (const percent of ['101', '-5', 'abc', '']) {
      const result = await runCli(['canary', 'set', '--api', 'shop', '--stage', 'prod', '--percent', percent], NO_AWS)
      expect(result.code, `${percent}: ${result.stderr}`).toBe(2)
      expect(result.stderr).toContain('--percent must be a number from 0 to 100')
    }
    const nothing = await runCli(['canary', 'set', '--api', 'shop', '--stage', 'prod'], NO_AWS)
    expect(nothing.code).toBe(2)
    expect(nothing.stderr).toContain('Nothing to set')
    const badVar = await runCli(['canary', 'start', '--api', 'shop', '--stage', 'prod', '--var', 'no-equals'], NO_AWS)
    expect(badVar.code).toBe(2)
  })

  it('says a stage without canary has none (exit 5) and how to start one', async () => {
    const {id, base} = await restApi('set-none')
    const result = await canary('set', id, '--percent', '5')
    expect(result.code).toBe(5)
    expect(result.stderr).toContain(`has no canary: all its traffic goes to deployment ${base}.`)
    expect(result.stderr).toContain(`Try: apigw canary start --api ${id} --stage prod --percent 10`)
    expect(JSON.parse((await canary('set', id, '--percent', '5', '--json')).stdout).error.code).toBe('NO_CANARY')
  })
})

describe.concurrent('apigw canary promote', () => {
  it('makes the canary deployment the base for all traffic, merges its overrides, removes it; stages rollback undoes it', async () => {
    const {id, base, canary: canaryId} = await withCanary('promote')
    const unconfirmed = await canary('promote', id)
    expect(unconfirmed.code).toBe(2)
    expect((await stage(id)).deploymentId).toBe(base)

    const promoted = await canary('promote', id, '--yes', '--json')
    expect(promoted.code, promoted.stderr).toBe(0)
    expect(JSON.parse(promoted.stdout)).toMatchObject({action: 'promote', changed: true, before: {baseDeploymentId: base}, after: {baseDeploymentId: canaryId, canary: null}})
    expect(promoted.stderr).toContain(`Undo: apigw stages rollback --api ${id} --stage prod`)
    expect(promoted.stderr).toContain(`To restore them: apigw stages set --api ${id} --stage prod --var color=green`)
    const after = await stage(id)
    expect(after.deploymentId).toBe(canaryId)
    expect(after.variables).toEqual({color: 'blue', region: 'eu'})
    expect(after.canarySettings).toBeUndefined()

    const history = JSON.parse((await apigw('stages', 'history', '--api', id, '--stage', 'prod', '--json')).stdout)
    expect(history.releases[0]).toMatchObject({deploymentId: canaryId, action: 'promote', fromStage: 'prod/canary', by: expect.stringMatching(/^alice@/), replaced: base, live: true, description: 'Checkout v2 (#512)'})
    const rollback = await apigw('stages', 'rollback', '--api', id, '--stage', 'prod', '--yes', '--json')
    expect(rollback.code, rollback.stderr).toBe(0)
    expect(JSON.parse(rollback.stdout)).toMatchObject({deploymentId: base, previousDeploymentId: canaryId})
    expect((await stage(id)).deploymentId).toBe(base)
  })

  it('--keep-canary leaves the canary at 0% on the promoted deployment', async () => {
    const {id, canary: canaryId} = await withCanary('keep')
    const result = await change('promote', id, '--keep-canary', '--yes')
    expect(result.after).toEqual({baseDeploymentId: canaryId, canary: {deploymentId: canaryId, percentTraffic: 0, stageVariableOverrides: {color: 'blue'}, useStageCache: false}})
    const after = await stage(id)
    expect(after.deploymentId).toBe(canaryId)
    expect(after.canarySettings).toMatchObject({deploymentId: canaryId, percentTraffic: 0})
  })

  it('--dry-run prints the exact batch and changes nothing', async () => {
    const {id, base, canary: canaryId} = await withCanary('promote-dry')
    const result = await canary('promote', id, '--dry-run', '--json')
    expect(result.code, result.stderr).toBe(0)
    const {plan} = JSON.parse(result.stdout)
    expect(plan.severity).toBe('destructive')
    expect(plan.steps.map((step: {operation: string}) => step.operation)).toEqual(['UpdateStage', 'UpdateStage', 'UpdateDeployment'])
    expect(plan.steps[0].input.patchOperations).toEqual([
      {op: 'replace', path: '/canarySettings/percentTraffic', value: '0.0'},
      {op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId'},
      {op: 'copy', from: '/canarySettings/stageVariableOverrides', path: '/variables'},
    ])
    expect(plan.steps[1].input.patchOperations).toEqual([{op: 'remove', path: '/canarySettings'}])
    expect(plan.steps[2].input.patchOperations[0].value).toMatch(new RegExp(`^Checkout v2 \\(#512\\) \\[apigw: promote prod from prod/canary by alice@\\S+ at \\S+, replaced ${base}\\]$`))
    const after = await stage(id)
    expect(after.deploymentId).toBe(base)
    expect(after.canarySettings?.deploymentId).toBe(canaryId)
    expect((await clients.rest.send(new GetDeploymentCommand({restApiId: id, deploymentId: canaryId}))).description).toBe('Checkout v2 (#512)')
  })

  it('refuses a stage without canary (exit 5)', async () => {
    const {id} = await restApi('promote-none')
    const result = await canary('promote', id, '--yes')
    expect(result.code).toBe(5)
    expect(result.stderr).toContain('has no canary')
  })
})

describe.concurrent('apigw canary abort and pause', () => {
  it('abort removes the canary at once without asking; the base never changed', async () => {
    const {id, base} = await withCanary('abort')
    const result = await change('abort', id)
    expect(result.after).toEqual({baseDeploymentId: base, canary: null})
    const after = await stage(id)
    expect(after.canarySettings).toBeUndefined()
    expect(after.deploymentId).toBe(base)
    expect(after.variables).toEqual({color: 'green', region: 'eu'})
    const again = await canary('abort', id, '--json')
    expect(again.code).toBe(0)
    expect(JSON.parse(again.stdout).changed).toBe(false)
    expect(again.stderr).toContain('has no canary; nothing to abort')
  })

  it('pause sends the canary no traffic and keeps it; set --percent resumes it', async () => {
    const {id, canary: canaryId} = await withCanary('pause')
    const paused = await change('pause', id)
    expect(paused.after.canary).toEqual({deploymentId: canaryId, percentTraffic: 0, stageVariableOverrides: {color: 'blue'}, useStageCache: false})
    expect((await stage(id)).canarySettings?.percentTraffic).toBe(0)
    const again = await canary('pause', id)
    expect(again.code).toBe(0)
    expect(again.stderr).toContain('already gets no traffic')
    const dry = await canary('pause', id, '--dry-run')
    expect(dry.stdout).toContain('Plan (dry run, nothing changed)')
    expect((await change('set', id, '--percent', '10', '--yes')).after.canary.percentTraffic).toBe(10)
    expect((await canary('pause', id)).stderr).toContain(`Resume: apigw canary set --api ${id} --stage prod --percent 10`)
  })

  it('abort --dry-run prints the patch and changes nothing', async () => {
    const {id, canary: canaryId} = await withCanary('abort-dry')
    const result = await canary('abort', id, '--dry-run', '--json')
    expect(JSON.parse(result.stdout).plan.steps[0].input.patchOperations).toEqual([{op: 'remove', path: '/canarySettings'}])
    expect((await stage(id)).canarySettings?.deploymentId).toBe(canaryId)
  })
})

describe.concurrent('apigw canary on other APIs', () => {
  it('refuses HTTP and WebSocket APIs clearly (exit 2, UNSUPPORTED_API_TYPE), without a stack trace', async () => {
    const http = await seed.httpApi('orders')
    const ws = await seed.websocketApi('chat')
    const runs = [
      [http.id, 'HTTP API "orders"'],
      [ws.id, 'WebSocket API "chat"'],
    ].flatMap(([api, label]) =>
      ['start', 'set --percent 5', 'promote', 'abort', 'pause'].map(async (verb) => {
        const [name, ...flags] = verb.split(' ')
        return {verb, api, label, result: await apigw('canary', name, '--api', api, '--stage', '$default', ...flags, '--yes')}
      }),
    )
    for (const {verb, api, label, result} of await Promise.all(runs)) {
      expect(result.code, `${verb}: ${result.stderr}`).toBe(2)
      expect(result.stderr).toContain(`${label} (${api}) cannot have a canary: canary releases exist only on REST API stages`)
      expect(result.stderr).not.toMatch(/\n\s+at /)
    }
    const json = await apigw('canary', 'abort', '--api', http.id, '--stage', '$default', '--json')
    expect(JSON.parse(json.stdout).error).toMatchObject({code: 'UNSUPPORTED_API_TYPE', exitCode: 2})
  })

  it('names the stages of the API for an unknown stage (exit 4)', async () => {
    const {id} = await restApi('no-stage')
    const result = await apigw('canary', 'start', '--api', id, '--stage', 'staging')
    expect(result.code).toBe(4)
    expect(result.stderr).toContain('has no stage "staging"; its stages: prod.')
  })
})
