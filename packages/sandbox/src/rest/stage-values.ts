import {badRequest} from '../http.js'

/** Patch values arrive as strings; these read them, naming the path and the expectation when they cannot. */

const invalidValue = (path: string, value: string | undefined, expectation: string) =>
  badRequest(`Invalid value specified for ${path}: ${value ?? 'null'}. Must be ${expectation}`)

export function parseBoolean(value: string | undefined, path: string): boolean {
  const lower = value?.toLowerCase()
  if (lower === 'true' || lower === 'false') return lower === 'true'
  throw invalidValue(path, value, 'true or false')
}

export function parseInteger(value: string | undefined, path: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const number = Number(value)
  if (value?.trim() && Number.isInteger(number) && number >= min && number <= max) return number
  throw invalidValue(path, value, max === Number.MAX_SAFE_INTEGER ? `an integer of at least ${min}` : `an integer from ${min} to ${max}`)
}

export function parseNumber(value: string | undefined, path: string, min: number, max = Number.MAX_VALUE): number {
  const number = Number(value)
  if (value?.trim() && Number.isFinite(number) && number >= min && number <= max) return number
  throw invalidValue(path, value, max === Number.MAX_VALUE ? `a number of at least ${min}` : `a number from ${min} to ${max}`)
}

export function parseChoice(value: string | undefined, path: string, choices: string[]): string {
  if (value !== undefined && choices.includes(value)) return value
  throw invalidValue(path, value, `one of: [${choices.join(', ')}]`)
}
