import type {CanaryChange, CanaryState} from '../../lib/canary/index.js'
import type {Palette} from './palette.js'
import {renderKeyValues, type Cell} from './table.js'

/** A canary change: the base and the canary before → after, and the canary's settings now. */
export function canaryChangeView(change: CanaryChange, colors: Palette): string {
  const {before, after} = change
  const canary = after.canary
  const rows: Array<[string, Cell]> = [
    ['api', `${change.api.name} (${change.api.id})`],
    ['stage', change.stage],
    ['action', change.changed ? change.action : `${change.action}: nothing to change`],
    ['base', transition(before.baseDeploymentId, after.baseDeploymentId)],
    ['canary', transition(canaryText(before), canaryText(after))],
  ]
  if (canary) {
    rows.push(['overrides', Object.entries(canary.stageVariableOverrides).map(([name, value]) => `${name}=${value}`).join(', ')])
    rows.push(['stage cache', canary.useStageCache ? 'used' : 'not used'])
  }
  return renderKeyValues(rows, colors)
}

const canaryText = (state: CanaryState) => (state.canary ? `${state.canary.deploymentId} at ${state.canary.percentTraffic}%` : 'none')
const transition = (before: string, after: string) => (before === after ? after : `${before} → ${after}`)
