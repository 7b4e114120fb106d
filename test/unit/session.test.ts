import {APIGatewayClient, GetRestApisCommand} from '@aws-sdk/client-api-gateway'
import {ApiGatewayV2Client, GetApisCommand} from '@aws-sdk/client-apigatewayv2'
import {mockClient} from 'aws-sdk-client-mock'
import {afterEach, describe, expect, it} from 'vitest'
import {AwsSession} from '../../packages/cli/src/lib/aws/session.js'
import {ApigwError} from '../../packages/cli/src/lib/errors.js'
import {throttled} from './aws-fakes.js'
import {fakeClock} from './fake-clock.js'

const v1 = mockClient(APIGatewayClient)
const v2 = mockClient(ApiGatewayV2Client)

afterEach(() => {
  v1.reset()
  v2.reset()
})

function session(budgetMs = 60_000) {
  const notes: string[] = []
  const debug: string[] = []
  const aws = new AwsSession({
    region: 'us-east-1',
    env: {AWS_ACCESS_KEY_ID: 'AKIDTEST', AWS_SECRET_ACCESS_KEY: 'secret', HOME: '/nonexistent'},
    retryBudgetMs: budgetMs,
    clock: fakeClock(),
    onRetry: (notice) => notes.push(notice.message),
    onDebug: (line) => debug.push(line),
  })
  return {aws, notes, debug}
}


describe('AwsSession with the REST gateway', () => {
  it('pages GetRestApis 500 at a time until position runs out', async () => {
    v1.on(GetRestApisCommand, {limit: 500, position: undefined}).resolves({items: [{id: 'a'}, {id: 'b'}], position: 'p2'})
    v1.on(GetRestApisCommand, {limit: 500, position: 'p2'}).resolves({items: [{id: 'c'}]})
    const {aws} = session()
    const apis = await (await aws.rest()).listRestApis()
    expect(apis.map((api) => api.id)).toEqual(['a', 'b', 'c'])
    expect(v1.commandCalls(GetRestApisCommand)).toHaveLength(2)
  })

  it('retries a throttled page, says so, and carries on', async () => {
    v1.on(GetRestApisCommand).rejectsOnce(throttled()).resolves({items: [{id: 'a'}]})
    const {aws, notes, debug} = session()
    const apis = await (await aws.rest()).listRestApis()
    expect(apis).toHaveLength(1)
    expect(notes).toEqual(['throttled by AWS (GetRestApis); retrying in 0.5 s'])
    expect(debug[0]).toMatch(/^apigateway GetRestApis failed in \d+ ms: TooManyRequestsException: Too Many Requests$/)
    expect(debug[1]).toMatch(/^apigateway GetRestApis ok in \d+ ms$/)
  })

  it('turns throttling past the budget into exit 6', async () => {
    v1.on(GetRestApisCommand).rejects(throttled())
    const {aws} = session(1000)
    const failure = await (await aws.rest()).listRestApis().catch((error) => error)
    expect(failure).toBeInstanceOf(ApigwError)
    expect(failure).toMatchObject({code: 'THROTTLED', exitCode: 6})
  })

  it('shares one retry budget across all the calls of a command', async () => {
    // Page 1 is throttled twice (0.5 s + 1 s), leaving 0.5 s of a 2 s budget: page 2's first 2 s wait does not fit.
    v1.on(GetRestApisCommand, {position: undefined}).rejectsOnce(throttled()).rejectsOnce(throttled()).resolves({items: [{id: 'a'}], position: 'p2'})
    v1.on(GetRestApisCommand, {position: 'p2'}).rejects(throttled())
    const {aws, notes} = session(3500)
    const failure = await (await aws.rest()).listRestApis().catch((error) => error)
    expect(notes).toEqual([
      'throttled by AWS (GetRestApis); retrying in 0.5 s',
      'throttled by AWS (GetRestApis); retrying in 1 s',
      'throttled by AWS (GetRestApis); retrying in 0.5 s',
      'throttled by AWS (GetRestApis); retrying in 1 s',
    ])
    expect(failure).toMatchObject({code: 'THROTTLED', exitCode: 6, message: 'GetRestApis failed after 3 attempts: Too Many Requests'})
  })

  it('creates each SDK client once per session', async () => {
    const {aws} = session()
    expect(await aws.rest()).toBe(await aws.rest())
  })
})

describe('AwsSession with the v2 gateway', () => {
  it('follows NextToken to the last page (the JS SDK has no paginator for GetApis)', async () => {
    v2.on(GetApisCommand, {NextToken: undefined}).resolves({Items: [{ApiId: 'h1'}] as never, NextToken: 't2'})
    v2.on(GetApisCommand, {NextToken: 't2'}).resolves({Items: [{ApiId: 'h2'}] as never, NextToken: 't3'})
    v2.on(GetApisCommand, {NextToken: 't3'}).resolves({Items: [{ApiId: 'h3'}] as never})
    const {aws} = session()
    const apis = await (await aws.v2()).listApis()
    expect(apis.map((api) => api.ApiId)).toEqual(['h1', 'h2', 'h3'])
  })
})
