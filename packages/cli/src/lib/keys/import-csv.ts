import type {ApiKey, UsagePlan} from '../aws/index.js'
import {keyLabel} from '../usage-plans/index.js'
import {csvRows, type CsvRow} from '../util/csv.js'
import {keyNameProblem, keyValueProblem, MIN_VALUE_LENGTH, RECOMMENDED_IMPORT_VALUE_LENGTH} from './limits.js'
import {newKeyPlansProblem} from './new-key-plans.js'
import {valueCharactersProblem} from './value-source.js'

/** One key of an import file, as ImportApiKeys reads it. */
export interface CsvKey {
  /** The line of the file it is on. */
  line: number
  name?: string
  value: string
  description?: string
  enabled: boolean
  usagePlanIds: string[]
}

/** A problem with one line of the file; never quotes a value. */
export interface LineMessage {
  line: number
  message: string
}

export interface KeyFile {
  keys: CsvKey[]
  /** What AWS would refuse: any one means nothing is imported. */
  problems: LineMessage[]
  /** What AWS accepts but apigw advises against. */
  warnings: LineMessage[]
}

const REQUIRED = ['name', 'key']
const TRUE_OR_FALSE = /^(true|false)$/i

/**
 * Reads AWS's API key file format: a header naming the columns in any order and case (Name and Key
 * required; Description, Enabled, UsagePlanIds optional; others ignored), Enabled true by default,
 * UsagePlanIds a quoted, comma-separated list. Every row is checked against AWS's rules and every
 * problem is reported, with its line, rather than the first one.
 */
export function parseKeyFile(text: string): KeyFile {
  const [header, ...rows] = csvRows(text.replace(/^\uFEFF/, ''))
  const columns = (header?.fields ?? []).map((column) => column.trim().toLowerCase())
  const missing = REQUIRED.filter((column) => !columns.includes(column))
  if (!header || missing.length > 0) return {keys: [], problems: [headerProblem(header, missing, columns)], warnings: []}
  if (rows.length === 0) return {keys: [], problems: [{line: header.line, message: 'the file has a header but no keys below it'}], warnings: []}
  // A column the header does not name reads as empty (indexOf -1).
  const cell = (row: CsvRow, column: string) => (row.fields[columns.indexOf(column)] ?? '').trim()

  const problems: LineMessage[] = []
  const warnings: LineMessage[] = []
  const keys: CsvKey[] = []
  const firstLineOf = new Map<string, number>()
  for (const row of rows) {
    const problem = (message: string) => problems.push({line: row.line, message})
    const value = cell(row, 'key')
    const name = cell(row, 'name') || undefined
    const enabled = cell(row, 'enabled')
    const characters = valueCharactersProblem(value)
    for (const refusal of [keyValueProblem(value), characters && `the value ${characters}`, keyNameProblem(name)]) if (refusal) problem(refusal)
    if (enabled !== '' && !TRUE_OR_FALSE.test(enabled)) problem(`Enabled is "${enabled}"; it must be true or false (empty means true)`)
    if (value.length >= MIN_VALUE_LENGTH && value.length < RECOMMENDED_IMPORT_VALUE_LENGTH) {
      warnings.push({line: row.line, message: `the value has ${value.length} characters; AWS recommends at least ${RECOMMENDED_IMPORT_VALUE_LENGTH} for imported keys`})
    }
    const earlier = firstLineOf.get(value)
    if (earlier !== undefined && value !== '') problem(`the same value as line ${earlier}: ImportApiKeys would keep only one key`)
    else firstLineOf.set(value, row.line)
    const usagePlanIds = cell(row, 'usageplanids').split(',').map((id) => id.trim()).filter(Boolean)
    keys.push({line: row.line, name, value, description: cell(row, 'description') || undefined, enabled: enabled === '' || enabled.toLowerCase() === 'true', usagePlanIds})
  }
  return {keys, problems, warnings}
}

function headerProblem(header: CsvRow | undefined, missing: string[], columns: string[]): LineMessage {
  if (!header) return {line: 1, message: 'the file is empty; it needs a header row naming at least the Name and Key columns'}
  const names = missing.map((column) => (column === 'key' ? 'Key' : 'Name')).join(' and ')
  const hint = missing.includes('key') && columns.includes('value') ? ' (AWS names the value column Key, not Value)' : ''
  return {line: header.line, message: `the header has no ${names} column${missing.length > 1 ? 's' : ''}${hint}; it has: ${columns.join(', ') || 'nothing'}`}
}

/**
 * What the account would refuse: usage plans that do not exist or that one key cannot join together,
 * and values that existing keys already have (ImportApiKeys would silently overwrite those keys).
 * `existing` must have been listed with their values.
 */
export function accountProblems(keys: CsvKey[], plans: UsagePlan[], existing: ApiKey[]): LineMessage[] {
  const planById = new Map(plans.map((plan) => [plan.id, plan]))
  const keyByValue = new Map(existing.map((key) => [key.value, key]))
  const problems: LineMessage[] = []
  for (const key of keys) {
    const problem = (message: string) => problems.push({line: key.line, message})
    const unknown = key.usagePlanIds.filter((id) => !planById.has(id))
    for (const id of unknown) problem(`no usage plan has the id "${id}"`)
    const rowPlans = key.usagePlanIds.map((id) => planById.get(id)).filter((plan): plan is UsagePlan => plan !== undefined)
    const membership = newKeyPlansProblem(rowPlans, {id: `line ${key.line}`, name: key.name})
    if (membership) problem(membership.message)
    const owner = keyByValue.get(key.value)
    if (owner) problem(`this value is already the value of ${keyLabel({id: owner.id ?? '', name: owner.name ?? null})}; ImportApiKeys would overwrite that key`)
  }
  return problems
}
