import type {ApiKey, UsagePlan} from '../aws/index.js'
import type {AwsSession} from '../aws/index.js'
import {ApigwError, ExitCode} from '../errors.js'
import type {ChangeStep, Severity} from '../change/index.js'
import type {PreparedChange} from '../change/index.js'
import {keyLabel, type KeyReference} from '../usage-plans/index.js'
import {formatTimeLeft} from '../util/duration.js'
import {plural, shellQuote} from '../util/text.js'
import {resolveKey} from '../catalog/index.js'
import {ROTATION_TAGS, rotationOfKey, tagDate, wholeSecond, type Rotation} from './rotation-state.js'
import {keyReference, plansMissing, rotationSummary, suggested, type RotationSummary} from './rotation-summary.js'
import {deleteKeyStep, setKeyEnabledStep, tagKeyStep} from './steps.js'
import {dailyRequests, requestsInLastDay} from './usage.js'

export interface FinalizeOptions {
  /** The old or the new key of the rotation: id or name. */
  key: string
  /** Disable the old key even if it had traffic in the last day. */
  force: boolean
  /** Delete the old key instead of disabling it. */
  delete: boolean
  now: number
}

/** What ends a rotation: the old key disabled (or deleted), then the new key marked finalized. */
export interface FinalizeState {
  oldKey?: ApiKey
  newKey: KeyReference
  finalized: boolean
  delete: boolean
  now: number
}

/** The steps that end a rotation, leaving out those already done (so a second run finishes a first one). */
export function finalizeSteps(session: AwsSession, state: FinalizeState): ChangeStep[] {
  const steps: ChangeStep[] = []
  if (state.oldKey && state.delete) steps.push(deleteKeyStep(session, keyReference(state.oldKey)))
  else if (state.oldKey?.enabled) steps.push(setKeyEnabledStep(session, keyReference(state.oldKey), false))
  if (!state.finalized) steps.push(tagKeyStep(session, state.newKey, () => ({[ROTATION_TAGS.finalized]: tagDate(wholeSecond(state.now))}), 'the rotation is finalized'))
  return steps
}

/** The command that finishes a finalization that stopped part-way. */
export function finalizeCommand(newKeyId: string, options: {force: boolean; delete: boolean; confirmName?: string}): string {
  const deletion = options.delete && options.confirmName !== undefined ? ` --delete --confirm ${shellQuote(options.confirmName)}` : ''
  return `apigw keys rotate ${newKeyId} --finalize${options.force ? ' --force' : ''}${deletion}`
}

/**
 * Prepares the end of a rotation, named by its old or its new key: refused (exit 5) while the new key
 * is not yet in every plan of the old key or the old key is not yet tagged (the start did not
 * finish, so customers may not have the new value), and while the old key had traffic in the last
 * day unless `force`. Before the grace deadline it is a destructive change (asked for), after it a
 * planned one; deleting the old key is severe (its name to confirm).
 */
