import {
  CreateApiKeyCommand,
  CreateUsagePlanCommand,
  CreateUsagePlanKeyCommand,
  DeleteUsagePlanCommand,
  DeleteUsagePlanKeyCommand,
  GetUsageCommand,
  GetUsagePlanCommand,
  GetUsagePlanKeyCommand,
  GetUsagePlanKeysCommand,
  GetUsagePlansCommand,
  UpdateUsagePlanCommand,
  type APIGatewayClient,
  type QuotaSettings,
  type QuotaPeriodType,
} from '@aws-sdk/client-api-gateway'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {TABLES, type UsageRecord} from '../../packages/sandbox/src/model.js'
import {sdkClients, startTestSandbox, type Sandbox} from '../helpers/sandbox.js'
import {seedRestApi, seedRestStage} from '../helpers/sandbox-seed.js'
import {failure} from './sdk-failure.js'

describe('sandbox usage plans (docs/aws-behaviour.md#usage-plans)', () => {
  let sandbox: Sandbox
  let rest: APIGatewayClient
  beforeEach(async () => {
    sandbox = await startTestSandbox()
    rest = sdkClients(sandbox.endpoint).rest
    for (const stage of ['prod', 'beta']) seedStage('api1', stage)
    seedStage('api2', 'prod')
  })
  afterEach(() => sandbox.stop())

  /** REST APIs and stages are another service's; put their records straight into the store. */
  function seedStage(apiId: string, stageName: string) {
    const {store} = sandbox.context
    const now = Date.now()
    seedRestApi(store, {id: apiId, createdDate: now})
    seedRestStage(store, {apiId, stageName, deploymentId: 'dep1', createdDate: now})
  }

  const createPlan = async (name: string, stages: string[] = [], quota?: QuotaSettings) =>
    (
      await rest.send(
        new CreateUsagePlanCommand({
          name,
          apiStages: stages.map((apiStage) => ({apiId: apiStage.split(':')[0], stage: apiStage.split(':')[1]})),
          quota,
        }),
      )
    ).id!
  const createKey = async (name: string) => (await rest.send(new CreateApiKeyCommand({name}))).id!
  const addKey = (usagePlanId: string, keyId: string) => rest.send(new CreateUsagePlanKeyCommand({usagePlanId, keyId, keyType: 'API_KEY'}))

  describe('CreateUsagePlan', () => {
    it('answers 201 with id, name, apiStages, throttle and quota', async () => {
      const plan = await rest.send(
        new CreateUsagePlanCommand({
          name: 'gold',
          description: 'paying customers',
          apiStages: [{apiId: 'api1', stage: 'prod'}],
          throttle: {burstLimit: 100, rateLimit: 50.5},
          quota: {limit: 10000, offset: 0, period: 'MONTH'},
        }),
      )
      expect(plan.$metadata.httpStatusCode).toBe(201)
      expect(plan).toMatchObject({
        name: 'gold',
        description: 'paying customers',
        apiStages: [{apiId: 'api1', stage: 'prod'}],
        throttle: {burstLimit: 100, rateLimit: 50.5},
        quota: {limit: 10000, offset: 0, period: 'MONTH'},
      })
      expect(plan.id).toMatch(/^[a-z0-9]{6}$/)
      expect(await rest.send(new GetUsagePlanCommand({usagePlanId: plan.id}))).toMatchObject({id: plan.id, name: 'gold', apiStages: [{apiId: 'api1', stage: 'prod'}]})
    })

    it('refuses an unknown API (404), an unknown stage (400) and a blank API stage (AWS text, placeholders included)', async () => {
      expect(await failure(rest.send(new CreateUsagePlanCommand({name: 'p', apiStages: [{apiId: 'nope', stage: 'prod'}]})))).toEqual({
        name: 'NotFoundException',
        status: 404,
        message: 'Invalid API identifier specified 123456789012:nope',
      })
      expect(await failure(rest.send(new CreateUsagePlanCommand({name: 'p', apiStages: [{apiId: 'api1', stage: 'gamma'}]})))).toEqual({
        name: 'BadRequestException',
        status: 400,
        message: 'API Stage not found: api1:gamma',
      })
      expect(await failure(rest.send(new CreateUsagePlanCommand({name: 'p', apiStages: [{apiId: '', stage: 'prod'}]})))).toEqual({
        name: 'BadRequestException',
        status: 400,
        message: 'Invalid API Stage {api: %s, stage: %s} specified for usageplan %s',
      })
      expect(await failure(rest.send(new CreateUsagePlanCommand({name: 'p', quota: {limit: 5, period: 'YEAR' as QuotaPeriodType}})))).toMatchObject({
        status: 400,
        message: 'Invalid quota period specified: YEAR. Must be one of: [DAY, WEEK, MONTH]',
      })
    })
  })

  describe('GetUsagePlan(s)', () => {
    it('answers 404 for an unknown plan', async () => {
      expect(await failure(rest.send(new GetUsagePlanCommand({usagePlanId: 'nope00'})))).toEqual({
        name: 'NotFoundException',
        status: 404,
        message: 'Invalid Usage Plan ID specified',
      })
    })

    it('pages by limit and position, and lists only the plans a key is in with keyId', async () => {
      const ids = [await createPlan('a'), await createPlan('b'), await createPlan('c')]
      const first = await rest.send(new GetUsagePlansCommand({limit: 2}))
      expect(first.items!.map((plan) => plan.id)).toEqual(ids.slice(0, 2))
      const second = await rest.send(new GetUsagePlansCommand({limit: 2, position: first.position}))
      expect(second.items!.map((plan) => plan.id)).toEqual([ids[2]])
      expect(second.position).toBeUndefined()

      const keyId = await createKey('k')
      await addKey(ids[0], keyId)
      await addKey(ids[2], keyId)
      expect((await rest.send(new GetUsagePlansCommand({keyId}))).items!.map((plan) => plan.name)).toEqual(['a', 'c'])
    })
  })

  describe('UpdateUsagePlan', () => {
    it('replaces name, description, throttle and quota, and adds and removes API stages', async () => {
      const usagePlanId = await createPlan('old', ['api1:prod'])
      const plan = await rest.send(
        new UpdateUsagePlanCommand({
          usagePlanId,
          patchOperations: [
            {op: 'replace', path: '/name', value: 'new'},
            {op: 'replace', path: '/description', value: 'described'},
            {op: 'replace', path: '/throttle/burstLimit', value: '20'},
            {op: 'replace', path: '/throttle/rateLimit', value: '10.5'},
            {op: 'replace', path: '/quota/limit', value: '500'},
            {op: 'replace', path: '/quota/period', value: 'WEEK'},
            {op: 'add', path: '/apiStages', value: 'api2:prod'},
            {op: 'remove', path: '/apiStages', value: 'api1:prod'},
          ],
        }),
      )
      expect(plan).toMatchObject({
        name: 'new',
        description: 'described',
        throttle: {burstLimit: 20, rateLimit: 10.5},
        quota: {limit: 500, offset: 0, period: 'WEEK'},
        apiStages: [{apiId: 'api2', stage: 'prod'}],
      })
    })

    it('removes the whole throttle and the whole quota', async () => {
      const usagePlanId = (
        await rest.send(new CreateUsagePlanCommand({name: 'limited', throttle: {burstLimit: 10, rateLimit: 5}, quota: {limit: 100, period: 'DAY'}}))
      ).id!
      const plan = await rest.send(
        new UpdateUsagePlanCommand({usagePlanId, patchOperations: [{op: 'remove', path: '/throttle'}, {op: 'remove', path: '/quota'}]}),
      )
      expect(plan.throttle).toBeUndefined()
      expect(plan.quota).toBeUndefined()
      expect(await rest.send(new GetUsagePlanCommand({usagePlanId}))).not.toHaveProperty('quota')
    })

    it('refuses other paths, unknown stages and unknown plans', async () => {
      const usagePlanId = await createPlan('p')
      expect(await failure(rest.send(new UpdateUsagePlanCommand({usagePlanId, patchOperations: [{op: 'replace', path: '/quota/offset', value: '1'}]})))).toEqual({
        name: 'BadRequestException',
        status: 400,
        message:
          "Invalid patch path  '/quota/offset' specified for op 'replace'. Must be one of: [/name, /description, /throttle/burstLimit, /throttle/rateLimit, /quota/limit, /quota/period]",
      })
      expect(await failure(rest.send(new UpdateUsagePlanCommand({usagePlanId, patchOperations: [{op: 'add', path: '/apiStages', value: 'api1:gamma'}]})))).toMatchObject({
        status: 400,
        message: 'API Stage not found: api1:gamma',
      })
      expect(await failure(rest.send(new UpdateUsagePlanCommand({usagePlanId: 'nope00', patchOperations: []})))).toMatchObject({
        status: 404,
        message: 'Invalid Usage Plan ID specified',
      })
    })

    it('refuses to add a stage that one of its keys already has through another plan', async () => {
      const keyId = await createKey('k')
      const gold = await createPlan('gold', ['api1:prod'])
      const silver = await createPlan('silver')
      await addKey(gold, keyId)
      await addKey(silver, keyId)
      expect(await failure(rest.send(new UpdateUsagePlanCommand({usagePlanId: silver, patchOperations: [{op: 'add', path: '/apiStages', value: 'api1:prod'}]})))).toEqual({
        name: 'ConflictException',
        status: 409,
        message: `Usage Plan ${silver} cannot be added because API Key ${keyId} cannot reference multiple Usage Plans with the same API Stage: api1:prod`,
      })
    })
  })

  it('DeleteUsagePlan refuses a plan that still names API stages', async () => {
    const usagePlanId = await createPlan('p', ['api1:prod', 'api2:prod'])
    expect(await failure(rest.send(new DeleteUsagePlanCommand({usagePlanId})))).toEqual({
      name: 'BadRequestException',
      status: 400,
      message: `Cannot delete Usage Plan ${usagePlanId} because there are API Stages associated with it, including api1:prod`,
    })
    expect((await rest.send(new GetUsagePlanCommand({usagePlanId}))).apiStages).toHaveLength(2)
  })

  it('DeleteUsagePlan answers 202 and forgets the plan and its keys', async () => {
    const usagePlanId = await createPlan('p')
    const keyId = await createKey('k')
    await addKey(usagePlanId, keyId)
    expect((await rest.send(new DeleteUsagePlanCommand({usagePlanId}))).$metadata.httpStatusCode).toBe(202)
    expect(await failure(rest.send(new GetUsagePlanCommand({usagePlanId})))).toMatchObject({status: 404})
    expect((await rest.send(new GetUsagePlansCommand({keyId}))).items).toEqual([])
  })

  describe('usage plan keys', () => {
    it('CreateUsagePlanKey answers 201 {id, name, type, value}, and 409 for the same key twice', async () => {
      const usagePlanId = await createPlan('p', ['api1:prod'])
      const key = await rest.send(new CreateApiKeyCommand({name: 'k', value: 'v'.repeat(30)}))
      const planKey = await addKey(usagePlanId, key.id!)
      expect(planKey.$metadata.httpStatusCode).toBe(201)
      expect(planKey).toMatchObject({id: key.id, name: 'k', type: 'API_KEY', value: 'v'.repeat(30)})
      expect(await failure(addKey(usagePlanId, key.id!))).toEqual({
        name: 'ConflictException',
        status: 409,
        message: `API Key ${key.id} is already in Usage Plan ${usagePlanId}`,
      })
    })

    it('lets a key join many plans but only one plan per API stage', async () => {
      const keyId = await createKey('k')
      const prod = await createPlan('prod', ['api1:prod'])
      const beta = await createPlan('beta', ['api1:beta', 'api2:prod'])
      const prodAgain = await createPlan('prod-again', ['api1:PROD'])
      await addKey(prod, keyId)
      await addKey(beta, keyId)
      expect(await failure(addKey(prodAgain, keyId))).toEqual({
        name: 'ConflictException',
        status: 409,
        message: `Usage Plan ${prodAgain} cannot be added because API Key ${keyId} cannot reference multiple Usage Plans with the same API Stage: api1:prod`,
      })
    })

    it('refuses an eleventh plan for one key', async () => {
      const keyId = await createKey('k')
      for (let i = 0; i < 10; i++) await addKey(await createPlan(`p${i}`), keyId)
      const eleventh = await createPlan('p10')
      expect(await failure(addKey(eleventh, keyId))).toEqual({
        name: 'BadRequestException',
        status: 400,
        message: `API Key ${keyId} cannot be added to Usage Plan ${eleventh}: a key can be in at most 10 Usage Plans`,
      })
    })

    it('refuses unknown keys, unknown plans and other key types', async () => {
      const usagePlanId = await createPlan('p')
      const keyId = await createKey('k')
      expect(await failure(addKey(usagePlanId, 'nokey12345'))).toMatchObject({status: 404, message: 'Invalid API Key identifier specified'})
      expect(await failure(addKey('nope00', keyId))).toMatchObject({status: 404, message: 'Invalid Usage Plan ID specified'})
      expect(await failure(rest.send(new CreateUsagePlanKeyCommand({usagePlanId, keyId, keyType: 'COGNITO'})))).toMatchObject({
        status: 400,
        message: 'Invalid Usage Plan Key type specified: COGNITO. Must be one of: [API_KEY]',
      })
    })

    it('GetUsagePlanKeys answers 200 with no items for an unknown plan, lists newest first, filters by name prefix and pages (docs/aws-behaviour.md#usage-plan-keys-are-listed-newest-first)', async () => {
      expect((await rest.send(new GetUsagePlanKeysCommand({usagePlanId: 'nope00'}))).items).toEqual([])
      const usagePlanId = await createPlan('p')
      for (const name of ['web-1', 'web-2', 'app-1']) await addKey(usagePlanId, await createKey(name))
      expect((await rest.send(new GetUsagePlanKeysCommand({usagePlanId, nameQuery: 'web'}))).items!.map((key) => key.name)).toEqual(['web-2', 'web-1'])
      const first = await rest.send(new GetUsagePlanKeysCommand({usagePlanId, limit: 2}))
      const second = await rest.send(new GetUsagePlanKeysCommand({usagePlanId, limit: 2, position: first.position}))
      expect([...first.items!, ...second.items!].map((key) => key.name)).toEqual(['app-1', 'web-2', 'web-1'])
      expect(second.position).toBeUndefined()
    })

    it('GetUsagePlanKey and DeleteUsagePlanKey find a member key, then 404 once it is gone', async () => {
      const usagePlanId = await createPlan('p')
      const keyId = await createKey('k')
      await addKey(usagePlanId, keyId)
      expect(await rest.send(new GetUsagePlanKeyCommand({usagePlanId, keyId}))).toMatchObject({id: keyId, name: 'k', type: 'API_KEY'})
      expect((await rest.send(new DeleteUsagePlanKeyCommand({usagePlanId, keyId}))).$metadata.httpStatusCode).toBe(202)
      expect(await failure(rest.send(new GetUsagePlanKeyCommand({usagePlanId, keyId})))).toEqual({
        name: 'NotFoundException',
        status: 404,
        message: 'Invalid API Key identifier specified',
      })
      expect(await failure(rest.send(new DeleteUsagePlanKeyCommand({usagePlanId, keyId})))).toMatchObject({status: 404})
    })
  })

  describe('GetUsage', () => {
    /** What the traffic simulator would have written. */
    function recordUsage(keyId: string, apiId: string, stage: string, day: string, requests: number) {
      sandbox.context.store.put<UsageRecord>(TABLES.usage, `${keyId}/${apiId}/${stage.toLowerCase()}/${day}`, {keyId, apiId, stage, day, requests})
    }

    it('sums each day over the plan stages and counts down a daily quota', async () => {
      const usagePlanId = await createPlan('p', ['api1:prod', 'api2:prod'], {limit: 100, period: 'DAY'})
      const keyId = await createKey('k')
      await addKey(usagePlanId, keyId)
      recordUsage(keyId, 'api1', 'prod', '2024-05-01', 30)
      recordUsage(keyId, 'api2', 'prod', '2024-05-01', 5)
      recordUsage(keyId, 'api1', 'beta', '2024-05-01', 1000) // not a stage of this plan
      recordUsage(keyId, 'api1', 'prod', '2024-05-03', 120)
      const usage = await rest.send(new GetUsageCommand({usagePlanId, startDate: '2024-05-01', endDate: '2024-05-03'}))
      expect(usage).toMatchObject({usagePlanId, startDate: '2024-05-01', endDate: '2024-05-03'})
      expect(usage.items).toEqual({
        [keyId]: [
          [35, 65],
          [0, 100],
          [120, 0],
        ],
      })
    })

    it('counts weekly (from Monday) and monthly quotas from the start of the period', async () => {
      const weekly = await createPlan('weekly', ['api1:prod'], {limit: 100, period: 'WEEK'})
      const monthly = await createPlan('monthly', ['api1:beta'], {limit: 1000, period: 'MONTH'})
      const keyId = await createKey('k')
      await addKey(weekly, keyId)
      await addKey(monthly, keyId)
      // 2024-05-06 is a Monday.
      recordUsage(keyId, 'api1', 'prod', '2024-05-06', 40)
      recordUsage(keyId, 'api1', 'prod', '2024-05-07', 10)
      recordUsage(keyId, 'api1', 'prod', '2024-05-13', 5)
      recordUsage(keyId, 'api1', 'beta', '2024-05-02', 600)
      recordUsage(keyId, 'api1', 'beta', '2024-05-07', 300)
      const week = await rest.send(new GetUsageCommand({usagePlanId: weekly, startDate: '2024-05-07', endDate: '2024-05-13'}))
      expect(week.items![keyId]).toEqual([[10, 50], [0, 50], [0, 50], [0, 50], [0, 50], [0, 50], [5, 95]])
      const month = await rest.send(new GetUsageCommand({usagePlanId: monthly, startDate: '2024-05-07', endDate: '2024-05-07'}))
      expect(month.items![keyId]).toEqual([[300, 100]])
    })

    it('answers remaining 0 when the plan has no quota', async () => {
      const usagePlanId = await createPlan('p', ['api1:prod'])
      const keyId = await createKey('k')
      await addKey(usagePlanId, keyId)
      recordUsage(keyId, 'api1', 'prod', '2024-05-01', 7)
      expect((await rest.send(new GetUsageCommand({usagePlanId, startDate: '2024-05-01', endDate: '2024-05-01'}))).items).toEqual({[keyId]: [[7, 0]]})
    })

    it('filters by keyId, pages over keys, and refuses keys outside the plan', async () => {
      const usagePlanId = await createPlan('p', ['api1:prod'], {limit: 10, period: 'DAY'})
      const keys = [await createKey('a'), await createKey('b'), await createKey('c')]
      for (const keyId of keys) await addKey(usagePlanId, keyId)
      const range = {usagePlanId, startDate: '2024-05-01', endDate: '2024-05-01'}
      expect(Object.keys((await rest.send(new GetUsageCommand({...range, keyId: keys[1]}))).items!)).toEqual([keys[1]])
      const first = await rest.send(new GetUsageCommand({...range, limit: 2}))
      const second = await rest.send(new GetUsageCommand({...range, limit: 2, position: first.position}))
      expect([...Object.keys(first.items!), ...Object.keys(second.items!)]).toEqual(keys)
      expect(second.position).toBeUndefined()
      const outsider = await createKey('outsider')
      expect(await failure(rest.send(new GetUsageCommand({...range, keyId: outsider})))).toEqual({
        name: 'NotFoundException',
        status: 404,
        message: 'Invalid Key identifier specified',
      })
    })

    it('validates the dates and the plan', async () => {
      const usagePlanId = await createPlan('p')
      expect(await failure(rest.send(new GetUsageCommand({usagePlanId, startDate: '2024-5-1', endDate: '2024-05-02'})))).toEqual({
        name: 'BadRequestException',
        status: 400,
        message: "Invalid startDate '2024-5-1': use a date as YYYY-MM-DD",
      })
      expect(await failure(rest.send(new GetUsageCommand({usagePlanId, startDate: '2024-05-01', endDate: '2024-02-30'})))).toMatchObject({
        status: 400,
        message: "Invalid endDate '2024-02-30': use a date as YYYY-MM-DD",
      })
      expect(await failure(rest.send(new GetUsageCommand({usagePlanId, startDate: '2024-05-03', endDate: '2024-05-02'})))).toEqual({
        name: 'BadRequestException',
        status: 400,
        message: 'Invalid date range: startDate 2024-05-03 is after endDate 2024-05-02',
      })
      expect(await failure(rest.send(new GetUsageCommand({usagePlanId: 'nope00', startDate: '2024-05-01', endDate: '2024-05-02'})))).toMatchObject({
        status: 404,
        message: 'Invalid Usage Plan ID specified',
      })
    })
  })
})
