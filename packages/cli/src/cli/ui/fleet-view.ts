import {API_TYPE_LABELS} from '../../lib/catalog/index.js'
import type {Fleet, FleetOfTargets, Thresholds, Trend} from '../../lib/dashboard/index.js'
import {formatDuration} from '../../lib/util/duration.js'
import {plural} from '../../lib/util/text.js'
import {compactNumber, latencyText, percentText, windowText} from './metric-format.js'
import type {Palette} from './palette.js'
import {renderTable, type Cell} from './table.js'
import {failureRows, TARGET_HEAD, targetCells} from './fleet-targets-view.js'

/**
 * `dashboard --all`: a row per API and stage, worst first; breached limits in red, a rising 5XX rate
 * too. With --regions or --profiles, account and region columns first, and a row per target not read.
 */
export function fleetView(data: Fleet | FleetOfTargets, colors: Palette, thresholds: Thresholds): string {
  const targets = 'targets' in data ? data : undefined
  const arrow: Record<Trend, string> = {up: colors.red('↑'), down: colors.green('↓'), flat: colors.dim('→')}
  const over = (value: number | null, limit: number | null, text: string) => (value !== null && limit !== null && value > limit ? colors.red(text) : text)
  const rows = data.rows.map((row): Cell[] => [
    ...(targets ? targetCells(row as FleetOfTargets['rows'][number]) : []),
    row.api.name + (row.sameName.length > 0 ? colors.yellow(` (+${row.sameName.length} same-named)`) : ''),
    row.api.id,
    API_TYPE_LABELS[row.api.type],
    row.stage,
    row.requests === null ? null : compactNumber(row.requests),
    row.rate5xx === null ? null : over(row.rate5xx, thresholds.max5xxRate, percentText(row.rate5xx)),
    row.trend === null ? null : arrow[row.trend],
    row.p99Ms === null ? null : over(row.p99Ms, thresholds.maxP99Ms, latencyText(row.p99Ms)),
  ])
  const head = [...(targets ? TARGET_HEAD : []), 'API', 'ID', 'TYPE', 'STAGE', 'REQUESTS', '5XX RATE', 'TREND', 'P99']
  const failures = targets ? failureRows(targets.targets, head.length, colors) : []
  const window = data.window ? ` · ${windowText(data.window)} · trend: the 5XX rate, first half to second (${formatDuration(data.window.periodSeconds * 1000)} periods)` : ''
  const lines = [
    `${colors.bold(plural(data.rows.length, 'stage'))} with requests in CloudWatch, worst first${window}`,
    '',
    rows.length + failures.length > 0 ? renderTable(head, [...rows, ...failures], colors) : `No API in ${targets ? 'these regions' : 'this region'} has metrics in CloudWatch.`,
  ]
  const place = (api: Fleet['quiet'][number]) => (targets ? ` in ${(api as FleetOfTargets['quiet'][number]).region}` : '')
  if (data.quiet.length > 0) lines.push('', colors.dim(`No metrics in CloudWatch (no requests in two weeks): ${data.quiet.map((api) => `${api.name} (${api.id})${place(api)}`).join(', ')}`))
  return lines.join('\n')
}
