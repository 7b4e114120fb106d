import {
  CreateDocumentationPartCommand,
  CreateDocumentationVersionCommand,
  CreateVpcLinkCommand,
  DeleteClientCertificateCommand,
  DeleteDocumentationPartCommand,
  DeleteVpcLinkCommand,
  GenerateClientCertificateCommand,
  GetClientCertificateCommand,
  GetClientCertificatesCommand,
  GetDocumentationPartsCommand,
  GetDocumentationVersionCommand,
  GetDocumentationVersionsCommand,
  GetStageCommand,
  GetVpcLinkCommand,
  GetVpcLinksCommand,
  CreateRestApiCommand,
  PutIntegrationCommand,
  PutMethodCommand,
  ImportDocumentationPartsCommand,
  DeleteRestApiCommand,
  UpdateClientCertificateCommand,
  UpdateDocumentationPartCommand,
  UpdateStageCommand,
  UpdateVpcLinkCommand,
  type APIGatewayClient,
  type DocumentationPartType,
} from '@aws-sdk/client-api-gateway'
import {
  CreateVpcLinkCommand as CreateV2VpcLinkCommand,
  DeleteVpcLinkCommand as DeleteV2VpcLinkCommand,
  GetVpcLinkCommand as GetV2VpcLinkCommand,
  GetVpcLinksCommand as GetV2VpcLinksCommand,
  UpdateVpcLinkCommand as UpdateV2VpcLinkCommand,
} from '@aws-sdk/client-apigatewayv2'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {TABLES} from '../../packages/sandbox/src/model.js'
import {controlFetch, sdkClients, startTestSandbox, type Sandbox} from '../helpers/sandbox.js'
import {seedRestApi, seedRestStage} from '../helpers/sandbox-seed.js'
import {failure} from './sdk-failure.js'

const DAY_MS = 24 * 3600 * 1000
const WEB_ACL = 'arn:aws:wafv2:us-east-1:123456789012:regional/webacl/shield/0f1e2d3c'