export async function prepareFinalize(session: AwsSession, options: FinalizeOptions): Promise<PreparedChange<RotationSummary>> {
  const key = await resolveKey(session, options.key)
  const rest = await session.rest()
  const rotation = rotationOfKey(await rest.listApiKeys(), key)
  if (!rotation) {
    throw new ApigwError(`The ${keyLabel(keyReference(key))} is in no rotation: it has neither tag ${ROTATION_TAGS.rotationOf} nor a key naming it so.`, {
      code: 'ROTATION_NOT_FOUND',
      exitCode: ExitCode.notFound,
      suggestions: [`Try: ${suggested(session, `apigw keys rotate ${key.id}`)}, to start one`, `Or: ${suggested(session, 'apigw keys rotations')}, to see those in progress`],
    })
  }
  const {oldKey, newKey} = rotation
  const [oldPlans, newPlans] = await Promise.all([oldKey ? rest.listUsagePlansOfKey(oldKey.id ?? '') : [], rest.listUsagePlansOfKey(newKey.id ?? '')])
  const finalized = rotation.finalizedAt !== undefined
  if (!finalized && oldKey) refuseUnfinishedStart(session, rotation, oldPlans, newPlans)
  const warnings: string[] = []
  const beforeDeadline = !finalized && options.now < rotation.graceUntil.getTime()
  if (beforeDeadline) {
    warnings.push(
      `The grace period runs until ${tagDate(rotation.graceUntil)} (${formatTimeLeft(rotation.graceUntil.getTime() - options.now)} left): customers may not have switched to the new key yet.`,
    )
  }
  const deleting = options.delete && oldKey !== undefined
  const confirmName = deleting ? (oldKey.name ?? oldKey.id) : undefined
  const resume = (force: boolean) => suggested(session, finalizeCommand(newKey.id ?? '', {force, delete: options.delete, confirmName}))
  if (oldKey?.enabled && !options.force) await refuseIfInUse(session, oldKey, oldPlans, options, resume(true))

  const steps = finalizeSteps(session, {oldKey, newKey: keyReference(newKey), finalized, delete: options.delete, now: options.now})
  if (steps.length === 0) warnings.push(`The rotation to the ${keyLabel(keyReference(newKey))} was finalized at ${rotation.finalizedAt && tagDate(rotation.finalizedAt)}; nothing to do.`)
  // An old key already gone (a run that stopped after deleting it) leaves only the finalized tag to write: nothing to confirm.
  const severity: Severity = deleting ? 'severe' : beforeDeadline && oldKey ? 'destructive' : 'safe'
  const ending = oldKey ? `${deleting ? 'delete' : 'disable'} it` : 'it is already deleted'
  const after = rotationSummary({
    oldKeyId: rotation.oldKeyId,
    oldKey: oldKey && {name: oldKey.name, enabled: false, deleted: deleting},
    newKey: {...keyReference(newKey), enabled: newKey.enabled ?? false},
    plans: oldKey ? oldPlans : newPlans,
    graceUntil: rotation.graceUntil,
    status: 'finalized',
    finalizedAt: rotation.finalizedAt ?? wholeSecond(options.now),
  })
  return {
    change: {
      summary: `finalize the rotation of ${keyLabel({id: rotation.oldKeyId, name: oldKey?.name})}: ${ending}, the ${keyLabel(keyReference(newKey))} stays`,
      severity,
      steps,
      recovery: () => `Try: ${resume(options.force)}`,
    },
    // With --delete: the old key's name (else id).
    confirmName,
    warnings,
    // The rotation once the change has run.
    result: () => after,
  }
}

/** Finalizing before the start finished could cut off customers who were never given the new value. */
function refuseUnfinishedStart(session: AwsSession, rotation: Rotation, oldPlans: UsagePlan[], newPlans: UsagePlan[]): void {
  const missing = plansMissing(oldPlans, newPlans)
  if (missing.length === 0 && rotation.oldKeyTagged) return
  const where = missing.length > 0 ? `the new key is in ${oldPlans.length - missing.length} of the old key's ${plural(oldPlans.length, 'usage plan')}` : `the old key is not yet tagged ${ROTATION_TAGS.rotatedTo}`
  throw new ApigwError(`The rotation of ${rotation.oldKeyId} has not finished starting: ${where}, and its new value may not have been handed out.`, {
    code: 'ROTATION_NOT_STARTED',
    exitCode: ExitCode.conflict,
    suggestions: [`Try: ${suggested(session, `apigw keys rotate ${rotation.oldKeyId}`)} (finishes starting it, then hands out the value)`],
  })
}

/** Refuses (exit 5) to cut off a key that clients used yesterday or today (GetUsage counts whole UTC days). */
async function refuseIfInUse(session: AwsSession, oldKey: ApiKey, plans: UsagePlan[], options: FinalizeOptions, forceCommand: string): Promise<void> {
  if (plans.length === 0) return
  const oldKeyId = oldKey.id ?? ''
  const usage = await dailyRequests(session, plans.map((plan) => plan.id ?? ''), [oldKeyId], 2, options.now)
  const requests = requestsInLastDay(usage.byKey[oldKeyId])
  if (requests === 0) return
  throw new ApigwError(
    `The old ${keyLabel(keyReference(oldKey))} had ${requests.toLocaleString('en-US')} ${requests === 1 ? 'request' : 'requests'} yesterday and today (UTC); ${options.delete ? 'deleting' : 'disabling'} it would cut those clients off.`,
    {
      code: 'OLD_KEY_IN_USE',
      exitCode: ExitCode.conflict,
      suggestions: [`Try: ${suggested(session, 'apigw keys rotations')}, to watch until the old key is idle`, `Or: ${forceCommand}, to cut it off anyway`],
    },
  )
}
