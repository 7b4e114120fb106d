import {
  CreateApiKeyCommand,
  CreateDeploymentCommand,
  CreateUsagePlanCommand,
  CreateUsagePlanKeyCommand,
  GetUsagePlanCommand,
  GetUsagePlanKeysCommand,
  GetUsagePlansCommand,
  type UsagePlan,
} from '@aws-sdk/client-api-gateway'
import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {simulateTraffic} from '../../packages/sandbox/src/traffic/simulate.js'
import {awsEnv, EMPTY_HOME, runCli} from '../helpers/cli.js'
import {sdkClients} from '../helpers/sandbox.js'
import {seeder} from '../helpers/seed.js'
import {clients, env, sandbox, seed, useSandboxCli} from '../helpers/sandbox-cli.js'

useSandboxCli()

const apigw = (...args: string[]) => runCli(args, env)
/** The CLI pointed at a port nothing listens on: a usage error there proves nothing was sent. */
const offline = (...args: string[]) => runCli(args, awsEnv('http://127.0.0.1:9', {AWS_MAX_ATTEMPTS: '1'}))
const json = (stdout: string) => JSON.parse(stdout)
const DAY_MS = 86_400_000
const utcDay = (time: number) => new Date(time).toISOString().slice(0, 10)

/** Each key gets a value of its own, so that any output can be searched for it. */
let keyCount = 0
async function createKey(name: string, enabled = true): Promise<{id: string; value: string}> {
  const value = `plans-test-secret-value-${String(++keyCount).padStart(4, '0')}`
  const key = await clients.rest.send(new CreateApiKeyCommand({name, enabled, value}))
  return {id: key.id!, value}
}

/** A REST API deployed to prod and beta. */
async function restApi(name: string): Promise<string> {
  const api = await seed.restApi(name)
  await clients.rest.send(new CreateDeploymentCommand({restApiId: api.id, stageName: 'beta'}))
  return api.id
}

async function createPlan(name: string, apiStages: Array<[string, string]> = [], keys: string[] = []): Promise<string> {
  const plan = await clients.rest.send(new CreateUsagePlanCommand({name, apiStages: apiStages.map(([apiId, stage]) => ({apiId, stage}))}))
  for (const keyId of keys) await clients.rest.send(new CreateUsagePlanKeyCommand({usagePlanId: plan.id, keyId, keyType: 'API_KEY'}))
  return plan.id!
}

const getPlan = async (usagePlanId: string) => {
  const {$metadata, ...plan} = await clients.rest.send(new GetUsagePlanCommand({usagePlanId}))
  return plan as UsagePlan
}
const planKeyIds = async (usagePlanId: string) => ((await clients.rest.send(new GetUsagePlanKeysCommand({usagePlanId}))).items ?? []).map((key) => key.id).sort()
const plansOfKey = async (keyId: string) => ((await clients.rest.send(new GetUsagePlansCommand({keyId}))).items ?? []).map((plan) => plan.name).sort()
const allPlanNames = async () => ((await clients.rest.send(new GetUsagePlansCommand({}))).items ?? []).map((plan) => plan.name).sort()

