import {readFileSync} from 'node:fs'
import {
  CreateResourceCommand,
  CreateRestApiCommand,
  CreateUsagePlanCommand,
  DeleteIntegrationCommand,
  DeleteIntegrationResponseCommand,
  DeleteMethodCommand,
  DeleteMethodResponseCommand,
  DeleteResourceCommand,
  DeleteRestApiCommand,
  GetExportCommand,
  GetIntegrationCommand,
  GetIntegrationResponseCommand,
  GetMethodCommand,
  GetMethodResponseCommand,
  GetResourceCommand,
  GetResourcesCommand,
  GetRestApiCommand,
  GetRestApisCommand,
  ImportRestApiCommand,
  PutIntegrationCommand,
  PutIntegrationResponseCommand,
  PutMethodCommand,
  PutMethodResponseCommand,
  PutRestApiCommand,
  UpdateMethodCommand,
  UpdateResourceCommand,
  UpdateRestApiCommand,
  UpdateUsagePlanCommand,
  type APIGatewayClient,
  type Resource,
} from '@aws-sdk/client-api-gateway'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {parse as parseYaml} from 'yaml'
import {TABLES, type DeploymentRecord, type ResourceRecord} from '../../packages/sandbox/src/model.js'
import {sdkClients, startTestSandbox, type Sandbox} from '../helpers/sandbox.js'
import {seedRestStage} from '../helpers/sandbox-seed.js'

const PETSTORE = readFileSync(new URL('../../examples/petstore.yaml', import.meta.url))
const KENNEL = readFileSync(new URL('fixtures/kennel.swagger.yaml', import.meta.url))
const ACCOUNT = '123456789012'

/** The error a call fails with (the test fails if it succeeds). */
async function failure(call: Promise<unknown>): Promise<{name: string; message: string; $metadata: {httpStatusCode?: number}}> {
  return call.then(
    () => expect.unreachable('the call succeeded'),
    (error) => error,
  )
}

function expectError(error: Awaited<ReturnType<typeof failure>>, status: number, name: string, message: string) {
  expect({status: error.$metadata.httpStatusCode, name: error.name, message: error.message}).toEqual({status, name, message})
}

