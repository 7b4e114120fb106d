import {readFileSync} from 'node:fs'
import {
  CreateApiCommand,
  CreateRouteCommand,
  CreateStageCommand,
  ExportApiCommand,
  GetDeploymentsCommand,
  GetIntegrationsCommand,
  GetRoutesCommand,
  GetStageCommand,
  ImportApiCommand,
  ReimportApiCommand,
  type ApiGatewayV2Client,
  type Integration,
} from '@aws-sdk/client-apigatewayv2'
import {afterAll, beforeAll, beforeEach, describe, expect, it} from 'vitest'
import YAML from 'yaml'
import {sdkClients, startTestSandbox, type Sandbox} from '../helpers/sandbox.js'
import {failure} from './sdk-failure.js'

const EXAMPLE = readFileSync(new URL('../../examples/http-api.yaml', import.meta.url), 'utf8')

let sandbox: Sandbox
let v2: ApiGatewayV2Client
beforeAll(async () => {
  sandbox = await startTestSandbox()
  v2 = sdkClients(sandbox.endpoint).v2
})
afterAll(() => sandbox.stop())
beforeEach(() => sandbox.context.store.clear())

const routeKeys = async (ApiId: string) => (await v2.send(new GetRoutesCommand({ApiId}))).Items!.map((route) => route.RouteKey).sort()

/** Integrations by the route key that targets them, without their generated ids. */
async function integrationsByRoute(ApiId: string): Promise<Record<string, Omit<Integration, 'IntegrationId'>>> {
  const integrations = (await v2.send(new GetIntegrationsCommand({ApiId}))).Items!
  const routes = (await v2.send(new GetRoutesCommand({ApiId}))).Items!
  return Object.fromEntries(
    routes.map((route) => {
      const {IntegrationId, ...rest} = integrations.find((integration) => route.Target === `integrations/${integration.IntegrationId}`)!
      return [route.RouteKey, rest]
    }),
  )
}

async function exported(ApiId: string, options: {OutputType?: 'JSON' | 'YAML'; StageName?: string; IncludeExtensions?: boolean} = {}) {
  const response = await v2.send(new ExportApiCommand({ApiId, Specification: 'OAS30', OutputType: 'YAML', ...options}))
  return YAML.parse(new TextDecoder().decode(response.body)) as Record<string, any>
}

describe('ImportApi', () => {
  it('builds an HTTP API with routes and HTTP_PROXY integrations from examples/http-api.yaml', async () => {
    const api = await v2.send(new ImportApiCommand({Body: EXAMPLE}))
    expect(api.$metadata.httpStatusCode).toBe(201)
    expect(api).toMatchObject({
      Name: 'greenhouse',
      Description: 'Plants and their watering schedules',
      Version: '2024-06-01',
      ProtocolType: 'HTTP',
      CorsConfiguration: {AllowOrigins: ['https://greenhouse.example.com'], AllowMethods: ['GET', 'POST'], MaxAge: 300},
    })
    expect(api.Warnings).toBeUndefined()
    expect(await routeKeys(api.ApiId!)).toEqual(['ANY /health', 'GET /plants', 'GET /plants/{plantId}/waterings', 'POST /plants'])
    const integrations = await integrationsByRoute(api.ApiId!)
    expect(integrations['GET /plants']).toEqual({
      IntegrationType: 'HTTP_PROXY',
      IntegrationMethod: 'GET',
      IntegrationUri: 'https://greenhouse.example.com/plants',
      PayloadFormatVersion: '1.0',
      ConnectionType: 'INTERNET',
      TimeoutInMillis: 10000,
    })
    expect(integrations['GET /plants/{plantId}/waterings'].RequestParameters).toEqual({'overwrite:path': '/plants/$request.path.plantId/waterings'})
    const operations = (await v2.send(new GetRoutesCommand({ApiId: api.ApiId}))).Items!.map((route) => route.OperationName)
    expect(operations).toContain('listWaterings')
  })

  it('refuses a body that is not OpenAPI 3, and with FailOnWarnings refuses integrations HTTP APIs cannot have', async () => {
    expect(await failure(v2.send(new ImportApiCommand({Body: 'swagger: "2.0"\ninfo: {title: old}\n'})))).toEqual({
      name: 'BadRequestException',
      status: 400,
      message: 'Invalid OpenAPI definition: only OpenAPI 3.0 definitions (openapi: 3.0.x) can be imported',
    })
    const mock = EXAMPLE.replace('type: http_proxy', 'type: mock')
    expect(await failure(v2.send(new ImportApiCommand({Body: mock, FailOnWarnings: true})))).toEqual({
      name: 'BadRequestException',
      status: 400,
      message: 'Warnings found during import: Unsupported integration type mock on route GET /plants; the route was imported without an integration',
    })
    const lenient = await v2.send(new ImportApiCommand({Body: mock}))
    expect(lenient.Warnings).toEqual(['Unsupported integration type mock on route GET /plants; the route was imported without an integration'])
    expect(await routeKeys(lenient.ApiId!)).toContain('GET /plants')
  })
})

