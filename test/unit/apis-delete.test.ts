import {
  APIGatewayClient,
  DeleteRestApiCommand,
  GetDeploymentsCommand,
  GetRestApiCommand,
  GetStagesCommand,
  GetUsagePlansCommand,
  UpdateUsagePlanCommand,
} from '@aws-sdk/client-api-gateway'
import {ApiGatewayV2Client, GetApiCommand} from '@aws-sdk/client-apigatewayv2'
import {mockClient} from 'aws-sdk-client-mock'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {prepareApiDeletion} from '../../src/lib/apis/delete.js'
import {AwsSession} from '../../src/lib/aws/session.js'
import type {ApigwError} from '../../src/lib/errors.js'
import {runPlan} from '../../src/lib/plan/runner.js'
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
    const {deleted, confirmName} = await prepareApiDeletion(session(), {api: 'petshop001', force: true})
    expect(confirmName).toBe('pet shop')
    expect(deleted).toEqual({
      api: {id: 'petshop001', name: 'pet shop', type: 'rest'},
      stages: ['beta', 'prod'],
      deployments: 2,
      detachedFrom: [
        {id: 'gold01', name: 'gold', stages: ['prod']},
        {id: 'silver', name: 'silver', stages: ['beta', 'prod']},
      ],
    })
  })

  it('reports a failed delete after the detaches as partial (exit 8), with how to finish or re-attach', async () => {
    v1.on(UpdateUsagePlanCommand).resolves({})
    v1.on(DeleteRestApiCommand).rejects(awsError('BadRequestException', 'Cannot delete API petshop001 because it is associated with usage plan(s): bronze', 400))
    const {plan} = await prepareApiDeletion(session(), {api: 'petshop001', force: true})
    const error = await failure(runPlan(plan))
    expect(error.exitCode).toBe(8)
    expect(error.message).toBe(
      [
        'Step 3 of 3 failed: DeleteRestApi failed: Cannot delete API petshop001 because it is associated with usage plan(s): bronze',
        '  done     1. detach it from usage plan gold (gold01): 1 stage prod (UpdateUsagePlan)',
        '  done     2. detach it from usage plan silver (silver): 2 stages beta, prod (UpdateUsagePlan)',
        '  failed   3. delete REST API "pet shop" (petshop001) (DeleteRestApi)',
      ].join('\n'),
    )
    expect(error.suggestions).toEqual([
      [
        "Try: apigw apis delete --api petshop001 --confirm 'pet shop' (to finish deleting it)",
        'Or, to keep the API, put it back in the usage plans it left:',
        '  aws apigateway update-usage-plan --usage-plan-id gold01 --patch-operations op=add,path=/apiStages,value=petshop001:prod',
        '  aws apigateway update-usage-plan --usage-plan-id silver --patch-operations op=add,path=/apiStages,value=petshop001:beta op=add,path=/apiStages,value=petshop001:prod',
      ].join('\n'),
    ])
  })

  it('after a failed second detach, says to finish with --force and re-attach only the first plan', async () => {
    v1.on(UpdateUsagePlanCommand, {usagePlanId: 'gold01'}).resolves({})
    v1.on(UpdateUsagePlanCommand, {usagePlanId: 'silver'}).rejects(awsError('BadRequestException', 'Invalid API Stage specified', 400))
    const {plan} = await prepareApiDeletion(session(), {api: 'petshop001', force: true})
    const error = await failure(runPlan(plan))
    expect(error.exitCode).toBe(8)
    expect(error.suggestions[0].split('\n')).toEqual([
      "Try: apigw apis delete --api petshop001 --confirm 'pet shop' --force (to finish deleting it)",
      'Or, to keep the API, put it back in the usage plan it left:',
      '  aws apigateway update-usage-plan --usage-plan-id gold01 --patch-operations op=add,path=/apiStages,value=petshop001:prod',
    ])
    expect(v1.commandCalls(DeleteRestApiCommand)).toHaveLength(0)
  })
})
