import {
  CreateDeploymentCommand,
  CreateRestApiCommand,
  CreateStageCommand,
  CreateUsagePlanCommand,
  GetRestApiCommand,
  GetRestApisCommand,
  GetUsagePlanCommand,
  PutIntegrationCommand,
  PutMethodCommand,
} from '@aws-sdk/client-api-gateway'
import {GetApiCommand, GetApisCommand, GetRoutesCommand, GetStagesCommand} from '@aws-sdk/client-apigatewayv2'
import {beforeAll, describe, expect, it} from 'vitest'
import {awsEnv, runCli} from '../helpers/cli.js'
import {seeder} from '../helpers/seed.js'
import {REQUEST_TAG, REQUEST_TOKEN} from '../helpers/request-token.js'
import {clients, env, sandbox, useSandboxCli} from '../helpers/sandbox-cli.js'

useSandboxCli()

const apigw = (...args: string[]) => runCli(args, env)
const json = (stdout: string) => JSON.parse(stdout)
const ISO_DATE = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/)

/** Every API in the sandbox, by name, so a test can see that nothing was created or deleted. */
async function apiNames(): Promise<string[]> {
  const [rest, v2] = await Promise.all([clients.rest.send(new GetRestApisCommand({limit: 500})), clients.v2.send(new GetApisCommand({}))])
  return [...(rest.items ?? []).map((api) => api.name!), ...(v2.Items ?? []).map((api) => api.Name!)].sort()
}

const restApiExists = (restApiId: string) =>
  clients.rest.send(new GetRestApiCommand({restApiId})).then(
    () => true,
    (error) => (error.name === 'NotFoundException' ? false : Promise.reject(error)),
  )

/** A REST API with GET / (mock) deployed to the given stages, the way an operator's other tools would make one. */
async function deployedRestApi(name: string, stages: string[]) {
  const {rest} = clients
  const api = await rest.send(new CreateRestApiCommand({name}))
  await rest.send(new PutMethodCommand({restApiId: api.id, resourceId: api.rootResourceId, httpMethod: 'GET', authorizationType: 'NONE'}))
  await rest.send(new PutIntegrationCommand({restApiId: api.id, resourceId: api.rootResourceId, httpMethod: 'GET', type: 'MOCK'}))
  const deployment = await rest.send(new CreateDeploymentCommand({restApiId: api.id, stageName: stages[0]}))
  for (const stageName of stages.slice(1)) await rest.send(new CreateStageCommand({restApiId: api.id, stageName, deploymentId: deployment.id}))
  return api.id!
}

