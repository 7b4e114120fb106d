import type {SandboxContext} from '../context.js'
import {badRequest, jsonBody, notFound, type Router} from '../http.js'
import {TABLES, type ApiKeyRecord} from '../model.js'
import {checkInput, requiredProblems} from './input-checks.js'
import {pageInCreationOrder} from './paging.js'
import {addKeyToPlan, KEY_NOT_FOUND, keysOfPlan, planKey, removePlanKey, requireApiKey, requireUsagePlan, usagePlanKeyView} from './keys-records.js'

/** CreateUsagePlanKey, GetUsagePlanKey(s) and DeleteUsagePlanKey. */
export function registerUsagePlanKeys(router: Router, context: SandboxContext): void {
  const {store} = context
  /** The key, when it is in the plan (which must exist). */
  const memberKey = (planId: string, keyId: string) => {
    requireUsagePlan(store, planId)
    if (!planKey(store, planId, keyId)) throw notFound(KEY_NOT_FOUND)
    return requireApiKey(store, keyId)
  }

  router
    .add('POST', '/usageplans/{usageplanId}/keys', (request, {usageplanId}) => {
      const {keyId, keyType} = jsonBody<{keyId?: string; keyType?: string}>(request)
      checkInput(requiredProblems('createUsagePlanKeyInput', {keyId, keyType}))
      const plan = requireUsagePlan(store, usageplanId)
      if (keyType !== 'API_KEY') throw badRequest(`Invalid Usage Plan Key type specified: ${keyType ?? ''}. Must be one of: [API_KEY]`)
      const key = requireApiKey(store, keyId ?? '')
      addKeyToPlan(context, plan, key)
      return {status: 201, body: usagePlanKeyView(key)}
    })
    .add('GET', '/usageplans/{usageplanId}/keys', (request, {usageplanId}) => {
      // An unknown plan simply has no keys (AWS answers 200 with no items).
      const nameQuery = request.query.get('name')
      // Newest member first, as AWS lists them (docs/aws-behaviour.md#usage-plan-keys-are-listed-newest-first).
      const members = keysOfPlan(store, usageplanId).reverse().flatMap((member) => {
        const key = store.get<ApiKeyRecord>(TABLES.apiKeys, member.keyId)
        return key && (!nameQuery || key.name?.startsWith(nameQuery)) ? [{member, key}] : []
      })
      const page = pageInCreationOrder(members, ({member}) => ({id: member.keyId, createdDate: member.createdDate ?? 0}), request.query, true)
      return {status: 200, body: {item: page.items.map(({key}) => usagePlanKeyView(key)), position: page.position}}
    })
    .add('GET', '/usageplans/{usageplanId}/keys/{keyId}', (_request, {usageplanId, keyId}) => ({status: 200, body: usagePlanKeyView(memberKey(usageplanId, keyId))}))
    .add('DELETE', '/usageplans/{usageplanId}/keys/{keyId}', (_request, {usageplanId, keyId}) => {
      memberKey(usageplanId, keyId)
      removePlanKey(store, usageplanId, keyId)
      return {status: 202}
    })
}
