import {apiLabel} from '../../lib/catalog/index.js'
import {type DetachUndone, type UsagePlanDeleteUndone, planNames} from '../../lib/usage-plans/index.js'
import type {Palette} from './palette.js'
import {renderKeyValues} from './table.js'

/** `apis delete --undo`, `stages delete --undo`: what went back where. */
export function detachUndoneView(data: DetachUndone, colors: Palette): string {
  return renderKeyValues(
    [
      ['restored', data.stage === null ? apiLabel(data.api) : `stage ${data.stage} of ${apiLabel(data.api)}`],
      ['into', data.restoredTo.length > 0 ? data.restoredTo.map((plan) => `${planNames([plan])}: ${plan.stages.join(', ')}`).join('; ') : 'nothing to restore'],
      ['delete begun', data.begunAt],
    ],
    colors,
  )
}

/** `plans delete --undo`: the API stages put back. */
export function planDeleteUndoneView(data: UsagePlanDeleteUndone, colors: Palette): string {
  return renderKeyValues(
    [
      ['usage plan', `${data.plan.name} (${data.plan.id})`],
      ['restored', data.restored.length > 0 ? data.restored.map(({apiId, stage}) => `${apiId}:${stage}`).join(', ') : 'nothing to restore'],
      ['delete begun', data.begunAt],
    ],
    colors,
  )
}
