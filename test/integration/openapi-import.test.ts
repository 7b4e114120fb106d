import {GetDeploymentCommand, GetResourcesCommand, GetRestApiCommand, GetRestApisCommand, GetStageCommand, GetStagesCommand} from '@aws-sdk/client-api-gateway'
import {CreateStageCommand, GetApisCommand, GetDeploymentCommand as GetV2DeploymentCommand, GetDeploymentsCommand, GetRoutesCommand, GetStageCommand as GetV2StageCommand} from '@aws-sdk/client-apigatewayv2'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {beforeEach, describe, expect, it} from 'vitest'
import {awsEnv, runCli} from '../helpers/cli.js'
import {clients, env, sandbox, useSandboxCli} from '../helpers/sandbox-cli.js'

useSandboxCli()

const SHOP = 'examples/shop.yaml'
const GREENHOUSE = 'examples/http-api.yaml'
/** Nothing listens here: a command that reached for AWS would fail with exit 6, not the exit the test expects. */
const NO_AWS = awsEnv('http://127.0.0.1:9')

const dir = mkdtempSync(join(tmpdir(), 'apigw-openapi-'))

/** Writes a definition into the test's directory and returns its path. */
function file(name: string, text: string): string {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

const json = (stdout: string) => JSON.parse(stdout)
const restApiNames = async () => ((await clients.rest.send(new GetRestApisCommand({}))).items ?? []).map((api) => api.name)
const resourcePaths = async (restApiId: string) =>
  ((await clients.rest.send(new GetResourcesCommand({restApiId}))).items ?? [])
    .filter((resource) => Object.keys(resource.resourceMethods ?? {}).length > 0)
    .map((resource) => resource.path)
    .sort()

const EXTRA = `openapi: 3.0.1
info: {title: shop, version: '2'}
paths:
  /gift-cards:
    get:
      responses: {'200': {description: ok}}
      x-amazon-apigateway-integration: {type: mock, requestTemplates: {application/json: '{"statusCode": 200}'}}
`

beforeEach(() => sandbox.context.store.clear())

describe('apis import (REST)', () => {
  it('creates a REST API from examples/shop.yaml and deploys it to a new stage', async () => {
    const result = await runCli(['apis', 'import', SHOP, '--endpoint-type', 'regional', '--deploy', 'prod', '--json'], env)
    expect(result.code).toBe(0)
    const imported = json(result.stdout)
    expect(imported).toEqual({
      api: {id: expect.any(String), name: 'shop', type: 'rest'},
      action: 'created',
      file: SHOP,
      warnings: [],
      deployment: {stage: 'prod', deploymentId: expect.any(String), autoDeployed: false},
    })
    expect(result.stderr).toContain('[1/2] create a REST API from examples/shop.yaml (ImportRestApi)')
    expect(result.stderr).toContain('[2/2] deploy to a new stage "prod" (CreateDeployment)')
    const api = await clients.rest.send(new GetRestApiCommand({restApiId: imported.api.id}))
    expect(api.endpointConfiguration?.types).toEqual(['REGIONAL'])
    expect(await resourcePaths(imported.api.id)).toEqual(['/customers', '/customers/{customerId}', '/health', '/orders', '/orders/{orderId}', '/orders/{orderId}/items', '/products', '/products/{productId}'])
    const stage = await clients.rest.send(new GetStageCommand({restApiId: imported.api.id, stageName: 'prod'}))
    expect(stage.deploymentId).toBe(imported.deployment.deploymentId)
    // Recorded as apigw deploy records it, so stages history and rollback know of it.
    const deployment = await clients.rest.send(new GetDeploymentCommand({restApiId: imported.api.id, deploymentId: stage.deploymentId}))
    expect(deployment.description).toMatch(/^\[apigw: deploy prod by \S+ at \S+Z\]$/)
  })

  it('imports an operation without an integration, then shows AWS refusing to deploy it: the import is done, nothing deployed (exit 8)', async () => {
    const definition = file('no-integration.yaml', `${EXTRA}  /orders:\n    post:\n      responses: {'201': {description: created}}\n`)
    const result = await runCli(['apis', 'import', definition, '--deploy', 'prod', '--json'], env)
    expect(result.code, result.stdout).toBe(8)
    const {error} = json(result.stdout)
    expect(error.code).toBe('PARTIAL_FAILURE')
    // docs/aws-behaviour.md#every-method-needs-an-integration-to-be-deployed
    expect(error.message).toContain('Step 2 of 2 failed: CreateDeployment failed: No integration defined for method: POST /orders has no integration, so AWS deployed nothing and no stage changed.')
    const [api] = (await clients.rest.send(new GetRestApisCommand({}))).items ?? []
    expect(await resourcePaths(api.id!)).toEqual(['/gift-cards', '/orders'])
    expect((await clients.rest.send(new GetStagesCommand({restApiId: api.id}))).item).toEqual([])
  })

  it('warns before creating a second API of the same name, as apis create does', async () => {
    expect((await runCli(['apis', 'import', SHOP], env)).code).toBe(0)
    const second = await runCli(['apis', 'import', SHOP], env)
    expect(second.code).toBe(0)
    expect(second.stderr).toMatch(/Warning: An API named "shop" already exists \(\w+, rest\)\. Their CloudWatch metrics will be merged/)
    expect(await restApiNames()).toEqual(['shop', 'shop'])
  })

  it('prints the plan with --dry-run and creates nothing', async () => {
    const result = await runCli(['apis', 'import', SHOP, '--deploy', 'prod', '--dry-run', '--json'], env)
    expect(result.code).toBe(0)
    const {dryRun, plan} = json(result.stdout)
    expect(dryRun).toBe(true)
    expect(plan.severity).toBe('safe')
    expect(plan.steps.map((step: {operation: string}) => step.operation)).toEqual(['ImportRestApi', 'CreateDeployment'])
    expect(plan.steps[0].input.body).toMatch(/^<contents of examples\/shop\.yaml: \d+ bytes>$/)
    expect(plan.steps[1].input).toEqual({restApiId: '<API id from step 1>', stageName: 'prod', description: expect.stringMatching(/^\[apigw: deploy prod by /)})
    expect(await restApiNames()).toEqual([])
  })

  it('merges into an existing API by default: what the file names is added, the rest kept', async () => {
    await runCli(['apis', 'import', SHOP], env)
    const result = await runCli(['apis', 'import', file('extra.yaml', EXTRA), '--api', 'shop', '--json'], env)
    expect(result.code).toBe(0)
    const imported = json(result.stdout)
    expect(imported).toMatchObject({action: 'merged', deployment: null})
    expect(await resourcePaths(imported.api.id)).toContain('/gift-cards')
    expect(await resourcePaths(imported.api.id)).toContain('/products')
    const endpoint = await runCli(['apis', 'import', SHOP, '--api', 'shop', '--endpoint-type', 'edge'], env)
    expect(endpoint.code).toBe(2)
    expect(endpoint.stderr).toContain(`An import does not change the endpoint type of REST API "shop" (${imported.api.id}); --endpoint-type is for new REST APIs.`)
  })

  it('needs --yes to overwrite without a terminal, and then replaces every resource', async () => {
    const created = json((await runCli(['apis', 'import', SHOP, '--json'], env)).stdout)
    const extra = file('extra.yaml', EXTRA)
    const refused = await runCli(['apis', 'import', extra, '--api', created.api.id, '--mode', 'overwrite'], env)
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain(`Overwrite REST API "shop" (${created.api.id}) with ${extra}, replacing its resources and methods? This needs confirmation`)
    expect(refused.stderr).toContain(`Try: apigw apis import ${extra} --api ${created.api.id} --mode overwrite --yes`)
    expect(await resourcePaths(created.api.id)).toContain('/products')

    const overwritten = await runCli(['apis', 'import', extra, '--api', created.api.id, '--mode', 'overwrite', '--yes', '--json'], env)
    expect(overwritten.code).toBe(0)
    expect(json(overwritten.stdout).action).toBe('overwritten')
    expect(await resourcePaths(created.api.id)).toEqual(['/gift-cards'])
  })

  it('shows what AWS warns about on stderr and in the result; --fail-on-warnings refuses the import (exit 1)', async () => {
    // No responses: AWS imports the method and warns.
    const warned = file('warned.yaml', "openapi: 3.0.1\ninfo: {title: warned}\npaths:\n  /ping:\n    get:\n      x-amazon-apigateway-integration: {type: mock}\n")
    const refused = await runCli(['apis', 'import', warned, '--fail-on-warnings'], env)
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain("Parse issue: attribute paths.'/ping'(get).responses is missing")
    expect(refused.stderr).toContain('Nothing was imported (--fail-on-warnings).')
    expect(await restApiNames()).toEqual([])

    const result = await runCli(['apis', 'import', warned, '--json'], env)
    expect(result.code).toBe(0)
    expect(json(result.stdout).warnings).toEqual(["Parse issue: attribute paths.'/ping'(get).responses is missing"])
    expect(result.stderr).toContain("Warning: AWS: Parse issue: attribute paths.'/ping'(get).responses is missing")
  })

  it('refuses an HTTP API definition into a REST API, and an unclear file without --type', async () => {
    await runCli(['apis', 'import', SHOP], env)
    const mismatch = await runCli(['apis', 'import', GREENHOUSE, '--api', 'shop', '--json'], env)
    expect(mismatch.code).toBe(2)
    expect(json(mismatch.stdout).error).toMatchObject({code: 'API_TYPE_MISMATCH'})
    expect(json(mismatch.stdout).error.message).toMatch(/is a definition of an HTTP API \(x-amazon-apigateway-cors; .*\), but "shop" \(\w+\) is a REST API\.$/)

    const plain = file('plain.yaml', "openapi: 3.0.1\ninfo: {title: plain}\npaths:\n  /a:\n    get:\n      responses: {'200': {description: ok}}\n      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET, uri: 'https://a.example.com'}\n")
    const unclear = await runCli(['apis', 'import', plain], env)
    expect(unclear.code).toBe(2)
    expect(unclear.stderr).toContain('Cannot tell whether')
    expect(unclear.stderr).toContain('Try: --type rest, or --type http')
    const typed = await runCli(['apis', 'import', plain, '--type', 'rest', '--json'], env)
    expect(typed.code).toBe(0)
    expect(json(typed.stdout).api).toMatchObject({name: 'plain', type: 'rest'})
  })
})

describe('apis import (HTTP)', () => {
  it('creates an HTTP API and deploys it: a deployment, then a new stage on it', async () => {
    const result = await runCli(['apis', 'import', GREENHOUSE, '--deploy', 'live', '--json'], env)
    expect(result.code).toBe(0)
    const imported = json(result.stdout)
    expect(imported).toMatchObject({api: {name: 'greenhouse', type: 'http'}, action: 'created', deployment: {stage: 'live', autoDeployed: false}})
    expect(result.stderr).toMatch(/ImportApi[\s\S]*CreateDeployment[\s\S]*CreateStage/)
    const routes = (await clients.v2.send(new GetRoutesCommand({ApiId: imported.api.id}))).Items ?? []
    expect(routes.map((route) => route.RouteKey).sort()).toEqual(['ANY /health', 'GET /plants', 'GET /plants/{plantId}/waterings', 'POST /plants'])
    const stage = await clients.v2.send(new GetV2StageCommand({ApiId: imported.api.id, StageName: 'live'}))
    expect(stage.DeploymentId).toBe(imported.deployment.deploymentId)
  })

  it('re-imports only with --yes (it replaces every route), then deploys to the existing stage', async () => {
    const created = json((await runCli(['apis', 'import', GREENHOUSE, '--deploy', 'live', '--json'], env)).stdout)
    const refused = await runCli(['apis', 'import', GREENHOUSE, '--api', 'greenhouse', '--deploy', 'live'], env)
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('Replace the routes and integrations of HTTP API "greenhouse"')
    const merge = await runCli(['apis', 'import', GREENHOUSE, '--api', 'greenhouse', '--mode', 'merge'], env)
    expect(merge.code).toBe(2)
    expect(merge.stderr).toContain('re-importing an HTTP API replaces all its routes and integrations')

    const result = await runCli(['apis', 'import', GREENHOUSE, '--api', 'greenhouse', '--deploy', 'live', '--yes', '--json'], env)
    expect(result.code).toBe(0)
    const reimported = json(result.stdout)
    expect(reimported).toMatchObject({action: 'overwritten', deployment: {stage: 'live', autoDeployed: false}})
    expect(reimported.deployment.deploymentId).not.toBe(created.deployment.deploymentId)
    expect(result.stderr).not.toContain('CreateStage')
    const stage = await clients.v2.send(new GetV2StageCommand({ApiId: created.api.id, StageName: 'live'}))
    expect(stage.DeploymentId).toBe(reimported.deployment.deploymentId)
    const deployment = await clients.v2.send(new GetV2DeploymentCommand({ApiId: created.api.id, DeploymentId: stage.DeploymentId}))
    expect(deployment.Description).toMatch(new RegExp(`^\\[apigw: deploy live by \\S+ at \\S+Z, replaced ${created.deployment.deploymentId}\\]$`))
  })

  it('lets an auto-deploying stage deploy itself, and plans nothing more for it', async () => {
    const created = json((await runCli(['apis', 'import', GREENHOUSE, '--json'], env)).stdout)
    await clients.v2.send(new CreateStageCommand({ApiId: created.api.id, StageName: 'auto', AutoDeploy: true}))
    const dryRun = json((await runCli(['apis', 'import', GREENHOUSE, '--api', created.api.id, '--deploy', 'auto', '--dry-run', '--json'], env)).stdout)
    expect(dryRun.plan.steps.map((step: {operation: string}) => step.operation)).toEqual(['ReimportApi'])
    const autoDeployments = async () => ((await clients.v2.send(new GetDeploymentsCommand({ApiId: created.api.id}))).Items ?? []).filter((deployment) => deployment.AutoDeployed).length
    const before = await autoDeployments()

    const result = await runCli(['apis', 'import', GREENHOUSE, '--api', created.api.id, '--deploy', 'auto', '--yes', '--json'], env)
    expect(result.code).toBe(0)
    expect(json(result.stdout).deployment).toEqual({stage: 'auto', deploymentId: null, autoDeployed: true})
    expect(await autoDeployments()).toBe(before + 1)
  })

  it('prints the plan with --dry-run and creates nothing', async () => {
    const result = await runCli(['apis', 'import', GREENHOUSE, '--deploy', 'live', '--dry-run'], env)
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('Plan (dry run, nothing changed): import examples/http-api.yaml as a new HTTP API "greenhouse", then deploy it to stage "live"')
    expect(result.stdout).toContain('apigatewayv2 CreateStage {"ApiId":"<API id from step 1>","StageName":"live","DeploymentId":"<deployment id from step 2>"}')
    expect((await clients.v2.send(new GetApisCommand({}))).Items).toEqual([])
  })
})

describe('apis import: the file is checked before any AWS call (exit 2)', () => {
  it('reports malformed YAML with its line and column, and creates nothing', async () => {
    const broken = file('broken.yaml', 'openapi: 3.0.1\ninfo:\n  title: broken\npaths:\n  /a:\n    get: {responses: {}\n  /b: {}\n')
    const result = await runCli(['apis', 'import', broken], env)
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(`Error: Invalid YAML in ${broken} at line 7, column 3: Flow map in block collection must be sufficiently indented and end with a }`)
    expect(result.stderr).toContain('  7 |   /b: {}\n    |   ^\n')
    expect(result.stderr).toContain(`Try: fix line 7 of ${broken}; nothing was sent to AWS`)
    expect(await restApiNames()).toEqual([])
    expect((await runCli(['apis', 'import', broken], NO_AWS)).code).toBe(2)
  })

  it('reports malformed JSON with its line', async () => {
    const broken = file('broken.json', '{\n  "openapi": "3.0.1",\n  "info": {"title": "x"}\n  "paths": {}\n}\n')
    const result = await runCli(['apis', 'import', broken, '--json'], NO_AWS)
    expect(result.code).toBe(2)
    const {error} = json(result.stdout)
    expect(error.code).toBe('INVALID_DEFINITION')
    expect(error.message).toContain(`Invalid JSON in ${broken} at line 4, column 3`)
  })

  it('lists structural problems with their lines', async () => {
    const wrong = file('wrong.yaml', 'openapi: 3.0.1\ninfo:\n  title: x\npaths:\n  pets:\n    get: {}\n  /a:\n    get:\n      x-amazon-apigateway-integration:\n        type: lambda\n')
    const result = await runCli(['apis', 'import', wrong], NO_AWS)
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(`${wrong} has 2 problems API Gateway would refuse:`)
    expect(result.stderr).toContain('line 5: path "pets" must start with "/"')
    expect(result.stderr).toContain('line 10: GET /a: the integration has an unknown type "lambda"')
  })

  it('refuses OpenAPI versions API Gateway cannot import', async () => {
    const v31 = await runCli(['apis', 'import', file('v31.yaml', 'openapi: 3.1.0\ninfo: {title: x}\npaths: {}\n'), '--json'], NO_AWS)
    expect(v31.code).toBe(2)
    expect(json(v31.stdout).error).toMatchObject({code: 'UNSUPPORTED_OPENAPI_VERSION', message: expect.stringContaining('declares openapi "3.1.0" at line 1: API Gateway imports OpenAPI 3.0.x and Swagger 2.0 only.')})
    const unquoted = await runCli(['apis', 'import', file('number.yaml', 'info: {title: x}\nopenapi: 3.0\npaths: {}\n')], NO_AWS)
    expect(unquoted.stderr).toContain('declares openapi as the number 3 at line 2')
    expect(unquoted.stderr).toContain('Try: quote it: openapi: "3.0.1"')
    const none = await runCli(['apis', 'import', file('none.yaml', 'info: {title: x}\npaths: {}\n')], NO_AWS)
    expect(none.code).toBe(2)
    expect(none.stderr).toContain('has no "openapi" or "swagger" field')
  })

  it('refuses a missing file', async () => {
    const result = await runCli(['apis', 'import', join(dir, 'nowhere.yaml'), '--json'], NO_AWS)
    expect(result.code).toBe(2)
    expect(json(result.stdout).error).toMatchObject({code: 'FILE_NOT_FOUND', message: `No such file: ${join(dir, 'nowhere.yaml')}`})
  })

  it('refuses flags that do not fit together', async () => {
    const mode = await runCli(['apis', 'import', SHOP, '--mode', 'overwrite'], NO_AWS)
    expect(mode.code).toBe(2)
    expect(mode.stderr).toContain('--api')
    const stage = await runCli(['apis', 'import', SHOP, '--deploy', 'prod/v2'], NO_AWS)
    expect(stage.code).toBe(2)
    expect(stage.stderr).toContain('--deploy "prod/v2" is not a stage name')
  })
})
