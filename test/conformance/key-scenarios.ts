import {
  CreateApiKeyCommand,
  CreateUsagePlanCommand,
  CreateUsagePlanKeyCommand,
  DeleteApiKeyCommand,
  GetApiKeyCommand,
  GetUsagePlanCommand,
  GetUsagePlanKeysCommand,
  GetUsagePlansCommand,
  UpdateApiKeyCommand,
  type CreateApiKeyCommandInput,
} from '@aws-sdk/client-api-gateway'
import {statusOf, type Probe, type Scenario} from './probe.js'

const VALUE = 'conformance-key-value-0123456789'

/** A generated key value differs on every run; what must hold is that it is a valid key value. */
const GENERATED = 'generated, 20-128 characters'

async function createKey(probe: Probe, input: CreateApiKeyCommandInput) {
  const key = await probe.rest.send(new CreateApiKeyCommand(input))
  probe.label(key.id, 'key')
  if (!input.value && key.value && key.value.length >= 20 && key.value.length <= 128) probe.label(key.value, GENERATED)
  return key
}

const keyFailure = (probe: Probe, input: CreateApiKeyCommandInput) => probe.failure(probe.rest.send(new CreateApiKeyCommand(input)))

const UNKNOWN_KEY = {error: 'NotFoundException', status: 404, message: 'Invalid API Key identifier specified'}

// docs/aws-behaviour.md#usage-plan-shape-and-patch-paths: a plan's throttle rate is a float, its quota carries its offset.
const GOLD_PLAN = {
  id: '<plan>',
  name: 'gold',
  apiStages: [],
  throttle: {burstLimit: 100, rateLimit: 2.5},
  quota: {limit: 1000, offset: 0, period: 'MONTH'},
}

