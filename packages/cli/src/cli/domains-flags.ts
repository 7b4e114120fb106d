import {absoluteGates, parseMinRequests} from '../lib/canary/index.js'
import type {SwitchGate} from '../lib/domains/index.js'
import {usageError} from '../lib/errors.js'
import {parseWindow} from '../lib/util/window.js'
import {limitFlags} from './metrics-flags.js'
import {Flags} from './oclif/command.js'

export const domainFlag = Flags.string({description: 'the custom domain name', required: true})
export const pathFlag = Flags.string({description: "the base path or API mapping key; '' or \"(none)\" for the root", required: true})

/** `domains switch --gate`: `metrics check`'s flags, judged on the target stage before the switch. */
export const gateFlags = {
  gate: Flags.boolean({description: 'first judge the target stage as `metrics check` does; a failing gate refuses the switch'}),
  since: Flags.string({description: 'gate: the window of traffic judged', default: '15m'}),
  ...limitFlags({'max-5xx-rate': '1%', 'max-4xx-rate': 'off', 'max-p99': 'off'}),
  'min-requests': Flags.string({description: 'gate: requests needed to judge; fewer is not enough data', default: '100'}),
  'no-data': Flags.option({options: ['pass', 'fail'] as const, description: 'gate: what not enough data counts as', default: 'fail' as const})(),
}

export function gateOption(flags: Record<string, unknown>): SwitchGate | undefined {
  if (flags.gate !== true) return undefined
  const text = (name: string) => String(flags[name])
  const window = parseWindow({since: text('since')}, '15m')
  if (window.sinceMs < 60_000) throw usageError(`The gate's window must be at least a minute (CloudWatch's periods); got ${window.label}.`, ['Try: --since 15m'])
  return {
    sinceMs: window.sinceMs,
    limits: absoluteGates({'max-5xx-rate': text('max-5xx-rate'), 'max-4xx-rate': text('max-4xx-rate'), 'max-p99': text('max-p99')}),
    minRequests: parseMinRequests(text('min-requests')),
    noData: flags['no-data'] === 'pass' ? 'pass' : 'fail',
  }
}
