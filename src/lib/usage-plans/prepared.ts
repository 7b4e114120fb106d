import type {Plan, PlanRun} from '../plan/index.js'

/** A usage plan change ready to carry out: the plan of AWS calls, what to say around it, and its result. */
export interface PreparedPlanChange<T> {
  plan: Plan
  /** For a severe plan: the name the operator types, or passes as --confirm. */
  confirmName?: string
  /** Worth saying before anything runs (stderr). */
  notices: string[]
  /** Worth saying once it ran, e.g. how to undo it (stderr). */
  afterwards: string[]
  /** The result, once the plan ran. */
  result(run: PlanRun): Promise<T>
}
