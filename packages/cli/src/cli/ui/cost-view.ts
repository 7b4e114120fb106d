import {API_TYPE_LABELS} from '../../lib/catalog/index.js'
import type {CostReport, FleetCostReport} from '../../lib/cost/index.js'
import {failureRows, TARGET_HEAD, targetCells} from './fleet-targets-view.js'
import {plural} from '../../lib/util/text.js'
import {compactNumber} from './metric-format.js'
import type {Palette} from './palette.js'
import {renderTable, type Cell} from './table.js'

/** USD, to the cent; under a cent shown as such rather than as $0.00. */
export const usd = (value: number) => (value > 0 && value < 0.005 ? '<$0.01' : `$${value.toFixed(2)}`)

/** `apigw cost`: a row per API, dearest first, the total, the prices used and what is assumed. */
export function costView(data: CostReport | FleetCostReport, colors: Palette): string {
  const fleet = 'targets' in data ? data : undefined
  const rows = data.apis.map((row): Cell[] => [
    ...(fleet ? targetCells(row as FleetCostReport['apis'][number]) : []),
    row.api.name,
    row.api.id,
    API_TYPE_LABELS[row.api.type],
    compactNumber(row.requests) + (row.connectionMinutes === null ? '' : ` msgs, ${compactNumber(row.connectionMinutes)} conn-min`),
    usd(row.requestCost),
    row.caches.length === 0 ? null : row.caches.map((cache) => `${cache.stage} ${cache.sizeGb} GB ${Math.round(cache.hours)} h ${usd(cache.cost)}`).join('\n'),
    usd(row.cost),
    row.asHttp === null ? null : row.asHttp.requestCost === null ? colors.dim(`no: ${row.asHttp.restOnly.join(', ')}`) : usd(row.asHttp.requestCost),
  ])
  const head = [...(fleet ? TARGET_HEAD : []), 'API', 'ID', 'TYPE', 'REQUESTS', 'REQUEST COST', 'CACHE', 'TOTAL', 'AS HTTP API']
  const failures = fleet ? failureRows(fleet.targets, head.length, colors) : []
  return [
    `${colors.bold(`${usd(data.total)}${data.window ? ` over ${spanText(data.window)}` : ''}`)} · prices of ${data.prices.region}, ${data.prices.date} (${data.prices.source})`,
    '',
    rows.length + failures.length > 0 ? renderTable(head, [...rows, ...failures], colors) : 'No APIs found.',
    '',
    colors.dim(['Assumed:', ...data.assumptions.map((line) => `- ${line}`)].join('\n')),
  ].join('\n')
}

function spanText(window: CostReport['window']): string {
  const span = window.hours >= 48 ? plural(Math.round(window.hours / 24), 'day') : plural(Math.round(window.hours), 'hour')
  return `${span} (${window.start.slice(0, 16)}Z – ${window.end.slice(0, 16)}Z)`
}
