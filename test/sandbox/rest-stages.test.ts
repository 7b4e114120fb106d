import {
  CreateDeploymentCommand,
  CreateStageCommand,
  DeleteDeploymentCommand,
  DeleteStageCommand,
  FlushStageAuthorizersCacheCommand,
  FlushStageCacheCommand,
  GetDeploymentCommand,
  GetDeploymentsCommand,
  GetStageCommand,
  GetStagesCommand,
  UpdateDeploymentCommand,
  UpdateStageCommand,
  type APIGatewayClient,
  type PatchOperation,
} from '@aws-sdk/client-api-gateway'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {TABLES, type ResourceRecord, type StageRecord} from '../../packages/sandbox/src/model.js'
import {sdkClients, startTestSandbox, type Sandbox} from '../helpers/sandbox.js'
import {seedRestApi} from '../helpers/sandbox-seed.js'
import {failure} from './sdk-failure.js'
import {fakeClock} from '../unit/fake-clock.js'

const badRequest = (message: string) => ({name: 'BadRequestException', status: 400, message})

/** AWS's list of valid UpdateStage paths, as recorded in its error message (throttling paths run together). */
const VALID_PATHS =
  '[/deploymentId, /description, /cacheClusterEnabled, /cacheClusterSize, /clientCertificateId, /accessLogSettings, /accessLogSettings/destinationArn, /accessLogSettings/format, /{resourcePath}/{httpMethod}/metrics/enabled, /{resourcePath}/{httpMethod}/logging/dataTrace, /{resourcePath}/{httpMethod}/logging/loglevel, /{resourcePath}/{httpMethod}/throttling/burstLimit/{resourcePath}/{httpMethod}/throttling/rateLimit/{resourcePath}/{httpMethod}/caching/ttlInSeconds, /{resourcePath}/{httpMethod}/caching/enabled, /{resourcePath}/{httpMethod}/caching/dataEncrypted, /{resourcePath}/{httpMethod}/caching/requireAuthorizationForCacheControl, /{resourcePath}/{httpMethod}/caching/unauthorizedCacheControlHeaderStrategy, /*/*/metrics/enabled, /*/*/logging/dataTrace, /*/*/logging/loglevel, /*/*/throttling/burstLimit /*/*/throttling/rateLimit /*/*/caching/ttlInSeconds, /*/*/caching/enabled, /*/*/caching/dataEncrypted, /*/*/caching/requireAuthorizationForCacheControl, /*/*/caching/unauthorizedCacheControlHeaderStrategy, /variables/{variable_name}, /tracingEnabled]'

const DEFAULT_METHOD_SETTING = {
  metricsEnabled: false,
  dataTraceEnabled: false,
  throttlingBurstLimit: 5000,
  throttlingRateLimit: 10000,
  cachingEnabled: false,
  cacheTtlInSeconds: 300,
  cacheDataEncrypted: false,
  requireAuthorizationForCacheControl: true,
  unauthorizedCacheControlHeaderStrategy: 'SUCCEED_WITH_RESPONSE_HEADER',
}

const CACHE_DELAY_MS = 240_000

