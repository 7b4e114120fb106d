import {invalidParameter} from './errors.js'
import {tokenize} from './tokens.js'

/**
 * CloudWatch Logs filter patterns, the subset docs/sandbox.md#log-filter-patterns lists
 * (docs/aws-behaviour.md#log-filter-patterns): terms, quoted phrases, `?` any-of, `-` exclusion; JSON
 * patterns `{ $.a.b = 5* && $.n > 100 }` with `||`, parentheses, `IS NULL`, `EXISTS`/`NOT EXISTS`;
 * space-delimited `[ip, user, ..., status=5*, size]`; `%regex%`. Anything else is refused with AWS's text.
 */
export type EventMatcher = (message: string) => boolean

const invalidPattern = () => invalidParameter('Invalid filter pattern')

export function compileFilterPattern(pattern: string | undefined): EventMatcher {
  const text = (pattern ?? '').trim()
  if (text === '') return () => true
  if (text.startsWith('{')) {
    if (!text.endsWith('}')) throw invalidParameter("If a filter pattern starts with '{' it must end with '}'")
    return jsonPattern(text.slice(1, -1))
  }
  if (text.startsWith('[')) {
    if (!text.endsWith(']')) throw invalidParameter("If a filter pattern starts with '[' it must end with ']'")
    return delimitedPattern(text.slice(1, -1))
  }
  if (text.startsWith('%')) {
    if (text.length < 2 || !text.endsWith('%')) throw invalidPattern()
    let regex: RegExp
    try {
      regex = new RegExp(text.slice(1, -1))
    } catch {
      throw invalidPattern()
    }
    return (message) => regex.test(message)
  }
  return termPattern(text)
}

/** Characters a term may have unquoted; anything else must be in double quotes. */
const BARE_TERM = /^[\w.:/@#=,+-]+$/

function termPattern(text: string): EventMatcher {
  const required: string[] = []
  const anyOf: string[] = []
  const excluded: string[] = []
  for (const [, quoted, bare] of text.matchAll(/(?:^|\s)([?-]?"(?:[^"\\]|\\.)*")|(\S+)/g)) {
    const token = quoted ?? bare
    const sign = token[0] === '?' || token[0] === '-' ? token[0] : ''
    const body = token.slice(sign.length)
    let term: string
    if (body.startsWith('"')) {
      if (body.length < 2 || !body.endsWith('"')) throw invalidPattern()
      term = body.slice(1, -1).replace(/\\(.)/g, '$1')
    } else {
      if (!BARE_TERM.test(body)) throw invalidParameter(`Invalid character(s) in term '${body}'`)
      term = body
    }
    ;(sign === '?' ? anyOf : sign === '-' ? excluded : required).push(term)
  }
  return (message) =>
    required.every((term) => message.includes(term)) && !excluded.some((term) => message.includes(term)) && (anyOf.length === 0 || anyOf.some((term) => message.includes(term)))
}

/** A comparison's right side: a number, or a string where `*` matches any run of characters. */
type Operand = {kind: 'number'; value: number} | {kind: 'text'; value: string; wildcard: RegExp | undefined}
type Operator = '=' | '!=' | '<' | '>' | '<=' | '>='

function operand(raw: string): Operand {
  const quoted = raw.startsWith('"')
  const text = quoted ? raw.slice(1, -1) : raw
  if (!quoted && text !== '' && Number.isFinite(Number(text))) return {kind: 'number', value: Number(text)}
  const wildcard = text.includes('*') ? new RegExp(`^${text.split('*').map(escapeRegex).join('.*')}$`, 's') : undefined
  return {kind: 'text', value: text, wildcard}
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Whether a field's value passes `operator operand`; numbers compare as numbers (numeric strings too). */
function compare(value: unknown, operator: Operator, right: Operand): boolean {
  // A field that is missing, null or not a scalar matches no comparison.
  if (value === undefined || value === null || typeof value === 'object') return false
  const text = String(value)
  if (right.kind === 'number') {
    const number = typeof value === 'number' ? value : text.trim() === '' ? Number.NaN : Number(text)
    if (Number.isNaN(number)) return operator === '!='
    const difference = number - right.value
    return {'=': difference === 0, '!=': difference !== 0, '<': difference < 0, '>': difference > 0, '<=': difference <= 0, '>=': difference >= 0}[operator]
  }
  if (operator !== '=' && operator !== '!=') throw invalidPattern()
  const equal = right.wildcard ? right.wildcard.test(text) : text === right.value
  return operator === '=' ? equal : !equal
}

const JSON_TOKEN = /\s*(\|\||&&|\(|\)|!=|<=|>=|=|<|>|"(?:[^"\\]|\\.)*"|\$[\w.[\]-]*|[^\s()=!<>&|"]+)/y

