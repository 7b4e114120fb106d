import type {ApiKey} from '../aws/index.js'
import type {AwsSession} from '../aws/index.js'
import {sentInput, type ChangeStep} from '../change/index.js'
import {keyLabel, type KeyReference} from '../usage-plans/index.js'
import {apiKeyArn} from '../catalog/index.js'

/**
 * Change steps that change one API key. A step may name a key that an earlier step creates: its
 * KeyReference then holds a "<… from step N>" placeholder until that step fills in the id, and
 * each step reads the id when it runs.
 */

export interface NewKeyFields {
  name: string
  description?: string
  customerId?: string
  tags: Record<string, string>
}

/** CreateApiKey, enabled, with a value AWS generates; `key` gets the new id. */
export function createKeyStep(session: AwsSession, fields: NewKeyFields, key: KeyReference, onCreated: (created: ApiKey) => void): ChangeStep {
  const input = {name: fields.name, description: fields.description, customerId: fields.customerId, enabled: true, tags: fields.tags}
  return {
    service: 'apigateway',
    operation: 'CreateApiKey',
    input: sentInput(input),
    summary: `create the enabled key ${fields.name}`,
    run: async () => {
      const created = await (await session.rest()).createApiKey(input)
      key.id = created.id ?? ''
      onCreated(created)
      // The result is kept by the change's run: no value in it.
      return {id: created.id}
    },
  }
}

/** TagResource: adds tags to the key, or overwrites those it has. `tags` is asked again when the step runs, for ids known only then. */
export function tagKeyStep(session: AwsSession, key: KeyReference, tags: () => Record<string, string>, why: string): ChangeStep {
  const region = session.settings.region
  return {
    service: 'apigateway',
    operation: 'TagResource',
    input: {resourceArn: apiKeyArn(region, key.id), tags: tags()},
    summary: `tag the ${keyLabel(key)}: ${why}`,
    run: async () => (await session.rest()).tagResource(apiKeyArn(region, key.id), tags()),
  }
}

/** UpdateApiKey /enabled: a disabled key is refused by API Gateway, and can be enabled again. */
export function setKeyEnabledStep(session: AwsSession, key: KeyReference, enabled: boolean): ChangeStep {
  const patchOperations = [{op: 'replace' as const, path: '/enabled', value: String(enabled)}]
  return {
    service: 'apigateway',
    operation: 'UpdateApiKey',
    input: {apiKey: key.id, patchOperations},
    summary: `${enabled ? 'enable' : 'disable'} the ${keyLabel(key)}`,
    run: async () => (await session.rest()).updateApiKey(key.id, patchOperations),
  }
}

/** DeleteApiKey: the key and its value are gone for good, and it leaves every usage plan. */
export function deleteKeyStep(session: AwsSession, key: KeyReference): ChangeStep {
  return {
    service: 'apigateway',
    operation: 'DeleteApiKey',
    input: {apiKey: key.id},
    summary: `delete the ${keyLabel(key)}`,
    run: async () => (await session.rest()).deleteApiKey(key.id),
  }
}
