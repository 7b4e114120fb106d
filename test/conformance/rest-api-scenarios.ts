import {
  CreateResourceCommand,
  CreateRestApiCommand,
  DeleteResourceCommand,
  DeleteRestApiCommand,
  GetIntegrationCommand,
  GetMethodCommand,
  GetResourceCommand,
  GetResourcesCommand,
  GetRestApiCommand,
  GetRestApisCommand,
  PutIntegrationCommand,
  PutMethodCommand,
  UpdateRestApiCommand,
  type CreateRestApiCommandInput,
  type Integration,
  type Method,
  type Resource,
  type RestApi,
} from '@aws-sdk/client-api-gateway'
import {pick, sortedBy, statusOf, type Probe, type Scenario} from './probe.js'

// What moto answers as AWS does. Left out on purpose: moto adds `version: "V1"`, `binaryMediaTypes: []`
// and `tags: {}` to every API and `methodResponses: {}` to every method, lacks the integration defaults
// (passthroughBehavior, timeoutInMillis, cacheNamespace) and endpointConfiguration.ipAddressType, and
// words its 404 messages differently ("Invalid Rest API Id specified"); none of that is in docs/aws-behaviour.md.
const apiView = (probe: Probe, api: RestApi) =>
  probe.observe({
    ...pick(api, ['id', 'name', 'description', 'createdDate', 'apiKeySource', 'disableExecuteApiEndpoint', 'rootResourceId']),
    endpointTypes: api.endpointConfiguration?.types,
  })

const integrationView = (probe: Probe, integration: Integration) =>
  probe.observe(pick(integration, ['type', 'httpMethod', 'uri', 'requestParameters', 'requestTemplates']))

const methodView = (probe: Probe, method: Method) => ({
  ...(probe.observe(pick(method, ['httpMethod', 'authorizationType', 'apiKeyRequired', 'requestParameters'])) as object),
  ...(method.methodIntegration && {methodIntegration: integrationView(probe, method.methodIntegration)}),
})

const resourceView = (probe: Probe, resource: Resource) => ({
  ...(probe.observe(pick(resource, ['id', 'parentId', 'pathPart', 'path'])) as object),
  ...(resource.resourceMethods && {
    resourceMethods: Object.fromEntries(Object.entries(resource.resourceMethods).map(([verb, method]) => [verb, methodView(probe, method)])),
  }),
})

async function createApi(probe: Probe, input: CreateRestApiCommandInput = {name: 'pets'}) {
  const api = await probe.rest.send(new CreateRestApiCommand(input))
  probe.label(api.id, `api ${input.name}`)
  probe.label(api.rootResourceId, `root of ${input.name}`)
  return {...api, apiId: api.id!, rootId: api.rootResourceId!}
}

async function createResource(probe: Probe, apiId: string, parentId: string, pathPart: string) {
  const resource = await probe.rest.send(new CreateResourceCommand({restApiId: apiId, parentId, pathPart}))
  probe.label(resource.id, `resource ${resource.path}`)
  return resource
}

async function listResources(probe: Probe, apiId: string) {
  const {items = []} = await probe.rest.send(new GetResourcesCommand({restApiId: apiId, embed: ['methods']}))
  return sortedBy(items, (item) => item.path ?? '').map((item) => resourceView(probe, item))
}