describe('plans create', () => {
  let shopId: string
  beforeAll(async () => {
    shopId = await restApi('create-shop')
    await seed.httpApi('create-orders')
  })

  it('--dry-run prints the exact CreateUsagePlan input, stages resolved by API name, and creates nothing', async () => {
    const before = await allPlanNames()
    const result = await apigw('plans', 'create', '--name', 'dry', '--throttle', '2.5:10', '--quota', '1000/day', '--stage', 'create-shop:PROD', '--dry-run', '--json')
    expect(result.code, result.stderr).toBe(0)
    const {dryRun, plan} = json(result.stdout)
    expect(dryRun).toBe(true)
    expect(plan.severity).toBe('safe')
    expect(plan.steps).toEqual([
      {
        step: 1,
        service: 'apigateway',
        operation: 'CreateUsagePlan',
        summary: 'create usage plan "dry"',
        // The stage as AWS names it, whatever case it was typed in.
        input: {name: 'dry', apiStages: [{apiId: shopId, stage: 'prod'}], throttle: {rateLimit: 2.5, burstLimit: 10}, quota: {limit: 1000, period: 'DAY'}},
      },
    ])
    expect(await allPlanNames()).toEqual(before)
  })

  it('creates a plan covering REST stages, and prints it as plans show does', async () => {
    const result = await apigw('plans', 'create', '--name', 'gold', '--description', 'paying partners', '--throttle', '100:200', '--quota', '100000/month', '--stage', 'create-shop:prod', '--stage', `${shopId}:beta`, '--json')
    expect(result.code, result.stderr).toBe(0)
    expect(result.stderr).toContain('[1/1] create usage plan "gold" (CreateUsagePlan)')
    const {plan, keys} = json(result.stdout)
    expect(plan).toEqual({
      id: expect.any(String),
      name: 'gold',
      description: 'paying partners',
      apiStages: [
        {apiId: shopId, apiName: 'create-shop', stage: 'prod'},
        {apiId: shopId, apiName: 'create-shop', stage: 'beta'},
      ],
      throttle: {rateLimit: 100, burstLimit: 200},
      quota: {limit: 100000, period: 'MONTH', offset: 0},
    })
    expect(keys).toEqual([])
    expect(await getPlan(plan.id)).toMatchObject({name: 'gold', throttle: {rateLimit: 100, burstLimit: 200}, quota: {limit: 100000, period: 'MONTH'}})

    // A second plan of the same name is allowed, with a warning: the name no longer picks one plan.
    const again = await apigw('plans', 'create', '--name', 'gold')
    expect(again.code).toBe(0)
    expect(again.stderr).toContain(`Warning: A usage plan named "gold" already exists (${plan.id})`)
  })

  it('refuses an HTTP API plainly (usage plans are REST-only) and a stage that does not exist, creating nothing', async () => {
    const before = await allPlanNames()
    const http = await apigw('plans', 'create', '--name', 'x', '--stage', 'create-orders:$default')
    expect(http.code).toBe(2)
    expect(http.stderr).toContain('HTTP API "create-orders"')
    expect(http.stderr).toContain('usage plans and API keys exist only for REST APIs')

    const missing = await apigw('plans', 'create', '--name', 'x', '--stage', 'create-shop:prd', '--json')
    expect(missing.code).toBe(4)
    expect(json(missing.stdout).error).toMatchObject({code: 'STAGE_NOT_FOUND', suggestions: ['Try: --stage create-shop:prod']})

    const noApi = await apigw('plans', 'create', '--name', 'x', '--stage', 'nowhere:prod')
    expect(noApi.code).toBe(4)
    expect(noApi.stderr).toContain('No API with id or name "nowhere"')
    expect(await allPlanNames()).toEqual(before)
  })

  it('refuses malformed flags with exit 2 before any AWS call', async () => {
    const cases: Array<[string[], string]> = [
      [['--name', 'x', '--throttle', '100'], '--throttle "100" is not rate:burst'],
      [['--name', 'x', '--quota', '10/year'], '--quota "10/year" is not limit/period'],
      [['--name', 'x', '--stage', 'shop'], '--stage "shop" is not api:stage'],
      [['--name', ' '], '--name is empty'],
    ]
    const results = await Promise.all(cases.map(([flags]) => offline('plans', 'create', ...flags)))
    for (const [index, result] of results.entries()) {
      expect(result.code, result.stderr).toBe(2)
      expect(result.stderr).toContain(cases[index][1])
      expect(result.stderr).toContain('Try: ')
    }
    const missingName = await offline('plans', 'create')
    expect(missingName.code).toBe(2)
    expect(missingName.stderr).toContain('Missing required flag --name')
  })
})

