import type {CreatedKey, DeletedKey, ImportedKeys, KeyDetails, KeySummary, UsagePlanRef, SwitchedKey} from '../../lib/keys/index.js'
import {keyLabel} from '../../lib/usage-plans/index.js'
import {tagsText} from './apis-view.js'
import type {Palette} from './palette.js'
import {renderKeyValues, renderTable, type Cell} from './table.js'

const planNames = (plans: UsagePlanRef[]) => plans.map((plan) => plan.name || plan.id).join(', ')

export function keysListTable(data: {keys: KeySummary[]}, colors: Palette): string {
  if (data.keys.length === 0) return 'No API keys found.'
  return renderTable(
    ['ID', 'NAME', 'ENABLED', 'CREATED', 'PLANS'],
    data.keys.map((key) => [key.id, key.name, key.enabled ? 'yes' : 'no', key.createdDate, planNames(key.plans)]),
    colors,
  )
}

function detailPairs(key: KeySummary): Array<[string, Cell]> {
  return [
    ['id', key.id],
    ['name', key.name],
    ['enabled', key.enabled ? 'yes' : 'no'],
    ['customer id', key.customerId],
    ['description', key.description],
    ['created', key.createdDate],
    ['usage plans', key.plans.map((plan) => `${plan.name} (${plan.id})`).join(', ')],
  ]
}

function keyDetailsView(key: KeyDetails, colors: Palette, valueFile: string | null = null): string {
  const pairs: Array<[string, Cell]> = [
    ...detailPairs(key),
    ['last updated', key.lastUpdatedDate],
    ['tags', tagsText(key.tags)],
    ['stage keys', key.stageKeys.join(', ')],
  ]
  if (key.value !== undefined) pairs.push(['value', key.value])
  if (valueFile !== null) pairs.push(['value file', valueFile])
  return renderKeyValues(pairs, colors)
}

export const keyShowView = (data: {key: KeyDetails}, colors: Palette) => keyDetailsView(data.key, colors)

export const keyCreatedView = (created: CreatedKey, colors: Palette) => keyDetailsView(created.key, colors, created.valueFile)

export function keySwitchedView(data: SwitchedKey, colors: Palette): string {
  return renderKeyValues([...detailPairs(data.key), ['changed', data.changed ? 'yes' : 'no (already so)']], colors)
}

export function keyDeletedView(data: DeletedKey, colors: Palette): string {
  return renderKeyValues([['deleted', keyLabel(data.deleted)], ...detailPairs(data.deleted).slice(2)], colors)
}

export function keysImportedView(data: ImportedKeys, colors: Palette): string {
  if (data.imported.length === 0) return 'No API keys imported.'
  return renderTable(
    ['LINE', 'ID', 'NAME', 'ENABLED', 'PLANS'],
    data.imported.map((key) => [key.line, key.id, key.name, key.enabled ? 'yes' : 'no', planNames(key.plans)]),
    colors,
  )
}