/** `$.a.b[0].c` → the value at that path in `document`. */
function select(document: unknown, selector: string): unknown {
  const steps = selector.slice(1).match(/\.[^.[\]]+|\[\d+\]/g) ?? []
  if (steps.join('') !== selector.slice(1)) throw invalidPattern()
  let value = document
  for (const step of steps) {
    if (value === null || typeof value !== 'object') return undefined
    value = step.startsWith('[') ? (value as unknown[])[Number(step.slice(1, -1))] : (value as Record<string, unknown>)[step.slice(1)]
  }
  return value
}

type JsonTest = (document: unknown) => boolean

function jsonPattern(body: string): EventMatcher {
  const list = tokenize(body, JSON_TOKEN, invalidPattern)
  let at = 0
  const peek = () => list[at]
  const next = () => list[at++]
  const either = (): JsonTest => {
    let left = both()
    while (peek() === '||') {
      next()
      const [a, b] = [left, both()]
      left = (d) => a(d) || b(d)
    }
    return left
  }
  const both = (): JsonTest => {
    let left = single()
    while (peek() === '&&') {
      next()
      const [a, b] = [left, single()]
      left = (d) => a(d) && b(d)
    }
    return left
  }
  const single = (): JsonTest => {
    const token = next()
    if (token === '(') {
      const inner = either()
      if (next() !== ')') throw invalidPattern()
      return inner
    }
    if (token === undefined || !token.startsWith('$')) throw invalidPattern()
    const selector = token
    const word = peek()?.toUpperCase()
    if (word === 'IS') {
      next()
      const what = next()?.toUpperCase()
      if (what === 'NULL') return (d) => select(d, selector) === null
      if (what === 'TRUE' || what === 'FALSE') return (d) => select(d, selector) === (what === 'TRUE')
      throw invalidPattern()
    }
    if (word === 'EXISTS') return next(), (d) => select(d, selector) !== undefined
    if (word === 'NOT') {
      next()
      if (next()?.toUpperCase() !== 'EXISTS') throw invalidPattern()
      return (d) => select(d, selector) === undefined
    }
    const operator = next()
    if (!['=', '!=', '<', '>', '<=', '>='].includes(operator ?? '')) throw invalidPattern()
    const raw = next()
    if (raw === undefined || ['&&', '||', '(', ')'].includes(raw)) throw invalidPattern()
    const right = operand(raw)
    return (d) => compare(select(d, selector), operator as Operator, right)
  }
  const test = either()
  if (at !== list.length) throw invalidPattern()
  return (message) => {
    // Only events that are JSON objects can match a JSON pattern.
    if (!message.trimStart().startsWith('{')) return false
    try {
      return test(JSON.parse(message))
    } catch {
      return false
    }
  }
}

interface DelimitedField {
  ellipsis: boolean
  test?: (value: string) => boolean
}

const FIELD = /^\s*(\.\.\.|[A-Za-z_]\w*)\s*(?:(!=|<=|>=|=|<|>)\s*("(?:[^"\\]|\\.)*"|[^\s"]+))?\s*$/

function delimitedPattern(body: string): EventMatcher {
  const fields: DelimitedField[] = body.split(',').map((part) => {
    const match = FIELD.exec(part)
    if (!match) throw invalidPattern()
    const [, name, operator, raw] = match
    if (name === '...') {
      if (operator) throw invalidPattern()
      return {ellipsis: true}
    }
    if (!operator) return {ellipsis: false}
    const right = operand(raw)
    return {ellipsis: false, test: (value) => compare(value, operator as Operator, right)}
  })
  const ellipses = fields.filter((field) => field.ellipsis).length
  if (ellipses > 1) throw invalidPattern()
  const split = fields.findIndex((field) => field.ellipsis)
  const head = split === -1 ? fields : fields.slice(0, split)
  const tail = split === -1 ? [] : fields.slice(split + 1)
  return (message) => {
    const values = delimitedValues(message)
    if (split === -1 ? values.length !== fields.length : values.length < head.length + tail.length) return false
    return head.every((field, i) => !field.test || field.test(values[i])) && tail.every((field, i) => !field.test || field.test(values[values.length - tail.length + i]))
  }
}

/** A line's space-separated values; a "quoted" or [bracketed] run is one value, without its quotes or brackets. */
function delimitedValues(message: string): string[] {
  return [...message.matchAll(/"([^"]*)"|\[([^\]]*)\]|(\S+)/g)].map((match) => match[1] ?? match[2] ?? match[3])
}
