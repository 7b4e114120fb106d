import {
  APIGatewayClient,
  DeleteUsagePlanCommand,
  GetApiKeysCommand,
  GetRestApisCommand,
  GetUsagePlanKeysCommand,
  GetUsagePlansCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateUsagePlanCommand,
} from '@aws-sdk/client-api-gateway'
import {mockClient} from 'aws-sdk-client-mock'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {AwsSession} from '../../packages/cli/src/lib/aws/session.js'
import type {ApigwError} from '../../packages/cli/src/lib/errors.js'
import {QUIET} from '../../packages/cli/src/lib/change/prepared.js'
import {runChange} from '../../packages/cli/src/lib/change/runner.js'
import {prepareDelete, prepareDeleteUndo} from '../../packages/cli/src/lib/usage-plans/delete.js'
import {awsError} from './aws-fakes.js'
import {fakeClock} from './fake-clock.js'

const v1 = mockClient(APIGatewayClient)

const session = () =>
  new AwsSession({region: 'eu-west-1', env: {AWS_ACCESS_KEY_ID: 'A', AWS_SECRET_ACCESS_KEY: 'B', HOME: '/nonexistent'}, retryBudgetMs: 0, clock: fakeClock()})

// "gold" covers two stages of "shop", has one key, a quota offset and tags the recreate commands cannot carry.
beforeEach(() => {
  v1.on(GetUsagePlansCommand).resolves({
    items: [
      {
        id: 'gold01',
        name: 'gold',
        apiStages: [{apiId: 'shop000001', stage: 'prod'}, {apiId: 'shop000001', stage: 'beta', throttle: {'/pets/GET': {rateLimit: 5, burstLimit: 10}}}],
        quota: {limit: 1000, offset: 2, period: 'WEEK'},
        tags: {team: 'payments'},
      },
    ],
  })
  v1.on(GetRestApisCommand).resolves({items: [{id: 'shop000001', name: 'shop'}]})
  v1.on(GetUsagePlanKeysCommand).resolves({items: [{id: 'key0000001', name: 'partner', type: 'API_KEY', value: 'never-shown-value-0123456789'}]})
  v1.on(GetApiKeysCommand).resolves({items: [{id: 'key0000001', name: 'partner', enabled: true}]})
})

afterEach(() => v1.reset())

const failure = (promise: Promise<unknown>) => promise.then(() => expect.unreachable('it succeeded'), (error: ApigwError) => error)

