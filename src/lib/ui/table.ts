import Table from 'cli-table3'
import type {Palette} from './palette.js'

const BORDERLESS = Object.fromEntries(
  ['top', 'top-mid', 'top-left', 'top-right', 'bottom', 'bottom-mid', 'bottom-left', 'bottom-right', 'left', 'left-mid', 'mid', 'mid-mid', 'right', 'right-mid']
    .map((name) => [name, '']),
  ) as Record<string, string>

export type Cell = string | number | boolean | null | undefined

/**
 * A borderless, column-aligned table (kubectl style): compact at 80 columns and easy to grep.
 * cli-table3 colours headers by default, so its styles come from our palette instead.
 */
export function renderTable(head: string[], rows: Cell[][], colors: Palette): string {
  const table = new Table({
    // Two spaces between columns.
    head: head.map((title) => colors.bold(title)),
    style: {head: [], border: [], 'padding-left': 0, 'padding-right': 0},
    chars: {...BORDERLESS, middle: '  '},
  })
  for (const row of rows) table.push(row.map(formatCell))
  return table
    .toString()
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
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
