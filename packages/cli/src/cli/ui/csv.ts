import {usageError} from '../../lib/errors.js'
import {escapeControlsKeepingLines} from '../../lib/util/escape.js'

/**
 * CSV (RFC 4180) of a result's records, for spreadsheets and scripts: a header of every field, a
 * line per record; nested values as JSON, null as an empty cell. The records are the result
 * itself when it is a list, else its one list of records (`points` of `metrics get`, `apis` of
 * `apis list`); --query picks another.
 */
export function toCsv(value: unknown): string {
  const records = recordsOf(value)
  if (!records) {
    throw usageError('--output csv needs a list of records, and this result has none (or more than one).', ['Try: --query to pick a list, e.g. --query points', 'Or: --output json'], 'CSV_NEEDS_LIST')
  }
  const head = [...new Set(records.flatMap((record) => Object.keys(record)))]
  return [head, ...records.map((record) => head.map((key) => record[key]))].map((row) => row.map(csvCell).join(',')).join('\n')
}

type Row = Record<string, unknown>

const isRecord = (value: unknown): value is Row => value !== null && typeof value === 'object' && !Array.isArray(value)
const isRecordList = (value: unknown): value is Row[] => Array.isArray(value) && value.every(isRecord)

function recordsOf(value: unknown): Row[] | undefined {
  if (isRecordList(value)) return value
  if (Array.isArray(value)) return value.some((item) => item !== null && typeof item === 'object') ? undefined : value.map((item) => ({value: item}))
  if (!isRecord(value)) return undefined
  const lists = Object.values(value).filter((field) => isRecordList(field) && field.length > 0)
  return lists.length === 1 ? (lists[0] as Row[]) : undefined
}

/**
 * One cell. Text is AWS's, so anyone's: control characters other than line breaks and tabs are
 * escaped as in tables, and a cell a spreadsheet would run as a formula (starting with =, +, -,
 * @, tab or CR: OWASP's CSV-injection rule) gets a leading ' and quotes. Numbers are apigw's
 * own figures and stay numbers, -1.5 included: a number cannot be a formula.
 */
function csvCell(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return String(value)
  const text = escapeControlsKeepingLines(typeof value === 'object' ? JSON.stringify(value) : String(value))
  if (/^[=+\-@\t\r]/.test(text)) return `"'${text.replaceAll('"', '""')}"`
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}
