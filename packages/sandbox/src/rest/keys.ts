import {randomBytes} from 'node:crypto'
import type {SandboxContext} from '../context.js'
import {badRequest, conflict, jsonBody, type Router, type SandboxRequest} from '../http.js'
import {TABLES, type ApiKeyRecord, type Tags} from '../model.js'
import {importApiKeys} from './keys-import.js'
import {pageInCreationOrder} from './paging.js'
import {booleanOf, checkPatchPaths, patchOperationsOf} from './patch.js'
import {apiKeyNameRefusal, apiKeyValueRefusal} from '../facts.js'
import {apiKeyView, keyWithValue, plansOfKey, removePlanKey, requireApiKey} from './keys-records.js'
import {registerUsagePlanKeys} from './usage-plan-keys.js'
import {registerUsagePlans} from './usage-plans.js'
import {registerUsage} from './usage.js'

const GENERATED_VALUE_LENGTH = 40
const VALUE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
const KEY_PATCH_PATHS = {replace: ['/description', '/enabled', '/name', '/customerId']} as const

interface CreateApiKeyInput {
  name?: string
  description?: string
  enabled?: boolean
  value?: string
  customerId?: string
  stageKeys?: {restApiId?: string; stageName?: string}[]
  tags?: Tags
}

/** API keys, usage plans, their keys and usage: the REST (v1) operations of docs/aws-behaviour.md#api-keys and docs/aws-behaviour.md#usage-plans. */
export function registerKeys(router: Router, context: SandboxContext): void {
  const {store} = context
  const isTrue = (request: SandboxRequest, name: string) => request.query.get(name) === 'true'

  router
    .add('POST', '/apikeys', (request) => {
      if (request.query.get('mode') === 'import') return importApiKeys(context, request)
      const input = jsonBody<CreateApiKeyInput>(request)
      // An empty name or value is no name or value: the key gets none, or a generated one
      // (docs/aws-behaviour.md#an-empty-string-is-no-value).
      const problem = apiKeyNameRefusal(input.name) ?? descriptionRefusal(input.description) ?? (input.value ? apiKeyValueRefusal(input.value) : undefined)
      if (problem) throw badRequest(problem)
      const value = input.value || generatedValue()
      if (keyWithValue(store, value)) throw conflict('API Key already exists')
      const now = context.clock.now()
      const key: ApiKeyRecord = {
        id: context.newId(10),
        name: input.name || undefined,
        description: input.description,
        customerId: input.customerId,
        enabled: input.enabled ?? false,
        value,
        createdDate: now,
        lastUpdatedDate: now,
        // Stage keys predate usage plans; AWS lists them as "<restApiId>/<stageName>".
        stageKeys: (input.stageKeys ?? []).map((stageKey) => `${stageKey.restApiId}/${stageKey.stageName}`),
        tags: input.tags,
      }
      store.put(TABLES.apiKeys, key.id, key)
      return {status: 201, body: apiKeyView(key, true)}
    })
    .add('GET', '/apikeys', (request) => {
      const nameQuery = request.query.get('name')
      const customerId = request.query.get('customerId')
      const keys = store
        .all<ApiKeyRecord>(TABLES.apiKeys)
        .reverse()
        .filter((key) => (!nameQuery || key.name?.startsWith(nameQuery)) && (!customerId || key.customerId === customerId))
      const page = pageInCreationOrder(keys, (key) => key, request.query, true)
      return {status: 200, body: {item: page.items.map((key) => apiKeyView(key, isTrue(request, 'includeValues'))), position: page.position}}
    })
    .add('GET', '/apikeys/{api_Key}', (request, {api_Key}) => ({status: 200, body: apiKeyView(requireApiKey(store, api_Key), isTrue(request, 'includeValue'))}))
    .add('PATCH', '/apikeys/{api_Key}', (request, {api_Key}) => {
      const operations = patchOperationsOf(request, 'updateApiKeyInput')
      // A copy, so that a bad operation part-way leaves the stored key as it was.
      const key = {...requireApiKey(store, api_Key)}
      for (const operation of checkPatchPaths(operations, KEY_PATCH_PATHS)) {
        const field = operation.path.slice(1) as 'description' | 'enabled' | 'name' | 'customerId'
        if (field === 'enabled') key.enabled = booleanOf(operation.value)
        else {
          const problem = field === 'name' ? apiKeyNameRefusal(operation.value) : field === 'description' ? descriptionRefusal(operation.value) : undefined
          if (problem) throw badRequest(problem)
          // An empty value clears the field.
          key[field] = operation.value || undefined
        }
      }
      key.lastUpdatedDate = context.clock.now()
      store.put(TABLES.apiKeys, key.id, key)
      return {status: 200, body: apiKeyView(key, false, true)}
    })
    .add('DELETE', '/apikeys/{api_Key}', (_request, {api_Key}) => {
      requireApiKey(store, api_Key)
      for (const plan of plansOfKey(store, api_Key)) removePlanKey(store, plan.id, api_Key)
      store.delete(TABLES.apiKeys, api_Key)
      return {status: 202}
    })

  registerUsagePlans(router, context)
  registerUsagePlanKeys(router, context)
  registerUsage(router, context)
}

/** AWS refuses a description of 125,001 characters (docs/aws-behaviour.md#api-key-values-and-names). */
const DESCRIPTION_MAX_LENGTH = 125000
const descriptionRefusal = (description: string | undefined) =>
  description !== undefined && description.length > DESCRIPTION_MAX_LENGTH ? 'Invalid API Key description specified.' : undefined

function generatedValue(): string {
  return [...randomBytes(GENERATED_VALUE_LENGTH)].map((byte) => VALUE_ALPHABET[byte % VALUE_ALPHABET.length]).join('')
}
