import type {ServiceName} from '../aws/index.js'

/**
 * How much a change can hurt, which decides how it is confirmed:
 * - safe: creates or adds; runs without asking;
 * - destructive: replaces or removes something that can be recreated; asks on a TTY, else needs --yes;
 * - severe: deletes what cannot be recreated (an API); asks to type its name, else needs --confirm <name>.
 */
export type Severity = 'safe' | 'destructive' | 'severe'

/** The results of the steps run so far, by step index, for steps whose input depends on them. */
export type StepResults = readonly unknown[]

export interface ChangeStep {
  service: ServiceName
  /** The AWS operation, as AWS names it: "DeleteRestApi". */
  operation: string
  /** The exact input sent. Values known only after an earlier step are shown as "<… from step N>". */
  input: Record<string, unknown>
  /** One line for people: 'delete REST API "shop" (a1b2c3d4e5)'. */
  summary: string
  run(results: StepResults): Promise<unknown>
}

/**
 * A change: a write to AWS as an ordered list of steps, each naming the AWS operation and its exact
 * input, so that --dry-run shows it and the runner (runner.ts) reports what ran when one fails.
 */
export interface Change {
  /** What the whole change does, for people: 'import shop.yaml as a new REST API'. */
  summary: string
  severity: Severity
  steps: ChangeStep[]
  /** After a failure at step `failed` (0-based), how to resume or undo, e.g. 'Try: apigw deploy …'. */
  recovery?(failed: number, results: StepResults): string | undefined
  /** The change finishes what an earlier run (or phase) began: a failure even at its first step leaves a partial state. */
  continues?: boolean
  /**
   * Steps that depend on none of the others (one per stage of a fleet, say): up to `concurrency`
   * run at once, and a failed step stops none of the others; its outcome says why.
   */
  independentSteps?: {concurrency: number}
}

/** A change as data: what --dry-run prints, and what --json shows of a run. */
export interface ChangeDescription {
  summary: string
  severity: Severity
  steps: Array<{step: number; service: ServiceName; operation: string; summary: string; input: Record<string, unknown>}>
}

export function describeChange(change: Change): ChangeDescription {
  return {
    summary: change.summary,
    severity: change.severity,
    steps: change.steps.map((step, index) => ({step: index + 1, service: step.service, operation: step.operation, summary: step.summary, input: step.input})),
  }
}

/** The placeholder shown in a step's input for a value an earlier step produces. */
export const fromStep = (step: number, what: string) => `<${what} from step ${step}>`

/** An input as a change shows it: without the fields that are not sent. */
export function sentInput(input: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined))
}
