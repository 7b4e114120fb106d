// Plain-text layout for fast help (./fast-help.ts), as oclif's help lays text out: word wrap as
// wrap-ansi does it in hard mode, indentation as indent-string does it, the widths they measure,
// and oclif's small list helpers.

/** Thrown while rendering when the fast path cannot match oclif; the caller lets oclif answer. */
export class Decline extends Error {}

export const decline = (why: string): never => {
  throw new Decline(why)
}

/** The items that are something (oclif's compact). */
export const compact = <T>(items: (T | undefined | '' | false)[]): T[] => items.filter(Boolean) as T[]

/** oclif's ordering: element by element with < and >, not locale-aware. */
export function compareKeys(a: (string | number)[], b: (string | number)[]): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i] < b[i]) return -1
    if (a[i] > b[i]) return 1
  }
  return 0
}

/** Indents every line that is not blank, as oclif's indent-string does. */
export function indent(text: string, spaces: number): string {
  return text.replaceAll(/^(?!\s*$)/gm, ' '.repeat(spaces))
}

/** Characters outside the Basic Multilingual Plane's narrow ones: oclif measures them differently. */
const NOT_NARROW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u0300-\u036f\u1100-\u200f\u2028-\u202f\u2060-\u218f\u2200-\uffff]/

/** Columns a string takes: one a character, once checkNarrow has passed it. */
export const textWidth = (text: string) => text.length

/** The style codes of bold and underline, which flag labels can hold; they take no columns. */
export const STYLE = /\u001B\[\d+m/g
export const styledWidth = (text: string) => textWidth(text.replaceAll(STYLE, ''))

/** Declines text whose width is not one column a character (wide, combining, control characters). */
export function checkNarrow(text: string): string {
  if (NOT_NARROW.test(text)) decline('characters whose width oclif measures differently')
  return text
}

/**
 * Greedy word wrap at `columns`, as oclif's wrap-ansi does it in hard mode: each line of `text` on
 * its own, runs of spaces kept inside a line, leading spaces dropped, a word longer than a line
 * broken across lines.
 */
export function wrapText(text: string, columns: number): string {
  return checkNarrow(text)
    .normalize()
    .replaceAll('\r\n', '\n')
    .split('\n')
    .map((line) => wrapLine(line, columns))
    .join('\n')
}

function wrapLine(line: string, columns: number): string {
  if (line.trim() === '') return ''
  const rows = ['']
  const words = line.split(' ')
  words.forEach((word, index) => {
    rows[rows.length - 1] = rows[rows.length - 1].trimStart()
    let used = textWidth(rows[rows.length - 1])
    if (index !== 0 && used > 0) {
      rows[rows.length - 1] += ' '
      used++
    }
    const length = textWidth(word)
    if (length > columns) {
      // A long word starts on a new line when that saves a break.
      const breaksHere = 1 + Math.floor((length - (columns - used) - 1) / columns)
      const breaksOnNext = Math.floor((length - 1) / columns)
      if (breaksOnNext < breaksHere) rows.push('')
      breakWord(rows, word, columns)
      return
    }
    if (used + length > columns && used > 0 && length > 0) rows.push('')
    rows[rows.length - 1] += word
  })
  return rows.map((row) => row.replace(/ +$/, '')).join('\n')
}

function breakWord(rows: string[], word: string, columns: number): void {
  const characters = [...word]
  let used = textWidth(rows[rows.length - 1])
  characters.forEach((character, index) => {
    if (used + 1 <= columns) rows[rows.length - 1] += character
    else {
      rows.push(character)
      used = 0
    }
    used++
    if (used === columns && index < characters.length - 1) {
      rows.push('')
      used = 0
    }
  })
  if (!used && rows[rows.length - 1].length > 0 && rows.length > 1) rows[rows.length - 2] += rows.pop()
}
