import {TRAFFIC} from '../lib/metrics/index.js'
import {Flags} from './oclif/command.js'

export const trafficFlag = Flags.option({
  options: TRAFFIC,
  description: "whose requests: the stage's (all), the canary's, or the base's (the stage less its canary); REST only for canary and base",
  default: 'all' as const,
})()

/** Limits on the figures: the gates of `metrics check`, the red lines of `dashboard`. */
export const limitFlags = (defaults: {'max-5xx-rate': string; 'max-4xx-rate': string; 'max-p99': string}) => ({
  'max-5xx-rate': Flags.string({description: 'highest allowed 5XX rate, e.g. 1%, or off', default: defaults['max-5xx-rate']}),
  'max-4xx-rate': Flags.string({description: 'highest allowed 4XX rate, e.g. 5%, or off', default: defaults['max-4xx-rate']}),
  'max-p99': Flags.string({description: 'highest allowed p99 latency, e.g. 800ms, or off', default: defaults['max-p99']}),
})

/** The terminal's size, or 80 columns (COLUMNS, when set) and no height limit when stdout is not a terminal. */
export function screenSize(): {width: number; height?: number} {
  if (process.stdout.isTTY && process.stdout.columns) return {width: process.stdout.columns, height: process.stdout.rows || undefined}
  return {width: Number(process.env.COLUMNS) > 0 ? Number(process.env.COLUMNS) : 80}
}
