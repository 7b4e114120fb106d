import {createHash} from 'node:crypto'
import type {SandboxContext} from '../context.js'
import {badRequest, conflict, empty, json, jsonBody, notFound, validationError, type Router} from '../http.js'
import type {JsonObject, ModelInfo, RestApiRecord} from '../model.js'
import {apiOr, changeApi, methodsIn, PART_ID_LENGTH} from './api-parts.js'
import {compact} from './apis-store.js'
import {pageBySortKey} from './paging.js'
import {checkReplaceOnly, patchOperationsOf} from './patch.js'

/**
 * Models (CreateModel, GetModel, GetModels, UpdateModel, DeleteModel): JSON schemas named per API,
 * kept in the API's record (`models` parsed, for methods and exports; `modelInfo` the rest).
 * docs/aws-behaviour.md#models-and-their-messages
 */

const MODEL_PATH = '/restapis/{restapi_id}/models/{model_name}'
const MODEL_NAME = /^[a-zA-Z0-9]+$/
const NO_SCHEMA = 'Model schema must have at least 1 property or array items defined'
const DRAFT_04 = 'http://json-schema.org/draft-04/schema#'

/** The two models CreateRestApi makes, with AWS's descriptions and schema text (spacing included). */
export const DEFAULT_MODELS: Record<string, {schema: JsonObject; description: string; text: string}> = {
  Empty: {
    schema: {$schema: DRAFT_04, title: 'Empty Schema', type: 'object'},
    description: 'This is a default empty schema model',
    text: `{\n  "$schema": "${DRAFT_04}",\n  "title" : "Empty Schema",\n  "type" : "object"\n}`,
  },
  Error: {
    schema: {$schema: DRAFT_04, title: 'Error Schema', type: 'object', properties: {message: {type: 'string'}}},
    description: 'This is a default error schema model',
    text: `{\n  "$schema" : "${DRAFT_04}",\n  "title" : "Error Schema",\n  "type" : "object",\n  "properties" : {\n    "message" : { "type" : "string" }\n  }\n}`,
  },
}

/**
 * What a new API created by CreateRestApi holds of its default models: their schemas only; their
 * ids, descriptions and text follow from them (modelInfoOf), so 600 APIs cost no more state.
 */
export const defaultModels = (): Record<string, JsonObject> => Object.fromEntries(Object.entries(DEFAULT_MODELS).map(([name, model]) => [name, structuredClone(model.schema)]))

interface CreateModelInput {
  name?: string
  contentType?: string
  description?: string
  schema?: string
}

const modelNotFound = (name: string) => notFound(`Invalid model name specified: ${name}`)

export function registerModels(router: Router, context: SandboxContext): void {
  /** The model of an API; a missing API reads as a missing model, as AWS answers. */
  const modelOf = (apiId: string, name: string) => {
    const api = apiOr(context, apiId, () => modelNotFound(name))
    if (!Object.hasOwn(api.models ?? {}, name)) throw modelNotFound(name)
    return {api, name}
  }

  router
    .add('POST', '/restapis/{restapi_id}/models', (request, {restapi_id}) => {
      const input = jsonBody<CreateModelInput>(request)
      if (input.name == null || input.contentType == null)
        throw validationError(
          (['name', 'contentType'] as const)
            .filter((member) => input[member] == null)
            .map((member) => `Value null at 'createModelInput.${member}' failed to satisfy constraint: Member must not be null`),
        )
      const {name, contentType} = input
      const wire = changeApi(context, restapi_id, (api) => {
        if (name === '') throw badRequest('Model name must be non-empty')
        if (!MODEL_NAME.test(name)) throw badRequest('Model name must be alphanumeric')
        if (Object.hasOwn(api.models ?? {}, name)) throw conflict('Model name already exists for this REST API')
        const schema = parseSchema(input.schema)
        api.models = {...api.models, [name]: schema}
        api.modelInfo = {...api.modelInfo, [name]: compact({id: context.newId(PART_ID_LENGTH), contentType, description: input.description || undefined, schema: input.schema}) as ModelInfo}
        return modelWire(api, name)
      })
      return json(201, wire)
    })
    .add('GET', '/restapis/{restapi_id}/models', (request, {restapi_id}) => {
      const api = apiOr(context, restapi_id)
      const page = pageBySortKey(Object.keys(api.models ?? {}), (name) => name, request.query)
      return json(200, {item: page.items.map((name) => modelWire(api, name)), position: page.position})
    })
    .add('GET', MODEL_PATH, (_request, {restapi_id, model_name}) => {
      const {api, name} = modelOf(restapi_id, model_name)
      return json(200, modelWire(api, name))
    })
    .add('PATCH', MODEL_PATH, (request, {restapi_id, model_name}) => {
      const operations = patchOperationsOf(request, 'updateModelInput')
      modelOf(restapi_id, model_name)
      checkReplaceOnly(operations, ['/description', '/schema'])
      const wire = changeApi(context, restapi_id, (api) => {
        const info = {...modelInfoOf(api, model_name)}
        for (const {path, value} of operations) {
          if (path === '/schema') {
            api.models![model_name] = parseSchema(value)
            info.schema = value
          } else info.description = value || undefined
        }
        api.modelInfo = {...api.modelInfo, [model_name]: compact(info) as ModelInfo}
        return modelWire(api, model_name)
      })
      return json(200, wire)
    })
    .add('DELETE', MODEL_PATH, (_request, {restapi_id, model_name}) => {
      modelOf(restapi_id, model_name)
      const user = methodsIn(context, restapi_id).find(({method}) => Object.values(method.requestModels ?? {}).includes(model_name))
      if (user) throw conflict(`Cannot delete model '${model_name}', is referenced in method request: ${user.where}`)
      changeApi(context, restapi_id, (api) => {
        delete api.models![model_name]
        if (api.modelInfo) delete api.modelInfo[model_name]
      })
      return empty(202)
    })
}

/** A schema as CreateModel and UpdateModel take it: JSON text of an object. */
function parseSchema(text: string | undefined): JsonObject {
  if (!text) throw badRequest(NO_SCHEMA)
  let schema: unknown
  try {
    schema = JSON.parse(text)
  } catch {
    schema = undefined
  }
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema))
    throw badRequest('Invalid model specified: Validation Result: warnings : [], errors : [Invalid model schema specified]')
  return schema as JsonObject
}

/**
 * What the API holds of a model besides its schema. A default model, or one that came with an
 * imported definition, has no such record: its id is derived from the API and its name (stable
 * across calls), and a default model still as it was made reads with AWS's description and text.
 */
export function modelInfoOf(api: RestApiRecord, name: string): ModelInfo {
  const stored = api.modelInfo?.[name]
  if (stored) return stored
  const info: ModelInfo = {id: createHash('sha256').update(`${api.id}/${name}`).digest('hex').slice(0, PART_ID_LENGTH), contentType: 'application/json'}
  const defaults = Object.hasOwn(DEFAULT_MODELS, name) ? DEFAULT_MODELS[name] : undefined
  if (defaults && JSON.stringify(api.models?.[name]) === JSON.stringify(defaults.schema)) return {...info, description: defaults.description, schema: defaults.text}
  return info
}

export function modelWire(api: RestApiRecord, name: string): Record<string, unknown> {
  const info = modelInfoOf(api, name)
  return compact({id: info.id, name, description: info.description, schema: info.schema ?? JSON.stringify(api.models![name]), contentType: info.contentType})
}
