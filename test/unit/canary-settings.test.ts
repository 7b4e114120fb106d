import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {rolloutSettings} from '../../packages/cli/src/lib/canary/rollout-settings.js'
import {ApigwError} from '../../packages/cli/src/lib/errors.js'

const dir = mkdtempSync(join(tmpdir(), 'apigw-canary-plan-'))
const rolloutFile = (text: string) => {
  const path = join(dir, `plan-${Math.random().toString(36).slice(2)}.yaml`)
  writeFileSync(path, text)
  return path
}
const failure = (promise: Promise<unknown>) => promise.then(() => expect.unreachable('it should fail'), (error: unknown) => error as ApigwError)

describe('rollout settings', () => {
  it('has defaults for all but the steps and the bake', async () => {
    expect(await rolloutSettings({steps: '5,10,25,50,100', bake: '5m'})).toEqual({
      steps: [5, 10, 25, 50, 100],
      bakeMs: 300_000,
      intervalMs: 60_000,
      windowMs: 300_000,
      gates: {max5xxRate: 0.01, max4xxRate: 0.05, maxP99Ms: null, maxLatencyIncrease: 0.2},
      minRequests: 200,
      failureLimit: 2,
      onFail: 'abort',
      promote: true,
      timeoutMs: 7_200_000,
    })
  })

  it('reads a plan file, and flags override it field by field', async () => {
    const path = rolloutFile('steps: [10, 50, 100]\nbake: 10m\nmax-p99: 800ms\nmax-4xx-rate: off\non-fail: pause\npromote: false\nmin-requests: 1000\n')
    const settings = await rolloutSettings({bake: '2m', 'max-p99': '1.5s', promote: true}, path)
    expect(settings).toMatchObject({steps: [10, 50, 100], bakeMs: 120_000, onFail: 'pause', promote: true, minRequests: 1000, gates: {maxP99Ms: 1500, max4xxRate: null}})
  })

  it('names the file, the line and the field of a bad value, with the right form', async () => {
    const path = rolloutFile('steps: [5, 25, 100]\nbake: 5m\n\nmax-p99: 800\n')
    const error = await failure(rolloutSettings({}, path))
    expect(error).toMatchObject({code: 'INVALID_CANARY_PLAN', exitCode: 2})
    expect(error.message).toBe(`${path} line 4: max-p99 needs a unit, e.g. 800ms or 1.5s; got 800.`)
    expect(error.suggestions).toEqual([`Try: max-p99: 800ms (in ${path})`])
    const steps = await failure(rolloutSettings({}, rolloutFile('steps: [5, 0, 100]\nbake: 5m\n')))
    expect(steps.message).toMatch(/line 1: steps must be canary percentages that go up, each more than 0 and at most 100; got \[5,0,100\]\.$/)
  })

  it('refuses what is not a mapping of known fields, and syntax errors, with their lines', async () => {
    expect((await failure(rolloutSettings({}, rolloutFile('- 5\n- 10\n')))).message).toMatch(/must hold a mapping of rollout settings \(steps, bake, …\), not a list\.$/)
    expect((await failure(rolloutSettings({}, rolloutFile('steps: [5\nbake: 5m\n')))).message).toMatch(/line \d+: /)
    expect((await failure(rolloutSettings({}, rolloutFile('steps: [5]\nbake: 5m\nbakes: 1m\n')))).message).toMatch(/line 3: unknown field "bakes"; did you mean bake\?$/)
    expect((await failure(rolloutSettings({}, join(dir, 'missing.yaml')))).message).toBe(`No such plan file: ${join(dir, 'missing.yaml')}`)
  })

  it('needs a % on rates (a bare 1 could mean 1% or 100%) and whole numbers of requests', async () => {
    expect((await failure(rolloutSettings({steps: '5', bake: '1m', 'max-5xx-rate': '1'}))).message).toBe(
      '--max-5xx-rate must be a percentage between 0% and 100% (with the %), or off; got "1".',
    )
    expect(await rolloutSettings({steps: '5', bake: '1m', 'max-latency-increase': '150%'})).toMatchObject({gates: {maxLatencyIncrease: 1.5}})
    expect((await failure(rolloutSettings({steps: '5', bake: '1m', 'min-requests': '2.5'}))).message).toBe('--min-requests must be a whole number, 0 or more; got "2.5".')
    expect((await failure(rolloutSettings({steps: '5', bake: '1m', 'on-fail': 'retry'}))).message).toBe('--on-fail must be abort or pause; got "retry".')
  })
})
