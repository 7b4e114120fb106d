import type {ApiKey} from '../aws/index.js'
import {ApigwError, ExitCode} from '../errors.js'

/**
 * A key rotation's state lives only in the two keys' tags, so that any machine can read it and
 * carry it on: the new key is created already naming the old one, so a rotation that was cut short
 * is always found again, and never started twice.
 */
export const ROTATION_TAGS = {
  /** On the new key, from its creation: the old key's id. */
  rotationOf: 'apigw:rotation-of',
  /** On the old key, once the new key is in all its plans: the new key's id. */
  rotatedTo: 'apigw:rotated-to',
  /** On both keys: when the grace period ends (ISO 8601); the old key stays enabled until then. */
  graceUntil: 'apigw:grace-until',
  /** On the new key, when the rotation is finalized (ISO 8601): the old key was disabled or deleted. */
  finalized: 'apigw:rotation-finalized',
} as const

/** Tags hold dates to the second, so dates apigw reports are rounded down to the second too. */
export const wholeSecond = (ms: number) => new Date(Math.floor(ms / 1000) * 1000)

/** A date as the tags hold it: ISO 8601 to the second ("2026-11-28T16:35:30Z"). */
export const tagDate = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z')

const ROTATION_TAG_KEYS: ReadonlySet<string> = new Set(Object.values(ROTATION_TAGS))

export interface Rotation {
  oldKeyId: string
  /** Undefined once the old key is deleted. */
  oldKey?: ApiKey
  newKey: ApiKey
  graceUntil: Date
  /** The old key names the new one (rotated-to) with the same deadline: the last step of starting a rotation. */
  oldKeyTagged: boolean
  finalizedAt?: Date
}

export type RotationStatus = 'in-grace' | 'grace-over' | 'finalized'

export function rotationStatus(rotation: Pick<Rotation, 'graceUntil' | 'finalizedAt'>, now: number): RotationStatus {
  if (rotation.finalizedAt) return 'finalized'
  return now < rotation.graceUntil.getTime() ? 'in-grace' : 'grace-over'
}

const tagOf = (key: ApiKey | undefined, tag: string) => key?.tags?.[tag]

/** A tag holding a date; an unreadable one is the epoch, so a damaged deadline counts as passed, never as far away. */
function dateTag(key: ApiKey, tag: string): Date | undefined {
  const text = tagOf(key, tag)
  if (text === undefined) return undefined
  const time = Date.parse(text)
  return new Date(Number.isNaN(time) ? 0 : time)
}

/** The rotation whose new key is `newKey`, as its tags tell it. */
function rotationFrom(keys: ApiKey[], newKey: ApiKey): Rotation {
  const oldKeyId = tagOf(newKey, ROTATION_TAGS.rotationOf)!
  const oldKey = keys.find((key) => key.id === oldKeyId)
  const graceUntil = dateTag(newKey, ROTATION_TAGS.graceUntil) ?? new Date(0)
  return {
    oldKeyId,
    oldKey,
    newKey,
    graceUntil,
    oldKeyTagged: tagOf(oldKey, ROTATION_TAGS.rotatedTo) === newKey.id && tagOf(oldKey, ROTATION_TAGS.graceUntil) === tagOf(newKey, ROTATION_TAGS.graceUntil),
    finalizedAt: dateTag(newKey, ROTATION_TAGS.finalized),
  }
}

/**
 * The rotation in which `key` is the old key: the key tagged as its successor. Two successors can
 * only come from runs racing each other; apigw refuses to guess which one customers were given.
 * (An old key's rotated-to tag naming a key that no longer exists is stale, and ignored.)
 */
export function rotationFromKey(keys: ApiKey[], key: ApiKey): Rotation | undefined {
  const successors = keys.filter((candidate) => tagOf(candidate, ROTATION_TAGS.rotationOf) === key.id)
  if (successors.length > 1) {
    const lines = successors.map((successor) => `  ${successor.id}  ${successor.name ?? ''}  created ${successor.createdDate?.toISOString() ?? 'unknown'}`)
    throw new ApigwError(`${successors.length} keys are tagged as the new key of ${key.id} (${ROTATION_TAGS.rotationOf}):\n${lines.join('\n')}`, {
      code: 'ROTATION_AMBIGUOUS',
      exitCode: ExitCode.conflict,
      suggestions: [`Try: delete the one no customer was given (apigw keys delete <id>), then run the command again`],
    })
  }
  return successors.length === 1 ? rotationFrom(keys, successors[0]) : undefined
}

/** The rotation in which `key` is the new key. */
export function rotationToKey(keys: ApiKey[], key: ApiKey): Rotation | undefined {
  return tagOf(key, ROTATION_TAGS.rotationOf) === undefined ? undefined : rotationFrom(keys, key)
}

/**
 * The rotation `key` takes part in, as old or new key. A key can be both (the new key of one rotation,
 * the old key of the next): an unfinished rotation wins, then the one where it is the old key.
 */
export function rotationOfKey(keys: ApiKey[], key: ApiKey): Rotation | undefined {
  const candidates = [rotationFromKey(keys, key), rotationToKey(keys, key)].filter((rotation): rotation is Rotation => rotation !== undefined)
  return candidates.find((rotation) => !rotation.finalizedAt) ?? candidates[0]
}

/** Every rotation not yet finalized, oldest deadline first. */
export function rotationsInProgress(keys: ApiKey[]): Rotation[] {
  return keys
    .filter((key) => tagOf(key, ROTATION_TAGS.rotationOf) !== undefined && tagOf(key, ROTATION_TAGS.finalized) === undefined)
    .map((key) => rotationFrom(keys, key))
    .sort((a, b) => a.graceUntil.getTime() - b.graceUntil.getTime())
}

/** The old key's own tags, without apigw's rotation tags and rotation claims (rotation-claim.ts): the new key inherits them. */
export function inheritedTags(key: ApiKey): Record<string, string> {
  return Object.fromEntries(Object.entries(key.tags ?? {}).filter(([tag]) => !ROTATION_TAG_KEYS.has(tag) && !tag.startsWith('apigw:rotation-claim')))
}

const ROTATION_SUFFIX = /-rot-\d{8}-\d{6}$/

/** "partner-a" → "partner-a-rot-20261121-162959" (UTC); an earlier rotation's suffix is replaced, not stacked. */
export function rotatedName(name: string, now: number): string {
  const stamp = new Date(now).toISOString().replace(/[-:]/g, '').slice(0, 15).replace('T', '-')
  return `${name.replace(ROTATION_SUFFIX, '')}-rot-${stamp}`
}
