import type {PatchOperation} from '../aws/index.js'
import type {AwsSession} from '../aws/index.js'
import {ApigwError, ExitCode, usageError} from '../errors.js'
import {AWS_FAN_OUT, mapConcurrently} from '../util/concurrency.js'
import {planApiStage, resolveApiStages, sameApiStage} from './api-stages.js'
import {apiStageArgument, plansCommand, quotaArgument, throttleArgument} from './commands.js'
import {keyLabel, usagePlanLabel} from './membership.js'
import type {ApiStageReference, UsagePlanQuota, UsagePlanThrottle, Removable} from './options.js'
import type {PreparedChange} from '../change/index.js'
import {exclusively, restArn} from '../change/index.js'
import {requireWritten, type Written} from '../change/index.js'
import {capitalize} from '../util/text.js'
import {resolvePlan} from './resolve.js'
import {apiStageText, keyReference, keysLoseAccess, planKeys, restApiNames, someOf, summarizePlan, type UsagePlanApiStage, type KeyInUsagePlan, type UsagePlanShown, type UsagePlanSummary} from './summary.js'

export interface SetUsagePlanOptions {
  plan: string
  name?: string
  description?: string
  throttle?: Removable<UsagePlanThrottle>
  quota?: Removable<UsagePlanQuota>
  addStages: ApiStageReference[]
  removeStages: ApiStageReference[]
}

const SETTING_FLAGS = '--name, --description, --throttle rate:burst|off, --quota N/period|off, --add-stage api:stage, --remove-stage api:stage'


/** One setting changed, as patch operations, a phrase for the change's summary, and the flags that undo it. */
interface SettingChange {
  operations: PatchOperation[]
  phrase: string
  undo: string[]
}

/**
 * Prepares ONE UpdateUsagePlan with every change asked for. Checked first, as AWS would refuse them:
 * added stages must be REST stages that exist, not already covered, and not covered by another plan
 * that one of this plan's keys is in (one plan per API stage per key); removed stages must be in the
 * plan. Removing a stage cuts this plan's keys off from it, so that is destructive.
 */
export async function prepareSet(session: AwsSession, options: SetUsagePlanOptions): Promise<PreparedChange<UsagePlanShown>> {
  const {name, description, throttle, quota, addStages, removeStages} = options
  if ([name, description, throttle, quota].every((value) => value === undefined) && addStages.length === 0 && removeStages.length === 0) {
    throw usageError(`Nothing to set: give at least one of ${SETTING_FLAGS}.`, [`Try: apigw plans set ${options.plan} --throttle 100:200`], 'NO_SETTINGS')
  }
  const both = addStages.find((added) => removeStages.some((removed) => removed.api === added.api && removed.stage.toLowerCase() === added.stage.toLowerCase()))
  if (both) throw bothWays(`${both.api}:${both.stage}`)
  if (name !== undefined && name.trim() === '') throw usageError('--name is empty: a usage plan needs a name.', ['Try: --name gold'], 'EMPTY_PLAN_NAME')
  const [found, apiNames] = await Promise.all([resolvePlan(session, options.plan), restApiNames(session)])
  const before = summarizePlan(found, apiNames)
  const removed = unique(removeStages.map((reference) => planApiStage(before, reference, '--remove-stage')))
  const added = await resolveApiStages(session, addStages, '--add-stage')
  checkStageChanges(before, added, removed)
  const keys = await planKeys(session, before.id)
  if (added.length > 0 && keys.length > 0) await checkOnePlanPerStage(session, before, added, keys)

  const {changes, notices} = changesOf(options, before, added, removed, keys)
  const patchOperations = changes.flatMap((change) => change.operations)
  const summary = `update ${usagePlanLabel(before)}: ${changes.map((change) => change.phrase).join(', ') || 'nothing to change'}`
  const gateway = await session.rest()
  return {
    change: {
      summary,
      severity: removed.length > 0 && keys.length > 0 ? 'destructive' : 'safe',
      steps:
        patchOperations.length === 0
          ? []
          : [{service: 'apigateway', operation: 'UpdateUsagePlan', input: {usagePlanId: before.id, patchOperations}, summary, run: () => exclusively(session, restArn(session, `/usageplans/${before.id}`), {subject: capitalize(usagePlanLabel(before)), look: plansCommand('show', before.id)}, () => gateway.updateUsagePlan(before.id, patchOperations))}],
    },
    warnings: notices,
    afterwards: changes.length > 0 ? [`Undo: ${plansCommand('set', before.id, ...changes.flatMap((change) => change.undo))}`] : [],
    result: async (run) => {
      if (run.outcomes.length === 0) return {plan: before, keys}
      const now = summarizePlan(await gateway.getUsagePlan(before.id), apiNames)
      requireWritten(planWritten(options, added, removed, now), {subject: capitalize(usagePlanLabel(before)), look: plansCommand('show', before.id)})
      return {plan: now, keys}
    },
  }
}

