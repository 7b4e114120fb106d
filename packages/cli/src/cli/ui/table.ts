import {strlen} from 'cli-table3/src/utils.js'
import type {Palette} from './palette.js'

export type Cell = string | number | boolean | null | undefined

const PRINTABLE_ASCII = /^[\x20-\x7E]*$/
/** Columns a text takes on a terminal: cli-table3's measure (ANSI codes skipped, wide characters 2), and a fast path for plain ASCII. */
const displayWidth = (text: string) => (PRINTABLE_ASCII.test(text) ? text.length : strlen(text))

/**
 * A borderless, column-aligned table (kubectl style): compact at 80 columns and easy to grep; two
 * spaces between columns, a cell with several lines makes its row that tall. Laid out here in one
 * pass: cli-table3's own layout is quadratic in cells (2,000 rows took 1.3 s).
 */
export function renderTable(head: string[], rows: Cell[][], colors: Palette): string {
  const body = rows.map((row) => row.map((cell) => formatCell(cell).split('\n')))
  const headLines = head.map((title) => [title])
  const widths = head.map((_, column) => Math.max(...[headLines, ...body].flatMap((row) => (row[column] ?? []).map(displayWidth))))
  const renderRow = (row: string[][], style: (text: string) => string) => {
    const height = Math.max(1, ...row.map((lines) => lines.length))
    return Array.from({length: height}, (_, line) =>
      row
        .map((lines, column) => {
          const text = lines[line] ?? ''
          return style(text) + ' '.repeat(widths[column] - displayWidth(text))
        })
        .join('  ')
        .trimEnd(),
    )
  }
  return [...renderRow(headLines, (title) => colors.bold(title)), ...body.flatMap((row) => renderRow(row, (text) => text))].join('\n')
}

/** Key/value pairs as an aligned two-column block, for an object's settings. */
export function renderKeyValues(pairs: Array<[string, Cell]>, colors: Palette): string {
  const width = Math.max(0, ...pairs.map(([key]) => key.length))
  return pairs.map(([key, value]) => `${colors.bold(key.padEnd(width))}  ${formatCell(value)}`).join('\n')
}

export function formatCell(value: Cell): string {
  if (value === null || value === undefined || value === '') return '-'
  return String(value)
}
