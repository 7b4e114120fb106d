import {usageError} from '../errors.js'

/** "20%" or "0.2" → 0.2; anything outside 0–100% is a usage error naming `name` and showing `example`. */
export function parsePercent(text: string, name: string, example: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(%?)\s*$/.exec(text)
  const value = match ? Number(match[1]) / (match[2] ? 100 : 1) : Number.NaN
  if (!(value >= 0 && value <= 1)) throw usageError(`${name} must be a percentage between 0% and 100%; got "${text}".`, [`Try: ${example}`])
  return value
}

/** "4xx=2%,5xx=0.5%" → {"4xx": 0.02, "5xx": 0.005}, for the names allowed. */
export function parseNamedValues<K extends string>(text: string, flag: string, names: readonly K[], example: string, parse: (value: string, name: string) => number): Partial<Record<K, number>> {
  const values: Partial<Record<K, number>> = {}
  for (const part of text.split(',')) {
    const [name, value] = part.split('=').map((s) => s.trim())
    if (!names.includes(name as K) || value === undefined) {
      throw usageError(`${flag} takes ${names.map((n) => `${n}=…`).join(', ')}; got "${part}".`, [`Try: ${flag} ${example}`])
    }
    values[name as K] = parse(value, `${flag} ${name}`)
  }
  return values
}