export const keyScenarios: Scenario[] = [
  {
    name: 'CreateApiKey with nothing: disabled, no name key, a generated value',
    aws: {
      status: 201,
      key: {id: '<key>', value: `<${GENERATED}>`, enabled: false, createdDate: '<date>', lastUpdatedDate: '<date>', stageKeys: []},
    },
    async run(probe) {
      const key = await createKey(probe, {})
      return {status: statusOf(key), key: probe.observe(key)}
    },
  },
  {
    name: 'CreateApiKey with a value, name, description, customer and enabled',
    async run(probe) {
      const key = await createKey(probe, {name: 'partner', description: 'for the partner', customerId: 'cust-1', enabled: true, value: VALUE})
      return probe.observe(key)
    },
  },
  {
    name: 'GetApiKey leaves the value out unless includeValue',
    async run(probe) {
      const {id} = await createKey(probe, {name: 'partner', value: VALUE})
      return {
        plain: probe.observe(await probe.rest.send(new GetApiKeyCommand({apiKey: id}))),
        withValue: probe.observe(await probe.rest.send(new GetApiKeyCommand({apiKey: id, includeValue: true}))),
      }
    },
  },
  {
    name: 'CreateApiKey rejects a value under 20 characters',
    aws: {error: 'BadRequestException', status: 400, message: 'API Key value should be at least 20 characters'},
    run: (probe) => keyFailure(probe, {name: 'short', value: 'a'.repeat(19)}),
  },
  {
    name: 'CreateApiKey rejects a value over 128 characters',
    motoDiffers: 'moto accepts a value of any length',
    aws: {error: 'BadRequestException', status: 400, message: 'API Key value exceeds maximum size of 128 characters'},
    run: (probe) => keyFailure(probe, {name: 'long', value: 'a'.repeat(129)}),
  },
  {
    name: 'CreateApiKey rejects a name over 1024 characters',
    motoDiffers: 'moto accepts a name of any length',
    aws: {error: 'BadRequestException', status: 400, message: 'Invalid API Key name, can be at most 1024 characters.'},
    run: (probe) => keyFailure(probe, {name: 'n'.repeat(1025)}),
  },
  {
    name: 'CreateApiKey rejects a value another key has',
    aws: {error: 'ConflictException', status: 409, message: 'API Key already exists'},
    async run(probe) {
      await createKey(probe, {name: 'first', value: VALUE})
      return keyFailure(probe, {name: 'second', value: VALUE})
    },
  },
  {
    name: 'GetApiKey and DeleteApiKey on an unknown key are 404s',
    aws: {get: UNKNOWN_KEY, delete: UNKNOWN_KEY},
    async run(probe) {
      const apiKey = 'abcde12345'
      return {
        get: await probe.failure(probe.rest.send(new GetApiKeyCommand({apiKey}))),
        delete: await probe.failure(probe.rest.send(new DeleteApiKeyCommand({apiKey}))),
      }
    },
  },
  {
    name: 'CreateUsagePlan with throttle and quota, then GetUsagePlan',
    motoDiffers: 'moto leaves tags out of GetUsagePlan',
    // docs/aws-behaviour.md#a-single-resource-read-or-update-always-shows-tags
    aws: {status: 201, created: GOLD_PLAN, fetched: {...GOLD_PLAN, tags: {}}},
    async run(probe) {
      const created = await probe.rest.send(
        new CreateUsagePlanCommand({
          name: 'gold',
          throttle: {burstLimit: 100, rateLimit: 2.5},
          quota: {limit: 1000, offset: 0, period: 'MONTH'},
        }),
      )
      probe.label(created.id, 'plan')
      const fetched = await probe.rest.send(new GetUsagePlanCommand({usagePlanId: created.id}))
      return {status: statusOf(created), created: probe.observe(created), fetched: probe.observe(fetched)}
    },
  },
  {
    name: 'CreateUsagePlan with only a name and a description',
    async run(probe) {
      const created = await probe.rest.send(new CreateUsagePlanCommand({name: 'free', description: 'no limits yet'}))
      probe.label(created.id, 'plan')
      return probe.observe(created)
    },
  },
  {
    name: 'GetUsagePlans with keyId lists only the plans that key is in',
    async run(probe) {
      const key = await createKey(probe, {name: 'partner'})
      const plans = []
      for (const name of ['gold', 'silver']) {
        const plan = await probe.rest.send(new CreateUsagePlanCommand({name}))
        plans.push(probe.label(plan.id!, `plan ${name}`))
      }
      await probe.rest.send(new CreateUsagePlanKeyCommand({usagePlanId: plans[0], keyId: key.id, keyType: 'API_KEY'}))
      const {items = []} = await probe.rest.send(new GetUsagePlansCommand({keyId: key.id}))
      return probe.observe(items)
    },
  },
  {
    name: 'GetUsagePlanKeys on an unknown plan is an empty list',
    aws: [],
    async run(probe) {
      const {items} = await probe.rest.send(new GetUsagePlanKeysCommand({usagePlanId: 'abcde12345'}))
      return probe.observe(items)
    },
  },
  {
    name: 'GetUsagePlan on an unknown plan is a 404',
    aws: {error: 'NotFoundException', status: 404, message: 'Invalid Usage Plan ID specified'},
    run: (probe) => probe.failure(probe.rest.send(new GetUsagePlanCommand({usagePlanId: 'abcde12345'}))),
  },
  {
    // apigw keys enable/disable (docs/aws-behaviour.md#an-api-key-is-patched-on-four-paths: the response omits the value).
    name: 'UpdateApiKey replace /enabled switches the key; the answer has no value',
    motoDiffers: 'moto answers UpdateApiKey with the value',
    aws: {updated: {enabled: true, hasValue: false}, read: {enabled: true}},
    async run(probe) {
      const {id} = await createKey(probe, {name: 'partner', value: VALUE})
      const updated = await probe.rest.send(new UpdateApiKeyCommand({apiKey: id, patchOperations: [{op: 'replace', path: '/enabled', value: 'true'}]}))
      const read = await probe.rest.send(new GetApiKeyCommand({apiKey: id}))
      return {updated: {enabled: updated.enabled, hasValue: updated.value !== undefined}, read: {enabled: read.enabled}}
    },
  },
  {
    // apigw keys delete tells the operator the key leaves its plans (docs/aws-behaviour.md#deleting-an-api-key-removes-it-from-every-usage-plan).
    name: 'DeleteApiKey removes the key from every usage plan',
    motoDiffers: 'moto keeps a deleted key in its usage plans',
    aws: {status: 202, planKeys: []},
    async run(probe) {
      const {id} = await createKey(probe, {name: 'partner', value: VALUE})
      const plan = await probe.rest.send(new CreateUsagePlanCommand({name: 'gold'}))
      await probe.rest.send(new CreateUsagePlanKeyCommand({usagePlanId: plan.id, keyId: id, keyType: 'API_KEY'}))
      const deleted = await probe.rest.send(new DeleteApiKeyCommand({apiKey: id}))
      const {items = []} = await probe.rest.send(new GetUsagePlanKeysCommand({usagePlanId: plan.id}))
      return {status: statusOf(deleted), planKeys: items.map((key) => key.id)}
    },
  },
]
