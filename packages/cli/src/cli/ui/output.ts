import {escapeDeep, toSafeJson} from '../../lib/util/escape.js'
import {palette, type Palette} from './palette.js'
import type {OutputFormat} from '../../lib/util/output-formats.js'
import {renderKeyValues, renderTable, type Cell} from './table.js'


export type TableView<T> = (data: T, colors: Palette) => string

/**
 * What a command hands to the renderer: JSON-ready data, and optionally its own human (table)
 * view, loaded only when a table is printed.
 */
export interface CommandResult<T> {
  data: T
  view?: () => Promise<TableView<T>>
}

export interface RenderOptions {
  format: OutputFormat
  /** JMESPath, applied to the JSON form of the result before it is formatted (AWS CLI semantics). */
  query?: string
  color: boolean
}

/**
 * Renders a result to the exact text that goes to stdout (with a trailing newline, or empty).
 * Control characters from AWS are escaped here, for every command, before any view colours the
 * text: visibly in tables and text, as YAML escapes in YAML, and by JSON's own rules in JSON.
 */
export async function renderResult<T>(result: CommandResult<T>, options: RenderOptions): Promise<string> {
  const colors = palette(options.color)
  const data = JSON.parse(JSON.stringify(result.data ?? null)) as unknown
  // Lazily loaded: most runs need neither JMESPath nor YAML.
  const selected = options.query === undefined ? data : (await import('./query.js')).applyQuery(data, options.query)
  const custom = options.query === undefined && options.format === 'table' ? await result.view?.() : undefined
  let text: string
  switch (options.format) {
    case 'json':
      text = toSafeJson(selected)
      break
    case 'yaml':
      text = (await import('./yaml-text.js')).toYaml(selected)
      break
    case 'text':
      text = toText(escapeDeep(selected))
      break
    case 'csv':
      text = (await import('./csv.js')).toCsv(selected)
      break
    case 'table':
      text = custom ? custom(escapeDeep(result.data), colors) : genericTable(escapeDeep(selected), colors)
      break
  }
  return text === '' ? '' : `${text}\n`
}

/** AWS CLI style text: one line per record, fields separated by tabs. */
export function toText(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (Array.isArray(value)) {
    if (value.every(isScalar)) return value.map(scalarText).join('\t')
    return value.map(toText).filter((line) => line !== '').join('\n')
  }
  if (typeof value === 'object') {
    const entries = Object.values(value as Record<string, unknown>)
    const scalars = entries.filter(isScalar).map(scalarText).join('\t')
    const nested = entries.filter((entry) => !isScalar(entry)).map(toText).filter((line) => line !== '')
    return [scalars, ...nested].filter((line) => line !== '').join('\n')
  }
  return scalarText(value)
}

function genericTable(value: unknown, colors: Palette): string {
  if (Array.isArray(value) && value.length > 0 && value.every((row) => row !== null && typeof row === 'object' && !Array.isArray(row))) {
    const rows = value as Array<Record<string, unknown>>
    const head = [...new Set(rows.flatMap((row) => Object.keys(row)))]
    return renderTable(head, rows.map((row) => head.map((key) => cell(row[key]))), colors)
  }
  if (Array.isArray(value)) return value.map((item) => (isScalar(item) ? scalarText(item) : JSON.stringify(item))).join('\n')
  if (value !== null && typeof value === 'object') {
    return renderKeyValues(Object.entries(value).map(([key, item]) => [key, cell(item)]), colors)
  }
  return value === null || value === undefined ? '' : scalarText(value)
}

function cell(value: unknown): Cell {
  return isScalar(value) ? (value as Cell) : JSON.stringify(value)
}

function isScalar(value: unknown): boolean {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value)
}

function scalarText(value: unknown): string {
  return value === null ? 'None' : String(value)
}
