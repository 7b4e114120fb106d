import {APIGatewayClient, GetRestApiCommand, GetRestApisCommand} from '@aws-sdk/client-api-gateway'
import {ApiGatewayV2Client, GetApiCommand, GetApisCommand} from '@aws-sdk/client-apigatewayv2'
import {mockClient} from 'aws-sdk-client-mock'
import {afterEach, describe, expect, it} from 'vitest'
import {resolveApi} from '../../packages/cli/src/lib/catalog/resolve-api.js'
import {AwsSession} from '../../packages/cli/src/lib/aws/session.js'
import {awsError, notFound} from './aws-fakes.js'
import {fakeClock} from './fake-clock.js'

const v1 = mockClient(APIGatewayClient)
const v2 = mockClient(ApiGatewayV2Client)

afterEach(() => {
  v1.reset()
  v2.reset()
})

const session = () =>
  new AwsSession({region: 'eu-west-1', env: {AWS_ACCESS_KEY_ID: 'A', AWS_SECRET_ACCESS_KEY: 'B', HOME: '/nonexistent'}, retryBudgetMs: 0, clock: fakeClock()})

describe('resolveApi', () => {
  it('finds an id as a v2 API without listing anything', async () => {
    v1.on(GetRestApiCommand).rejects(notFound())
    v2.on(GetApiCommand, {ApiId: 'abc123def0'}).resolves({ApiId: 'abc123def0', Name: 'orders', ProtocolType: 'WEBSOCKET'})
    const found = await resolveApi(session(), 'abc123def0')
    expect(found).toMatchObject({type: 'websocket', api: {Name: 'orders'}})
    expect(v1.commandCalls(GetRestApisCommand)).toHaveLength(0)
    expect(v2.commandCalls(GetApisCommand)).toHaveLength(0)
  })

  it('falls back to an exact name match across kinds', async () => {
    v1.on(GetRestApiCommand).rejects(notFound())
    v2.on(GetApiCommand).rejects(notFound())
    v1.on(GetRestApisCommand).resolves({items: [{id: 'r1', name: 'orders-v1'}]})
    v2.on(GetApisCommand).resolves({Items: [{ApiId: 'h1', Name: 'orders', ProtocolType: 'HTTP'}] as never})
    expect(await resolveApi(session(), 'orders')).toMatchObject({type: 'http', api: {ApiId: 'h1'}})
  })

  it('refuses an ambiguous name with exit 5, listing id, type and creation date, oldest first', async () => {
    v1.on(GetRestApisCommand).resolves({items: [{id: 'rest000002', name: 'shop', createdDate: new Date('2026-03-02T03:04:05Z')}]})
    v2.on(GetApisCommand).resolves({Items: [{ApiId: 'h1abcd', Name: 'shop', ProtocolType: 'HTTP', CreatedDate: new Date('2025-01-01T00:00:00Z')}] as never})
    const failure = await resolveApi(session(), 'shop').catch((error) => error)
    expect(failure).toMatchObject({code: 'AMBIGUOUS_API_NAME', exitCode: 5, suggestions: ['Try: --api h1abcd (name the API by id)']})
    expect(failure.message).toBe(
      '2 APIs are named "shop":\n  h1abcd      http       created 2025-01-01T00:00:00.000Z\n  rest000002  rest       created 2026-03-02T03:04:05.000Z',
    )
  })

  it('refuses an empty reference as a usage error, before any AWS call', async () => {
    await expect(resolveApi(session(), '  ')).rejects.toMatchObject({code: 'EMPTY_API_REFERENCE', exitCode: 2})
    expect(v1.calls()).toHaveLength(0)
  })

  it('refuses an unknown API with exit 4, suggesting close names', async () => {
    v1.on(GetRestApisCommand).resolves({items: [{id: 'r1', name: 'payments'}]})
    v2.on(GetApisCommand).resolves({Items: []})
    const failure = await resolveApi(session(), 'paymnts api').catch((error) => error)
    expect(failure).toMatchObject({code: 'API_NOT_FOUND', exitCode: 4})
    expect(failure.message).toBe('No API with id or name "paymnts api" in region eu-west-1.')
    expect(failure.suggestions[0]).toBe('Did you mean: payments?')
  })

  it('does not mistake an access error for "not an id"', async () => {
    const denied = awsError('AccessDeniedException', 'not authorized', 403)
    v1.on(GetRestApiCommand).rejects(denied)
    v2.on(GetApiCommand).rejects(notFound())
    await expect(resolveApi(session(), 'abc123def0')).rejects.toMatchObject({code: 'ACCESS_DENIED', exitCode: 3})
  })
})
