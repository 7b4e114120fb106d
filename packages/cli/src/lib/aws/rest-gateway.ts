import {
  APIGatewayClient,
  CreateApiKeyCommand,
  CreateUsagePlanCommand,
  CreateUsagePlanKeyCommand,
  DeleteApiKeyCommand,
  DeleteUsagePlanCommand,
  DeleteUsagePlanKeyCommand,
  FlushStageAuthorizersCacheCommand,
  FlushStageCacheCommand,
  GetApiKeyCommand,
  GetApiKeysCommand,
  GetTagsCommand,
  GetUsageCommand,
  GetUsagePlanCommand,
  GetUsagePlanKeyCommand,
  GetUsagePlanKeysCommand,
  ImportApiKeysCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateApiKeyCommand,
  CreateDeploymentCommand,
  CreateRestApiCommand,
  CreateStageCommand,
  DeleteRestApiCommand,
  DeleteStageCommand,
  GetDeploymentCommand,
  GetDeploymentsCommand,
  GetDomainNamesCommand,
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
  CreateBasePathMappingCommand,
  DeleteBasePathMappingCommand,
  GetBasePathMappingCommand,
  UpdateBasePathMappingCommand,
  type CreateApiKeyCommandInput,
  type Deployment,
  type CreateDeploymentCommandInput,
  type CreateUsagePlanCommandInput,
  type GetUsageCommandInput,
  type CreateRestApiCommandInput,
  type CreateStageCommandInput,
  type GetExportCommandInput,
  type ImportRestApiCommandInput,
  type PatchOperation,
  type PutRestApiCommandInput,
} from '@aws-sdk/client-api-gateway'
import {collectPages} from './paging.js'
import {unlessNotFound} from '../errors.js'
import {byRequestTag, deploymentFinder, newApi, withRequestTag, type ApisBefore} from './exactly-once.js'
import {createSdkClient} from './sdk-client.js'
import type {AwsSession} from './session.js'

export type {ApiKey, Deployment, DomainName, MethodSetting, PatchOperation, Resource, RestApi, Stage, UsagePlan} from '@aws-sdk/client-api-gateway'

/** API Gateway v1 page size maximum (docs/aws-behaviour.md#rest-lists-page-by-position): fewer round trips on large accounts. */
const PAGE_SIZE = 500

