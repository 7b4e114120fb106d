import {
  APIGatewayClient,
  DeleteRestApiCommand,
  GetDeploymentsCommand,
  GetRestApiCommand,
  GetStagesCommand,
  GetUsagePlansCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateUsagePlanCommand,
} from '@aws-sdk/client-api-gateway'
import {ApiGatewayV2Client, GetApiCommand} from '@aws-sdk/client-apigatewayv2'
import {mockClient} from 'aws-sdk-client-mock'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {prepareApiDeletion} from '../../packages/cli/src/lib/apis/delete.js'
import {AwsSession} from '../../packages/cli/src/lib/aws/session.js'
import type {ApigwError} from '../../packages/cli/src/lib/errors.js'
import {NOTHING_RUN, QUIET} from '../../packages/cli/src/lib/change/prepared.js'
import {runChange} from '../../packages/cli/src/lib/change/runner.js'
import {awsError, notFound} from './aws-fakes.js'
import {fakeClock} from './fake-clock.js'

const v1 = mockClient(APIGatewayClient)
const v2 = mockClient(ApiGatewayV2Client)

const session = () =>
  new AwsSession({region: 'eu-west-1', env: {AWS_ACCESS_KEY_ID: 'A', AWS_SECRET_ACCESS_KEY: 'B', HOME: '/nonexistent'}, retryBudgetMs: 0, clock: fakeClock()})

// "pet shop" is in two usage plans; "gold" also holds another API's stage.
beforeEach(() => {
  v2.on(GetApiCommand).rejects(notFound())
  v1.on(GetRestApiCommand, {restApiId: 'petshop001'}).resolves({id: 'petshop001', name: 'pet shop'})
  v1.on(GetStagesCommand).resolves({item: [{stageName: 'prod'}, {stageName: 'beta'}]})
  v1.on(GetDeploymentsCommand).resolves({items: [{id: 'd1'}, {id: 'd2'}]})
  v1.on(GetUsagePlansCommand).resolves({
    items: [
      {id: 'gold01', name: 'gold', apiStages: [{apiId: 'petshop001', stage: 'prod'}, {apiId: 'other00001', stage: 'prod'}]},
      {id: 'free01', name: 'free', apiStages: [{apiId: 'other00001', stage: 'prod'}]},
      {id: 'silver', name: 'silver', apiStages: [{apiId: 'petshop001', stage: 'beta'}, {apiId: 'petshop001', stage: 'prod'}]},
    ],
  })
})

afterEach(() => {
  v1.reset()
  v2.reset()
})

const failure = (promise: Promise<unknown>) => promise.then(() => expect.unreachable('it succeeded'), (error: ApigwError) => error)

