import {ApigwError, ExitCode} from '../errors.js'
import {describePlan, type Plan, type PlanDescription, type StepResults} from './plan.js'

export interface StepOutcome {
  step: number
  operation: string
  summary: string
  status: 'done' | 'failed' | 'not run'
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
  const results: unknown[] = []
  const outcomes: StepOutcome[] = plan.steps.map((step, index) => ({step: index + 1, operation: step.operation, summary: step.summary, status: 'not run'}))
  for (const [index, step] of plan.steps.entries()) {
    options.onProgress?.(`[${index + 1}/${plan.steps.length}] ${step.summary} (${step.operation})`)
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
