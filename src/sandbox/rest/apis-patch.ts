import {AwsServiceError, badRequest, jsonBody, type SandboxRequest} from '../http.js'

export interface PatchOperation {
  op: string
  path: string
  value?: string
  from?: string
}

const PATCH_OPS = ['add', 'remove', 'move', 'test', 'replace', 'copy']

/**
 * The request's patch operations. Ops outside JSON Patch fail all together, the way AWS's input
 * validation reports them (`input` names the operation's input shape, e.g. `updateRestApiInput`).
 */
export function patchOperationsOf(request: SandboxRequest, input: string): PatchOperation[] {
  const operations = jsonBody<{patchOperations?: PatchOperation[]}>(request).patchOperations ?? []
  const errors = operations.flatMap(({op}, index) =>
    PATCH_OPS.includes(op) ? [] : [`Value '${op}' at '${input}.patchOperations.${index + 1}.member.op' failed to satisfy constraint: Member must satisfy enum value set: [${PATCH_OPS.join(', ')}]`],
  )
  if (errors.length > 0) throw validationError(errors)
  return operations
}

/** AWS's input validation failure: every problem in one message. */
export function validationError(errors: string[]): AwsServiceError {
  const count = errors.length === 1 ? '1 validation error' : `${errors.length} validation errors`
  return new AwsServiceError(400, 'ValidationException', `${count} detected: ${errors.join('; ')}`)
}

/** The segments of a patch path, with JSON Pointer escapes (`~1` for `/`, `~0` for `~`) undone. */
export function pathSegments(path: string): string[] {
  return path
    .split('/')
    .slice(1)
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'))
}

export const invalidPatchPath = (path: string) => badRequest(`Invalid patch path ${path}`)
export const replaceOnly = () => badRequest('Invalid patch operation specified. Must be one of: [replace]')

/** A patch value read as a boolean, as AWS reads it: only "true" is true. */
export const booleanOf = (value: string | undefined) => value?.toLowerCase() === 'true'

/** Sets or (when `value` is undefined) removes `key` of an optional map, dropping the map once empty. */
export function setEntry<V>(map: Record<string, V> | undefined, key: string, value: V | undefined): Record<string, V> | undefined {
  const next = {...map}
  if (value === undefined) delete next[key]
  else next[key] = value
  return Object.keys(next).length === 0 ? undefined : next
}
