import {AwsServiceError} from '../http.js'
import {tokenize} from './tokens.js'

/**
 * The Logs Insights subset apigw sends (docs/aws-behaviour.md#logs-insights-queries): `fields`,
 * `filter`, `parse`, `stats` with count/sum/avg/min/max/pct/count_distinct `by` fields, `sort`,
 * `limit`. Anything else is refused as MalformedQueryException, naming the command.
 */
export type Row = Map<string, unknown>
export type Expression = (row: Row) => unknown

export interface Aggregate {
  name: string
  kind: 'count' | 'sum' | 'avg' | 'min' | 'max' | 'pct' | 'count_distinct'
  /** undefined for count(*). */
  field?: Expression
  percentile?: number
}

export type Command =
  | {kind: 'fields'; fields: {name: string; value: Expression}[]}
  | {kind: 'filter'; test: Expression}
  | {kind: 'parse'; source: Expression; regex: RegExp; names: string[]}
  | {kind: 'stats'; aggregates: Aggregate[]; by: {name: string; value: Expression}[]}
  | {kind: 'sort'; keys: {value: Expression; descending: boolean}[]}
  | {kind: 'limit'; count: number}

export const malformed = (message: string) => new AwsServiceError(400, 'MalformedQueryException', message)

/** Splits on `|` outside quotes and regex slashes. */
function splitCommands(query: string): string[] {
  const parts: string[] = []
  let current = ''
  let quote: string | undefined
  for (const char of query) {
    if (quote) {
      if (char === quote) quote = undefined
    } else if (char === '"' || char === "'" || char === '/' || char === '`') quote = char
    else if (char === '|') {
      parts.push(current.trim())
      current = ''
      continue
    }
    current += char
  }
  if (quote) throw malformed('Unterminated quoted string or regex in the query.')
  parts.push(current.trim())
  return parts.filter((part) => part !== '')
}

/** Splits on commas outside parentheses, brackets and quotes. */
function splitList(text: string): string[] {
  const items: string[] = []
  let depth = 0
  let current = ''
  let quote: string | undefined
  for (const char of text) {
    if (quote) {
      if (char === quote) quote = undefined
    } else if (char === '"' || char === "'" || char === '`') quote = char
    else if (char === '(' || char === '[') depth++
    else if (char === ')' || char === ']') depth--
    else if (char === ',' && depth === 0) {
      items.push(current.trim())
      current = ''
      continue
    }
    current += char
  }
  items.push(current.trim())
  return items.filter((item) => item !== '')
}

export function parseQuery(query: string): Command[] {
  return splitCommands(query).map(parseCommand)
}

function parseCommand(text: string): Command {
  const [, word, rest = ''] = /^(\w+)\s*([\s\S]*)$/.exec(text) ?? []
  switch (word?.toLowerCase()) {
    case 'fields':
    case 'display':
      return {kind: 'fields', fields: splitList(rest).map(named)}
    case 'filter':
      return {kind: 'filter', test: new ExpressionParser(rest).whole()}
    case 'parse':
      return parseParse(rest)
    case 'stats':
      return parseStats(rest)
    case 'sort':
      return {
        kind: 'sort',
        keys: splitList(rest).map((item) => {
          const [, expression, order] = /^([\s\S]+?)(?:\s+(asc|desc))?$/i.exec(item)!
          return {value: new ExpressionParser(expression).whole(), descending: order?.toLowerCase() !== 'asc'}
        }),
      }
    case 'limit': {
      const count = Number(rest.trim())
      if (!Number.isInteger(count) || count < 1 || count > 10_000) throw malformed(`limit takes a whole number from 1 to 10000: ${rest.trim()}`)
      return {kind: 'limit', count}
    }
    default:
      throw malformed(`unexpected command: ${word ?? text}. The sandbox serves fields, display, filter, parse, stats, sort and limit.`)
  }
}