describe('plans list and show', () => {
  let apiId: string
  let planId: string
  let partner: {id: string; value: string}
  let dormant: {id: string; value: string}
  beforeAll(async () => {
    apiId = await restApi('show-shop')
    partner = await createKey('show-partner')
    dormant = await createKey('show-dormant', false)
    planId = await createPlan('show-gold', [[apiId, 'prod']], [partner.id, dormant.id])
    await clients.rest.send(new CreateUsagePlanCommand({name: 'show-limits', throttle: {rateLimit: 5, burstLimit: 10}, quota: {limit: 50, period: 'WEEK'}}))
  })

  it('lists every plan with API stages by name, throttle, quota and number of keys', async () => {
    const result = await apigw('plans', 'list', '--json')
    expect(result.code, result.stderr).toBe(0)
    const plans = json(result.stdout).plans
    expect(plans.find((plan: {name: string}) => plan.name === 'show-gold')).toEqual({
      id: planId,
      name: 'show-gold',
      description: null,
      apiStages: [{apiId, apiName: 'show-shop', stage: 'prod'}],
      throttle: null,
      quota: null,
      keyCount: 2,
    })
    expect(plans.find((plan: {name: string}) => plan.name === 'show-limits')).toMatchObject({throttle: {rateLimit: 5, burstLimit: 10}, quota: {limit: 50, period: 'WEEK'}, keyCount: 0})

    const table = await apigw('plans', 'list')
    expect(table.stdout).toMatch(/^ID\s+NAME\s+API STAGES\s+THROTTLE\s+QUOTA\s+KEYS$/m)
    expect(table.stdout).toMatch(new RegExp(`^${planId}\\s+show-gold\\s+show-shop:prod\\s+-\\s+-\\s+2$`, 'm'))
    expect(table.stdout).toMatch(/show-limits\s+-\s+5 req\/s, burst 10\s+50 a week\s+0/)
  })

  it('shows a plan by name with its keys (id, name, enabled) and never their values', async () => {
    const result = await apigw('plans', 'show', 'show-gold', '--json')
    expect(result.code, result.stderr).toBe(0)
    expect(json(result.stdout).keys).toEqual([
      {id: dormant.id, name: 'show-dormant', enabled: false},
      {id: partner.id, name: 'show-partner', enabled: true},
    ])
    const table = await apigw('plans', 'show', planId)
    expect(table.stdout).toMatch(new RegExp(`^${apiId}\\s+show-shop\\s+prod$`, 'm'))
    expect(table.stdout).toMatch(new RegExp(`^${dormant.id}\\s+show-dormant\\s+no$`, 'm'))
    for (const output of [result.stdout, result.stderr, table.stdout, table.stderr]) {
      expect(output).not.toContain(partner.value)
      expect(output).not.toContain(dormant.value)
    }
  })

  it('names an unknown plan with exit 4 and the closest names', async () => {
    const result = await apigw('plans', 'show', 'show-gld')
    expect(result.code).toBe(4)
    expect(result.stderr).toContain('No usage plan with id or name "show-gld"')
    expect(result.stderr).toContain('Did you mean: show-gold')
  })
})

