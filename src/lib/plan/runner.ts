import {ApigwError, ExitCode} from '../errors.js'
import {mapConcurrently} from '../util/concurrency.js'
import {describePlan, type Plan, type PlanDescription, type StepResults} from './plan.js'

export interface StepOutcome {
  step: number
  operation: string
  summary: string
  status: 'done' | 'failed' | 'not run'
  /** Why an independent step failed (a plan of dependent steps throws instead). */
  error?: ApigwError
}

export interface RunOptions {
  /** Progress, one line per step, for stderr. */
  onProgress?(line: string): void
}

export interface PlanRun {
  plan: PlanDescription
  outcomes: StepOutcome[]
  results: StepResults
}

/**
 * Runs a plan's steps in order, one at a time (mutations of one API are serialised: AWS answers
 * concurrent ones with ConflictException). A failure stops the run and is reported with what ran,
 * what did not, and how to resume or undo: exit 8 (partial) once any step has changed something
 * (or at once, for a plan that continues earlier work).
 */
export async function runPlan(plan: Plan, options: RunOptions = {}): Promise<PlanRun> {
  if (plan.independentSteps) return runIndependently(plan, plan.independentSteps.concurrency, options)
  const results: unknown[] = []
  const outcomes = notRun(plan)
  for (const [index, step] of plan.steps.entries()) {
    progress(plan, index, options)
    try {
      results.push(await step.run(results))
      outcomes[index].status = 'done'
    } catch (error) {
      outcomes[index].status = 'failed'
      throw failure(plan, index, results, outcomes, error)
    }
  }
  return {plan: describePlan(plan), outcomes, results}
}

/**
 * Runs independent steps, up to `concurrency` at once, to the end: a failed step is recorded in its
 * outcome (AWS's error as apigw reports it) and the others go on. Anything but an ApigwError is a
 * bug, and is thrown.
 */
async function runIndependently(plan: Plan, concurrency: number, options: RunOptions): Promise<PlanRun> {
  const results: unknown[] = plan.steps.map(() => undefined)
  const outcomes = notRun(plan)
  await mapConcurrently(plan.steps, concurrency, async (step, index) => {
    progress(plan, index, options)
    try {
      results[index] = await step.run([])
      outcomes[index].status = 'done'
    } catch (error) {
      if (!(error instanceof ApigwError)) throw error
      outcomes[index].status = 'failed'
      outcomes[index].error = error
    }
  })
  return {plan: describePlan(plan), outcomes, results}
}

const notRun = (plan: Plan): StepOutcome[] => plan.steps.map((step, index) => ({step: index + 1, operation: step.operation, summary: step.summary, status: 'not run'}))

function progress(plan: Plan, index: number, options: RunOptions): void {
  options.onProgress?.(`[${index + 1}/${plan.steps.length}] ${plan.steps[index].summary} (${plan.steps[index].operation})`)
}

function failure(plan: Plan, failed: number, results: StepResults, outcomes: StepOutcome[], error: unknown): unknown {
  if (failed === 0 && !plan.continues) return error
  const cause = error instanceof Error ? error.message : String(error)
  const lines = outcomes.map((outcome) => `  ${outcome.status.padEnd(7)}  ${outcome.step}. ${outcome.summary} (${outcome.operation})`)
  const recovery = plan.recovery?.(failed, results)
  return new ApigwError(`Step ${failed + 1} of ${plan.steps.length} failed: ${cause}\n${lines.join('\n')}`, {
    code: 'PARTIAL_FAILURE',
    exitCode: ExitCode.partial,
    suggestions: recovery ? [recovery] : ['Try: run the command again; the steps that are done are listed above'],
    cause: error,
  })
}
