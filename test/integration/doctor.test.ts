import {
  CreateDeploymentCommand,
  CreateDomainNameCommand,
  CreateUsagePlanCommand,
  GenerateClientCertificateCommand,
  GetStageCommand,
  GetTagsCommand,
  TagResourceCommand,
  UpdateMethodCommand,
  UpdateRestApiCommand,
  UpdateStageCommand,
  type PatchOperation,
} from '@aws-sdk/client-api-gateway'
import {CreateLogGroupCommand, DescribeLogGroupsCommand, FilterLogEventsCommand} from '@aws-sdk/client-cloudwatch-logs'
import {CreateDeploymentCommand as CreateV2DeploymentCommand, CreateRouteCommand as CreateV2RouteCommand, CreateStageCommand as CreateV2StageCommand, GetStageCommand as GetV2StageCommand, GetTagsCommand as GetV2TagsCommand} from '@aws-sdk/client-apigatewayv2'
import {mkdtempSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {CHECK_IDS} from '../../packages/cli/src/lib/doctor/index.js'
import {parseFaults} from '../../packages/cli/src/lib/sandbox/faults.js'
import {runCli} from '../helpers/cli.js'
import {sarifViolations} from '../helpers/sarif.js'
import {controlFetch} from '../helpers/sandbox.js'
import {clients, env, sandbox, seed, useSandboxCli} from '../helpers/sandbox-cli.js'

useSandboxCli()

const apigw = (...args: string[]) => runCli(args, env)
const json = (stdout: string) => JSON.parse(stdout)
const replace = (path: string, value: string): PatchOperation => ({op: 'replace', path, value})
const updateStage = (restApiId: string, ...patchOperations: PatchOperation[]) => clients.rest.send(new UpdateStageCommand({restApiId, stageName: 'prod', patchOperations}))
const LOG_GROUP = 'arn:aws:logs:us-east-1:123456789012:log-group:doctor-access'
const WEB_ACL = 'arn:aws:wafv2:us-east-1:123456789012:regional/webacl/doctor/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111'

/** A REST API built to fail every stage and API check: GET /pets with no authorization and a key required, cached unencrypted, secrets in variables, a 0% canary, 11 unused deployments. */
async function brokenRestApi(name: string) {
  const api = await seed.restApi(name)
  await updateStage(
    api.id,
    replace('/*/*/logging/dataTrace', 'true'),
    replace('/*/*/metrics/enabled', 'true'),
    replace('/cacheClusterEnabled', 'true'),
    replace('/*/*/caching/enabled', 'true'),
    replace('/variables/db_password', 'correct-horse-battery'),
    replace('/variables/deploy_key', 'AKIAIOSFODNN7EXAMPLE'),
  )
  await clients.rest.send(new CreateDeploymentCommand({restApiId: api.id, stageName: 'prod', canarySettings: {percentTraffic: 0}}))
  for (let i = 0; i < 11; i++) await clients.rest.send(new CreateDeploymentCommand({restApiId: api.id}))
  return api
}

/** A REST API that passes every check. */
async function healthyRestApi(name: string) {
  const api = await seed.petsApi(name)
  const [pets, pet] = [api.resources.pets, api.resources.pet]
  for (const resourceId of [pets, pet]) {
    await clients.rest.send(new UpdateMethodCommand({restApiId: api.id, resourceId, httpMethod: 'GET', patchOperations: [replace('/authorizationType', 'AWS_IAM')]}))
  }
  await clients.rest.send(new CreateDeploymentCommand({restApiId: api.id, stageName: 'prod'}))
  const policy = JSON.stringify({Version: '2012-10-17', Statement: [{Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*'}]})
  await clients.rest.send(new UpdateRestApiCommand({restApiId: api.id, patchOperations: [replace('/policy', policy)]}))
  const certificate = await clients.rest.send(new GenerateClientCertificateCommand({description: 'doctor'}))
  await updateStage(
    api.id,
    replace('/*/*/logging/loglevel', 'INFO'),
    replace('/tracingEnabled', 'true'),
    replace('/accessLogSettings/destinationArn', LOG_GROUP),
    replace('/accessLogSettings/format', '{"requestId":"$context.requestId"}'),
    replace('/*/*/throttling/rateLimit', '100'),
    replace('/*/*/throttling/burstLimit', '50'),
    replace('/clientCertificateId', certificate.clientCertificateId!),
  )
  const stageArn = `arn:aws:apigateway:us-east-1::/restapis/${api.id}/stages/prod`
  await clients.rest.send(new TagResourceCommand({resourceArn: stageArn, tags: {owner: 'payments'}}))
  const waf = await controlFetch(sandbox, 'waf', {method: 'PUT', body: JSON.stringify({restApiId: api.id, stage: 'prod', webAclArn: WEB_ACL})})
  expect(waf.status).toBe(200)
  return api
}

describe('apigw doctor', () => {
  it('passes an API built to pass every check: no findings, exit 0, and says how many calls it made', async () => {
    const api = await healthyRestApi('doctor-healthy')
    const result = await apigw('doctor', '--api', api.id, '--fail-on', 'low', '--json')
    expect(result.code, result.stderr).toBe(0)
    const report = json(result.stdout)
    expect(report.findings).toEqual([])
    expect(report).toMatchObject({pass: true, failOn: 'low', scope: {apis: 1, stages: 1}, checks: CHECK_IDS})
    // The id looked up as REST and v2 (GetRestApi, GetApi), then GetStages, GetResources, GetDeployments and GetUsagePlans: each read once.
    expect(report.calls).toBe(6)

    const table = await apigw('doctor', '--api', api.id, '-o', 'table')
    expect(table.stdout).toContain('No findings.\n\n1 API, 1 stage, 0 usage plans, 0 custom domains checked with 19 checks')
    expect(table.stdout).toContain('in 6 AWS calls')
  })

  it('finds every check on APIs built to fail them, most severe first; exit 1 at the default --fail-on high', async () => {
    const broken = await brokenRestApi('doctor-broken')
    const http = await seed.httpApi('doctor-http')
    await clients.rest.send(new CreateUsagePlanCommand({name: 'doctor-unlimited'}))
    await clients.rest.send(new CreateDomainNameCommand({domainName: 'old-tls.example.com', securityPolicy: 'TLS_1_0', certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/doctor'}))

    const result = await apigw('doctor', '--all', '--json')
    expect(result.code, result.stderr).toBe(1)
    const report = json(result.stdout)
    expect(new Set(report.findings.map((finding: {check: string}) => finding.check))).toEqual(new Set(CHECK_IDS))
    const severities = report.findings.map((finding: {severity: string}) => ['high', 'medium', 'low'].indexOf(finding.severity))
    expect(severities).toEqual([...severities].sort((a, b) => a - b))
    const of = (check: string, apiId: string | null) => report.findings.filter((finding: {check: string; api: {id: string} | null}) => finding.check === check && (finding.api?.id ?? null) === apiId)
    expect(of('secrets-in-variables', broken.id).map((finding: {detail: string}) => finding.detail).sort()).toEqual([
      'stage variable "db_password" looks like a secret',
      'stage variable "deploy_key" looks like a secret',
    ])
    expect(of('method-authorization', http.id)).toEqual([expect.objectContaining({resource: 'route GET /orders', severity: 'medium'})])
    expect(of('cache-key-without-api-key', broken.id)).toEqual([expect.objectContaining({resource: 'method GET /pets', stage: 'prod'})])
    expect(of('unused-deployments', broken.id)).toEqual([expect.objectContaining({detail: '11 deployments no stage uses'})])
    expect(of('domain-tls', null)).toEqual([expect.objectContaining({resource: 'domain old-tls.example.com', detail: 'security policy TLS_1_0'})])
    expect(of('plan-unlimited', null)).toEqual([expect.objectContaining({resource: 'usage plan doctor-unlimited'})])
    expect(of('xray-off', http.id)).toEqual([])

    // Only some checks, and a lower bar: medium findings fail, low ones alone do not.
    const low = await apigw('doctor', '--api', broken.id, '--checks', 'xray-off,untagged-stage', '--fail-on', 'medium', '--json')
    expect(low.code, low.stderr).toBe(0)
    expect(json(low.stdout).findings.map((finding: {check: string}) => finding.check)).toEqual(['xray-off', 'untagged-stage'])
  })

  it('writes SARIF 2.1.0 that the schema accepts, one rule per check and one result per finding', async () => {
    const api = await brokenRestApi('doctor-sarif')
    const result = await apigw('doctor', '--api', api.id, '-o', 'sarif')
    expect(result.code, result.stderr).toBe(1)
    const log = json(result.stdout)
    expect(sarifViolations(log)).toEqual([])
    const [run] = log.runs
    expect(run.tool.driver.rules.map((rule: {id: string}) => rule.id)).toEqual(CHECK_IDS)
    // Code scanning takes relative URIs (an absolute one must share the checkout's file: scheme).
    for (const result of run.results) expect(result.locations[0].physicalLocation.artifactLocation.uri).toMatch(/^apigw\/[^:\s]+$/)
    const audit = json((await apigw('doctor', '--api', api.id, '--json')).stdout)
    expect(run.results).toHaveLength(audit.findings.length)
    expect(run.results[0]).toMatchObject({ruleId: 'api-key-without-plan', level: 'error', locations: [{physicalLocation: {artifactLocation: {uri: `apigw/${api.id}/prod/stage%20prod`}}}]})
  })

  it('--fix: --dry-run shows one change and writes nothing; then fixes the fixable findings, leaves authorization and WAF to a person, and a second run passes them', async () => {
    const api = await brokenRestApi('doctor-fix')
    const fixable = ['execution-logging-off', 'data-trace-on', 'access-logging-off', 'xray-off', 'cache-unencrypted', 'throttle-default', 'untagged-stage']
    const args = ['doctor', '--fix', '--api', api.id, '--access-log', LOG_GROUP, '--tag', 'owner=payments']

    const dry = await apigw(...args, '--dry-run', '--json')
    expect(dry.code, dry.stderr).toBe(0)
    const {plan} = json(dry.stdout)
    expect(plan.steps.map((step: {operation: string}) => step.operation)).toEqual(['UpdateStage', 'TagResource'])
    expect(plan.steps[0].input.patchOperations).toEqual(
      expect.arrayContaining([replace('/*/*/logging/loglevel', 'ERROR'), replace('/*/*/logging/dataTrace', 'false'), replace('/tracingEnabled', 'true'), replace('/*/*/caching/dataEncrypted', 'true')]),
    )
    const untouched = await clients.rest.send(new GetStageCommand({restApiId: api.id, stageName: 'prod'}))
    expect(untouched.tracingEnabled).toBe(false)

    // Turning data trace off changes a setting in force: without a terminal it needs --yes.
    const refused = await apigw(...args)
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('--yes')

    const fixed = await apigw(...args, '--yes', '--json')
    expect(fixed.code, fixed.stderr).toBe(0)
    const result = json(fixed.stdout)
    expect(result.fixed).toEqual([expect.objectContaining({stage: 'prod', checks: expect.arrayContaining(fixable), tags: {owner: 'payments'}, logGroup: null})])
    expect(result.remaining).toEqual([])
    expect(result.manual.map((finding: {check: string}) => finding.check)).toEqual(expect.arrayContaining(['method-authorization', 'waf-missing', 'secrets-in-variables']))
    expect(result.manual.find((finding: {check: string}) => finding.check === 'waf-missing').fix).toContain('aws wafv2 associate-web-acl')

    // Read back independently of apigw.
    const stage = await clients.rest.send(new GetStageCommand({restApiId: api.id, stageName: 'prod'}))
    expect(stage).toMatchObject({tracingEnabled: true, accessLogSettings: {destinationArn: LOG_GROUP}})
    expect(stage.methodSettings?.['*/*']).toMatchObject({loggingLevel: 'ERROR', dataTraceEnabled: false, cacheDataEncrypted: true, throttlingRateLimit: 1000, throttlingBurstLimit: 500})
    expect(JSON.parse(stage.accessLogSettings!.format!)).toHaveProperty('requestId')
    const {tags} = await clients.rest.send(new GetTagsCommand({resourceArn: `arn:aws:apigateway:us-east-1::/restapis/${api.id}/stages/prod`}))
    expect(tags).toMatchObject({owner: 'payments'})

    const again = await apigw('doctor', '--api', api.id, '--checks', fixable.join(','), '--fail-on', 'low', '--json')
    expect(again.code, again.stderr).toBe(0)
    expect(json(again.stdout).findings).toEqual([])
    // The same --fix again has nothing left to change.
    const twice = await apigw(...args, '--json')
    expect(twice.code, twice.stderr).toBe(0)
    expect(json(twice.stdout).fixed).toEqual([])
  })

  it('--fix on an HTTP API: access logs and throttling through the v2 settings, read back; authorization left as steps', async () => {
    const http = await seed.httpApi('doctor-fix-http')
    const fixed = await apigw('doctor', '--fix', '--api', http.id, '--access-log', LOG_GROUP, '--json')
    expect(fixed.code, fixed.stderr).toBe(0)
    const result = json(fixed.stdout)
    expect(result.fixed).toEqual([expect.objectContaining({stage: '$default', checks: ['access-logging-off', 'throttle-default']})])
    expect(result.manual.map((finding: {check: string}) => finding.check)).toEqual(['method-authorization', 'untagged-stage'])
    const stage = await clients.v2.send(new GetV2StageCommand({ApiId: http.id, StageName: '$default'}))
    expect(stage.AccessLogSettings?.DestinationArn).toBe(LOG_GROUP)
    expect(stage.DefaultRouteSettings).toMatchObject({ThrottlingRateLimit: 1000, ThrottlingBurstLimit: 500})
    const again = await apigw('doctor', '--api', http.id, '--checks', 'access-logging-off,throttle-default', '--fail-on', 'low', '--json')
    expect(again.code, again.stderr).toBe(0)
  })

  it('--fix without --access-log: --dry-run shows the CreateLogGroup before the UpdateStage and makes nothing; then the group is made, the stage logs to it, and traffic arrives there', async () => {
    const api = await seed.restApi('doctor-log-group')
    const group = `/aws/apigateway/${api.id}/prod`
    const args = ['doctor', '--fix', '--api', api.id, '--checks', 'access-logging-off', '--yes']
    const groups = async () => (await clients.logs.send(new DescribeLogGroupsCommand({logGroupNamePrefix: `/aws/apigateway/${api.id}/`}))).logGroups ?? []

    const dry = await apigw(...args, '--dry-run', '--json')
    expect(dry.code, dry.stderr).toBe(0)
    const {plan} = json(dry.stdout)
    expect(plan.steps.map((step: {operation: string}) => step.operation)).toEqual(['CreateLogGroup', 'UpdateStage'])
    expect(plan.steps[0].input).toEqual({logGroupName: group})
    const destination = plan.steps[1].input.patchOperations.find((op: PatchOperation) => op.path === '/accessLogSettings/destinationArn')
    expect(destination.value).toMatch(new RegExp(`^arn:aws:logs:us-east-1:\\d{12}:log-group:${group}$`))
    expect(await groups()).toEqual([])

    const fixed = await apigw(...args, '--json')
    expect(fixed.code, fixed.stderr).toBe(0)
    expect(json(fixed.stdout)).toMatchObject({fixed: [{stage: 'prod', checks: ['access-logging-off'], logGroup: group}], remaining: []})
    // Read back independently: the group, and the stage pointing at it by the ARN CloudWatch Logs gives (without `:*`).
    const made = await groups()
    expect(made.map((found) => found.logGroupName)).toEqual([group])
    const stage = await clients.rest.send(new GetStageCommand({restApiId: api.id, stageName: 'prod'}))
    expect(stage.accessLogSettings?.destinationArn).toBe(made[0].logGroupArn)
    expect(JSON.parse(stage.accessLogSettings!.format!)).toHaveProperty('requestId', '$context.requestId')
    const again = await apigw('doctor', '--api', api.id, '--checks', 'access-logging-off', '--fail-on', 'low', '--json')
    expect(again.code, again.stderr).toBe(0)
    expect(json(again.stdout).findings).toEqual([])

    // The simulator `apigw sandbox traffic` drives, through the test sandbox's control plane.
    const start = Date.now() - 3 * 60_000
    const traffic = await controlFetch(sandbox, 'traffic', {method: 'POST', body: JSON.stringify({apiId: api.id, stage: 'prod', rps: 1, start, end: start + 120_000, errorRate: {'4xx': 0, '5xx': 0}, latency: {p50: 80, p99: 400}, cacheHit: 0})})
    expect(traffic.status, await traffic.clone().text()).toBe(200)
    const {requests} = (await traffic.json()) as {requests: number}
    const {events} = await clients.logs.send(new FilterLogEventsCommand({logGroupName: group, startTime: start}))
    expect(requests).toBeGreaterThan(0)
    expect(events?.length).toBe(requests)
    expect(JSON.parse(events![0].message!)).toHaveProperty('requestId')
  })

  it('--fix without --access-log on an HTTP API: $default logs to a group named default; a group that exists already is used as it is', async () => {
    const http = await seed.httpApi('doctor-log-group-http')
    const group = `/aws/apigateway/${http.id}/default`
    await clients.logs.send(new CreateLogGroupCommand({logGroupName: group}))
    const fixed = await apigw('doctor', '--fix', '--api', http.id, '--checks', 'access-logging-off', '--json')
    expect(fixed.code, fixed.stderr).toBe(0)
    const [existing] = (await clients.logs.send(new DescribeLogGroupsCommand({logGroupNamePrefix: group}))).logGroups ?? []
    const stage = await clients.v2.send(new GetV2StageCommand({ApiId: http.id, StageName: '$default'}))
    expect(stage.AccessLogSettings?.DestinationArn).toBe(existing.logGroupArn)
    expect(JSON.parse(stage.AccessLogSettings!.Format!)).toHaveProperty('requestId')
  })

  it('--fix without --access-log: a CreateLogGroup whose answer is lost after the group was made is retried, and the existing group counts as made', async () => {
    const http = await seed.httpApi('doctor-log-group-lost')
    const group = `/aws/apigateway/${http.id}/default`
    sandbox.faults = parseFaults('lost=CreateLogGroup:503')
    try {
      const fixed = await apigw('doctor', '--fix', '--api', http.id, '--checks', 'access-logging-off', '--json')
      expect(sandbox.faults.lost, 'the lost-answer fault did not strike').toEqual([])
      expect(fixed.code, fixed.stderr).toBe(0)
    } finally {
      sandbox.faults = parseFaults('none')
    }
    const made = (await clients.logs.send(new DescribeLogGroupsCommand({logGroupNamePrefix: group}))).logGroups ?? []
    expect(made.map((found) => found.logGroupName)).toEqual([group])
    const stage = await clients.v2.send(new GetV2StageCommand({ApiId: http.id, StageName: '$default'}))
    expect(stage.AccessLogSettings?.DestinationArn).toBe(made[0].logGroupArn)
  })

  it('--fix --tag tags HTTP and WebSocket stages through apigatewayv2, read back by ARN; a second run passes untagged-stage', async () => {
    const http = await seed.httpApi('doctor-tag-http')
    const websocket = await seed.websocketApi('doctor-tag-ws')
    await clients.v2.send(new CreateV2StageCommand({ApiId: websocket.id, StageName: 'live', Tags: {'apigw:note': 'apigw tags do not count'}}))
    for (const [apiId, stageName] of [[http.id, '$default'], [websocket.id, 'live']]) {
      const before = await apigw('doctor', '--api', apiId, '--checks', 'untagged-stage', '--fail-on', 'low', '--json')
      expect(before.code, before.stderr).toBe(1)
      const args = ['doctor', '--fix', '--api', apiId, '--checks', 'untagged-stage', '--tag', 'owner=payments', '--tag', 'env=prod']
      const dry = json((await apigw(...args, '--dry-run', '--json')).stdout)
      const stageArn = `arn:aws:apigateway:us-east-1::/apis/${apiId}/stages/${stageName}`
      expect(dry.plan.steps).toEqual([expect.objectContaining({service: 'apigatewayv2', operation: 'TagResource', input: {ResourceArn: stageArn, Tags: {owner: 'payments', env: 'prod'}}})])
      const fixed = await apigw(...args, '--json')
      expect(fixed.code, fixed.stderr).toBe(0)
      expect(json(fixed.stdout).fixed).toEqual([expect.objectContaining({stage: stageName, checks: ['untagged-stage'], tags: {owner: 'payments', env: 'prod'}})])
      const {Tags} = await clients.v2.send(new GetV2TagsCommand({ResourceArn: stageArn}))
      expect(Tags).toMatchObject({owner: 'payments', env: 'prod'})
      const after = await apigw('doctor', '--api', apiId, '--checks', 'untagged-stage', '--fail-on', 'low', '--json')
      expect(after.code, after.stderr).toBe(0)
      expect(json(after.stdout).findings).toEqual([])
    }
  })

  it('unused-deployments on v2: counts the deployments a person made that no stage runs, never the AutoDeployed ones', async () => {
    const manual = await seed.websocketApi('doctor-deployments-ws')
    await clients.v2.send(new CreateV2StageCommand({ApiId: manual.id, StageName: 'live'}))
    await clients.v2.send(new CreateV2DeploymentCommand({ApiId: manual.id, StageName: 'live'}))
    for (let i = 0; i < 11; i++) await clients.v2.send(new CreateV2DeploymentCommand({ApiId: manual.id}))
    const found = await apigw('doctor', '--api', manual.id, '--checks', 'unused-deployments', '--fail-on', 'low', '--json')
    expect(found.code, found.stderr).toBe(1)
    expect(json(found.stdout).findings).toEqual([
      expect.objectContaining({check: 'unused-deployments', detail: '11 deployments no stage uses', fix: `aws apigatewayv2 delete-deployment --api-id ${manual.id} --deployment-id <id> for the old ones`}),
    ])

    // Every route added to an auto-deploying stage's API makes a deployment of API Gateway's own.
    const auto = await seed.httpApi('doctor-deployments-http')
    for (let i = 0; i < 12; i++) await clients.v2.send(new CreateV2RouteCommand({ApiId: auto.id, RouteKey: `GET /r${i}`}))
    const clean = await apigw('doctor', '--api', auto.id, '--checks', 'unused-deployments', '--fail-on', 'low', '--json')
    expect(clean.code, clean.stderr).toBe(0)
    expect(json(clean.stdout).findings).toEqual([])
  })

  it('under GitHub Actions: one annotation per finding and the findings in the job summary', async () => {
    const api = await brokenRestApi('doctor-github')
    const summary = join(mkdtempSync(join(tmpdir(), 'apigw-doctor-')), 'summary.md')
    const result = await runCli(['doctor', '--api', api.id, '--checks', 'api-key-without-plan,xray-off', '--json'], {...env, GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary})
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(`::error title=doctor%3A api-key-without-plan on doctor-github stage prod::`)
    expect(result.stderr).toContain(`::notice title=doctor%3A xray-off on doctor-github stage prod::X-Ray tracing is off.`)
    const markdown = readFileSync(summary, 'utf8')
    expect(markdown).toContain('apigw doctor: failed at high (exit 1)')
    expect(markdown).toContain('| high | api-key-without-plan |')
  })

  it('refuses bad input before any AWS call', async () => {
    const offline = (...args: string[]) => runCli(args, {...env, AWS_ENDPOINT_URL: 'http://127.0.0.1:9', AWS_MAX_ATTEMPTS: '1'})
    const unknown = await offline('doctor', '--checks', 'xray')
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('"xray" is not a check')
    expect(unknown.stderr).toContain('Try: --checks xray-off')
    const stageAlone = await offline('doctor', '--stage', 'prod')
    expect(stageAlone.code).toBe(2)
    expect(stageAlone.stderr).toContain('--stage needs --api')
    const dryAlone = await offline('doctor', '--dry-run')
    expect(dryAlone.code).toBe(2)
    expect(dryAlone.stderr).toContain('--dry-run goes with --fix')
    const sarifFix = await offline('doctor', '--fix', '-o', 'sarif')
    expect(sarifFix.code).toBe(2)
    expect(sarifFix.stderr).toContain('-o sarif is for the audit')
    const badTag = await offline('doctor', '--fix', '--tag', 'owner')
    expect(badTag.code).toBe(2)
    expect(badTag.stderr).toContain('--tag "owner" needs key=value')
  })
})