/** The REST (v1) operations apigw uses, and nothing else. */
export function createRestGateway(session: AwsSession) {
  const client = createSdkClient(session, 'apigateway', (config) => new APIGatewayClient(config))
  const call = <T>(operation: string, send: () => Promise<T>) => session.call('apigateway', operation, send)
  const create = <T>(operation: string, send: (token: string) => Promise<T>, find?: (token: string) => Promise<unknown>) =>
    session.create('apigateway', operation, send, find)

  const gateway = {
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
    createRestApi: (input: CreateRestApiCommandInput) =>
      create(
        'CreateRestApi',
        (token) => client.send(new CreateRestApiCommand({...input, tags: withRequestTag(input.tags, token)})),
        async (token) => byRequestTag(await gateway.listRestApis(), (api) => api.tags, token),
      ),
    /** ImportRestApi takes no tags: an import whose answer was lost is the API of its name that did not exist before. */
    importRestApi: (input: ImportRestApiCommandInput, before: ApisBefore) =>
      create(
        'ImportRestApi',
        () => client.send(new ImportRestApiCommand(input)),
        async () => newApi(await gateway.listRestApis(), before, (api) => ({id: api.id, name: api.name, created: api.createdDate})),
      ),
    putRestApi: (input: PutRestApiCommandInput) => call('PutRestApi', () => client.send(new PutRestApiCommand(input))),
    getExport: (input: GetExportCommandInput) => call('GetExport', () => client.send(new GetExportCommand(input))),
    deleteRestApi: (restApiId: string) => call('DeleteRestApi', () => client.send(new DeleteRestApiCommand({restApiId}))),
    createDeployment: (input: CreateDeploymentCommandInput) => {
      const {restApiId = '', stageName, canarySettings} = input
      const runningOnStage = async () => {
        const stage = await gateway.getStage(restApiId, stageName ?? '').catch(unlessNotFound)
        return (canarySettings ? stage?.canarySettings?.deploymentId : stage?.deploymentId) ?? undefined
      }
      const find = deploymentFinder(
        {description: input.description, since: session.now(), runningOnStage: stageName === undefined ? undefined : runningOnStage},
        {
          get: (id) => gateway.getDeployment(restApiId, id).catch(unlessNotFound),
          all: () => gateway.listDeployments(restApiId),
          fields: (deployment: Deployment) => ({description: deployment.description, created: deployment.createdDate}),
        },
      )
      return create('CreateDeployment', () => client.send(new CreateDeploymentCommand(input)), find)
    },
    getStage: (restApiId: string, stageName: string) => call('GetStage', () => client.send(new GetStageCommand({restApiId, stageName}))),
    createStage: (input: CreateStageCommandInput) =>
      create(
        'CreateStage',
        (token) => client.send(new CreateStageCommand({...input, tags: withRequestTag(input.tags, token)})),
        async (token) => byRequestTag([await gateway.getStage(input.restApiId ?? '', input.stageName ?? '').catch(unlessNotFound)], (stage) => stage?.tags, token),
      ),
    updateStage: (restApiId: string, stageName: string, patchOperations: PatchOperation[]) =>
      call('UpdateStage', () => client.send(new UpdateStageCommand({restApiId, stageName, patchOperations}))),
    deleteStage: (restApiId: string, stageName: string) => call('DeleteStage', () => client.send(new DeleteStageCommand({restApiId, stageName}))),
    flushStageCache: (restApiId: string, stageName: string) => call('FlushStageCache', () => client.send(new FlushStageCacheCommand({restApiId, stageName}))),
    flushStageAuthorizersCache: (restApiId: string, stageName: string) =>
      call('FlushStageAuthorizersCache', () => client.send(new FlushStageAuthorizersCacheCommand({restApiId, stageName}))),
    getDeployment: (restApiId: string, deploymentId: string) =>
      call('GetDeployment', () => client.send(new GetDeploymentCommand({restApiId, deploymentId}))),
    updateDeployment: (restApiId: string, deploymentId: string, patchOperations: PatchOperation[]) =>
      call('UpdateDeployment', () => client.send(new UpdateDeploymentCommand({restApiId, deploymentId, patchOperations}))),
    updateUsagePlan: (usagePlanId: string, patchOperations: PatchOperation[]) =>
      call('UpdateUsagePlan', () => client.send(new UpdateUsagePlanCommand({usagePlanId, patchOperations}))),
    /** The plans a key belongs to (GetUsagePlans with keyId). */
    listUsagePlansOfKey: (keyId: string) =>
      collectPages(async (position) => {
        const page = await call('GetUsagePlans', () => client.send(new GetUsagePlansCommand({keyId, limit: PAGE_SIZE, position})))
        return {items: page.items, next: page.position}
      }),
    getUsagePlan: (usagePlanId: string) => call('GetUsagePlan', () => client.send(new GetUsagePlanCommand({usagePlanId}))),
    createUsagePlan: (input: CreateUsagePlanCommandInput) =>
      create(
        'CreateUsagePlan',
        (token) => client.send(new CreateUsagePlanCommand({...input, tags: withRequestTag(input.tags, token)})),
        async (token) => byRequestTag(await gateway.listUsagePlans(), (plan) => plan.tags, token),
      ),
    deleteUsagePlan: (usagePlanId: string) => call('DeleteUsagePlan', () => client.send(new DeleteUsagePlanCommand({usagePlanId}))),
    listUsagePlanKeys: (usagePlanId: string) =>
      collectPages(async (position) => {
        const page = await call('GetUsagePlanKeys', () => client.send(new GetUsagePlanKeysCommand({usagePlanId, limit: PAGE_SIZE, position})))
        return {items: page.items, next: page.position}
      }),
    /** apigw adds a key to a plan only after seeing it is not there: found there after a lost answer, it is this call's. */
    createUsagePlanKey: (usagePlanId: string, keyId: string) =>
      create(
        'CreateUsagePlanKey',
        () => client.send(new CreateUsagePlanKeyCommand({usagePlanId, keyId, keyType: 'API_KEY'})),
        () => call('GetUsagePlanKey', () => client.send(new GetUsagePlanKeyCommand({usagePlanId, keyId}))).catch(unlessNotFound),
      ),
    deleteUsagePlanKey: (usagePlanId: string, keyId: string) =>
      call('DeleteUsagePlanKey', () => client.send(new DeleteUsagePlanKeyCommand({usagePlanId, keyId}))),
    /** GetUsage, all pages merged: key id → one [used, remaining] pair per day. */
    getUsage: async (input: Omit<GetUsageCommandInput, 'position' | 'limit'>) => {
      const items: Record<string, number[][]> = {}
      await collectPages(async (position) => {
        const page = await call('GetUsage', () => client.send(new GetUsageCommand({...input, limit: PAGE_SIZE, position})))
        Object.assign(items, page.items)
        return {next: page.position}
      })
      return items
    },
    /** API keys, newest first; values only when asked for (includeValues). */
    listApiKeys: (filter: {nameQuery?: string; customerId?: string; includeValues?: boolean} = {}) =>
      collectPages(async (position) => {
        const page = await call('GetApiKeys', () => client.send(new GetApiKeysCommand({...filter, limit: PAGE_SIZE, position})))
        return {items: page.items, next: page.position}
      }),
    getApiKey: (apiKey: string, includeValue = false) => call('GetApiKey', () => client.send(new GetApiKeyCommand({apiKey, includeValue}))),
    createApiKey: (input: CreateApiKeyCommandInput) =>
      create(
        'CreateApiKey',
        (token) => client.send(new CreateApiKeyCommand({...input, tags: withRequestTag(input.tags, token)})),
        async (token) => byRequestTag(await gateway.listApiKeys({nameQuery: input.name, includeValues: true}), (key) => key.tags, token),
      ),
    updateApiKey: (apiKey: string, patchOperations: PatchOperation[]) =>
      call('UpdateApiKey', () => client.send(new UpdateApiKeyCommand({apiKey, patchOperations}))),
    deleteApiKey: (apiKey: string) => call('DeleteApiKey', () => client.send(new DeleteApiKeyCommand({apiKey}))),
    /** ImportApiKeys from AWS's CSV format; failOnWarnings so that a bad row imports nothing. */
    /** `values` are the CSV's key values, which no other key has (keys import checks): found after a lost answer, they are this call's. */
    importApiKeys: (csv: string, values: string[]) =>
      create(
        'ImportApiKeys',
        () => client.send(new ImportApiKeysCommand({body: new TextEncoder().encode(csv), format: 'csv', failOnWarnings: true})),
        async () => {
          const wanted = new Set(values)
          const ids = (await gateway.listApiKeys({includeValues: true})).filter((key) => wanted.has(key.value ?? '')).map((key) => key.id ?? '')
          return ids.length > 0 ? {ids, warnings: []} : undefined
        },
      ),
    /** Custom domain names with their TLS security policy, for `apigw doctor` (a name of its own: `apigw domains` adds its own domain methods). */
    listDomainNamesForAudit: () =>
      collectPages(async (position) => {
        const page = await call('GetDomainNames', () => client.send(new GetDomainNamesCommand({limit: PAGE_SIZE, position})))
        return {items: page.items, next: page.position}
      }),
    getTags: async (resourceArn: string) => (await call('GetTags', () => client.send(new GetTagsCommand({resourceArn})))).tags ?? {},
    tagResource: (resourceArn: string, tags: Record<string, string>) => call('TagResource', () => client.send(new TagResourceCommand({resourceArn, tags}))),
    untagResource: (resourceArn: string, tagKeys: string[]) =>
      call('UntagResource', () => client.send(new UntagResourceCommand({resourceArn, tagKeys}))),
    // Base path mappings of custom domain names (apigw domains); basePath '(none)' is the empty one.
    getBasePathMapping: (domainName: string, basePath: string) =>
      call('GetBasePathMapping', () => client.send(new GetBasePathMappingCommand({domainName, basePath}))),
    /** apigw maps a base path only after seeing it free: found mapped to the same stage after a lost answer, it is this call's. */
    createBasePathMapping: (domainName: string, basePath: string, restApiId: string, stage: string) =>
      create(
        'CreateBasePathMapping',
        () => client.send(new CreateBasePathMappingCommand({domainName, basePath, restApiId, stage})),
        async () => {
          const found = await gateway.getBasePathMapping(domainName, basePath || '(none)').catch(unlessNotFound)
          return found?.restApiId === restApiId && found.stage === stage ? found : undefined
        },
      ),
    updateBasePathMapping: (domainName: string, basePath: string, patchOperations: PatchOperation[]) =>
      call('UpdateBasePathMapping', () => client.send(new UpdateBasePathMappingCommand({domainName, basePath, patchOperations}))),
    deleteBasePathMapping: (domainName: string, basePath: string) =>
      call('DeleteBasePathMapping', () => client.send(new DeleteBasePathMappingCommand({domainName, basePath}))),
  }
  return gateway
}

export type RestGateway = ReturnType<typeof createRestGateway>
