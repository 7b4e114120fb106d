import {type Figures, millis, percent, type WindowMetrics} from '../../lib/metrics/index.js'
import type {CanaryStatus} from '../../lib/canary/index.js'
import type {Palette} from './palette.js'
import {windowText} from './metric-format.js'
import {renderKeyValues, renderTable, type Cell} from './table.js'

const orNone = <T>(value: T | null, show: (value: T) => string): Cell => (value === null ? null : show(value))

/** Canary and base side by side, one row per figure; what is missing is said under the table. */
export function figuresTable(metrics: WindowMetrics, colors: Palette): string {
  const rows: Array<[string, (f: Figures) => Cell]> = [
    ['requests', (f) => f.requests],
    ['4XX rate', (f) => orNone(f.rate4xx, percent)],
    ['5XX rate', (f) => orNone(f.rate5xx, percent)],
    ['p50 latency', (f) => orNone(f.latencyMs.p50, millis)],
    ['p90 latency', (f) => orNone(f.latencyMs.p90, millis)],
    ['p99 latency', (f) => orNone(f.latencyMs.p99, millis)],
    ['integration (avg)', (f) => orNone(f.integrationLatencyMs, millis)],
  ]
  const table = renderTable(['', 'CANARY', 'BASE'], rows.map(([label, pick]) => [label, pick(metrics.canary), pick(metrics.base)]), colors)
  const notes = [metrics.canary.note && `canary: ${metrics.canary.note}`, metrics.base.note && `base: ${metrics.base.note}`].filter(Boolean)
  return [table, ...notes.map((note) => colors.dim(note as string))].join('\n')
}

export function canaryStatusView(data: CanaryStatus, colors: Palette): string {
  const {canary} = data
  const overrides = canary ? Object.entries(canary.stageVariableOverrides).map(([name, value]) => `${name}=${value}`) : []
  const pairs: Array<[string, Cell]> = [
    ['api', `${data.api.name} (${data.api.id})`],
    ['stage', data.stage],
    ['base', `${data.base.deploymentId}${data.base.description ? `  ${data.base.description}` : ''}`],
    ['canary', canary ? `${canary.deploymentId}${canary.description ? `  ${canary.description}` : ''}` : 'none'],
    ...(canary
      ? ([
          ['traffic', `${canary.percentTraffic}% canary, ${100 - canary.percentTraffic}% base`],
          ['overrides', overrides.join(', ') || null],
          ['stage cache', canary.useStageCache ? 'used by the canary' : 'not used by the canary'],
        ] satisfies Array<[string, Cell]>)
      : []),
  ]
  return [renderKeyValues(pairs, colors), '', colors.bold(`Metrics ${windowText(data.metrics.window)}`), figuresTable(data.metrics, colors)].join('\n')
}
