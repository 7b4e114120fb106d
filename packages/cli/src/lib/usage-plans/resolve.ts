import type {AwsSession, UsagePlan} from '../aws/index.js'
import {ApigwError, ExitCode, usageError} from '../errors.js'
import {notFoundByIdOrName} from '../catalog/index.js'

/**
 * Finds the usage plan an operator means: an id, else an exact name. A name shared by several
 * plans is refused (exit 5) rather than guessed. One GetUsagePlans listing answers both; a caller
 * that has read the listing already passes it as `listed`, so several plans cost one listing.
 */
export async function resolvePlan(session: AwsSession, reference: string, listed?: UsagePlan[]): Promise<UsagePlan> {
  const wanted = reference.trim()
  if (wanted === '') throw usageError('The usage plan is empty: it takes a plan id or name.', ['Try: apigw plans list, to see ids and names'], 'EMPTY_PLAN_REFERENCE')
  const plans = listed ?? (await (await session.rest()).listUsagePlans())
  const byId = plans.find((plan) => plan.id === wanted)
  if (byId) return byId
  const named = plans.filter((plan) => plan.name === wanted)
  if (named.length === 1) return named[0]
  if (named.length > 1) {
    throw new ApigwError(`${named.length} usage plans are named "${wanted}": ${named.map((plan) => plan.id).join(', ')}.`, {
      code: 'AMBIGUOUS_PLAN_NAME',
      exitCode: ExitCode.conflict,
      suggestions: [`Try: name the plan by id, e.g. ${named[0].id}`],
    })
  }
  throw notFoundByIdOrName(session, {what: 'usage plan', code: 'PLAN_NOT_FOUND', wanted, names: plans.map((plan) => plan.name ?? ''), list: 'plans list'})
}