describe('prepareDelete', () => {
  it('is severe for a plan with keys, and says what the recreate commands leave out', async () => {
    const prepared = await prepareDelete(session(), 'gold')
    expect(prepared.change!.severity).toBe('severe')
    expect(prepared.confirmName).toBe('gold')
    expect(prepared.afterwards).toEqual([
      'To recreate it and give its keys access again:',
      '  apigw plans create --name gold --quota 1000/week --stage shop000001:prod --stage shop000001:beta',
      '  apigw plans attach gold key0000001',
      'Not in these commands: its quota offset (2); its tags (team=payments); the method throttles of shop000001:beta.',
    ])
    expect(JSON.stringify(prepared)).not.toContain('never-shown-value')
  })

  it('records its API stages in its own tags before removing them', async () => {
    const plan = (await prepareDelete(session(), 'gold', {now: new Date('2026-12-07T12:00:00Z')})).change!
    expect(plan.steps.map((step) => step.operation)).toEqual(['TagResource', 'UpdateUsagePlan', 'DeleteUsagePlan'])
    expect(plan.steps[0].input).toEqual({
      resourceArn: 'arn:aws:apigateway:eu-west-1::/usageplans/gold01',
      tags: {'apigw:emptied:shop000001:prod': '2026-12-07T12:00:00Z', 'apigw:emptied:shop000001:beta': '2026-12-07T12:00:00Z'},
    })
  })

  it('reports a failed DeleteUsagePlan after the stages left as partial (exit 8), with how to finish or undo', async () => {
    v1.on(TagResourceCommand).resolves({})
    v1.on(UpdateUsagePlanCommand).resolves({})
    v1.on(DeleteUsagePlanCommand).rejects(awsError('BadRequestException', 'Cannot delete Usage Plan gold01 because there are API Stages associated with it, including shop000001:dev', 400))
    const plan = (await prepareDelete(session(), 'gold01')).change!
    const error = await failure(runChange(plan))
    expect(error.exitCode).toBe(8)
    expect(error.message).toContain('Step 3 of 3 failed')
    expect(error.message).toContain('  done     2. remove its API stages, shop:prod, shop:beta (AWS deletes only a plan without stages) (UpdateUsagePlan)')
    expect(error.suggestions).toEqual([
      [
        "Try: apigw plans delete gold01 --confirm gold (finds what this run recorded in the tags of the plan, and finishes deleting it)",
        'Or, to keep it: apigw plans delete gold01 --undo (puts its API stages back)',
      ].join('\n'),
    ])
  })

  it('resumes from its records: the recreate commands still name the stages an earlier run removed', async () => {
    v1.on(GetUsagePlansCommand).resolves({
      items: [{id: 'gold01', name: 'gold', apiStages: [], quota: {limit: 1000, offset: 0, period: 'WEEK'}, tags: {'apigw:emptied:shop000001:prod': '2026-12-01T08:00:00Z'}}],
    })
    const prepared = await prepareDelete(session(), 'gold')
    expect(prepared.warnings).toEqual(['Resuming the delete begun at 2026-12-01T08:00:00Z: the plan records detaching shop000001:prod.'])
    expect(prepared.change!.steps.map((step) => step.operation)).toEqual(['DeleteUsagePlan'])
    expect(prepared.change!.continues).toBe(true)
    expect(prepared.afterwards).toEqual(['To recreate it and give its keys access again:', '  apigw plans create --name gold --quota 1000/week --stage shop000001:prod', '  apigw plans attach gold key0000001'])
  })

  it('an API delete\'s records in the plan (apigw:detached:…) are not its own: no resume, and they are not its tags either', async () => {
    v1.on(GetUsagePlansCommand).resolves({
      items: [{id: 'gold01', name: 'gold', apiStages: [], quota: {limit: 1000, offset: 0, period: 'WEEK'}, tags: {'apigw:detached:other00001:prod': '2026-12-01T08:00:00Z'}}],
    })
    const prepared = await prepareDelete(session(), 'gold')
    expect(prepared.warnings).toEqual([])
    expect(prepared.change!.continues).toBe(false)
    expect(prepared.afterwards).toEqual(['To recreate it and give its keys access again:', '  apigw plans create --name gold --quota 1000/week', '  apigw plans attach gold key0000001'])
  })

  it('--undo puts back only the recorded stages the plan lacks, then clears the records', async () => {
    v1.on(GetUsagePlansCommand).resolves({
      items: [{id: 'gold01', name: 'gold', apiStages: [{apiId: 'shop000001', stage: 'beta'}], tags: {'apigw:emptied:shop000001:prod': '2026-12-01T08:00:00Z', 'apigw:emptied:shop000001:beta': '2026-12-01T08:00:00Z'}}],
    })
    v1.on(UpdateUsagePlanCommand).resolves({})
    v1.on(UntagResourceCommand).resolves({})
    const prepared = await prepareDeleteUndo(session(), 'gold')
    const run = await runChange(prepared.change!)
    expect(v1.commandCalls(UpdateUsagePlanCommand)[0].args[0].input.patchOperations).toEqual([{op: 'add', path: '/apiStages', value: 'shop000001:prod'}])
    expect(v1.commandCalls(UntagResourceCommand)[0].args[0].input.tagKeys).toEqual(['apigw:emptied:shop000001:prod', 'apigw:emptied:shop000001:beta'])
    expect(await prepared.result(run, QUIET)).toEqual({plan: {id: 'gold01', name: 'gold'}, restored: [{apiId: 'shop000001', apiName: 'shop', stage: 'prod'}], begunAt: '2026-12-01T08:00:00Z'})
  })
})
