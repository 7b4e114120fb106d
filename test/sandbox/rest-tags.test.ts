import {
  CreateApiKeyCommand,
  CreateUsagePlanCommand,
  GetApiKeyCommand,
  GetApiKeysCommand,
  GetRestApiCommand,
  GetStageCommand,
  GetTagsCommand,
  GetUsagePlanCommand,
  TagResourceCommand,
  UntagResourceCommand,
  type APIGatewayClient,
} from '@aws-sdk/client-api-gateway'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {sdkClients, startTestSandbox, type Sandbox} from '../helpers/sandbox.js'
import {seedRestApi, seedRestStage} from '../helpers/sandbox-seed.js'
import {failure} from './sdk-failure.js'

const arn = (path: string, region = 'us-east-1') => `arn:aws:apigateway:${region}::${path}`
/** `count` tags named t0, t1, … */
const manyTags = (count: number, prefix = 't') => Object.fromEntries(Array.from({length: count}, (_, i) => [`${prefix}${i}`, 'v']))

describe('sandbox tags: TagResource, UntagResource, GetTags', () => {
  let sandbox: Sandbox
  let rest: APIGatewayClient
  beforeAll(async () => {
    sandbox = await startTestSandbox()
    rest = sdkClients(sandbox.endpoint).rest
    const now = Date.now()
    seedRestApi(sandbox.context.store, {id: 'api1', createdDate: now})
    seedRestStage(sandbox.context.store, {apiId: 'api1', stageName: 'Prod', deploymentId: 'dep1', createdDate: now})
  })
  afterAll(() => sandbox.stop())

  const newKey = async () => (await rest.send(new CreateApiKeyCommand({name: 'tagged'}))).id!
  const tagsOf = async (resourceArn: string) => (await rest.send(new GetTagsCommand({resourceArn}))).tags

  describe('on API keys (arn:aws:apigateway:<region>::/apikeys/<id>, URL-encoded in the path)', () => {
    it('TagResource answers 204, adds and overwrites; GetTags, GetApiKey and GetApiKeys show the tags', async () => {
      const id = await newKey()
      const tagged = await rest.send(new TagResourceCommand({resourceArn: arn(`/apikeys/${id}`), tags: {team: 'payments', 'apigw:grace-until': '2026-12-01T00:00:00Z'}}))
      expect(tagged.$metadata.httpStatusCode).toBe(204)
      await rest.send(new TagResourceCommand({resourceArn: arn(`/apikeys/${id}`), tags: {team: 'billing', owner: 'ana'}}))
      const expected = {team: 'billing', owner: 'ana', 'apigw:grace-until': '2026-12-01T00:00:00Z'}
      expect(await tagsOf(arn(`/apikeys/${id}`))).toEqual(expected)
      expect((await rest.send(new GetApiKeyCommand({apiKey: id}))).tags).toEqual(expected)
      const listed = (await rest.send(new GetApiKeysCommand({limit: 500}))).items!.find((key) => key.id === id)
      expect(listed?.tags).toEqual(expected)
    })

    it('UntagResource answers 204, removes the keys named (unknown ones ignored); with none left, the key has no tags field', async () => {
      const id = await newKey()
      await rest.send(new TagResourceCommand({resourceArn: arn(`/apikeys/${id}`), tags: {a: '1', b: '2', c: '3'}}))
      const untagged = await rest.send(new UntagResourceCommand({resourceArn: arn(`/apikeys/${id}`), tagKeys: ['a', 'c', 'never-set']}))
      expect(untagged.$metadata.httpStatusCode).toBe(204)
      expect(await tagsOf(arn(`/apikeys/${id}`))).toEqual({b: '2'})
      await rest.send(new UntagResourceCommand({resourceArn: arn(`/apikeys/${id}`), tagKeys: ['b']}))
      expect(await tagsOf(arn(`/apikeys/${id}`))).toEqual({})
      expect(await rest.send(new GetApiKeyCommand({apiKey: id}))).not.toHaveProperty('tags')
    })

    it('keeps tags given at creation, and answers for an ARN of any region (the sandbox is every region)', async () => {
      const {id} = await rest.send(new CreateApiKeyCommand({name: 'born-tagged', tags: {env: 'prod'}}))
      expect(await tagsOf(arn(`/apikeys/${id}`, 'eu-west-1'))).toEqual({env: 'prod'})
    })

    it('an unknown key is 404 NotFoundException, in GetApiKey\'s words', async () => {
      const resourceArn = arn('/apikeys/nosuchkey1')
      const calls = [
        () => rest.send(new GetTagsCommand({resourceArn})),
        () => rest.send(new TagResourceCommand({resourceArn, tags: {a: '1'}})),
        () => rest.send(new UntagResourceCommand({resourceArn, tagKeys: ['a']})),
      ]
      for (const call of calls) expect(await failure(call())).toEqual({name: 'NotFoundException', status: 404, message: 'Invalid API Key identifier specified'})
    })
  })

  describe('on usage plans, REST APIs and stages', () => {
    it('tags a usage plan; GetUsagePlan shows them', async () => {
      const {id} = await rest.send(new CreateUsagePlanCommand({name: 'gold'}))
      await rest.send(new TagResourceCommand({resourceArn: arn(`/usageplans/${id}`), tags: {tier: 'gold'}}))
      expect(await tagsOf(arn(`/usageplans/${id}`))).toEqual({tier: 'gold'})
      expect((await rest.send(new GetUsagePlanCommand({usagePlanId: id}))).tags).toEqual({tier: 'gold'})
    })

    it('tags a REST API and a stage (named case-insensitively); GetRestApi and GetStage show them', async () => {
      await rest.send(new TagResourceCommand({resourceArn: arn('/restapis/api1'), tags: {product: 'shop'}}))
      await rest.send(new TagResourceCommand({resourceArn: arn('/restapis/api1/stages/prod'), tags: {env: 'production'}}))
      expect((await rest.send(new GetRestApiCommand({restApiId: 'api1'}))).tags).toEqual({product: 'shop'})
      expect((await rest.send(new GetStageCommand({restApiId: 'api1', stageName: 'Prod'}))).tags).toEqual({env: 'production'})
    })

    it('an unknown plan, API or stage is 404 NotFoundException in that resource\'s words', async () => {
      expect(await failure(rest.send(new GetTagsCommand({resourceArn: arn('/usageplans/nosuch')})))).toEqual({
        name: 'NotFoundException',
        status: 404,
        message: 'Invalid Usage Plan ID specified',
      })
      expect(await failure(rest.send(new GetTagsCommand({resourceArn: arn('/restapis/nosuch')})))).toEqual({
        name: 'NotFoundException',
        status: 404,
        message: 'Invalid API identifier specified 123456789012:nosuch',
      })
      expect(await failure(rest.send(new GetTagsCommand({resourceArn: arn('/restapis/api1/stages/beta')})))).toEqual({
        name: 'NotFoundException',
        status: 404,
        message: 'Invalid Stage identifier specified',
      })
    })

    it('a malformed ARN, or one of a kind the sandbox does not tag, is 400 BadRequestException', async () => {
      expect(await failure(rest.send(new GetTagsCommand({resourceArn: 'not-an-arn'})))).toEqual({
        name: 'BadRequestException',
        status: 400,
        message: 'Invalid ARN specified in the request: not-an-arn',
      })
      expect(await failure(rest.send(new GetTagsCommand({resourceArn: arn('/widgets/w1')})))).toMatchObject({
        name: 'BadRequestException',
        status: 400,
        message: expect.stringContaining('it cannot tag arn:aws:apigateway:us-east-1::/widgets/w1'),
      })
    })
  })

  describe("AWS's limits: 50 tags, keys of 1-128 characters, values up to 256, no aws: prefix", () => {
    const tag = async (tags: Record<string, string>, id?: string) =>
      failure(rest.send(new TagResourceCommand({resourceArn: arn(`/apikeys/${id ?? (await newKey())}`), tags})))

    it('accepts exactly 50 tags, a 128-character key and a 256-character value', async () => {
      const id = await newKey()
      await rest.send(new TagResourceCommand({resourceArn: arn(`/apikeys/${id}`), tags: manyTags(49)}))
      await rest.send(new TagResourceCommand({resourceArn: arn(`/apikeys/${id}`), tags: {['k'.repeat(128)]: 'v'.repeat(256)}}))
      expect(Object.keys((await tagsOf(arn(`/apikeys/${id}`))) ?? {})).toHaveLength(50)
    })

    it('refuses a 51st tag, counting the tags the resource has, and changes nothing', async () => {
      const id = await newKey()
      await rest.send(new TagResourceCommand({resourceArn: arn(`/apikeys/${id}`), tags: manyTags(49)}))
      expect(await tag({extra1: 'v', extra2: 'v'}, id)).toEqual({
        name: 'BadRequestException',
        status: 400,
        message: 'A resource can have at most 50 tags; this request would leave it with 51',
      })
      expect(Object.keys((await tagsOf(arn(`/apikeys/${id}`))) ?? {})).toHaveLength(49)
      // Overwriting existing keys adds none.
      await rest.send(new TagResourceCommand({resourceArn: arn(`/apikeys/${id}`), tags: {t0: 'new', extra1: 'v'}}))
    })

    it('refuses long keys and values, the aws: prefix and characters outside the tag set, naming the tag', async () => {
      expect(await tag({['k'.repeat(129)]: 'v'})).toMatchObject({status: 400, name: 'BadRequestException', message: expect.stringMatching(/^Tag keys must be 1 to 128 characters long; 'k{40}…' has 129$/)})
      expect(await tag({long: 'v'.repeat(257)})).toMatchObject({status: 400, message: "Tag values must be at most 256 characters long; the value of 'long' has 257"})
      expect(await tag({'aws:owner': 'me'})).toMatchObject({status: 400, message: "Tag keys starting with 'aws:' are reserved for AWS's own use: 'aws:owner'"})
      expect(await tag({'semi;colon': 'v'})).toMatchObject({status: 400, message: "Tag 'semi;colon' has characters outside letters, digits, spaces and _ . : / = + - @"})
    })
  })
})
