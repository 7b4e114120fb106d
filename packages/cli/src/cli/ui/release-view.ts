import type {Release, ReleaseResult, StageDiff, StageHistory} from '../../lib/releases/index.js'
import {operationChangeLines} from './openapi-view.js'
import type {Palette} from './palette.js'
import {renderKeyValues, renderTable} from './table.js'

/** A deploy, rollback or promote: the old and the new deployment, and whether the stage serves it. */
export function releaseView(result: ReleaseResult, colors: Palette): string {
  const stage = [result.stage, result.fromStage && `(from ${result.fromStage})`, result.stageCreated && result.changed && '(created)'].filter(Boolean).join(' ')
  return renderKeyValues(
    [
      ['api', `${result.api.name} (${result.api.id})`],
      ['stage', stage],
      ['action', result.changed ? result.action : `${result.action}: nothing to change`],
      ['deployment', result.deploymentId],
      ['previous', result.previousDeploymentId],
      ['live', result.live === null ? 'not waited for (--wait)' : 'yes'],
      ['description', result.description],
      ...(result.diff ? [['changes', diffCounts(result.diff)] as [string, string]] : []),
    ],
    colors,
  )
}

/** promote --diff, for stderr before the confirmation: what the target's clients will see change. */
export function stageDiffView(diff: StageDiff, colors: Palette): string {
  if (diff.equal) return `Stages "${diff.from}" and "${diff.to}" serve the same operations.`
  const heading = `Promoting "${diff.from}" to "${diff.to}" changes what "${diff.to}" serves: ${diffCounts(diff)} (~ field: ${diff.to}'s value → ${diff.from}'s).`
  return [heading, ...operationChangeLines(diff, colors)].join('\n')
}

function diffCounts(diff: StageDiff): string {
  return diff.equal ? 'none' : `${diff.added.length} added, ${diff.removed.length} removed, ${diff.changed.length} changed`
}

/** A stage's releases, newest first, with the live and canary deployments marked. */
export function historyView(history: StageHistory, colors: Palette): string {
  if (history.releases.length === 0) return `No releases of stage "${history.stage}" are known.`
  const rows = history.releases.map((release) => [
    release.deploymentId,
    state(release, history),
    release.releasedAt?.replace(/\.\d{3}Z$/, 'Z'),
    action(release),
    release.by,
    release.replaced,
    release.description,
  ])
  return renderTable(['DEPLOYMENT', 'STATE', 'RELEASED', 'ACTION', 'BY', 'REPLACED', 'DESCRIPTION'], rows, colors)
}

function state(release: Release, history: StageHistory): string {
  const marks = [release.live && 'live', release.canary && `canary ${history.canary?.percentTraffic ?? 0}%`].filter(Boolean)
  return marks.join(', ')
}

function action(release: Release): string {
  if (release.action === 'promote') return `promote from ${release.fromStage}`
  if (release.action === 'switch') return `switch of ${release.fromStage}`
  if (release.action) return release.action
  return release.autoDeployed ? '(auto-deploy)' : '(not recorded)'
}
