import {usageError} from '../errors.js'

/**
 * "100:50" → 100 requests per second, bursts of 50: how stage, method and usage plan throttles are
 * written on the command line. `flag` and `example` name it in the error.
 */
export function parseThrottle(text: string, flag: string, example: string): {rateLimit: number; burstLimit: number} {
  const match = /^\s*(\d+(?:\.\d+)?)\s*:\s*(\d+)\s*$/.exec(text)
  if (!match) {
    throw usageError(`${flag} "${text}" is not rate:burst (requests per second, then the largest burst, a whole number).`, [`Try: ${flag} ${example}`], 'INVALID_SETTING')
  }
  return {rateLimit: Number(match[1]), burstLimit: Number(match[2])}
}
