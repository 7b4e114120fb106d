import {CreateApiKeyCommand, CreateDeploymentCommand, CreateRestApiCommand, PutIntegrationCommand, PutMethodCommand} from '@aws-sdk/client-api-gateway'
import {describe, expect, it} from 'vitest'
import {awsEnv, runCli, type CliResult} from '../helpers/cli.js'
import {moto, sandbox, useMotoAndSandbox} from '../helpers/moto-and-sandbox.js'
import {sdkClients} from '../helpers/sandbox.js'

/**
 * A usage plan's life through the CLI — create, attach, the rules refused locally, set, show, list,
 * detach, delete — against the sandbox and against moto_server (an implementation nobody here
 * wrote): an operator must see the same thing on both.
 *
 * Where moto differs from AWS, out of this comparison:
 * - it accepts a key in two plans for the same API stage: apigw refuses that before any call, so
 *   both targets show apigw's refusal (which is the point here);
 * - it cannot tag a usage plan (TagResource on a usage plan's ARN answers with an HTML page), and
 *   `plans delete` records a plan's API stages in its tags before removing them; so the plans
 *   are emptied of stages (`plans set --remove-stage`) before they are deleted here, and a delete
 *   that removes stages is tested against the sandbox (plans.test.ts, resumable-deletes.test.ts);
 * - it stores a patched throttle rate as a whole number and a patched quota limit as a string,
 *   so only whole rates are set here, and no quota;
 * - it has no GetUsage, so `plans usage` is tested against the sandbox alone (plans.test.ts).
 */

interface Ids {
  api: string
  keys: Record<string, string>
}

/** A REST API "shop" deployed to prod and beta, and two enabled keys, made with the SDK. */
async function seedTarget(endpoint: string): Promise<Ids> {
  const {rest} = sdkClients(endpoint)
  const api = await rest.send(new CreateRestApiCommand({name: 'shop'}))
  const restApiId = api.id!
  await rest.send(new PutMethodCommand({restApiId, resourceId: api.rootResourceId, httpMethod: 'GET', authorizationType: 'NONE'}))
  await rest.send(new PutIntegrationCommand({restApiId, resourceId: api.rootResourceId, httpMethod: 'GET', type: 'MOCK'}))
  for (const stageName of ['prod', 'beta']) await rest.send(new CreateDeploymentCommand({restApiId, stageName}))
  const keys: Record<string, string> = {}
  for (const name of ['partner', 'acme']) keys[name] = (await rest.send(new CreateApiKeyCommand({name, enabled: true}))).id!
  return {api: restApiId, keys}
}

/** What an operator sees of one run: exit code, stdout as JSON, with this target's ids named. */
function seen(result: CliResult, names: Map<string, string>) {
  let text = result.stdout
  for (const [id, name] of names) text = text.replaceAll(id, name)
  return {code: result.code, stdout: text === '' ? '' : JSON.parse(text)}
}

