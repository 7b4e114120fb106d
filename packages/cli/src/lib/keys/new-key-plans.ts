import type {UsagePlan} from '../aws/index.js'
import type {ApigwError} from '../errors.js'
import {attachProblem, type KeyReference} from '../usage-plans/index.js'

/**
 * Why AWS would refuse to put a new key in all these plans, one after the other: a plan named
 * twice, more than 10 plans, or two plans covering the same API stage. `key` names the key in
 * the message (its id is not known yet). Undefined when every attachment would succeed.
 */
export function newKeyPlansProblem(plans: UsagePlan[], key: KeyReference): ApigwError | undefined {
  for (const [index, plan] of plans.entries()) {
    const problem = attachProblem(plan, key, plans.slice(0, index))
    if (problem) return problem
  }
  return undefined
}
