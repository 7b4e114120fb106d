import {
  CreateDeploymentCommand,
  CreateRestApiCommand,
  CreateUsagePlanCommand,
  DeleteUsagePlanCommand,
  GetUsagePlanCommand,
  PutIntegrationCommand,
  PutMethodCommand,
  UpdateUsagePlanCommand,
  type CreateUsagePlanCommandInput,
} from '@aws-sdk/client-api-gateway'
import type {Probe, Scenario} from './probe.js'

/** A REST API with GET / (a mock) deployed to `prod`: a stage a usage plan can name. */
async function deployedApi(probe: Probe): Promise<string> {
  const api = await probe.rest.send(new CreateRestApiCommand({name: 'shop'}))
  const restApiId = probe.label(api.id!, 'api')
  await probe.rest.send(new PutMethodCommand({restApiId, resourceId: api.rootResourceId, httpMethod: 'GET', authorizationType: 'NONE'}))
  await probe.rest.send(new PutIntegrationCommand({restApiId, resourceId: api.rootResourceId, httpMethod: 'GET', type: 'MOCK'}))
  await probe.rest.send(new CreateDeploymentCommand({restApiId, stageName: 'prod'}))
  return restApiId
}

async function createPlan(probe: Probe, input: CreateUsagePlanCommandInput): Promise<string> {
  const plan = await probe.rest.send(new CreateUsagePlanCommand(input))
  return probe.label(plan.id!, 'plan')
}

/** What `apigw plans set` and `apigw plans delete` send (docs/aws-behaviour.md#usage-plan-shape-and-patch-paths; the remove paths are AWS's own list). */
export const usagePlanScenarios: Scenario[] = [
  {
    name: 'UpdateUsagePlan remove /throttle and remove /quota take the whole setting away',
    motoDiffers: 'moto leaves tags out of UpdateUsagePlan and GetUsagePlan',
    // docs/aws-behaviour.md#a-single-resource-read-or-update-always-shows-tags
    aws: {updated: {id: '<plan>', name: 'limited', apiStages: [], tags: {}}, fetched: {id: '<plan>', name: 'limited', apiStages: [], tags: {}}},
    async run(probe) {
      const usagePlanId = await createPlan(probe, {name: 'limited', throttle: {burstLimit: 10, rateLimit: 5}, quota: {limit: 100, offset: 0, period: 'DAY'}})
      const updated = await probe.rest.send(
        new UpdateUsagePlanCommand({usagePlanId, patchOperations: [{op: 'remove', path: '/throttle'}, {op: 'remove', path: '/quota'}]}),
      )
      return {updated: probe.observe(updated), fetched: probe.observe(await probe.rest.send(new GetUsagePlanCommand({usagePlanId})))}
    },
  },
  {
    name: 'UpdateUsagePlan add and remove /apiStages with apiId:stage',
    async run(probe) {
      const apiId = await deployedApi(probe)
      const usagePlanId = await createPlan(probe, {name: 'gold'})
      const added = await probe.rest.send(new UpdateUsagePlanCommand({usagePlanId, patchOperations: [{op: 'add', path: '/apiStages', value: `${apiId}:prod`}]}))
      const removed = await probe.rest.send(new UpdateUsagePlanCommand({usagePlanId, patchOperations: [{op: 'remove', path: '/apiStages', value: `${apiId}:prod`}]}))
      return {added: probe.observe(added.apiStages), removed: probe.observe(removed.apiStages)}
    },
  },
  {
    name: 'DeleteUsagePlan refuses a plan that still names API stages',
    motoDiffers: 'moto deletes it',
    // As AWS answers it (aws-sdk-js#3841, serverless#4006).
    aws: {error: 'BadRequestException', status: 400, message: 'Cannot delete Usage Plan <plan> because there are API Stages associated with it, including <api>:prod'},
    async run(probe) {
      const apiId = await deployedApi(probe)
      const usagePlanId = await createPlan(probe, {name: 'gold', apiStages: [{apiId, stage: 'prod'}]})
      return probe.failure(probe.rest.send(new DeleteUsagePlanCommand({usagePlanId})))
    },
  },
]
