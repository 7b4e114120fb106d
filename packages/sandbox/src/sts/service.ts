import {randomBytes} from 'node:crypto'
import type {SandboxContext} from '../context.js'
import {AwsServiceError, type SandboxRequest, type SandboxResponse} from '../http.js'
import {accessKeyOf, signedService, xmlDocument, xmlError} from './query-protocol.js'

/**
 * The two STS operations a role profile needs (AWS Query protocol: a form-encoded POST, answered in
 * XML, as STS answers): AssumeRole and GetCallerIdentity. The sandbox has no IAM: any role may be
 * assumed. An MFA device cannot be checked either: a SerialNumber needs a TokenCode of 6 digits.
 * Sessions live in memory; a restarted sandbox no longer knows who a session key belongs to.
 */
export interface StsService {
  operation(request: SandboxRequest): string
  handle(request: SandboxRequest): SandboxResponse
  errorResponse(error: AwsServiceError): SandboxResponse
}

interface Session {
  arn: string
  userId: string
  account: string
}

const ROLE_ARN = /^arn:aws[\w-]*:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/
const DEFAULT_DURATION_S = 3600

/**
 * Whether a request is for STS: a form-encoded POST to the root, signed for the `sts` service (other
 * AWS Query services, such as CloudWatch from older clients, post the same way).
 */
export function isStsRequest(head: {method: string; path: string; headers: SandboxRequest['headers']}): boolean {
  const form = head.method === 'POST' && head.path === '/' && String(head.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')
  return form && signedService(head.headers) === 'sts'
}

export function stsService(context: SandboxContext): StsService {
  const sessions = new Map<string, Session>()
  const params = (request: SandboxRequest) => new URLSearchParams(request.body.toString('utf8'))

  function assumeRole(input: URLSearchParams): string {
    const roleArn = input.get('RoleArn') ?? ''
    const sessionName = input.get('RoleSessionName') ?? ''
    const problems: string[] = []
    const role = ROLE_ARN.exec(roleArn)
    if (!role) problems.push(`Value '${roleArn}' at 'roleArn' failed to satisfy constraint: Member must be a role ARN`)
    if (!SESSION_NAME.test(sessionName)) {
      problems.push(`Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`)
    }
    const duration = Number(input.get('DurationSeconds') ?? DEFAULT_DURATION_S)
    if (!Number.isInteger(duration) || duration < 900 || duration > 43_200) {
      problems.push(`Value '${input.get('DurationSeconds')}' at 'durationSeconds' failed to satisfy constraint: Member must have value between 900 and 43200`)
    }
    const tokenCode = input.get('TokenCode')
    if (tokenCode !== null && !/^\d{6}$/.test(tokenCode)) {
      problems.push(`Value '${tokenCode}' at 'tokenCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\d]*`)
    }
    if (problems.length > 0) {
      const count = problems.length === 1 ? '1 validation error' : `${problems.length} validation errors`
      throw new AwsServiceError(400, 'ValidationError', `${count} detected: ${problems.join('; ')}`)
    }
    if (input.get('SerialNumber') && tokenCode === null) {
      throw new AwsServiceError(403, 'AccessDenied', 'MultiFactorAuthentication failed, unable to validate MFA code.')
    }
    const [, account, roleName] = role!
    const roleId = `AROA${randomId(16)}`
    const session: Session = {arn: `arn:aws:sts::${account}:assumed-role/${roleName}/${sessionName}`, userId: `${roleId}:${sessionName}`, account}
    const accessKeyId = `ASIA${randomId(16)}`
    sessions.set(accessKeyId, session)
    const expiration = new Date(context.clock.now() + duration * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z')
    return xmlDocument('AssumeRole', {
      AssumedRoleUser: {AssumedRoleId: session.userId, Arn: session.arn},
      Credentials: {
        AccessKeyId: accessKeyId,
        SecretAccessKey: randomBytes(30).toString('base64'),
        SessionToken: randomBytes(96).toString('base64'),
        Expiration: expiration,
      },
    })
  }

  function getCallerIdentity(request: SandboxRequest): string {
    const accessKey = accessKeyOf(request.headers)
    const session = accessKey ? sessions.get(accessKey) : undefined
    const identity = session ?? {arn: `arn:aws:iam::${context.accountId}:user/sandbox`, userId: 'AIDASANDBOXUSER00001', account: context.accountId}
    return xmlDocument('GetCallerIdentity', {UserId: identity.userId, Account: identity.account, Arn: identity.arn})
  }

  return {
    operation: (request) => params(request).get('Action') ?? '',
    handle(request) {
      const input = params(request)
      const action = input.get('Action') ?? ''
      const body = action === 'AssumeRole' ? assumeRole(input) : action === 'GetCallerIdentity' ? getCallerIdentity(request) : undefined
      if (body === undefined) throw new AwsServiceError(400, 'InvalidAction', `Could not find operation ${action} for version 2011-06-15`)
      return {status: 200, body, headers: {'content-type': 'text/xml'}}
    },
    errorResponse: (error) => ({status: error.status, body: xmlError(error.status < 500 ? 'Sender' : 'Receiver', error.type, error.message), headers: {'content-type': 'text/xml'}}),
  }
}

function randomId(length: number): string {
  return [...randomBytes(length)].map((byte) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[byte % 32]).join('')
}