describe('plans set', () => {
  let apiId: string
  let key: {id: string; value: string}
  beforeAll(async () => {
    apiId = await restApi('set-shop')
    key = await createKey('set-partner')
  })

  it('--dry-run shows ONE UpdateUsagePlan with the exact patch operations, and changes nothing', async () => {
    const planId = (await clients.rest.send(new CreateUsagePlanCommand({name: 'set-dry', throttle: {rateLimit: 10, burstLimit: 20}, quota: {limit: 100, period: 'DAY'}, apiStages: [{apiId, stage: 'prod'}]}))).id!
    const before = await getPlan(planId)
    const result = await apigw('plans', 'set', 'set-dry', '--name', 'set-dry-2', '--description', 'tuned', '--throttle', '2.5:5', '--quota', 'off', '--add-stage', 'set-shop:beta', '--remove-stage', 'set-shop:prod', '--dry-run', '--json')
    expect(result.code, result.stderr).toBe(0)
    const {plan} = json(result.stdout)
    expect(plan.steps).toHaveLength(1)
    expect(plan.steps[0]).toMatchObject({operation: 'UpdateUsagePlan'})
    expect(plan.steps[0].input).toEqual({
      usagePlanId: planId,
      patchOperations: [
        {op: 'replace', path: '/name', value: 'set-dry-2'},
        {op: 'replace', path: '/description', value: 'tuned'},
        {op: 'replace', path: '/throttle/rateLimit', value: '2.5'},
        {op: 'replace', path: '/throttle/burstLimit', value: '5'},
        {op: 'remove', path: '/quota'},
        {op: 'remove', path: '/apiStages', value: `${apiId}:prod`},
        {op: 'add', path: '/apiStages', value: `${apiId}:beta`},
      ],
    })
    // No keys lose access, so removing the stage is not destructive here.
    expect(plan.severity).toBe('safe')
    expect(await getPlan(planId)).toEqual(before)
  })

  it('changes throttle and quota, removes them with off, and prints the command that undoes each change', async () => {
    const planId = await createPlan('set-limits', [[apiId, 'prod']])
    const set = await apigw('plans', 'set', planId, '--throttle', '50:100', '--quota', '5000/week', '--json')
    expect(set.code, set.stderr).toBe(0)
    expect(json(set.stdout).plan).toMatchObject({throttle: {rateLimit: 50, burstLimit: 100}, quota: {limit: 5000, period: 'WEEK'}})
    expect(set.stderr).toContain(`Undo: apigw plans set ${planId} --throttle off --quota off`)

    const off = await apigw('plans', 'set', 'set-limits', '--throttle', 'off', '--quota', 'off')
    expect(off.code, off.stderr).toBe(0)
    expect(off.stderr).toContain(`Undo: apigw plans set ${planId} --throttle 50:100 --quota 5000/week`)
    const plan = await getPlan(planId)
    expect(plan.throttle).toBeUndefined()
    expect(plan.quota).toBeUndefined()

    // Nothing left to remove: said, and no call made.
    const again = await apigw('plans', 'set', 'set-limits', '--throttle', 'off', '--json')
    expect(again.code).toBe(0)
    expect(again.stderr).toContain('has no throttle; nothing to remove')
    expect(again.stderr).not.toContain('UpdateUsagePlan')
  })

  it('removing a stage cuts the keys off: it needs --yes, names them, and can be undone', async () => {
    const planId = await createPlan('set-cut', [[apiId, 'prod'], [apiId, 'beta']], [key.id])
    const refused = await apigw('plans', 'set', 'set-cut', '--remove-stage', 'set-shop:beta')
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain(`remove set-shop:beta (1 key loses access to it: key set-partner (${key.id}))`)
    expect(refused.stderr).toContain('Try: apigw plans set set-cut --remove-stage set-shop:beta --yes')
    expect((await getPlan(planId)).apiStages).toHaveLength(2)

    const removed = await apigw('plans', 'set', 'set-cut', '--remove-stage', `${apiId}:BETA`, '--yes', '--json')
    expect(removed.code, removed.stderr).toBe(0)
    expect((await getPlan(planId)).apiStages).toEqual([{apiId, stage: 'prod'}])
    const undo = /Undo: (apigw plans set .+)$/m.exec(removed.stderr)![1]
    expect(undo).toBe(`apigw plans set ${planId} --add-stage ${apiId}:beta`)
    const undone = await apigw(...undo.split(' ').slice(1))
    expect(undone.code, undone.stderr).toBe(0)
    expect((await getPlan(planId)).apiStages).toHaveLength(2)
  })

  it('refuses to add a stage another plan of one of its keys covers (one plan per API stage), changing nothing', async () => {
    const shared = await createKey('set-shared')
    const goldId = await createPlan('set-gold', [[apiId, 'prod']], [shared.id])
    const betaId = await createPlan('set-beta', [[apiId, 'beta']], [shared.id])
    const before = await getPlan(betaId)
    const result = await apigw('plans', 'set', 'set-beta', '--add-stage', 'set-shop:prod', '--json')
    expect(result.code).toBe(5)
    const {error} = json(result.stdout)
    expect(error.code).toBe('ONE_PLAN_PER_API_STAGE')
    expect(error.message).toContain(`key set-shared (${shared.id})`)
    expect(error.message).toContain(`usage plan set-gold (${goldId}), which covers set-shop:prod`)
    expect(error.suggestions).toEqual([`Try: apigw plans detach ${goldId} ${shared.id} first`, `Or: apigw plans set ${goldId} --remove-stage ${apiId}:prod`])
    expect(await getPlan(betaId)).toEqual(before)
  })

  it('refuses what cannot be done: nothing to set, a stage both added and removed, one already covered, one not in the plan', async () => {
    await createPlan('set-checks', [[apiId, 'prod']])
    const [nothing, both, covered, absent] = await Promise.all([
      apigw('plans', 'set', 'set-checks'),
      apigw('plans', 'set', 'set-checks', '--add-stage', 'set-shop:beta', '--remove-stage', 'set-shop:beta'),
      apigw('plans', 'set', 'set-checks', '--add-stage', 'set-shop:prod'),
      apigw('plans', 'set', 'set-checks', '--remove-stage', 'set-shop:beta'),
    ])
    expect([nothing.code, both.code, covered.code, absent.code]).toEqual([2, 2, 5, 4])
    expect(nothing.stderr).toContain('Nothing to set')
    expect(both.stderr).toContain('set-shop:beta is given to both --add-stage and --remove-stage')
    expect(covered.stderr).toContain('already covers set-shop:prod')
    expect(absent.stderr).toContain('does not cover set-shop:beta; it covers set-shop:prod')
    expect(absent.stderr).toContain('Try: --remove-stage set-shop:prod')

    const bad = await offline('plans', 'set', 'set-checks', '--quota', 'lots')
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('Try: --quota 1000/day (or --quota off, to remove it)')
  })
})

