import {
  CreateApiKeyCommand,
  CreateUsagePlanCommand,
  CreateUsagePlanKeyCommand,
  DeleteApiKeyCommand,
  GetApiKeyCommand,
  GetApiKeysCommand,
  GetUsagePlanKeysCommand,
  GetUsagePlansCommand,
  ImportApiKeysCommand,
  UpdateApiKeyCommand,
  type APIGatewayClient,
  type PatchOperation,
} from '@aws-sdk/client-api-gateway'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {sdkClients, startTestSandbox, type Sandbox} from '../helpers/sandbox.js'
import {failure} from './sdk-failure.js'

const VALUE = 'abcdefghij0123456789abcdefghij'

describe('sandbox API keys (docs/aws-behaviour.md#api-keys)', () => {
  let sandbox: Sandbox
  let rest: APIGatewayClient
  beforeEach(async () => {
    sandbox = await startTestSandbox()
    rest = sdkClients(sandbox.endpoint).rest
  })
  afterEach(() => sandbox.stop())

  /** Keys named key-0, key-1, … created in that order. */
  async function createKeys(count: number, fields: {customerId?: string} = {}) {
    const ids: string[] = []
    for (let i = 0; i < count; i++) ids.push((await rest.send(new CreateApiKeyCommand({name: `key-${i}`, ...fields}))).id!)
    return ids
  }

  describe('CreateApiKey', () => {
    it('answers 201 with a disabled key, a generated 40-character value, no name key and empty stageKeys', async () => {
      const key = await rest.send(new CreateApiKeyCommand({}))
      expect(key.$metadata.httpStatusCode).toBe(201)
      expect(key.id).toMatch(/^[a-z0-9]{10}$/)
      expect(key.enabled).toBe(false)
      expect(key.value).toMatch(/^[A-Za-z0-9]{40}$/)
      expect(key.stageKeys).toEqual([])
      expect(key.createdDate).toBeInstanceOf(Date)
      expect(key.lastUpdatedDate).toEqual(key.createdDate)
      expect(key).not.toHaveProperty('name')
    })

    it('keeps a supplied value, name, description, customerId, enabled flag and stageKeys', async () => {
      const key = await rest.send(
        new CreateApiKeyCommand({
          name: 'partner',
          description: 'for the partner',
          customerId: 'cust-1',
          enabled: true,
          value: VALUE,
          stageKeys: [{restApiId: 'a1b2c3', stageName: 'prod'}],
        }),
      )
      expect(key).toMatchObject({name: 'partner', description: 'for the partner', customerId: 'cust-1', enabled: true, value: VALUE, stageKeys: ['a1b2c3/prod']})
    })

    it('refuses values shorter than 20 or longer than 128 characters and names over 1024, in AWS words', async () => {
      expect(await failure(rest.send(new CreateApiKeyCommand({value: 'x'.repeat(19)})))).toEqual({
        name: 'BadRequestException',
        status: 400,
        message: 'API Key value should be at least 20 characters',
      })
      expect(await failure(rest.send(new CreateApiKeyCommand({value: 'x'.repeat(129)})))).toEqual({
        name: 'BadRequestException',
        status: 400,
        message: 'API Key value exceeds maximum size of 128 characters',
      })
      expect(await failure(rest.send(new CreateApiKeyCommand({name: 'n'.repeat(1025)})))).toEqual({
        name: 'BadRequestException',
        status: 400,
        message: 'Invalid API Key name, can be at most 1024 characters.',
      })
      await expect(rest.send(new CreateApiKeyCommand({name: 'n'.repeat(1024), value: 'x'.repeat(20)}))).resolves.toBeDefined()
      await expect(rest.send(new CreateApiKeyCommand({value: 'y'.repeat(128)}))).resolves.toBeDefined()
    })

    it('refuses a value that another key already has with 409', async () => {
      await rest.send(new CreateApiKeyCommand({value: VALUE}))
      expect(await failure(rest.send(new CreateApiKeyCommand({value: VALUE})))).toEqual({name: 'ConflictException', status: 409, message: 'API Key already exists'})
    })
  })

  describe('GetApiKey', () => {
    it('shows the value only with includeValue', async () => {
      const {id} = await rest.send(new CreateApiKeyCommand({name: 'k', value: VALUE}))
      expect((await rest.send(new GetApiKeyCommand({apiKey: id}))).value).toBeUndefined()
      expect((await rest.send(new GetApiKeyCommand({apiKey: id, includeValue: true}))).value).toBe(VALUE)
    })

    it('answers 404 for an unknown key', async () => {
      expect(await failure(rest.send(new GetApiKeyCommand({apiKey: 'nokey12345'})))).toEqual({
        name: 'NotFoundException',
        status: 404,
        message: 'Invalid API Key identifier specified',
      })
    })
  })

  describe('GetApiKeys', () => {
    it('pages newest first by position, 25 to a page by default', async () => {
      const ids = await createKeys(27)
      const first = await rest.send(new GetApiKeysCommand({}))
      expect(first.items!.map((key) => key.id)).toEqual(ids.slice(2).reverse())
      expect(first.position).toBeDefined()
      const second = await rest.send(new GetApiKeysCommand({position: first.position}))
      expect(second.items!.map((key) => key.id)).toEqual([ids[1], ids[0]])
      expect(second.position).toBeUndefined()
    })

    it('honours limit across pages and refuses a limit over 500', async () => {
      const ids = await createKeys(5)
      const seen: string[] = []
      let position: string | undefined
      do {
        const page = await rest.send(new GetApiKeysCommand({limit: 2, position}))
        expect(page.items!.length).toBeLessThanOrEqual(2)
        seen.push(...page.items!.map((key) => key.id!))
        position = page.position
      } while (position)
      expect(seen).toEqual([...ids].reverse())
      expect(await failure(rest.send(new GetApiKeysCommand({limit: 501})))).toMatchObject({name: 'BadRequestException', status: 400})
    })

    it('resumes after a page whose keys were deleted meanwhile', async () => {
      const ids = await createKeys(5)
      const first = await rest.send(new GetApiKeysCommand({limit: 2}))
      for (const key of first.items!) await rest.send(new DeleteApiKeyCommand({apiKey: key.id}))
      const second = await rest.send(new GetApiKeysCommand({limit: 2, position: first.position}))
      expect(second.items!.map((key) => key.id)).toEqual([ids[2], ids[1]])
    })

    it('shows values only with includeValues', async () => {
      await rest.send(new CreateApiKeyCommand({value: VALUE}))
      expect((await rest.send(new GetApiKeysCommand({}))).items![0].value).toBeUndefined()
      expect((await rest.send(new GetApiKeysCommand({includeValues: true}))).items![0].value).toBe(VALUE)
    })

    it('filters by a case-sensitive name prefix and by customerId', async () => {
      for (const name of ['Prod-web', 'prod-app', 'prod-api', 'dev-prod']) await rest.send(new CreateApiKeyCommand({name}))
      const named = async (nameQuery: string) => (await rest.send(new GetApiKeysCommand({nameQuery}))).items!.map((key) => key.name)
      expect(await named('prod')).toEqual(['prod-api', 'prod-app'])
      expect(await named('Prod')).toEqual(['Prod-web'])
      await createKeys(2, {customerId: 'acme'})
      const forAcme = (await rest.send(new GetApiKeysCommand({customerId: 'acme'}))).items!
      expect(forAcme.map((key) => key.name)).toEqual(['key-1', 'key-0'])
    })
  })

  describe('UpdateApiKey', () => {
    it('replaces /description, /enabled, /name and /customerId and answers without the value', async () => {
      const {id, createdDate} = await rest.send(new CreateApiKeyCommand({name: 'old', value: VALUE}))
      const updated = await rest.send(
        new UpdateApiKeyCommand({
          apiKey: id,
          patchOperations: [
            {op: 'replace', path: '/description', value: 'rotated'},
            {op: 'replace', path: '/enabled', value: 'true'},
            {op: 'replace', path: '/name', value: 'new'},
            {op: 'replace', path: '/customerId', value: 'cust-9'},
          ],
        }),
      )
      expect(updated).toMatchObject({id, name: 'new', description: 'rotated', enabled: true, customerId: 'cust-9', createdDate})
      expect(updated.value).toBeUndefined()
      expect((await rest.send(new GetApiKeyCommand({apiKey: id, includeValue: true}))).value).toBe(VALUE)
    })

    it('refuses any other path with AWS message (two spaces after "path") and changes nothing', async () => {
      const {id} = await rest.send(new CreateApiKeyCommand({name: 'keep'}))
      const patch: PatchOperation[] = [
        {op: 'replace', path: '/name', value: 'changed'},
        {op: 'replace', path: '/value', value: VALUE},
      ]
      expect(await failure(rest.send(new UpdateApiKeyCommand({apiKey: id, patchOperations: patch})))).toEqual({
        name: 'BadRequestException',
        status: 400,
        message: "Invalid patch path  '/value' specified for op 'replace'. Must be one of: [/description, /enabled, /name, /customerId]",
      })
      expect((await rest.send(new GetApiKeyCommand({apiKey: id}))).name).toBe('keep')
    })

    it('answers 404 for an unknown key', async () => {
      expect(await failure(rest.send(new UpdateApiKeyCommand({apiKey: 'nokey12345', patchOperations: []})))).toMatchObject({
        status: 404,
        message: 'Invalid API Key identifier specified',
      })
    })
  })

  describe('DeleteApiKey', () => {
    it('answers 202 and removes the key from every usage plan', async () => {
      const {id} = await rest.send(new CreateApiKeyCommand({name: 'gone'}))
      const {id: keep} = await rest.send(new CreateApiKeyCommand({name: 'kept'}))
      const plans = [(await rest.send(new CreateUsagePlanCommand({name: 'gold'}))).id!, (await rest.send(new CreateUsagePlanCommand({name: 'silver'}))).id!]
      for (const usagePlanId of plans)
        for (const keyId of [id, keep]) await rest.send(new CreateUsagePlanKeyCommand({usagePlanId, keyId, keyType: 'API_KEY'}))

      const deleted = await rest.send(new DeleteApiKeyCommand({apiKey: id}))
      expect(deleted.$metadata.httpStatusCode).toBe(202)
      for (const usagePlanId of plans)
        expect((await rest.send(new GetUsagePlanKeysCommand({usagePlanId}))).items!.map((key) => key.id)).toEqual([keep])
      expect((await rest.send(new GetUsagePlansCommand({keyId: id}))).items).toEqual([])
      expect(await failure(rest.send(new GetApiKeyCommand({apiKey: id})))).toMatchObject({status: 404})
      expect(await failure(rest.send(new DeleteApiKeyCommand({apiKey: id})))).toMatchObject({status: 404, message: 'Invalid API Key identifier specified'})
    })
  })

  describe('ImportApiKeys', () => {
    const csv = (text: string) => new TextEncoder().encode(text)

    it('creates enabled keys from CSV columns in any case and order, attaching them to usage plans', async () => {
      const gold = (await rest.send(new CreateUsagePlanCommand({name: 'gold'}))).id!
      const silver = (await rest.send(new CreateUsagePlanCommand({name: 'silver'}))).id!
      const file = [
        'name,key,description,enabled,usageplanIds',
        `first,${'a'.repeat(30)},An imported key,,${gold}`,
        `second,${'b'.repeat(30)},,FALSE,"${gold},${silver}"`,
        `third,${'c'.repeat(30)},,true,'${silver}'`,
        '',
      ].join('\n')
      const result = await rest.send(new ImportApiKeysCommand({body: csv(file), format: 'csv'}))
      expect(result.$metadata.httpStatusCode).toBe(201)
      expect(result.ids).toHaveLength(3)
      expect(result.warnings).toBeUndefined()
      const [first, second] = await Promise.all(result.ids!.map((apiKey) => rest.send(new GetApiKeyCommand({apiKey, includeValue: true}))))
      expect(first).toMatchObject({name: 'first', value: 'a'.repeat(30), description: 'An imported key', enabled: true})
      expect(second).toMatchObject({name: 'second', value: 'b'.repeat(30), enabled: false})
      expect(second.description).toBeUndefined()
      expect((await rest.send(new GetUsagePlanKeysCommand({usagePlanId: gold}))).items!.map((key) => key.name)).toEqual(['second', 'first'])
      expect((await rest.send(new GetUsagePlanKeysCommand({usagePlanId: silver}))).items!.map((key) => key.name)).toEqual(['third', 'second'])
      expect((await rest.send(new GetUsagePlansCommand({keyId: second.id}))).items!.map((plan) => plan.name)).toEqual(['gold', 'silver'])
    })

    it('overwrites the key that has the same value, and accepts columns in any order', async () => {
      const {id} = await rest.send(new CreateApiKeyCommand({name: 'before', value: VALUE}))
      const result = await rest.send(new ImportApiKeysCommand({body: csv(`Key,NAME\r\n${VALUE},after\r\n`), format: 'csv'}))
      expect(result.ids).toEqual([id])
      expect(await rest.send(new GetApiKeyCommand({apiKey: id}))).toMatchObject({name: 'after', enabled: true})
    })

    it('skips bad rows with warnings, or fails the whole import with failOnWarnings', async () => {
      const file = `name,key\nshort,tooshort\ngood,${'g'.repeat(30)}\n`
      const result = await rest.send(new ImportApiKeysCommand({body: csv(file), format: 'csv'}))
      expect(result.ids).toHaveLength(1)
      expect(result.warnings).toEqual(['Line 2: API Key value should be at least 20 characters'])

      const strict = `name,key\nshort,tooshort\nother,${'h'.repeat(30)}\n`
      expect(await failure(rest.send(new ImportApiKeysCommand({body: csv(strict), format: 'csv', failOnWarnings: true})))).toEqual({
        name: 'BadRequestException',
        status: 400,
        message: 'API Key import failed with warnings: Line 2: API Key value should be at least 20 characters',
      })
      expect((await rest.send(new GetApiKeysCommand({}))).items!.map((key) => key.name)).toEqual(['good'])
    })

    it('refuses a file without the Name and Key columns', async () => {
      expect(await failure(rest.send(new ImportApiKeysCommand({body: csv(`key\n${VALUE}\n`), format: 'csv'})))).toEqual({
        name: 'BadRequestException',
        status: 400,
        message: 'Invalid API Key import file: the header must name the Name and Key columns',
      })
    })
  })
})
