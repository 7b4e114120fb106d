import {
  APIGatewayClient,
  GetResourcesCommand,
  GetRestApiCommand,
  GetRestApisCommand,
  GetStagesCommand,
} from '@aws-sdk/client-api-gateway'
import {collectPages} from './paging.js'
import type {AwsSession} from './session.js'

export type {Resource, RestApi, Stage} from '@aws-sdk/client-api-gateway'

/** API Gateway v1 page size maximum (aws-facts §4): fewer round trips on large accounts. */
const PAGE_SIZE = 500

/** The REST (v1) operations apigw uses, and nothing else. */
export function createRestGateway(session: AwsSession) {
  const client = new APIGatewayClient(session.clientConfig('apigateway'))
  const call = <T>(operation: string, send: () => Promise<T>) => session.call('apigateway', operation, send)

  return {
    listRestApis: () =>
      collectPages(async (position) => {
        const page = await call('GetRestApis', () => client.send(new GetRestApisCommand({limit: PAGE_SIZE, position})))
        return {items: page.items, next: page.position}
      }),
    getRestApi: (restApiId: string) => call('GetRestApi', () => client.send(new GetRestApiCommand({restApiId}))),
    listStages: async (restApiId: string) =>
      (await call('GetStages', () => client.send(new GetStagesCommand({restApiId})))).item ?? [],
    listResources: (restApiId: string) =>
      collectPages(async (position) => {
        const page = await call('GetResources', () =>
          client.send(new GetResourcesCommand({restApiId, embed: ['methods'], limit: PAGE_SIZE, position})),
        )
        return {items: page.items, next: page.position}
      }),
  }
}

export type RestGateway = ReturnType<typeof createRestGateway>
