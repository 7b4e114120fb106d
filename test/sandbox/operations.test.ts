import {CreateApiKeyCommand, GetApiKeysCommand} from '@aws-sdk/client-api-gateway'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {NO_FAULTS} from '../../packages/sandbox/src/faults.js'
import {REST_OPERATIONS, V2_OPERATIONS, operationOfRequest} from '../../packages/sandbox/src/operations.js'
import {restRoutes} from '../../packages/sandbox/src/rest/routes.js'
import {v2Routes} from '../../packages/sandbox/src/v2/routes.js'
import {sdkClients, startTestSandbox, type Sandbox} from '../helpers/sandbox.js'
import {failure} from './sdk-failure.js'

/** A request for a route pattern, every {parameter} filled in. */
const requestFor = (route: string) => {
  const [method, target] = route.split(' ')
  const [path, query = ''] = target.replace(/\{\w+\}/g, 'x1').split('?')
  return {method, path, query: new URLSearchParams(query), headers: {}, body: Buffer.alloc(0)}
}

describe('sandbox operations: fail=<Operation>#<n>', () => {
  let sandbox: Sandbox
  beforeAll(async () => {
    sandbox = await startTestSandbox()
  })
  afterAll(() => sandbox.stop())

  it('names only routes the sandbox serves, and finds each name back from its request', () => {
    for (const [service, operations, router] of [
      ['apigateway', REST_OPERATIONS, restRoutes(sandbox.context)],
      ['apigatewayv2', V2_OPERATIONS, v2Routes(sandbox.context)],
    ] as const) {
      for (const [name, route] of Object.entries(operations)) {
        const request = requestFor(route)
        expect('handler' in router.match(request.method, request.path), route).toBe(true)
        expect(operationOfRequest(service, request)).toBe(name)
      }
    }
  })

  it('answers the n-th call of the operation from now with 503 ServiceUnavailableException, once; other operations do not count', async () => {
    const {rest} = sdkClients(sandbox.endpoint)
    sandbox.faults = {...NO_FAULTS, fail: [{operation: 'CreateApiKey', call: 2}]}
    await rest.send(new CreateApiKeyCommand({name: 'first'}))
    await rest.send(new GetApiKeysCommand({}))
    expect(await failure(rest.send(new CreateApiKeyCommand({name: 'second'})))).toEqual({name: 'ServiceUnavailableException', status: 503, message: 'Service Unavailable'})
    await rest.send(new CreateApiKeyCommand({name: 'third'}))
    expect(sandbox.faults.fail).toEqual([])
    const names = (await rest.send(new GetApiKeysCommand({}))).items!.map((key) => key.name)
    expect(names).toEqual(['third', 'first'])
  })
})
