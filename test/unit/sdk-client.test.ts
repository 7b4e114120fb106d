import {createServer, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {APIGatewayClient} from '@aws-sdk/client-api-gateway'
import {createSdkClient} from '../../packages/cli/src/lib/aws/sdk-client.js'
import {AwsSession} from '../../packages/cli/src/lib/aws/session.js'

// The SDK's logger middleware: on the stack only under --debug, where each call is noted without its body.
let server: Server
let endpoint: string

beforeAll(async () => {
  server = createServer((request, response) => {
    request.resume()
    response.writeHead(200, {'content-type': 'application/json', 'x-amzn-requestid': 'req-1234'})
    response.end(JSON.stringify({item: [{id: 'a1b2c3', name: 'secret-named-api'}]}))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

function session(debug?: string[]) {
  return new AwsSession({
    region: 'us-east-1',
    endpointUrl: endpoint,
    env: {AWS_ACCESS_KEY_ID: 'AKIDTEST', AWS_SECRET_ACCESS_KEY: 'secret', HOME: '/nonexistent'},
    staticCredentials: {accessKeyId: 'AKIDTEST', secretAccessKey: 'secret'},
    retryBudgetMs: 5_000,
    onDebug: debug && ((line) => debug.push(line)),
  })
}

describe('SDK clients', () => {
  it('have the logger middleware only under --debug', () => {
    const stack = (aws: AwsSession) => createSdkClient(aws, 'apigateway', (config) => new APIGatewayClient(config)).middlewareStack.identify().join('\n')
    expect(stack(session())).not.toContain('loggerMiddleware')
    expect(stack(session([]))).toContain('loggerMiddleware')
  })

  it('call without it when not debugging', async () => {
    const rest = await session().rest()
    expect((await rest.listRestApis()).map((api) => api.name)).toEqual(['secret-named-api'])
  })

  it('note each call under --debug with its status and request id, not its body', async () => {
    const debug: string[] = []
    const rest = await session(debug).rest()
    await rest.listRestApis()
    expect(debug).toContain('sdk: APIGatewayClient GetRestApisCommand answered HTTP 200, request id req-1234')
    expect(debug.join('\n')).not.toContain('secret-named-api')
  })
})
