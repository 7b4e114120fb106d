import {CreateDeploymentCommand, CreateRestApiCommand, CreateStageCommand} from '@aws-sdk/client-api-gateway'
import {mkdtempSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {parse as parseYaml} from 'yaml'
import {awsEnv, runCli} from '../helpers/cli.js'
import {clients, env, useSandboxCli} from '../helpers/sandbox-cli.js'

useSandboxCli()

const SHOP = 'examples/shop.yaml'
const GREENHOUSE = 'examples/http-api.yaml'
const PRODUCT_URI = 'https://catalog.shop.example.com/products/{productId}'

let shop: {id: string}
let greenhouse: {id: string}
const dir = mkdtempSync(join(tmpdir(), 'apigw-openapi-'))
const json = (stdout: string) => JSON.parse(stdout)

beforeAll(async () => {
  shop = json((await runCli(['apis', 'import', SHOP, '--deploy', 'prod', '--json'], env)).stdout).api
  greenhouse = json((await runCli(['apis', 'import', GREENHOUSE, '--deploy', 'live', '--json'], env)).stdout).api
})

describe('apis export', () => {
  it('writes the document itself to stdout, JSON by default, from the only stage', async () => {
    const result = await runCli(['apis', 'export', '--api', 'shop', '--extensions', 'integrations'], env)
    expect(result.code).toBe(0)
    const document = json(result.stdout)
    expect(document.openapi).toBe('3.0.1')
    expect(document.servers[0].variables.basePath.default).toBe('prod')
    expect(document.paths['/products/{productId}'].get['x-amazon-apigateway-integration'].uri).toBe(PRODUCT_URI)
  })

  it('writes YAML with --yaml and Swagger 2.0 with --format swagger', async () => {
    const yaml = await runCli(['apis', 'export', '--api', 'shop', '--yaml'], env)
    expect(yaml.code).toBe(0)
    expect(yaml.stdout).toMatch(/^openapi: "3\.0\.1"\n/)
    expect(parseYaml(yaml.stdout).paths['/orders/{orderId}/items']).toHaveProperty('post')
    const swagger = json((await runCli(['apis', 'export', '--api', 'shop', '--format', 'swagger'], env)).stdout)
    expect(swagger).toMatchObject({swagger: '2.0', basePath: '/prod'})
  })

  it('writes to a file with --out, and prints a summary; the file holds what stdout would', async () => {
    const out = join(dir, 'shop-export.json')
    const result = await runCli(['apis', 'export', '--api', 'shop', '--stage', 'prod', '--out', out, '--json'], env)
    expect(result.code).toBe(0)
    expect(json(result.stdout)).toEqual({api: shop.id, stage: 'prod', format: 'oas30', file: out, bytes: statSync(out).size})
    const stdout = await runCli(['apis', 'export', '--api', 'shop', '--stage', 'prod'], env)
    expect(readFileSync(out, 'utf8')).toBe(stdout.stdout)
  })

  it('exports an HTTP API as it is now, or as a stage has it; never as Swagger', async () => {
    const current = json((await runCli(['apis', 'export', '--api', 'greenhouse'], env)).stdout)
    expect(Object.keys(current.paths).sort()).toEqual(['/health', '/plants', '/plants/{plantId}/waterings'])
    expect(current.servers).toBeUndefined()
    const staged = json((await runCli(['apis', 'export', '--api', greenhouse.id, '--stage', 'live'], env)).stdout)
    expect(staged.servers[0].variables.basePath.default).toBe('live')
    const swagger = await runCli(['apis', 'export', '--api', 'greenhouse', '--format', 'swagger', '--json'], env)
    expect(swagger.code).toBe(2)
    expect(json(swagger.stdout).error.message).toContain('can only be exported as OpenAPI 3.0: HTTP APIs have no Swagger export.')
  })

  it('asks which stage when a REST API has several, names the stages when one is wrong, and says when there are none', async () => {
    const {rest} = clients
    const deployment = await rest.send(new CreateDeploymentCommand({restApiId: shop.id, stageName: 'prod'}))
    await rest.send(new CreateStageCommand({restApiId: shop.id, stageName: 'dev', deploymentId: deployment.id}))
    const several = await runCli(['apis', 'export', '--api', 'shop'], env)
    expect(several.code).toBe(2)
    expect(several.stderr).toContain(`REST API "shop" (${shop.id}) has 2 stages (prod, dev); say which one to export.`)
    expect(several.stderr).toContain('Try: --stage prod')

    const wrong = await runCli(['apis', 'export', '--api', 'shop', '--stage', 'prd', '--json'], env)
    expect(wrong.code).toBe(4)
    expect(json(wrong.stdout).error).toEqual({
      code: 'STAGE_NOT_FOUND',
      message: `REST API "shop" (${shop.id}) has no stage "prd"; its stages: prod, dev.`,
      suggestions: ['Try: --stage prod'],
      exitCode: 4,
    })

    await rest.send(new CreateRestApiCommand({name: 'bare'}))
    const none = await runCli(['apis', 'export', '--api', 'bare'], env)
    expect(none.code).toBe(4)
    expect(none.stderr).toContain('has no stages, and a REST API is exported from what a stage has deployed.')
  })
})

describe('apis diff', () => {
  it('finds no difference after import → deploy, nor with the export of that stage (exit 0)', async () => {
    const result = await runCli(['apis', 'diff', SHOP, '--api', 'shop', '--stage', 'prod'], env)
    expect(result.code).toBe(0)
    expect(result.stdout).toBe(`No differences: ${SHOP} matches REST API shop (${shop.id}) stage prod (12 operations).\n`)

    for (const format of ['oas30', 'swagger']) {
      const exported = join(dir, `round-trip-${format}.yaml`)
      await runCli(['apis', 'export', '--api', 'shop', '--stage', 'prod', '--format', format, '--extensions', 'apigateway', '--yaml', '--out', exported], env)
      const roundTrip = await runCli(['apis', 'diff', exported, '--api', 'shop', '--stage', 'prod', '--json'], env)
      expect(roundTrip.code).toBe(0)
      expect(json(roundTrip.stdout)).toMatchObject({equal: true, added: [], removed: [], changed: []})
    }
  })

  it('finds a changed integration URI, an added and a removed operation (exit 1), readably and as JSON', async () => {
    const edited = readFileSync(SHOP, 'utf8')
      .replace(`uri: ${PRODUCT_URI}\n`, `uri: https://catalog-v2.shop.example.com/products/{productId}\n`)
      .replace('    delete:\n      operationId: withdrawProduct', '    patch:\n      operationId: withdrawProduct')
    const path = join(dir, 'shop-edited.yaml')
    writeFileSync(path, edited)

    const result = await runCli(['apis', 'diff', path, '--api', 'shop', '--stage', 'prod'], env)
    expect(result.code).toBe(1)
    expect(result.stdout).toBe(
      [
        '- DELETE /products/{productId}',
        `~ GET /products/{productId}  integration.uri: "${PRODUCT_URI}" → "https://catalog-v2.shop.example.com/products/{productId}"`,
        '+ PATCH /products/{productId}',
        '',
        `${path} differs from REST API shop (${shop.id}) stage prod: 1 added, 1 removed, 1 changed (+ only in the file, - only in AWS, ~ AWS → file).`,
        '',
      ].join('\n'),
    )

    const asJson = await runCli(['apis', 'diff', path, '--api', 'shop', '--stage', 'prod', '--json'], env)
    expect(asJson.code).toBe(1)
    expect(json(asJson.stdout)).toEqual({
      equal: false,
      added: ['PATCH /products/{productId}'],
      removed: ['DELETE /products/{productId}'],
      changed: [{operation: 'GET /products/{productId}', changes: [{field: 'integration.uri', file: 'https://catalog-v2.shop.example.com/products/{productId}', aws: PRODUCT_URI}]}],
      file: path,
      api: {id: shop.id, name: 'shop', type: 'rest'},
      stage: 'prod',
      operations: {file: 12, aws: 12},
    })
  })

  it('compares an HTTP API with its current definition, or a stage', async () => {
    const equal = await runCli(['apis', 'diff', GREENHOUSE, '--api', 'greenhouse'], env)
    expect(equal.code).toBe(0)
    expect(equal.stdout).toContain(`matches HTTP API greenhouse (${greenhouse.id}) as currently defined (4 operations)`)

    const path = join(dir, 'greenhouse-edited.yaml')
    writeFileSync(path, readFileSync(GREENHOUSE, 'utf8').replace('timeoutInMillis: 10000', 'timeoutInMillis: 2000'))
    const changed = await runCli(['apis', 'diff', path, '--api', 'greenhouse', '--stage', 'live', '--json'], env)
    expect(changed.code).toBe(1)
    expect(json(changed.stdout).changed).toEqual([{operation: 'GET /plants', changes: [{field: 'integration.timeoutInMillis', file: 2000, aws: 10000}]}])
  })

  it('checks the file before any AWS call (exit 2)', async () => {
    const broken = join(dir, 'broken.json')
    writeFileSync(broken, '{"openapi": "3.0.1",')
    const result = await runCli(['apis', 'diff', broken, '--api', 'shop'], awsEnv('http://127.0.0.1:9'))
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(`Invalid JSON in ${broken} at line 1, column 21: `)
  })
})
