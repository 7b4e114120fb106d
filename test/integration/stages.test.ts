import {
  CreateDeploymentCommand,
  CreateRestApiCommand,
  CreateStageCommand,
  CreateUsagePlanCommand,
  GetStageCommand,
  GetUsagePlanCommand,
} from '@aws-sdk/client-api-gateway'
import {CreateApiCommand, CreateRouteCommand, CreateStageCommand as CreateV2StageCommand, GetStageCommand as GetV2StageCommand, GetStagesCommand} from '@aws-sdk/client-apigatewayv2'
import {beforeAll, describe, expect, it} from 'vitest'
import {awsEnv, runCli} from '../helpers/cli.js'
import {seeder} from '../helpers/seed.js'
import {clients, env, sandbox, seed, useSandboxCli} from '../helpers/sandbox-cli.js'

useSandboxCli()

const apigw = (...args: string[]) => runCli(args, env)
/** The CLI pointed at a port nothing listens on: anything it sends to AWS fails, so a usage error proves nothing was sent. */
const offline = (...args: string[]) => runCli(args, awsEnv('http://127.0.0.1:9', {AWS_MAX_ATTEMPTS: '1'}))
const json = (stdout: string) => JSON.parse(stdout)
const ISO_DATE = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/)
const LOG_GROUP = 'arn:aws:logs:us-east-1:123456789012:log-group:api-access'

/** A stage as GetStage returns it, without the response metadata that differs on every call. */
const withoutMetadata = <T extends {$metadata: unknown}>({$metadata, ...stage}: T) => stage
const restStage = async (restApiId: string, stageName = 'prod') => withoutMetadata(await clients.rest.send(new GetStageCommand({restApiId, stageName})))
const v2Stage = async (ApiId: string, StageName: string) => withoutMetadata(await clients.v2.send(new GetV2StageCommand({ApiId, StageName})))

