import {describe, expect, it} from 'vitest'
import {retryAfterMs, toApigwError, transientKind} from '../../packages/cli/src/lib/aws/errors.js'
import {ApigwError} from '../../packages/cli/src/lib/errors.js'
import {awsError} from './aws-fakes.js'

const context = {operation: 'GetRestApi', endpoint: undefined, profile: 'ops'}

describe('AWS error mapping', () => {
  it.each([
    ['NotFoundException', 'Invalid API identifier specified 1234:abc', 404, 'NOT_FOUND', 4],
    ['ConflictException', 'API Key already exists', 409, 'CONFLICT', 5],
    ['BadRequestException', 'Invalid patch path  \'/value\' specified for op \'replace\'.', 400, 'BadRequestException', 9],
    ['AccessDeniedException', 'User is not authorized', 403, 'ACCESS_DENIED', 3],
    ['UnrecognizedClientException', 'The security token included in the request is invalid.', 400, 'INVALID_CREDENTIALS', 3],
  ])('maps %s ("%s", HTTP %i) to %s, exit %i, keeping the AWS message verbatim', (name, message, status, code, exitCode) => {
    const mapped = toApigwError(awsError(name, message, status), context) as ApigwError
    expect(mapped).toBeInstanceOf(ApigwError)
    expect(mapped).toMatchObject({code, exitCode})
    expect(mapped.message).toContain(`GetRestApi failed`)
    expect(mapped.message).toContain(message)
    expect(mapped.suggestions.some((line) => line.startsWith('Try: '))).toBe(true)
  })

  it('treats throttling that outlasted the retries as exit 6, saying how many attempts were made', () => {
    const mapped = toApigwError(awsError('TooManyRequestsException', 'Too Many Requests', 429), context, 4) as ApigwError
    expect(mapped).toMatchObject({code: 'THROTTLED', exitCode: 6})
    expect(mapped.message).toBe('GetRestApi failed after 4 attempts: Too Many Requests')
    expect(mapped.suggestions[0]).toContain('--retry-budget')
  })

  it('names the SSO login command for an expired SSO session', () => {
    const error = Object.assign(new Error('The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run aws sso login with the corresponding profile.'), {name: 'CredentialsProviderError'})
    const mapped = toApigwError(error, context) as ApigwError
    expect(mapped).toMatchObject({code: 'SSO_SESSION_EXPIRED', exitCode: 3, suggestions: ['Try: aws sso login --profile ops']})
  })

  it('explains missing credentials with exit 3', () => {
    const error = Object.assign(new Error('Could not load credentials from any providers'), {name: 'CredentialsProviderError'})
    expect(toApigwError(error, context)).toMatchObject({code: 'MISSING_CREDENTIALS', exitCode: 3})
  })

  it('reports a refused connection with the endpoint (exit 6)', () => {
    const error = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), {code: 'ECONNREFUSED'})
    const mapped = toApigwError(error, {...context, endpoint: 'http://127.0.0.1:9'}) as ApigwError
    expect(mapped).toMatchObject({code: 'ENDPOINT_UNREACHABLE', exitCode: 6})
    expect(mapped.message).toBe('GetRestApi failed: could not connect to http://127.0.0.1:9 (ECONNREFUSED).')
  })

  it('leaves programming errors alone, so they surface as internal errors', () => {
    const bug = new TypeError('x is not a function')
    expect(toApigwError(bug, context)).toBe(bug)
    const nodeError = Object.assign(new TypeError('The "path" argument must be of type string'), {code: 'ERR_INVALID_ARG_TYPE'})
    expect(toApigwError(nodeError, context)).toBe(nodeError)
  })

  it('treats a request that timed out as unavailable (exit 6)', () => {
    const timeout = Object.assign(new Error('Connection timed out after 5000 ms'), {name: 'TimeoutError'})
    expect(toApigwError(timeout, context, 2)).toMatchObject({code: 'UNAVAILABLE', exitCode: 6})
  })
})

describe('transient failures', () => {
  it.each([
    [awsError('TooManyRequestsException', 'slow down', 429), 'throttled'],
    [awsError('LimitExceededException', 'limit', 429), 'throttled'],
    // CloudWatch (AWS JSON 1.0, query-compatible) throttles with a 400 named Throttling.
    [awsError('Throttling', 'Rate exceeded', 400), 'throttled'],
    [awsError('ServiceUnavailableException', 'unavailable', 503), 'unavailable'],
    [awsError('ConflictException', 'Unable to complete operation due to concurrent modification. Please try again later.', 409), 'concurrent'],
    [Object.assign(new Error('read ECONNRESET'), {code: 'ECONNRESET'}), 'network'],
  ])('retries %s as %s', (error, kind) => {
    expect(transientKind(error)).toBe(kind)
  })

  it.each([
    awsError('ConflictException', 'API Key already exists', 409),
    awsError('NotFoundException', 'Invalid Stage identifier specified', 404),
    awsError('BadRequestException', 'Invalid method setting path', 400),
  ])('does not retry %s', (error) => {
    expect(transientKind(error)).toBeUndefined()
  })

  it("reads the server's Retry-After", () => {
    expect(retryAfterMs(awsError('TooManyRequestsException', 'x', 429, {retryAfterSeconds: '4'}))).toBe(4000)
    expect(retryAfterMs(awsError('TooManyRequestsException', 'x', 429))).toBeUndefined()
  })
})
