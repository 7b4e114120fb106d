import type {ApiKey} from '../aws/index.js'
import type {AwsSession} from '../aws/index.js'
import {ApigwError, ExitCode} from '../errors.js'
import {fromStep, sentInput, type ChangeStep, type StepResults} from '../change/index.js'
import type {PreparedChange} from '../change/index.js'
import {attachKeyStep, MAX_PLANS_PER_KEY} from '../usage-plans/index.js'
import {planNames} from '../usage-plans/index.js'
import {resolvePlan} from '../usage-plans/index.js'
import {plural} from '../util/text.js'
import type {CreateKeyRequest} from './create-options.js'
import {newKeyPlansProblem} from './new-key-plans.js'
import type {KeyDetails} from './show.js'
import {keySummary, planRef} from './summary.js'
import {writeValueFile} from './value-file.js'

/** What a change shows instead of a key value. */
export const HIDDEN_VALUE = '<value hidden>'

/** The stable JSON shape of `keys create` (docs/json.md). */
export interface CreatedKey {
  key: KeyDetails
  /** The file the value was written to (--out), else null. */
  valueFile: string | null
}

export interface CreationHooks {
  /** Called with a value AWS generated as soon as it exists, before anything else is printed (GitHub Actions masking). */
  onGeneratedValue(value: string): void
}

/**
 * Prepares a new key: CreateApiKey with `enabled` set explicitly (AWS's default is disabled), then one
 * CreateUsagePlanKey per plan, with the id step 1 returns. The plans are resolved and AWS's
 * membership rules checked before anything is created. With --out, the value is written as soon
 * as the key exists, so that a later failure cannot lose it.
 */
export async function prepareKeyCreation(session: AwsSession, request: CreateKeyRequest, hooks: CreationHooks): Promise<PreparedChange<CreatedKey>> {
  const listed = request.plans.length > 0 ? await (await session.rest()).listUsagePlans() : []
  const plans = await Promise.all(request.plans.map((reference) => resolvePlan(session, reference, listed)))
  const problem = newKeyPlansProblem(plans, {id: 'new', name: request.name})
  if (problem) {
    throw new ApigwError(problem.message, {
      code: problem.code,
      exitCode: problem.exitCode,
      suggestions: [`Try: --plan with each plan once, at most ${MAX_PLANS_PER_KEY}, and no two covering the same API stage`],
    })
  }
  const newKey = {id: fromStep(1, 'key id'), name: request.name}
  const keyId = (results: StepResults) => (results[0] as ApiKey).id ?? ''
  const attachSteps = plans.map((plan): ChangeStep => ({
    ...attachKeyStep(session, plan, newKey),
    run: async (results) => (await session.rest()).createUsagePlanKey(plan.id ?? '', keyId(results)),
  }))
  return {
    change: {
      summary: creationSummary(request, plans.length),
      severity: 'safe',
      steps: [createStep(session, request, hooks), ...attachSteps],
      recovery: (failed, results) => recovery(request, plans.map(planRef), failed, results[0] as ApiKey),
    },
    result(run) {
      const key = run.results[0] as ApiKey
      const details: KeyDetails = {
        ...keySummary(key, plans.map(planRef)),
        lastUpdatedDate: key.lastUpdatedDate?.toISOString() ?? null,
        stageKeys: key.stageKeys ?? [],
        tags: key.tags ?? request.tags,
      }
      if (request.showValue) details.value = key.value
      return {key: details, valueFile: request.out ?? null}
    },
    nextSteps: (created) =>
      request.value === undefined && !request.showValue && request.out === undefined
        ? [`The value AWS generated is not shown. Get it when needed with: apigw keys show ${created.key.id} --show-value`]
        : [],
  }
}

function creationSummary(request: CreateKeyRequest, plans: number): string {
  const parts = [`create ${request.enabled ? 'an enabled' : 'a disabled'} API key "${request.name}"`]
  if (plans > 0) parts.push(`in ${plural(plans, 'usage plan')}`)
  if (request.out !== undefined) parts.push(`with its value written to ${request.out}`)
  return parts.join(' ')
}

function createStep(session: AwsSession, request: CreateKeyRequest, hooks: CreationHooks): ChangeStep {
  const tags = Object.keys(request.tags).length > 0 ? request.tags : undefined
  const input = {name: request.name, description: request.description, enabled: request.enabled, customerId: request.customerId, value: request.value, tags}
  return {
    service: 'apigateway',
    operation: 'CreateApiKey',
    input: sentInput({...input, value: request.value === undefined ? undefined : HIDDEN_VALUE}),
    summary: `create API key "${request.name}"${request.value === undefined ? ' (AWS generates the value)' : ''}`,
    run: async () => {
      const key = await (await session.rest()).createApiKey(input)
      if (request.value === undefined && key.value) hooks.onGeneratedValue(key.value)
      if (request.out !== undefined) await writeValue(request.out, key)
      return key
    },
  }
}

/** The key exists once CreateApiKey answered: a file that cannot be written must not hide that. */
async function writeValue(path: string, key: ApiKey): Promise<void> {
  try {
    await writeValueFile(path, key.value ?? '')
  } catch (error) {
    throw new ApigwError(`API key ${key.id} was created, but its value could not be written: ${(error as Error).message}`, {
      code: 'VALUE_NOT_WRITTEN',
      exitCode: ExitCode.partial,
      suggestions: [`Try: apigw keys show ${key.id} --show-value, to get the value`],
      cause: error,
    })
  }
}

/** After CreateApiKey, a failed attachment: the key exists; finish the attachments, or delete it. */
function recovery(request: CreateKeyRequest, plans: Array<{id: string; name: string}>, failed: number, key: ApiKey): string {
  const id = key.id ?? ''
  const done = plans.slice(0, failed - 1)
  const missing = plans.slice(failed - 1)
  const where = request.out !== undefined ? `Its value is in ${request.out}.` : `Get its value with: apigw keys show ${id} --show-value`
  return [
    `API key ${id} was created${done.length > 0 ? ` and added to ${planNames(done)}` : ''}, but not to ${planNames(missing)}. ${where}`,
    `Try: ${missing.map((plan) => `apigw plans attach ${plan.id} ${id}`).join(' && ')} (to finish)`,
    `Or: apigw keys delete ${id} --confirm ${id} (to undo)`,
  ].join('\n')
}