describe('stages set and show: REST', () => {
  let api: {id: string; deploymentId: string}
  beforeAll(async () => {
    api = await seed.petsApi('settings-rest')
  })

  it('--dry-run prints the exact patch operations, with ~1 for a nested path, and changes nothing', async () => {
    const before = await restStage(api.id)
    const result = await apigw('stages', 'set', '--api', 'settings-rest', '--stage', 'prod', '--throttle', '100:50', '--method-throttle', 'GET /pets/{id}=20:10', '--dry-run', '--json')
    expect(result.code).toBe(0)
    const {dryRun, plan} = json(result.stdout)
    expect(dryRun).toBe(true)
    expect(plan.severity).toBe('safe')
    expect(plan.steps).toHaveLength(1)
    expect(plan.steps[0]).toMatchObject({service: 'apigateway', operation: 'UpdateStage'})
    expect(plan.steps[0].input).toEqual({
      restApiId: api.id,
      stageName: 'prod',
      patchOperations: [
        {op: 'replace', path: '/*/*/throttling/rateLimit', value: '100'},
        {op: 'replace', path: '/*/*/throttling/burstLimit', value: '50'},
        {op: 'replace', path: '/~1pets~1{id}/GET/throttling/rateLimit', value: '20'},
        {op: 'replace', path: '/~1pets~1{id}/GET/throttling/burstLimit', value: '10'},
      ],
    })
    expect(await restStage(api.id)).toEqual(before)
  })

  it('sets each kind of setting in one UpdateStage; GetStage shows AWS\'s method settings keys and defaults', async () => {
    const result = await apigw(
      'stages', 'set', '--api', api.id, '--stage', 'prod',
      '--var', 'color=blue', '--var', 'backend=https://v2.example.com/api',
      '--throttle', '100:50', '--method-throttle', 'GET /pets/{id}=20:10',
      '--logging', 'info', '--data-trace', 'on', '--metrics', 'on', '--tracing', 'on',
      '--access-log', LOG_GROUP, '--access-log-format', 'json', '--json',
    )
    expect(result.code).toBe(0)
    expect(result.stderr).toContain('[1/1] update 9 settings of stage "prod"')
    const {changes} = json(result.stdout)
    expect(changes.map((change: {setting: string; key: string | null}) => [change.setting, change.key])).toEqual([
      ['variable', 'color'], ['variable', 'backend'], ['throttle', null], ['logging', null], ['dataTrace', null],
      ['metrics', null], ['tracing', null], ['accessLog', null], ['throttle', 'GET /pets/{id}'],
    ])
    expect(changes).toContainEqual({setting: 'tracing', key: null, before: false, after: true})
    expect(changes).toContainEqual({setting: 'throttle', key: null, before: null, after: {rateLimit: 100, burstLimit: 50}})

    const stage = await restStage(api.id)
    expect(stage.variables).toEqual({color: 'blue', backend: 'https://v2.example.com/api'})
    expect(stage.tracingEnabled).toBe(true)
    expect(stage.accessLogSettings?.destinationArn).toBe(LOG_GROUP)
    expect(JSON.parse(stage.accessLogSettings!.format!.replaceAll(/\$context\.[\w.]+/g, 'x'))).toHaveProperty('resourcePath')
    // docs/aws-behaviour.md#method-settings-defaults: the wildcard entry gets AWS's defaults for what was not set; the method entry starts from it.
    expect(stage.methodSettings).toEqual({
      '*/*': {
        metricsEnabled: true, dataTraceEnabled: true, loggingLevel: 'INFO', throttlingBurstLimit: 50, throttlingRateLimit: 100,
        cachingEnabled: false, cacheTtlInSeconds: 300, cacheDataEncrypted: false, requireAuthorizationForCacheControl: true,
        unauthorizedCacheControlHeaderStrategy: 'SUCCEED_WITH_RESPONSE_HEADER',
      },
      'pets/{id}/GET': {
        metricsEnabled: true, dataTraceEnabled: true, loggingLevel: 'INFO', throttlingBurstLimit: 10, throttlingRateLimit: 20,
        cachingEnabled: false, cacheTtlInSeconds: 300, cacheDataEncrypted: false, requireAuthorizationForCacheControl: true,
        unauthorizedCacheControlHeaderStrategy: 'SUCCEED_WITH_RESPONSE_HEADER',
      },
    })
  })

  it('shows everything it set, in the documented JSON shape', async () => {
    const result = await apigw('stages', 'show', '--api', 'settings-rest', '--stage', 'prod', '--json')
    expect(result.code).toBe(0)
    const caching = {enabled: false, ttlInSeconds: 300, dataEncrypted: false, requireAuthorizationForCacheControl: true, unauthorizedCacheControlHeaderStrategy: 'SUCCEED_WITH_RESPONSE_HEADER'}
    expect(json(result.stdout)).toEqual({
      api: {id: api.id, name: 'settings-rest', type: 'rest'},
      stage: {
        name: 'prod',
        description: null,
        deploymentId: api.deploymentId,
        invokeUrl: `https://${api.id}.execute-api.us-east-1.amazonaws.com/prod`,
        createdDate: ISO_DATE,
        lastUpdatedDate: ISO_DATE,
        canary: null,
        cache: {enabled: false, size: null, status: 'NOT_AVAILABLE'},
        autoDeploy: null,
        tracing: true,
        throttle: {rateLimit: 100, burstLimit: 50},
        logging: 'INFO',
        dataTrace: true,
        metrics: true,
        accessLog: {destinationArn: LOG_GROUP, format: expect.stringContaining('"requestId":"$context.requestId"')},
        variables: {color: 'blue', backend: 'https://v2.example.com/api'},
        methodSettings: {
          '*/*': {throttle: {rateLimit: 100, burstLimit: 50}, logging: 'INFO', dataTrace: true, metrics: true, caching},
          'pets/{id}/GET': {throttle: {rateLimit: 20, burstLimit: 10}, logging: 'INFO', dataTrace: true, metrics: true, caching},
        },
      },
    })
  })

  it('shows a table for people, and lists the stage with its key facts', async () => {
    const shown = await apigw('stages', 'show', '--api', 'settings-rest', '--stage', 'prod')
    expect(shown.stdout).toMatch(/^throttle\s+100\/s burst 50$/m)
    expect(shown.stdout).toMatch(/^color\s+blue$/m)
    expect(shown.stdout).toMatch(/^pets\/\{id\}\/GET\s+20\/s burst 10\s+INFO\s+on\s+on\s+off$/m)
    const listed = await apigw('stages', 'list', '--api', 'settings-rest')
    expect(listed.code).toBe(0)
    expect(listed.stdout).toMatch(/^STAGE\s+DEPLOYMENT\s+LAST UPDATED\s+CANARY\s+CACHE\s+TRACING\s+THROTTLE\s+LOGGING\s+METRICS\s+VARIABLES$/m)
    expect(listed.stdout).toMatch(new RegExp(`^prod\\s+${api.deploymentId}\\s+\\S+\\s+-\\s+off\\s+on\\s+100/s burst 50\\s+INFO\\s+on\\s+2$`, 'm'))
  })

  it('changes nothing the second time, and says so', async () => {
    const before = await restStage(api.id)
    const result = await apigw('stages', 'set', '--api', api.id, '--stage', 'prod', '--throttle', '100:50', '--var', 'color=blue', '--json')
    expect(result.code).toBe(0)
    expect(json(result.stdout).changes).toEqual([])
    expect(result.stderr).toContain('already has these settings; nothing to change.')
    expect((await restStage(api.id)).lastUpdatedDate).toEqual(before.lastUpdatedDate)
  })

  it('needs --yes to change or remove a value in force, then prints before → after', async () => {
    const refused = await apigw('stages', 'set', '--api', api.id, '--stage', 'prod', '--unset-var', 'color', '--throttle', '200:50')
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('variable color: blue → removed; throttle: 100/s burst 50 → 200/s burst 50? This needs confirmation')
    expect((await restStage(api.id)).variables).toHaveProperty('color', 'blue')
    const result = await apigw('stages', 'set', '--api', api.id, '--stage', 'prod', '--unset-var', 'color', '--throttle', '200:50', '--yes')
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^variable color\s+blue\s+\(removed\)$/m)
    expect(result.stdout).toMatch(/^throttle\s+100\/s burst 50\s+200\/s burst 50$/m)
    const stage = await restStage(api.id)
    expect(stage.variables).toEqual({backend: 'https://v2.example.com/api'})
    expect(stage.methodSettings?.['*/*']).toMatchObject({throttlingRateLimit: 200, throttlingBurstLimit: 50})
    // A later stage-wide change leaves the method's own entry alone (docs/aws-behaviour.md#a-new-method-setting-starts-from-the-stage-wide-one).
    expect(stage.methodSettings?.['pets/{id}/GET']).toMatchObject({throttlingRateLimit: 20})
  })

  it('refuses a method the API does not have (exit 4), naming the ones it has', async () => {
    const result = await apigw('stages', 'set', '--api', api.id, '--stage', 'prod', '--method-throttle', 'GET /pet=1:1')
    expect(result.code).toBe(4)
    expect(result.stderr).toContain(`REST API "settings-rest" (${api.id}) has no method "GET /pet"; its methods: GET /pets, GET /pets/{id}.`)
    expect(result.stderr).toContain("Did you mean: 'GET /pets'")
  })

  it('refuses settings REST APIs do not have, saying why, and changes nothing', async () => {
    const before = await restStage(api.id)
    const autoDeploy = await apigw('stages', 'set', '--api', api.id, '--stage', 'prod', '--auto-deploy', 'on')
    expect(autoDeploy.code).toBe(2)
    expect(autoDeploy.stderr).toContain(`--auto-deploy does not apply to REST API "settings-rest" (${api.id}): REST stages do not deploy themselves`)
    const any = await apigw('stages', 'set', '--api', api.id, '--stage', 'prod', '--method-throttle', 'ANY /pets=1:1')
    expect(any.code).toBe(2)
    expect(any.stderr).toContain('REST method settings name one method, not ANY')
    expect(await restStage(api.id)).toEqual(before)
  })

  it('refuses an unknown stage with exit 4, naming the stages', async () => {
    const result = await apigw('stages', 'set', '--api', api.id, '--stage', 'staging', '--metrics', 'on')
    expect(result.code).toBe(4)
    expect(result.stderr).toContain(`REST API "settings-rest" (${api.id}) has no stage "staging"; its stages: prod.`)
    const shown = await apigw('stages', 'show', '--api', api.id, '--stage', 'staging', '--json')
    expect(shown.code).toBe(4)
    expect(json(shown.stdout).error.code).toBe('STAGE_NOT_FOUND')
  })

  it('finds a REST stage typed in another case, as AWS does, and says that case was folded', async () => {
    const shown = await apigw('stages', 'show', '--api', api.id, '--stage', 'PROD', '--json')
    expect(shown.code, shown.stderr).toBe(0)
    expect(json(shown.stdout).stage.name).toBe('prod')
    expect(shown.stderr).toBe('Warning: there is no stage "PROD"; using stage "prod" (REST stage names match ignoring case).\n')
    // Typed exactly: nothing to say.
    expect((await apigw('stages', 'show', '--api', api.id, '--stage', 'prod')).stderr).toBe('')
  })
})

