import {apiLabel, resolveApi, summarize} from '../catalog/index.js'
import type {AwsSession} from '../aws/index.js'
import {usageError} from '../errors.js'
import type {ImportKind} from './kind.js'

/** An existing REST or HTTP API that OpenAPI commands work on. */
export interface ApiTarget {
  id: string
  name: string
  kind: ImportKind
  /** 'REST API "shop" (a1b2c3d4e5)', for messages and plans. */
  label: string
}

/** Resolves --api to a REST or HTTP API; WebSocket APIs have no OpenAPI import or export. */
export async function resolveTarget(session: AwsSession, reference: string): Promise<ApiTarget> {
  const summary = summarize(await resolveApi(session, reference))
  if (summary.type === 'websocket') {
    throw usageError(`${summary.name} (${summary.id}) is a WebSocket API, and API Gateway imports and exports OpenAPI only for REST and HTTP APIs.`, [
      'Try: apigw apis list --type rest, or --type http',
    ], 'UNSUPPORTED_API_TYPE')
  }
  return {id: summary.id, name: summary.name, kind: summary.type, label: apiLabel(summary)}
}
