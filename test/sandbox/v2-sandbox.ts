import type {ApiGatewayV2Client} from '@aws-sdk/client-apigatewayv2'
import {afterAll, beforeAll, beforeEach} from 'vitest'
import {sdkClients, startTestSandbox, type Sandbox} from '../helpers/sandbox.js'

/** One sandbox for a test file, emptied before each test, and a v2 client for it. */
export function v2Sandbox(): {sandbox: Sandbox; v2: ApiGatewayV2Client} {
  const handle = {} as {sandbox: Sandbox; v2: ApiGatewayV2Client}
  beforeAll(async () => {
    handle.sandbox = await startTestSandbox()
    handle.v2 = sdkClients(handle.sandbox.endpoint).v2
  })
  afterAll(() => handle.sandbox.stop())
  beforeEach(() => handle.sandbox.context.store.clear())
  return handle
}

/** The errors as `failure()` shows them. */
export const badRequest = (message: string) => ({name: 'BadRequestException', status: 400, message})
export const notFound = (message: string) => ({name: 'NotFoundException', status: 404, message})
export const conflict = (message: string) => ({name: 'ConflictException', status: 409, message})