describe('stages set and show: HTTP and WebSocket', () => {
  let http: {id: string}
  beforeAll(async () => {
    http = await seeder(sandbox.endpoint).httpApi('settings-http')
    await clients.v2.send(new CreateRouteCommand({ApiId: http.id, RouteKey: 'POST /orders'}))
  })

  it('sends v2 fields, merged into the current maps, and GetStage shows them', async () => {
    const first = await apigw(
      'stages', 'set', '--api', http.id, '--stage', '$default', '--var', 'tier=gold', '--throttle', '50:20', '--method-throttle', 'GET /orders=5:2',
      '--metrics', 'on', '--access-log', LOG_GROUP, '--access-log-format', 'clf', '--auto-deploy', 'off', '--yes', '--json',
    )
    expect(first.code).toBe(0)
    expect(json(first.stdout).changes).toContainEqual({setting: 'autoDeploy', key: null, before: true, after: false})
    const second = await apigw('stages', 'set', '--api', http.id, '--stage', '$default', '--var', 'region=eu', '--method-throttle', 'POST /orders=7:3', '--dry-run', '--json')
    expect(json(second.stdout).plan.steps[0].input).toEqual({
      ApiId: http.id,
      StageName: '$default',
      StageVariables: {tier: 'gold', region: 'eu'},
      RouteSettings: {'GET /orders': {ThrottlingRateLimit: 5, ThrottlingBurstLimit: 2}, 'POST /orders': {ThrottlingRateLimit: 7, ThrottlingBurstLimit: 3}},
    })
    const stage = await v2Stage(http.id, '$default')
    expect(stage).toMatchObject({
      StageVariables: {tier: 'gold'},
      DefaultRouteSettings: {DetailedMetricsEnabled: true, ThrottlingRateLimit: 50, ThrottlingBurstLimit: 20},
      RouteSettings: {'GET /orders': {ThrottlingRateLimit: 5, ThrottlingBurstLimit: 2}},
      AccessLogSettings: {DestinationArn: LOG_GROUP, Format: expect.stringContaining('"$context.httpMethod $context.routeKey $context.protocol"')},
    })
    expect(stage.AutoDeploy ?? false).toBe(false)
  })

  it('shows route settings keyed by route, in the documented JSON shape', async () => {
    const result = await apigw('stages', 'show', '--api', 'settings-http', '--stage', '$default', '--json')
    expect(result.code).toBe(0)
    const {stage} = json(result.stdout)
    expect(stage).toMatchObject({
      name: '$default',
      invokeUrl: `https://${http.id}.execute-api.us-east-1.amazonaws.com`,
      canary: null,
      cache: null,
      autoDeploy: false,
      tracing: null,
      throttle: {rateLimit: 50, burstLimit: 20},
      logging: null,
      dataTrace: null,
      metrics: true,
      variables: {tier: 'gold'},
      routeSettings: {'GET /orders': {throttle: {rateLimit: 5, burstLimit: 2}, logging: null, dataTrace: null, metrics: null, caching: null}},
    })
    expect(stage).not.toHaveProperty('methodSettings')
  })

  it('refuses --tracing, --logging and --data-trace on an HTTP API, saying why', async () => {
    const before = await v2Stage(http.id, '$default')
    for (const [flag, why] of [
      ['--tracing', 'X-Ray tracing exists for REST APIs only'],
      ['--logging', 'HTTP APIs have no execution logs'],
      ['--data-trace', 'HTTP APIs have no execution logs to trace data in'],
    ]) {
      const result = await apigw('stages', 'set', '--api', http.id, '--stage', '$default', flag, flag === '--logging' ? 'info' : 'on')
      expect(result.code).toBe(2)
      expect(result.stderr).toContain(`${flag} does not apply to HTTP API "settings-http" (${http.id}): ${why}`)
    }
    expect(await v2Stage(http.id, '$default')).toEqual(before)
  })

  it('takes execution logging and data trace on a WebSocket stage', async () => {
    const {id} = await seeder(sandbox.endpoint).websocketApi('settings-ws')
    await clients.v2.send(new CreateV2StageCommand({ApiId: id, StageName: 'prod'}))
    const result = await apigw('stages', 'set', '--api', id, '--stage', 'prod', '--logging', 'error', '--data-trace', 'on', '--throttle', '10:5')
    expect(result.code).toBe(0)
    expect((await v2Stage(id, 'prod')).DefaultRouteSettings).toMatchObject({LoggingLevel: 'ERROR', DataTraceEnabled: true, ThrottlingRateLimit: 10, ThrottlingBurstLimit: 5})
    const listed = json((await apigw('stages', 'list', '--api', id, '--json')).stdout)
    expect(listed.stages.map((stage: {name: string; logging: string}) => [stage.name, stage.logging])).toEqual([['prod', 'ERROR']])
  })
})

