import {describe, expect, it} from 'vitest'
import {ApigwError} from '../../packages/cli/src/lib/errors.js'
import {describeChange, fromStep, type Change, type ChangeStep} from '../../packages/cli/src/lib/change/change.js'
import {runChange} from '../../packages/cli/src/lib/change/runner.js'

const step = (operation: string, run: ChangeStep['run']): ChangeStep => ({service: 'apigateway', operation, input: {name: operation}, summary: operation.toLowerCase(), run})

describe('changes', () => {
  it('describe every AWS call with its exact input, and placeholders for later values', () => {
    const change: Change = {summary: 'import shop.yaml', severity: 'safe', steps: [step('ImportRestApi', async () => ({id: 'a1'})), {...step('CreateDeployment', async () => ({})), input: {restApiId: fromStep(1, 'API id')}}]}
    expect(describeChange(change)).toEqual({
      summary: 'import shop.yaml',
      severity: 'safe',
      steps: [
        {step: 1, service: 'apigateway', operation: 'ImportRestApi', summary: 'importrestapi', input: {name: 'ImportRestApi'}},
        {step: 2, service: 'apigateway', operation: 'CreateDeployment', summary: 'createdeployment', input: {restApiId: '<API id from step 1>'}},
      ],
    })
  })

  it('run steps in order, each seeing the results before it', async () => {
    const seen: unknown[][] = []
    const change: Change = {
      summary: 's',
      severity: 'safe',
      steps: [step('A', async (results) => (seen.push([...results]), 'a')), step('B', async (results) => (seen.push([...results]), 'b'))],
    }
    const progress: string[] = []
    const run = await runChange(change, {onProgress: (line) => progress.push(line)})
    expect(seen).toEqual([[], ['a']])
    expect(run.results).toEqual(['a', 'b'])
    expect(run.outcomes.map((o) => o.status)).toEqual(['done', 'done'])
    expect(progress).toEqual(['[1/2] a (A)', '[2/2] b (B)'])
  })

  it('report a failure after a change as partial (exit 8): what ran, what did not, how to recover', async () => {
    const change: Change = {
      summary: 's',
      severity: 'destructive',
      steps: [step('Detach', async () => 'ok'), step('Delete', async () => Promise.reject(new Error('boom'))), step('Never', async () => 'x')],
      recovery: (failed) => `Try: resume from step ${failed + 1}`,
    }
    const error = (await runChange(change).catch((e) => e)) as ApigwError
    expect(error).toBeInstanceOf(ApigwError)
    expect(error.exitCode).toBe(8)
    expect(error.message).toBe('Step 2 of 3 failed: boom\n  done     1. detach (Detach)\n  failed   2. delete (Delete)\n  not run  3. never (Never)')
    expect(error.suggestions).toEqual(['Try: resume from step 2'])
  })

  it("offer the failed step's own fix, not a re-run, when re-running cannot help (fixFirst)", async () => {
    const noIntegration = new ApigwError('No integration defined for method', {code: 'NO_INTEGRATION', exitCode: 5, fixFirst: true, suggestions: ['Try: give GET /orders an integration, then import again']})
    const change: Change = {summary: 's', severity: 'safe', steps: [step('Import', async () => 'ok'), step('Deploy', async () => Promise.reject(noIntegration))], recovery: () => 'Try: run the same import again'}
    const error = (await runChange(change).catch((e) => e)) as ApigwError
    expect(error.exitCode).toBe(8)
    expect(error.suggestions).toEqual(['Try: give GET /orders an integration, then import again'])
  })

  it('pass a failure of the first step through unchanged: nothing was changed', async () => {
    const original = new ApigwError('Invalid API identifier specified', {code: 'NotFoundException', exitCode: 4})
    const change: Change = {summary: 's', severity: 'safe', steps: [step('A', async () => Promise.reject(original)), step('B', async () => 'b')]}
    await expect(runChange(change)).rejects.toBe(original)
  })

  it('report a failure of the first step as partial when the change continues earlier work', async () => {
    const change: Change = {summary: 's', severity: 'safe', continues: true, steps: [step('Attach', async () => Promise.reject(new Error('boom')))], recovery: () => 'Try: again'}
    const error = (await runChange(change).catch((e) => e)) as ApigwError
    expect(error.exitCode).toBe(8)
    expect(error.message).toBe('Step 1 of 1 failed: boom\n  failed   1. attach (Attach)')
    expect(error.suggestions).toEqual(['Try: again'])
  })

  it('run independent steps at most N at once, to the end: a failure is recorded in its outcome, never stops the others', async () => {
    let running = 0
    let most = 0
    const slow = (value: string, fail = false) => async () => {
      most = Math.max(most, ++running)
      await new Promise((resolve) => setTimeout(resolve, 5))
      running--
      if (fail) throw new ApigwError('Invalid Stage identifier specified', {code: 'NotFoundException', exitCode: 4})
      return value
    }
    const change: Change = {
      summary: 's',
      severity: 'safe',
      steps: ['A', 'B', 'C', 'D', 'E'].map((name) => step(name, slow(name.toLowerCase(), name === 'B'))),
      independentSteps: {concurrency: 2},
    }
    const run = await runChange(change)
    expect(most).toBe(2)
    expect(run.outcomes.map((outcome) => outcome.status)).toEqual(['done', 'failed', 'done', 'done', 'done'])
    expect(run.outcomes[1].error).toMatchObject({code: 'NotFoundException', message: 'Invalid Stage identifier specified'})
    expect(run.results).toEqual(['a', undefined, 'c', 'd', 'e'])
  })
})
