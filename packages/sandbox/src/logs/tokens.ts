/**
 * Splits `text` into the first capture of each match of a sticky (`/y`) grammar, skipping trailing
 * blanks; `refuse(rest)` makes the error for text the grammar cannot read.
 */
export function tokenize(text: string, grammar: RegExp, refuse: (rest: string) => Error): string[] {
  const found: string[] = []
  grammar.lastIndex = 0
  while (grammar.lastIndex < text.length) {
    const start = grammar.lastIndex
    const match = grammar.exec(text)
    if (!match) {
      if (text.slice(start).trim() === '') break
      throw refuse(text.slice(start).trim())
    }
    found.push(match[1])
  }
  return found
}
