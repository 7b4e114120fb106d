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
  GetTagsCommand,
  ImportApiCommand,
  ReimportApiCommand,
  ResetAuthorizersCacheCommand,
  UpdateDeploymentCommand,
  TagResourceCommand,
  UpdateStageCommand,
  CreateApiMappingCommand,
  CreateDomainNameCommand,
  DeleteApiMappingCommand,
  DeleteDomainNameCommand,
  GetApiMappingCommand,
  GetApiMappingsCommand,
  GetDomainNameCommand,
  GetDomainNamesCommand,
  UpdateApiMappingCommand,
  type CreateDomainNameCommandInput,
  type CreateApiCommandInput,
  type CreateDeploymentCommandInput,
  type CreateStageCommandInput,
  type ExportApiCommandInput,
  type ImportApiCommandInput,
  type ReimportApiCommandInput,
  type UpdateDeploymentCommandInput,
  type UpdateStageCommandInput,
} from '@aws-sdk/client-apigatewayv2'
import {unlessNotFound} from '../errors.js'
import {byRequestTag, deploymentFinder, newApi, withRequestTag, type ApisBefore} from './exactly-once.js'
import {collectPages} from './paging.js'
import {createSdkClient} from './sdk-client.js'
import type {AwsSession} from './session.js'

import type {Api as FullApi, Deployment as V2Deployment, Stage as FullStage} from '@aws-sdk/client-apigatewayv2'

export type {ApiMapping, DomainName as CustomDomain, Deployment as V2Deployment, Integration, Route, RouteSettings as V2RouteSettings, UpdateStageCommandInput as V2UpdateStageInput} from '@aws-sdk/client-apigatewayv2'
/** GetApis items and GetApi responses differ only in which fields the model marks required. */
export type Api = Partial<FullApi>
/** GetStages items and CreateStage/GetStage responses, likewise. */
export type V2Stage = Partial<FullStage>

