import {
  APIGatewayClient,
  CreateDeploymentCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  GetResourcesCommand,
  PutIntegrationCommand,
  PutMethodCommand,
} from '@aws-sdk/client-api-gateway'
import {ApiGatewayV2Client, CreateApiCommand, CreateIntegrationCommand, CreateRouteCommand, CreateStageCommand} from '@aws-sdk/client-apigatewayv2'

const clientConfig = (endpoint: string, region: string) => ({
  endpoint,
  region,
  credentials: {accessKeyId: 'AKIDTEST', secretAccessKey: 'secret'},
})

/** Creates APIs directly with the SDK, the way an operator's other tools would, in `region`. */
export function seeder(endpoint: string, region = 'us-east-1') {
  const v1 = new APIGatewayClient(clientConfig(endpoint, region))
  const v2 = new ApiGatewayV2Client(clientConfig(endpoint, region))
  return {
    /** A REST API with GET /pets (HTTP proxy, API key required) and a `prod` stage. */
    async restApi(name: string, description?: string) {
      const api = await v1.send(new CreateRestApiCommand({name, description}))
      const restApiId = api.id!
      const [root] = (await v1.send(new GetResourcesCommand({restApiId}))).items!
      const pets = await v1.send(new CreateResourceCommand({restApiId, parentId: root.id!, pathPart: 'pets'}))
      await v1.send(new PutMethodCommand({restApiId, resourceId: pets.id!, httpMethod: 'GET', authorizationType: 'NONE', apiKeyRequired: true}))
      await v1.send(
        new PutIntegrationCommand({restApiId, resourceId: pets.id!, httpMethod: 'GET', type: 'HTTP_PROXY', integrationHttpMethod: 'GET', uri: 'https://backend.example.com/pets'}),
      )
      const deployment = await v1.send(new CreateDeploymentCommand({restApiId, stageName: 'prod'}))
      return {id: restApiId, deploymentId: deployment.id!}
    },
    /** A REST API with GET /pets and GET /pets/{id} (mock integrations), deployed to `prod`. */
    async petsApi(name: string) {
      const api = await v1.send(new CreateRestApiCommand({name}))
      const restApiId = api.id!
      const pets = await v1.send(new CreateResourceCommand({restApiId, parentId: api.rootResourceId!, pathPart: 'pets'}))
      const pet = await v1.send(new CreateResourceCommand({restApiId, parentId: pets.id!, pathPart: '{id}'}))
      for (const resourceId of [pets.id!, pet.id!]) {
        await v1.send(new PutMethodCommand({restApiId, resourceId, httpMethod: 'GET', authorizationType: 'NONE'}))
        await v1.send(new PutIntegrationCommand({restApiId, resourceId, httpMethod: 'GET', type: 'MOCK'}))
      }
      const deployment = await v1.send(new CreateDeploymentCommand({restApiId, stageName: 'prod'}))
      return {id: restApiId, deploymentId: deployment.id!, resources: {pets: pets.id!, pet: pet.id!}}
    },
    /** An HTTP API with `GET /orders` → a Lambda proxy integration, and a `$default` auto-deploy stage. */
    async httpApi(name: string) {
      const api = await v2.send(new CreateApiCommand({Name: name, ProtocolType: 'HTTP'}))
      const ApiId = api.ApiId!
      const integration = await v2.send(
        new CreateIntegrationCommand({
          ApiId,
          IntegrationType: 'AWS_PROXY',
          IntegrationUri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:orders/invocations',
          PayloadFormatVersion: '2.0',
        }),
      )
      await v2.send(new CreateRouteCommand({ApiId, RouteKey: 'GET /orders', Target: `integrations/${integration.IntegrationId}`}))
      await v2.send(new CreateStageCommand({ApiId, StageName: '$default', AutoDeploy: true}))
      return {id: ApiId}
    },
    async websocketApi(name: string) {
      const api = await v2.send(new CreateApiCommand({Name: name, ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action'}))
      return {id: api.ApiId!}
    },
  }
}
