/** Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({length: b.length + 1}, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, substitution)
    }
    previous = current
  }
  return previous[b.length]
}

/** The candidates closest to `wanted` (case-insensitive edit distance), best first, ignoring ones that share little with it. */
export function closestMatches(wanted: string, candidates: string[], limit = 3): string[] {
  const target = wanted.toLowerCase()
  return [...new Set(candidates)]
    .map((candidate) => ({candidate, distance: editDistance(target, candidate.toLowerCase())}))
    .filter(({candidate, distance}) => distance <= Math.max(2, Math.floor(Math.max(candidate.length, wanted.length) / 2)))
    .sort((x, y) => x.distance - y.distance || byCodePoint(x.candidate, y.candidate))
    .slice(0, limit)
    .map(({candidate}) => candidate)
}

/** Shell-style glob (`*`, `?`), case-sensitive, anchored at both ends. */
export function globToRegExp(glob: string): RegExp {
  const source = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')
  return new RegExp(`^${source}$`)
}

/** Locale-independent ordering, so output is the same on every machine. */
export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Shell quoting lives with the other pieces of printed commands; many callers import it from here. */
export {shellQuote} from './shell.js'

/** "1 stage", "2 stages". */
export const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`

/** "stage prod …" → "Stage prod …", for a phrase that starts a sentence. */
export const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

/** 1-based line and column of a character offset. */
export function lineAndColumn(text: string, offset: number): {line: number; column: number} {
  const before = text.slice(0, Math.max(0, offset))
  const lineStart = before.lastIndexOf('\n') + 1
  return {line: before.split('\n').length, column: before.length - lineStart + 1}
}

/** Words wrapped into lines of at most `width` characters (a longer word gets a line of its own). */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line)
      line = word
    } else line = line ? `${line} ${word}` : word
  }
  return line ? [...lines, line] : lines
}
