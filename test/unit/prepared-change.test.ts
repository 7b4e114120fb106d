import {describe, expect, it} from 'vitest'
import type {ChangeStep} from '../../packages/cli/src/lib/change/change.js'
import {NOTHING_RUN, runPrepared, type ChangeIO, type PreparedChange} from '../../packages/cli/src/lib/change/prepared.js'
import type {ChangeRun} from '../../packages/cli/src/lib/change/runner.js'

const step = (operation: string, run: ChangeStep['run']): ChangeStep => ({service: 'apigateway', operation, input: {}, summary: operation.toLowerCase(), run})

/** Everything a change says, in order, as the terminal would get it. */
function listener() {
  const said: string[] = []
  const io: ChangeIO = {note: (line) => said.push(`note: ${line}`), warn: (message) => said.push(`warn: ${message}`), secret: (value) => said.push(`secret: ${value}`)}
  return {said, io}
}

describe('runPrepared', () => {
  it('runs the steps with progress, says what comes afterwards, then reads the result from the run', async () => {
    const {said, io} = listener()
    const prepared: PreparedChange<string> = {
      change: {summary: 'two calls', severity: 'safe', steps: [step('CreateA', async () => 'a'), step('CreateB', async (results) => `${results[0]}b`)]},
      afterwards: ['Undo: apigw undo'],
      result: (run) => {
        said.push('result')
        return run.results.join(',')
      },
    }
    expect(await runPrepared(prepared, io)).toBe('a,ab')
    expect(said).toEqual(['note: [1/2] createa (CreateA)', 'note: [2/2] createb (CreateB)', 'note: Undo: apigw undo', 'result'])
  })

  it('with nothing to change, calls nothing and still gives the result', async () => {
    const {said, io} = listener()
    let seen: ChangeRun | undefined
    const prepared: PreparedChange<string> = {notes: ['already so'], result: (run) => ((seen = run), 'as it was')}
    expect(await runPrepared(prepared, io)).toBe('as it was')
    expect(seen).toBe(NOTHING_RUN)
    // Notes are the caller's to print before it confirms: runPrepared does not say them again.
    expect(said).toEqual([])
  })

  it('lets a change that runs itself hand its outcome to the result, with the same voice', async () => {
    const {said, io} = listener()
    const prepared: PreparedChange<{value: string}, string> = {
      change: {summary: 'rotate', severity: 'safe', steps: [step('CreateApiKey', async () => expect.unreachable('the change runs itself'))]},
      run: async (voice) => {
        voice.secret('s3cret')
        return 's3cret'
      },
      result: (value, voice) => {
        voice.note('handed out')
        return {value}
      },
    }
    expect(await runPrepared(prepared, io)).toEqual({value: 's3cret'})
    expect(said).toEqual(['secret: s3cret', 'note: handed out'])
  })

  it('says nothing afterwards when the run fails: the failure is the answer', async () => {
    const {said, io} = listener()
    const prepared: PreparedChange<string> = {
      change: {summary: 'one call', severity: 'safe', steps: [step('DeleteA', async () => Promise.reject(new Error('refused')))]},
      afterwards: ['Undo: apigw undo'],
      result: () => expect.unreachable('no result without a run'),
    }
    await expect(runPrepared(prepared, io)).rejects.toThrow('refused')
    expect(said).toEqual(['note: [1/1] deletea (DeleteA)'])
  })
})
