import type {AuthorizerFields} from './authorizers.js'
import type {V2AuthorizerRecord, V2AuthorizerType, V2RouteRecord} from './records.js'
import {isObject, type Json} from './wire.js'

/**
 * HTTP API authorizers in OpenAPI: a security scheme under `components.securitySchemes` carrying
 * `x-amazon-apigateway-authorizer` (type `jwt` or `request`), and a route's `security`
 * requirement naming it. docs/aws-behaviour.md#http-api-authorizers-in-openapi
 */

const AUTHORIZER_KEY = 'x-amazon-apigateway-authorizer'
const TYPES: Record<string, V2AuthorizerType> = {jwt: 'JWT', request: 'REQUEST'}
/** Extension members and the authorizer fields they hold, besides `type` and `identitySource`. */
const MEMBERS = {
  authorizerUri: 'authorizerUri',
  authorizerCredentials: 'authorizerCredentialsArn',
  authorizerPayloadFormatVersion: 'authorizerPayloadFormatVersion',
  authorizerResultTtlInSeconds: 'authorizerResultTtlInSeconds',
  enableSimpleResponses: 'enableSimpleResponses',
  jwtConfiguration: 'jwtConfiguration',
} as const satisfies Record<string, keyof V2AuthorizerRecord>

export type DefinedAuthorizer = AuthorizerFields & {name: string; authorizerType: V2AuthorizerType}

/** The route's authorizer by scheme name, and the scopes its requirement lists. */
export interface DefinedSecurity {
  scheme: string
  scopes: string[]
}

/** The definition's authorizers, by security scheme name; a scheme of another kind is a warning. */
export function readAuthorizers(document: Json, warnings: string[]): Map<string, DefinedAuthorizer> {
  const schemes = isObject(document.components) && isObject(document.components.securitySchemes) ? document.components.securitySchemes : {}
  const authorizers = new Map<string, DefinedAuthorizer>()
  for (const [name, scheme] of Object.entries(schemes)) {
    const extension = isObject(scheme) ? scheme[AUTHORIZER_KEY] : undefined
    if (!isObject(extension)) continue
    const authorizerType = TYPES[String(extension.type).toLowerCase()]
    if (!authorizerType) {
      warnings.push(`Unsupported authorizer type ${String(extension.type)} in security scheme ${name}; HTTP APIs take jwt and request authorizers`)
      continue
    }
    const fields: Json = {name, authorizerType}
    // identitySource is one comma-separated string in OpenAPI, a list in the API.
    if (typeof extension.identitySource === 'string') fields.identitySource = extension.identitySource.split(',').map((source) => source.trim())
    for (const [member, field] of Object.entries(MEMBERS)) if (extension[member] !== undefined) fields[field] = extension[member]
    authorizers.set(name, fields as DefinedAuthorizer)
  }
  return authorizers
}

/** An operation's security requirement (else the document's) that names one of the definition's authorizers. */
export function readSecurity(operation: Json, documentSecurity: unknown, authorizers: Map<string, DefinedAuthorizer>, routeKey: string, warnings: string[]) {
  const requirements = operation.security ?? documentSecurity
  const first = Array.isArray(requirements) ? requirements.find(isObject) : undefined
  if (!first) return undefined
  const [scheme, scopes] = Object.entries(first)[0] ?? []
  if (scheme === undefined) return undefined
  if (!authorizers.has(scheme)) {
    warnings.push(`Unknown security scheme ${scheme} on route ${routeKey}; the route was imported without authorization`)
    return undefined
  }
  return {scheme, scopes: Array.isArray(scopes) ? scopes.map(String) : []} satisfies DefinedSecurity
}

/** `components.securitySchemes` for an export: JWT authorizers as oauth2 schemes, Lambda ones as apiKey schemes; the extension only with extensions. */
export function securitySchemes(authorizers: V2AuthorizerRecord[], includeExtensions: boolean): Json | undefined {
  if (authorizers.length === 0) return undefined
  const schemes: Json = {}
  for (const authorizer of authorizers) {
    const extension: Json = {type: authorizer.authorizerType.toLowerCase()}
    if (authorizer.identitySource) extension.identitySource = authorizer.identitySource.join(', ')
    for (const [member, field] of Object.entries(MEMBERS)) if (authorizer[field] !== undefined) extension[member] = authorizer[field]
    const scheme = authorizer.authorizerType === 'JWT' ? {type: 'oauth2', flows: {}} : {type: 'apiKey', name: 'Unused', in: 'header'}
    schemes[authorizer.name] = includeExtensions ? {...scheme, [AUTHORIZER_KEY]: extension} : scheme
  }
  return schemes
}

/** A route's `security` requirement in an export, when it has an authorizer. */
export function routeSecurity(route: V2RouteRecord, authorizers: V2AuthorizerRecord[]): Json[] | undefined {
  const authorizer = route.authorizerId && authorizers.find((candidate) => candidate.authorizerId === route.authorizerId)
  return authorizer ? [{[authorizer.name]: route.authorizationScopes ?? []}] : undefined
}
