import type {RotateResult, RotationInProgress, RotationList, RotationSummary} from '../../lib/keys/index.js'
import {formatTimeLeft} from '../../lib/util/duration.js'
import {plural} from '../../lib/util/text.js'
import type {Palette} from './palette.js'
import {sparkline} from './sparkline.js'
import {renderKeyValues, renderTable} from './table.js'

const keyText = (key: {id: string; name: string | null}) => (key.name ? `${key.name} (${key.id})` : key.id)

function oldKeyText(key: RotationSummary['oldKey']): string {
  if (key.deleted) return `${key.id} (deleted)`
  return `${keyText(key)} ${key.enabled ? 'enabled' : 'disabled'}`
}

/** "2026-11-28T16:29:00.000Z" → "2026-11-28 16:29Z". */
const shortDate = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)}Z`

/** "6d 23h left (until 2026-11-28 16:29Z)", "ended 2026-11-28 16:29Z", "finalized 2026-11-21 16:40Z". */
function graceText(rotation: RotationSummary, now: number): string {
  if (rotation.status === 'finalized') return `finalized ${shortDate(rotation.finalizedAt ?? '')}`
  const left = Date.parse(rotation.graceUntil) - now
  return left > 0 ? `${formatTimeLeft(left)} left (until ${shortDate(rotation.graceUntil)})` : `ended ${shortDate(rotation.graceUntil)}`
}

/** `keys rotate` and `keys rotate --finalize`: the rotation as it stands after the run. */
export function rotationView(data: RotationSummary & Partial<Pick<RotateResult, 'valueFile' | 'value' | 'resumed'>>, colors: Palette): string {
  const pairs: Array<[string, string | null]> = [
    ['old key', oldKeyText(data.oldKey)],
    ['new key', `${keyText(data.newKey)} ${data.newKey.enabled ? 'enabled' : 'disabled'}`],
    ['usage plans', data.plans.length === 0 ? null : data.plans.map(keyText).join(', ')],
    ['grace', graceText(data, Date.now())],
  ]
  if (data.resumed !== undefined) pairs.push(['resumed', data.resumed ? 'yes: carried on a rotation found in the keys\' tags' : 'no'])
  if (data.valueFile) pairs.push(['value written to', data.valueFile])
  if (data.value !== undefined) pairs.push(['value', data.value])
  return renderKeyValues(pairs, colors)
}

/** "▁▁▃█ 1,204": the daily requests and their total. */
const useText = (daily: number[]) => `${sparkline(daily, 0)} ${daily.reduce((sum, count) => sum + count, 0).toLocaleString('en-US')}`

/** Is anyone still using the old key? */
function verdict(rotation: RotationInProgress): string {
  if (rotation.oldKey.deleted) return 'old key deleted'
  if (!rotation.oldKey.enabled) return 'old key disabled'
  if (rotation.oldKeyInUse) return 'old key still in use'
  return rotation.oldKeyLastUsed ? `old key idle since ${rotation.oldKeyLastUsed}` : 'old key unused'
}

/** `keys rotations`: one line per rotation in progress. */
export function rotationsView(data: RotationList, colors: Palette): string {
  if (data.rotations.length === 0) return 'No key rotations in progress.'
  const now = Date.now()
  const days = data.rotations[0].usage.days.length
  const rows = data.rotations.map((rotation) => [
    keyText(rotation.oldKey),
    keyText(rotation.newKey),
    rotation.newKeyInAllPlans ? plural(rotation.plans.length, 'plan') : `${colors.yellow('starting')} (not in all plans)`,
    graceText(rotation, now),
    useText(rotation.usage.oldKey),
    useText(rotation.usage.newKey),
    rotation.oldKeyInUse ? colors.yellow(verdict(rotation)) : colors.green(verdict(rotation)),
  ])
  return renderTable(['OLD KEY', 'NEW KEY', 'PLANS', 'GRACE', `OLD KEY USE (${days}d)`, `NEW KEY USE (${days}d)`, 'VERDICT'], rows, colors)
}