describe('prepareApiDeletion', () => {
  it('lists only the plans that reference the API, with the stages of it each holds', async () => {
    const prepared = await prepareApiDeletion(session(), {api: 'petshop001', force: true})
    expect(prepared.confirmName).toBe('pet shop')
    expect(await prepared.result(NOTHING_RUN, QUIET)).toEqual({
      api: {id: 'petshop001', name: 'pet shop', type: 'rest'},
      stages: ['beta', 'prod'],
      deployments: 2,
      detachedFrom: [
        {id: 'gold01', name: 'gold', stages: ['prod']},
        {id: 'silver', name: 'silver', stages: ['beta', 'prod']},
      ],
      resumedFrom: null,
    })
  })

  it('records in each plan what it is about to detach before detaching, and clears the records after the delete', async () => {
    const plan = (await prepareApiDeletion(session(), {api: 'petshop001', force: true, now: new Date('2026-12-07T12:00:00.500Z')})).change!
    expect(plan.steps.map((step) => step.operation)).toEqual(['TagResource', 'TagResource', 'UpdateUsagePlan', 'UpdateUsagePlan', 'DeleteRestApi', 'UntagResource', 'UntagResource'])
    expect(plan.steps[1].input).toEqual({
      resourceArn: 'arn:aws:apigateway:eu-west-1::/usageplans/silver',
      tags: {'apigw:detached:petshop001:beta': '2026-12-07T12:00:00Z', 'apigw:detached:petshop001:prod': '2026-12-07T12:00:00Z'},
    })
    expect(plan.steps[6].input).toEqual({resourceArn: 'arn:aws:apigateway:eu-west-1::/usageplans/silver', tagKeys: ['apigw:detached:petshop001:beta', 'apigw:detached:petshop001:prod']})
  })

  it('reports a failed delete after the detaches as partial (exit 8), with the command that finishes it and the one that undoes it', async () => {
    v1.on(TagResourceCommand).resolves({})
    v1.on(UpdateUsagePlanCommand).resolves({})
    v1.on(DeleteRestApiCommand).rejects(awsError('BadRequestException', 'Cannot delete API petshop001 because it is associated with usage plan(s): bronze', 400))
    const plan = (await prepareApiDeletion(session(), {api: 'petshop001', force: true})).change!
    const error = await failure(runChange(plan))
    expect(error.exitCode).toBe(8)
    expect(error.message.split('\n').slice(0, 1)).toEqual(['Step 5 of 7 failed: DeleteRestApi failed: Cannot delete API petshop001 because it is associated with usage plan(s): bronze'])
    expect(error.message).toContain('  done     3. detach it from usage plan gold (gold01): 1 stage prod (UpdateUsagePlan)')
    expect(error.suggestions).toEqual([
      [
        "Try: apigw apis delete --api petshop001 --confirm 'pet shop' --force (finds what this run recorded in the tags of the usage plans, and finishes the deletion)",
        'Or, to keep the API: apigw apis delete --api petshop001 --undo (puts it back in the usage plans it left)',
      ].join('\n'),
    ])
  })

  it('after the delete, a failure to clear a record says the API is gone and gives the AWS CLI command that clears what is left', async () => {
    v1.on(TagResourceCommand).resolves({})
    v1.on(UpdateUsagePlanCommand).resolves({})
    v1.on(DeleteRestApiCommand).resolves({})
    v1.on(UntagResourceCommand).rejects(awsError('BadRequestException', 'Invalid ARN', 400))
    const plan = (await prepareApiDeletion(session(), {api: 'petshop001', force: true})).change!
    const error = await failure(runChange(plan))
    expect(error.suggestions[0].split('\n')).toEqual([
      "The API is deleted; only apigw's detach records are left in the usage plans' tags.",
      'Try: aws apigateway untag-resource --resource-arn arn:aws:apigateway:eu-west-1::/usageplans/gold01 --tag-keys apigw:detached:petshop001:prod && aws apigateway untag-resource --resource-arn arn:aws:apigateway:eu-west-1::/usageplans/silver --tag-keys apigw:detached:petshop001:beta apigw:detached:petshop001:prod',
    ])
  })

  it('finds an earlier run in the plans\' records: it says so, detaches only what is still attached, and reports all it detached', async () => {
    v1.on(GetUsagePlansCommand).resolves({
      items: [
        {id: 'gold01', name: 'gold', apiStages: [{apiId: 'other00001', stage: 'prod'}], tags: {'apigw:detached:petshop001:prod': '2026-12-01T08:00:00Z', team: 'payments'}},
        {id: 'silver', name: 'silver', apiStages: [{apiId: 'petshop001', stage: 'beta'}, {apiId: 'petshop001', stage: 'prod'}], tags: {'apigw:detached:petshop001:beta': '2026-12-01T08:00:00Z', 'apigw:detached:petshop001:prod': '2026-12-01T08:00:00Z'}},
      ],
    })
    const prepared = await prepareApiDeletion(session(), {api: 'petshop001', force: false})
    const plan = prepared.change!
    const deleted = await prepared.result(NOTHING_RUN, QUIET)
    expect(prepared.notes).toEqual(['Resuming the delete begun at 2026-12-01T08:00:00Z: the usage plans record detaching prod from gold (gold01); beta, prod from silver (silver).'])
    expect(plan.continues).toBe(true)
    expect(plan.steps.map((step) => step.summary)).toEqual([
      'detach it from usage plan silver (silver): 2 stages beta, prod',
      'delete REST API "pet shop" (petshop001)',
      'clear the detach record in usage plan gold (gold01)',
      'clear the detach record in usage plan silver (silver)',
    ])
    expect(deleted.detachedFrom).toEqual([
      {id: 'gold01', name: 'gold', stages: ['prod']},
      {id: 'silver', name: 'silver', stages: ['beta', 'prod']},
    ])
    expect(deleted.resumedFrom).toBe('2026-12-01T08:00:00Z')
  })
})
