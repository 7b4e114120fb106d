import {
  CreateApiKeyCommand,
  CreateDeploymentCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  CreateStageCommand,
  CreateUsagePlanCommand,
  CreateUsagePlanKeyCommand,
  DeleteIntegrationResponseCommand,
  GetApiKeyCommand,
  GetApiKeysCommand,
  GetDeploymentsCommand,
  GetIntegrationResponseCommand,
  GetResourcesCommand,
  GetMethodResponseCommand,
  GetRestApiCommand,
  GetRestApisCommand,
  GetStageCommand,
  GetStagesCommand,
  GetUsagePlanCommand,
  GetUsagePlansCommand,
  ImportRestApiCommand,
  PutIntegrationCommand,
  PutIntegrationResponseCommand,
  PutMethodCommand,
  PutMethodResponseCommand,
  PutRestApiCommand,
  UpdateApiKeyCommand,
  UpdateDeploymentCommand,
  UpdateIntegrationResponseCommand,
  UpdateMethodResponseCommand,
  UpdateRestApiCommand,
  UpdateStageCommand,
  UpdateUsagePlanCommand,
  type APIGatewayClient,
  type PatchOperation,
  type PutMode,
} from '@aws-sdk/client-api-gateway'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {sdkClients, startTestSandbox, type Sandbox} from '../helpers/sandbox.js'
import {failure} from './sdk-failure.js'

/**
 * How the sandbox's REST (v1) operations answer where AWS's order of checks, empty values, ordering
 * and messages matter (docs/aws-behaviour.md#how-rest-operations-answer).
 */

const withoutMetadata = <T extends object>(answer: T) => ({...answer, $metadata: undefined})
const OP_ENUM = 'Member must satisfy enum value set: [add, remove, move, test, replace, copy]'

