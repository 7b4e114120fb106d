import {GetRestApisCommand} from '@aws-sdk/client-api-gateway'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {sdkClients, startTestSandbox, type Sandbox} from '../helpers/sandbox.js'
import {NO_FAULTS} from '../../packages/sandbox/src/faults.js'

describe('sandbox server', () => {
  let sandbox: Sandbox
  beforeAll(async () => {
    sandbox = await startTestSandbox()
  })
  afterAll(() => sandbox.stop())

  it('listens on 127.0.0.1 only', () => {
    expect(sandbox.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  })

  it('answers throttling faults with 429 and Retry-After, and stops when asked', async () => {
    sandbox.faults = {...NO_FAULTS, throttle: 1, error: 0, reset: 0}
    const error = await sdkClients(sandbox.endpoint).rest.send(new GetRestApisCommand({})).catch((e) => e)
    sandbox.faults = {...NO_FAULTS, throttle: 0, error: 0, reset: 0}
    expect(error.name).toBe('TooManyRequestsException')
    expect(error.$metadata.httpStatusCode).toBe(429)
    expect(error.retryAfterSeconds).toBe('1')
  })
})