const yamlText = (document: unknown) => Buffer.from(JSON.stringify(document))
const definition = (paths: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  yamlText({openapi: '3.0.1', info: {title: 'scratch', version: '1'}, paths, ...extra})
const mockGet = {responses: {'200': {description: 'ok'}}, 'x-amazon-apigateway-integration': {type: 'mock', requestTemplates: {'application/json': '{"statusCode": 200}'}}}

describe('sandbox REST API definitions', () => {
  let sandbox: Sandbox
  let rest: APIGatewayClient
  beforeAll(async () => {
    sandbox = await startTestSandbox()
    rest = sdkClients(sandbox.endpoint).rest
  })
  afterAll(() => sandbox.stop())

  const resources = async (restApiId: string) => (await rest.send(new GetResourcesCommand({restApiId, limit: 500}))).items!
  const byPath = async (restApiId: string) => Object.fromEntries((await resources(restApiId)).map((resource) => [resource.path!, resource]))
  const importYaml = (body: Uint8Array, extra: {failOnWarnings?: boolean; parameters?: Record<string, string>} = {}) =>
    rest.send(new ImportRestApiCommand({body, ...extra}))

  /** Deploys the API as it is now to `stageName`, writing the rows another service owns directly. */
  function deploy(restApiId: string, stageName: string, createdDate = Date.UTC(2025, 0, 2, 3, 4, 5, 678)) {
    const {store} = sandbox.context
    const id = `dep${store.count(TABLES.deployments)}`
    const snapshot = structuredClone(store.withPrefix<ResourceRecord>(TABLES.resources, `${restApiId}/`))
    store.put<DeploymentRecord>(TABLES.deployments, `${restApiId}/${id}`, {id, apiId: restApiId, createdDate, resources: snapshot})
    seedRestStage(store, {apiId: restApiId, stageName, deploymentId: id, createdDate})
    return id
  }

  const exported = async (restApiId: string, stageName: string, exportType: string, parameters?: Record<string, string>, accepts?: string) => {
    const response = await rest.send(new GetExportCommand({restApiId, stageName, exportType, parameters, accepts}))
    const text = new TextDecoder().decode(response.body)
    return {text, document: parseYaml(text), contentType: response.contentType, contentDisposition: response.contentDisposition}
  }

  describe('CreateRestApi, GetRestApi, UpdateRestApi, DeleteRestApi', () => {
    it('creates an API with its root resource, in the shape AWS answers', async () => {
      const api = await rest.send(new CreateRestApiCommand({name: 'orders', description: 'Order intake'}))
      expect(api.$metadata.httpStatusCode).toBe(201)
      expect(api.id).toMatch(/^[a-z0-9]{10}$/)
      expect(api).toMatchObject({
        name: 'orders',
        description: 'Order intake',
        apiKeySource: 'HEADER',
        endpointConfiguration: {types: ['EDGE'], ipAddressType: 'ipv4'},
        disableExecuteApiEndpoint: false,
      })
      expect(api.createdDate).toBeInstanceOf(Date)
      expect(api).not.toHaveProperty('tags')
      expect(api).not.toHaveProperty('binaryMediaTypes')
      expect(await resources(api.id!)).toEqual([{id: api.rootResourceId, path: '/'}])
      const fetched = await rest.send(new GetRestApiCommand({restApiId: api.id}))
      expect(fetched.$metadata.httpStatusCode).toBe(200)
      // GetRestApi shows `tags: {}` where CreateRestApi left them out (docs/aws-behaviour.md#a-single-resource-read-or-update-always-shows-tags).
      expect({...fetched, $metadata: undefined}).toEqual({...api, tags: {}, $metadata: undefined})
    })

    it('checks the endpoint configuration and description as AWS does', async () => {
      const create = (input: ConstructorParameters<typeof CreateRestApiCommand>[0]) => rest.send(new CreateRestApiCommand(input))
      expectError(await failure(create({name: 'x', description: ''})), 400, 'BadRequestException', 'Description cannot be an empty string')
      expectError(
        await failure(create({name: 'x', endpointConfiguration: {types: ['EDGE', 'REGIONAL']}})),
        400,
        'BadRequestException',
        'Cannot create an api with multiple Endpoint Types.',
      )
      expectError(
        await failure(create({name: 'x', endpointConfiguration: {types: ['PRIVATE'], ipAddressType: 'ipv4'}})),
        400,
        'BadRequestException',
        'Only dualstack ipAddressType is supported for Private APIs.',
      )
      expectError(
        await failure(create({name: 'x', endpointConfiguration: {types: ['WRONG' as 'EDGE']}})),
        400,
        'ValidationException',
        "1 validation error detected: Value '[WRONG]' at 'createRestApiInput.endpointConfiguration.types' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [PRIVATE, EDGE, REGIONAL]]",
      )
      const regional = await create({name: 'x', endpointConfiguration: {types: ['REGIONAL']}})
      expect(regional.endpointConfiguration).toEqual({types: ['REGIONAL'], ipAddressType: 'ipv4'})
      const privateApi = await create({name: 'x', endpointConfiguration: {types: ['PRIVATE']}})
      expect(privateApi.endpointConfiguration).toEqual({types: ['PRIVATE'], ipAddressType: 'dualstack'})
    })

    it('answers 404 with the account-qualified message for an unknown API', async () => {
      expectError(
        await failure(rest.send(new GetRestApiCommand({restApiId: 'nosuchapi0'}))),
        404,
        'NotFoundException',
        `Invalid API identifier specified ${ACCOUNT}:nosuchapi0`,
      )
      expectError(
        await failure(rest.send(new UpdateRestApiCommand({restApiId: 'nosuchapi0', patchOperations: [{op: 'replace', path: '/name', value: 'x'}]}))),
        404,
        'NotFoundException',
        `Invalid API identifier specified ${ACCOUNT}:nosuchapi0`,
      )
      expectError(
        await failure(rest.send(new DeleteRestApiCommand({restApiId: 'nosuchapi0'}))),
        404,
        'NotFoundException',
        `Invalid API identifier specified ${ACCOUNT}:nosuchapi0`,
      )
    })

    it('updates name, description and binary media types, answering with tags', async () => {
      const {id} = await rest.send(new CreateRestApiCommand({name: 'before', description: 'old'}))
      const update = (patchOperations: {op: 'add' | 'remove' | 'replace'; path: string; value?: string}[]) =>
        rest.send(new UpdateRestApiCommand({restApiId: id, patchOperations}))
      const renamed = await update([
        {op: 'replace', path: '/name', value: 'after'},
        {op: 'replace', path: '/description', value: 'new'},
        {op: 'add', path: '/binaryMediaTypes/image~1png'},
        {op: 'add', path: '/binaryMediaTypes/image~1jpeg'},
      ])
      expect(renamed).toMatchObject({name: 'after', description: 'new', binaryMediaTypes: ['image/png', 'image/jpeg'], tags: {}})
      const replaced = await update([
        {op: 'replace', path: '/binaryMediaTypes/image~1png', value: 'image/gif'},
        {op: 'remove', path: '/description'},
      ])
      expect(replaced.binaryMediaTypes).toEqual(['image/jpeg', 'image/gif'])
      expect(replaced).not.toHaveProperty('description')
      expect((await rest.send(new GetRestApiCommand({restApiId: id}))).name).toBe('after')
    })

    it('rejects other patch paths and ops with AWS messages, changing nothing', async () => {
      const {id} = await rest.send(new CreateRestApiCommand({name: 'steady'}))
      const update = (patchOperations: {op: string; path: string; value?: string}[]) =>
        rest.send(new UpdateRestApiCommand({restApiId: id, patchOperations: patchOperations as {op: 'replace'; path: string}[]}))
      expectError(
        await failure(update([{op: 'replace', path: '/name', value: 'changed'}, {op: 'replace', path: '/rootResourceId', value: 'x'}])),
        400,
        'BadRequestException',
        'Invalid patch path /rootResourceId',
      )
      expectError(
        await failure(update([{op: 'add', path: '/name', value: 'x'}])),
        400,
        'BadRequestException',
        'Invalid patch operation specified. Must be one of: [replace]',
      )
      expectError(
        await failure(update([{op: 'wrong', path: '/name', value: 'x'}])),
        400,
        'ValidationException',
        "1 validation error detected: Value 'wrong' at 'updateRestApiInput.patchOperations.1.member.op' failed to satisfy constraint: Member must satisfy enum value set: [add, remove, move, test, replace, copy]",
      )
      expectError(
        await failure(update([{op: 'replace', path: '/minimumCompressionSize', value: '-1'}])),
        400,
        'BadRequestException',
        'Invalid minimum compression size, must be between 0 and 10485760',
      )
      expect((await rest.send(new GetRestApiCommand({restApiId: id}))).name).toBe('steady')
    })

    it('deletes an API with its resources, deployments and stages (202)', async () => {
      const {id} = await rest.send(new CreateRestApiCommand({name: 'doomed'}))
      const root = (await resources(id!))[0]
      await rest.send(new CreateResourceCommand({restApiId: id, parentId: root.id, pathPart: 'things'}))
      deploy(id!, 'prod')
      const {store} = sandbox.context
      const rowsOf = (table: string) => store.withPrefix(table, `${id}/`).length
      expect([rowsOf(TABLES.resources), rowsOf(TABLES.deployments), rowsOf(TABLES.stages)]).toEqual([2, 1, 1])
      const deleted = await rest.send(new DeleteRestApiCommand({restApiId: id}))
      expect(deleted.$metadata.httpStatusCode).toBe(202)
      expect([rowsOf(TABLES.resources), rowsOf(TABLES.deployments), rowsOf(TABLES.stages)]).toEqual([0, 0, 0])
      expectError(await failure(rest.send(new GetRestApiCommand({restApiId: id}))), 404, 'NotFoundException', `Invalid API identifier specified ${ACCOUNT}:${id}`)
    })
    it('refuses to delete an API a usage plan references (400), and deletes it once detached', async () => {
      const {id} = await rest.send(new CreateRestApiCommand({name: 'metered'}))
      deploy(id!, 'prod')
      deploy(id!, 'beta')
      const gold = await rest.send(new CreateUsagePlanCommand({name: 'gold', apiStages: [{apiId: id, stage: 'prod'}]}))
      const silver = await rest.send(new CreateUsagePlanCommand({name: 'silver', apiStages: [{apiId: id, stage: 'beta'}]}))
      expectError(
        await failure(rest.send(new DeleteRestApiCommand({restApiId: id}))),
        400,
        'BadRequestException',
        `Cannot delete API ${id} because it is associated with usage plan(s): ${gold.id}, ${silver.id}`,
      )
      expect((await rest.send(new GetRestApiCommand({restApiId: id}))).name).toBe('metered')
      for (const [plan, stage] of [[gold, 'prod'], [silver, 'beta']] as const) {
        await rest.send(new UpdateUsagePlanCommand({usagePlanId: plan.id, patchOperations: [{op: 'remove', path: '/apiStages', value: `${id}:${stage}`}]}))
      }
      expect((await rest.send(new DeleteRestApiCommand({restApiId: id}))).$metadata.httpStatusCode).toBe(202)
    })
  })

  describe('GetRestApis paging', () => {
    let own: Sandbox
    let client: APIGatewayClient
    // The listing order: oldest first, and between APIs created in the same millisecond (a fast
    // machine makes several) by id, as the created APIs themselves say.
    let names: string[]
    beforeAll(async () => {
      own = await startTestSandbox()
      client = sdkClients(own.endpoint).rest
      const created: {id?: string; name?: string; createdDate?: Date}[] = []
      for (let index = 0; index < 27; index++) created.push(await client.send(new CreateRestApiCommand({name: `api-${String(index).padStart(2, '0')}`})))
      const when = (api: (typeof created)[number]) => api.createdDate!.getTime()
      names = created.sort((a, b) => when(a) - when(b) || (a.id! < b.id! ? -1 : 1)).map((api) => api.name!)
    })
    afterAll(() => own.stop())

    it('lists oldest first, 25 by default, with a position while more follow', async () => {
      const first = await client.send(new GetRestApisCommand({}))
      expect(first.items!.map((api) => api.name)).toEqual(names.slice(0, 25))
      expect(first.position).toBeTruthy()
      const second = await client.send(new GetRestApisCommand({position: first.position}))
      expect(second.items!.map((api) => api.name)).toEqual(names.slice(25))
      expect(second.position).toBeUndefined()
    })

    it('pages with limit and position, surviving deletion of the last item seen', async () => {
      const first = await client.send(new GetRestApisCommand({limit: 10}))
      expect(first.items!.map((api) => api.name)).toEqual(names.slice(0, 10))
      await client.send(new DeleteRestApiCommand({restApiId: first.items![9].id}))
      const second = await client.send(new GetRestApisCommand({limit: 10, position: first.position}))
      expect(second.items!.map((api) => api.name)).toEqual(names.slice(10, 20))
    })

    it('rejects a limit over 500 and a position it did not issue', async () => {
      expectError(
        await failure(client.send(new GetRestApisCommand({limit: 501}))),
        400,
        'BadRequestException',
        "1 validation error detected: Value '501' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 500",
      )
      expectError(await failure(client.send(new GetRestApisCommand({position: 'bogus!'}))), 400, 'BadRequestException', 'Invalid position specified: bogus!')
    })
  })

  describe('resources', () => {
    let restApiId: string
    let rootId: string
    beforeAll(async () => {
      const api = await rest.send(new CreateRestApiCommand({name: 'shelter'}))
      restApiId = api.id!
      rootId = api.rootResourceId!
    })
    const create = (parentId: string, pathPart: string) => rest.send(new CreateResourceCommand({restApiId, parentId, pathPart}))

    it('creates nested resources (201) and lists them by path, paging with limit and position', async () => {
      const pets = await create(rootId, 'pets')
      expect(pets.$metadata.httpStatusCode).toBe(201)
      expect(pets.id).toMatch(/^[a-z0-9]{6}$/)
      expect({...pets, $metadata: undefined, id: undefined}).toEqual({$metadata: undefined, id: undefined, parentId: rootId, pathPart: 'pets', path: '/pets'})
      const pet = await create(pets.id!, '{petId}')
      await create(pet.id!, 'photos')
      await create(rootId, 'adopters')
      const paths = (await resources(restApiId)).map((resource) => resource.path)
      expect(paths).toEqual(['/', '/adopters', '/pets', '/pets/{petId}', '/pets/{petId}/photos'])
      const first = await rest.send(new GetResourcesCommand({restApiId, limit: 2}))
      const second = await rest.send(new GetResourcesCommand({restApiId, limit: 2, position: first.position}))
      const third = await rest.send(new GetResourcesCommand({restApiId, limit: 2, position: second.position}))
      expect([first, second, third].map((page) => page.items!.map((resource) => resource.path))).toEqual([
        ['/', '/adopters'],
        ['/pets', '/pets/{petId}'],
        ['/pets/{petId}/photos'],
      ])
      expect(third.position).toBeUndefined()
      expect((await rest.send(new GetResourceCommand({restApiId, resourceId: pet.id}))).path).toBe('/pets/{petId}')
    })

    it('enforces AWS rules on path parts', async () => {
      const {id: parent} = await create(rootId, 'toys')
      await create(parent!, '{proxy+}')
      expectError(await failure(create(rootId, 'toys')), 409, 'ConflictException', 'Another resource with the same parent already has this name: toys')
      expectError(
        await failure(create(parent!, '{toyId}')),
        400,
        'BadRequestException',
        'A sibling ({proxy+}) of this resource already has a variable path part -- only one is allowed',
      )
      const greedy = (await byPath(restApiId))['/toys/{proxy+}']
      expectError(await failure(create(greedy.id!, 'more')), 400, 'BadRequestException', 'Cannot create a child of a resource with a greedy path variable: {proxy+}')
      expectError(await failure(create('nosuch', 'x')), 404, 'NotFoundException', 'Invalid Resource identifier specified')
      expectError(
        await failure(rest.send(new GetResourcesCommand({restApiId: 'nosuchapi0'}))),
        404,
        'NotFoundException',
        `Invalid API identifier specified ${ACCOUNT}:nosuchapi0`,
      )
      expectError(await failure(rest.send(new GetResourceCommand({restApiId, resourceId: 'nosuch'}))), 404, 'NotFoundException', 'Invalid Resource identifier specified')
    })

    it('renames and moves resources, carrying their children along', async () => {
      const {id: birds} = await create(rootId, 'birds')
      const {id: birdId} = await create(birds!, '{birdId}')
      const renamed = await rest.send(new UpdateResourceCommand({restApiId, resourceId: birds, patchOperations: [{op: 'replace', path: '/pathPart', value: 'parrots'}]}))
      expect(renamed.path).toBe('/parrots')
      expect((await rest.send(new GetResourceCommand({restApiId, resourceId: birdId}))).path).toBe('/parrots/{birdId}')
      const update = (patchOperations: {op: 'add' | 'replace'; path: string; value?: string}[]) =>
        rest.send(new UpdateResourceCommand({restApiId, resourceId: birds, patchOperations}))
      expectError(await failure(update([{op: 'replace', path: '/parentId', value: birdId}])), 400, 'BadRequestException', 'Resources cannot be cyclical.')
      expectError(
        await failure(update([{op: 'replace', path: '/invalid', value: 'x'}])),
        400,
        'BadRequestException',
        "Invalid patch path  '/invalid' specified for op 'replace'. Must be one of: [/parentId, /pathPart]",
      )
      expectError(
        await failure(update([{op: 'add', path: '/pathPart', value: 'x'}])),
        400,
        'BadRequestException',
        "Invalid patch path  '/pathPart' specified for op 'add'. Please choose supported operations",
      )
      expectError(
        await failure(rest.send(new UpdateResourceCommand({restApiId, resourceId: rootId, patchOperations: [{op: 'replace', path: '/pathPart', value: 'x'}]}))),
        400,
        'BadRequestException',
        'Root resource cannot update its pathPart.',
      )
    })

    it('deletes a resource with everything under it (202)', async () => {
      const {id: cages} = await create(rootId, 'cages')
      await create(cages!, '{cageId}')
      const deleted = await rest.send(new DeleteResourceCommand({restApiId, resourceId: cages}))
      expect(deleted.$metadata.httpStatusCode).toBe(202)
      const paths = Object.keys(await byPath(restApiId))
      expect(paths.filter((path) => path.startsWith('/cages'))).toEqual([])
      expectError(await failure(rest.send(new DeleteResourceCommand({restApiId, resourceId: cages}))), 404, 'NotFoundException', 'Invalid Resource identifier specified')
    })
  })

  describe('methods and integrations', () => {
    let restApiId: string
    let resourceId: string
    beforeAll(async () => {
      const api = await rest.send(new CreateRestApiCommand({name: 'menagerie'}))
      restApiId = api.id!
      resourceId = (await rest.send(new CreateResourceCommand({restApiId, parentId: api.rootResourceId, pathPart: 'animals'}))).id!
    })
    const address = (httpMethod: string) => ({restApiId, resourceId, httpMethod})

    it('puts (201), reads, updates and deletes (204) a method', async () => {
      const put = await rest.send(new PutMethodCommand({...address('GET'), authorizationType: 'NONE', requestParameters: {'method.request.querystring.kind': false}}))
      expect(put.$metadata.httpStatusCode).toBe(201)
      expect({...put, $metadata: undefined}).toEqual({
        $metadata: undefined,
        httpMethod: 'GET',
        authorizationType: 'NONE',
        apiKeyRequired: false,
        requestParameters: {'method.request.querystring.kind': false},
      })
      expectError(
        await failure(rest.send(new PutMethodCommand({...address('GET'), authorizationType: 'NONE'}))),
        409,
        'ConflictException',
        'Method already exists for this resource',
      )
      const updated = await rest.send(
        new UpdateMethodCommand({
          ...address('GET'),
          patchOperations: [
            {op: 'replace', path: '/apiKeyRequired', value: 'true'},
            {op: 'replace', path: '/operationName', value: 'ListAnimals'},
            {op: 'replace', path: '/requestParameters/method.request.querystring.kind', value: 'true'},
            {op: 'add', path: '/requestModels/application~1json', value: 'Empty'},
          ],
        }),
      )
      expect(updated).toMatchObject({
        apiKeyRequired: true,
        operationName: 'ListAnimals',
        requestParameters: {'method.request.querystring.kind': true},
        requestModels: {'application/json': 'Empty'},
      })
      const removed = await rest.send(new UpdateMethodCommand({...address('GET'), patchOperations: [{op: 'remove', path: '/requestModels/application~1json'}]}))
      expect(removed).not.toHaveProperty('requestModels')
      expect((await rest.send(new GetMethodCommand(address('GET')))).operationName).toBe('ListAnimals')
      const deleted = await rest.send(new DeleteMethodCommand(address('GET')))
      expect(deleted.$metadata.httpStatusCode).toBe(204)
      expectError(await failure(rest.send(new GetMethodCommand(address('GET')))), 404, 'NotFoundException', 'Invalid Method identifier specified')
    })

    it('answers method errors with AWS messages', async () => {
      expectError(
        await failure(rest.send(new PutMethodCommand({...address('FETCH'), authorizationType: 'NONE'}))),
        400,
        'BadRequestException',
        'Invalid HttpMethod specified. Valid options are GET,PUT,POST,DELETE,PATCH,OPTIONS,HEAD,ANY',
      )
      expectError(
        await failure(rest.send(new PutMethodCommand({...address('POST'), authorizationType: 'CUSTOM'}))),
        400,
        'BadRequestException',
        'Invalid authorizer ID specified. Setting the authorization type to CUSTOM or COGNITO_USER_POOLS requires a valid authorizer.',
      )
      expectError(
        await failure(rest.send(new PutMethodCommand({...address('POST'), authorizationType: 'NONE', requestModels: {'application/json': 'petModel'}}))),
        400,
        'BadRequestException',
        'Invalid model identifier specified: petModel',
      )
      expectError(
        await failure(rest.send(new GetMethodCommand({restApiId: 'nosuchapi0', resourceId, httpMethod: 'GET'}))),
        404,
        'NotFoundException',
        'Invalid Resource identifier specified',
      )
      await rest.send(new PutMethodCommand({...address('PATCH'), authorizationType: 'NONE'}))
      const update = (op: 'add' | 'replace', path: string) => rest.send(new UpdateMethodCommand({...address('PATCH'), patchOperations: [{op, path, value: 'x'}]}))
      expectError(await failure(update('replace', '/httpMethod')), 400, 'BadRequestException', 'Invalid patch path /httpMethod')
      expectError(await failure(update('add', '/operationName')), 400, 'BadRequestException', 'Invalid patch operation specified. Must be one of: [replace]')
      expectError(await failure(update('add', '/requestModels/application/json')), 400, 'BadRequestException', 'Invalid patch path /requestModels/application/json')
    })

    it('puts an integration with AWS defaults (201), reads and deletes it (204)', async () => {
      await rest.send(new PutMethodCommand({...address('PUT'), authorizationType: 'NONE'}))
      expectError(await failure(rest.send(new GetIntegrationCommand(address('PUT')))), 404, 'NotFoundException', 'Invalid Integration identifier specified')
      const put = await rest.send(
        new PutIntegrationCommand({...address('PUT'), type: 'HTTP_PROXY', integrationHttpMethod: 'PUT', uri: 'https://zoo.backend.example.com/animals'}),
      )
      expect(put.$metadata.httpStatusCode).toBe(201)
      const expected = {
        type: 'HTTP_PROXY',
        httpMethod: 'PUT',
        uri: 'https://zoo.backend.example.com/animals',
        connectionType: 'INTERNET',
        passthroughBehavior: 'WHEN_NO_MATCH',
        timeoutInMillis: 29000,
        cacheNamespace: resourceId,
        cacheKeyParameters: [],
      }
      expect({...put, $metadata: undefined}).toEqual({$metadata: undefined, ...expected})
      expect((await rest.send(new GetMethodCommand(address('PUT')))).methodIntegration).toEqual(expected)
      expectError(
        await failure(rest.send(new PutIntegrationCommand({...address('PUT'), type: 'HTTPS_PROXY' as 'HTTP'}))),
        400,
        'ValidationException',
        "1 validation error detected: Value 'HTTPS_PROXY' at 'putIntegrationInput.type' failed to satisfy constraint: Member must satisfy enum value set: [HTTP, MOCK, AWS_PROXY, HTTP_PROXY, AWS]",
      )
      expect((await rest.send(new DeleteIntegrationCommand(address('PUT')))).$metadata.httpStatusCode).toBe(204)
      expectError(await failure(rest.send(new DeleteIntegrationCommand(address('PUT')))), 404, 'NotFoundException', 'Invalid Integration identifier specified')
    })

    it('keeps method responses and integration responses', async () => {
      await rest.send(new PutMethodCommand({...address('DELETE'), authorizationType: 'NONE'}))
      await rest.send(new PutIntegrationCommand({...address('DELETE'), type: 'MOCK', requestTemplates: {'application/json': '{"statusCode": 200}'}}))
      const methodResponse = await rest.send(
        new PutMethodResponseCommand({...address('DELETE'), statusCode: '200', responseModels: {'application/json': 'Empty'}, responseParameters: {'method.response.header.X-Trace': false}}),
      )
      expect(methodResponse.$metadata.httpStatusCode).toBe(201)
      const integrationResponse = await rest.send(
        new PutIntegrationResponseCommand({...address('DELETE'), statusCode: '200', selectionPattern: '', responseTemplates: {'application/json': '{"deleted": true}'}}),
      )
      expect({...integrationResponse, $metadata: undefined}).toEqual({
        $metadata: undefined,
        statusCode: '200',
        selectionPattern: '',
        responseTemplates: {'application/json': '{"deleted": true}'},
      })
      expect(await rest.send(new GetMethodResponseCommand({...address('DELETE'), statusCode: '200'}))).toMatchObject({
        statusCode: '200',
        responseModels: {'application/json': 'Empty'},
        responseParameters: {'method.response.header.X-Trace': false},
      })
      expect((await rest.send(new GetIntegrationResponseCommand({...address('DELETE'), statusCode: '200'}))).responseTemplates).toEqual({
        'application/json': '{"deleted": true}',
      })
      const listed = await rest.send(new GetResourcesCommand({restApiId, embed: ['methods']}))
      const animals = listed.items!.find((resource) => resource.id === resourceId)!
      expect(animals.resourceMethods!.DELETE.methodIntegration!.integrationResponses!['200'].statusCode).toBe('200')
      const plain = (await resources(restApiId)).find((resource) => resource.id === resourceId)!
      expect(plain.resourceMethods!.DELETE).toEqual({})
      expectError(
        await failure(rest.send(new GetMethodResponseCommand({...address('DELETE'), statusCode: '404'}))),
        404,
        'NotFoundException',
        'Invalid Response status code specified',
      )
      expectError(
        await failure(rest.send(new GetIntegrationResponseCommand({...address('DELETE'), statusCode: 'wrong'}))),
        400,
        'ValidationException',
        "1 validation error detected: Value 'wrong' at 'statusCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [1-5]\\d\\d",
      )
      expect((await rest.send(new DeleteIntegrationResponseCommand({...address('DELETE'), statusCode: '200'}))).$metadata.httpStatusCode).toBe(204)
      expect((await rest.send(new DeleteMethodResponseCommand({...address('DELETE'), statusCode: '200'}))).$metadata.httpStatusCode).toBe(204)
      expect((await rest.send(new GetMethodCommand(address('DELETE')))).methodResponses).toBeUndefined()
    })
  })

  describe('ImportRestApi', () => {
    it('imports the example OAS 3 petstore from YAML: name, resources, methods, integrations', async () => {
      const api = await importYaml(PETSTORE)
      expect(api.$metadata.httpStatusCode).toBe(201)
      expect(api).toMatchObject({
        name: 'pets',
        description: 'Pets waiting for adoption at the shelter',
        version: '2024-06-01',
        endpointConfiguration: {types: ['EDGE'], ipAddressType: 'ipv4'},
      })
      expect(api.warnings).toBeUndefined()
      const paths = await byPath(api.id!)
      expect(Object.keys(paths)).toEqual(['/', '/health', '/pets', '/pets/{petId}'])
      expect(Object.keys(paths['/pets'].resourceMethods!)).toEqual(['GET', 'POST'])
      const restApiId = api.id!
      const admit = await rest.send(new GetMethodCommand({restApiId, resourceId: paths['/pets'].id, httpMethod: 'POST'}))
      expect(admit).toMatchObject({
        apiKeyRequired: true,
        operationName: 'admitPet',
        requestModels: {'application/json': 'NewPet'},
        methodResponses: {'201': {statusCode: '201', responseModels: {'application/json': 'Pet'}}, '400': {statusCode: '400'}},
      })
      const getPet = await rest.send(new GetMethodCommand({restApiId, resourceId: paths['/pets/{petId}'].id, httpMethod: 'GET'}))
      expect(getPet.requestParameters).toEqual({'method.request.path.petId': true})
      expect(getPet.methodIntegration).toEqual({
        type: 'HTTP_PROXY',
        httpMethod: 'GET',
        uri: 'https://shelter.backend.example.com/pets/{petId}',
        connectionType: 'INTERNET',
        requestParameters: {'integration.request.path.petId': 'method.request.path.petId'},
        passthroughBehavior: 'WHEN_NO_MATCH',
        timeoutInMillis: 29000,
        cacheNamespace: paths['/pets/{petId}'].id,
        cacheKeyParameters: [],
      })
      const list = await rest.send(new GetIntegrationCommand({restApiId, resourceId: paths['/pets'].id, httpMethod: 'GET'}))
      expect(list.timeoutInMillis).toBe(10000)
      const health = await rest.send(new GetIntegrationCommand({restApiId, resourceId: paths['/health'].id, httpMethod: 'GET'}))
      expect(health).toMatchObject({type: 'MOCK', integrationResponses: {'200': {statusCode: '200', responseTemplates: {'application/json': '{"status": "ok"}'}}}})
    })

    it('imports the same document sent as JSON, with the endpoint type from parameters', async () => {
      const api = await importYaml(Buffer.from(JSON.stringify(parseYaml(PETSTORE.toString()))), {parameters: {endpointConfigurationTypes: 'REGIONAL'}})
      expect(api.endpointConfiguration).toEqual({types: ['REGIONAL'], ipAddressType: 'ipv4'})
      expect(Object.keys(await byPath(api.id!))).toEqual(['/', '/health', '/pets', '/pets/{petId}'])
    })

    it('imports Swagger 2 from YAML and JSON alike', async () => {
      for (const body of [KENNEL, Buffer.from(JSON.stringify(parseYaml(KENNEL.toString())))]) {
        const api = await importYaml(body, {failOnWarnings: true})
        expect(api).toMatchObject({name: 'kennel', description: 'Dogs boarding at the kennel', version: '7'})
        const paths = await byPath(api.id!)
        expect(Object.keys(paths)).toEqual(['/', '/dogs', '/dogs/{dogId}', '/dogs/{dogId}/walks'])
        const board = await rest.send(new GetMethodCommand({restApiId: api.id, resourceId: paths['/dogs'].id, httpMethod: 'POST'}))
        expect(board).toMatchObject({apiKeyRequired: true, requestModels: {'application/json': 'Dog'}, methodIntegration: {type: 'HTTP', httpMethod: 'POST'}})
        const walks = await rest.send(new GetMethodCommand({restApiId: api.id, resourceId: paths['/dogs/{dogId}/walks'].id, httpMethod: 'GET'}))
        expect(walks.requestParameters).toEqual({'method.request.path.dogId': true, 'method.request.header.X-Walker': true})
        expect(walks.methodIntegration!.type).toBe('MOCK')
      }
    })

    it('reports warnings, and fails on them (creating nothing) with failonwarnings', async () => {
      const body = definition({'/quiet': {get: {'x-amazon-apigateway-integration': mockGet['x-amazon-apigateway-integration']}}})
      const tolerated = await importYaml(body)
      expect(tolerated.warnings).toEqual(["Parse issue: attribute paths.'/quiet'(get).responses is missing"])
      const before = sandbox.context.store.count(TABLES.restApis)
      expectError(
        await failure(importYaml(body, {failOnWarnings: true})),
        400,
        'BadRequestException',
        "Warnings found during import:\n\tParse issue: attribute paths.'/quiet'(get).responses is missing",
      )
      expect(sandbox.context.store.count(TABLES.restApis)).toBe(before)
    })

    it('fails on errors and on bodies that are not OpenAPI, creating nothing', async () => {
      const before = sandbox.context.store.count(TABLES.restApis)
      const broken = definition({'/broken': {get: {responses: {'200': {description: 'ok'}}, 'x-amazon-apigateway-integration': {type: 'http', httpMethod: 'GET'}}}})
      expectError(
        await failure(importYaml(broken)),
        400,
        'BadRequestException',
        "Errors found during import:\n\tUnable to put integration on 'GET' for resource at path '/broken': Invalid HTTP endpoint specified for URI",
      )
      expectError(await failure(importYaml(Buffer.from('just some text'))), 400, 'BadRequestException', 'Invalid OpenAPI input.')
      expectError(await failure(importYaml(Buffer.from('{"info": {"title": "no version"}}'))), 400, 'BadRequestException', 'Invalid OpenAPI input.')
      expect(sandbox.context.store.count(TABLES.restApis)).toBe(before)
    })

    it('refuses a definition over 6 MB', async () => {
      const padding = 'x'.repeat(6 * 1024 * 1024)
      const body = definition({'/big': mockGet}, {'x-padding': padding})
      expectError(
        await failure(importYaml(body)),
        400,
        'BadRequestException',
        `The API definition is ${body.length} bytes; API Gateway accepts definitions of at most 6291456 bytes (6 MB)`,
      )
    })
  })

  describe('PutRestApi', () => {
    const owners = definition({'/owners': {get: mockGet}}, {info: {title: 'owners-only', version: '2'}})

    it('merges by default: adds new paths, replaces named methods, keeps the rest, never deploys', async () => {
      const {id: restApiId} = await importYaml(PETSTORE)
      const deploymentsBefore = sandbox.context.store.count(TABLES.deployments)
      const changed = definition({
        '/owners': {get: mockGet},
        '/pets': {get: {responses: {'200': {description: 'ok'}}, 'x-amazon-apigateway-integration': {type: 'http_proxy', httpMethod: 'GET', uri: 'https://v2.example.com/pets'}}},
      })
      const merged = await rest.send(new PutRestApiCommand({restApiId, body: changed}))
      expect(merged.$metadata.httpStatusCode).toBe(200)
      expect(merged).toMatchObject({name: 'scratch', description: 'Pets waiting for adoption at the shelter'})
      const paths = await byPath(restApiId!)
      expect(Object.keys(paths)).toEqual(['/', '/health', '/owners', '/pets', '/pets/{petId}'])
      expect(Object.keys(paths['/pets'].resourceMethods!)).toEqual(['GET', 'POST'])
      const list = await rest.send(new GetIntegrationCommand({restApiId, resourceId: paths['/pets'].id, httpMethod: 'GET'}))
      expect(list.uri).toBe('https://v2.example.com/pets')
      expect(sandbox.context.store.count(TABLES.deployments)).toBe(deploymentsBefore)
    })

    it('overwrites: only what the definition names remains', async () => {
      const {id: restApiId, rootResourceId} = await importYaml(PETSTORE)
      const overwritten = await rest.send(new PutRestApiCommand({restApiId, mode: 'overwrite', body: owners}))
      expect(overwritten.name).toBe('owners-only')
      expect(overwritten).not.toHaveProperty('description')
      const listed = await resources(restApiId!)
      expect(listed.map((resource: Resource) => resource.path)).toEqual(['/', '/owners'])
      expect(listed[0].id).toBe(rootResourceId)
    })

    it('answers 404 for an unknown API and 400 for an unknown mode', async () => {
      expectError(
        await failure(rest.send(new PutRestApiCommand({restApiId: 'nosuchapi0', body: owners}))),
        404,
        'NotFoundException',
        `Invalid API identifier specified ${ACCOUNT}:nosuchapi0`,
      )
      const {id: restApiId} = await importYaml(owners)
      expectError(
        await failure(rest.send(new PutRestApiCommand({restApiId, mode: 'replace' as 'merge', body: owners}))),
        400,
        'ValidationException',
        "1 validation error detected: Value 'replace' at 'mode' failed to satisfy constraint: Member must satisfy enum value set: [overwrite, merge]",
      )
    })
  })

  describe('GetExport', () => {
    let restApiId: string
    beforeAll(async () => {
      restApiId = (await importYaml(PETSTORE)).id!
      deploy(restApiId, 'prod')
    })

    it('exports OAS 3.0 JSON laid out as AWS does, without extensions by default', async () => {
      const {text, document, contentType, contentDisposition} = await exported(restApiId, 'prod', 'oas30')
      expect(contentType).toBe('application/octet-stream')
      expect(contentDisposition).toBe('attachment; filename="oas30_2024-06-01.json"')
      expect(text.startsWith('{\n  "openapi" : "3.0.1",\n  "info" : {\n    "title" : "pets",')).toBe(true)
      expect(document.info).toEqual({title: 'pets', description: 'Pets waiting for adoption at the shelter', version: '2024-06-01'})
      expect(document.servers).toEqual([
        {url: `https://${restApiId}.execute-api.us-east-1.amazonaws.com/{basePath}`, variables: {basePath: {default: 'prod'}}},
      ])
      expect(Object.keys(document.paths)).toEqual(['/health', '/pets', '/pets/{petId}'])
      expect(document.paths['/pets'].get).toEqual({
        operationId: 'listPets',
        parameters: [
          {name: 'species', in: 'query', schema: {type: 'string'}},
          {name: 'limit', in: 'query', schema: {type: 'string'}},
        ],
        responses: {
          '200': {
            description: '200 response',
            headers: {'Access-Control-Allow-Origin': {schema: {type: 'string'}}},
            content: {'application/json': {schema: {$ref: '#/components/schemas/Pets'}}},
          },
        },
      })
      expect(document.paths['/pets'].post.security).toEqual([{api_key: []}])
      expect(document.components.securitySchemes).toEqual({api_key: {type: 'apiKey', name: 'x-api-key', in: 'header'}})
      expect(document.components.schemas.Pets).toEqual({type: 'array', items: {$ref: '#/components/schemas/Pet'}})
      expect(text).not.toContain('x-amazon-apigateway-integration')
    })

    it('adds x-amazon-apigateway-integration with the integrations or apigateway extensions', async () => {
      for (const extensions of ['integrations', 'apigateway']) {
        const {document} = await exported(restApiId, 'prod', 'oas30', {extensions})
        expect(document.paths['/pets/{petId}'].get['x-amazon-apigateway-integration']).toEqual({
          httpMethod: 'GET',
          uri: 'https://shelter.backend.example.com/pets/{petId}',
          requestParameters: {'integration.request.path.petId': 'method.request.path.petId'},
          passthroughBehavior: 'when_no_match',
          type: 'http_proxy',
        })
        expect(document.paths['/health'].get['x-amazon-apigateway-integration']).toEqual({
          responses: {default: {statusCode: '200', responseTemplates: {'application/json': '{"status": "ok"}'}}},
          requestTemplates: {'application/json': '{"statusCode": 200}'},
          passthroughBehavior: 'when_no_match',
          type: 'mock',
        })
      }
    })

    it('exports YAML when asked with Accept, and Swagger 2.0', async () => {
      const yaml = await exported(restApiId, 'prod', 'oas30', {extensions: 'integrations'}, 'application/yaml')
      expect(yaml.contentType).toBe('application/yaml')
      expect(yaml.contentDisposition).toBe('attachment; filename="oas30_2024-06-01.yaml"')
      expect(yaml.text.startsWith('openapi: "3.0.1"\ninfo:\n  title: "pets"\n')).toBe(true)
      expect(yaml.document.paths['/pets'].get['x-amazon-apigateway-integration'].timeoutInMillis).toBe(10000)
      const swagger = await exported(restApiId, 'PROD', 'swagger', undefined, 'application/json')
      expect(swagger.contentType).toBe('application/octet-stream')
      expect(swagger.document).toMatchObject({
        swagger: '2.0',
        info: {version: '2024-06-01', title: 'pets'},
        host: `${restApiId}.execute-api.us-east-1.amazonaws.com`,
        basePath: '/prod',
        schemes: ['https'],
        securityDefinitions: {api_key: {type: 'apiKey', name: 'x-api-key', in: 'header'}},
      })
      expect(swagger.document.paths['/pets/{petId}'].get).toEqual({
        operationId: 'getPet',
        produces: ['application/json'],
        parameters: [{name: 'petId', in: 'path', required: true, type: 'string'}],
        responses: {
          '200': {description: '200 response', schema: {$ref: '#/definitions/Pet'}},
          '404': {description: '404 response', schema: {$ref: '#/definitions/Error'}},
        },
      })
      expect(swagger.document.definitions.Pets.items).toEqual({$ref: '#/definitions/Pet'})
    })

    it('exports what the stage deployed, not later changes', async () => {
      const {id} = await importYaml(PETSTORE)
      deploy(id!, 'live', Date.UTC(2025, 5, 6, 7, 8, 9))
      await rest.send(new PutRestApiCommand({restApiId: id, body: definition({'/owners': {get: mockGet}}, {info: {title: 'pets'}})}))
      const before = await exported(id!, 'live', 'oas30')
      expect(Object.keys(before.document.paths)).not.toContain('/owners')
      deploy(id!, 'live')
      const after = await exported(id!, 'live', 'oas30')
      expect(Object.keys(after.document.paths)).toContain('/owners')
    })

    it('names the deployment time as the version of an API without one', async () => {
      const {id} = await importYaml(definition({'/ping': mockGet}, {info: {title: 'unversioned'}}))
      deploy(id!, 'beta', Date.UTC(2025, 5, 6, 7, 8, 9, 123))
      const {document, contentDisposition} = await exported(id!, 'beta', 'swagger')
      expect(document.info.version).toBe('2025-06-06T07:08:09Z')
      expect(contentDisposition).toBe('attachment; filename="swagger_2025-06-06T07:08:09Z.json"')
    })

    it('round-trips the petstore: importing the export rebuilds the same API', async () => {
      const {text} = await exported(restApiId, 'prod', 'oas30', {extensions: 'integrations'})
      const copy = await importYaml(Buffer.from(text), {failOnWarnings: true})
      const shape = async (id: string) => {
        const listed = (await rest.send(new GetResourcesCommand({restApiId: id, embed: ['methods']}))).items!
        return listed.map(({path, resourceMethods}) => ({
          path,
          methods: Object.fromEntries(
            Object.entries(resourceMethods ?? {}).map(([name, method]) => {
              const {cacheNamespace: _namespace, ...integration} = method.methodIntegration ?? {}
              return [name, {...method, methodIntegration: integration}]
            }),
          ),
        }))
      }
      expect(await shape(copy.id!)).toEqual(await shape(restApiId))
      expect(copy).toMatchObject({name: 'pets', version: '2024-06-01'})
    })

    it('answers 404 for an unknown stage or API and 400 for an unknown export type', async () => {
      expectError(await failure(exported(restApiId, 'nosuch', 'oas30')), 404, 'NotFoundException', 'Invalid Stage identifier specified')
      expectError(await failure(exported('nosuchapi0', 'prod', 'oas30')), 404, 'NotFoundException', `Invalid API identifier specified ${ACCOUNT}:nosuchapi0`)
      expectError(await failure(exported(restApiId, 'prod', 'raml')), 400, 'BadRequestException', 'Invalid export type specified: raml. Valid options are oas30,swagger')
    })
  })
})
