import type {ApiSummary} from '../../lib/catalog/index.js'
import type {TargetReport} from '../../lib/fleet/index.js'
import type {Palette} from './palette.js'
import {renderTable, type Cell} from './table.js'

/** Where a row of a fleet view comes from. */
export type Located = Pick<TargetReport, 'account' | 'region' | 'profile'>

/** The account and region columns, first in every fleet table. */
export const TARGET_HEAD = ['ACCOUNT', 'REGION']
export const targetCells = (row: Located): Cell[] => [row.account, row.region]

/** A row per target that could not be read: its account and region, then its reason in the last column (which may run long). */
export function failureRows(targets: TargetReport[], columns: number, colors: Palette): Cell[][] {
  return targets
    .filter((target) => target.error !== null)
    .map((target) => {
      const reason = `${target.profile === null ? '' : `profile ${target.profile}: `}not read: ${target.error!.message}`
      // A blank, not the table's "-" for no value: these columns have no meaning on this row.
      return [...targetCells(target), ...Array<Cell>(Math.max(0, columns - TARGET_HEAD.length - 1)).fill(' '), colors.red(reason)]
    })
}

/** `apis list --regions/--profiles`: every target's APIs, then the targets that could not be read. */
export function fleetApisTable(data: {apis: Array<ApiSummary & Located>; targets: TargetReport[]}, colors: Palette): string {
  const head = [...TARGET_HEAD, 'ID', 'NAME', 'TYPE', 'ENDPOINT', 'CREATED']
  const rows = data.apis.map((api): Cell[] => [...targetCells(api), api.id, api.name, api.type, api.endpointType, api.createdDate])
  const failures = failureRows(data.targets, head.length, colors)
  if (rows.length === 0 && failures.length === 0) return `No APIs found in ${data.targets.length === 1 ? 'the region' : `${data.targets.length} regions and profiles`}.`
  return renderTable(head, [...rows, ...failures], colors)
}