describe('sandbox REST answers (docs/aws-behaviour.md#how-rest-operations-answer)', () => {
  let sandbox: Sandbox
  let rest: APIGatewayClient
  beforeAll(async () => {
    sandbox = await startTestSandbox()
    rest = sdkClients(sandbox.endpoint).rest
  })
  afterAll(() => sandbox.stop())

  /** An API with GET / (a mock integration, method response 200 and integration response 200). */
  async function apiWithResponses() {
    const api = await rest.send(new CreateRestApiCommand({name: 'shop'}))
    const at = {restApiId: api.id!, resourceId: api.rootResourceId!, httpMethod: 'GET'}
    await rest.send(new PutMethodCommand({...at, authorizationType: 'NONE'}))
    await rest.send(new PutIntegrationCommand({...at, type: 'MOCK', requestTemplates: {'application/json': '{"statusCode": 200}'}}))
    await rest.send(new PutMethodResponseCommand({...at, statusCode: '200', responseParameters: {'method.response.header.my-header': false}, responseModels: {'application/json': 'Empty'}}))
    await rest.send(new PutIntegrationResponseCommand({...at, statusCode: '200', selectionPattern: '', responseTemplates: {'application/json': '"created"'}}))
    return at
  }

  async function deployedApi() {
    const at = await apiWithResponses()
    await rest.send(new CreateDeploymentCommand({restApiId: at.restApiId, stageName: 'prod'}))
    return at.restApiId
  }

  describe('required members (docs/aws-behaviour.md#input-is-checked-before-anything-is-looked-up)', () => {
    const missing = (...members: string[]) => ({
      status: 400,
      name: 'ValidationException',
      message: `${members.length === 1 ? '1 validation error' : `${members.length} validation errors`} detected: ${members
        .map((member) => `Value null at '${member}' failed to satisfy constraint: Member must not be null`)
        .join('; ')}`,
    })

    it('are refused before the API, resource or plan named is looked up', async () => {
      expect(await failure(rest.send(new CreateStageCommand({restApiId: 'nope000000', stageName: undefined as unknown as string, deploymentId: undefined as unknown as string})))).toEqual(
        missing('createStageInput.stageName', 'createStageInput.deploymentId'),
      )
      expect(await failure(rest.send(new CreateResourceCommand({restApiId: 'nope000000', parentId: 'nope00', pathPart: undefined as unknown as string})))).toEqual(
        missing('createResourceInput.pathPart'),
      )
      expect(await failure(rest.send(new CreateUsagePlanKeyCommand({usagePlanId: 'nope00', keyId: undefined as unknown as string, keyType: 'API_KEY'})))).toEqual(
        missing('createUsagePlanKeyInput.keyId'),
      )
      expect(await failure(rest.send(new CreateUsagePlanCommand({name: undefined as unknown as string})))).toEqual(missing('createUsagePlanInput.name'))
    })

    it('a patch op outside JSON Patch is refused before the stage, deployment, key or plan is looked up', async () => {
      const patchOperations = [{op: 'wrong' as PatchOperation['op'], path: '/description', value: 'd'}]
      const refused = (input: string) => ({
        status: 400,
        name: 'ValidationException',
        message: `1 validation error detected: Value 'wrong' at '${input}.patchOperations.1.member.op' failed to satisfy constraint: ${OP_ENUM}`,
      })
      expect(await failure(rest.send(new UpdateStageCommand({restApiId: 'nope000000', stageName: 'prod', patchOperations})))).toEqual(refused('updateStageInput'))
      expect(await failure(rest.send(new UpdateDeploymentCommand({restApiId: 'nope000000', deploymentId: 'abc123', patchOperations})))).toEqual(refused('updateDeploymentInput'))
      expect(await failure(rest.send(new UpdateApiKeyCommand({apiKey: 'nope', patchOperations})))).toEqual(refused('updateApiKeyInput'))
      expect(await failure(rest.send(new UpdateUsagePlanCommand({usagePlanId: 'nope00', patchOperations})))).toEqual(refused('updateUsagePlanInput'))
    })

    it('PutRestApi reads its body before it looks the API up', async () => {
      for (const body of ['test:\n  value: [unclosed', "{'key:value}"])
        expect(await failure(rest.send(new PutRestApiCommand({restApiId: 'nope000000', body: Buffer.from(body)})))).toEqual({
          status: 400,
          name: 'BadRequestException',
          message: 'Invalid OpenAPI input.',
        })
    })

    it('PutMethod looks the resource up before it checks the HTTP method', async () => {
      const api = await rest.send(new CreateRestApiCommand({name: 'methods'}))
      const put = (restApiId: string, resourceId: string) => failure(rest.send(new PutMethodCommand({restApiId, resourceId, httpMethod: 'WRONG', authorizationType: 'NONE'})))
      const noResource = {status: 404, name: 'NotFoundException', message: 'Invalid Resource identifier specified'}
      expect(await put('fake-api', api.rootResourceId!)).toEqual(noResource)
      expect(await put(api.id!, 'fake-resource-id')).toEqual(noResource)
      expect(await put(api.id!, api.rootResourceId!)).toEqual({
        status: 400,
        name: 'BadRequestException',
        message: 'Invalid HttpMethod specified. Valid options are GET,PUT,POST,DELETE,PATCH,OPTIONS,HEAD,ANY',
      })
    })

    it('then the lookups answer their 404s', async () => {
      expect(await failure(rest.send(new CreateStageCommand({restApiId: 'nope000000', stageName: 'prod', deploymentId: 'abc123'})))).toEqual({
        status: 404,
        name: 'NotFoundException',
        message: 'Invalid API identifier specified 123456789012:nope000000',
      })
      expect(await failure(rest.send(new CreateUsagePlanKeyCommand({usagePlanId: 'nope00', keyId: 'k', keyType: 'API_KEY'})))).toMatchObject({status: 404, name: 'NotFoundException'})
    })
  })

  describe('UpdateMethodResponse (docs/aws-behaviour.md#method-and-integration-responses-are-patched-by-map-entry)', () => {
    const updateMethodResponse = (at: {restApiId: string; resourceId: string; httpMethod: string}, statusCode: string, ...patchOperations: PatchOperation[]) =>
      rest.send(new UpdateMethodResponseCommand({...at, statusCode, patchOperations}))

    it('removes, adds and replaces map entries, answering 201 with the response and no emptied maps', async () => {
      const at = await apiWithResponses()
      const removed = await updateMethodResponse(
        at,
        '200',
        {op: 'remove', path: '/responseParameters/method.response.header.my-header'},
        {op: 'remove', path: '/responseModels/application~1json'},
      )
      expect(removed.$metadata.httpStatusCode).toBe(201)
      expect(withoutMetadata(removed)).toEqual({statusCode: '200', $metadata: undefined})
      const added = await updateMethodResponse(
        at,
        '200',
        {op: 'add', path: '/responseParameters/method.response.header.my-header', value: 'true'},
        {op: 'add', path: '/responseModels/application~1json', value: 'Empty'},
      )
      expect(withoutMetadata(added)).toEqual({
        statusCode: '200',
        responseParameters: {'method.response.header.my-header': true},
        responseModels: {'application/json': 'Empty'},
        $metadata: undefined,
      })
      await updateMethodResponse(at, '200', {op: 'replace', path: '/responseParameters/method.response.header.my-header', value: 'false'})
      expect((await rest.send(new GetMethodResponseCommand({...at, statusCode: '200'}))).responseParameters).toEqual({'method.response.header.my-header': false})
    })

    it('checks ops and the status code first, all in one ValidationException, even for an unknown resource', async () => {
      const at = await apiWithResponses()
      const wrongOp = {op: 'wrong_op' as PatchOperation['op'], path: '/responseModels/application~1json', value: 'Empty'}
      expect((await failure(updateMethodResponse({...at, resourceId: 'nope00'}, 'wrong', wrongOp)))).toEqual({
        status: 400,
        name: 'ValidationException',
        message: `2 validation errors detected: Value 'wrong_op' at 'updateMethodResponseInput.patchOperations.1.member.op' failed to satisfy constraint: ${OP_ENUM}; Value 'wrong' at 'statusCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [1-5]\\d\\d`,
      })
      expect((await failure(updateMethodResponse(at, '200', wrongOp, {op: 'remove', path: '/responseModels/application~1json'}, wrongOp)))).toMatchObject({
        message: `2 validation errors detected: Value 'wrong_op' at 'updateMethodResponseInput.patchOperations.1.member.op' failed to satisfy constraint: ${OP_ENUM}; Value 'wrong_op' at 'updateMethodResponseInput.patchOperations.3.member.op' failed to satisfy constraint: ${OP_ENUM}`,
      })
    })

    it('then looks up the resource, method and response, then applies the paths, with AWS’s messages', async () => {
      const at = await apiWithResponses()
      const replaceHeader = {op: 'replace' as const, path: '/responseParameters/method.response.header.my-header', value: 'true'}
      const cases: Array<[Promise<unknown>, number, string, string]> = [
        [updateMethodResponse({...at, resourceId: 'wrong'}, '200', replaceHeader), 404, 'NotFoundException', 'Invalid Resource identifier specified'],
        [updateMethodResponse({...at, restApiId: 'nope000000'}, '200', replaceHeader), 404, 'NotFoundException', 'Invalid Resource identifier specified'],
        [updateMethodResponse({...at, httpMethod: 'POST'}, '200', replaceHeader), 404, 'NotFoundException', 'Invalid Method identifier specified'],
        [updateMethodResponse(at, '201', replaceHeader), 404, 'NotFoundException', 'Invalid Response status code specified'],
        [updateMethodResponse(at, '200', {op: 'replace', path: '/responseParameters/wrong', value: 'true'}), 404, 'NotFoundException', 'Invalid parameter name specified'],
        [updateMethodResponse(at, '200', {op: 'remove', path: '/responseParameters/wrong'}), 404, 'NotFoundException', 'Invalid parameter name specified'],
        [updateMethodResponse(at, '200', {op: 'replace', path: '/responseModels/wrong', value: 'Empty'}), 404, 'NotFoundException', 'Content-Type specified was not found'],
        [updateMethodResponse(at, '200', {op: 'remove', path: '/responseModels/wrong'}), 404, 'NotFoundException', 'Content-Type specified was not found'],
        [updateMethodResponse(at, '200', {op: 'remove', path: '/wrong/method.response.header.my-header'}), 400, 'BadRequestException', 'Invalid patch path /wrong/method.response.header.my-header'],
      ]
      for (const [call, status, name, message] of cases) expect((await failure(call))).toEqual({status, name, message})
    })

    it('changes nothing when a later operation of the batch fails', async () => {
      const at = await apiWithResponses()
      await failure(
        updateMethodResponse(at, '200', {op: 'remove', path: '/responseModels/application~1json'}, {op: 'remove', path: '/responseParameters/wrong'}),
      )
      expect((await rest.send(new GetMethodResponseCommand({...at, statusCode: '200'}))).responseModels).toEqual({'application/json': 'Empty'})
    })
  })

  describe('UpdateIntegrationResponse (docs/aws-behaviour.md#method-and-integration-responses-are-patched-by-map-entry)', () => {
    it('replaces the selection pattern and patches templates by entry, answering 200', async () => {
      const at = await apiWithResponses()
      const updated = await rest.send(
        new UpdateIntegrationResponseCommand({
          ...at,
          statusCode: '200',
          patchOperations: [
            {op: 'replace', path: '/selectionPattern', value: 'updated-pattern'},
            {op: 'add', path: '/responseTemplates/text~1plain', value: 'ok'},
            {op: 'remove', path: '/responseTemplates/application~1json'},
          ],
        }),
      )
      expect(updated.$metadata.httpStatusCode).toBe(200)
      expect(withoutMetadata(updated)).toEqual({statusCode: '200', selectionPattern: 'updated-pattern', responseTemplates: {'text/plain': 'ok'}, $metadata: undefined})
    })

    it('answers AWS’s errors: the input first, then the integration and response, then the paths', async () => {
      const at = await apiWithResponses()
      const update = (input: Partial<typeof at>, statusCode: string, ...patchOperations: PatchOperation[]) =>
        failure(rest.send(new UpdateIntegrationResponseCommand({...at, ...input, statusCode, patchOperations})))
      expect(await update({resourceId: 'nope00'}, '2000')).toEqual({
        status: 400,
        name: 'ValidationException',
        message: "1 validation error detected: Value '2000' at 'statusCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [1-5]\\d\\d",
      })
      const post = {...at, httpMethod: 'POST'}
      await rest.send(new PutMethodCommand({...post, authorizationType: 'NONE'}))
      expect(await update({httpMethod: 'POST'}, '200')).toEqual({status: 404, name: 'NotFoundException', message: 'Invalid Integration identifier specified'})
      expect(await update({}, '500')).toEqual({status: 404, name: 'NotFoundException', message: 'Invalid Response status code specified'})
      expect(await update({}, '200', {op: 'add', path: '/selectionPattern', value: 'x'})).toEqual({
        status: 400,
        name: 'BadRequestException',
        message: 'Invalid patch operation specified. Must be one of: [replace]',
      })
      expect(await update({}, '200', {op: 'replace', path: '/statusCode', value: '201'})).toEqual({status: 400, name: 'BadRequestException', message: 'Invalid patch path /statusCode'})
    })
  })

  describe('integration response 404s (docs/aws-behaviour.md#method-and-integration-responses-are-patched-by-map-entry)', () => {
    it('DeleteIntegrationResponse answers a missing method as a missing integration; GetIntegrationResponse as a missing method', async () => {
      const at = await apiWithResponses()
      const noIntegration = {status: 404, name: 'NotFoundException', message: 'Invalid Integration identifier specified'}
      for (const httpMethod of ['POST', 'WRONG'])
        expect(await failure(rest.send(new DeleteIntegrationResponseCommand({...at, httpMethod, statusCode: '200'})))).toEqual(noIntegration)
      expect(await failure(rest.send(new DeleteIntegrationResponseCommand({...at, restApiId: 'bad-api-id', statusCode: '200'})))).toEqual({
        status: 404,
        name: 'NotFoundException',
        message: 'Invalid Resource identifier specified',
      })
      expect(await failure(rest.send(new DeleteIntegrationResponseCommand({...at, statusCode: '201'})))).toEqual({
        status: 404,
        name: 'NotFoundException',
        message: 'Invalid Response status code specified',
      })
      expect(await failure(rest.send(new GetIntegrationResponseCommand({...at, httpMethod: 'POST', statusCode: '200'})))).toEqual({
        status: 404,
        name: 'NotFoundException',
        message: 'Invalid Method identifier specified',
      })
    })
  })

  describe('CreateDeployment (docs/aws-behaviour.md#every-method-needs-an-integration-to-be-deployed)', () => {
    const noIntegration = {status: 400, name: 'BadRequestException', message: 'No integration defined for method'}

    it('refuses an API with a method that has no integration, creating no deployment and no stage', async () => {
      const at = await apiWithResponses()
      await rest.send(new PutMethodCommand({...at, httpMethod: 'POST', authorizationType: 'NONE'}))
      expect((await failure(rest.send(new CreateDeploymentCommand({restApiId: at.restApiId, stageName: 'prod'}))))).toEqual(noIntegration)
      expect((await rest.send(new GetDeploymentsCommand({restApiId: at.restApiId}))).items).toEqual([])
      expect((await rest.send(new GetStagesCommand({restApiId: at.restApiId}))).item).toEqual([])
    })

    it('refuses an imported operation without x-amazon-apigateway-integration, leaving the stage on its deployment', async () => {
      const paths = (withIntegration: boolean) => ({
        '/pets': {
          get: {
            responses: {'200': {description: 'ok'}},
            ...(withIntegration ? {'x-amazon-apigateway-integration': {type: 'mock', requestTemplates: {'application/json': '{"statusCode": 200}'}}} : {}),
          },
        },
      })
      const body = (withIntegration: boolean) => Buffer.from(JSON.stringify({openapi: '3.0.1', info: {title: 'pets', version: '1'}, paths: paths(withIntegration)}))
      const api = await rest.send(new ImportRestApiCommand({body: body(true)}))
      const first = await rest.send(new CreateDeploymentCommand({restApiId: api.id, stageName: 'prod'}))
      await rest.send(new PutRestApiCommand({restApiId: api.id, mode: 'overwrite', body: body(false)}))
      expect((await failure(rest.send(new CreateDeploymentCommand({restApiId: api.id, stageName: 'prod'}))))).toEqual(noIntegration)
      expect((await rest.send(new GetStageCommand({restApiId: api.id, stageName: 'prod'}))).deploymentId).toBe(first.id)
      expect((await rest.send(new GetDeploymentsCommand({restApiId: api.id}))).items!.map((deployment) => deployment.id)).toEqual([first.id])
    })
  })

  describe('tags (docs/aws-behaviour.md#a-single-resource-read-or-update-always-shows-tags)', () => {
    it('REST APIs: Get, Update and Put answer tags {}, Create and GetRestApis leave them out', async () => {
      const api = await rest.send(new CreateRestApiCommand({name: 'untagged'}))
      expect(api).not.toHaveProperty('tags')
      expect((await rest.send(new GetRestApiCommand({restApiId: api.id}))).tags).toEqual({})
      expect((await rest.send(new UpdateRestApiCommand({restApiId: api.id, patchOperations: [{op: 'replace', path: '/description', value: 'd'}]}))).tags).toEqual({})
      const body = Buffer.from(JSON.stringify({openapi: '3.0.1', info: {title: 'untagged', version: '1'}, paths: {}}))
      expect((await rest.send(new PutRestApiCommand({restApiId: api.id, body}))).tags).toEqual({})
      const listed = (await rest.send(new GetRestApisCommand({limit: 500}))).items!.find((item) => item.id === api.id)
      expect(listed).not.toHaveProperty('tags')
      const tagged = await rest.send(new CreateRestApiCommand({name: 'tagged', tags: {team: 'pets'}}))
      expect((await rest.send(new GetRestApiCommand({restApiId: tagged.id}))).tags).toEqual({team: 'pets'})
    })

    it('usage plans: Get and Update answer tags {}; API keys: Update does; Create and the lists leave them out', async () => {
      const plan = await rest.send(new CreateUsagePlanCommand({name: 'bronze'}))
      expect(plan).not.toHaveProperty('tags')
      expect((await rest.send(new GetUsagePlanCommand({usagePlanId: plan.id}))).tags).toEqual({})
      expect((await rest.send(new UpdateUsagePlanCommand({usagePlanId: plan.id, patchOperations: [{op: 'replace', path: '/name', value: 'silver'}]}))).tags).toEqual({})
      expect((await rest.send(new GetUsagePlansCommand({}))).items!.find((item) => item.id === plan.id)).not.toHaveProperty('tags')

      const key = await rest.send(new CreateApiKeyCommand({name: 'partner'}))
      expect(key).not.toHaveProperty('tags')
      expect(await rest.send(new GetApiKeyCommand({apiKey: key.id}))).not.toHaveProperty('tags')
      expect((await rest.send(new UpdateApiKeyCommand({apiKey: key.id, patchOperations: [{op: 'replace', path: '/enabled', value: 'true'}]}))).tags).toEqual({})
      expect((await rest.send(new GetApiKeysCommand({}))).items!.find((item) => item.id === key.id)).not.toHaveProperty('tags')
    })
  })

  describe('empty values (docs/aws-behaviour.md#an-empty-string-is-no-value)', () => {
    it('CreateApiKey takes an empty name as none and an empty value as one to generate', async () => {
      const key = await rest.send(new CreateApiKeyCommand({name: '', value: ''}))
      expect(key.$metadata.httpStatusCode).toBe(201)
      expect(key).not.toHaveProperty('name')
      expect(key.value).toMatch(/^[A-Za-z0-9]{40}$/)
    })

    it('PutIntegrationResponse keeps an empty template as null', async () => {
      const at = await apiWithResponses()
      const put = await rest.send(new PutIntegrationResponseCommand({...at, statusCode: '200', selectionPattern: '', responseTemplates: {'application/json': ''}}))
      expect(withoutMetadata(put)).toEqual({statusCode: '200', selectionPattern: '', responseTemplates: {'application/json': null}, $metadata: undefined})
    })

    it('CreateApiKey and UpdateApiKey refuse a description over 125,000 characters (docs/aws-behaviour.md#api-key-values-and-names)', async () => {
      const refused = {status: 400, name: 'BadRequestException', message: 'Invalid API Key description specified.'}
      expect(await failure(rest.send(new CreateApiKeyCommand({description: 'a'.repeat(125001)})))).toEqual(refused)
      const key = await rest.send(new CreateApiKeyCommand({description: 'a'.repeat(125000)}))
      const patchOperations: PatchOperation[] = [{op: 'replace', path: '/description', value: 'a'.repeat(125001)}]
      expect(await failure(rest.send(new UpdateApiKeyCommand({apiKey: key.id, patchOperations})))).toEqual(refused)
    })

    it('UpdateApiKey reads /enabled as true only when it says true', async () => {
      const key = await rest.send(new CreateApiKeyCommand({enabled: true}))
      const updated = await rest.send(new UpdateApiKeyCommand({apiKey: key.id, patchOperations: [{op: 'replace', path: '/enabled', value: 'not-a-boolean'}]}))
      expect(updated.$metadata.httpStatusCode).toBe(200)
      expect(updated.enabled).toBe(false)
    })
  })

  describe('UpdateRestApi endpoint types (docs/aws-behaviour.md#an-endpoint-type-is-replaced-never-added-or-removed)', () => {
    const types = (value: string, op: PatchOperation['op'] = 'replace'): PatchOperation => ({op, path: '/endpointConfiguration/types/0', value})

    it('applies replaces in order; PRIVATE makes the API dualstack', async () => {
      const api = await rest.send(new CreateRestApiCommand({name: 'edge'}))
      const updated = await rest.send(new UpdateRestApiCommand({restApiId: api.id, patchOperations: [types('EDGE'), types('REGIONAL'), types('PRIVATE')]}))
      expect(updated.endpointConfiguration).toEqual({types: ['PRIVATE'], ipAddressType: 'dualstack'})
    })

    it('refuses add, remove and unknown types with AWS’s messages, changing nothing', async () => {
      const api = await rest.send(new CreateRestApiCommand({name: 'edge'}))
      const update = (...patchOperations: PatchOperation[]) => failure(rest.send(new UpdateRestApiCommand({restApiId: api.id, patchOperations})))
      const refusedOp = {status: 400, name: 'BadRequestException', message: "Invalid patch operation specified. Must be 'add'|'remove'|'replace'"}
      expect(await update(types('EDGE', 'remove'))).toEqual(refusedOp)
      expect(await update(types('REGIONAL'), types('REGIONAL', 'add'))).toEqual(refusedOp)
      expect(await update(types('wrong'))).toEqual({status: 400, name: 'BadRequestException', message: 'Invalid EndpointTypes specified. Valid options are REGIONAL,EDGE,PRIVATE'})
      expect((await rest.send(new GetRestApiCommand({restApiId: api.id}))).endpointConfiguration).toEqual({types: ['EDGE'], ipAddressType: 'ipv4'})
    })
  })

  describe('PutRestApi (docs/aws-behaviour.md#putrestapi-merges-binary-media-types)', () => {
    const body = Buffer.from(
      JSON.stringify({openapi: '3.0.1', info: {title: 'renamed', version: '1.0.0'}, paths: {}, 'x-amazon-apigateway-binary-media-types': ['image/png', 'image/jpg']}),
    )

    it.each<[PutMode, string[]]>([
      ['merge', ['image/heif', 'image/png', 'image/jpg']],
      ['overwrite', ['image/png', 'image/jpg']],
    ])('%s: binary media types become %j; name and version are the definition’s', async (mode, binaryMediaTypes) => {
      const api = await rest.send(new CreateRestApiCommand({name: 'media', binaryMediaTypes: ['image/heif']}))
      const put = await rest.send(new PutRestApiCommand({restApiId: api.id, mode, body}))
      expect(put).toMatchObject({name: 'renamed', version: '1.0.0', binaryMediaTypes, tags: {}})
    })
  })

  describe('UpdateStage access log settings (docs/aws-behaviour.md#access-log-settings-are-set-one-field-at-a-time)', () => {
    const LOG_GROUP = 'arn:aws:logs:us-east-1:123456789012:log-group:access'
    const patch = (restApiId: string, ...patchOperations: PatchOperation[]) => rest.send(new UpdateStageCommand({restApiId, stageName: 'prod', patchOperations}))

    it('sets the destination alone, then the format; removes only the whole setting', async () => {
      const restApiId = await deployedApi()
      expect((await patch(restApiId, {op: 'add', path: '/accessLogSettings/destinationArn', value: LOG_GROUP})).accessLogSettings).toEqual({destinationArn: LOG_GROUP})
      expect((await patch(restApiId, {op: 'replace', path: '/accessLogSettings/destinationArn', value: `${LOG_GROUP}a`})).accessLogSettings).toEqual({destinationArn: `${LOG_GROUP}a`})
      const format = '$context.requestId $context.identity.sourceIp'
      expect((await patch(restApiId, {op: 'add', path: '/accessLogSettings/format', value: format})).accessLogSettings).toEqual({destinationArn: `${LOG_GROUP}a`, format})
      expect(await patch(restApiId, {op: 'remove', path: '/accessLogSettings'})).not.toHaveProperty('accessLogSettings')
    })

    it('answers other paths, empty values and field removals with AWS’s messages', async () => {
      const restApiId = await deployedApi()
      await patch(restApiId, {op: 'add', path: '/accessLogSettings/destinationArn', value: LOG_GROUP})
      const invalidPath = 'Invalid accessLogSettings path. Must be one of : [/accessLogSettings/destinationArn, /accessLogSettings/format]'
      const cannotRemove = (field: string) => `Cannot remove method setting accessLogSettings/${field} because there is no method setting for this method `
      const cases: Array<[PatchOperation, string]> = [
        [{op: 'add', path: '/accessLogSettings/randomValue', value: 'updated'}, invalidPath],
        [{op: 'replace', path: '/accessLogSettings/*', value: 'updated'}, invalidPath],
        [{op: 'replace', path: '/accessLogSettings', value: 'test'}, invalidPath],
        [{op: 'remove', path: '/accessLogSettings/randomValue'}, cannotRemove('randomValue')],
        [{op: 'remove', path: '/accessLogSettings/*'}, cannotRemove('*')],
        [{op: 'remove', path: '/accessLogSettings/destinationArn'}, cannotRemove('destinationArn')],
        [{op: 'replace', path: '/accessLogSettings/destinationArn', value: ''}, 'Access Log value must not be empty'],
        [{op: 'replace', path: '/accessLogSettings/format', value: ''}, 'Access Log value must not be empty'],
      ]
      for (const [operation, message] of cases) expect((await failure(patch(restApiId, operation)))).toEqual({status: 400, name: 'BadRequestException', message})
      expect((await rest.send(new GetStageCommand({restApiId, stageName: 'prod'}))).accessLogSettings).toEqual({destinationArn: LOG_GROUP})
    })

    it('refuses a format without a request id and a destination that is not a log group or API Gateway Firehose stream', async () => {
      const restApiId = await deployedApi()
      const refused = async (path: string, value: string) => (await failure(patch(restApiId, {op: 'replace', path, value}))).message
      expect(await refused('/accessLogSettings/format', '$context.identity.sourceIp')).toBe('Access log format must include at least $context.requestId or $context.extendedRequestId')
      expect(await refused('/accessLogSettings/destinationArn', 'my-log-group')).toBe('Invalid ARN specified in the request')
      expect(await refused('/accessLogSettings/destinationArn', 'arn:aws:s3:::bucket')).toMatch(/^Invalid access log destination arn:aws:s3:::bucket: /)
      expect(await refused('/accessLogSettings/destinationArn', 'arn:aws:firehose:us-east-1:123456789012:deliverystream/logs')).toMatch(/amazon-apigateway-/)
      const firehose = 'arn:aws:firehose:us-east-1:123456789012:deliverystream/amazon-apigateway-logs'
      expect((await patch(restApiId, {op: 'replace', path: '/accessLogSettings/destinationArn', value: firehose})).accessLogSettings).toEqual({destinationArn: firehose})
      expect((await patch(restApiId, {op: 'replace', path: '/accessLogSettings/format', value: '$context.extendedRequestId'})).accessLogSettings).toMatchObject({
        format: '$context.extendedRequestId',
      })
    })
  })

  describe('GetResources (docs/aws-behaviour.md#resources-are-listed-by-path)', () => {
    it('lists resources by path, not in the order they were made', async () => {
      const api = await rest.send(new CreateRestApiCommand({name: 'proxies'}))
      const create = async (parentId: string, pathPart: string) => (await rest.send(new CreateResourceCommand({restApiId: api.id, parentId, pathPart}))).id!
      await create(api.rootResourceId!, '{proxy+}')
      const parent = await create(api.rootResourceId!, 'parent')
      await create(parent, '{proxy+}')
      await create(await create(parent, 'child'), '{proxy+}')
      const listed = (await rest.send(new GetResourcesCommand({restApiId: api.id}))).items!.map((resource) => resource.path)
      expect(listed).toEqual(['/', '/parent', '/parent/child', '/parent/child/{proxy+}', '/parent/{proxy+}', '/{proxy+}'])
    })
  })

  describe('UpdateUsagePlan remove /apiStages (docs/aws-behaviour.md#removing-an-api-stage-a-usage-plan-does-not-have)', () => {
    it('answers 404 naming the API stage and plan, or 400 without an apiId:stage value, changing nothing', async () => {
      const apiId = await deployedApi()
      const plan = await rest.send(new CreateUsagePlanCommand({name: 'gold', apiStages: [{apiId, stage: 'prod'}]}))
      const remove = (value?: string) =>
        failure(rest.send(new UpdateUsagePlanCommand({usagePlanId: plan.id, patchOperations: [{op: 'remove', path: '/apiStages', ...(value === undefined ? {} : {value})}]})))
      const invalid = (stage: string, api = apiId) => ({
        status: 404,
        name: 'NotFoundException',
        message: `Invalid API Stage {api: ${api}, stage: ${stage}} specified for usageplan ${plan.id}`,
      })
      expect(await remove(`${apiId}b:prod`)).toEqual(invalid('prod', `${apiId}b`))
      expect(await remove(`${apiId}:fakestagename`)).toEqual(invalid('fakestagename'))
      for (const value of [undefined, 'fakevalue']) expect(await remove(value)).toEqual({status: 400, name: 'BadRequestException', message: 'Invalid API Stage specified'})
      expect((await rest.send(new GetUsagePlanCommand({usagePlanId: plan.id}))).apiStages).toEqual([{apiId, stage: 'prod'}])
    })
  })
})
