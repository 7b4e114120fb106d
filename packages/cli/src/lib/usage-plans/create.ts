import type {RestGateway, UsagePlan} from '../aws/index.js'
import type {AwsSession} from '../aws/index.js'
import {usageError} from '../errors.js'
import {sentInput} from '../change/index.js'
import {resolveApiStages} from './api-stages.js'
import {quotaArgument, throttleArgument} from './commands.js'
import type {ApiStageReference, UsagePlanQuota, UsagePlanThrottle} from './options.js'
import type {PreparedChange} from '../change/index.js'
import {apiStageText, summarizePlan, type UsagePlanShown} from './summary.js'

export interface CreateUsagePlanOptions {
  name: string
  description?: string
  throttle?: UsagePlanThrottle
  quota?: UsagePlanQuota
  stages: ApiStageReference[]
}

/**
 * Prepares CreateUsagePlan. Every `--stage` is checked first (a REST API, a stage that exists), so a
 * typo fails before anything is created; a name another plan has is allowed, with a warning.
 */
export async function prepareCreate(session: AwsSession, options: CreateUsagePlanOptions): Promise<PreparedChange<UsagePlanShown>> {
  const name = options.name.trim()
  if (name === '') throw usageError('--name is empty: a usage plan needs a name.', ['Try: --name gold'], 'EMPTY_PLAN_NAME')
  const gateway = await session.rest()
  const [apiStages, plans] = await Promise.all([resolveApiStages(session, options.stages, '--stage'), gateway.listUsagePlans()])
  const namesakes = plans.filter((plan) => plan.name === name).map((plan) => plan.id)
  const input: Parameters<RestGateway['createUsagePlan']>[0] = {
    name,
    description: options.description,
    apiStages: apiStages.length > 0 ? apiStages.map(({apiId, stage}) => ({apiId, stage})) : undefined,
    throttle: options.throttle,
    quota: options.quota,
  }
  const details = [
    apiStages.length > 0 ? `covering ${apiStages.map(apiStageText).join(', ')}` : 'covering no API stages yet',
    options.throttle ? `throttle ${throttleArgument(options.throttle)}` : undefined,
    options.quota ? `quota ${quotaArgument(options.quota)}` : undefined,
  ].filter(Boolean)
  const summary = `create usage plan "${name}", ${details.join(', ')}`
  return {
    change: {
      summary,
      severity: 'safe',
      steps: [{service: 'apigateway', operation: 'CreateUsagePlan', input: sentInput({...input}), summary: `create usage plan "${name}"`, run: () => gateway.createUsagePlan(input)}],
    },
    warnings:
      namesakes.length > 0
        ? [`A usage plan named "${name}" already exists (${namesakes.join(', ')}): commands that name the plan "${name}" will then need its id.`]
        : [],
    result: async (run) => ({plan: summarizePlan(run.results[0] as UsagePlan, new Map(apiStages.map((apiStage) => [apiStage.apiId, apiStage.apiName ?? '']))), keys: []}),
  }
}