describe('apis create', () => {
  it('creates a REST API with endpoint type, description and tags, and says how to deploy it', async () => {
    const result = await apigw('apis', 'create', '--name', 'shop', '--type', 'rest', '--endpoint-type', 'regional', '--description', 'the shop', '--tag', 'team=payments', '--tag', 'env=prod', '--json')
    expect(result.code).toBe(0)
    const created = json(result.stdout)
    const id = created.api.id
    expect(created).toEqual({
      api: {id: expect.stringMatching(/^[a-z0-9]{10}$/), name: 'shop', type: 'rest', endpointType: 'REGIONAL', createdDate: ISO_DATE, description: 'the shop', tags: {team: 'payments', env: 'prod', [REQUEST_TAG]: REQUEST_TOKEN}},
      apiEndpoint: `https://${id}.execute-api.us-east-1.amazonaws.com`,
      stages: [],
    })
    expect(result.stderr).toContain(`No stages yet: once it has methods and a deployment, each stage is served at https://${id}.execute-api.us-east-1.amazonaws.com/<stage>.`)
    expect(result.stderr).toContain(`Try: aws apigateway create-deployment --rest-api-id ${id} --stage-name prod`)
    const stored = await clients.rest.send(new GetRestApiCommand({restApiId: id}))
    expect(stored).toMatchObject({name: 'shop', description: 'the shop', endpointConfiguration: {types: ['REGIONAL']}, tags: {team: 'payments', env: 'prod'}})
  })

  it('prints the new API as a table without --json', async () => {
    const result = await apigw('apis', 'create', '--name', 'tabled', '--type', 'rest')
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^id\s+[a-z0-9]{10}$/m)
    expect(result.stdout).toMatch(/^endpoint type\s+EDGE$/m)
    expect(result.stdout).toMatch(/^api endpoint\s+https:\/\/[a-z0-9]{10}\.execute-api\.us-east-1\.amazonaws\.com$/m)
    expect(result.stderr).toContain('[1/1] create REST API "tabled" (CreateRestApi)')
  })

  it('quick-creates an HTTP API with --target: a $default route, its integration, and an auto-deploying $default stage', async () => {
    const result = await apigw('apis', 'create', '--name', 'orders', '--type', 'http', '--target', 'https://orders.example.com', '--json')
    expect(result.code).toBe(0)
    const created = json(result.stdout)
    const endpoint = `https://${created.api.id}.execute-api.us-east-1.amazonaws.com`
    expect(created).toEqual({
      api: {id: expect.stringMatching(/^[a-z0-9]{10}$/), name: 'orders', type: 'http', endpointType: 'REGIONAL', createdDate: ISO_DATE, description: null, tags: {[REQUEST_TAG]: REQUEST_TOKEN}},
      apiEndpoint: endpoint,
      stages: [{name: '$default', invokeUrl: endpoint}],
    })
    const ApiId = created.api.id
    expect((await clients.v2.send(new GetRoutesCommand({ApiId}))).Items!.map((route) => route.RouteKey)).toEqual(['$default'])
    expect((await clients.v2.send(new GetStagesCommand({ApiId}))).Items!.map((stage) => [stage.StageName, stage.AutoDeploy])).toEqual([['$default', true]])
  })

  it('reminds the operator to let API Gateway invoke a Lambda target', async () => {
    const lambda = 'arn:aws:lambda:us-east-1:123456789012:function:orders'
    const result = await apigw('apis', 'create', '--name', 'orders-fn', '--type', 'http', '--target', lambda, '--json')
    expect(result.code).toBe(0)
    const {id} = json(result.stdout).api
    expect(result.stderr).toContain(
      `Try: aws lambda add-permission --function-name ${lambda} --statement-id apigw-${id} --action lambda:InvokeFunction --principal apigateway.amazonaws.com --source-arn 'arn:aws:execute-api:us-east-1:123456789012:${id}/*'`,
    )
  })

  it('creates an HTTP API without --target with no routes and no stages', async () => {
    const result = await apigw('apis', 'create', '--name', 'bare', '--type', 'http', '--json')
    expect(result.code).toBe(0)
    const created = json(result.stdout)
    expect(created.stages).toEqual([])
    expect((await clients.v2.send(new GetRoutesCommand({ApiId: created.api.id}))).Items).toEqual([])
    expect(result.stderr).toContain('No routes or stages yet.')
  })

  it('creates a WebSocket API with the default route selection expression, or the one given', async () => {
    const plain = json((await apigw('apis', 'create', '--name', 'chat', '--type', 'websocket', '--json')).stdout)
    expect(plain.api.type).toBe('websocket')
    expect(plain.apiEndpoint).toBe(`wss://${plain.api.id}.execute-api.us-east-1.amazonaws.com`)
    expect((await clients.v2.send(new GetApiCommand({ApiId: plain.api.id}))).RouteSelectionExpression).toBe('$request.body.action')
    const custom = json((await apigw('apis', 'create', '--name', 'chat-typed', '--type', 'websocket', '--route-selection', '$request.body.type', '--json')).stdout)
    expect((await clients.v2.send(new GetApiCommand({ApiId: custom.api.id}))).RouteSelectionExpression).toBe('$request.body.type')
  })

  it("derives the URLs from the session's region, not the emulator's", async () => {
    // apigw builds the URLs from its own session's region, whatever the service answers.
    const result = await apigw('apis', 'create', '--name', 'far-away', '--type', 'http', '--target', 'https://eu.example.com', '--region', 'eu-west-1', '--json')
    expect(result.code).toBe(0)
    const created = json(result.stdout)
    expect(created.apiEndpoint).toBe(`https://${created.api.id}.execute-api.eu-west-1.amazonaws.com`)
    expect(created.stages[0].invokeUrl).toBe(created.apiEndpoint)
  })

  it('warns on stderr when another API has the name, and still creates it (AWS allows it)', async () => {
    const first = json((await apigw('apis', 'create', '--name', 'twin', '--type', 'rest', '--json')).stdout)
    const second = await apigw('apis', 'create', '--name', 'twin', '--type', 'rest', '--json')
    expect(second.code).toBe(0)
    expect(second.stderr).toContain(`Warning: An API named "twin" already exists (${first.api.id}, rest). Their CloudWatch metrics will be merged, because REST metrics are keyed by API name. --api twin will be ambiguous: name these APIs by id.`)
    expect(json(second.stdout).api.id).not.toBe(first.api.id)
    expect((await apiNames()).filter((name) => name === 'twin')).toHaveLength(2)
  })

  it('--dry-run prints the exact CreateRestApi input and creates nothing', async () => {
    const before = await apiNames()
    const result = await apigw('apis', 'create', '--name', 'rehearsed', '--type', 'rest', '--endpoint-type', 'private', '--tag', 'team=payments', '--dry-run', '--json')
    expect(result.code).toBe(0)
    expect(json(result.stdout)).toEqual({
      dryRun: true,
      plan: {
        summary: 'create REST API "rehearsed"',
        severity: 'safe',
        steps: [
          {
            step: 1,
            service: 'apigateway',
            operation: 'CreateRestApi',
            summary: 'create REST API "rehearsed"',
            input: {name: 'rehearsed', endpointConfiguration: {types: ['PRIVATE']}, tags: {team: 'payments'}},
          },
        ],
      },
    })
    expect(await apiNames()).toEqual(before)
  })

  it('--dry-run of a quick create shows the CreateApi input', async () => {
    const result = await apigw('apis', 'create', '--name', 'quick', '--type', 'http', '--target', 'https://q.example.com', '--dry-run')
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('Plan (dry run, nothing changed): create HTTP API "quick" with a $default route to https://q.example.com and an auto-deploying $default stage')
    expect(result.stdout).toContain('apigatewayv2 CreateApi {"Name":"quick","ProtocolType":"HTTP","Target":"https://q.example.com"}')
    expect(await apiNames()).not.toContain('quick')
  })

  const badInput: Array<[string, string[], RegExp]> = [
    ['an unknown type', ['--name', 'x', '--type', 'graphql'], /Expected --type=graphql to be one of: rest, http, websocket/],
    ['--target on a REST API', ['--name', 'x', '--type', 'rest', '--target', 'https://x.example.com'], /--target applies only to --type http, not --type rest\./],
    ['--route-selection on an HTTP API', ['--name', 'x', '--type', 'http', '--route-selection', '$request.body.a'], /--route-selection applies only to --type websocket/],
    ['--endpoint-type on a WebSocket API', ['--name', 'x', '--type', 'websocket', '--endpoint-type', 'edge'], /--endpoint-type applies only to --type rest/],
    ['a tag without "="', ['--name', 'x', '--type', 'rest', '--tag', 'team'], /--tag "team": a tag is key=value\./],
    ['a reserved tag key', ['--name', 'x', '--type', 'rest', '--tag', 'aws:owner=me'], /keys starting with "aws:" are reserved/],
    ['an empty name', ['--name', '', '--type', 'rest'], /--name is empty/],
    ['a target that is neither a Lambda ARN nor a URL', ['--name', 'x', '--type', 'http', '--target', 'orders-fn'], /is neither a Lambda function ARN nor an http\(s\) URL/],
    ['a route selection that is no expression', ['--name', 'x', '--type', 'websocket', '--route-selection', 'action'], /is not a route selection expression/],
    ['an HTTP API name over 128 characters', ['--name', 'n'.repeat(129), '--type', 'http'], /--name is 129 characters long; --type http allows at most 128/],
  ]
  // Independent runs against a dead endpoint: concurrent, to keep the file fast.
  for (const [what, args, message] of badInput) {
    it.concurrent(`refuses ${what} with exit 2 before any AWS call`, async () => {
      // Nothing listens on port 9: any AWS call would fail with exit 6, not 2.
      const result = await runCli(['apis', 'create', ...args], awsEnv('http://127.0.0.1:9'))
      expect(result.code).toBe(2)
      expect(result.stderr).toMatch(message)
      expect(result.stderr).toContain('Try:')
      expect(result.stdout).toBe('')
    })
  }

  it('creates nothing on bad input against a live endpoint either', async () => {
    const before = await apiNames()
    const result = await apigw('apis', 'create', '--name', 'never', '--type', 'rest', '--tag', '=x', '--json')
    expect(result.code).toBe(2)
    expect(json(result.stdout).error).toMatchObject({code: 'INVALID_TAG', exitCode: 2})
    expect(await apiNames()).toEqual(before)
  })
})