describe('stages set: bad input fails before any AWS call', () => {
  it.each([
    [['--throttle', 'abc'], '--throttle "abc" is not rate:burst', 'Try: --throttle 100:50'],
    [['--method-throttle', 'FETCH /pets=1:1'], '"FETCH" is not a method. Methods: GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, ANY.', "Try: --method-throttle 'GET /pets=100:50'"],
    [['--method-throttle', 'fetch /orders/{id}=1:1'], '"fetch" is not a method.', "Try: --method-throttle 'GET /orders/{id}=100:50'"],
    [['--method-throttle', 'post orders=1:1'], 'the path must start with "/", as in "POST /orders".', "Try: --method-throttle 'POST /orders=100:50'"],
    [['--var', 'has-dash=1'], '"has-dash" is not a stage variable name', 'Try: --var backend_url=…'],
    [['--access-log-format', '$context.status'], 'a preset (clf, json, xml, csv) or a format containing $context.requestId', 'Try: --access-log-format json'],
    [[], 'Nothing to set: give at least one setting. Settings: --var name=value', 'Try: apigw stages set'],
    [['--logging', 'verbose'], 'Expected --logging=verbose to be one of: off, error, info', 'Try: apigw stages set --help'],
  ])('%j', async (flags, message, suggestion) => {
    const result = await offline('stages', 'set', '--api', 'any', '--stage', 'prod', ...flags)
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(message)
    expect(result.stderr).toContain(suggestion)
  })
})

