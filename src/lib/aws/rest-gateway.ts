import {
  APIGatewayClient,
  CreateDeploymentCommand,
  CreateRestApiCommand,
  CreateStageCommand,
  DeleteRestApiCommand,
  DeleteStageCommand,
  GetDeploymentCommand,
  GetDeploymentsCommand,
  GetExportCommand,
  GetResourcesCommand,
  GetRestApiCommand,
  GetRestApisCommand,
  GetStageCommand,
  GetStagesCommand,
  GetUsagePlansCommand,
  ImportRestApiCommand,
  PutRestApiCommand,
  UpdateDeploymentCommand,
  UpdateStageCommand,
  UpdateUsagePlanCommand,
  type CreateDeploymentCommandInput,
  type CreateRestApiCommandInput,
  type CreateStageCommandInput,
  type GetExportCommandInput,
  type ImportRestApiCommandInput,
  type PatchOperation,
  type PutRestApiCommandInput,
} from '@aws-sdk/client-api-gateway'
import {collectPages} from './paging.js'
import type {AwsSession} from './session.js'

export type {Deployment, MethodSetting, PatchOperation, Resource, RestApi, Stage, UsagePlan} from '@aws-sdk/client-api-gateway'

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
    listDeployments: (restApiId: string) =>
      collectPages(async (position) => {
        const page = await call('GetDeployments', () => client.send(new GetDeploymentsCommand({restApiId, limit: PAGE_SIZE, position})))
        return {items: page.items, next: page.position}
      }),
    listUsagePlans: () =>
      collectPages(async (position) => {
        const page = await call('GetUsagePlans', () => client.send(new GetUsagePlansCommand({limit: PAGE_SIZE, position})))
        return {items: page.items, next: page.position}
      }),
    createRestApi: (input: CreateRestApiCommandInput) => call('CreateRestApi', () => client.send(new CreateRestApiCommand(input))),
    importRestApi: (input: ImportRestApiCommandInput) => call('ImportRestApi', () => client.send(new ImportRestApiCommand(input))),
    putRestApi: (input: PutRestApiCommandInput) => call('PutRestApi', () => client.send(new PutRestApiCommand(input))),
    getExport: (input: GetExportCommandInput) => call('GetExport', () => client.send(new GetExportCommand(input))),
    deleteRestApi: (restApiId: string) => call('DeleteRestApi', () => client.send(new DeleteRestApiCommand({restApiId}))),
    createDeployment: (input: CreateDeploymentCommandInput) => call('CreateDeployment', () => client.send(new CreateDeploymentCommand(input))),
    getStage: (restApiId: string, stageName: string) => call('GetStage', () => client.send(new GetStageCommand({restApiId, stageName}))),
    createStage: (input: CreateStageCommandInput) => call('CreateStage', () => client.send(new CreateStageCommand(input))),
    updateStage: (restApiId: string, stageName: string, patchOperations: PatchOperation[]) =>
      call('UpdateStage', () => client.send(new UpdateStageCommand({restApiId, stageName, patchOperations}))),
    deleteStage: (restApiId: string, stageName: string) => call('DeleteStage', () => client.send(new DeleteStageCommand({restApiId, stageName}))),
    getDeployment: (restApiId: string, deploymentId: string) =>
      call('GetDeployment', () => client.send(new GetDeploymentCommand({restApiId, deploymentId}))),
    updateDeployment: (restApiId: string, deploymentId: string, patchOperations: PatchOperation[]) =>
      call('UpdateDeployment', () => client.send(new UpdateDeploymentCommand({restApiId, deploymentId, patchOperations}))),
    updateUsagePlan: (usagePlanId: string, patchOperations: PatchOperation[]) =>
      call('UpdateUsagePlan', () => client.send(new UpdateUsagePlanCommand({usagePlanId, patchOperations}))),
  }
}

export type RestGateway = ReturnType<typeof createRestGateway>
