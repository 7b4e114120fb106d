import {
  CreateDeploymentCommand,
  CreateRestApiCommand,
  CreateUsagePlanCommand,
  GetRestApiCommand,
  PutIntegrationCommand,
  PutMethodCommand,
  PutRestApiCommand,
  UpdateRestApiCommand,
  UpdateUsagePlanCommand,
} from '@aws-sdk/client-api-gateway'
import type {Probe, Scenario} from './probe.js'

/** A REST API with GET / (an integration only when `integrated`), and its id labelled `<api>`. */
async function apiWithGet(probe: Probe, integrated: boolean): Promise<string> {
  const api = await probe.rest.send(new CreateRestApiCommand({name: 'shop'}))
  const at = {restApiId: probe.label(api.id!, 'api'), resourceId: api.rootResourceId, httpMethod: 'GET'}
  await probe.rest.send(new PutMethodCommand({...at, authorizationType: 'NONE'}))
  if (integrated) await probe.rest.send(new PutIntegrationCommand({...at, type: 'MOCK'}))
  return at.restApiId
}

/** How REST operations answer: validation order, empty values and messages (docs/aws-behaviour.md#how-rest-operations-answer). */
export const restAnswerScenarios: Scenario[] = [
  {
    name: 'GetRestApi answers tags {} for an API without tags',
    aws: {tags: {}},
    async run(probe) {
      const restApiId = await apiWithGet(probe, true)
      return {tags: (await probe.rest.send(new GetRestApiCommand({restApiId}))).tags}
    },
  },
  {
    name: 'PutRestApi merge adds the definition’s binary media types to the API’s own (docs/aws-behaviour.md#putrestapi-merges-binary-media-types)',
    motoDiffers: 'moto drops binary media types',
    aws: {binaryMediaTypes: ['image/heif', 'image/png']},
    async run(probe) {
      const api = await probe.rest.send(new CreateRestApiCommand({name: 'media', binaryMediaTypes: ['image/heif']}))
      const body = Buffer.from(JSON.stringify({openapi: '3.0.1', info: {title: 'media', version: '1'}, paths: {}, 'x-amazon-apigateway-binary-media-types': ['image/png']}))
      const put = await probe.rest.send(new PutRestApiCommand({restApiId: api.id, mode: 'merge', body}))
      return {binaryMediaTypes: put.binaryMediaTypes}
    },
  },
  {
    name: 'UpdateRestApi applies several endpoint type replaces in order',
    async run(probe) {
      const api = await probe.rest.send(new CreateRestApiCommand({name: 'edge'}))
      const patchOperations = ['EDGE', 'PRIVATE', 'REGIONAL'].map((value) => ({op: 'replace' as const, path: '/endpointConfiguration/types/0', value}))
      return {types: (await probe.rest.send(new UpdateRestApiCommand({restApiId: api.id, patchOperations}))).endpointConfiguration?.types}
    },
  },
  {
    name: 'CreateDeployment refuses a method without an integration (docs/aws-behaviour.md#every-method-needs-an-integration-to-be-deployed)',
    motoDiffers: 'moto answers 404 NotFoundException',
    aws: {error: 'BadRequestException', status: 400, message: 'No integration defined for method'},
    async run(probe) {
      const restApiId = await apiWithGet(probe, false)
      return probe.failure(probe.rest.send(new CreateDeploymentCommand({restApiId, stageName: 'prod'})))
    },
  },
  {
    name: 'UpdateUsagePlan remove /apiStages of a stage the plan lacks (docs/aws-behaviour.md#removing-an-api-stage-a-usage-plan-does-not-have)',
    motoDiffers: 'moto fails with an internal error',
    aws: {error: 'NotFoundException', status: 404, message: 'Invalid API Stage {api: <api>, stage: test} specified for usageplan <plan>'},
    async run(probe) {
      const restApiId = await apiWithGet(probe, true)
      await probe.rest.send(new CreateDeploymentCommand({restApiId, stageName: 'prod'}))
      const plan = await probe.rest.send(new CreateUsagePlanCommand({name: 'gold', apiStages: [{apiId: restApiId, stage: 'prod'}]}))
      const usagePlanId = probe.label(plan.id!, 'plan')
      return probe.failure(probe.rest.send(new UpdateUsagePlanCommand({usagePlanId, patchOperations: [{op: 'remove', path: '/apiStages', value: `${restApiId}:test`}]})))
    },
  },
]
