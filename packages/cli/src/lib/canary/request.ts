import {usageError} from '../errors.js'
import {checkVariableName, parseVariables} from '../stages/index.js'

/**
 * The canary commands' flags, checked before any AWS call: a malformed value is a usage error
 * (exit 2) that shows the right form, and nothing is sent.
 */

/** A canary's share of traffic: a number from 0 to 100 (AWS reads it back as a float). */
export function checkPercent(percent: number, flag = '--percent'): number {
  if (!Number.isFinite(percent) || percent < 0 || percent > 100) {
    throw usageError(`${flag} must be a number from 0 to 100 (the canary's share of traffic, in percent); got ${percent}.`, [`Try: ${flag} 10`], 'INVALID_PERCENT')
  }
  return percent
}

/** "25", "12.5" or "25%" → 25 / 12.5; anything else is INVALID_PERCENT. */
export function parsePercentFlag(text: string, flag = '--percent'): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*%?\s*$/.exec(text)
  if (!match) throw usageError(`${flag} must be a number from 0 to 100 (the canary's share of traffic, in percent); got "${text}".`, [`Try: ${flag} 10`], 'INVALID_PERCENT')
  return checkPercent(Number(match[1]), flag)
}

export interface OverridesRequest {
  overrides: Record<string, string>
  unsetOverrides: string[]
}

/** `--var name=value` (stage variable overrides of the canary) and `--unset-var name`, as `stages set` checks them. */
export function parseOverrides(vars: string[] = [], unset: string[] = []): OverridesRequest {
  const overrides = parseVariables(vars)
  const unsetOverrides = [...new Set(unset)].map((name) => checkVariableName(name, '--unset-var'))
  const both = unsetOverrides.find((name) => name in overrides)
  if (both !== undefined) throw usageError(`Variable override "${both}" is both set (--var) and unset (--unset-var).`, ['Try: one of the two'], 'INVALID_SETTING')
  return {overrides, unsetOverrides}
}
