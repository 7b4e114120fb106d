import {
  CreateBasePathMappingCommand,
  CreateDomainNameCommand,
  DeleteBasePathMappingCommand,
  DeleteDomainNameCommand,
  DeleteRestApiCommand,
  DeleteStageCommand,
  GetBasePathMappingCommand,
  GetBasePathMappingsCommand,
  GetDomainNameCommand,
  GetDomainNamesCommand,
  GetTagsCommand,
  TagResourceCommand,
  UpdateBasePathMappingCommand,
  UpdateDomainNameCommand,
  type APIGatewayClient,
  type SecurityPolicy,
} from '@aws-sdk/client-api-gateway'
import {
  CreateApiCommand,
  CreateApiMappingCommand,
  CreateDomainNameCommand as CreateV2DomainNameCommand,
  CreateStageCommand as CreateV2StageCommand,
  DeleteApiCommand,
  DeleteApiMappingCommand,
  DeleteStageCommand as DeleteV2StageCommand,
  GetApiMappingCommand,
  GetApiMappingsCommand,
  DeleteDomainNameCommand as DeleteV2DomainNameCommand,
  GetDomainNameCommand as GetV2DomainNameCommand,
  GetDomainNamesCommand as GetV2DomainNamesCommand,
  UpdateDomainNameCommand as UpdateV2DomainNameCommand,
  UpdateApiMappingCommand,
  type ApiGatewayV2Client,
} from '@aws-sdk/client-apigatewayv2'
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {sdkClients, startTestSandbox, type Sandbox} from '../helpers/sandbox.js'
import {seedRestApi, seedRestStage} from '../helpers/sandbox-seed.js'
import {failure} from './sdk-failure.js'

const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/abc'