export const restApiScenarios: Scenario[] = [
  {
    name: 'CreateRestApi with a description, then GetRestApi',
    async run(probe) {
      const created = await createApi(probe, {name: 'pets', description: 'the pet store'})
      const fetched = await probe.rest.send(new GetRestApiCommand({restApiId: created.id}))
      return {created: apiView(probe, created), fetched: apiView(probe, fetched)}
    },
  },
  {
    name: 'CreateRestApi with only a name has no description key',
    async run(probe) {
      return apiView(probe, await createApi(probe, {name: 'bare'}))
    },
  },
  {
    name: 'GetRestApis lists every API',
    async run(probe) {
      await createApi(probe, {name: 'orders'})
      await createApi(probe, {name: 'customers'})
      const {items = []} = await probe.rest.send(new GetRestApisCommand({}))
      return sortedBy(items, (api) => api.name ?? '').map((api) => apiView(probe, api))
    },
  },
  {
    name: 'UpdateRestApi replaces the name and the description',
    async run(probe) {
      const {apiId} = await createApi(probe)
      const updated = await probe.rest.send(
        new UpdateRestApiCommand({
          restApiId: apiId,
          patchOperations: [
            {op: 'replace', path: '/name', value: 'cats'},
            {op: 'replace', path: '/description', value: 'now with cats'},
          ],
        }),
      )
      const fetched = await probe.rest.send(new GetRestApiCommand({restApiId: apiId}))
      return {status: statusOf(updated), updated: apiView(probe, updated), fetched: apiView(probe, fetched)}
    },
  },
  {
    name: 'DeleteRestApi removes the API',
    async run(probe) {
      const {apiId} = await createApi(probe, {name: 'doomed'})
      await createApi(probe, {name: 'kept'})
      await probe.rest.send(new DeleteRestApiCommand({restApiId: apiId}))
      const {items = []} = await probe.rest.send(new GetRestApisCommand({}))
      return {
        remaining: items.map((api) => api.name),
        fetched: await probe.failure(probe.rest.send(new GetRestApiCommand({restApiId: apiId})), {message: false}),
      }
    },
  },
  {
    name: 'GetRestApi, UpdateRestApi and GetResources on an unknown API are 404s',
    async run(probe) {
      const restApiId = 'abcde12345'
      const notFound = (call: Promise<unknown>) => probe.failure(call, {message: false})
      return {
        get: await notFound(probe.rest.send(new GetRestApiCommand({restApiId}))),
        update: await notFound(probe.rest.send(new UpdateRestApiCommand({restApiId, patchOperations: [{op: 'replace', path: '/name', value: 'x'}]}))),
        resources: await notFound(probe.rest.send(new GetResourcesCommand({restApiId}))),
      }
    },
  },
  {
    name: 'CreateRestApi answers 201 and DeleteRestApi 202',
    motoDiffers: 'moto answers 200 to both; the AWS service model says 201 and 202',
    aws: {created: 201, deleted: 202},
    async run(probe) {
      const created = await createApi(probe)
      const deleted = await probe.rest.send(new DeleteRestApiCommand({restApiId: created.apiId}))
      return {created: statusOf(created), deleted: statusOf(deleted)}
    },
  },
  {
    name: 'A new API has only its root resource "/"',
    async run(probe) {
      const {apiId} = await createApi(probe)
      return listResources(probe, apiId)
    },
  },
  {
    name: 'CreateResource builds nested paths, and GetResource reads one back',
    async run(probe) {
      const {apiId, rootId} = await createApi(probe)
      const pets = await createResource(probe, apiId, rootId, 'pets')
      const pet = await createResource(probe, apiId, pets.id!, '{petId}')
      const fetched = await probe.rest.send(new GetResourceCommand({restApiId: apiId, resourceId: pet.id}))
      return {
        status: statusOf(pets),
        pets: resourceView(probe, pets),
        pet: resourceView(probe, pet),
        fetched: resourceView(probe, fetched),
        listed: await listResources(probe, apiId),
      }
    },
  },
  {
    name: 'DeleteResource removes a leaf resource',
    async run(probe) {
      const {apiId, rootId} = await createApi(probe)
      await createResource(probe, apiId, rootId, 'kept')
      const doomed = await createResource(probe, apiId, rootId, 'doomed')
      const deleted = await probe.rest.send(new DeleteResourceCommand({restApiId: apiId, resourceId: doomed.id}))
      return {
        status: statusOf(deleted),
        listed: await listResources(probe, apiId),
        fetched: await probe.failure(probe.rest.send(new GetResourceCommand({restApiId: apiId, resourceId: doomed.id})), {message: false}),
      }
    },
  },
  {
    name: 'PutMethod then GetMethod; GetMethod on a verb never put is a 404',
    async run(probe) {
      const {apiId, rootId} = await createApi(probe)
      const pet = await createResource(probe, apiId, rootId, '{petId}')
      const put = await probe.rest.send(
        new PutMethodCommand({
          restApiId: apiId,
          resourceId: pet.id,
          httpMethod: 'GET',
          authorizationType: 'NONE',
          apiKeyRequired: true,
          requestParameters: {'method.request.path.petId': true},
        }),
      )
      const fetched = await probe.rest.send(new GetMethodCommand({restApiId: apiId, resourceId: pet.id, httpMethod: 'GET'}))
      const missing = probe.rest.send(new GetMethodCommand({restApiId: apiId, resourceId: pet.id, httpMethod: 'DELETE'}))
      return {
        status: statusOf(put),
        put: methodView(probe, put),
        fetched: methodView(probe, fetched),
        missing: await probe.failure(missing, {message: false}),
      }
    },
  },
  {
    name: 'PutIntegration then GetIntegration, and GetMethod embeds it',
    async run(probe) {
      const {apiId, rootId} = await createApi(probe)
      const pet = await createResource(probe, apiId, rootId, '{petId}')
      const method = {restApiId: apiId, resourceId: pet.id, httpMethod: 'GET'}
      await probe.rest.send(new PutMethodCommand({...method, authorizationType: 'NONE', requestParameters: {'method.request.path.petId': true}}))
      const put = await probe.rest.send(
        new PutIntegrationCommand({
          ...method,
          type: 'HTTP',
          integrationHttpMethod: 'GET',
          uri: 'https://example.com/pets/{petId}',
          requestParameters: {'integration.request.path.petId': 'method.request.path.petId'},
        }),
      )
      const fetched = await probe.rest.send(new GetIntegrationCommand(method))
      const withMethod = await probe.rest.send(new GetMethodCommand(method))
      return {
        status: statusOf(put),
        put: integrationView(probe, put),
        fetched: integrationView(probe, fetched),
        method: methodView(probe, withMethod),
      }
    },
  },
  {
    name: 'GetResources with embed=methods shows each method and its integration',
    async run(probe) {
      const {apiId, rootId} = await createApi(probe)
      const pets = await createResource(probe, apiId, rootId, 'pets')
      const pet = await createResource(probe, apiId, pets.id!, '{petId}')
      await probe.rest.send(new PutMethodCommand({restApiId: apiId, resourceId: pets.id, httpMethod: 'POST', authorizationType: 'NONE', apiKeyRequired: true}))
      await probe.rest.send(
        new PutIntegrationCommand({
          restApiId: apiId,
          resourceId: pets.id,
          httpMethod: 'POST',
          type: 'MOCK',
          requestTemplates: {'application/json': '{"statusCode": 200}'},
        }),
      )
      await probe.rest.send(new PutMethodCommand({restApiId: apiId, resourceId: pet.id, httpMethod: 'DELETE', authorizationType: 'AWS_IAM'}))
      return listResources(probe, apiId)
    },
  },
]
