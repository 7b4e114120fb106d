import type {SandboxContext} from '../context.js'
import {badRequest} from '../http.js'
import type {AuthorizerRecord} from '../model.js'

/**
 * TestInvokeAuthorizer's answer. The sandbox runs no Lambda function and asks no Cognito user pool,
 * so the answer is a stub: AWS's shape, with values set through `PUT /_sandbox/authorizer-stub`
 * (like faults: per sandbox, in memory, `{}` restores the default).
 */
export interface AuthorizerStub {
  /** 200 allows; 401 and 403 are what a denying authorizer yields. */
  clientStatus: number
  principalId?: string
  /** The IAM policy the authorizer returned, as JSON. */
  policy?: unknown
  /** COGNITO_USER_POOLS: the token's claims. */
  claims?: Record<string, string>
  authorization?: Record<string, string[]>
  latency: number
  log?: string
}

const FIELDS = ['clientStatus', 'principalId', 'policy', 'claims', 'authorization', 'latency', 'log']

/** Sets the stub from the control endpoint's JSON; an unknown field or a wrong type is refused. */
export function setAuthorizerStub(context: SandboxContext, body: Record<string, unknown>): Partial<AuthorizerStub> {
  const unknown = Object.keys(body).filter((key) => !FIELDS.includes(key))
  if (unknown.length > 0) throw badRequest(`Unknown authorizer stub field(s): ${unknown.join(', ')}. Known: ${FIELDS.join(', ')}`)
  for (const key of ['clientStatus', 'latency'] as const)
    if (body[key] !== undefined && !(Number.isInteger(body[key]) && (body[key] as number) >= 0)) throw badRequest(`${key} must be a non-negative integer`)
  for (const key of ['principalId', 'log'] as const) if (body[key] !== undefined && typeof body[key] !== 'string') throw badRequest(`${key} must be a string`)
  context.stubs.authorizer = body as Partial<AuthorizerStub>
  return body
}

/** The default allows everything the API serves, as a permissive authorizer would. */
export function authorizerTestAnswer(context: SandboxContext, apiId: string, authorizer: AuthorizerRecord): Record<string, unknown> {
  const stub = context.stubs.authorizer ?? {}
  const clientStatus = stub.clientStatus ?? 200
  const cognito = authorizer.type === 'COGNITO_USER_POOLS'
  const allowed = clientStatus === 200
  const policy = stub.policy ?? {
    Version: '2012-10-17',
    Statement: [{Action: 'execute-api:Invoke', Effect: 'Allow', Resource: `arn:aws:execute-api:${context.region}:${context.accountId}:${apiId}/*`}],
  }
  return {
    clientStatus,
    log: stub.log ?? `Sandbox: authorizer ${authorizer.id} (${authorizer.type}) was not invoked; this is the sandbox's stub answer (PUT /_sandbox/authorizer-stub).`,
    latency: stub.latency ?? 0,
    ...(allowed && !cognito ? {principalId: stub.principalId ?? 'sandbox-user', policy: typeof policy === 'string' ? policy : JSON.stringify(policy)} : {}),
    ...(allowed && cognito ? {claims: stub.claims ?? {sub: 'sandbox-user'}} : {}),
    authorization: stub.authorization ?? {},
  }
}
