import {
  ApiGatewayV2Client,
  CreateApiCommand,
  CreateDeploymentCommand,
  CreateStageCommand,
  DeleteApiCommand,
  DeleteStageCommand,
  ExportApiCommand,
  GetApiCommand,
  GetApisCommand,
  GetDeploymentCommand,
  GetDeploymentsCommand,
  GetIntegrationsCommand,
  GetRoutesCommand,
  GetStageCommand,
  GetStagesCommand,
  ImportApiCommand,
  ReimportApiCommand,
  ResetAuthorizersCacheCommand,
  UpdateDeploymentCommand,
  UpdateStageCommand,
  type CreateApiCommandInput,
  type CreateDeploymentCommandInput,
  type CreateStageCommandInput,
  type ExportApiCommandInput,
  type ImportApiCommandInput,
  type ReimportApiCommandInput,
  type UpdateDeploymentCommandInput,
  type UpdateStageCommandInput,
} from '@aws-sdk/client-apigatewayv2'
import {collectPages} from './paging.js'
import type {AwsSession} from './session.js'

import type {Api as FullApi, Stage as FullStage} from '@aws-sdk/client-apigatewayv2'

export type {Deployment as V2Deployment, Integration, Route, RouteSettings as V2RouteSettings, UpdateStageCommandInput as V2UpdateStageInput} from '@aws-sdk/client-apigatewayv2'
/** GetApis items and GetApi responses differ only in which fields the model marks required. */
export type Api = Partial<FullApi>
/** GetStages items and CreateStage/GetStage responses, likewise. */
export type V2Stage = Partial<FullStage>

/** The HTTP/WebSocket (v2) operations apigw uses. The JS SDK has no paginators for them (aws-facts §5). */
export function createV2Gateway(session: AwsSession) {
  const client = new ApiGatewayV2Client(session.clientConfig('apigatewayv2'))
  const call = <T>(operation: string, send: () => Promise<T>) => session.call('apigatewayv2', operation, send)
  const pages = <T>(operation: string, fetch: (NextToken?: string) => Promise<{Items?: T[]; NextToken?: string}>) =>
    collectPages(async (token) => {
      const page = await call(operation, () => fetch(token))
      return {items: page.Items, next: page.NextToken}
    })

  return {
    listApis: () => pages('GetApis', (NextToken) => client.send(new GetApisCommand({NextToken}))),
    getApi: (ApiId: string) => call('GetApi', () => client.send(new GetApiCommand({ApiId}))),
    listStages: (ApiId: string) => pages('GetStages', (NextToken) => client.send(new GetStagesCommand({ApiId, NextToken}))),
    listRoutes: (ApiId: string) => pages('GetRoutes', (NextToken) => client.send(new GetRoutesCommand({ApiId, NextToken}))),
    listIntegrations: (ApiId: string) =>
      pages('GetIntegrations', (NextToken) => client.send(new GetIntegrationsCommand({ApiId, NextToken}))),
    listDeployments: (ApiId: string) =>
      pages('GetDeployments', (NextToken) => client.send(new GetDeploymentsCommand({ApiId, NextToken}))),
    createApi: (input: CreateApiCommandInput) => call('CreateApi', () => client.send(new CreateApiCommand(input))),
    importApi: (input: ImportApiCommandInput) => call('ImportApi', () => client.send(new ImportApiCommand(input))),
    reimportApi: (input: ReimportApiCommandInput) => call('ReimportApi', () => client.send(new ReimportApiCommand(input))),
    exportApi: (input: ExportApiCommandInput) => call('ExportApi', () => client.send(new ExportApiCommand(input))),
    deleteApi: (ApiId: string) => call('DeleteApi', () => client.send(new DeleteApiCommand({ApiId}))),
    createDeployment: (input: CreateDeploymentCommandInput) => call('CreateDeployment', () => client.send(new CreateDeploymentCommand(input))),
    createStage: (input: CreateStageCommandInput) => call('CreateStage', () => client.send(new CreateStageCommand(input))),
    getStage: (ApiId: string, StageName: string) => call('GetStage', () => client.send(new GetStageCommand({ApiId, StageName}))),
    updateStage: (input: UpdateStageCommandInput) => call('UpdateStage', () => client.send(new UpdateStageCommand(input))),
    deleteStage: (ApiId: string, StageName: string) => call('DeleteStage', () => client.send(new DeleteStageCommand({ApiId, StageName}))),
    resetAuthorizersCache: (ApiId: string, StageName: string) =>
      call('ResetAuthorizersCache', () => client.send(new ResetAuthorizersCacheCommand({ApiId, StageName}))),
    getDeployment: (ApiId: string, DeploymentId: string) =>
      call('GetDeployment', () => client.send(new GetDeploymentCommand({ApiId, DeploymentId}))),
    updateDeployment: (input: UpdateDeploymentCommandInput) => call('UpdateDeployment', () => client.send(new UpdateDeploymentCommand(input))),
  }
}

export type V2Gateway = ReturnType<typeof createV2Gateway>