describe('apis delete', () => {
  it('refuses without --confirm where no one can type the name (exit 2), deleting nothing', async () => {
    const id = await deployedRestApi('pet store', ['prod'])
    const result = await apigw('apis', 'delete', '--api', id)
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(`Delete REST API "pet store" (${id}) with 1 stage (prod) and 1 deployment? This needs --confirm 'pet store', and there is no terminal to ask on.`)
    expect(result.stderr).toContain(`Try: apigw apis delete --api ${id} --confirm 'pet store'`)
    expect(await restApiExists(id)).toBe(true)
  })

  it('refuses a --confirm that is not the name (exit 2), deleting nothing', async () => {
    const id = await deployedRestApi('careful', ['prod'])
    const result = await apigw('apis', 'delete', '--api', 'careful', '--confirm', 'carefull')
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('--confirm "carefull" does not match "careful"; nothing was changed.')
    expect(result.stderr).toContain('Try: apigw apis delete --api careful --confirm careful\n')
    expect(await restApiExists(id)).toBe(true)
  })

  it('deletes a REST API by name with --confirm, reporting its stages and deployments', async () => {
    const id = await deployedRestApi('doomed', ['prod', 'beta'])
    const result = await apigw('apis', 'delete', '--api', 'doomed', '--confirm', 'doomed', '--json')
    expect(result.code).toBe(0)
    expect(json(result.stdout)).toEqual({api: {id, name: 'doomed', type: 'rest'}, stages: ['beta', 'prod'], deployments: 1, detachedFrom: [], resumedFrom: null})
    expect(result.stderr).toContain(`[1/1] delete REST API "doomed" (${id}) (DeleteRestApi)`)
    expect(await restApiExists(id)).toBe(false)
  })

  it('deletes an HTTP API with DeleteApi', async () => {
    const {id} = await seeder(sandbox.endpoint).httpApi('short-lived')
    const result = await apigw('apis', 'delete', '--api', id, '--confirm', 'short-lived')
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^deleted\s+HTTP API short-lived \(\w+\)$/m)
    expect(result.stdout).toMatch(/^stages\s+\$default$/m)
    await expect(clients.v2.send(new GetApiCommand({ApiId: id}))).rejects.toMatchObject({name: 'NotFoundException'})
  })

  describe('an API that usage plans reference', () => {
    let id: string
    let gold: string
    let silver: string
    let otherStage: {apiId: string; stage: string}
    beforeAll(async () => {
      id = await deployedRestApi('metered', ['prod', 'beta'])
      otherStage = {apiId: await deployedRestApi('neighbour', ['prod']), stage: 'prod'}
      gold = (await clients.rest.send(new CreateUsagePlanCommand({name: 'gold', apiStages: [{apiId: id, stage: 'prod'}, {apiId: id, stage: 'beta'}, otherStage]}))).id!
      silver = (await clients.rest.send(new CreateUsagePlanCommand({name: 'silver', apiStages: [{apiId: id, stage: 'prod'}]}))).id!
    })
    const planStages = async (usagePlanId: string) => (await clients.rest.send(new GetUsagePlanCommand({usagePlanId}))).apiStages!.map(({apiId, stage}) => ({apiId, stage}))

    it('refuses with exit 5, listing the plans and the fix, and changes nothing', async () => {
      const result = await apigw('apis', 'delete', '--api', 'metered', '--confirm', 'metered')
      expect(result.code).toBe(5)
      expect(result.stderr).toContain(`Error: REST API "metered" (${id}) is in 2 usage plans, and AWS refuses to delete an API that a usage plan references:`)
      expect(result.stderr).toMatch(new RegExp(`^  ${gold}  gold    stages beta, prod$`, 'm'))
      expect(result.stderr).toMatch(new RegExp(`^  ${silver}  silver  stage prod$`, 'm'))
      expect(result.stderr).toContain(`Try: apigw apis delete --api ${id} --confirm metered --force (detaches it from these plans first)`)
      expect(result.stderr).toContain(`Or: aws apigateway update-usage-plan --usage-plan-id ${silver} --patch-operations '[{"op":"remove","path":"/apiStages","value":"${id}:prod"}]'`)
      expect(await restApiExists(id)).toBe(true)
      expect(await planStages(silver)).toEqual([{apiId: id, stage: 'prod'}])
    })

    it('--force --dry-run lists the detach steps before the delete, and changes nothing', async () => {
      const result = await apigw('apis', 'delete', '--api', id, '--force', '--dry-run', '--json')
      expect(result.code).toBe(0)
      const {dryRun, plan} = json(result.stdout)
      expect(dryRun).toBe(true)
      expect(plan.severity).toBe('severe')
      expect(plan.summary).toBe(`delete REST API "metered" (${id}) with 2 stages (beta, prod) and 1 deployment, after detaching it from 2 usage plans: gold (${gold}), silver (${silver})`)
      expect(plan.steps.map((step: {operation: string; input: unknown}) => [step.operation, step.input])).toEqual([
        ['TagResource', {resourceArn: `arn:aws:apigateway:us-east-1::/usageplans/${gold}`, tags: {[`apigw:detached:${id}:beta`]: expect.any(String), [`apigw:detached:${id}:prod`]: expect.any(String)}}],
        ['TagResource', {resourceArn: `arn:aws:apigateway:us-east-1::/usageplans/${silver}`, tags: {[`apigw:detached:${id}:prod`]: expect.any(String)}}],
        ['UpdateUsagePlan', {usagePlanId: gold, patchOperations: [{op: 'remove', path: '/apiStages', value: `${id}:beta`}, {op: 'remove', path: '/apiStages', value: `${id}:prod`}]}],
        ['UpdateUsagePlan', {usagePlanId: silver, patchOperations: [{op: 'remove', path: '/apiStages', value: `${id}:prod`}]}],
        ['DeleteRestApi', {restApiId: id}],
        ['UntagResource', {resourceArn: `arn:aws:apigateway:us-east-1::/usageplans/${gold}`, tagKeys: [`apigw:detached:${id}:beta`, `apigw:detached:${id}:prod`]}],
        ['UntagResource', {resourceArn: `arn:aws:apigateway:us-east-1::/usageplans/${silver}`, tagKeys: [`apigw:detached:${id}:prod`]}],
      ])
      expect(await restApiExists(id)).toBe(true)
      expect(await planStages(gold)).toHaveLength(3)
    })

    it('--force detaches it from each plan, then deletes it; other APIs stay in the plans', async () => {
      const result = await apigw('apis', 'delete', '--api', id, '--force', '--confirm', 'metered', '--json')
      expect(result.code).toBe(0)
      expect(json(result.stdout)).toEqual({
        api: {id, name: 'metered', type: 'rest'},
        stages: ['beta', 'prod'],
        deployments: 1,
        detachedFrom: [
          {id: gold, name: 'gold', stages: ['beta', 'prod']},
          {id: silver, name: 'silver', stages: ['prod']},
        ],
        resumedFrom: null,
      })
      expect(result.stderr).toMatch(/\[3\/7\] detach it from usage plan gold .*\n\[4\/7\] detach it from usage plan silver .*\n\[5\/7\] delete REST API "metered"/)
      expect(await restApiExists(id)).toBe(false)
      expect(await planStages(gold)).toEqual([otherStage])
      expect(await planStages(silver)).toEqual([])
    })
  })

  it('refuses an unknown API with exit 4', async () => {
    const result = await apigw('apis', 'delete', '--api', 'no-such-api', '--confirm', 'no-such-api')
    expect(result.code).toBe(4)
    expect(result.stderr).toContain('No API with id or name "no-such-api" in region us-east-1.')
  })
})

