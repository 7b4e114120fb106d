import {GetAuthorizersCommand} from '@aws-sdk/client-api-gateway'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {runCli} from '../helpers/cli.js'
import {clients, env, useSandboxCli} from '../helpers/sandbox-cli.js'

useSandboxCli()

const dir = mkdtempSync(join(tmpdir(), 'apigw-authorizers-'))
const URI = 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:auth/invocations'

/** A REST API whose one operation a Lambda TOKEN authorizer guards. */
const definition = (authorizerUri: string, validateRequestBody = false) => `openapi: "3.0.1"
info:
  title: guarded
  version: "1"
x-amazon-apigateway-request-validators:
  params:
    validateRequestBody: ${validateRequestBody}
    validateRequestParameters: true
paths:
  /pets:
    get:
      security:
        - lambda: []
      x-amazon-apigateway-request-validator: params
      responses:
        "200":
          description: ok
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates:
          application/json: '{"statusCode": 200}'
        responses:
          default:
            statusCode: "200"
components:
  securitySchemes:
    lambda:
      type: apiKey
      name: Authorization
      in: header
      x-amazon-apigateway-authtype: custom
      x-amazon-apigateway-authorizer:
        type: token
        authorizerUri: ${authorizerUri}
        identitySource: method.request.header.Authorization
`

// docs/aws-behaviour.md#openapi-carries-authorizers-validators-gateway-responses-and-policy
describe('apis import, export and diff of an API with an authorizer and a request validator', () => {
  it('imports them, finds no difference with the file, and names a changed authorizer or validator (exit 1)', async () => {
    const file = join(dir, 'guarded.yaml')
    writeFileSync(file, definition(URI))
    const imported = await runCli(['apis', 'import', file, '--deploy', 'prod', '--json'], env)
    expect(imported.code).toBe(0)
    const {id} = JSON.parse(imported.stdout).api
    const authorizers = (await clients.rest.send(new GetAuthorizersCommand({restApiId: id}))).items!
    expect(authorizers).toMatchObject([{name: 'lambda', type: 'TOKEN', authorizerUri: URI}])

    const same = await runCli(['apis', 'diff', file, '--api', id, '--stage', 'prod'], env)
    expect(same.stdout).toMatch(/^No differences/)
    expect(same.code).toBe(0)

    const exported = JSON.parse((await runCli(['apis', 'export', '--api', id, '--extensions', 'apigateway'], env)).stdout)
    expect(exported.components.securitySchemes.lambda['x-amazon-apigateway-authorizer']).toMatchObject({type: 'token', authorizerUri: URI})
    expect(exported.paths['/pets'].get['x-amazon-apigateway-request-validator']).toBe('params')

    const changed = join(dir, 'guarded-v2.yaml')
    writeFileSync(changed, definition(URI.replace('function:auth', 'function:auth-v2')))
    const diff = await runCli(['apis', 'diff', changed, '--api', id, '--stage', 'prod', '--json'], env)
    expect(diff.code).toBe(1)
    expect(JSON.parse(diff.stdout).changed).toEqual([
      {operation: 'GET /pets', changes: [{field: 'authorizer.authorizerUri', file: URI.replace('function:auth', 'function:auth-v2'), aws: URI}]},
    ])

    writeFileSync(changed, definition(URI, true))
    const validator = await runCli(['apis', 'diff', changed, '--api', id, '--stage', 'prod', '--json'], env)
    expect(validator.code).toBe(1)
    expect(JSON.parse(validator.stdout).changed).toEqual([{operation: 'GET /pets', changes: [{field: 'requestValidator.body', file: true, aws: false}]}])
  })
})