describe('ExportApi', () => {
  it('exports OAS 3.0 that imports back to the same routes and integrations (YAML and JSON)', async () => {
    const original = await v2.send(new ImportApiCommand({Body: EXAMPLE}))
    const document = await exported(original.ApiId!)
    expect(document).toMatchObject({openapi: '3.0.1', info: {title: 'greenhouse', version: '2024-06-01'}, 'x-amazon-apigateway-importexport-version': '1.0'})
    expect(document.paths['/plants/{plantId}/waterings'].get).toMatchObject({
      operationId: 'listWaterings',
      parameters: [{name: 'plantId', in: 'path', required: true, schema: {type: 'string'}}],
      responses: {default: {description: 'Default response for GET /plants/{plantId}/waterings'}},
      'x-amazon-apigateway-integration': {type: 'http_proxy', httpMethod: 'GET', payloadFormatVersion: '1.0'},
    })
    expect(Object.keys(document.paths['/health'])).toEqual(['x-amazon-apigateway-any-method'])

    const json = await v2.send(new ExportApiCommand({ApiId: original.ApiId, Specification: 'OAS30', OutputType: 'JSON'}))
    const copy = await v2.send(new ImportApiCommand({Body: new TextDecoder().decode(json.body)}))
    expect(copy.ApiId).not.toBe(original.ApiId)
    expect(copy.CorsConfiguration).toEqual(original.CorsConfiguration)
    expect(await routeKeys(copy.ApiId!)).toEqual(await routeKeys(original.ApiId!))
    expect(await integrationsByRoute(copy.ApiId!)).toEqual(await integrationsByRoute(original.ApiId!))
  })

  it('leaves the API Gateway extensions out with IncludeExtensions=false', async () => {
    const api = await v2.send(new ImportApiCommand({Body: EXAMPLE}))
    const document = await exported(api.ApiId!, {IncludeExtensions: false})
    const text = JSON.stringify(document)
    for (const extension of ['integration', 'cors', 'importexport-version']) expect(text).not.toContain(`x-amazon-apigateway-${extension}`)
    // ANY routes have no other spelling in OpenAPI, so that one stays.
    expect(Object.keys(document.paths['/health'])).toEqual(['x-amazon-apigateway-any-method'])
  })

  it('with StageName exports what that stage has deployed, with the stage as base path', async () => {
    const api = await v2.send(new ImportApiCommand({Body: EXAMPLE}))
    await v2.send(new CreateStageCommand({ApiId: api.ApiId, StageName: 'prod', AutoDeploy: true}))
    await v2.send(new CreateStageCommand({ApiId: api.ApiId, StageName: 'frozen'}))
    await v2.send(new CreateRouteCommand({ApiId: api.ApiId, RouteKey: 'DELETE /plants/{plantId}'}))
    const prod = await exported(api.ApiId!, {StageName: 'prod'})
    expect(prod.servers).toEqual([{url: `${api.ApiEndpoint}/{basePath}`, variables: {basePath: {default: 'prod'}}}])
    expect(prod.paths['/plants/{plantId}']).toHaveProperty('delete')
    expect(await failure(v2.send(new ExportApiCommand({ApiId: api.ApiId, Specification: 'OAS30', OutputType: 'YAML', StageName: 'frozen'})))).toEqual({
      name: 'BadRequestException',
      status: 400,
      message: 'Stage frozen has no deployment to export',
    })
  })

  it('refuses other specifications and output types, and WebSocket APIs', async () => {
    const api = await v2.send(new ImportApiCommand({Body: EXAMPLE}))
    expect(await failure(v2.send(new ExportApiCommand({ApiId: api.ApiId, Specification: 'OAS30', OutputType: 'XML'})))).toEqual({
      name: 'BadRequestException',
      status: 400,
      message: 'Invalid outputType specified: XML. Must be one of [JSON, YAML]',
    })
    const socket = await v2.send(new CreateApiCommand({Name: 'chat', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action'}))
    expect(await failure(v2.send(new ExportApiCommand({ApiId: socket.ApiId, Specification: 'OAS30', OutputType: 'JSON'})))).toEqual({
      name: 'BadRequestException',
      status: 400,
      message: 'ExportApi is supported only for HTTP APIs',
    })
  })
})

describe('ReimportApi', () => {
  it('replaces the routes and integrations in place (201), keeps stages and auto-deploys them', async () => {
    const api = await v2.send(new ImportApiCommand({Body: EXAMPLE}))
    await v2.send(new CreateStageCommand({ApiId: api.ApiId, StageName: '$default', AutoDeploy: true}))
    const document = YAML.parse(EXAMPLE)
    document.info.title = 'greenhouse-v2'
    delete document.paths['/health']
    document.paths['/plants/{plantId}'] = {
      delete: {
        responses: {default: {description: 'Gone'}},
        'x-amazon-apigateway-integration': {type: 'http_proxy', httpMethod: 'DELETE', uri: 'https://greenhouse.example.com/plants/{plantId}', payloadFormatVersion: '1.0'},
      },
    }
    const reimported = await v2.send(new ReimportApiCommand({ApiId: api.ApiId, Body: YAML.stringify(document)}))
    expect(reimported.$metadata.httpStatusCode).toBe(201)
    expect(reimported).toMatchObject({ApiId: api.ApiId, Name: 'greenhouse-v2'})
    expect(await routeKeys(api.ApiId!)).toEqual(['DELETE /plants/{plantId}', 'GET /plants', 'GET /plants/{plantId}/waterings', 'POST /plants'])
    expect((await v2.send(new GetIntegrationsCommand({ApiId: api.ApiId}))).Items).toHaveLength(4)
    const deployments = (await v2.send(new GetDeploymentsCommand({ApiId: api.ApiId}))).Items!
    expect(deployments).toHaveLength(2)
    const stage = await v2.send(new GetStageCommand({ApiId: api.ApiId, StageName: '$default'}))
    expect(deployments.map((deployment) => deployment.DeploymentId)).toContain(stage.DeploymentId)
    expect((await exported(api.ApiId!, {StageName: '$default'})).paths).toHaveProperty(['/plants/{plantId}'])
  })

  it('is all or nothing: a definition that fails leaves the old routes in place', async () => {
    const api = await v2.send(new ImportApiCommand({Body: EXAMPLE}))
    const broken = EXAMPLE.replace('uri: https://greenhouse.example.com/health', 'uri: not-a-url')
    expect(await failure(v2.send(new ReimportApiCommand({ApiId: api.ApiId, Body: broken})))).toEqual({
      name: 'BadRequestException',
      status: 400,
      message: 'Invalid integration URI specified: not-a-url. HTTP_PROXY integrations take an http:// or https:// URL',
    })
    expect(await routeKeys(api.ApiId!)).toEqual(['ANY /health', 'GET /plants', 'GET /plants/{plantId}/waterings', 'POST /plants'])
  })
})