/** `expression [as name]`: a field's name is its text unless renamed. */
function named(item: string): {name: string; value: Expression} {
  const [, expression, alias] = /^([\s\S]+?)(?:\s+as\s+([@\w.]+))?$/i.exec(item)!
  return {name: alias ?? expression.replace(/`/g, ''), value: new ExpressionParser(expression).whole()}
}

function parseParse(rest: string): Command {
  const glob = /^([@\w.`]+)\s+(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')\s+as\s+(.+)$/i.exec(rest.trim())
  if (glob) {
    const names = splitList(glob[4])
    const parts = (glob[2] ?? glob[3]).split('*')
    if (parts.length - 1 !== names.length) throw malformed('parse: the pattern must have one * for each name after as.')
    const regex = new RegExp(parts.map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('(.*?)') + (parts.at(-1) === '' ? '$' : ''), 's')
    return {kind: 'parse', source: field(glob[1]), regex, names}
  }
  const pattern = /^([@\w.`]+)\s+\/(.+)\/$/.exec(rest.trim())
  if (pattern) {
    const regex = new RegExp(pattern[2], 's')
    const names = [...pattern[2].matchAll(/\(\?<(\w+)>/g)].map((match) => match[1])
    if (names.length === 0) throw malformed('parse: a regular expression needs named groups, (?<name>...).')
    return {kind: 'parse', source: field(pattern[1]), regex, names}
  }
  throw malformed(`parse: expected <field> "<pattern with *>" as <names>, or <field> /<regex with named groups>/: ${rest}`)
}

const AGGREGATE = /^(count|sum|avg|min|max|pct|count_distinct)\s*\(([^)]*)\)$/i

function parseStats(rest: string): Command {
  const [, list, byList] = /^([\s\S]+?)(?:\s+by\s+([\s\S]+))?$/i.exec(rest.trim()) ?? []
  if (!list) throw malformed('stats needs at least one aggregate function.')
  const aggregates = splitList(list).map((item): Aggregate => {
    const [, expression, alias] = /^([\s\S]+?)(?:\s+as\s+([@\w.]+))?$/i.exec(item)!
    const match = AGGREGATE.exec(expression.trim())
    if (!match) throw malformed(`stats: unsupported aggregate ${expression.trim()}. The sandbox serves count, count_distinct, sum, avg, min, max and pct.`)
    const kind = match[1].toLowerCase() as Aggregate['kind']
    const args = splitList(match[2])
    const name = alias ?? expression.trim()
    if (kind === 'count' && (args.length === 0 || args[0] === '*')) return {name, kind}
    if (kind === 'pct') {
      const percentile = Number(args[1])
      if (args.length !== 2 || !(percentile >= 0 && percentile <= 100)) throw malformed(`pct takes a field and a percentile from 0 to 100: ${expression.trim()}`)
      return {name, kind, field: new ExpressionParser(args[0]).whole(), percentile}
    }
    if (args.length !== 1) throw malformed(`${kind} takes one field: ${expression.trim()}`)
    return {name, kind, field: new ExpressionParser(args[0]).whole()}
  })
  return {kind: 'stats', aggregates, by: byList ? splitList(byList).map(named) : []}
}

/** A field reference: `status`, `@timestamp`, `route.key`, `` `odd name` ``. */
const field = (name: string): Expression => {
  const key = name.replace(/`/g, '')
  return (row) => row.get(key)
}

const TOKEN = /\s*(\d+(?:\.\d+)?[smhd]?\b|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\/(?:[^/\\]|\\.)+\/|`[^`]+`|[@A-Za-z_][\w.@]*|=~|!=|<=|>=|=|<|>|\(|\)|\[|\]|,|\+|-|\*|\/)/y

/** Filter and field expressions: comparisons, like, in, and/or/not, ispresent(), bin(), arithmetic left out. */
class ExpressionParser {
  private readonly tokens: string[]
  private at = 0

  constructor(text: string) {
    this.tokens = tokenize(text, TOKEN, (rest) => malformed(`unexpected text in the query: ${rest}`))
  }

  whole(): Expression {
    const expression = this.or()
    if (this.at !== this.tokens.length) throw malformed(`unexpected ${this.tokens[this.at]} in the query.`)
    return expression
  }

  private peek = () => this.tokens[this.at]?.toLowerCase()
  private next = () => this.tokens[this.at++]

  private or(): Expression {
    let left = this.and()
    while (this.peek() === 'or') {
      this.next()
      const [a, b] = [left, this.and()]
      left = (row) => truthy(a(row)) || truthy(b(row))
    }
    return left
  }

  private and(): Expression {
    let left = this.not()
    while (this.peek() === 'and') {
      this.next()
      const [a, b] = [left, this.not()]
      left = (row) => truthy(a(row)) && truthy(b(row))
    }
    return left
  }

  private not(): Expression {
    if (this.peek() === 'not') {
      this.next()
      const inner = this.not()
      return (row) => !truthy(inner(row))
    }
    return this.comparison()
  }

  private comparison(): Expression {
    const left = this.operand()
    const operator = this.peek()
    if (operator === 'like' || operator === '=~') {
      this.next()
      const right = this.next() ?? ''
      const regex = right.startsWith('/') ? new RegExp(right.slice(1, -1)) : new RegExp(unquote(right).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      return (row) => regex.test(String(left(row) ?? ''))
    }
    if (operator === 'in') {
      this.next()
      if (this.next() !== '[') throw malformed('in takes a list in brackets.')
      const values: unknown[] = []
      while (this.peek() !== ']') {
        if (this.peek() === undefined) throw malformed('in: the list is not closed.')
        if (this.peek() === ',') this.next()
        else values.push(literal(this.next()))
      }
      this.next()
      return (row) => values.some((value) => equal(left(row), value))
    }
    if (operator && ['=', '!=', '<', '>', '<=', '>='].includes(operator)) {
      this.next()
      const right = this.operand()
      return (row) => compare(left(row), operator, right(row))
    }
    return left
  }

  private operand(): Expression {
    const token = this.next()
    if (token === undefined) throw malformed('the query ends where a value was expected.')
    if (token === '(') {
      const inner = this.or()
      if (this.next() !== ')') throw malformed('a parenthesis is not closed.')
      return inner
    }
    const call = token.toLowerCase()
    if (this.tokens[this.at] === '(' && /^[a-z_]+$/.test(call)) {
      this.next()
      const args: Expression[] = []
      let raw: string[] = []
      while (this.peek() !== ')') {
        if (this.peek() === undefined) throw malformed(`${token}( is not closed.`)
        if (this.peek() === ',') this.next()
        else {
          raw = [...raw, this.tokens[this.at]]
          args.push(this.operand())
        }
      }
      this.next()
      return functionCall(call, args, raw)
    }
    // A period, as bin(5m) takes it.
    if (/^\d+[smhd]$/.test(token)) return () => token
    if (/^[\d"']/.test(token)) {
      const value = literal(token)
      return () => value
    }
    if (/^[@A-Za-z_`]/.test(token)) return field(token)
    throw malformed(`unexpected ${token} in the query.`)
  }
}