describe('stages create', () => {
  it('creates a REST stage on the newest deployment by default, or the one named', async () => {
    const api = await seed.petsApi('create-rest')
    const newer = await clients.rest.send(new CreateDeploymentCommand({restApiId: api.id, description: 'newer'}))
    const result = await apigw('stages', 'create', '--api', 'create-rest', '--stage', 'beta', '--var', 'color=green', '--description', 'beta testers', '--json')
    expect(result.code).toBe(0)
    expect(result.stderr).toContain(`[1/1] create stage "beta" of REST API "create-rest" (${api.id}) on deployment ${newer.id} (the newest) (CreateStage)`)
    expect(json(result.stdout)).toMatchObject({api: {id: api.id, type: 'rest'}, stage: {name: 'beta', deploymentId: newer.id, description: 'beta testers', variables: {color: 'green'}}})
    expect(await restStage(api.id, 'beta')).toMatchObject({deploymentId: newer.id, variables: {color: 'green'}, description: 'beta testers'})

    const older = await apigw('stages', 'create', '--api', api.id, '--stage', 'old', '--deployment', api.deploymentId)
    expect(older.code).toBe(0)
    expect((await restStage(api.id, 'old')).deploymentId).toBe(api.deploymentId)
  })

  it('refuses a REST API that was never deployed (exit 5), saying to deploy first', async () => {
    const api = await clients.rest.send(new CreateRestApiCommand({name: 'never-deployed'}))
    const result = await apigw('stages', 'create', '--api', api.id!, '--stage', 'prod')
    expect(result.code).toBe(5)
    expect(result.stderr).toContain(`REST API "never-deployed" (${api.id}) has never been deployed, and a stage must serve a deployment.`)
    expect(result.stderr).toContain(`Try: apigw deploy --api ${api.id} --stage prod`)
  })

  it('refuses a stage that exists (exit 5) and a deployment that does not (exit 4)', async () => {
    const api = await seed.petsApi('create-conflicts')
    expect((await apigw('stages', 'create', '--api', api.id, '--stage', 'PROD')).code).toBe(5)
    const missing = await apigw('stages', 'create', '--api', api.id, '--stage', 'beta', '--deployment', 'nope00')
    expect(missing.code).toBe(4)
    expect(missing.stderr).toContain(`has no deployment "nope00"; its newest: ${api.deploymentId}`)
  })

  it('creates HTTP stages with no deployment, the newest, or auto-deploy; --dry-run creates nothing', async () => {
    const {ApiId} = await clients.v2.send(new CreateApiCommand({Name: 'create-http', ProtocolType: 'HTTP'}))
    const bare = await apigw('stages', 'create', '--api', ApiId!, '--stage', 'dev')
    expect(bare.code).toBe(0)
    expect(bare.stderr).toContain('Stage "dev" has no deployment yet: it serves nothing until the API is deployed to it.')
    expect((await v2Stage(ApiId!, 'dev')).DeploymentId).toBeUndefined()

    const auto = await apigw('stages', 'create', '--api', ApiId!, '--stage', 'live', '--auto-deploy', 'on', '--json')
    expect(auto.code).toBe(0)
    expect(json(auto.stdout).stage).toMatchObject({name: 'live', autoDeploy: true})
    const latest = await apigw('stages', 'create', '--api', ApiId!, '--stage', 'pinned', '--latest')
    expect(latest.code).toBe(0)
    expect((await v2Stage(ApiId!, 'pinned')).DeploymentId).toBe((await v2Stage(ApiId!, 'live')).DeploymentId)

    const dry = await apigw('stages', 'create', '--api', ApiId!, '--stage', 'ghost', '--dry-run', '--json')
    expect(json(dry.stdout).plan.steps[0].input).toEqual({ApiId, StageName: 'ghost'})
    const names = (await clients.v2.send(new GetStagesCommand({ApiId}))).Items!.map((stage) => stage.StageName).sort()
    expect(names).toEqual(['dev', 'live', 'pinned'])
  })

  it('refuses --auto-deploy with a deployment, and a bad stage name, before any AWS call', async () => {
    const both = await offline('stages', 'create', '--api', 'x', '--stage', 'live', '--auto-deploy', 'on', '--latest')
    expect(both.code).toBe(2)
    expect(both.stderr).toContain('--auto-deploy on picks the deployment itself')
    const badName = await offline('stages', 'create', '--api', 'x', '--stage', 'my stage')
    expect(badName.code).toBe(2)
    expect(badName.stderr).toContain('"my stage" is not a stage name')
  })
})

