import {randomBytes} from 'node:crypto'
import {readFile} from 'node:fs/promises'
import type {ApiKey, UsagePlan} from '../aws/index.js'
import type {AwsSession} from '../aws/index.js'
import {ApigwError, ExitCode, usageError} from '../errors.js'
import {fromStep, type Change} from '../change/index.js'
import type {PreparedChange} from '../change/index.js'
import {runChange} from '../change/index.js'
import {keyLabel, type KeyReference} from '../usage-plans/index.js'
import {parseDuration} from '../util/duration.js'
import {checkOutTarget} from '../util/out-file.js'
import {plural, shellQuote} from '../util/text.js'
import {apiKeyArn, resolveKey} from '../catalog/index.js'
import {claimRotation} from './rotation-claim.js'
import {finalizeCommand, finalizeSteps} from './rotation-finalize.js'
import {ROTATION_TAGS, rotatedName, rotationFromKey, rotationStatus, rotationToKey, tagDate, wholeSecond, type Rotation} from './rotation-state.js'
import {startSteps} from './rotation-start.js'
import {keyReference, rotationSummary, suggested, type RotationSummary} from './rotation-summary.js'
import {checkValueFileFree, writeValueFile} from './value-file.js'

/** `--grace`: a duration with its unit (7d, 36h), or 0. A bare number would read as seconds, which no grace period means. */
export function parseGrace(text: string): number {
  const bare = text.trim()
  if (/^\d+(\.\d+)?$/.test(bare) && Number(bare) !== 0) {
    throw usageError(`--grace ${bare} has no unit: a grace period is days or hours.`, [`Try: --grace ${bare}d (days), or --grace ${bare}h (hours)`], 'INVALID_OPTION')
  }
  return parseDuration(text, '--grace')
}

const DEFAULT_GRACE_MS = 7 * 86_400_000

export interface RotateOptions {
  /** The key to rotate: id or name. */
  key: string
  /** The grace period; undefined for the default (7 days), or the deadline a rotation in progress has. */
  graceMs?: number
  /** With a grace of 0: delete the old key rather than disable it. */
  delete: boolean
  /** Write the new value to this new file (0600). */
  out?: string
  /** Return the new value in the result. */
  showValue: boolean
  now: number
  /** This run's rotation claim token (rotation-claim.ts); random by default. */
  claimToken?: string
}

/** The stable JSON shape of `keys rotate` (docs/json.md). */
export interface RotateResult extends RotationSummary {
  /** true when this run carried on a rotation found in the keys' tags, rather than starting one. */
  resumed: boolean
  /** Where the new value was written (--out), or null. */
  valueFile: string | null
  /** The new value: only with --show-value. */
  value?: string
}

/**
 * Prepares a rotation of an API key, or the rest of one that a run (here or elsewhere) left unfinished,
 * found by the keys' tags: 1. CreateApiKey (same name with a rotation suffix, same customer and
 * description, enabled, tagged with the old key's id and the grace deadline); 2. CreateUsagePlanKey
 * for every plan of the old key, then a check that the new key is in exactly those plans; 3. the old
 * key tagged with the new key's id and the deadline. The run then hands out the value; with a grace
 * of 0 it finalizes at once (old key disabled or deleted), otherwise the old key stays enabled.
 * It runs itself, not step by step: it claims the key first, and hands the value out between phases.
 */
