import {describe, expect, it} from 'vitest'
import {RetriesExhausted, withRetry, type RetryNotice} from '../../packages/cli/src/lib/aws/retry.js'
import {notFound, throttled} from './aws-fakes.js'
import {fakeClock} from './fake-clock.js'

/** An operation that fails with each given error in turn, then succeeds. */
function failing(errors: Error[]) {
  let calls = 0
  const attempt = async () => {
    calls++
    if (errors.length > 0) throw errors.shift()
    return 'ok'
  }
  return {attempt, calls: () => calls}
}

describe('withRetry', () => {
  it('retries throttling with exponential backoff, telling the operator each time', async () => {
    const clock = fakeClock()
    const notices: RetryNotice[] = []
    const op = failing([throttled(), throttled(), throttled()])
    await expect(withRetry('CreateDeployment', op.attempt, {deadline: 60_000, clock, onRetry: (n) => notices.push(n)})).resolves.toBe('ok')
    expect(op.calls()).toBe(4)
    expect(clock.slept).toEqual([500, 1000, 2000])
    expect(notices.map((n) => n.message)).toEqual([
      'throttled by AWS (CreateDeployment); retrying in 0.5 s',
      'throttled by AWS (CreateDeployment); retrying in 1 s',
      'throttled by AWS (CreateDeployment); retrying in 2 s',
    ])
  })

  it('never waits less than the Retry-After the server asked for', async () => {
    const clock = fakeClock(0)
    const op = failing([throttled('5')])
    await withRetry('CreateDeployment', op.attempt, {deadline: 60_000, clock})
    expect(clock.slept).toEqual([5000])
  })

  it('applies jitter to the backoff', async () => {
    const clock = fakeClock(0.5)
    await withRetry('GetStage', failing([throttled(), throttled()]).attempt, {deadline: 60_000, clock})
    expect(clock.slept).toEqual([250, 500])
  })

  it('gives up when the next wait would pass the deadline', async () => {
    const clock = fakeClock()
    const op = failing(Array.from({length: 20}, () => throttled()))
    const failure = await withRetry('GetStage', op.attempt, {deadline: 4000, clock}).catch((error) => error)
    expect(failure).toBeInstanceOf(RetriesExhausted)
    expect(failure.attempts).toBe(4)
    expect(clock.slept).toEqual([500, 1000, 2000])
    expect(op.calls()).toBe(4)
  })

  it('stops after maxAttempts attempts (AWS_MAX_ATTEMPTS), first one included, however much budget is left', async () => {
    const clock = fakeClock()
    const op = failing([throttled(), throttled(), throttled()])
    const failure = await withRetry('GetStage', op.attempt, {deadline: 60_000, clock, maxAttempts: 2}).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(RetriesExhausted)
    expect((failure as RetriesExhausted).attempts).toBe(2)
    expect(op.calls()).toBe(2)
    const once = failing([throttled()])
    await expect(withRetry('GetStage', once.attempt, {deadline: 60_000, clock, maxAttempts: 1})).rejects.toBeInstanceOf(RetriesExhausted)
    expect(once.calls()).toBe(1)
  })

  it('does not retry errors that will not go away', async () => {
    const clock = fakeClock()
    const missing = notFound('Invalid Stage identifier specified')
    const op = failing([missing])
    await expect(withRetry('GetStage', op.attempt, {deadline: 60_000, clock})).rejects.toBe(missing)
    expect(op.calls()).toBe(1)
    expect(clock.slept).toEqual([])
  })
})
