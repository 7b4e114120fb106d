import type {AwsSession} from '../aws/index.js'
import {usageError} from '../errors.js'
import {type ApiTarget, compareDefinitions, fetchExport, type FieldValue, type NormalizedApi, normalizeDefinition} from '../openapi/index.js'
import type {ReleaseApi} from './adapter.js'

/** The stable JSON shape of `stages promote --diff` (docs/json.md): what the target's clients will see change. */
export interface StageDiff {
  /** The source stage, whose deployment is promoted. */
  from: string
  /** The target stage. */
  to: string
  equal: boolean
  /** Operations the source stage serves and the target does not yet. */
  added: string[]
  /** Operations the target serves that the source does not: they go away. */
  removed: string[]
  changed: Array<{operation: string; changes: Array<{field: string; from: FieldValue | null; to: FieldValue | null}>}>
}

/**
 * Compares what two stages serve, from their exports (REST GetExport, HTTP ExportApi with the
 * stage), normalised as `apis diff` does. A target that does not exist yet serves nothing.
 */
export async function diffStages(session: AwsSession, release: ReleaseApi, from: string, to: {name: string; exists: boolean}): Promise<StageDiff> {
  const {api, label} = release
  if (api.type === 'websocket') {
    throw usageError(`${label} is a WebSocket API, and API Gateway exports OpenAPI only for REST and HTTP APIs, so --diff has nothing to compare.`, ['Try: leave out --diff'], 'UNSUPPORTED_API_TYPE')
  }
  const target: ApiTarget = {id: api.id, name: api.name, kind: api.type, label}
  const served = async (stage: string): Promise<NormalizedApi> => {
    const exported = await fetchExport(session, target, {stage, format: 'oas30', extensions: 'apigateway', yaml: false})
    return normalizeDefinition(JSON.parse(new TextDecoder().decode(exported.body)), target.kind)
  }
  const [source, current] = await Promise.all([served(from), to.exists ? served(to.name) : new Map()])
  // compareDefinitions calls its first side "file" and its second "aws": here, the source and the target.
  const diff = compareDefinitions(source, current)
  return {
    from,
    to: to.name,
    equal: diff.equal,
    added: diff.added,
    removed: diff.removed,
    changed: diff.changed.map(({operation, changes}) => ({operation, changes: changes.map((change) => ({field: change.field, from: change.aws, to: change.file}))})),
  }
}