describe('sandbox client certificates, VPC links, WAF and documentation', () => {
  let sandbox: Sandbox
  let rest: APIGatewayClient
  beforeEach(async () => {
    sandbox = await startTestSandbox()
    rest = sdkClients(sandbox.endpoint).rest
    seedRestApi(sandbox.context.store, {id: 'pets', createdDate: Date.now()})
    seedRestStage(sandbox.context.store, {apiId: 'pets', stageName: 'prod', deploymentId: 'dep1', createdDate: Date.now()})
  })
  afterEach(() => sandbox.stop())

  const patchStage = (path: string, value?: string) => rest.send(new UpdateStageCommand({restApiId: 'pets', stageName: 'prod', patchOperations: [{op: 'replace', path, value}]}))

  describe('client certificates (docs/aws-behaviour.md#client-certificates)', () => {
    it('generates a PEM certificate valid for 365 days, with tags {} when none', async () => {
      const {$metadata, ...certificate} = await rest.send(new GenerateClientCertificateCommand({description: 'backend'}))
      expect($metadata.httpStatusCode).toBe(201)
      expect(certificate).toEqual({
        clientCertificateId: expect.stringMatching(/^[a-z0-9]{6}$/),
        description: 'backend',
        pemEncodedCertificate: expect.stringMatching(/^-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+\n-----END CERTIFICATE-----$/),
        createdDate: expect.any(Date),
        expirationDate: expect.any(Date),
        tags: {},
      })
      expect(certificate.expirationDate!.getTime() - certificate.createdDate!.getTime()).toBe(365 * DAY_MS)
    })

    it('lists, updates and deletes; a missing one is a 404', async () => {
      const {clientCertificateId} = await rest.send(new GenerateClientCertificateCommand({}))
      await rest.send(new GenerateClientCertificateCommand({}))
      expect((await rest.send(new GetClientCertificatesCommand({}))).items).toHaveLength(2)
      const updated = await rest.send(new UpdateClientCertificateCommand({clientCertificateId, patchOperations: [{op: 'replace', path: '/description', value: 'renamed'}]}))
      expect(updated.description).toBe('renamed')
      expect((await rest.send(new DeleteClientCertificateCommand({clientCertificateId}))).$metadata.httpStatusCode).toBe(202)
      expect(await failure(rest.send(new GetClientCertificateCommand({clientCertificateId})))).toEqual({
        name: 'NotFoundException',
        status: 404,
        message: 'Invalid Client Certificate identifier specified',
      })
    })

    it("sets a stage's clientCertificateId only to a certificate that exists", async () => {
      expect(await failure(patchStage('/clientCertificateId', 'nope00'))).toMatchObject({name: 'NotFoundException', status: 404})
      const {clientCertificateId} = await rest.send(new GenerateClientCertificateCommand({}))
      expect((await patchStage('/clientCertificateId', clientCertificateId)).clientCertificateId).toBe(clientCertificateId)
    })
  })

  it('VPC links are PENDING, then AVAILABLE after the transition delay (docs/aws-behaviour.md#vpc-links)', async () => {
    const targetArns = ['arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/internal/abc']
    const {$metadata, ...link} = await rest.send(new CreateVpcLinkCommand({name: 'internal', targetArns}))
    expect($metadata.httpStatusCode).toBe(202)
    expect(link).toEqual({id: expect.any(String), name: 'internal', targetArns, status: 'PENDING', tags: {}})
    await new Promise((resolve) => setTimeout(resolve, 80))
    expect(await rest.send(new GetVpcLinkCommand({vpcLinkId: link.id}))).toMatchObject({status: 'AVAILABLE', statusMessage: 'Your vpc link is ready for use'})
    expect(await failure(rest.send(new CreateVpcLinkCommand({name: 'two', targetArns: [...targetArns, ...targetArns]})))).toMatchObject({name: 'BadRequestException', status: 400})
    const renamed = await rest.send(new UpdateVpcLinkCommand({vpcLinkId: link.id, patchOperations: [{op: 'replace', path: '/name', value: 'nlb'}]}))
    expect(renamed.name).toBe('nlb')
    await rest.send(new DeleteVpcLinkCommand({vpcLinkId: link.id}))
    expect(await failure(rest.send(new GetVpcLinkCommand({vpcLinkId: link.id})))).toEqual({name: 'NotFoundException', status: 404, message: 'VPCLink not found'})
  })

  it('a VPC_LINK integration names an existing VPC link or a stage variable (docs/aws-behaviour.md#an-integration-through-a-vpc-link-names-it)', async () => {
    const api = await rest.send(new CreateRestApiCommand({name: 'private'}))
    const restApiId = api.id!
    await rest.send(new PutMethodCommand({restApiId, resourceId: api.rootResourceId, httpMethod: 'GET', authorizationType: 'NONE'}))
    const integrate = (connectionId?: string) =>
      rest.send(
        new PutIntegrationCommand({restApiId, resourceId: api.rootResourceId, httpMethod: 'GET', type: 'HTTP_PROXY', integrationHttpMethod: 'GET', uri: 'http://nlb.internal/', connectionType: 'VPC_LINK', connectionId}),
      )
    expect(await failure(integrate())).toMatchObject({name: 'BadRequestException', status: 400, message: 'connectionId is required when connectionType is VPC_LINK'})
    expect(await failure(integrate('nope00'))).toMatchObject({name: 'BadRequestException', status: 400, message: 'Invalid VPC link identifier specified: nope00'})
    expect((await integrate('${stageVariables.vpcLinkId}')).connectionId).toBe('${stageVariables.vpcLinkId}')
    const link = await rest.send(new CreateVpcLinkCommand({name: 'nlb', targetArns: ['arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/nlb/1']}))
    expect(await integrate(link.id)).toMatchObject({connectionType: 'VPC_LINK', connectionId: link.id})
  })

  it('v2 VPC links are their own kind: PENDING, then AVAILABLE, with AWS status messages (docs/aws-behaviour.md#version-2-vpc-links)', async () => {
    const {v2} = sdkClients(sandbox.endpoint)
    const {$metadata, ...link} = await v2.send(new CreateV2VpcLinkCommand({Name: 'private', SubnetIds: ['subnet-1', 'subnet-2'], SecurityGroupIds: ['sg-1']}))
    expect($metadata.httpStatusCode).toBe(201)
    expect(link).toEqual({
      CreatedDate: expect.any(Date),
      Name: 'private',
      SecurityGroupIds: ['sg-1'],
      SubnetIds: ['subnet-1', 'subnet-2'],
      Tags: {},
      VpcLinkId: expect.any(String),
      VpcLinkStatus: 'PENDING',
      VpcLinkStatusMessage: 'VPC link is provisioning ENIs',
      VpcLinkVersion: 'V2',
    })
    await new Promise((resolve) => setTimeout(resolve, 80))
    expect(await v2.send(new GetV2VpcLinkCommand({VpcLinkId: link.VpcLinkId}))).toMatchObject({VpcLinkStatus: 'AVAILABLE', VpcLinkStatusMessage: 'VPC link is ready to route traffic'})
    expect((await v2.send(new UpdateV2VpcLinkCommand({VpcLinkId: link.VpcLinkId, Name: 'renamed'}))).Name).toBe('renamed')
    expect((await v2.send(new GetV2VpcLinksCommand({}))).Items!.map((each) => each.VpcLinkId)).toEqual([link.VpcLinkId])
    // v1 lists only its own kind.
    expect((await rest.send(new GetVpcLinksCommand({}))).items).toEqual([])
    expect((await v2.send(new DeleteV2VpcLinkCommand({VpcLinkId: link.VpcLinkId}))).$metadata.httpStatusCode).toBe(202)
    expect(await failure(v2.send(new GetV2VpcLinkCommand({VpcLinkId: link.VpcLinkId})))).toEqual({
      name: 'NotFoundException',
      status: 404,
      message: `Invalid VpcLink identifier specified ${link.VpcLinkId}`,
    })
  })

  it("sets a stage's webAclArn through PUT /_sandbox/waf, with the token (docs/aws-behaviour.md#a-rest-stage-shows-its-waf-web-acl)", async () => {
    const put = (body: unknown) => controlFetch(sandbox, 'waf', {method: 'PUT', body: JSON.stringify(body)})
    expect((await fetch(`${sandbox.endpoint}/_sandbox/waf`, {method: 'PUT', body: JSON.stringify({restApiId: 'pets', stage: 'prod', webAclArn: WEB_ACL})})).status).toBe(403)
    expect((await put({restApiId: 'pets', stage: 'prod', webAclArn: 'not-an-arn'})).status).toBe(400)
    expect((await put({restApiId: 'pets', stage: 'nope', webAclArn: WEB_ACL})).status).toBe(404)
    expect(await (await put({restApiId: 'pets', stage: 'PROD', webAclArn: WEB_ACL})).json()).toEqual({restApiId: 'pets', stage: 'prod', webAclArn: WEB_ACL})
    expect((await rest.send(new GetStageCommand({restApiId: 'pets', stageName: 'prod'}))).webAclArn).toBe(WEB_ACL)
    await put({restApiId: 'pets', stage: 'prod', webAclArn: null})
    expect((await rest.send(new GetStageCommand({restApiId: 'pets', stageName: 'prod'}))).webAclArn).toBeUndefined()
  })

  describe('documentation parts (docs/aws-behaviour.md#documentation-parts)', () => {
    const create = (location: {type: DocumentationPartType; path?: string; method?: string; statusCode?: string; name?: string}, properties = '{"description":"x"}', restApiId = 'pets') =>
      rest.send(new CreateDocumentationPartCommand({restApiId, location, properties}))

    it('answers the location with its defaults; a second part at the same location is a 409 in AWS words', async () => {
      const {$metadata, ...part} = await create({type: 'METHOD', path: '/pets'})
      expect($metadata.httpStatusCode).toBe(201)
      expect(part).toEqual({id: expect.any(String), location: {type: 'METHOD', path: '/pets', method: '*'}, properties: '{"description":"x"}'})
      await create({type: 'API'})
      expect(await failure(create({type: 'API'}))).toEqual({name: 'ConflictException', status: 409, message: "Documentation part already exists for the specified location: type 'API'."})
      expect(await failure(create({type: 'METHOD', path: '/pets', method: '*'}))).toMatchObject({
        status: 409,
        message: "Documentation part already exists for the specified location: type 'METHOD', path '/pets', method '*'.",
      })
    })

    it('checks the location type before the API, and the fields each type takes (docs/aws-behaviour.md#a-documentation-location-names-one-entity)', async () => {
      expect(await failure(create({type: 'ROUTE' as DocumentationPartType}, '{}', 'nope'))).toMatchObject({name: 'ValidationException', status: 400})
      expect(await failure(create({type: 'API'}, '{}', 'nope'))).toMatchObject({name: 'NotFoundException', status: 404})
      expect(await failure(create({type: 'API', method: 'GET'}))).toMatchObject({name: 'BadRequestException', status: 400})
      expect(await failure(create({type: 'QUERY_PARAMETER', path: '/pets'}))).toMatchObject({name: 'BadRequestException', status: 400})
      expect(await failure(create({type: 'API'}, 'not json'))).toMatchObject({name: 'BadRequestException', status: 400})
    })

    it('filters by type, path and name; updates and deletes', async () => {
      const page = await create({type: 'QUERY_PARAMETER', path: '/pets', method: 'GET', name: 'page'})
      await create({type: 'QUERY_PARAMETER', path: '/pets', method: 'GET', name: 'limit'})
      await create({type: 'RESOURCE', path: '/pets'})
      const byType = await rest.send(new GetDocumentationPartsCommand({restApiId: 'pets', type: 'QUERY_PARAMETER'}))
      expect(byType.items).toHaveLength(2)
      const byName = await rest.send(new GetDocumentationPartsCommand({restApiId: 'pets', nameQuery: 'pag'}))
      expect(byName.items!.map((part) => part.id)).toEqual([page.id])
      const updated = await rest.send(new UpdateDocumentationPartCommand({restApiId: 'pets', documentationPartId: page.id, patchOperations: [{op: 'replace', path: '/properties', value: '{"a":1}'}]}))
      expect(updated.properties).toBe('{"a":1}')
      await rest.send(new DeleteDocumentationPartCommand({restApiId: 'pets', documentationPartId: page.id}))
      expect((await rest.send(new GetDocumentationPartsCommand({restApiId: 'pets'}))).items).toHaveLength(2)
    })
  })

  it('imports parts from x-amazon-apigateway-documentation, merging or overwriting; they go with the API (docs/aws-behaviour.md#importing-documentation-parts)', async () => {
    const document = (parts: unknown[]) =>
      new TextEncoder().encode(JSON.stringify({openapi: '3.0.1', info: {title: 'pets', version: '1'}, paths: {}, 'x-amazon-apigateway-documentation': {version: '1', documentationParts: parts}}))
    const api = await rest.send(new CreateDocumentationPartCommand({restApiId: 'pets', location: {type: 'API'}, properties: '{"old":true}'}))
    const merged = await rest.send(
      new ImportDocumentationPartsCommand({
        restApiId: 'pets',
        body: document([
          {location: {type: 'API'}, properties: {description: 'new'}},
          {location: {type: 'METHOD', path: '/pets', method: 'GET'}, properties: {summary: 'List'}},
        ]),
      }),
    )
    expect(merged.ids![0]).toBe(api.id)
    const listed = (await rest.send(new GetDocumentationPartsCommand({restApiId: 'pets'}))).items!
    expect(listed.map((part) => part.properties).sort()).toEqual(['{"description":"new"}', '{"summary":"List"}'])
    const overwritten = await rest.send(
      new ImportDocumentationPartsCommand({restApiId: 'pets', mode: 'overwrite', body: document([{location: {type: 'RESOURCE', path: '/pets'}, properties: {}}])}),
    )
    expect((await rest.send(new GetDocumentationPartsCommand({restApiId: 'pets'}))).items!.map((part) => part.id)).toEqual(overwritten.ids)
    await rest.send(new CreateDocumentationVersionCommand({restApiId: 'pets', documentationVersion: '1'}))
    await rest.send(new DeleteRestApiCommand({restApiId: 'pets'}))
    expect(sandbox.context.store.count(TABLES.documentationParts) + sandbox.context.store.count(TABLES.documentationVersions)).toBe(0)
  })

  it("documentation versions snapshot the parts and become a stage's documentationVersion (docs/aws-behaviour.md#documentation-versions)", async () => {
    await rest.send(new CreateDocumentationPartCommand({restApiId: 'pets', location: {type: 'API'}, properties: '{}'}))
    const {$metadata, ...version} = await rest.send(new CreateDocumentationVersionCommand({restApiId: 'pets', documentationVersion: '1.0', stageName: 'prod', description: 'first'}))
    expect($metadata.httpStatusCode).toBe(201)
    expect(version).toEqual({version: '1.0', createdDate: expect.any(Date), description: 'first'})
    expect((await rest.send(new GetStageCommand({restApiId: 'pets', stageName: 'prod'}))).documentationVersion).toBe('1.0')
    expect(await failure(rest.send(new CreateDocumentationVersionCommand({restApiId: 'pets', documentationVersion: '1.0'})))).toMatchObject({name: 'ConflictException', status: 409})
    expect((await rest.send(new GetDocumentationVersionsCommand({restApiId: 'pets'}))).items!.map((each) => each.version)).toEqual(['1.0'])
    expect(await failure(patchStage('/documentationVersion', '2.0'))).toMatchObject({name: 'NotFoundException', status: 404})
    expect(await failure(rest.send(new GetDocumentationVersionCommand({restApiId: 'pets', documentationVersion: '2.0'})))).toMatchObject({status: 404})
  })
})