describe('sandbox REST deployments, stages, canaries and cache (docs/aws-behaviour.md#stages-and-deployments)', () => {
  const clock = fakeClock()
  let sandbox: Sandbox
  let rest: APIGatewayClient
  beforeAll(async () => {
    await clock.sleep(1_700_000_000_000)
    sandbox = await startTestSandbox({clock, transitionDelayMs: CACHE_DELAY_MS})
    rest = sdkClients(sandbox.endpoint).rest
  })
  afterAll(() => sandbox.stop())

  /** A REST API with `GET /` and `GET /pets`, put straight into the store (the API service is another's). */
  function newApi(methods = true): string {
    const {store, newId} = sandbox.context
    const restApiId = newId(10)
    const rootId = newId(10)
    seedRestApi(store, {id: restApiId, name: `api-${restApiId}`, createdDate: clock.now(), rootResourceId: rootId})
    const get = methods ? {GET: {httpMethod: 'GET', authorizationType: 'NONE', apiKeyRequired: false, methodIntegration: {type: 'MOCK', timeoutInMillis: 29000, cacheKeyParameters: []}}} : undefined
    const resources: ResourceRecord[] = [
      {id: rootId, path: '/', resourceMethods: get},
      {id: newId(10), parentId: rootId, pathPart: 'pets', path: '/pets', resourceMethods: get && {GET: {...get.GET, apiKeyRequired: true}}},
    ]
    for (const resource of resources) store.put(TABLES.resources, `${restApiId}/${resource.id}`, resource)
    return restApiId
  }

  const deploy = (restApiId: string, input: Omit<ConstructorParameters<typeof CreateDeploymentCommand>[0], 'restApiId'> = {}) =>
    rest.send(new CreateDeploymentCommand({restApiId, ...input}))
  const getStage = (restApiId: string, stageName: string) => rest.send(new GetStageCommand({restApiId, stageName}))
  const patch = (restApiId: string, stageName: string, ...patchOperations: PatchOperation[]) =>
    rest.send(new UpdateStageCommand({restApiId, stageName, patchOperations}))
  const replace = (path: string, value: string): PatchOperation => ({op: 'replace', path, value})
  const storedStage = (restApiId: string, stageName: string) => sandbox.context.store.get<StageRecord>(TABLES.stages, `${restApiId}/${stageName.toLowerCase()}`)!

  /** An API with two deployments, the first behind stage `prod` (variables {color: blue}, a description). */
  async function apiWithStage() {
    const restApiId = newApi()
    const first = await deploy(restApiId, {stageName: 'prod', stageDescription: 'production', variables: {color: 'blue', size: 'L'}})
    const second = await deploy(restApiId)
    return {restApiId, first: first.id!, second: second.id!}
  }

  describe('deployments (docs/aws-behaviour.md#stages-and-deployments)', () => {
    it('CreateDeployment answers 201 {id, createdDate, description}; Get, Update and paged GetDeployments read it back', async () => {
      const restApiId = newApi()
      const created = await deploy(restApiId, {description: 'release 1'})
      expect(created.$metadata.httpStatusCode).toBe(201)
      expect(created.id).toMatch(/^[a-z0-9]{6}$/)
      expect(created.createdDate).toEqual(new Date(clock.now()))
      expect(created.description).toBe('release 1')
      await deploy(restApiId)
      await deploy(restApiId, {description: 'release 3'})

      const fetched = await rest.send(new GetDeploymentCommand({restApiId, deploymentId: created.id, embed: ['apisummary']}))
      expect(fetched.apiSummary).toEqual({'/': {GET: {authorizationType: 'NONE', apiKeyRequired: false}}, '/pets': {GET: {authorizationType: 'NONE', apiKeyRequired: true}}})
      const updated = await rest.send(new UpdateDeploymentCommand({restApiId, deploymentId: created.id, patchOperations: [replace('/description', 'first release')]}))
      expect(updated.description).toBe('first release')

      const page1 = await rest.send(new GetDeploymentsCommand({restApiId, limit: 2}))
      expect(page1.items!.map((item) => item.id)).toHaveLength(2)
      expect(page1.items![0]).toEqual({id: created.id, description: 'first release', createdDate: created.createdDate})
      const page2 = await rest.send(new GetDeploymentsCommand({restApiId, limit: 2, position: page1.position}))
      expect(page2.items!.map((item) => item.description)).toEqual(['release 3'])
      expect(page2.position).toBeUndefined()
    })

    it('CreateDeployment with stageName creates the stage, then repoints it keeping its other settings', async () => {
      const {restApiId, first} = await apiWithStage()
      const stage = await getStage(restApiId, 'prod')
      expect(stage).toMatchObject({deploymentId: first, description: 'production', variables: {color: 'blue', size: 'L'}})
      await patch(restApiId, 'prod', replace('/*/*/metrics/enabled', 'true'))

      const next = await deploy(restApiId, {stageName: 'prod'})
      const repointed = await getStage(restApiId, 'prod')
      expect(repointed).toMatchObject({deploymentId: next.id, description: 'production', variables: {color: 'blue', size: 'L'}})
      expect(repointed.methodSettings!['*/*'].metricsEnabled).toBe(true)
      expect(repointed.createdDate).toEqual(stage.createdDate)
    })

    it('DeleteDeployment answers 202, but 400 while a stage or a canary uses the deployment', async () => {
      const {restApiId, first, second} = await apiWithStage()
      const inUse = badRequest('Active stages pointing to this deployment must be moved or deleted')
      expect(await failure(rest.send(new DeleteDeploymentCommand({restApiId, deploymentId: first})))).toEqual(inUse)
      await patch(restApiId, 'prod', replace('/canarySettings/deploymentId', second))
      expect(await failure(rest.send(new DeleteDeploymentCommand({restApiId, deploymentId: second})))).toEqual(inUse)

      await patch(restApiId, 'prod', {op: 'remove', path: '/canarySettings'})
      const deleted = await rest.send(new DeleteDeploymentCommand({restApiId, deploymentId: second}))
      expect(deleted.$metadata.httpStatusCode).toBe(202)
      expect(await failure(rest.send(new GetDeploymentCommand({restApiId, deploymentId: second})))).toEqual({
        name: 'NotFoundException',
        status: 404,
        message: 'Invalid Deployment identifier specified',
      })
    })

    it('refuses to deploy an API without methods, and answers 404 for an unknown API', async () => {
      expect(await failure(deploy(newApi(false)))).toEqual(badRequest("The REST API doesn't contain any methods"))
      expect(await failure(deploy('nosuchapi'))).toEqual({name: 'NotFoundException', status: 404, message: 'Invalid API identifier specified 123456789012:nosuchapi'})
      expect(await failure(rest.send(new GetStagesCommand({restApiId: 'nosuchapi'})))).toMatchObject({status: 404})
    })
  })

  describe('stages (docs/aws-behaviour.md#a-fresh-rest-stage)', () => {
    it('CreateStage answers 201 with the fresh stage shape: no variables or description keys, cache NOT_AVAILABLE', async () => {
      const {restApiId, second} = await apiWithStage()
      const created = await rest.send(new CreateStageCommand({restApiId, stageName: 'dev', deploymentId: second}))
      expect(created.$metadata.httpStatusCode).toBe(201)
      const raw = await (await fetch(`${sandbox.endpoint}/restapis/${restApiId}/stages/dev`)).json()
      expect(raw).toEqual({
        deploymentId: second,
        stageName: 'dev',
        cacheClusterEnabled: false,
        cacheClusterStatus: 'NOT_AVAILABLE',
        methodSettings: {},
        tracingEnabled: false,
        createdDate: clock.now() / 1000,
        lastUpdatedDate: clock.now() / 1000,
      })
    })

    it('GetStages answers {item: [...]}, filtered by deploymentId when asked', async () => {
      const {restApiId, first, second} = await apiWithStage()
      await rest.send(new CreateStageCommand({restApiId, stageName: 'dev', deploymentId: second}))
      const raw = await (await fetch(`${sandbox.endpoint}/restapis/${restApiId}/stages`)).json()
      expect(raw.item.map((stage: {stageName: string}) => stage.stageName)).toEqual(['prod', 'dev'])
      const filtered = await rest.send(new GetStagesCommand({restApiId, deploymentId: first}))
      expect(filtered.item!.map((stage) => stage.stageName)).toEqual(['prod'])
    })

    it('finds stages case-insensitively and answers 404 Invalid Stage identifier specified for a missing one', async () => {
      const {restApiId} = await apiWithStage()
      expect((await getStage(restApiId, 'PROD')).stageName).toBe('prod')
      const missing = {name: 'NotFoundException', status: 404, message: 'Invalid Stage identifier specified'}
      expect(await failure(getStage(restApiId, 'staging'))).toEqual(missing)
      expect(await failure(patch(restApiId, 'staging', replace('/description', 'x')))).toEqual(missing)
      expect(await failure(rest.send(new DeleteStageCommand({restApiId, stageName: 'staging'})))).toEqual(missing)
    })

    it('CreateStage answers 409 Stage already exists for a duplicate name, and 400 for an unknown deployment', async () => {
      const {restApiId, second} = await apiWithStage()
      expect(await failure(rest.send(new CreateStageCommand({restApiId, stageName: 'Prod', deploymentId: second})))).toEqual({
        name: 'ConflictException',
        status: 409,
        message: 'Stage already exists',
      })
      expect(await failure(rest.send(new CreateStageCommand({restApiId, stageName: 'dev', deploymentId: 'nope00'})))).toEqual(badRequest('Deployment id does not exist'))
    })

    it('DeleteStage answers 202 and the stage is gone', async () => {
      const {restApiId} = await apiWithStage()
      const deleted = await rest.send(new DeleteStageCommand({restApiId, stageName: 'Prod'}))
      expect(deleted.$metadata.httpStatusCode).toBe(202)
      expect(await failure(getStage(restApiId, 'prod'))).toMatchObject({status: 404})
    })
  })

  describe('UpdateStage (docs/aws-behaviour.md#updatestage-takes-a-fixed-list-of-paths)', () => {
    it('sets and removes description, variables, tracing, access logging, client certificate and deploymentId', async () => {
      const {restApiId, second} = await apiWithStage()
      // The certificate must exist (docs/aws-behaviour.md#client-certificates).
      sandbox.context.store.put(TABLES.clientCertificates, 'cert01', {clientCertificateId: 'cert01', pemEncodedCertificate: '', createdDate: 0, expirationDate: 0})
      const stage = await patch(
        restApiId,
        'prod',
        replace('/description', 'blue/green'),
        {op: 'add', path: '/variables/region', value: 'eu'},
        replace('/variables/color', 'green'),
        {op: 'remove', path: '/variables/size'},
        replace('/tracingEnabled', 'true'),
        replace('/accessLogSettings/destinationArn', 'arn:aws:logs:us-east-1:123456789012:log-group:access'),
        replace('/accessLogSettings/format', '$context.requestId'),
        replace('/clientCertificateId', 'cert01'),
        replace('/deploymentId', second),
      )
      expect(stage).toMatchObject({
        description: 'blue/green',
        variables: {color: 'green', region: 'eu'},
        tracingEnabled: true,
        accessLogSettings: {destinationArn: 'arn:aws:logs:us-east-1:123456789012:log-group:access', format: '$context.requestId'},
        clientCertificateId: 'cert01',
        deploymentId: second,
      })
      const cleared = await patch(
        restApiId,
        'prod',
        {op: 'remove', path: '/description'},
        {op: 'remove', path: '/variables/color'},
        {op: 'remove', path: '/variables/region'},
        {op: 'remove', path: '/accessLogSettings'},
      )
      expect(cleared.description).toBeUndefined()
      expect(cleared.variables).toBeUndefined()
      expect(cleared.accessLogSettings).toBeUndefined()
      expect(await failure(patch(restApiId, 'prod', replace('/deploymentId', 'nope00')))).toEqual(badRequest('Deployment id does not exist'))
    })

    it('creates method settings keyed */* and pets/GET with AWS defaults, a new entry copying */* as it is then', async () => {
      const {restApiId} = await apiWithStage()
      const wildcard = await patch(restApiId, 'prod', replace('/*/*/metrics/enabled', 'true'), replace('/*/*/throttling/rateLimit', '50.5'))
      expect(wildcard.methodSettings).toEqual({'*/*': {...DEFAULT_METHOD_SETTING, metricsEnabled: true, throttlingRateLimit: 50.5}})

      const perMethod = await patch(restApiId, 'prod', replace('/~1pets/GET/caching/enabled', 'true'), replace('/*/*/throttling/burstLimit', '100'))
      expect(perMethod.methodSettings!['pets/GET']).toEqual({...DEFAULT_METHOD_SETTING, metricsEnabled: true, throttlingRateLimit: 50.5, cachingEnabled: true})
      expect(perMethod.methodSettings!['*/*'].throttlingBurstLimit).toBe(100)

      const nested = await patch(restApiId, 'prod', replace('/pets/{id}/DELETE/logging/loglevel', 'INFO'))
      expect(nested.methodSettings!['pets/{id}/DELETE']).toEqual({...DEFAULT_METHOD_SETTING, metricsEnabled: true, throttlingRateLimit: 50.5, throttlingBurstLimit: 100, loggingLevel: 'INFO'})
      expect(nested.methodSettings!['*/*']).not.toHaveProperty('loggingLevel')
    })

    it('accepts every setting path, with values sent as strings', async () => {
      const {restApiId} = await apiWithStage()
      const stage = await patch(
        restApiId,
        'prod',
        replace('/*/*/metrics/enabled', 'true'),
        replace('/*/*/logging/dataTrace', 'true'),
        replace('/*/*/logging/loglevel', 'ERROR'),
        replace('/*/*/throttling/burstLimit', '20'),
        replace('/*/*/throttling/rateLimit', '10.5'),
        replace('/*/*/caching/ttlInSeconds', '3600'),
        replace('/*/*/caching/enabled', 'true'),
        replace('/*/*/caching/dataEncrypted', 'true'),
        replace('/*/*/caching/requireAuthorizationForCacheControl', 'false'),
        replace('/*/*/caching/unauthorizedCacheControlHeaderStrategy', 'FAIL_WITH_403'),
      )
      expect(stage.methodSettings!['*/*']).toEqual({
        metricsEnabled: true,
        dataTraceEnabled: true,
        loggingLevel: 'ERROR',
        throttlingBurstLimit: 20,
        throttlingRateLimit: 10.5,
        cacheTtlInSeconds: 3600,
        cachingEnabled: true,
        cacheDataEncrypted: true,
        requireAuthorizationForCacheControl: false,
        unauthorizedCacheControlHeaderStrategy: 'FAIL_WITH_403',
      })
    })

    it('remove /*/* without such an entry answers the exact 400 (trailing space); with one, drops it', async () => {
      const {restApiId} = await apiWithStage()
      const remove = {op: 'remove' as const, path: '/*/*'}
      expect(await failure(patch(restApiId, 'prod', remove))).toEqual(badRequest('Cannot remove method setting */* because there is no method setting for this method '))
      await patch(restApiId, 'prod', replace('/*/*/metrics/enabled', 'true'), replace('/~1pets/GET/metrics/enabled', 'true'))
      const stage = await patch(restApiId, 'prod', remove)
      expect(Object.keys(stage.methodSettings!)).toEqual(['pets/GET'])
    })

    it('answers any other path with Invalid method setting path and AWS’s full list', async () => {
      const {restApiId} = await apiWithStage()
      for (const path of ['/name', '/pets/ANY/caching/enabled', '/*/GET/metrics/enabled', '/*/*/caching/size'])
        expect(await failure(patch(restApiId, 'prod', replace(path, 'x')))).toEqual(badRequest(`Invalid method setting path: ${path}. Must be one of: ${VALID_PATHS}`))
    })

    it('applies a batch all or nothing', async () => {
      const {restApiId} = await apiWithStage()
      await failure(patch(restApiId, 'prod', replace('/description', 'changed'), replace('/nope', 'x')))
      expect((await getStage(restApiId, 'prod')).description).toBe('production')
    })
  })

  describe('canary releases (docs/aws-behaviour.md#canary-releases)', () => {
    it('a canary CreateDeployment goes to the canary only; the stage keeps its deployment, variables and description', async () => {
      const {restApiId, first} = await apiWithStage()
      const canary = await deploy(restApiId, {stageName: 'prod', canarySettings: {percentTraffic: 10, stageVariableOverrides: {color: 'green'}}})
      expect(canary.$metadata.httpStatusCode).toBe(201)
      const stage = await getStage(restApiId, 'prod')
      expect(stage).toMatchObject({deploymentId: first, description: 'production', variables: {color: 'blue', size: 'L'}})
      expect(stage.canarySettings).toEqual({deploymentId: canary.id, percentTraffic: 10, stageVariableOverrides: {color: 'green'}, useStageCache: false})

      const replacement = await deploy(restApiId, {stageName: 'prod', canarySettings: {percentTraffic: 5, useStageCache: true}})
      expect((await getStage(restApiId, 'prod')).canarySettings).toEqual({deploymentId: replacement.id, percentTraffic: 5, useStageCache: true})
    })

    it('a canary CreateDeployment needs a stage name and an existing stage', async () => {
      const {restApiId} = await apiWithStage()
      const canarySettings = {percentTraffic: 50}
      const prefix = 'Invalid deployment content specified.'
      expect(await failure(deploy(restApiId, {canarySettings}))).toEqual(
        badRequest(`${prefix}Non null and non empty stageName must be provided for canary deployment. Provided value is null`),
      )
      expect(await failure(deploy(restApiId, {stageName: '', canarySettings}))).toEqual(
        badRequest(`${prefix}Non null and non empty stageName must be provided for canary deployment. Provided value is `),
      )
      expect(await failure(deploy(restApiId, {stageName: 'non-existing', canarySettings}))).toEqual(
        badRequest(`${prefix}Stage non-existing must already be created before making a canary release deployment`),
      )
    })

    it('a plain CreateDeployment to a canary-enabled stage answers the exact 400', async () => {
      const {restApiId, second} = await apiWithStage()
      await patch(restApiId, 'prod', replace('/canarySettings/deploymentId', second))
      expect(await failure(deploy(restApiId, {stageName: 'prod'}))).toEqual(
        badRequest(
          'Invalid deployment content specified.Non canary deployment not supported on stage prod because Canary is enabled. Provide CanarySettings in deploymentInput.',
        ),
      )
    })

    it('replace /canarySettings/percentTraffic creates a canary on the stage’s deployment; /deploymentId creates one at 0%', async () => {
      const {restApiId, first, second} = await apiWithStage()
      const byPercent = await patch(restApiId, 'prod', replace('/canarySettings/percentTraffic', '10'))
      expect(byPercent.canarySettings).toEqual({deploymentId: first, percentTraffic: 10, useStageCache: false})
      await patch(restApiId, 'prod', {op: 'remove', path: '/canarySettings'})
      const byDeployment = await patch(restApiId, 'prod', replace('/canarySettings/deploymentId', second))
      expect(byDeployment.canarySettings).toEqual({deploymentId: second, percentTraffic: 0, useStageCache: false})
    })

    it('CreateStage takes canarySettings; an unknown canary deployment answers Deployment id does not exist', async () => {
      const {restApiId, first, second} = await apiWithStage()
      const created = await rest.send(
        new CreateStageCommand({
          restApiId,
          stageName: 'dev',
          deploymentId: first,
          canarySettings: {deploymentId: second, percentTraffic: 50, stageVariableOverrides: {color: 'canary'}},
        }),
      )
      expect(created.canarySettings).toEqual({deploymentId: second, percentTraffic: 50, stageVariableOverrides: {color: 'canary'}, useStageCache: false})
      const unknown = badRequest('Deployment id does not exist')
      expect(await failure(rest.send(new CreateStageCommand({restApiId, stageName: 'dev3', deploymentId: first, canarySettings: {deploymentId: 'deploy'}})))).toEqual(unknown)
      expect(await failure(patch(restApiId, 'prod', replace('/canarySettings/deploymentId', 'deploy')))).toEqual(unknown)
    })

    it('changes the split, overrides and useStageCache with string values', async () => {
      const {restApiId, second} = await apiWithStage()
      await patch(restApiId, 'prod', replace('/canarySettings/deploymentId', second))
      const stage = await patch(
        restApiId,
        'prod',
        replace('/canarySettings/percentTraffic', '25.0'),
        replace('/canarySettings/stageVariableOverrides/color', 'green'),
        replace('/canarySettings/stageVariableOverrides/size', 'XL'),
        {op: 'remove', path: '/canarySettings/stageVariableOverrides/size'},
        replace('/canarySettings/useStageCache', 'true'),
      )
      expect(stage.canarySettings).toEqual({deploymentId: second, percentTraffic: 25, stageVariableOverrides: {color: 'green'}, useStageCache: true})
    })

    it('promotes in one UpdateStage: the canary’s deployment, variables merged, the canary left at 0%', async () => {
      const {restApiId} = await apiWithStage()
      const canary = await deploy(restApiId, {stageName: 'prod', canarySettings: {percentTraffic: 10, stageVariableOverrides: {color: 'green', mode: 'new'}}})
      const promoted = await patch(
        restApiId,
        'prod',
        replace('/canarySettings/percentTraffic', '0.0'),
        {op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId'},
        {op: 'copy', from: '/canarySettings/stageVariableOverrides', path: '/variables'},
      )
      expect(promoted).toMatchObject({deploymentId: canary.id, variables: {color: 'green', size: 'L', mode: 'new'}})
      expect(promoted.canarySettings).toEqual({deploymentId: canary.id, percentTraffic: 0, stageVariableOverrides: {color: 'green', mode: 'new'}, useStageCache: false})
      const plain = await patch(restApiId, 'prod', {op: 'remove', path: '/canarySettings'})
      expect(plain.canarySettings).toBeUndefined()
      expect(plain.deploymentId).toBe(canary.id)
    })

    it('remove /canarySettings before promotion returns all traffic to the unchanged base', async () => {
      const {restApiId, first} = await apiWithStage()
      await deploy(restApiId, {stageName: 'prod', canarySettings: {percentTraffic: 30}})
      const aborted = await patch(restApiId, 'prod', {op: 'remove', path: '/canarySettings'})
      expect(aborted.deploymentId).toBe(first)
      expect(aborted.canarySettings).toBeUndefined()
    })

    it('answers wrong canary operations with AWS’s exact messages', async () => {
      const {restApiId, second} = await apiWithStage()
      await deploy(restApiId, {stageName: 'prod', canarySettings: {percentTraffic: 50, stageVariableOverrides: {color: 'canary'}}})
      expect(await failure(patch(restApiId, 'prod', {op: 'add', path: '/canarySettings/deploymentId', value: second}))).toEqual(
        badRequest('Invalid add operation with path: /canarySettings/deploymentId'),
      )
      for (const path of ['/canarySettings/stageVariableOverrides', '/canarySettings/badPath'])
        expect(await failure(patch(restApiId, 'prod', {op: 'remove', path}))).toEqual(
          badRequest(`Cannot remove method setting ${path.slice(1)} because there is no method setting for this method `),
        )
      for (const path of ['/canarySettings', '/canarySettings/badPath'])
        expect(await failure(patch(restApiId, 'prod', replace(path, 'test')))).toEqual(badRequest(`Invalid method setting path: ${path}. Must be one of: ${VALID_PATHS}`))
      expect(await failure(patch(restApiId, 'prod', {op: 'copy', path: '/canarySettings/stageVariableOverrides', from: '/variables'}))).toEqual(
        badRequest(
          'Invalid copy operation with path: /canarySettings/stageVariableOverrides and from /variables. Valid copy:path are [/deploymentId, /variables] and valid copy:from are [/canarySettings/deploymentId, /canarySettings/stageVariableOverrides]',
        ),
      )
    })

    it('copy without a canary answers Promotion not available, unless an earlier operation made one', async () => {
      const {restApiId, first} = await apiWithStage()
      const promote: PatchOperation[] = [
        {op: 'copy', from: '/canarySettings/stageVariableOverrides', path: '/variables'},
        {op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId'},
      ]
      expect(await failure(patch(restApiId, 'prod', ...promote))).toEqual(badRequest('Promotion not available. Canary does not exist.'))
      const stage = await patch(restApiId, 'prod', replace('/canarySettings/percentTraffic', '0.0'), ...promote)
      expect(stage).toMatchObject({deploymentId: first, variables: {color: 'blue', size: 'L'}, canarySettings: {deploymentId: first, percentTraffic: 0}})
    })
  })

  describe('stage cache (docs/aws-behaviour.md#stage-cache)', () => {
    it('enabling creates the cluster (CREATE_IN_PROGRESS, then AVAILABLE); disabling deletes it', async () => {
      const {restApiId} = await apiWithStage()
      const enabling = await patch(restApiId, 'prod', replace('/cacheClusterEnabled', 'true'))
      expect(enabling).toMatchObject({cacheClusterEnabled: true, cacheClusterSize: '0.5', cacheClusterStatus: 'CREATE_IN_PROGRESS'})
      await clock.sleep(CACHE_DELAY_MS)
      expect((await getStage(restApiId, 'prod')).cacheClusterStatus).toBe('AVAILABLE')

      const disabling = await patch(restApiId, 'prod', replace('/cacheClusterEnabled', 'false'))
      expect(disabling).toMatchObject({cacheClusterEnabled: false, cacheClusterSize: '0.5', cacheClusterStatus: 'DELETE_IN_PROGRESS'})
      await clock.sleep(CACHE_DELAY_MS)
      expect((await getStage(restApiId, 'prod')).cacheClusterStatus).toBe('NOT_AVAILABLE')
    })

    it('resizing an available cluster recreates it; only AWS’s sizes are accepted', async () => {
      const {restApiId, second} = await apiWithStage()
      await patch(restApiId, 'prod', replace('/cacheClusterEnabled', 'true'), replace('/cacheClusterSize', '1.6'))
      await clock.sleep(CACHE_DELAY_MS)
      const resized = await patch(restApiId, 'prod', replace('/cacheClusterSize', '6.1'))
      expect(resized).toMatchObject({cacheClusterSize: '6.1', cacheClusterStatus: 'CREATE_IN_PROGRESS'})
      await clock.sleep(CACHE_DELAY_MS)
      expect((await getStage(restApiId, 'prod')).cacheClusterStatus).toBe('AVAILABLE')

      const invalid = badRequest('Invalid cache cluster size specified: 2. Must be one of: [0.5, 1.6, 6.1, 13.5, 28.4, 58.2, 118, 237]')
      expect(await failure(patch(restApiId, 'prod', replace('/cacheClusterSize', '2')))).toEqual(invalid)
      expect(await failure(rest.send(new CreateStageCommand({restApiId, stageName: 'dev', deploymentId: second, cacheClusterEnabled: true, cacheClusterSize: '2' as '0.5'})))).toEqual(invalid)
    })

    it('FlushStageCache answers 202 and reads FLUSH_IN_PROGRESS, then AVAILABLE; authorizer flushes answer 202', async () => {
      const {restApiId, second} = await apiWithStage()
      await patch(restApiId, 'prod', replace('/cacheClusterEnabled', 'true'))
      await clock.sleep(CACHE_DELAY_MS)
      const flushed = await rest.send(new FlushStageCacheCommand({restApiId, stageName: 'prod'}))
      expect(flushed.$metadata.httpStatusCode).toBe(202)
      expect((await getStage(restApiId, 'prod')).cacheClusterStatus).toBe('FLUSH_IN_PROGRESS')
      await clock.sleep(CACHE_DELAY_MS)
      expect((await getStage(restApiId, 'prod')).cacheClusterStatus).toBe('AVAILABLE')
      expect(storedStage(restApiId, 'prod').cacheFlushes).toEqual([clock.now() - CACHE_DELAY_MS])

      const authorizers = await rest.send(new FlushStageAuthorizersCacheCommand({restApiId, stageName: 'prod'}))
      expect(authorizers.$metadata.httpStatusCode).toBe(202)
      await rest.send(new CreateStageCommand({restApiId, stageName: 'nocache', deploymentId: second}))
      expect((await rest.send(new FlushStageCacheCommand({restApiId, stageName: 'nocache'}))).$metadata.httpStatusCode).toBe(202)
      expect((await getStage(restApiId, 'nocache')).cacheClusterStatus).toBe('NOT_AVAILABLE')
    })
  })

  describe('traffic history', () => {
    it('records a moment at creation, at each deployment or canary change, and when a new cache becomes available', async () => {
      const {restApiId, first} = await apiWithStage()
      const created = clock.now()
      await clock.sleep(60_000)
      const canary = await deploy(restApiId, {stageName: 'prod', canarySettings: {percentTraffic: 10}})
      const canaryAt = clock.now()
      await clock.sleep(60_000)
      await patch(restApiId, 'prod', replace('/description', 'not traffic'))
      const cacheAt = clock.now()
      await patch(restApiId, 'prod', replace('/cacheClusterEnabled', 'true'), replace('/canarySettings/useStageCache', 'true'))
      const canaryMoment = {deploymentId: first, canaryDeploymentId: canary.id, canaryPercent: 10}
      expect(storedStage(restApiId, 'prod').history).toEqual([
        {at: created, deploymentId: first, cacheAvailable: false},
        {at: canaryAt, ...canaryMoment, useStageCache: false, cacheAvailable: false},
        {at: cacheAt, ...canaryMoment, useStageCache: true, cacheAvailable: false},
        {at: cacheAt + CACHE_DELAY_MS, ...canaryMoment, useStageCache: true, cacheAvailable: true},
      ])
    })
  })
})
