import {badRequest, jsonBody, type SandboxRequest} from '../http.js'

/** One JSON-Patch-like operation of an Update* call. */
export interface PatchOperation {
  op: string
  path: string
  value?: string
  from?: string
}

/**
 * The request's patch operations, each checked against the paths its op may touch. All are checked
 * before any is applied, so a bad operation leaves the record unchanged, as in AWS.
 */
export function patchOperations(request: SandboxRequest, pathsByOp: Record<string, readonly string[]>): PatchOperation[] {
  const operations = jsonBody<{patchOperations?: PatchOperation[]}>(request).patchOperations ?? []
  for (const {op, path} of operations) {
    const paths = pathsByOp[op] ?? []
    // AWS's message has two spaces after "path".
    if (!paths.includes(path)) throw badRequest(`Invalid patch path  '${path}' specified for op '${op}'. Must be one of: [${paths.join(', ')}]`)
  }
  return operations
}

/** A patch value that must read as a boolean ("true"/"false", any case). */
export function booleanValue(operation: PatchOperation): boolean {
  const value = operation.value?.toLowerCase()
  if (value !== 'true' && value !== 'false') throw badRequest(`Invalid value '${operation.value}' for ${operation.path}: must be true or false`)
  return value === 'true'
}

/** A patch value that must read as a number (integers only where `integer`). */
export function numberValue(operation: PatchOperation, integer: boolean): number {
  const value = Number(operation.value)
  if (operation.value === undefined || operation.value.trim() === '' || !Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < 0)
    throw badRequest(`Invalid value '${operation.value}' for ${operation.path}: must be a non-negative ${integer ? 'integer' : 'number'}`)
  return value
}