/** The HTTP/WebSocket (v2) operations apigw uses. The JS SDK has no paginators for them (docs/aws-behaviour.md#version-2-lists-page-with-nexttoken). */
export function createV2Gateway(session: AwsSession) {
  const client = createSdkClient(session, 'apigatewayv2', (config) => new ApiGatewayV2Client(config))
  const call = <T>(operation: string, send: () => Promise<T>) => session.call('apigatewayv2', operation, send)
  const create = <T>(operation: string, send: (token: string) => Promise<T>, find?: (token: string) => Promise<unknown>) =>
    session.create('apigatewayv2', operation, send, find)
  const pages = <T>(operation: string, fetch: (NextToken?: string) => Promise<{Items?: T[]; NextToken?: string}>) =>
    collectPages(async (token) => {
      const page = await call(operation, () => fetch(token))
      return {items: page.Items, next: page.NextToken}
    })

  const gateway = {
    listApis: () => pages('GetApis', (NextToken) => client.send(new GetApisCommand({NextToken}))),
    getApi: (ApiId: string) => call('GetApi', () => client.send(new GetApiCommand({ApiId}))),
    listStages: (ApiId: string) => pages('GetStages', (NextToken) => client.send(new GetStagesCommand({ApiId, NextToken}))),
    listRoutes: (ApiId: string) => pages('GetRoutes', (NextToken) => client.send(new GetRoutesCommand({ApiId, NextToken}))),
    listIntegrations: (ApiId: string) =>
      pages('GetIntegrations', (NextToken) => client.send(new GetIntegrationsCommand({ApiId, NextToken}))),
    listDeployments: (ApiId: string) =>
      pages('GetDeployments', (NextToken) => client.send(new GetDeploymentsCommand({ApiId, NextToken}))),
    createApi: (input: CreateApiCommandInput) =>
      create(
        'CreateApi',
        (token) => client.send(new CreateApiCommand({...input, Tags: withRequestTag(input.Tags, token)})),
        async (token) => byRequestTag(await gateway.listApis(), (api) => api.Tags, token),
      ),
    /** ImportApi takes no tags: an import whose answer was lost is the API of its name that did not exist before. */
    importApi: (input: ImportApiCommandInput, before: ApisBefore) =>
      create(
        'ImportApi',
        () => client.send(new ImportApiCommand(input)),
        async () => newApi(await gateway.listApis(), before, (api) => ({id: api.ApiId, name: api.Name, created: api.CreatedDate})),
      ),
    reimportApi: (input: ReimportApiCommandInput) => call('ReimportApi', () => client.send(new ReimportApiCommand(input))),
    exportApi: (input: ExportApiCommandInput) => call('ExportApi', () => client.send(new ExportApiCommand(input))),
    deleteApi: (ApiId: string) => call('DeleteApi', () => client.send(new DeleteApiCommand({ApiId}))),
    createDeployment: (input: CreateDeploymentCommandInput) => {
      const {ApiId = '', StageName} = input
      const runningOnStage = async () => (await gateway.getStage(ApiId, StageName ?? '').catch(unlessNotFound))?.DeploymentId
      const find = deploymentFinder(
        {description: input.Description, since: session.now(), runningOnStage: StageName === undefined ? undefined : runningOnStage},
        {
          get: (id) => gateway.getDeployment(ApiId, id).catch(unlessNotFound),
          all: () => gateway.listDeployments(ApiId),
          fields: (deployment: V2Deployment) => ({description: deployment.Description, created: deployment.CreatedDate}),
        },
      )
      return create('CreateDeployment', () => client.send(new CreateDeploymentCommand(input)), find)
    },
    createStage: (input: CreateStageCommandInput) =>
      create(
        'CreateStage',
        (token) => client.send(new CreateStageCommand({...input, Tags: withRequestTag(input.Tags, token)})),
        async (token) => byRequestTag([await gateway.getStage(input.ApiId ?? '', input.StageName ?? '').catch(unlessNotFound)], (stage) => stage?.Tags, token),
      ),
    getStage: (ApiId: string, StageName: string) => call('GetStage', () => client.send(new GetStageCommand({ApiId, StageName}))),
    updateStage: (input: UpdateStageCommandInput) => call('UpdateStage', () => client.send(new UpdateStageCommand(input))),
    deleteStage: (ApiId: string, StageName: string) => call('DeleteStage', () => client.send(new DeleteStageCommand({ApiId, StageName}))),
    // Tags of an API or stage by ARN (docs/aws-behaviour.md#version-2-tags).
    getTags: async (ResourceArn: string) => (await call('GetTags', () => client.send(new GetTagsCommand({ResourceArn})))).Tags ?? {},
    tagResource: (ResourceArn: string, Tags: Record<string, string>) => call('TagResource', () => client.send(new TagResourceCommand({ResourceArn, Tags}))),
    resetAuthorizersCache: (ApiId: string, StageName: string) =>
      call('ResetAuthorizersCache', () => client.send(new ResetAuthorizersCacheCommand({ApiId, StageName}))),
    getDeployment: (ApiId: string, DeploymentId: string) =>
      call('GetDeployment', () => client.send(new GetDeploymentCommand({ApiId, DeploymentId}))),
    updateDeployment: (input: UpdateDeploymentCommandInput) => call('UpdateDeployment', () => client.send(new UpdateDeploymentCommand(input))),
    // Custom domain names and API mappings (apigw domains): one set per region, v1's and v2's alike
    // (docs/aws-behaviour.md#custom-domain-names-are-shared-by-v1-and-v2).
    listCustomDomains: () => pages('GetDomainNames', (NextToken) => client.send(new GetDomainNamesCommand({NextToken}))),
    getCustomDomain: (DomainName: string) => call('GetDomainName', () => client.send(new GetDomainNameCommand({DomainName}))),
    createCustomDomain: (input: CreateDomainNameCommandInput) =>
      create(
        'CreateDomainName',
        (token) => client.send(new CreateDomainNameCommand({...input, Tags: withRequestTag(input.Tags, token)})),
        async (token) => byRequestTag([await gateway.getCustomDomain(input.DomainName ?? '').catch(unlessNotFound)], (domain) => domain?.Tags, token),
      ),
    deleteCustomDomain: (DomainName: string) => call('DeleteDomainName', () => client.send(new DeleteDomainNameCommand({DomainName}))),
    listApiMappings: (DomainName: string) => pages('GetApiMappings', (NextToken) => client.send(new GetApiMappingsCommand({DomainName, NextToken}))),
    getApiMapping: (DomainName: string, ApiMappingId: string) =>
      call('GetApiMapping', () => client.send(new GetApiMappingCommand({DomainName, ApiMappingId}))),
    /** apigw maps a key only after seeing it free: found mapped to the same stage after a lost answer, it is this call's. */
    createApiMapping: (DomainName: string, ApiMappingKey: string, ApiId: string, Stage: string) =>
      create(
        'CreateApiMapping',
        () => client.send(new CreateApiMappingCommand({DomainName, ApiMappingKey, ApiId, Stage})),
        async () => (await gateway.listApiMappings(DomainName)).find((found) => (found.ApiMappingKey ?? '') === ApiMappingKey && found.ApiId === ApiId && found.Stage === Stage),
      ),
    updateApiMapping: (DomainName: string, ApiMappingId: string, target: {ApiId: string; Stage: string}) =>
      call('UpdateApiMapping', () => client.send(new UpdateApiMappingCommand({DomainName, ApiMappingId, ...target}))),
    deleteApiMapping: (DomainName: string, ApiMappingId: string) =>
      call('DeleteApiMapping', () => client.send(new DeleteApiMappingCommand({DomainName, ApiMappingId}))),
  }
  return gateway
}

export type V2Gateway = ReturnType<typeof createV2Gateway>
