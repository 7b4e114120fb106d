import {shellQuote} from '../util/text.js'
import type {UsagePlanThrottle, UsagePlanQuota} from './options.js'
import type {UsagePlanApiStage, UsagePlanSummary} from './summary.js'

/**
 * The apigw commands that put a usage plan back as it was: what undo lines, recovery suggestions
 * and the recreate list after `plans delete` print, so nothing is lost without a way back.
 */

export const throttleArgument = (throttle: NonNullable<UsagePlanSummary['throttle']> | UsagePlanThrottle) => `${throttle.rateLimit ?? 0}:${throttle.burstLimit ?? 0}`
export const quotaArgument = (quota: UsagePlanQuota) => `${quota.limit}/${quota.period.toLowerCase()}`
/** By id: names of deleted APIs are gone, and ids are never ambiguous. */
export const apiStageArgument = (apiStage: Pick<UsagePlanApiStage, 'apiId' | 'stage'>) => `${apiStage.apiId}:${apiStage.stage}`

export const plansCommand = (...args: string[]) => ['apigw', 'plans', ...args.map(shellQuote)].join(' ')

/** `apigw plans create …` with everything of the plan that the flags can say. */
export function createCommand(plan: UsagePlanSummary): string {
  return plansCommand(
    'create',
    '--name',
    plan.name,
    ...(plan.description ? ['--description', plan.description] : []),
    ...(plan.throttle ? ['--throttle', throttleArgument(plan.throttle)] : []),
    ...(plan.quota ? ['--quota', quotaArgument(plan.quota)] : []),
    ...plan.apiStages.flatMap((apiStage) => ['--stage', apiStageArgument(apiStage)]),
  )
}
