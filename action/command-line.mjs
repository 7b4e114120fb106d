/**
 * The action's `command` input as apigw's arguments. It is split the way a shell splits words
 * (quotes group, backslashes escape) but never run by a shell: no variables, globs or `;`, so a
 * value from a workflow expression cannot run anything else.
 */
export function splitCommandLine(text) {
  const words = []
  let word = null
  let quote = null
  for (let i = 0; i < text.length; i++) {
    const char = text[i]
    if (quote === "'") {
      if (char === "'") quote = null
      else word += char
    } else if (char === '\\' && (quote === null || '"\\$`\n'.includes(text[i + 1] ?? ''))) {
      i++
      // A backslash before a line break joins the lines, as in a shell.
      if (i < text.length && text[i] !== '\n') word = (word ?? '') + text[i]
    } else if (quote === '"') {
      if (char === '"') quote = null
      else word += char
    } else if (char === "'" || char === '"') {
      quote = char
      word ??= ''
    } else if (/\s/.test(char)) {
      if (word !== null) words.push(word)
      word = null
    } else word = (word ?? '') + char
  }
  if (quote) throw new UsageError(`the command has an unclosed ${quote} quote`)
  if (word !== null) words.push(word)
  // `apigw deploy …` and `deploy …` both name the command.
  return words[0] === 'apigw' ? words.slice(1) : words
}

/** The arguments with --json added, unless they already choose an output format. */
export function withJson(args) {
  const chosen = args.some((arg) => arg === '--json' || arg === '--output' || arg.startsWith('--output=') || /^-o/.test(arg))
  return chosen ? args : [...args, '--json']
}

/** A mistake in the action's inputs: exit 2, as apigw's own usage errors. */
export class UsageError extends Error {
  exitCode = 2
}