function functionCall(name: string, args: Expression[], raw: string[]): Expression {
  if (name === 'ispresent' && args.length === 1) return (row) => args[0](row) !== undefined
  if (name === 'isempty' && args.length === 1) return (row) => args[0](row) === undefined || args[0](row) === ''
  if (name === 'tolower' && args.length === 1) return (row) => String(args[0](row) ?? '').toLowerCase()
  if (name === 'toupper' && args.length === 1) return (row) => String(args[0](row) ?? '').toUpperCase()
  if (name === 'bin' && args.length === 1) {
    const ms = duration(raw[0])
    return (row) => {
      const time = row.get('@timestamp') as number
      return time - (time % ms)
    }
  }
  throw malformed(`unsupported function ${name}(). The sandbox serves ispresent, isempty, tolower, toupper and bin.`)
}

const UNITS: Record<string, number> = {s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000}

function duration(text: string | undefined): number {
  const match = /^(\d+)([smhd])$/.exec(text ?? '')
  if (!match) throw malformed(`bin() takes a period such as 5m: ${text}`)
  return Number(match[1]) * UNITS[match[2]]
}

function unquote(token: string): string {
  return token.slice(1, -1).replace(/\\(.)/g, '$1')
}

function literal(token: string | undefined): unknown {
  if (token === undefined) throw malformed('the query ends where a value was expected.')
  if (token.startsWith('"') || token.startsWith("'")) return unquote(token)
  const number = Number(token)
  if (Number.isFinite(number)) return number
  throw malformed(`expected a number or a quoted string: ${token}`)
}

const truthy = (value: unknown) => value !== undefined && value !== null && value !== false && value !== '' && value !== 0

/** Numbers compare as numbers (numeric strings too); anything else as text. */
export function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value)
  return undefined
}

function equal(left: unknown, right: unknown): boolean {
  const [a, b] = [asNumber(left), asNumber(right)]
  if (a !== undefined && b !== undefined) return a === b
  return left !== undefined && String(left) === String(right)
}

function compare(left: unknown, operator: string, right: unknown): boolean {
  if (left === undefined || right === undefined) return false
  if (operator === '=') return equal(left, right)
  if (operator === '!=') return !equal(left, right)
  const [a, b] = [asNumber(left), asNumber(right)]
  const difference = a !== undefined && b !== undefined ? a - b : String(left).localeCompare(String(right))
  return operator === '<' ? difference < 0 : operator === '>' ? difference > 0 : operator === '<=' ? difference <= 0 : difference >= 0
}