describe('plans attach and detach', () => {
  let apiId: string
  beforeAll(async () => {
    apiId = await restApi('member-shop')
  })

  it('attaches a key by name, then finds it in GetUsagePlanKeys; detach needs --yes and is undone by attach', async () => {
    const key = await createKey('member-partner')
    const planId = await createPlan('member-gold', [[apiId, 'prod']])
    const attached = await apigw('plans', 'attach', 'member-gold', 'member-partner', '--json')
    expect(attached.code, attached.stderr).toBe(0)
    expect(json(attached.stdout)).toEqual({
      plan: {id: planId, name: 'member-gold'},
      key: {id: key.id, name: 'member-partner', enabled: true},
      apiStages: [{apiId, apiName: 'member-shop', stage: 'prod'}],
    })
    expect(attached.stderr).toContain(`Undo: apigw plans detach ${planId} ${key.id}`)
    expect(attached.stdout + attached.stderr).not.toContain(key.value)
    expect(await planKeyIds(planId)).toEqual([key.id])

    const refused = await apigw('plans', 'detach', 'member-gold', key.id)
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain(`it loses access to member-shop:prod? This needs confirmation`)
    expect(await planKeyIds(planId)).toEqual([key.id])

    const detached = await apigw('plans', 'detach', 'member-gold', key.id, '--yes')
    expect(detached.code, detached.stderr).toBe(0)
    expect(detached.stderr).toContain('is in no usage plan now')
    expect(detached.stderr).toContain(`Undo: apigw plans attach ${planId} ${key.id}`)
    expect(await planKeyIds(planId)).toEqual([])

    const again = await apigw('plans', 'detach', 'member-gold', key.id, '--yes')
    expect(again.code).toBe(4)
    expect(again.stderr).toContain('is not in the usage plan member-gold')
  })

  it('warns when the key is disabled or the plan covers no stage, and --dry-run attaches nothing', async () => {
    const key = await createKey('member-off', false)
    const planId = await createPlan('member-empty')
    const result = await apigw('plans', 'attach', planId, key.id, '--dry-run', '--json')
    expect(result.code, result.stderr).toBe(0)
    expect(json(result.stdout).plan.steps[0]).toMatchObject({operation: 'CreateUsagePlanKey', input: {usagePlanId: planId, keyId: key.id, keyType: 'API_KEY'}})
    expect(result.stderr).toContain(`is disabled: requests with it are refused until it is enabled (apigw keys enable ${key.id})`)
    expect(result.stderr).toContain('covers no API stages yet')
    expect(await planKeyIds(planId)).toEqual([])
  })

  it('refuses locally what AWS refuses: a second plan for the same API stage, an eleventh plan, a key already in — changing nothing', async () => {
    const key = await createKey('member-busy')
    const first = await createPlan('member-prod', [[apiId, 'prod']], [key.id])
    await createPlan('member-prod-2', [[apiId, 'prod']])
    const stage = await apigw('plans', 'attach', 'member-prod-2', key.id, '--json')
    expect(stage.code).toBe(5)
    expect(json(stage.stdout).error).toMatchObject({code: 'ONE_PLAN_PER_API_STAGE', suggestions: [`Try: apigw plans detach ${first} ${key.id} first, to move the key to member-prod-2`]})
    expect(json(stage.stdout).error.message).toContain(`usage plan member-prod (${first}), which also covers ${apiId}:prod`)

    const twice = await apigw('plans', 'attach', first, key.id)
    expect(twice.code).toBe(5)
    expect(twice.stderr).toContain('is already in usage plan member-prod')

    for (let index = 2; index <= 10; index++) await createPlan(`member-extra-${index}`, [], [key.id])
    await createPlan('member-eleventh')
    const eleventh = await apigw('plans', 'attach', 'member-eleventh', key.id)
    expect(eleventh.code).toBe(5)
    expect(eleventh.stderr).toContain("is already in 10 usage plans, AWS's limit per key")
    expect(await plansOfKey(key.id)).toHaveLength(10)
    expect(await plansOfKey(key.id)).not.toContain('member-prod-2')
  })

  it('names an unknown key with exit 4', async () => {
    await createPlan('member-lonely')
    const result = await apigw('plans', 'attach', 'member-lonely', 'nobody')
    expect(result.code).toBe(4)
    expect(result.stderr).toContain('No API key with id or name "nobody"')
  })
})