export async function prepareRotation(session: AwsSession, options: RotateOptions): Promise<PreparedChange<RotateResult, RotateResult>> {
  if (options.delete && options.graceMs !== 0) {
    throw usageError('--delete deletes the old key at once, so it goes with --grace 0 (or with --finalize, once the grace period is over).', [
      `Try: apigw keys rotate ${shellQuote(options.key)} --grace 0 --delete`,
      `Or: apigw keys rotate ${shellQuote(options.key)} --finalize --delete (later)`,
    ])
  }
  // Its folder before any call; whether the file may exist is known once the rotation is found.
  if (options.out) await checkOutTarget(options.out)
  const oldKey = await resolveKey(session, options.key)
  const rest = await session.rest()
  const keys = await rest.listApiKeys()
  refuseUnfinishedPredecessor(session, keys, oldKey)
  const existing = rotationFromKey(keys, oldKey)
  if (options.out && !existing) await checkValueFileFree(options.out)
  const immediate = options.graceMs === 0
  const [oldPlans, newPlans] = await Promise.all([rest.listUsagePlansOfKey(oldKey.id ?? ''), existing ? rest.listUsagePlansOfKey(existing.newKey.id ?? '') : []])
  const graceUntil = existing?.graceUntil ?? wholeSecond(options.now + (options.graceMs ?? DEFAULT_GRACE_MS))
  const newKey: KeyReference = existing ? keyReference(existing.newKey) : {id: fromStep(1, 'new key id'), name: rotatedName(oldKey.name ?? oldKey.id ?? '', options.now)}
  const {notes, warnings} = rotationNotices(session, existing, oldKey, oldPlans, immediate)
  let created: ApiKey | undefined
  const claimToken = options.claimToken ?? randomBytes(4).toString('hex')
  const steps = startSteps(session, {oldKey, newKey, existing, oldPlans, newPlans, graceUntil, claimToken, onCreated: (key) => (created = key)})
  const attached = newPlans.length
  const start: Change = {
    summary: existing
      ? `finish starting the rotation of the ${keyLabel(keyReference(oldKey))} to the ${keyLabel(newKey)}`
      : `rotate the ${keyLabel(keyReference(oldKey))}: a new key in its ${plural(oldPlans.length, 'usage plan')}${immediate ? '' : `, the old key enabled until ${tagDate(graceUntil)}`}`,
    severity: 'safe',
    steps,
    continues: existing !== undefined,
    recovery: (failed) => {
      const attachedNow = steps.slice(0, failed).filter((step) => step.operation === 'CreateUsagePlanKey').length
      const state = `Rotation state: new ${keyLabel(newKey)} created, in ${attached + attachedNow} of ${oldPlans.length} usage plans; the old key is unchanged and stays enabled.`
      return `${state}\nTry: ${suggested(session, rotateCommand(oldKey, options))} (carries on from here; it never creates a second key)`
    },
  }

  const finalizing = immediate && !existing?.finalizedAt
  const finalizeOptions = {force: true, delete: options.delete, confirmName: options.delete ? (oldKey.name ?? oldKey.id) : undefined}
  const cutOff = (what: string) => `cut ${what} off at once (grace 0): ${options.delete ? 'delete' : 'disable'} it`
  const finish: Change | undefined = finalizing
    ? {
        summary: cutOff('the old key'),
        severity: options.delete ? 'severe' : 'destructive',
        steps: finalizeSteps(session, {oldKey, newKey, finalized: false, delete: options.delete, now: options.now}),
        continues: true,
        recovery: () => `Rotation state: the new ${keyLabel(newKey)} is in all the old key's plans and its value was handed out.\nTry: ${suggested(session, finalizeCommand(newKey.id, finalizeOptions))}`,
      }
    : undefined

  const summaryAfter = (): RotationSummary =>
    rotationSummary({
      oldKeyId: oldKey.id ?? '',
      oldKey: {name: oldKey.name, enabled: finalizing ? false : (oldKey.enabled ?? false), deleted: finalizing && options.delete},
      newKey: {...newKey, enabled: existing ? (existing.newKey.enabled ?? false) : true},
      plans: oldPlans,
      graceUntil,
      status: finalizing ? 'finalized' : rotationStatus({graceUntil, finalizedAt: existing?.finalizedAt}, options.now),
      finalizedAt: finalizing ? wholeSecond(options.now) : existing?.finalizedAt,
    })

  return {
    // Every step this run takes, for --dry-run and confirmation.
    change: finish ? {summary: steps.length > 0 ? `${start.summary}; then ${finish.summary}` : cutOff(`the ${keyLabel(keyReference(oldKey))}`), severity: finish.severity, steps: [...steps, ...finish.steps]} : start,
    // With --grace 0 --delete: the old key's name (else id).
    confirmName: finish && options.delete ? finalizeOptions.confirmName : undefined,
    notes,
    warnings,
    async run(io) {
      // Another run rotating this key at the same time stops this one (exit 5) before it creates anything.
      const claim = await claimRotation(session, oldKey, {token: claimToken, now: () => Date.now(), resumes: existing?.newKey.id})
      try {
        await runChange(start, {onProgress: io.note})
        // ... and, checked again, before the value is handed out: no value reaches anyone unless this run holds the rotation.
        const oldTags = await claim.check(newKey.id).catch(async (error) => {
          if (created) io.note(await withdrawKey(session, newKey))
          throw error
        })
        // A losing run may have overwritten the old key's rotated-to tag before it gave up: put ours back.
        if (!existing?.finalizedAt && oldTags[ROTATION_TAGS.rotatedTo] !== newKey.id) {
          await rest.tagResource(apiKeyArn(session.settings.region, oldKey.id ?? ''), {[ROTATION_TAGS.rotatedTo]: newKey.id, [ROTATION_TAGS.graceUntil]: tagDate(graceUntil)})
        }
        const value = created?.value ?? (await rest.getApiKey(newKey.id, true)).value ?? ''
        // Masked as soon as it is known, before anything else is printed (GitHub Actions).
        io.secret(value)
        const valueFile = options.out === undefined ? null : await handOutToFile(options.out, value)
        if (finish) await runChange(finish, {onProgress: io.note})
        return {...summaryAfter(), resumed: existing !== undefined, valueFile, ...(options.showValue ? {value} : {})}
      } finally {
        await claim.release().catch(() => undefined)
      }
    },
    result(rotated, io) {
      if (!options.out && !options.showValue) io.note(`The new key's value is not shown; fetch it with: apigw keys show ${rotated.newKey.id} --show-value`)
      return rotated
    },
  }
}

