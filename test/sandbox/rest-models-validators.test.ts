import {
  CreateModelCommand,
  CreateRequestValidatorCommand,
  DeleteMethodCommand,
  DeleteModelCommand,
  DeleteRequestValidatorCommand,
  GetModelCommand,
  GetModelsCommand,
  GetRequestValidatorCommand,
  GetRequestValidatorsCommand,
  PutMethodCommand,
  UpdateMethodCommand,
  UpdateModelCommand,
  UpdateRequestValidatorCommand,
} from '@aws-sdk/client-api-gateway'
import {describe, expect, it} from 'vitest'
import {newApi as newApiOn, strip, useRestSandbox} from './rest-parts.js'
import {failure} from './sdk-failure.js'

const API_NOT_FOUND = (id: string) => ({name: 'NotFoundException', status: 404, message: `Invalid API identifier specified 123456789012:${id}`})
const SCHEMA = JSON.stringify({title: 'Pet', type: 'object', properties: {name: {type: 'string'}}})

describe('sandbox REST models and request validators', () => {
  const target = useRestSandbox()

  const newApi = () => newApiOn(target.rest)

  // docs/aws-behaviour.md#models-and-their-messages
  describe('models', () => {
    it('starts every new API with Empty and Error, described and worded as AWS has them, listed by name', async () => {
      const {restApiId} = await newApi()
      await target.rest.send(new CreateModelCommand({restApiId, name: 'Pet', contentType: 'application/json', description: 'A pet', schema: SCHEMA}))
      const {items} = await target.rest.send(new GetModelsCommand({restApiId}))
      expect(items!.map((model) => model.name)).toEqual(['Empty', 'Error', 'Pet'])
      expect(items![0]).toEqual({
        id: expect.stringMatching(/^[a-z0-9]{6}$/),
        name: 'Empty',
        description: 'This is a default empty schema model',
        contentType: 'application/json',
        schema: '{\n  "$schema": "http://json-schema.org/draft-04/schema#",\n  "title" : "Empty Schema",\n  "type" : "object"\n}',
      })
      expect(JSON.parse(items![1].schema!)).toEqual({
        $schema: 'http://json-schema.org/draft-04/schema#',
        title: 'Error Schema',
        type: 'object',
        properties: {message: {type: 'string'}},
      })
    })

    it('creates, reads, updates and deletes a model, answering its schema as sent', async () => {
      const {restApiId} = await newApi()
      const created = await target.rest.send(new CreateModelCommand({restApiId, name: 'Pet', contentType: 'application/json', schema: SCHEMA, description: ''}))
      expect(created.$metadata.httpStatusCode).toBe(201)
      // An empty description is taken and left out, as AWS leaves absent fields out.
      expect(strip(created)).toEqual({id: expect.stringMatching(/^[a-z0-9]{6}$/), name: 'Pet', contentType: 'application/json', schema: SCHEMA})
      expect(strip(await target.rest.send(new GetModelCommand({restApiId, modelName: 'Pet'})))).toEqual(strip(created))
      const updated = await target.rest.send(
        new UpdateModelCommand({
          restApiId,
          modelName: 'Pet',
          patchOperations: [
            {op: 'replace', path: '/schema', value: '{"title": "Updated", "type": "object"}'},
            {op: 'replace', path: '/description', value: 'now described'},
          ],
        }),
      )
      expect(updated).toMatchObject({id: created.id, schema: '{"title": "Updated", "type": "object"}', description: 'now described'})
      const deleted = await target.rest.send(new DeleteModelCommand({restApiId, modelName: 'Pet'}))
      expect(deleted.$metadata.httpStatusCode).toBe(202)
      expect(await failure(target.rest.send(new GetModelCommand({restApiId, modelName: 'Pet'})))).toEqual({name: 'NotFoundException', status: 404, message: 'Invalid model name specified: Pet'})
    })

    it("refuses a model's input in AWS's words and order", async () => {
      const {restApiId} = await newApi()
      const create = (input: Partial<ConstructorParameters<typeof CreateModelCommand>[0]>, apiId = restApiId) =>
        failure(target.rest.send(new CreateModelCommand({restApiId: apiId, name: 'Pet', contentType: 'application/json', schema: SCHEMA, ...input})))
      expect(await create({}, 'abcde0')).toEqual(API_NOT_FOUND('abcde0'))
      expect(await failure(target.rest.send(new GetModelsCommand({restApiId: 'abcde0'})))).toEqual(API_NOT_FOUND('abcde0'))
      // A missing API reads as a missing model for the operations that name one.
      for (const command of [new GetModelCommand({restApiId: 'abcde0', modelName: 'Pet'}), new DeleteModelCommand({restApiId: 'abcde0', modelName: 'Pet'})])
        expect(await failure(target.rest.send(command as GetModelCommand))).toEqual({name: 'NotFoundException', status: 404, message: 'Invalid model name specified: Pet'})
      expect(await create({name: ''})).toEqual({name: 'BadRequestException', status: 400, message: 'Model name must be non-empty'})
      expect(await create({schema: ''})).toEqual({name: 'BadRequestException', status: 400, message: 'Model schema must have at least 1 property or array items defined'})
      expect(await create({contentType: undefined}, 'abcde0')).toEqual({
        name: 'ValidationException',
        status: 400,
        message: "1 validation error detected: Value null at 'createModelInput.contentType' failed to satisfy constraint: Member must not be null",
      })
      await target.rest.send(new CreateModelCommand({restApiId, name: 'Pet', contentType: 'application/json', schema: SCHEMA}))
      expect(await create({})).toEqual({name: 'ConflictException', status: 409, message: 'Model name already exists for this REST API'})
    })

    it('takes only replace of /description and /schema', async () => {
      const {restApiId} = await newApi()
      const update = (op: string, path: string, value?: string) =>
        failure(target.rest.send(new UpdateModelCommand({restApiId, modelName: 'Empty', patchOperations: [{op: op as 'add', path, value}]})))
      expect(await update('add', '/wrong-path', 'x')).toEqual({
        name: 'BadRequestException',
        status: 400,
        message: "Invalid patch path  '/wrong-path' specified for op 'add'. Please choose supported operations",
      })
      expect(await update('replace', '/name', 'x')).toEqual({
        name: 'BadRequestException',
        status: 400,
        message: "Invalid patch path  '/name' specified for op 'replace'. Must be one of: [/description, /schema]",
      })
      expect(await update('replace', '/schema', '')).toEqual({name: 'BadRequestException', status: 400, message: 'Model schema must have at least 1 property or array items defined'})
      expect(await failure(target.rest.send(new UpdateModelCommand({restApiId, modelName: 'mySchema', patchOperations: []})))).toEqual({
        name: 'NotFoundException',
        status: 404,
        message: 'Invalid model name specified: mySchema',
      })
      // An op outside the enum is input validation: refused before the model is looked up.
      expect(await failure(target.rest.send(new UpdateModelCommand({restApiId, modelName: 'mySchema', patchOperations: [{op: 'wrong' as 'add', path: '/schema'}]})))).toEqual({
        name: 'ValidationException',
        status: 400,
        message:
          "1 validation error detected: Value 'wrong' at 'updateModelInput.patchOperations.1.member.op' failed to satisfy constraint: Member must satisfy enum value set: [add, remove, move, test, replace, copy]",
      })
    })

    it('refuses to delete a model a method request uses, naming the method as AWS does', async () => {
      const {restApiId, rootId} = await newApi()
      await target.rest.send(new CreateModelCommand({restApiId, name: 'Pet', contentType: 'application/json', schema: SCHEMA}))
      await target.rest.send(new PutMethodCommand({restApiId, resourceId: rootId, httpMethod: 'ANY', authorizationType: 'NONE', requestModels: {'application/json': 'Pet'}}))
      expect(await failure(target.rest.send(new DeleteModelCommand({restApiId, modelName: 'Pet'})))).toEqual({
        name: 'ConflictException',
        status: 409,
        message: "Cannot delete model 'Pet', is referenced in method request: //ANY",
      })
      await target.rest.send(new DeleteMethodCommand({restApiId, resourceId: rootId, httpMethod: 'ANY'}))
      expect((await target.rest.send(new DeleteModelCommand({restApiId, modelName: 'Pet'}))).$metadata.httpStatusCode).toBe(202)
    })
  })

  // docs/aws-behaviour.md#request-validators-and-their-messages
  describe('request validators', () => {
    it('creates, lists, updates and deletes a validator in the shape AWS answers', async () => {
      const {restApiId} = await newApi()
      const created = await target.rest.send(new CreateRequestValidatorCommand({restApiId, name: 'body-only', validateRequestBody: true}))
      expect(created.$metadata.httpStatusCode).toBe(201)
      expect(strip(created)).toEqual({id: expect.stringMatching(/^[a-z0-9]{6}$/), name: 'body-only', validateRequestBody: true, validateRequestParameters: false})
      const second = await target.rest.send(new CreateRequestValidatorCommand({restApiId, name: 'params'}))
      expect((await target.rest.send(new GetRequestValidatorsCommand({restApiId}))).items!.map((validator) => validator.id)).toEqual([created.id, second.id])
      expect(strip(await target.rest.send(new GetRequestValidatorCommand({restApiId, requestValidatorId: created.id})))).toEqual(strip(created))
      const updated = await target.rest.send(
        new UpdateRequestValidatorCommand({
          restApiId,
          requestValidatorId: created.id,
          patchOperations: [
            {op: 'replace', path: '/validateRequestParameters', value: 'TRUE'},
            // No value reads as false.
            {op: 'replace', path: '/validateRequestBody'},
          ],
        }),
      )
      expect(updated).toMatchObject({validateRequestBody: false, validateRequestParameters: true})
      expect((await target.rest.send(new DeleteRequestValidatorCommand({restApiId, requestValidatorId: created.id}))).$metadata.httpStatusCode).toBe(202)
      expect(await failure(target.rest.send(new GetRequestValidatorCommand({restApiId, requestValidatorId: created.id})))).toEqual({
        name: 'NotFoundException',
        status: 404,
        message: 'Invalid Request Validator identifier specified',
      })
    })

    it("answers a missing API in each operation's own words", async () => {
      expect(await failure(target.rest.send(new CreateRequestValidatorCommand({restApiId: 'nope', name: 'v'})))).toEqual({
        name: 'BadRequestException',
        status: 400,
        message: 'Invalid REST API identifier specified',
      })
      expect(await failure(target.rest.send(new GetRequestValidatorsCommand({restApiId: 'api_id'})))).toEqual(API_NOT_FOUND('api_id'))
      for (const command of [new GetRequestValidatorCommand({restApiId: 'nope', requestValidatorId: 'x'}), new DeleteRequestValidatorCommand({restApiId: 'nope', requestValidatorId: 'x'})])
        expect(await failure(target.rest.send(command as GetRequestValidatorCommand))).toEqual({name: 'NotFoundException', status: 404, message: 'Invalid Request Validator identifier specified'})
    })

    it('takes only replace of its three paths, and no blank name', async () => {
      const {restApiId} = await newApi()
      const {id} = await target.rest.send(new CreateRequestValidatorCommand({restApiId, name: 'v'}))
      const update = (op: string, path: string, value?: string) =>
        failure(target.rest.send(new UpdateRequestValidatorCommand({restApiId, requestValidatorId: id, patchOperations: [{op: op as 'add', path, value}]})))
      expect((await update('add', '/validateRequestBody', 'true')).message).toBe("Invalid patch path  '/validateRequestBody' specified for op 'add'. Please choose supported operations")
      expect((await update('remove', '/validateRequestBody')).message).toBe("Invalid patch path  '/validateRequestBody' specified for op 'remove'. Please choose supported operations")
      expect((await update('replace', '/invalidPath', 'x')).message).toBe(
        "Invalid patch path  '/invalidPath' specified for op 'replace'. Must be one of: [/name, /validateRequestParameters, /validateRequestBody]",
      )
      expect(await update('replace', '/name', '')).toEqual({name: 'BadRequestException', status: 400, message: 'Request Validator name cannot be blank'})
    })

    it("lets a method name one of its API's validators, and no other", async () => {
      const {restApiId, rootId} = await newApi()
      const {id} = await target.rest.send(new CreateRequestValidatorCommand({restApiId, name: 'v', validateRequestParameters: true}))
      const method = await target.rest.send(new PutMethodCommand({restApiId, resourceId: rootId, httpMethod: 'GET', authorizationType: 'NONE', requestValidatorId: id}))
      expect(method.requestValidatorId).toBe(id)
      expect(await failure(target.rest.send(new PutMethodCommand({restApiId, resourceId: rootId, httpMethod: 'POST', authorizationType: 'NONE', requestValidatorId: 'nope00'})))).toEqual({
        name: 'BadRequestException',
        status: 400,
        message: 'Invalid Request Validator identifier specified',
      })
      const cleared = await target.rest.send(new UpdateMethodCommand({restApiId, resourceId: rootId, httpMethod: 'GET', patchOperations: [{op: 'replace', path: '/requestValidatorId', value: ''}]}))
      expect(cleared).not.toHaveProperty('requestValidatorId')
    })
  })
})
