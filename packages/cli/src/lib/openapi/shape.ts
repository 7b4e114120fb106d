/** The parts of an OpenAPI 3.0 / Swagger 2.0 document that API Gateway reads, and how to walk them. */

export type Json = Record<string, unknown>

export const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)
export const objectAt = (value: unknown): Json => (isObject(value) ? value : {})

export const INTEGRATION = 'x-amazon-apigateway-integration'
export const ANY_METHOD = 'x-amazon-apigateway-any-method'
/** HTTP APIs' catch-all route, written as a path. */
export const DEFAULT_ROUTE = '$default'

/** Operation keys API Gateway imports, and the HTTP method each becomes. */
export const OPERATION_METHODS: Record<string, string> = {
  get: 'GET',
  put: 'PUT',
  post: 'POST',
  delete: 'DELETE',
  options: 'OPTIONS',
  head: 'HEAD',
  patch: 'PATCH',
  [ANY_METHOD]: 'ANY',
}

export interface OperationEntry {
  path: string
  /** The key it is written under: "get", "x-amazon-apigateway-any-method". */
  key: string
  /** "GET", "ANY". */
  method: string
  operation: unknown
  pathItem: Json
}

/** Every operation of the document, in document order; path items that are not objects have none. */
export function* operationsOf(document: Json): Generator<OperationEntry> {
  for (const [path, pathItem] of Object.entries(objectAt(document.paths))) {
    if (!isObject(pathItem)) continue
    for (const [key, operation] of Object.entries(pathItem)) {
      if (key in OPERATION_METHODS) yield {path, key, method: OPERATION_METHODS[key], operation, pathItem}
    }
  }
}

/** "GET /pets/{petId}"; an HTTP API's catch-all is "$default", as its route key. */
export const operationName = (method: string, path: string) => (path === DEFAULT_ROUTE ? DEFAULT_ROUTE : `${method} ${path}`)

/** Security schemes, where each version keeps them. */
export const securitySchemesOf = (document: Json): Json =>
  objectAt(document.swagger === undefined ? objectAt(document.components).securitySchemes : document.securityDefinitions)

/** Follows a local `$ref` ("#/components/parameters/Id"); anything else is returned as it is. */
export function resolveRef(document: Json, value: unknown): unknown {
  const ref = objectAt(value).$ref
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return value
  let target: unknown = document
  for (const segment of ref.slice(2).split('/')) target = objectAt(target)[segment.replaceAll('~1', '/').replaceAll('~0', '~')]
  return target
}