/** Each value `plans set` wrote, beside what the plan read back holds. */
function planWritten(options: SetUsagePlanOptions, added: UsagePlanApiStage[], removed: UsagePlanApiStage[], now: UsagePlanSummary): Written[] {
  const {name, description, throttle, quota} = options
  const covers = (apiStage: UsagePlanApiStage) => now.apiStages.some((other) => sameApiStage(other, apiStage))
  const coverage = (value: unknown) => (value ? 'covered' : 'not covered')
  return [
    ...(name === undefined ? [] : [{what: 'name', wrote: name.trim(), holds: now.name}]),
    ...(description === undefined ? [] : [{what: 'description', wrote: description, holds: now.description ?? ''}]),
    ...(throttle === undefined ? [] : [{what: 'throttle', wrote: throttle === 'off' ? null : throttleArgument(throttle), holds: now.throttle && throttleArgument(now.throttle)}]),
    ...(quota === undefined ? [] : [{what: 'quota', wrote: quota === 'off' ? null : quotaArgument(quota), holds: now.quota && quotaArgument(now.quota)}]),
    ...added.map((apiStage) => ({what: apiStageText(apiStage), wrote: true, holds: covers(apiStage), text: coverage})),
    ...removed.map((apiStage) => ({what: apiStageText(apiStage), wrote: false, holds: covers(apiStage), text: coverage})),
  ]
}

/** Each change asked for, in patch order; removing a throttle or quota the plan lacks is a notice instead. */
function changesOf(options: SetUsagePlanOptions, before: UsagePlanSummary, added: UsagePlanApiStage[], removed: UsagePlanApiStage[], keys: KeyInUsagePlan[]): {changes: SettingChange[]; notices: string[]} {
  const {name, description, throttle, quota} = options
  const notices: string[] = []
  const changes: SettingChange[] = []
  if (name !== undefined) changes.push(replace('/name', name.trim(), `name "${before.name}" → "${name.trim()}"`, ['--name', before.name]))
  if (description !== undefined) changes.push(replace('/description', description, `description → "${description}"`, ['--description', before.description ?? '']))
  const throttleChange = settingChange('throttle', throttle, before.throttle, throttleArgument, (value) => [
    {op: 'replace', path: '/throttle/rateLimit', value: String(value.rateLimit)},
    {op: 'replace', path: '/throttle/burstLimit', value: String(value.burstLimit)},
  ])
  const quotaChange = settingChange('quota', quota, before.quota, quotaArgument, (value) => [
    {op: 'replace', path: '/quota/limit', value: String(value.limit)},
    {op: 'replace', path: '/quota/period', value: value.period},
  ])
  for (const change of [throttleChange, quotaChange]) {
    if (typeof change === 'string') notices.push(`The ${usagePlanLabel(before)} ${change}; nothing to remove.`)
    else if (change) changes.push(change)
  }
  const losing = keys.map((key) => keyLabel(keyReference(key)))
  for (const apiStage of removed) {
    const cutOff = losing.length > 0 ? ` (${keysLoseAccess(losing.length)} to it: ${someOf(losing)})` : ''
    changes.push({operations: [{op: 'remove', path: '/apiStages', value: apiStageArgument(apiStage)}], phrase: `remove ${apiStageText(apiStage)}${cutOff}`, undo: ['--add-stage', apiStageArgument(apiStage)]})
  }
  for (const apiStage of added) {
    changes.push({operations: [{op: 'add', path: '/apiStages', value: apiStageArgument(apiStage)}], phrase: `add ${apiStageText(apiStage)}`, undo: ['--remove-stage', apiStageArgument(apiStage)]})
  }
  return {changes, notices}
}

