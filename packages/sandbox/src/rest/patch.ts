import {AwsServiceError, badRequest, jsonBody, type SandboxRequest} from '../http.js'
import {checkInput, patchOperationProblems} from './input-checks.js'

/**
 * The patch operations of the REST services' Update* calls. AWS checks them differently for
 * different resources, in different words; each reader says which resources it serves.
 */

/** One JSON-Patch-like operation of an Update* call. */
export interface PatchOperation {
  op: string
  path: string
  value?: string
  from?: string
}

/**
 * The request's patch operations. Every Update* call reads them before it looks anything up: ops
 * outside JSON Patch fail all together as AWS's input validation reports them (`input` names the
 * operation's input shape, e.g. `updateRestApiInput`), with the problems `more` checks of the rest of
 * the input (docs/aws-behaviour.md#input-is-checked-before-anything-is-looked-up).
 */
export function patchOperationsOf(request: SandboxRequest, input: string, ...more: string[][]): PatchOperation[] {
  const operations: unknown = jsonBody<{patchOperations?: unknown}>(request).patchOperations ?? []
  // A list of objects, as the service model says; anything else would reach the handlers as nonsense.
  if (!Array.isArray(operations) || operations.some((operation) => operation === null || typeof operation !== 'object' || Array.isArray(operation))) {
    throw new AwsServiceError(400, 'SerializationException', 'patchOperations must be a list of patch operations')
  }
  checkInput(patchOperationProblems(operations as PatchOperation[], input), ...more)
  return operations as PatchOperation[]
}

/**
 * API keys, usage plans and deployments: each operation checked against the paths its op may touch.
 * All are checked before any is applied, so a bad operation leaves the record unchanged, as in AWS.
 */
export function checkPatchPaths(operations: PatchOperation[], pathsByOp: Record<string, readonly string[]>): PatchOperation[] {
  for (const {op, path} of operations) {
    const paths = pathsByOp[op] ?? []
    // AWS's message has two spaces after "path".
    if (!paths.includes(path)) throw badRequest(`Invalid patch path  '${path}' specified for op '${op}'. Must be one of: [${paths.join(', ')}]`)
  }
  return operations
}

/** A JSON Pointer segment as written (`~1` for `/`, `~0` for `~`). */
export const unescapePointer = (segment: string) => segment.replaceAll('~1', '/').replaceAll('~0', '~')

/** The segments of a patch path, JSON Pointer escapes undone. */
export const pathSegments = (path: string): string[] => path.split('/').slice(1).map(unescapePointer)

export const invalidPatchPath = (path: string) => badRequest(`Invalid patch path ${path}`)
export const replaceOnly = () => badRequest('Invalid patch operation specified. Must be one of: [replace]')

/** A patch value read as a boolean, as AWS reads it for APIs, methods and API keys: only "true" is true. */
export const booleanOf = (value: string | undefined) => value?.toLowerCase() === 'true'

/** A usage plan patch value that must read as a non-negative number (integers only where `integer`). */
export function numberValue(operation: PatchOperation, integer: boolean): number {
  const value = Number(operation.value)
  if (operation.value === undefined || operation.value.trim() === '' || !Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < 0)
    throw badRequest(`Invalid value '${operation.value}' for ${operation.path}: must be a non-negative ${integer ? 'integer' : 'number'}`)
  return value
}

/** Sets or (when `value` is undefined) removes `key` of an optional map, dropping the map once empty. */
export function setEntry<V>(map: Record<string, V> | undefined, key: string, value: V | undefined): Record<string, V> | undefined {
  const next = {...map}
  if (value === undefined) delete next[key]
  else next[key] = value
  return Object.keys(next).length === 0 ? undefined : next
}

/**
 * Models and request validators: only `replace`, of a fixed list of paths, each refusal in AWS's
 * words (two spaces after "path"). Checked once the resource is found; the ops' enum before that.
 */
export function checkReplaceOnly(operations: PatchOperation[], paths: readonly string[]): void {
  for (const {op, path} of operations) {
    if (op !== 'replace') throw badRequest(`Invalid patch path  '${path}' specified for op '${op}'. Please choose supported operations`)
    if (!paths.includes(path)) throw badRequest(`Invalid patch path  '${path}' specified for op 'replace'. Must be one of: [${paths.join(', ')}]`)
  }
}