describe('apis routes', () => {
  let petstore: {id: string}
  let orders: {id: string}
  beforeAll(async () => {
    const seed = seeder(sandbox.endpoint)
    petstore = await seed.restApi('routes-petstore')
    orders = await seed.httpApi('routes-orders')
  })

  it("shows a REST API's resource tree, the same resources as apis show", async () => {
    const result = await apigw('apis', 'routes', '--api', 'routes-petstore', '--json')
    expect(result.code).toBe(0)
    const routes = json(result.stdout)
    expect(routes).toEqual({
      api: {id: petstore.id, name: 'routes-petstore', type: 'rest'},
      resources: [
        {path: '/', methods: []},
        {path: '/pets', methods: [{method: 'GET', authorizationType: 'NONE', apiKeyRequired: true, integration: {type: 'HTTP_PROXY', target: 'https://backend.example.com/pets'}}]},
      ],
    })
    const shown = json((await apigw('apis', 'show', '--api', petstore.id, '--json')).stdout)
    expect(routes.resources).toEqual(shown.resources)
  })

  it('prints the resource table alone without --json', async () => {
    const result = await apigw('apis', 'routes', '--api', petstore.id)
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^PATH\s+METHOD\s+INTEGRATION\s+TARGET\s+AUTH\s+API KEY\n\/\s+-/)
    expect(result.stdout).toMatch(/^\/pets\s+GET\s+HTTP_PROXY\s+https:\/\/backend\.example\.com\/pets\s+NONE\s+yes$/m)
    expect(result.stdout).not.toContain('Stages')
  })

  it("shows an HTTP API's route table with the Lambda behind each route", async () => {
    const result = await apigw('apis', 'routes', '--api', 'routes-orders', '--json')
    expect(result.code).toBe(0)
    expect(json(result.stdout)).toEqual({
      api: {id: orders.id, name: 'routes-orders', type: 'http'},
      routes: [{routeKey: 'GET /orders', authorizationType: 'NONE', apiKeyRequired: false, integration: {type: 'AWS_PROXY', target: 'arn:aws:lambda:us-east-1:123456789012:function:orders'}}],
    })
    const table = await apigw('apis', 'routes', '--api', orders.id)
    expect(table.stdout).toMatch(/^GET \/orders\s+AWS_PROXY\s+arn:aws:lambda:us-east-1:123456789012:function:orders\s+NONE\s+no$/m)
  })

  it('says so when a WebSocket API has no routes', async () => {
    const {id} = await seeder(sandbox.endpoint).websocketApi('routes-chat')
    const result = await apigw('apis', 'routes', '--api', id)
    expect(result.code).toBe(0)
    expect(result.stdout).toBe('No routes.\n')
  })

  it('refuses an unknown API with exit 4', async () => {
    const result = await apigw('apis', 'routes', '--api', 'routes-nowhere', '--json')
    expect(result.code).toBe(4)
    expect(json(result.stdout).error.code).toBe('API_NOT_FOUND')
  })
})