const replace = (path: string, value: string, phrase: string, undo: string[]): SettingChange => ({operations: [{op: 'replace', path, value}], phrase, undo})

/**
 * A throttle or quota change: the new value's operations, or `remove /<setting>` for `off`. A
 * removal of what the plan does not have is no change (a sentence to say so), not a call.
 */
function settingChange<T, Current>(
  setting: 'throttle' | 'quota',
  wanted: Removable<T> | undefined,
  current: Current | null,
  text: (value: T | Current) => string,
  operations: (value: T) => PatchOperation[],
): SettingChange | string | undefined {
  if (wanted === undefined) return undefined
  const undo = [`--${setting}`, current ? text(current) : 'off']
  const was = current ? text(current) : 'none'
  if (wanted === 'off') return current ? {operations: [{op: 'remove', path: `/${setting}`}], phrase: `${setting} ${was} → off`, undo} : `has no ${setting}`
  return {operations: operations(wanted), phrase: `${setting} ${was} → ${text(wanted)}`, undo}
}

const unique = (apiStages: UsagePlanApiStage[]) => apiStages.filter((apiStage, index) => apiStages.findIndex((other) => sameApiStage(other, apiStage)) === index)

const bothWays = (apiStage: string) => usageError(`${apiStage} is given to both --add-stage and --remove-stage.`, ['Try: one of the two'], 'INVALID_OPTION')

/** A stage both added and removed, or added while the plan has it, is refused before any call. */
function checkStageChanges(plan: UsagePlanSummary, added: UsagePlanApiStage[], removed: UsagePlanApiStage[]): void {
  const both = added.find((apiStage) => removed.some((other) => sameApiStage(other, apiStage)))
  if (both) throw bothWays(apiStageText(both))
  const covered = added.find((apiStage) => plan.apiStages.some((other) => sameApiStage(other, apiStage)))
  if (covered) {
    throw new ApigwError(`The ${usagePlanLabel(plan)} already covers ${apiStageText(covered)}.`, {
      code: 'STAGE_ALREADY_IN_PLAN',
      exitCode: ExitCode.conflict,
      suggestions: [`Try: apigw plans show ${plan.id}`],
    })
  }
}

/**
 * A key may be in only one usage plan per API stage: refuses (exit 5) adding a stage that another
 * plan covers when a key of this plan is in that plan too, naming the key and the plan.
 */
async function checkOnePlanPerStage(session: AwsSession, plan: UsagePlanSummary, added: UsagePlanApiStage[], keys: KeyInUsagePlan[]): Promise<void> {
  const gateway = await session.rest()
  const others = (await gateway.listUsagePlans())
    .filter((other) => other.id !== plan.id)
    .map((other) => ({other, shared: added.filter((apiStage) => (other.apiStages ?? []).some(({apiId = '', stage = ''}) => sameApiStage({apiId, stage}, apiStage)))}))
    .filter(({shared}) => shared.length > 0)
  const members = await mapConcurrently(others, AWS_FAN_OUT, async ({other}) => new Set((await gateway.listUsagePlanKeys(other.id ?? '')).map((key) => key.id)))
  for (const [index, {other, shared}] of others.entries()) {
    const key = keys.find((candidate) => members[index].has(candidate.id))
    if (!key) continue
    const stage = apiStageText(shared[0])
    throw new ApigwError(
      `Adding ${stage} to the ${usagePlanLabel(plan)} would put its ${keyLabel(keyReference(key))} in two plans for that stage: the key is also in the ${usagePlanLabel({id: other.id, name: other.name})}, which covers ${stage}. AWS allows a key in one usage plan per API stage.`,
      {
        code: 'ONE_PLAN_PER_API_STAGE',
        exitCode: ExitCode.conflict,
        suggestions: [`Try: ${plansCommand('detach', other.id ?? '', key.id)} first`, `Or: ${plansCommand('set', other.id ?? '', '--remove-stage', apiStageArgument(shared[0]))}`],
      },
    )
  }
}
