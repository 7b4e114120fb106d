import {
  CreateBasePathMappingCommand,
  CreateDeploymentCommand,
  CreateDomainNameCommand,
  CreateRestApiCommand,
  DeleteRestApiCommand,
  GetBasePathMappingCommand,
  GetDomainNameCommand,
  GetVpcLinkCommand,
  PutIntegrationCommand,
  PutMethodCommand,
  UpdateBasePathMappingCommand,
  type CreateBasePathMappingCommandInput,
} from '@aws-sdk/client-api-gateway'
import {
  CreateApiCommand,
  CreateApiMappingCommand,
  CreateDomainNameCommand as CreateV2DomainNameCommand,
  CreateStageCommand as CreateV2StageCommand,
  GetApiMappingCommand,
  GetVpcLinkCommand as GetV2VpcLinkCommand,
} from '@aws-sdk/client-apigatewayv2'
import type {Probe, Scenario} from './probe.js'

/**
 * Custom domain names and their mappings (docs/aws-behaviour.md#custom-domain-names): what the next
 * `apigw domains` commands will send, compared where moto answers as AWS does.
 */

const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/abc'
const DOMAIN = 'api.example.com'

/** A REST API with GET / (a mock) deployed to `stages`. */
async function deployedApi(probe: Probe, label: string, stages: string[]): Promise<string> {
  const api = await probe.rest.send(new CreateRestApiCommand({name: label}))
  const restApiId = probe.label(api.id!, label)
  await probe.rest.send(new PutMethodCommand({restApiId, resourceId: api.rootResourceId, httpMethod: 'GET', authorizationType: 'NONE'}))
  await probe.rest.send(new PutIntegrationCommand({restApiId, resourceId: api.rootResourceId, httpMethod: 'GET', type: 'MOCK'}))
  for (const stageName of stages) await probe.rest.send(new CreateDeploymentCommand({restApiId, stageName}))
  return restApiId
}

const regionalDomain = (probe: Probe) =>
  probe.rest.send(new CreateDomainNameCommand({domainName: DOMAIN, regionalCertificateArn: CERT, endpointConfiguration: {types: ['REGIONAL']}}))

/** A domain and the API `blue` (stages prod, beta) to map. */
async function domainAndApi(probe: Probe): Promise<string> {
  await regionalDomain(probe)
  return deployedApi(probe, 'blue', ['prod', 'beta'])
}

const map = (probe: Probe, input: Omit<CreateBasePathMappingCommandInput, 'domainName'>) => probe.rest.send(new CreateBasePathMappingCommand({domainName: DOMAIN, ...input}))