describe('plans delete', () => {
  let apiId: string
  beforeAll(async () => {
    apiId = await restApi('delete-shop')
  })

  it('with keys, needs --confirm <name> (--yes is not enough); removes the stages, deletes it, and prints how to recreate it', async () => {
    const partner = await createKey('delete-partner')
    const other = await createKey('delete-other')
    const planId = (
      await clients.rest.send(
        new CreateUsagePlanCommand({name: 'delete-gold', description: 'the gold tier', throttle: {rateLimit: 10, burstLimit: 20}, quota: {limit: 1000, period: 'DAY'}, apiStages: [{apiId, stage: 'prod'}, {apiId, stage: 'beta'}]}),
      )
    ).id!
    for (const keyId of [partner.id, other.id]) await clients.rest.send(new CreateUsagePlanKeyCommand({usagePlanId: planId, keyId, keyType: 'API_KEY'}))
    const before = await getPlan(planId)

    const withYes = await apigw('plans', 'delete', 'delete-gold', '--yes')
    expect(withYes.code).toBe(2)
    expect(withYes.stderr).toContain(`2 keys lose access: key delete-other (${other.id}), key delete-partner (${partner.id})? This needs --confirm delete-gold`)
    const wrong = await apigw('plans', 'delete', 'delete-gold', '--confirm', 'gold')
    expect(wrong.code).toBe(2)
    expect(wrong.stderr).toContain('does not match')
    expect(await getPlan(planId)).toEqual(before)

    const dry = await apigw('plans', 'delete', planId, '--confirm', 'delete-gold', '--dry-run', '--json')
    expect(json(dry.stdout).plan).toMatchObject({
      severity: 'severe',
      steps: [
        {operation: 'TagResource', input: {tags: {[`apigw:emptied:${apiId}:prod`]: expect.any(String), [`apigw:emptied:${apiId}:beta`]: expect.any(String)}}},
        {operation: 'UpdateUsagePlan', input: {usagePlanId: planId, patchOperations: [{op: 'remove', path: '/apiStages', value: `${apiId}:prod`}, {op: 'remove', path: '/apiStages', value: `${apiId}:beta`}]}},
        {operation: 'DeleteUsagePlan', input: {usagePlanId: planId}},
      ],
    })

    const deleted = await apigw('plans', 'delete', planId, '--confirm', 'delete-gold', '--json')
    expect(deleted.code, deleted.stderr).toBe(0)
    const result = json(deleted.stdout)
    expect(result.keys.map((key: {id: string}) => key.id).sort()).toEqual([partner.id, other.id].sort())
    expect(result.recreate).toEqual([
      `apigw plans create --name delete-gold --description 'the gold tier' --throttle 10:20 --quota 1000/day --stage ${apiId}:prod --stage ${apiId}:beta`,
      `apigw plans attach delete-gold ${other.id}`,
      `apigw plans attach delete-gold ${partner.id}`,
    ])
    expect(deleted.stderr).toContain('To recreate it and give its keys access again:')
    expect(await allPlanNames()).not.toContain('delete-gold')
    expect(await plansOfKey(partner.id)).toEqual([])

    // The printed commands do recreate it.
    for (const command of result.recreate as string[]) {
      const args = command.replace("'the gold tier'", 'the-gold-tier').split(' ').slice(1).map((arg) => (arg === 'the-gold-tier' ? 'the gold tier' : arg))
      const run = await apigw(...args)
      expect(run.code, run.stderr).toBe(0)
    }
    const recreated = json((await apigw('plans', 'show', 'delete-gold', '--json')).stdout)
    expect(recreated.plan).toMatchObject({description: 'the gold tier', throttle: {rateLimit: 10, burstLimit: 20}, quota: {limit: 1000, period: 'DAY'}, apiStages: [{stage: 'prod'}, {stage: 'beta'}]})
    expect(recreated.keys.map((key: {id: string}) => key.id).sort()).toEqual([partner.id, other.id].sort())
  })

  it('without keys, --yes is enough', async () => {
    const planId = await createPlan('delete-empty', [[apiId, 'prod']])
    const refused = await apigw('plans', 'delete', planId)
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('which has no keys? This needs confirmation')
    const deleted = await apigw('plans', 'delete', planId, '--yes')
    expect(deleted.code, deleted.stderr).toBe(0)
    expect(deleted.stdout).toMatch(/^deleted\s+usage plan delete-empty/m)
    expect(await allPlanNames()).not.toContain('delete-empty')
  })
})

