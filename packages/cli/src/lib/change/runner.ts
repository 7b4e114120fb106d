import {ApigwError, ExitCode} from '../errors.js'
import {mapConcurrently} from '../util/concurrency.js'
import {describeChange, type Change, type ChangeDescription, type StepResults} from './change.js'

export interface StepOutcome {
  step: number
  operation: string
  summary: string
  status: 'done' | 'failed' | 'not run'
  /** Why an independent step failed (a change of dependent steps throws instead). */
  error?: ApigwError
}

export interface RunOptions {
  /** Progress, one line per step, for stderr. */
  onProgress?(line: string): void
}

export interface ChangeRun {
  change: ChangeDescription
  outcomes: StepOutcome[]
  results: StepResults
}

/**
 * Runs a change's steps in order, one at a time (mutations of one API are serialised: AWS answers
 * concurrent ones with ConflictException). A failure stops the run and is reported with what ran,
 * what did not, and how to resume or undo: exit 8 (partial) once any step has changed something
 * (or at once, for a change that continues earlier work).
 */
export async function runChange(change: Change, options: RunOptions = {}): Promise<ChangeRun> {
  if (change.independentSteps) return runIndependently(change, change.independentSteps.concurrency, options)
  const results: unknown[] = []
  const outcomes = notRun(change)
  for (const [index, step] of change.steps.entries()) {
    progress(change, index, options)
    try {
      results.push(await step.run(results))
      outcomes[index].status = 'done'
    } catch (error) {
      outcomes[index].status = 'failed'
      throw failure(change, index, results, outcomes, error)
    }
  }
  return {change: describeChange(change), outcomes, results}
}

/**
 * Runs independent steps, up to `concurrency` at once, to the end: a failed step is recorded in its
 * outcome (AWS's error as apigw reports it) and the others go on. Anything but an ApigwError is a
 * bug, and is thrown.
 */
async function runIndependently(change: Change, concurrency: number, options: RunOptions): Promise<ChangeRun> {
  const results: unknown[] = change.steps.map(() => undefined)
  const outcomes = notRun(change)
  await mapConcurrently(change.steps, concurrency, async (step, index) => {
    progress(change, index, options)
    try {
      results[index] = await step.run([])
      outcomes[index].status = 'done'
    } catch (error) {
      if (!(error instanceof ApigwError)) throw error
      outcomes[index].status = 'failed'
      outcomes[index].error = error
    }
  })
  return {change: describeChange(change), outcomes, results}
}

const notRun = (change: Change): StepOutcome[] => change.steps.map((step, index) => ({step: index + 1, operation: step.operation, summary: step.summary, status: 'not run'}))

function progress(change: Change, index: number, options: RunOptions): void {
  options.onProgress?.(`[${index + 1}/${change.steps.length}] ${change.steps[index].summary} (${change.steps[index].operation})`)
}

function failure(change: Change, failed: number, results: StepResults, outcomes: StepOutcome[], error: unknown): unknown {
  if (failed === 0 && !change.continues) return error
  const cause = error instanceof Error ? error.message : String(error)
  const lines = outcomes.map((outcome) => `  ${outcome.status.padEnd(7)}  ${outcome.step}. ${outcome.summary} (${outcome.operation})`)
  const recovery = change.recovery?.(failed, results)
  const fixFirst = error instanceof ApigwError && error.fixFirst
  return new ApigwError(`Step ${failed + 1} of ${change.steps.length} failed: ${cause}\n${lines.join('\n')}`, {
    code: 'PARTIAL_FAILURE',
    exitCode: ExitCode.partial,
    suggestions: fixFirst ? error.suggestions : recovery ? [recovery] : ['Try: run the command again; the steps that are done are listed above'],
    cause: error,
  })
}