export const domainScenarios: Scenario[] = [
  {
    name: 'CreateBasePathMapping refuses, in order, a slash in the base path, an unknown API, an unknown stage, a taken base path',
    async run(probe) {
      const restApiId = await domainAndApi(probe)
      await map(probe, {basePath: 'v1', restApiId, stage: 'prod'})
      return {
        slash: await probe.failure(map(probe, {basePath: 'a/b', restApiId: 'nope00'})),
        api: await probe.failure(map(probe, {basePath: 'v2', restApiId: 'nope00', stage: 'nope'})),
        stage: await probe.failure(map(probe, {basePath: 'v2', restApiId, stage: 'nope'})),
        taken: await probe.failure(map(probe, {basePath: 'v1', restApiId, stage: 'beta'})),
      }
    },
  },
  {
    name: 'A missing domain name, base path mapping or VPC link is a 404 in AWS words',
    async run(probe) {
      // moto fails (500) on a domain with no mappings at all, so the domain has one.
      await map(probe, {basePath: 'v1', restApiId: await domainAndApi(probe)})
      return {
        domain: await probe.failure(probe.rest.send(new GetDomainNameCommand({domainName: 'nope.example.com'}))),
        mapping: await probe.failure(probe.rest.send(new GetBasePathMappingCommand({domainName: DOMAIN, basePath: 'nope'}))),
        vpcLink: await probe.failure(probe.rest.send(new GetVpcLinkCommand({vpcLinkId: 'nope00'}))),
      }
    },
  },
  {
    name: 'UpdateBasePathMapping moves a mapping to another API and stage in one call (a blue/green switch)',
    async run(probe) {
      const blue = await domainAndApi(probe)
      const green = await deployedApi(probe, 'green', ['live'])
      await map(probe, {basePath: 'orders', restApiId: blue, stage: 'prod'})
      const switched = await probe.rest.send(
        new UpdateBasePathMappingCommand({
          domainName: DOMAIN,
          basePath: 'orders',
          patchOperations: [
            {op: 'replace', path: '/restapiId', value: green},
            {op: 'replace', path: '/stage', value: 'live'},
          ],
        }),
      )
      const fetched = await probe.rest.send(new GetBasePathMappingCommand({domainName: DOMAIN, basePath: 'orders'}))
      return {switched: probe.observe(switched), fetched: probe.observe(fetched)}
    },
  },
  {
    name: 'A mapping made without a base path is (none)',
    async run(probe) {
      const restApiId = await domainAndApi(probe)
      const created = await map(probe, {restApiId, stage: 'prod'})
      return {created: probe.observe(created), fetched: probe.observe(await probe.rest.send(new GetBasePathMappingCommand({domainName: DOMAIN, basePath: '(none)'})))}
    },
  },
  {
    name: 'A REGIONAL domain name answers only its endpoint type’s fields, and tags {}',
    motoDiffers: 'moto answers the edge fields (distributionDomainName, its hosted zone) on every domain, and no tags',
    aws: {
      fields: [
        'certificateUploadDate',
        'domainName',
        'domainNameStatus',
        'endpointConfiguration',
        'regionalCertificateArn',
        'regionalDomainName',
        'regionalHostedZoneId',
        'securityPolicy',
        'tags',
      ],
      hostedZone: 'Z1UJRXOUMOOFQ8',
    },
    async run(probe) {
      const {$metadata: _metadata, ...domain} = await regionalDomain(probe)
      return {fields: Object.keys(domain).sort(), hostedZone: domain.regionalHostedZoneId}
    },
  },
  {
    name: 'DeleteRestApi refuses an API a base path mapping names',
    motoDiffers: 'moto deletes it',
    // serverless-domain-manager#406 (docs/aws-behaviour.md#a-mapped-api-or-stage-cannot-be-deleted).
    aws: {error: 'BadRequestException', status: 400, message: 'Deleting RestApi <blue> failed. Please remove all base path mappings related to the RestApi in your domains.'},
    async run(probe) {
      const restApiId = await domainAndApi(probe)
      await map(probe, {basePath: 'v1', restApiId, stage: 'prod'})
      return probe.failure(probe.rest.send(new DeleteRestApiCommand({restApiId})))
    },
  },
  {
    name: 'CreateApiMapping keys: no leading, trailing or doubled slash; a missing mapping is a 404',
    async run(probe) {
      const v2 = probe.clients.v2
      await v2.send(new CreateV2DomainNameCommand({DomainName: DOMAIN, DomainNameConfigurations: [{CertificateArn: CERT, EndpointType: 'REGIONAL'}]}))
      const api = await v2.send(new CreateApiCommand({Name: 'orders', ProtocolType: 'HTTP'}))
      const ApiId = probe.label(api.ApiId!, 'api')
      await v2.send(new CreateV2StageCommand({ApiId, StageName: 'live'}))
      const key = (ApiMappingKey: string) => probe.failure(v2.send(new CreateApiMappingCommand({DomainName: DOMAIN, ApiId, Stage: 'live', ApiMappingKey})))
      return {
        leading: await key('/orders'),
        doubled: await key('a//b'),
        trailing: await key('orders/'),
        missing: await probe.failure(v2.send(new GetApiMappingCommand({DomainName: DOMAIN, ApiMappingId: 'nope00'}))),
      }
    },
  },
  {
    name: 'A missing v2 VPC link is a 404 naming it',
    async run(probe) {
      return probe.failure(probe.clients.v2.send(new GetV2VpcLinkCommand({VpcLinkId: 'nope00'})))
    },
  },
]