describe('plans usage', () => {
  let apiId: string
  let planId: string
  let heavy: {id: string; value: string}
  let light: {id: string; value: string}
  let idle: {id: string; value: string}
  const today = utcDay(Date.now())
  const daysAgo = (days: number) => Date.parse(`${today}T00:00:00Z`) - days * DAY_MS

  /** Sandbox traffic through prod for one hour of a past day, spread over `keys` (as `sandbox traffic --keys` does). */
  const traffic = (day: number, keys: string[], rps: number) =>
    simulateTraffic(sandbox.context, {apiId, stage: 'prod', rps, start: day + 10 * 3_600_000, end: day + 11 * 3_600_000, errorRate: {'4xx': 0, '5xx': 0}, latency: {p50: 40, p99: 350}, cacheHit: 0, keys})

  beforeAll(async () => {
    apiId = await restApi('usage-shop')
    heavy = await createKey('usage-heavy')
    light = await createKey('usage-light')
    idle = await createKey('usage-idle')
    planId = (await clients.rest.send(new CreateUsagePlanCommand({name: 'usage-gold', quota: {limit: 100000, period: 'DAY'}, apiStages: [{apiId, stage: 'prod'}]}))).id!
    for (const keyId of [heavy.id, light.id, idle.id]) await clients.rest.send(new CreateUsagePlanKeyCommand({usagePlanId: planId, keyId, keyType: 'API_KEY'}))
  })

  it('gives each key one entry per UTC day, from --since to today, with what is left of the quota', async () => {
    const threeDaysAgo = traffic(daysAgo(3), [heavy.id], 10)
    const yesterday = traffic(daysAgo(1), [heavy.id, light.id], 2)
    const result = await apigw('plans', 'usage', 'usage-gold', '--since', '5d', '--json')
    expect(result.code, result.stderr).toBe(0)
    const usage = json(result.stdout)
    expect(usage).toMatchObject({usagePlanId: planId, usagePlanName: 'usage-gold', startDate: utcDay(daysAgo(4)), endDate: today, quota: {limit: 100000, period: 'DAY'}})
    expect(usage.keys.map((key: {name: string}) => key.name)).toEqual(['usage-heavy', 'usage-idle', 'usage-light'])
    const [heavyDays, idleDays, lightDays] = usage.keys.map((key: {days: Array<{date: string; used: number}>}) => key.days)
    expect(heavyDays.map((day: {date: string}) => day.date)).toEqual([4, 3, 2, 1, 0].map((days) => utcDay(daysAgo(days))))
    expect(heavyDays[1]).toEqual({date: utcDay(daysAgo(3)), used: threeDaysAgo.requests, remaining: 100000 - threeDaysAgo.requests})
    expect(heavyDays[3].used + lightDays[3].used).toBe(yesterday.requests)
    expect(lightDays[3].used).toBeGreaterThan(0)
    expect(idleDays.every((day: {used: number; remaining: number}) => day.used === 0 && day.remaining === 100000)).toBe(true)

    const table = await apigw('plans', 'usage', 'usage-gold', '--since', '5d')
    expect(table.stdout).toMatch(/^quota\s+100000 a day$/m)
    // The last day is today, with nothing used yet: the whole daily quota is left.
    expect(table.stdout).toMatch(new RegExp(`^${heavy.id}\\s+usage-heavy\\s+${threeDaysAgo.requests + heavyDays[3].used}\\s+0 on ${today}\\s+100000 of 100000 a day\\s+▁█▁[▁-█]▁$`, 'm'))
    expect(table.stdout).toMatch(/^DATE\s+usage-heavy\s+usage-idle\s+usage-light$/m)
    expect(table.stdout).toContain(`${utcDay(daysAgo(3))}  ${threeDaysAgo.requests}/${100000 - threeDaysAgo.requests}`)
    for (const key of [heavy, light, idle]) expect(table.stdout + result.stdout).not.toContain(key.value)
  })

  it('--key keeps one key, by name; a key outside the plan is exit 4', async () => {
    const result = await apigw('plans', 'usage', planId, '--key', 'usage-light', '--since', '2d', '--json')
    expect(result.code, result.stderr).toBe(0)
    expect(json(result.stdout).keys.map((key: {id: string}) => key.id)).toEqual([light.id])

    const stranger = await createKey('usage-stranger')
    const outside = await apigw('plans', 'usage', planId, '--key', stranger.id)
    expect(outside.code).toBe(4)
    expect(outside.stderr).toContain('is not in the usage plan usage-gold')
  })

  it('refuses a bad --since before any AWS call', async () => {
    const result = await offline('plans', 'usage', 'usage-gold', '--since', 'last week')
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('--since "last week" is neither a duration (7d, 36h) nor a date (YYYY-MM-DD)')
  })
})

