/**
 * Text from AWS (names, descriptions, tags, stage variables) is anyone's: a key named
 * "\x1b]0;pwned\x07\x1b[2J" would retitle and clear the terminal that lists it. Before such text
 * reaches a terminal it is shown with visible escapes instead: C0 controls (tab and newline
 * included), DEL, C1 controls (CSI among them) and the Unicode bidi overrides and isolates that
 * reorder what a line appears to say.
 */
export const UNSAFE_CHARACTERS = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g

/** Whether `text` holds a character escapeControls would escape. */
export const hasUnsafeCharacters = (text: string) => /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/.test(text)

const NAMED: Record<string, string> = {'\t': '\\t', '\n': '\\n', '\r': '\\r'}

/** One unsafe character as its visible escape: \t, \n, \r, \x1b, \x9b, \u202e. */
export function escapeCharacter(char: string): string {
  const code = char.charCodeAt(0)
  return NAMED[char] ?? (code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`)
}

/** `text` with every unsafe character shown as an escape. */
export function escapeControls(text: string): string {
  return text.replace(UNSAFE_CHARACTERS, escapeCharacter)
}

/** As escapeControls, but keeps line breaks and tabs: for multi-line messages apigw writes itself. */
export function escapeControlsKeepingLines(text: string): string {
  return text.replace(UNSAFE_CHARACTERS, (char) => (char === '\n' || char === '\t' ? char : escapeCharacter(char)))
}

/**
 * DEL, C1 controls and bidi overrides in a serialised JSON or YAML document, as \u escapes. JSON and
 * the YAML library already escape C0; these they write raw. In those documents such characters can
 * only be inside strings (double-quoted, in YAML: see toYaml), where \u escapes mean the same
 * character: the document still reads back to the same values.
 */
export function escapeBeyondC0(document: string): string {
  return document.replace(/[\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

/** JSON of a value, pretty unless `indent` is 0, with nothing in it a terminal would act on. */
export const toSafeJson = (value: unknown, indent = 2) => escapeBeyondC0(JSON.stringify(value, null, indent))

/** A copy of a result with every string in it (keys too) escaped; other values as they are. */
export function escapeDeep<T>(value: T, escape: (text: string) => string = escapeControls): T {
  if (typeof value === 'string') return escape(value) as T
  if (Array.isArray(value)) return value.map((item) => escapeDeep(item, escape)) as T
  if (isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [escape(key), escapeDeep(item, escape)])) as T
  }
  return value
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false
  const prototype = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}