async function lifecycle(endpoint: string) {
  const ids = await seedTarget(endpoint)
  const env = awsEnv(endpoint)
  const apigw = (...args: string[]) => runCli([...args, '--json'], env)
  const names = new Map<string, string>([[ids.api, '<api>'], ...Object.entries(ids.keys).map(([name, id]): [string, string] => [id, `<key ${name}>`])])
  const step = async (...args: string[]) => seen(await apigw(...args), names)

  const create = async (name: string, ...flags: string[]) => {
    const result = await apigw('plans', 'create', '--name', name, ...flags)
    names.set(JSON.parse(result.stdout).plan.id, `<plan ${name}>`)
    return seen(result, names)
  }

  return {
    created: await create('gold', '--description', 'partners', '--throttle', '100:200', '--quota', '1000/day', '--stage', 'shop:prod'),
    silver: await create('silver', '--stage', 'shop:prod'),
    bronze: await create('bronze', '--stage', `${ids.api}:beta`),
    attached: await step('plans', 'attach', 'gold', 'partner'),
    attachedAgain: await step('plans', 'attach', 'gold', 'partner'),
    sameStage: await step('plans', 'attach', 'silver', 'partner'),
    acmeBronze: await step('plans', 'attach', 'bronze', 'acme'),
    acmeGold: await step('plans', 'attach', 'gold', 'acme'),
    stageTaken: await step('plans', 'set', 'gold', '--add-stage', 'shop:beta'),
    changed: await step('plans', 'set', 'gold', '--name', 'platinum', '--description', 'tuned', '--throttle', '50:100'),
    shown: await step('plans', 'show', 'platinum'),
    listed: await step('plans', 'list'),
    detached: await step('plans', 'detach', 'platinum', 'partner', '--yes'),
    emptied: [await step('plans', 'set', 'silver', '--remove-stage', 'shop:prod', '--yes'), await step('plans', 'set', 'platinum', '--remove-stage', 'shop:prod', '--yes')],
    deletedEmpty: await step('plans', 'delete', 'silver', '--yes'),
    deleted: await step('plans', 'delete', 'platinum', '--confirm', 'platinum'),
    gone: await step('plans', 'show', 'platinum'),
  }
}

describe('conformance: a usage plan through the CLI, sandbox against moto', () => {
  useMotoAndSandbox()

  it('gives the same output and exit codes on both', async () => {
    const [onMoto, onSandbox] = await Promise.all([lifecycle(moto.endpoint), lifecycle(sandbox.endpoint)])
    expect(onSandbox).toEqual(onMoto)
    // The outcome itself, so that two equally wrong answers do not pass.
    const stages = (...names: string[]) => names.map((stage) => ({apiId: '<api>', apiName: 'shop', stage}))
    expect(onSandbox.created).toEqual({
      code: 0,
      stdout: {
        plan: {id: '<plan gold>', name: 'gold', description: 'partners', apiStages: stages('prod'), throttle: {rateLimit: 100, burstLimit: 200}, quota: {limit: 1000, period: 'DAY', offset: 0}},
        keys: [],
      },
    })
    expect(onSandbox.attached).toEqual({code: 0, stdout: {plan: {id: '<plan gold>', name: 'gold'}, key: {id: '<key partner>', name: 'partner', enabled: true}, apiStages: stages('prod')}})
    const refusals = [onSandbox.attachedAgain, onSandbox.sameStage, onSandbox.stageTaken].map(({code, stdout}) => [code, stdout.error.code])
    expect(refusals).toEqual([
      [5, 'KEY_ALREADY_IN_PLAN'],
      [5, 'ONE_PLAN_PER_API_STAGE'],
      [5, 'ONE_PLAN_PER_API_STAGE'],
    ])
    expect(onSandbox.shown).toEqual({
      code: 0,
      stdout: {
        plan: {id: '<plan gold>', name: 'platinum', description: 'tuned', apiStages: stages('prod'), throttle: {rateLimit: 50, burstLimit: 100}, quota: {limit: 1000, period: 'DAY', offset: 0}},
        keys: [
          {id: '<key acme>', name: 'acme', enabled: true},
          {id: '<key partner>', name: 'partner', enabled: true},
        ],
      },
    })
    expect(onSandbox.listed.stdout.plans.map((plan: {name: string; keyCount: number}) => [plan.name, plan.keyCount])).toEqual([
      ['bronze', 1],
      ['platinum', 2],
      ['silver', 0],
    ])
    expect([onSandbox.detached.code, ...onSandbox.emptied.map(({code}) => code), onSandbox.deletedEmpty.code, onSandbox.deleted.code, onSandbox.gone.code]).toEqual([0, 0, 0, 0, 0, 4])
    expect(onSandbox.deleted.stdout.keys).toEqual([{id: '<key acme>', name: 'acme', enabled: true}])
  })
})
