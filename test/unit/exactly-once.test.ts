import {describe, expect, it} from 'vitest'
import {AwsSession} from '../../packages/cli/src/lib/aws/session.js'
import {awsError, throttled} from './aws-fakes.js'
import {fakeClock} from './fake-clock.js'

/** A session whose calls are fakes: `send` and `find` stand for a create and the look for its resource. */
function session() {
  const notes: string[] = []
  const warnings: string[] = []
  const aws = new AwsSession({
    region: 'us-east-1',
    env: {HOME: '/nonexistent'},
    retryBudgetMs: 60_000,
    clock: fakeClock(),
    onRetry: (notice) => notes.push(notice.message),
    onWarning: (message) => warnings.push(message),
  })
  return {aws, notes, warnings}
}

/** Answers in turn: an Error is thrown, anything else returned. */
function sequence<T>(...answers: Array<T | Error>) {
  const calls: number[] = []
  const next = async () => {
    calls.push(calls.length)
    const answer = answers[Math.min(calls.length - 1, answers.length - 1)]
    if (answer instanceof Error) throw answer
    return answer
  }
  return Object.assign(next, {calls})
}

const reset = () => Object.assign(new Error('socket hang up'), {code: 'ECONNRESET'})
const unavailable = () => awsError('ServiceUnavailableException', 'Service Unavailable', 503)

describe('a create whose answer is lost', () => {
  it('is looked for before it is tried again, and what is found is the answer', async () => {
    const {aws, notes, warnings} = session()
    const send = sequence<string>(reset(), 'second')
    const find = sequence<string | undefined>('made by the first')
    const result = await aws.create('apigateway', 'CreateApiKey', send, find)
    expect(result).toBe('made by the first')
    expect(send.calls).toHaveLength(1)
    expect(notes).toEqual([expect.stringMatching(/^the connection failed \(CreateApiKey\); it may have been done all the same, so apigw looks for it before retrying in/)])
    expect(warnings).toEqual(['the answer to CreateApiKey was lost, but AWS had done it: apigw found what it made and did not do it again.'])
  })

  it('is tried again when nothing was made, with the same token', async () => {
    const {aws} = session()
    const tokens: string[] = []
    const send = sequence<string>(unavailable(), 'made')
    const find = sequence<string | undefined>(undefined)
    const result = await aws.create('apigateway', 'CreateUsagePlan', (token) => (tokens.push(token), send()), find)
    expect(result).toBe('made')
    expect(send.calls).toHaveLength(2)
    expect(new Set(tokens).size).toBe(1)
  })

  it('takes "already exists" on the retry as its own earlier attempt when a second look finds it', async () => {
    const {aws} = session()
    const send = sequence<string>(reset(), awsError('ConflictException', 'Stage already exists', 409))
    const find = sequence<string | undefined>(undefined, 'made by the first')
    expect(await aws.create('apigateway', 'CreateStage', send, find)).toBe('made by the first')
  })

  it('is not retried at all when there is no way to look for it: OUTCOME_UNKNOWN, exit 6', async () => {
    const {aws} = session()
    const send = sequence<string>(reset(), 'second')
    await expect(aws.create('apigatewayv2', 'CreateDeployment', send)).rejects.toMatchObject({code: 'OUTCOME_UNKNOWN', exitCode: 6})
    expect(send.calls).toHaveLength(1)
  })

  it('a throttle is an answer that nothing was done: retried without a look', async () => {
    const {aws} = session()
    const send = sequence<string>(throttled('1'), 'made')
    const find = sequence<string | undefined>('never asked')
    expect(await aws.create('apigateway', 'CreateApiKey', send, find)).toBe('made')
    expect(find.calls).toHaveLength(0)
  })

  it('tokens differ from one create to the next within a run', async () => {
    const {aws} = session()
    const tokens: string[] = []
    for (let i = 0; i < 3; i++) await aws.create('apigateway', 'CreateApiKey', async (token) => tokens.push(token))
    expect(new Set(tokens).size).toBe(3)
    expect(tokens[0]).toMatch(/^[0-9a-f]{12}-1$/)
  })
})
