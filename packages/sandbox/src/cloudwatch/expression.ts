import {invalidValue} from './errors.js'

/** Values by timestamp (epoch ms), oldest first. */
export type TimeSeries = Map<number, number>
type Operand = TimeSeries | number

const TOKEN = /\s*(?:(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|([A-Za-z_]\w*)|([-+*/()]))/y
const SUPPORTED = 'the sandbox supports +, -, *, / and parentheses over query ids and numbers'

/**
 * Evaluates metric math limited to arithmetic, e.g. `m1/m2*100` or `(errors - 5) / count`. Series
 * combine point by point on the timestamps both have; a point that divides by zero is left out.
 */
export function evaluateExpression(queryId: string, text: string, resolve: (id: string) => TimeSeries | undefined): Operand {
  const fail = (reason: string) => invalidValue(`Error in expression ${queryId}: ${reason}`)
  const tokens = tokenize(text, fail)
  let at = 0
  const peek = () => tokens[at]
  const next = () => tokens[at++]

  function expression(): Operand {
    let left = term()
    while (peek() === '+' || peek() === '-') left = combine(next(), left, term())
    return left
  }
  function term(): Operand {
    let left = unary()
    while (peek() === '*' || peek() === '/') left = combine(next(), left, unary())
    return left
  }
  function unary(): Operand {
    if (peek() === '-') {
      next()
      return combine('*', -1, unary())
    }
    return primary()
  }
  function primary(): Operand {
    const token = next()
    if (token === undefined) throw fail('the expression ends too early.')
    if (token === '(') {
      const inner = expression()
      if (next() !== ')') throw fail('a ")" is missing.')
      return inner
    }
    if (/^\d/.test(token)) return Number(token)
    if (/^[A-Za-z_]/.test(token)) {
      if (peek() === '(') throw fail(`the function ${token}() is not supported; ${SUPPORTED}.`)
      const series = resolve(token)
      if (!series) throw fail(`"${token}" is not the id of another query in this request.`)
      return series
    }
    throw fail(`unexpected "${token}".`)
  }

  const result = expression()
  if (at < tokens.length) throw fail(`unexpected "${tokens[at]}".`)
  return result
}

function tokenize(text: string, fail: (reason: string) => Error): string[] {
  const tokens: string[] = []
  TOKEN.lastIndex = 0
  while (TOKEN.lastIndex < text.length) {
    const from = TOKEN.lastIndex
    const match = TOKEN.exec(text)
    if (!match) {
      if (text.slice(from).trim() === '') break
      throw fail(`"${text.slice(from).trim()}" is not supported; ${SUPPORTED}.`)
    }
    tokens.push(match[1] ?? match[2] ?? match[3])
  }
  return tokens
}

const OPERATORS: Record<string, (a: number, b: number) => number> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => a / b,
}

function combine(operator: string, left: Operand, right: Operand): Operand {
  const apply = OPERATORS[operator]
  if (typeof left === 'number' && typeof right === 'number') return apply(left, right)
  const timestamps = typeof left === 'number' ? [...(right as TimeSeries).keys()] : [...left.keys()]
  const result: TimeSeries = new Map()
  for (const timestamp of timestamps) {
    const a = typeof left === 'number' ? left : left.get(timestamp)
    const b = typeof right === 'number' ? right : right.get(timestamp)
    if (a === undefined || b === undefined) continue
    const value = apply(a, b)
    if (Number.isFinite(value)) result.set(timestamp, value)
  }
  return result
}
