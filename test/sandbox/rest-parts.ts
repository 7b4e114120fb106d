import {CreateRestApiCommand, type APIGatewayClient} from '@aws-sdk/client-api-gateway'
import {afterAll, beforeAll} from 'vitest'
import {sdkClients, startTestSandbox, type Sandbox} from '../helpers/sandbox.js'

/** One sandbox for a test file (started before its tests, stopped after), with a REST client; read it inside tests. */
export function useRestSandbox(): {sandbox: Sandbox; rest: APIGatewayClient} {
  const target = {} as {sandbox: Sandbox; rest: APIGatewayClient}
  beforeAll(async () => {
    target.sandbox = await startTestSandbox()
    target.rest = sdkClients(target.sandbox.endpoint).rest
  })
  afterAll(() => target.sandbox.stop())
  return target
}

/** A fresh REST API to hang models, validators, responses and authorizers on. */
export async function newApi(rest: APIGatewayClient): Promise<{restApiId: string; rootId: string}> {
  const api = await rest.send(new CreateRestApiCommand({name: 'parts'}))
  return {restApiId: api.id!, rootId: api.rootResourceId!}
}

/** An SDK answer without its metadata, to compare with what AWS answers. */
export const strip = <T extends {$metadata?: unknown}>(answer: T): Omit<T, '$metadata'> => {
  const copy = {...answer}
  delete copy.$metadata
  return copy
}