describe('plans usage after apigw sandbox traffic --keys, against a sandbox in the background', () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'apigw-plans-usage-'))
  const cli = (...args: string[]) => runCli(args, {PATH: process.env.PATH!, HOME: EMPTY_HOME, CI: 'true', APIGW_SANDBOX_DIR: stateDir})
  afterAll(() => cli('sandbox', 'stop'))

  it('counts the requests each key made, named as the operator typed them', async () => {
    const started = await cli('sandbox', 'start', '--detach', '--json')
    expect(started.code, started.stderr).toBe(0)
    const {endpoint} = json(started.stdout)
    const api = await seeder(endpoint).restApi('traffic-shop')
    const {rest} = sdkClients(endpoint)
    const keys = await Promise.all(['traffic-a', 'traffic-b'].map(async (name) => (await rest.send(new CreateApiKeyCommand({name, enabled: true}))).id!))
    const plan = await rest.send(new CreateUsagePlanCommand({name: 'traffic-gold', apiStages: [{apiId: api.id, stage: 'prod'}]}))
    for (const keyId of keys) await rest.send(new CreateUsagePlanKeyCommand({usagePlanId: plan.id, keyId, keyType: 'API_KEY'}))

    const traffic = await cli('sandbox', 'traffic', '--api', 'traffic-shop', '--stage', 'prod', '--duration', '10m', '--rps', '5', '--keys', 'traffic-a,traffic-b', '--json')
    expect(traffic.code, traffic.stderr).toBe(0)
    const {requests} = json(traffic.stdout)
    const usage = await cli('plans', 'usage', 'traffic-gold', '--since', '2d', '--sandbox', '--json')
    expect(usage.code, usage.stderr).toBe(0)
    const used = json(usage.stdout).keys.map((key: {days: Array<{used: number}>}) => key.days.reduce((sum, day) => sum + day.used, 0))
    expect(used.every((count: number) => count > 0)).toBe(true)
    expect(used[0] + used[1]).toBe(requests)

    const unknown = await cli('sandbox', 'traffic', '--api', 'traffic-shop', '--stage', 'prod', '--keys', 'traffic-c')
    expect(unknown.code).toBe(4)
    expect(unknown.stderr).toContain('No API key with id or name "traffic-c"')
  })
})