describe('stages delete', () => {
  it('needs --confirm <stage> in CI (exit 2) and deletes nothing without it', async () => {
    const api = await seed.petsApi('delete-confirm')
    const result = await apigw('stages', 'delete', '--api', api.id, '--stage', 'prod')
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(`Delete the stage "prod" of REST API "delete-confirm" (${api.id}), serving deployment ${api.deploymentId}? This needs --confirm prod`)
    expect(result.stderr).toContain(`Try: apigw stages delete --api ${api.id} --stage prod --confirm prod`)
    const wrong = await apigw('stages', 'delete', '--api', api.id, '--stage', 'prod', '--confirm', 'beta')
    expect(wrong.code).toBe(2)
    expect(await restStage(api.id)).toMatchObject({stageName: 'prod'})
  })

  it('deletes with --confirm, REST and HTTP, and keeps the deployment', async () => {
    const api = await seed.petsApi('delete-rest')
    const result = await apigw('stages', 'delete', '--api', api.id, '--stage', 'prod', '--confirm', 'prod', '--json')
    expect(result.code).toBe(0)
    expect(json(result.stdout)).toEqual({api: {id: api.id, name: 'delete-rest', type: 'rest'}, stage: 'prod', deploymentId: api.deploymentId, detachedFrom: [], resumedFrom: null})
    await expect(restStage(api.id)).rejects.toMatchObject({name: 'NotFoundException'})

    const http = await seeder(sandbox.endpoint).httpApi('delete-http')
    const v2 = await apigw('stages', 'delete', '--api', http.id, '--stage', '$default', '--confirm', '$default')
    expect(v2.code).toBe(0)
    expect(v2.stdout).toMatch(/^deleted\s+stage \$default of HTTP API "delete-http"/m)
    expect((await clients.v2.send(new GetStagesCommand({ApiId: http.id}))).Items).toEqual([])
  })

  describe('a REST stage that usage plans name', () => {
    let api: {id: string; deploymentId: string}
    let gold: string
    const planStages = async (usagePlanId: string) => (await clients.rest.send(new GetUsagePlanCommand({usagePlanId}))).apiStages!.map(({apiId, stage}) => ({apiId, stage}))
    beforeAll(async () => {
      api = await seed.petsApi('delete-metered')
      await clients.rest.send(new CreateStageCommand({restApiId: api.id, stageName: 'beta', deploymentId: api.deploymentId}))
      gold = (await clients.rest.send(new CreateUsagePlanCommand({name: 'gold', apiStages: [{apiId: api.id, stage: 'prod'}, {apiId: api.id, stage: 'beta'}]}))).id!
    })

    it('is refused (exit 5), listing the plan and both ways out', async () => {
      const result = await apigw('stages', 'delete', '--api', api.id, '--stage', 'prod', '--confirm', 'prod')
      expect(result.code).toBe(5)
      expect(result.stderr).toContain(`Error: The stage "prod" of REST API "delete-metered" (${api.id}) is in 1 usage plan; deleting it would leave that plan naming a stage that does not exist:`)
      expect(result.stderr).toMatch(new RegExp(`^  ${gold}  gold  stage prod$`, 'm'))
      expect(result.stderr).toContain(`Try: apigw stages delete --api ${api.id} --stage prod --confirm prod --force (detaches it from these plans first)`)
      expect(result.stderr).toContain(`Or: aws apigateway update-usage-plan --usage-plan-id ${gold} --patch-operations '[{"op":"remove","path":"/apiStages","value":"${api.id}:prod"}]'`)
      expect(await restStage(api.id)).toMatchObject({stageName: 'prod'})
    })

    it('--force detaches only this stage from the plan, then deletes it', async () => {
      const result = await apigw('stages', 'delete', '--api', api.id, '--stage', 'prod', '--confirm', 'prod', '--force', '--json')
      expect(result.code).toBe(0)
      expect(result.stderr).toMatch(/\[2\/4\] detach it from usage plan gold .*: 1 stage prod \(UpdateUsagePlan\)\n\[3\/4\] delete the stage "prod"/)
      expect(json(result.stdout).detachedFrom).toEqual([{id: gold, name: 'gold', stages: ['prod']}])
      expect(await planStages(gold)).toEqual([{apiId: api.id, stage: 'beta'}])
      await expect(restStage(api.id)).rejects.toMatchObject({name: 'NotFoundException'})
    })
  })
})
