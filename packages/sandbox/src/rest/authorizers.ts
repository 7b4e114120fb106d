import type {SandboxContext} from '../context.js'
import {badRequest, conflict, empty, json, jsonBody, notFound, validationError, type Router} from '../http.js'
import type {AuthorizerRecord, MethodRecord, RestApiRecord} from '../model.js'
import {apiOr, changeApi, methodsIn, partOf, PART_ID_LENGTH, partsPage} from './api-parts.js'
import {compact} from './apis-store.js'
import {authorizerTestAnswer} from './authorizer-stub.js'
import {invalidPatchPath, patchOperationsOf, pathSegments, replaceOnly, type PatchOperation} from './patch.js'

/**
 * REST authorizers (Create/Get/GetAuthorizers/Update/DeleteAuthorizer, TestInvokeAuthorizer),
 * kept in the API's record; CUSTOM and COGNITO_USER_POOLS methods name one by `authorizerId`.
 * docs/aws-behaviour.md#authorizers-and-their-messages
 */

const AUTHORIZER_TYPES = ['TOKEN', 'REQUEST', 'COGNITO_USER_POOLS']
const AUTHORIZER_PATH = '/restapis/{restapi_id}/authorizers/{authorizer_id}'
export const DEFAULT_TTL_SECONDS = 300
const MAX_TTL_SECONDS = 3600
const SCALAR_PATHS = ['/name', '/type', '/authType', '/authorizerUri', '/authorizerCredentials', '/identitySource', '/identityValidationExpression', '/authorizerResultTtlInSeconds']

type AuthorizerInput = Partial<Omit<AuthorizerRecord, 'id' | 'createdDate'>>

const authorizerNotFound = () => notFound('Invalid Authorizer identifier specified')
const invalidType = (type: string | undefined) => badRequest(`Invalid authorizer type specified: ${type}`)

export function registerAuthorizers(router: Router, context: SandboxContext): void {
  const authorizerOf = (apiId: string, authorizerId: string) => partOf(apiOr(context, apiId).authorizers, authorizerId, authorizerNotFound)

  router
    .add('POST', '/restapis/{restapi_id}/authorizers', (request, {restapi_id}) => {
      const input = jsonBody<AuthorizerInput>(request)
      checkInput(input)
      const authorizer = changeApi(
        context,
        restapi_id,
        (api) => {
          const authorizer = compact({
            id: context.newId(PART_ID_LENGTH),
            name: input.name,
            type: input.type,
            providerARNs: input.providerARNs,
            authType: input.authType,
            authorizerUri: input.authorizerUri,
            authorizerCredentials: input.authorizerCredentials,
            identitySource: input.identitySource,
            identityValidationExpression: input.identityValidationExpression,
            authorizerResultTtlInSeconds: input.authorizerResultTtlInSeconds ?? DEFAULT_TTL_SECONDS,
            createdDate: context.clock.now(),
          }) as AuthorizerRecord
          checkAuthorizer(authorizer)
          api.authorizers = {...api.authorizers, [authorizer.id]: authorizer}
          return authorizer
        },
        // What AWS answers for a missing API here, oddly, as recorded.
        () => conflict('Unable to complete operation due to concurrent modification. Please try again later.'),
      )
      return json(201, authorizerWire(authorizer))
    })
    .add('GET', '/restapis/{restapi_id}/authorizers', (request, {restapi_id}) => partsPage(apiOr(context, restapi_id).authorizers, request.query, authorizerWire))
    .add('GET', AUTHORIZER_PATH, (_request, {restapi_id, authorizer_id}) => json(200, authorizerWire(authorizerOf(restapi_id, authorizer_id))))
    .add('PATCH', AUTHORIZER_PATH, (request, {restapi_id, authorizer_id}) => {
      const operations = patchOperationsOf(request, 'updateAuthorizerInput')
      authorizerOf(restapi_id, authorizer_id)
      const authorizer = changeApi(context, restapi_id, (api) => {
        const authorizer = api.authorizers![authorizer_id]
        for (const operation of operations) patchAuthorizer(authorizer, operation)
        checkAuthorizer(authorizer)
        return authorizer
      })
      return json(200, authorizerWire(authorizer))
    })
    .add('DELETE', AUTHORIZER_PATH, (_request, {restapi_id, authorizer_id}) => {
      const authorizer = authorizerOf(restapi_id, authorizer_id)
      const user = methodsIn(context, restapi_id).find(({method}) => method.authorizerId === authorizer_id && usesAuthorizer(method))
      if (user) throw conflict(`Cannot delete authorizer '${authorizer.name}', is referenced in method: ${user.where}`)
      changeApi(context, restapi_id, (api) => delete api.authorizers![authorizer_id])
      return empty(202)
    })
    .add('POST', AUTHORIZER_PATH, (_request, {restapi_id, authorizer_id}) =>
      json(200, authorizerTestAnswer(context, restapi_id, authorizerOf(restapi_id, authorizer_id))),
    )
}

