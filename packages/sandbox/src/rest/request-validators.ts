import type {SandboxContext} from '../context.js'
import {badRequest, empty, json, jsonBody, notFound, type Router} from '../http.js'
import type {RequestValidatorRecord, RestApiRecord} from '../model.js'
import {apiOr, changeApi, partOf, PART_ID_LENGTH, partsPage} from './api-parts.js'
import {compact} from './apis-store.js'
import {checkReplaceOnly, patchOperationsOf} from './patch.js'

/**
 * Request validators (Create/Get/GetRequestValidators/Update/DeleteRequestValidator), kept in the
 * API's record; methods name one by `requestValidatorId`.
 * docs/aws-behaviour.md#request-validators-and-their-messages
 */

const VALIDATOR_PATH = '/restapis/{restapi_id}/requestvalidators/{validator_id}'
const PATCH_PATHS = ['/name', '/validateRequestParameters', '/validateRequestBody']

export const validatorNotFound = () => notFound('Invalid Request Validator identifier specified')

interface CreateValidatorInput {
  name?: string
  validateRequestBody?: boolean
  validateRequestParameters?: boolean
}

export function registerRequestValidators(router: Router, context: SandboxContext): void {
  router
    .add('POST', '/restapis/{restapi_id}/requestvalidators', (request, {restapi_id}) => {
      const input = jsonBody<CreateValidatorInput>(request)
      const validator = changeApi(
        context,
        restapi_id,
        (api) => {
          const validator: RequestValidatorRecord = {
            id: context.newId(PART_ID_LENGTH),
            name: input.name || undefined,
            validateRequestBody: input.validateRequestBody === true,
            validateRequestParameters: input.validateRequestParameters === true,
            createdDate: context.clock.now(),
          }
          api.requestValidators = {...api.requestValidators, [validator.id]: validator}
          return validator
        },
        () => badRequest('Invalid REST API identifier specified'),
      )
      return json(201, validatorWire(validator))
    })
    .add('GET', '/restapis/{restapi_id}/requestvalidators', (request, {restapi_id}) => partsPage(apiOr(context, restapi_id).requestValidators, request.query, validatorWire))
    .add('GET', VALIDATOR_PATH, (_request, {restapi_id, validator_id}) => json(200, validatorWire(validatorOf(context, restapi_id, validator_id))))
    .add('PATCH', VALIDATOR_PATH, (request, {restapi_id, validator_id}) => {
      const operations = patchOperationsOf(request, 'updateRequestValidatorInput')
      validatorOf(context, restapi_id, validator_id)
      checkReplaceOnly(operations, PATCH_PATHS)
      const validator = changeApi(context, restapi_id, (api) => {
        const validator = api.requestValidators![validator_id]
        for (const {path, value} of operations) {
          if (path === '/name') {
            if (!value) throw badRequest('Request Validator name cannot be blank')
            validator.name = value
          } else validator[path === '/validateRequestBody' ? 'validateRequestBody' : 'validateRequestParameters'] = value?.toLowerCase() === 'true'
        }
        return validator
      })
      return json(200, validatorWire(validator))
    })
    .add('DELETE', VALIDATOR_PATH, (_request, {restapi_id, validator_id}) => {
      validatorOf(context, restapi_id, validator_id)
      changeApi(context, restapi_id, (api) => delete api.requestValidators![validator_id])
      return empty(202)
    })
}

/** A validator; a missing API reads as a missing validator, as AWS answers. */
function validatorOf(context: SandboxContext, apiId: string, validatorId: string): RequestValidatorRecord {
  return partOf(apiOr(context, apiId, validatorNotFound).requestValidators, validatorId, validatorNotFound)
}

/** PutMethod and UpdateMethod: a method's validator must be one of its API's. */
export function checkValidatorId(api: RestApiRecord, validatorId: string | undefined): void {
  if (validatorId && !Object.hasOwn(api.requestValidators ?? {}, validatorId)) throw badRequest('Invalid Request Validator identifier specified')
}

export const validatorWire = ({id, name, validateRequestBody, validateRequestParameters}: RequestValidatorRecord) =>
  compact({id, name, validateRequestBody, validateRequestParameters})
