import {CreateApiCommand, CreateStageCommand, GetApiCommand, GetStageCommand, GetTagsCommand, TagResourceCommand, UntagResourceCommand} from '@aws-sdk/client-apigatewayv2'
import {describe, expect, it} from 'vitest'
import {sdkClients} from '../helpers/sandbox.js'
import {failure} from './sdk-failure.js'
import {badRequest, notFound, v2Sandbox} from './v2-sandbox.js'

const apiArn = (apiId: string, region = 'us-east-1') => `arn:aws:apigateway:${region}::/apis/${apiId}`
const stageArn = (apiId: string, stage: string) => `${apiArn(apiId)}/stages/${stage}`

describe('sandbox v2 tags: TagResource, UntagResource, GetTags (docs/aws-behaviour.md#version-2-tags)', () => {
  const handle = v2Sandbox()
  const newApi = async (tags?: Record<string, string>) =>
    (await handle.v2.send(new CreateApiCommand({Name: 'tagged', ProtocolType: 'HTTP', Tags: tags}))).ApiId!
  const tagsOf = async (ResourceArn: string) => (await handle.v2.send(new GetTagsCommand({ResourceArn}))).Tags

  it('CreateApi and CreateStage keep their tags; GetApi, GetStage and GetTags show them', async () => {
    const apiId = await newApi({team: 'payments'})
    await handle.v2.send(new CreateStageCommand({ApiId: apiId, StageName: 'prod', Tags: {env: 'prod'}}))
    expect((await handle.v2.send(new GetApiCommand({ApiId: apiId}))).Tags).toEqual({team: 'payments'})
    expect((await handle.v2.send(new GetStageCommand({ApiId: apiId, StageName: 'prod'}))).Tags).toEqual({env: 'prod'})
    expect(await tagsOf(apiArn(apiId))).toEqual({team: 'payments'})
    expect(await tagsOf(stageArn(apiId, 'prod'))).toEqual({env: 'prod'})
  })

  it('TagResource on a stage answers 201, adds and overwrites; UntagResource answers 204 and ignores unknown keys', async () => {
    const apiId = await newApi()
    await handle.v2.send(new CreateStageCommand({ApiId: apiId, StageName: 'prod', Tags: {env: 'dev'}}))
    const tagged = await handle.v2.send(new TagResourceCommand({ResourceArn: stageArn(apiId, 'prod'), Tags: {env: 'prod', owner: 'ana'}}))
    expect(tagged.$metadata.httpStatusCode).toBe(201)
    expect((await handle.v2.send(new GetStageCommand({ApiId: apiId, StageName: 'prod'}))).Tags).toEqual({env: 'prod', owner: 'ana'})
    const untagged = await handle.v2.send(new UntagResourceCommand({ResourceArn: stageArn(apiId, 'prod'), TagKeys: ['env', 'never-set']}))
    expect(untagged.$metadata.httpStatusCode).toBe(204)
    expect(await tagsOf(stageArn(apiId, 'prod'))).toEqual({owner: 'ana'})
    // The API itself is untouched by its stage's tags.
    expect(await tagsOf(apiArn(apiId))).toEqual({})
  })

  it('holds to the tag limits on TagResource and on create', async () => {
    const apiId = await newApi()
    const fiftyOne = Object.fromEntries(Array.from({length: 51}, (_, i) => [`t${i}`, 'v']))
    expect(await failure(handle.v2.send(new TagResourceCommand({ResourceArn: apiArn(apiId), Tags: fiftyOne})))).toEqual(
      badRequest('A resource can have at most 50 tags; this request would leave it with 51'),
    )
    expect(await failure(handle.v2.send(new TagResourceCommand({ResourceArn: apiArn(apiId), Tags: {'aws:x': 'v'}})))).toEqual(
      badRequest("Tag keys starting with 'aws:' are reserved for AWS's own use: 'aws:x'"),
    )
    expect(await failure(handle.v2.send(new CreateStageCommand({ApiId: apiId, StageName: 's', Tags: {k: 'x'.repeat(257)}})))).toMatchObject({status: 400})
    expect(await tagsOf(apiArn(apiId))).toEqual({})
  })

  it('answers 404 for an unknown API or stage and 400 for an ARN it cannot read', async () => {
    const apiId = await newApi()
    expect(await failure(handle.v2.send(new GetTagsCommand({ResourceArn: apiArn('nope')})))).toEqual(
      notFound(`Invalid API identifier specified ${handle.sandbox.context.accountId}:nope`),
    )
    expect(await failure(handle.v2.send(new GetTagsCommand({ResourceArn: stageArn(apiId, 'nope')})))).toEqual(notFound('Invalid stage identifier specified'))
    expect(await failure(handle.v2.send(new GetTagsCommand({ResourceArn: 'not-an-arn'})))).toEqual(badRequest('Invalid ARN specified in the request: not-an-arn'))
  })

  it('keeps each region its own: the API is not found from another region', async () => {
    const apiId = await newApi({team: 'payments'})
    const west = sdkClients(handle.sandbox.endpoint, 'eu-west-1').v2
    expect(await failure(west.send(new GetTagsCommand({ResourceArn: apiArn(apiId, 'eu-west-1')})))).toMatchObject({status: 404})
  })
})
