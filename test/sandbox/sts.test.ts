import {AssumeRoleCommand, STSClient} from '@aws-sdk/nested-clients/sts'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {EMPTY_HOME, runProgram} from '../helpers/cli.js'
import {startTestSandbox, type Sandbox} from '../helpers/sandbox.js'
import {failure} from './sdk-failure.js'

// The sandbox's STS, through the JS SDK's STS client and the AWS CLI (AWS Query protocol, XML answers).
const ROLE = 'arn:aws:iam::210987654321:role/deployer'
let sandbox: Sandbox

beforeAll(async () => {
  sandbox = await startTestSandbox()
})

afterAll(() => sandbox.stop())

/** `aws sts get-caller-identity` (the JS SDK's STS client has no GetCallerIdentity) with these keys. */
async function callerIdentity(keys: Record<string, string>) {
  const env = {PATH: process.env.PATH ?? '', HOME: EMPTY_HOME, AWS_DEFAULT_REGION: 'us-east-1', AWS_ENDPOINT_URL: sandbox.endpoint, ...keys}
  const result = await runProgram('aws', ['sts', 'get-caller-identity', '--output', 'json'], {env})
  expect(result.stderr).toBe('')
  return JSON.parse(result.stdout)
}

const sts = (credentials = {accessKeyId: 'AKIDBASE', secretAccessKey: 'secret'}) =>
  new STSClient({endpoint: sandbox.endpoint, region: 'us-east-1', credentials, maxAttempts: 1})

describe('sandbox STS', () => {
  it('assumes a role for an hour by default, and knows the session in GetCallerIdentity', async () => {
    const before = Date.now()
    const answer = await sts().send(new AssumeRoleCommand({RoleArn: ROLE, RoleSessionName: 'alice', SerialNumber: 'arn:aws:iam::210987654321:mfa/alice', TokenCode: '123456'}))
    expect(answer.AssumedRoleUser?.Arn).toBe('arn:aws:sts::210987654321:assumed-role/deployer/alice')
    expect(answer.AssumedRoleUser?.AssumedRoleId).toMatch(/^AROA[A-Z2-7]{16}:alice$/)
    const expires = answer.Credentials!.Expiration!.getTime()
    expect(expires).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 3600_000)
    expect(expires).toBeLessThanOrEqual(Date.now() + 3600_000)
    const {AccessKeyId, SecretAccessKey, SessionToken} = answer.Credentials!
    const identity = await callerIdentity({AWS_ACCESS_KEY_ID: AccessKeyId!, AWS_SECRET_ACCESS_KEY: SecretAccessKey!, AWS_SESSION_TOKEN: SessionToken!})
    expect(identity).toMatchObject({Account: '210987654321', Arn: answer.AssumedRoleUser!.Arn, UserId: answer.AssumedRoleUser!.AssumedRoleId})
  })

  it('answers GetCallerIdentity for keys it did not issue with the sandbox account', async () => {
    expect(await callerIdentity({AWS_ACCESS_KEY_ID: 'AKIDBASE', AWS_SECRET_ACCESS_KEY: 'secret'})).toMatchObject({Account: '123456789012', Arn: 'arn:aws:iam::123456789012:user/sandbox'})
  })

  it('refuses an MFA device without a code (AccessDenied, 403) and a code that is not 6 digits (ValidationError)', async () => {
    const noCode = await failure(sts().send(new AssumeRoleCommand({RoleArn: ROLE, RoleSessionName: 'alice', SerialNumber: 'arn:aws:iam::210987654321:mfa/alice'})))
    expect(noCode).toMatchObject({name: 'AccessDenied', message: 'MultiFactorAuthentication failed, unable to validate MFA code.', status: 403})
    const badCode = await failure(sts().send(new AssumeRoleCommand({RoleArn: ROLE, RoleSessionName: 'alice', SerialNumber: 'x', TokenCode: '12ab'})))
    expect(badCode).toMatchObject({name: 'ValidationError', status: 400})
    expect(badCode.message).toBe("1 validation error detected: Value '12ab' at 'tokenCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\d]*")
  })

  it('checks the role ARN, session name and duration', async () => {
    const bad = await failure(sts().send(new AssumeRoleCommand({RoleArn: 'operator', RoleSessionName: 'a', DurationSeconds: 60})))
    expect(bad).toMatchObject({name: 'ValidationError'})
    expect(bad.message).toMatch(/^3 validation errors detected: Value 'operator' at 'roleArn'/)
  })
})