/** The input's shape and enums, all reported at once, before the API is looked up. */
function checkInput(input: AuthorizerInput): void {
  const errors: string[] = []
  if (input.name == null) errors.push("Value null at 'createAuthorizerInput.name' failed to satisfy constraint: Member must not be null")
  if (input.type == null) errors.push("Value null at 'createAuthorizerInput.type' failed to satisfy constraint: Member must not be null")
  else if (!AUTHORIZER_TYPES.includes(input.type)) errors.push(typeError(input.type, 'createAuthorizerInput.type'))
  if (errors.length > 0) throw validationError(errors)
}

const typeError = (type: string, at: string) => `Value '${type}' at '${at}' failed to satisfy constraint: Member must satisfy enum value set: [${AUTHORIZER_TYPES.join(', ')}]`

/** What each type needs, checked on create and after every update. */
export function checkAuthorizer(authorizer: AuthorizerRecord): void {
  if (!authorizer.name) throw badRequest('Authorizer name must be non-empty')
  // Create and update check the enum as input; an imported definition's type is checked here.
  if (!AUTHORIZER_TYPES.includes(authorizer.type)) throw invalidType(authorizer.type)
  if (authorizer.type === 'COGNITO_USER_POOLS') {
    if (!authorizer.providerARNs?.length) throw badRequest('Invalid Authorizer: providerARNs must be specified for COGNITO_USER_POOLS authorizers')
  } else if (!authorizer.authorizerUri) throw badRequest(`Invalid Authorizer: authorizerUri must be specified for ${authorizer.type} authorizers`)
  const ttl = authorizer.authorizerResultTtlInSeconds
  if (!Number.isInteger(ttl) || ttl < 0 || ttl > MAX_TTL_SECONDS) throw badRequest(`Invalid authorizer TTL specified: ${ttl}. Must be between 0 and ${MAX_TTL_SECONDS}`)
}

function patchAuthorizer(authorizer: AuthorizerRecord, {op, path, value}: PatchOperation): void {
  const [field, arn, ...rest] = pathSegments(path ?? '')
  if (field === 'providerARNs' && arn !== undefined && rest.length === 0) {
    if (op !== 'add' && op !== 'remove') throw badRequest("Invalid patch operation specified. Must be 'add'|'remove'")
    const arns = (authorizer.providerARNs ?? []).filter((each) => each !== arn)
    authorizer.providerARNs = op === 'add' ? [...arns, arn] : arns
    return
  }
  if (!SCALAR_PATHS.includes(path)) throw invalidPatchPath(path)
  if (op !== 'replace') throw replaceOnly()
  if (path === '/type') {
    if (!AUTHORIZER_TYPES.includes(value ?? '')) throw invalidType(value)
    authorizer.type = value as AuthorizerRecord['type']
  } else if (path === '/authorizerResultTtlInSeconds') authorizer.authorizerResultTtlInSeconds = Number(value)
  else if (value) (authorizer as unknown as Record<string, string>)[field] = value
  else delete (authorizer as unknown as Record<string, string | undefined>)[field]
}

const usesAuthorizer = (method: MethodRecord) => method.authorizationType === 'CUSTOM' || method.authorizationType === 'COGNITO_USER_POOLS'

/**
 * PutMethod and UpdateMethod: a CUSTOM method needs a TOKEN or REQUEST authorizer of its API, a
 * COGNITO_USER_POOLS method a COGNITO_USER_POOLS one.
 */
export function checkMethodAuthorizer(api: RestApiRecord, method: MethodRecord): void {
  if (!usesAuthorizer(method)) return
  const authorizer = method.authorizerId === undefined ? undefined : api.authorizers?.[method.authorizerId]
  const fits = authorizer !== undefined && (authorizer.type === 'COGNITO_USER_POOLS') === (method.authorizationType === 'COGNITO_USER_POOLS')
  if (!fits) throw badRequest('Invalid authorizer ID specified. Setting the authorization type to CUSTOM or COGNITO_USER_POOLS requires a valid authorizer.')
}

/** An authorizer as AWS answers it: without what only the sandbox keeps (its creation time). */
export const authorizerWire = (authorizer: AuthorizerRecord): Record<string, unknown> =>
  compact(Object.fromEntries(Object.entries(authorizer).filter(([key]) => key !== 'createdDate')))