describe('sandbox custom domain names (docs/aws-behaviour.md#custom-domain-names)', () => {
  let sandbox: Sandbox
  let rest: APIGatewayClient
  let v2: ApiGatewayV2Client
  beforeEach(async () => {
    sandbox = await startTestSandbox()
    ;({rest, v2} = sdkClients(sandbox.endpoint))
    const {store} = sandbox.context
    for (const [apiId, stages] of [
      ['blue', ['prod', 'beta']],
      ['green', ['prod']],
    ] as const) {
      seedRestApi(store, {id: apiId, createdDate: Date.now()})
      for (const stageName of stages) seedRestStage(store, {apiId, stageName, deploymentId: 'dep1', createdDate: Date.now()})
    }
  })
  afterEach(() => sandbox.stop())

  const regional = (domainName = 'api.example.com') =>
    rest.send(new CreateDomainNameCommand({domainName, regionalCertificateArn: CERT, endpointConfiguration: {types: ['REGIONAL']}}))
  const map = (basePath: string | undefined, restApiId = 'blue', stage: string | undefined = 'prod', domainName = 'api.example.com') =>
    rest.send(new CreateBasePathMappingCommand({domainName, basePath, restApiId, stage}))

  describe('CreateDomainName (docs/aws-behaviour.md#what-a-custom-domain-name-answers)', () => {
    it('answers a REGIONAL domain with its regional name and the region hosted zone, and no edge fields', async () => {
      const {$metadata, ...domain} = await regional()
      expect($metadata.httpStatusCode).toBe(201)
      expect(domain).toEqual({
        domainName: 'api.example.com',
        regionalCertificateArn: CERT,
        regionalDomainName: expect.stringMatching(/^d-[a-z0-9]{10}\.execute-api\.us-east-1\.amazonaws\.com$/),
        regionalHostedZoneId: 'Z1UJRXOUMOOFQ8',
        certificateUploadDate: expect.any(Date),
        endpointConfiguration: {types: ['REGIONAL'], ipAddressType: 'ipv4'},
        domainNameStatus: 'AVAILABLE',
        securityPolicy: 'TLS_1_2',
        tags: {},
      })
    })

    it('makes an EDGE domain when no endpoint type is given: a CloudFront name in the CloudFront zone', async () => {
      const domain = await rest.send(new CreateDomainNameCommand({domainName: 'edge.example.com', certificateArn: CERT, securityPolicy: 'TLS_1_0'}))
      expect(domain.distributionDomainName).toMatch(/^d[a-z0-9]{13}\.cloudfront\.net$/)
      expect(domain.distributionHostedZoneId).toBe('Z2FDTNDATAQYW2')
      expect(domain.securityPolicy).toBe('TLS_1_0')
      expect(domain.regionalDomainName).toBeUndefined()
      expect(domain.regionalHostedZoneId).toBeUndefined()
    })

    it('checks the security policy enum before looking for a duplicate (docs/aws-behaviour.md#a-domain-name-is-unique-in-its-region)', async () => {
      await regional()
      const bad = new CreateDomainNameCommand({domainName: 'api.example.com', regionalCertificateArn: CERT, endpointConfiguration: {types: ['REGIONAL']}, securityPolicy: 'TLS_9' as SecurityPolicy})
      expect(await failure(rest.send(bad))).toMatchObject({name: 'ValidationException', status: 400, message: expect.stringContaining("Value 'TLS_9' at 'createDomainNameInput.securityPolicy'")})
      expect(await failure(regional())).toEqual({name: 'BadRequestException', status: 400, message: 'The domain name you provided already exists.'})
    })

    it('needs the certificate of its endpoint type; mutual TLS only on REGIONAL with TLS_1_2 (docs/aws-behaviour.md#what-a-custom-domain-name-needs)', async () => {
      const noRegional = new CreateDomainNameCommand({domainName: 'a.example.com', certificateArn: CERT, endpointConfiguration: {types: ['REGIONAL']}})
      expect(await failure(rest.send(noRegional))).toMatchObject({name: 'BadRequestException', status: 400})
      const edgeMtls = new CreateDomainNameCommand({domainName: 'b.example.com', certificateArn: CERT, mutualTlsAuthentication: {truststoreUri: 's3://bucket/ca.pem'}})
      expect(await failure(rest.send(edgeMtls))).toMatchObject({name: 'BadRequestException', status: 400})
      const mtls = await rest.send(
        new CreateDomainNameCommand({domainName: 'c.example.com', regionalCertificateArn: CERT, endpointConfiguration: {types: ['REGIONAL']}, mutualTlsAuthentication: {truststoreUri: 's3://bucket/ca.pem'}}),
      )
      expect(mtls.mutualTlsAuthentication).toEqual({truststoreUri: 's3://bucket/ca.pem'})
    })
  })

  it('GetDomainName(s), UpdateDomainName and DeleteDomainName, with AWS 404 (docs/aws-behaviour.md#a-domain-name-is-unique-in-its-region)', async () => {
    await regional('b.example.com')
    await regional('a.example.com')
    const listed = await rest.send(new GetDomainNamesCommand({limit: 1}))
    expect(listed.items!.map((domain) => domain.domainName)).toEqual(['a.example.com'])
    const rest2 = await rest.send(new GetDomainNamesCommand({position: listed.position}))
    expect(rest2.items!.map((domain) => domain.domainName)).toEqual(['b.example.com'])
    const updated = await rest.send(
      new UpdateDomainNameCommand({domainName: 'a.example.com', patchOperations: [{op: 'replace', path: '/securityPolicy', value: 'TLS_1_0'}]}),
    )
    expect(updated.securityPolicy).toBe('TLS_1_0')
    expect((await rest.send(new GetDomainNameCommand({domainName: 'a.example.com'}))).securityPolicy).toBe('TLS_1_0')
    const badPath = new UpdateDomainNameCommand({domainName: 'a.example.com', patchOperations: [{op: 'replace', path: '/domainName', value: 'x.example.com'}]})
    expect(await failure(rest.send(badPath))).toMatchObject({name: 'BadRequestException', status: 400, message: expect.stringContaining("Invalid patch path  '/domainName'")})
    // A regional certificate cannot be taken away from a REGIONAL domain.
    const noCertificate = new UpdateDomainNameCommand({domainName: 'a.example.com', patchOperations: [{op: 'replace', path: '/regionalCertificateArn', value: ''}]})
    expect(await failure(rest.send(noCertificate))).toMatchObject({name: 'BadRequestException', status: 400})
    expect((await rest.send(new DeleteDomainNameCommand({domainName: 'a.example.com'}))).$metadata.httpStatusCode).toBe(202)
    expect(await failure(rest.send(new GetDomainNameCommand({domainName: 'a.example.com'})))).toEqual({
      name: 'NotFoundException',
      status: 404,
      message: 'Invalid domain name identifier specified',
    })
  })

  it('tags a domain name by its ARN; GetDomainName shows them (docs/aws-behaviour.md#tag-rules)', async () => {
    await regional()
    const resourceArn = 'arn:aws:apigateway:us-east-1::/domainnames/api.example.com'
    expect((await rest.send(new TagResourceCommand({resourceArn, tags: {team: 'edge'}}))).$metadata.httpStatusCode).toBe(204)
    expect((await rest.send(new GetTagsCommand({resourceArn}))).tags).toEqual({team: 'edge'})
    expect((await rest.send(new GetDomainNameCommand({domainName: 'api.example.com'}))).tags).toEqual({team: 'edge'})
    expect(await failure(rest.send(new GetTagsCommand({resourceArn: 'arn:aws:apigateway:us-east-1::/domainnames/nope.example.com'})))).toMatchObject({status: 404})
  })

  describe('base path mappings (docs/aws-behaviour.md#base-path-mappings)', () => {
    beforeEach(() => regional())

    it('names the empty base path (none), in answers and in paths (docs/aws-behaviour.md#the-empty-base-path-is-none)', async () => {
      const {$metadata, ...created} = await map(undefined)
      expect($metadata.httpStatusCode).toBe(201)
      expect(created).toEqual({basePath: '(none)', restApiId: 'blue', stage: 'prod'})
      expect(await rest.send(new GetBasePathMappingCommand({domainName: 'api.example.com', basePath: '(none)'}))).toMatchObject({basePath: '(none)'})
    })

    it('checks the domain, then the base path, then the API, then the stage, then the duplicate (docs/aws-behaviour.md#a-base-path-is-unique-on-its-domain-name)', async () => {
      expect(await failure(map('v1', 'nope', 'prod', 'other.example.com'))).toEqual({name: 'NotFoundException', status: 404, message: 'Invalid domain name identifier specified'})
      expect(await failure(map('a/b', 'nope'))).toEqual({
        name: 'BadRequestException',
        status: 400,
        message: "API Gateway V1 doesn't support the slash character (/) in base path mappings. To create a multi-level base path mapping, use API Gateway V2.",
      })
      expect(await failure(map('v1', 'nope', 'nope'))).toEqual({name: 'BadRequestException', status: 400, message: 'Invalid REST API identifier specified'})
      expect(await failure(map('v1', 'blue', 'nope'))).toEqual({name: 'BadRequestException', status: 400, message: 'Invalid stage identifier specified'})
      await map('v1')
      expect(await failure(map('v1', 'green'))).toEqual({name: 'ConflictException', status: 409, message: 'Base path already exists for this domain name'})
    })

    it('lists mappings in base path order, paged; a mapping without a stage maps the whole API', async () => {
      await map('orders')
      await rest.send(new CreateBasePathMappingCommand({domainName: 'api.example.com', basePath: 'accounts', restApiId: 'green'}))
      await map(undefined)
      const first = await rest.send(new GetBasePathMappingsCommand({domainName: 'api.example.com', limit: 2}))
      expect(first.items).toEqual([{basePath: '(none)', restApiId: 'blue', stage: 'prod'}, {basePath: 'accounts', restApiId: 'green'}])
      const second = await rest.send(new GetBasePathMappingsCommand({domainName: 'api.example.com', position: first.position}))
      expect(second.items!.map((mapping) => mapping.basePath)).toEqual(['orders'])
    })

    it('switches a mapping to another API and stage in one UpdateBasePathMapping, checking them together', async () => {
      await map('orders', 'blue', 'beta')
      // green has no beta stage: moving the API alone is refused, and nothing changes.
      const apiOnly = new UpdateBasePathMappingCommand({domainName: 'api.example.com', basePath: 'orders', patchOperations: [{op: 'replace', path: '/restapiId', value: 'green'}]})
      expect(await failure(rest.send(apiOnly))).toEqual({name: 'BadRequestException', status: 400, message: 'Invalid stage identifier specified'})
      const switched = await rest.send(
        new UpdateBasePathMappingCommand({
          domainName: 'api.example.com',
          basePath: 'orders',
          patchOperations: [
            {op: 'replace', path: '/restapiId', value: 'green'},
            {op: 'replace', path: '/stage', value: 'prod'},
          ],
        }),
      )
      expect(switched).toMatchObject({basePath: 'orders', restApiId: 'green', stage: 'prod'})
      const renamed = await rest.send(new UpdateBasePathMappingCommand({domainName: 'api.example.com', basePath: 'orders', patchOperations: [{op: 'replace', path: '/basePath', value: 'v2'}]}))
      expect(renamed.basePath).toBe('v2')
      expect(await failure(rest.send(new GetBasePathMappingCommand({domainName: 'api.example.com', basePath: 'orders'})))).toEqual({
        name: 'NotFoundException',
        status: 404,
        message: 'Invalid base path mapping identifier specified',
      })
      const badPath = new UpdateBasePathMappingCommand({domainName: 'api.example.com', basePath: 'v2', patchOperations: [{op: 'add', path: '/stage', value: 'prod'}]})
      expect(await failure(rest.send(badPath))).toMatchObject({name: 'BadRequestException', status: 400})
    })

    it('refuses to delete a mapped REST API or stage, in AWS reported words (docs/aws-behaviour.md#a-mapped-api-or-stage-cannot-be-deleted)', async () => {
      await map('orders', 'blue', 'beta')
      expect(await failure(rest.send(new DeleteRestApiCommand({restApiId: 'blue'})))).toEqual({
        name: 'BadRequestException',
        status: 400,
        message: 'Deleting RestApi blue failed. Please remove all base path mappings related to the RestApi in your domains.',
      })
      expect(await failure(rest.send(new DeleteStageCommand({restApiId: 'blue', stageName: 'BETA'})))).toEqual({
        name: 'BadRequestException',
        status: 400,
        message: 'Deleting stage beta failed. Please remove all base path mappings related to the stage in your domains.',
      })
      // Another stage of the same API is not mapped.
      await rest.send(new DeleteStageCommand({restApiId: 'blue', stageName: 'prod'}))
      expect((await rest.send(new DeleteBasePathMappingCommand({domainName: 'api.example.com', basePath: 'orders'}))).$metadata.httpStatusCode).toBe(202)
      await rest.send(new DeleteRestApiCommand({restApiId: 'blue'}))
    })

    it('deletes its mappings with the domain (docs/aws-behaviour.md#deleting-a-domain-name-deletes-its-mappings)', async () => {
      await map('orders')
      await rest.send(new DeleteDomainNameCommand({domainName: 'api.example.com'}))
      await regional()
      expect((await rest.send(new GetBasePathMappingsCommand({domainName: 'api.example.com'}))).items).toEqual([])
    })
  })

  describe('through apigatewayv2 (docs/aws-behaviour.md#custom-domain-names-are-shared-by-v1-and-v2)', () => {
    it('shows a v1 domain and its base path mappings as a domain with API mappings', async () => {
      const created = await regional()
      await map(undefined)
      const domain = await v2.send(new GetV2DomainNameCommand({DomainName: 'api.example.com'}))
      expect(domain.ApiMappingSelectionExpression).toBe('$request.basepath')
      expect(domain.DomainNameConfigurations).toEqual([
        expect.objectContaining({
          ApiGatewayDomainName: created.regionalDomainName,
          CertificateArn: CERT,
          EndpointType: 'REGIONAL',
          HostedZoneId: 'Z1UJRXOUMOOFQ8',
          DomainNameStatus: 'AVAILABLE',
          SecurityPolicy: 'TLS_1_2',
        }),
      ])
      const {Items} = await v2.send(new GetApiMappingsCommand({DomainName: 'api.example.com'}))
      expect(Items).toEqual([{ApiId: 'blue', ApiMappingId: expect.any(String), Stage: 'prod'}])
    })

    it('answers a duplicate domain 409 in v1 words; a missing one in its own words', async () => {
      const create = () => v2.send(new CreateV2DomainNameCommand({DomainName: 'h.example.com', DomainNameConfigurations: [{CertificateArn: CERT}]}))
      expect((await create()).DomainNameConfigurations![0].EndpointType).toBe('REGIONAL')
      expect(await failure(create())).toEqual({name: 'ConflictException', status: 409, message: 'The domain name you provided already exists.'})
      const enhanced = new CreateV2DomainNameCommand({DomainName: 'e.example.com', DomainNameConfigurations: [{CertificateArn: CERT, SecurityPolicy: 'SecurityPolicy_TLS13_1_3_2025_09' as 'TLS_1_2'}]})
      expect(await failure(v2.send(enhanced))).toMatchObject({name: 'BadRequestException', status: 400})
      expect(await failure(v2.send(new GetV2DomainNameCommand({DomainName: 'nope.example.com'})))).toEqual({
        name: 'NotFoundException',
        status: 404,
        message: 'The domain name resource specified in the request was not found.',
      })
    })

    it('updates, lists and deletes a v1 domain through v2, its mappings with it', async () => {
      await regional()
      await map('orders')
      const updated = await v2.send(new UpdateV2DomainNameCommand({DomainName: 'api.example.com', DomainNameConfigurations: [{SecurityPolicy: 'TLS_1_0'}]}))
      expect(updated.DomainNameConfigurations![0].SecurityPolicy).toBe('TLS_1_0')
      expect((await rest.send(new GetDomainNameCommand({domainName: 'api.example.com'}))).securityPolicy).toBe('TLS_1_0')
      expect((await v2.send(new GetV2DomainNamesCommand({}))).Items!.map((domain) => domain.DomainName)).toEqual(['api.example.com'])
      expect((await v2.send(new DeleteV2DomainNameCommand({DomainName: 'api.example.com'}))).$metadata.httpStatusCode).toBe(204)
      await regional()
      expect((await rest.send(new GetBasePathMappingsCommand({domainName: 'api.example.com'}))).items).toEqual([])
    })

    it('maps HTTP and REST APIs under multi-level keys, with the key rules, and refuses to delete a mapped API (docs/aws-behaviour.md#api-mappings)', async () => {
      await regional()
      const api = await v2.send(new CreateApiCommand({Name: 'orders', ProtocolType: 'HTTP'}))
      await v2.send(new CreateV2StageCommand({ApiId: api.ApiId, StageName: 'live'}))
      const created = await v2.send(new CreateApiMappingCommand({DomainName: 'api.example.com', ApiId: api.ApiId, Stage: 'live', ApiMappingKey: 'orders/v2'}))
      expect(created).toMatchObject({ApiId: api.ApiId, ApiMappingKey: 'orders/v2', Stage: 'live'})
      for (const [key, message] of [
        ['/orders', "API mapping key should not start with a '/' or have consecutive '/'s."],
        ['a//b', "API mapping key should not start with a '/' or have consecutive '/'s."],
        ['orders/', "API mapping key should not end with a '/'."],
      ]) {
        expect(await failure(v2.send(new CreateApiMappingCommand({DomainName: 'api.example.com', ApiId: api.ApiId, Stage: 'live', ApiMappingKey: key})))).toEqual({
          name: 'BadRequestException',
          status: 400,
          message,
        })
      }
      // The v1 view of a multi-level key.
      const v1 = await rest.send(new GetBasePathMappingsCommand({domainName: 'api.example.com'}))
      expect(v1.items).toEqual([{basePath: 'orders/v2', restApiId: api.ApiId, stage: 'live'}])
      expect(await failure(v2.send(new DeleteV2StageCommand({ApiId: api.ApiId, StageName: 'live'})))).toEqual({
        name: 'BadRequestException',
        status: 400,
        message: 'Deleting stage live failed. Please remove all API mappings for the stage from your custom domain names.',
      })
      expect(await failure(v2.send(new DeleteApiCommand({ApiId: api.ApiId})))).toEqual({
        name: 'BadRequestException',
        status: 400,
        message: `Deleting API ${api.ApiId} failed. Please remove all API mappings for the API from your custom domain names.`,
      })
      const moved = await v2.send(new UpdateApiMappingCommand({DomainName: 'api.example.com', ApiMappingId: created.ApiMappingId, ApiId: 'blue', Stage: 'beta', ApiMappingKey: 'orders'}))
      expect(moved).toMatchObject({ApiId: 'blue', ApiMappingId: created.ApiMappingId, ApiMappingKey: 'orders', Stage: 'beta'})
      expect(await v2.send(new GetApiMappingCommand({DomainName: 'api.example.com', ApiMappingId: created.ApiMappingId}))).toMatchObject({ApiMappingKey: 'orders'})
      expect((await v2.send(new DeleteApiMappingCommand({DomainName: 'api.example.com', ApiMappingId: created.ApiMappingId}))).$metadata.httpStatusCode).toBe(204)
      expect(await failure(v2.send(new GetApiMappingCommand({DomainName: 'api.example.com', ApiMappingId: created.ApiMappingId})))).toEqual({
        name: 'NotFoundException',
        status: 404,
        message: 'The api mapping resource specified in the request was not found.',
      })
      await v2.send(new DeleteApiCommand({ApiId: api.ApiId}))
    })
  })

  it('keeps domain names and mappings across a restart, in the state directory like every table', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'apigw-domains-'))
    try {
      const first = await startTestSandbox({stateDir})
      const client = sdkClients(first.endpoint).rest
      seedRestApi(first.context.store, {id: 'blue', createdDate: Date.now()})
      await client.send(new CreateDomainNameCommand({domainName: 'kept.example.com', certificateArn: CERT}))
      await client.send(new CreateBasePathMappingCommand({domainName: 'kept.example.com', basePath: 'v1', restApiId: 'blue'}))
      await first.stop()
      const reopened = await startTestSandbox({stateDir})
      try {
        const mappings = await sdkClients(reopened.endpoint).rest.send(new GetBasePathMappingsCommand({domainName: 'kept.example.com'}))
        expect(mappings.items).toEqual([{basePath: 'v1', restApiId: 'blue'}])
      } finally {
        await reopened.stop()
      }
    } finally {
      rmSync(stateDir, {recursive: true, force: true})
    }
  })
})