/**
 * A run that lost the rotation to another deletes the key it created, never handed out (deleting it
 * also removes it from its usage plans), before its claim goes, so the winner never sees a successor
 * key without a claim. Says what it did, for stderr.
 */
async function withdrawKey(session: AwsSession, newKey: KeyReference): Promise<string> {
  const deleted = await (await session.rest()).deleteApiKey(newKey.id).then(
    () => true,
    () => false,
  )
  return deleted
    ? `Deleted the ${keyLabel(newKey)} this run created: another rotation of the key holds it, and its value was never handed out.`
    : `Could not delete the ${keyLabel(newKey)} this run created (its value was never handed out): delete it with apigw keys delete ${newKey.id}`
}

/** A key that is the new key of an unfinished rotation is rotated again only once that one is done. */
function refuseUnfinishedPredecessor(session: AwsSession, keys: ApiKey[], key: ApiKey): void {
  const earlier = rotationToKey(keys, key)
  if (!earlier || earlier.finalizedAt) return
  throw new ApigwError(`The ${keyLabel(keyReference(key))} is the new key of an unfinished rotation of ${earlier.oldKeyId}; finish that one first.`, {
    code: 'ROTATION_IN_PROGRESS',
    exitCode: ExitCode.conflict,
    suggestions: [`Try: ${suggested(session, `apigw keys rotate ${earlier.oldKeyId} --finalize`)}`, `Or: ${suggested(session, 'apigw keys rotations')}, to see it`],
  })
}

/** What an operator should know before the run: a rotation found in the tags, a key in no plan. */
function rotationNotices(session: AwsSession, existing: Rotation | undefined, oldKey: ApiKey, oldPlans: UsagePlan[], immediate: boolean): {notes: string[]; warnings: string[]} {
  const notes: string[] = []
  const warnings: string[] = []
  const rotation = existing && `the rotation of the ${keyLabel(keyReference(oldKey))} to the ${keyLabel(keyReference(existing.newKey))}`
  if (existing?.finalizedAt) {
    notes.push(`Found ${rotation}, finalized at ${tagDate(existing.finalizedAt)}: nothing to do. To rotate again: ${suggested(session, `apigw keys rotate ${existing.newKey.id}`)}`)
  } else if (existing) {
    const ending = immediate ? ', and ending it now (--grace 0)' : ''
    notes.push(`Found ${rotation} in the keys' tags (grace until ${tagDate(existing.graceUntil)}${immediate ? '' : ', which --grace does not change'}): carrying it on${ending}.`)
  }
  if (oldPlans.length === 0) warnings.push(`The ${keyLabel(keyReference(oldKey))} is in no usage plan, so the new key will be in none either.`)
  return {notes, warnings}
}

/** The command line that carries on this rotation. */
function rotateCommand(oldKey: ApiKey, options: RotateOptions): string {
  const parts = ['apigw keys rotate', oldKey.id ?? '']
  if (options.graceMs === 0) parts.push('--grace 0')
  if (options.delete) parts.push(`--delete --confirm ${shellQuote(oldKey.name ?? oldKey.id ?? '')}`)
  if (options.out !== undefined) parts.push(`--out ${shellQuote(options.out)}`)
  if (options.showValue) parts.push('--show-value')
  return parts.join(' ')
}

/** Writes the value to a new 0600 file; a file already holding exactly this value (an earlier run's) is left as it is. */
async function handOutToFile(path: string, value: string): Promise<string> {
  const earlier = await readFile(path, 'utf8').catch(() => undefined)
  if (earlier?.trim() !== value) await writeValueFile(path, value)
  return path
}
