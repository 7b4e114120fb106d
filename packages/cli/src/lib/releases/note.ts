import {usageError} from '../errors.js'

/**
 * Release notes kept in deployment descriptions. AWS keeps no release history per stage
 * (docs/aws-behaviour.md#aws-keeps-no-release-history-per-stage), so every deployment apigw makes, promotes or rolls back to carries one record
 * per release, after any text of the operator's:
 *
 *   Fix the checkout timeout [apigw: deploy prod by alice@laptop at 2026-11-21T15:00:00.000Z, replaced a1b2c3]
 *   [apigw: promote prod from dev by bob@ci at 2026-11-22T09:10:11.000Z, replaced d4e5f6]
 *   [apigw: switch green from api.example.com/orders by carol@ci at 2026-11-23T10:00:00.000Z, replaced a1b2c3]
 *
 * A switch (`domains switch`) moves a custom domain's path to the stage, not the stage to a
 * deployment: its record names the path, and carries the stage's own `replaced` forward, so that
 * rollback still finds what the stage ran before.
 *
 * Records are appended, newest last; the replaced deployment makes rollback possible with no other store.
 */

export const RELEASE_ACTIONS = ['deploy', 'promote', 'rollback', 'switch'] as const
export type ReleaseAction = (typeof RELEASE_ACTIONS)[number]

export interface ReleaseRecord {
  action: ReleaseAction
  /** The stage released to, as AWS spells it. */
  stage: string
  /** promote: the stage whose deployment was promoted; switch: the domain's path, `<domain>/<path>`. */
  from?: string
  /** Who or what made the release: user@host, or the CI run. */
  by: string
  /** When, as an ISO 8601 time with milliseconds (the order of releases made within one second). */
  at: string
  /** The deployment the stage ran before; absent for a new stage. */
  replaced?: string
}

/** apigatewayv2 allows 1024 characters (its model); the REST model names no limit, so both keep to 1024. */
export const DESCRIPTION_LIMIT = 1024
/** The operator's text may use this much, leaving room for a few records. */
export const TEXT_LIMIT = 800
const BY_LIMIT = 64

const RECORD = /\s*\[apigw: (deploy|promote|rollback|switch) (\S+)(?: from (\S+))? by (\S+) at (\d{4}-\d\d-\d\dT[\d:.]+Z)(?:, replaced ([^\s\]]+))?\]/g

export function formatRecord(record: ReleaseRecord): string {
  const from = record.from === undefined ? '' : ` from ${record.from}`
  const replaced = record.replaced === undefined ? '' : `, replaced ${record.replaced}`
  return `[apigw: ${record.action} ${record.stage}${from} by ${safeActor(record.by)} at ${record.at}${replaced}]`
}

/** A description's own text and its release records, oldest first. */
export function parseDescription(description: string | null | undefined): {text: string; records: ReleaseRecord[]} {
  const source = description ?? ''
  const records = [...source.matchAll(RECORD)].map(([, action, stage, from, by, at, replaced]): ReleaseRecord => ({
    action: action as ReleaseAction,
    stage,
    ...(from !== undefined && {from}),
    by,
    at,
    ...(replaced !== undefined && {replaced}),
  }))
  return {text: source.replace(RECORD, '').trim(), records}
}

/**
 * A description with one more record. When it would pass the limit, the oldest records go first
 * (the newest say what rollback needs), then the end of the text.
 */
export function withRecord(description: string | null | undefined, record: ReleaseRecord): string {
  const {text, records} = parseDescription(description)
  const kept = [...records, record].map(formatRecord)
  const join = (body: string, notes: string[]) => [body, ...notes].filter((part) => part !== '').join(' ')
  while (kept.length > 1 && join(text, kept).length > DESCRIPTION_LIMIT) kept.shift()
  const room = DESCRIPTION_LIMIT - join('', kept).length - 1
  return join(text.length <= room ? text : `${text.slice(0, Math.max(0, room - 1))}…`, kept)
}

/** --description: short enough to leave room for the records, and not posing as one. */
export function checkReleaseText(text: string): void {
  if (text.length > TEXT_LIMIT) {
    throw usageError(`--description is ${text.length} characters; at most ${TEXT_LIMIT} fit, leaving room in AWS's ${DESCRIPTION_LIMIT} for apigw's release records.`, [
      'Try: a shorter --description (a ticket or commit reference)',
    ], 'INVALID_DESCRIPTION')
  }
  if (text.includes('[apigw:')) throw usageError('--description must not contain "[apigw:": apigw writes its release records that way.', ['Try: another wording'], 'INVALID_DESCRIPTION')
}

/** Who made a release, as one word without the characters the record format uses. */
function safeActor(by: string): string {
  const word = by.replace(/[\s,\]\\[]+/g, '_')
  return (word === '' ? 'unknown' : word).slice(0, BY_LIMIT)
}
