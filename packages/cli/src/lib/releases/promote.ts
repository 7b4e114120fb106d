import type {AwsSession} from '../aws/index.js'
import {ApigwError, ExitCode, usageError} from '../errors.js'
import type {FoundStage} from '../catalog/index.js'
import {openRelease} from './adapter.js'
import {recordOnly, refuseAutoDeploy, refuseCanary, releaseChange, repoint, stageToRelease, unchanged, unrecordedMove, type ReleaseBase, type ReleaseChange, type ReleaseFollowUp, type ReleaseOutline} from './release.js'

export interface PromoteOptions {
  api: string
  from: string
  to: string
  /** Compare what the two stages serve. */
  diff: boolean
  createStage: boolean
  actor: string
  now?: Date
}

/** Prepares a promotion (see outlinePromote), followed as asked once it ran. */
export async function preparePromote(session: AwsSession, options: PromoteOptions & ReleaseFollowUp): Promise<ReleaseChange> {
  return releaseChange(await outlinePromote(session, options), options)
}

/**
 * Pointing the target stage at the deployment the source stage runs (dev → prod): no new
 * deployment, so prod serves exactly what was checked on dev. Destructive: prod's traffic moves.
 */
async function outlinePromote(session: AwsSession, options: PromoteOptions): Promise<ReleaseOutline> {
  if (options.from === options.to) throw usageError(`--from and --to are both "${options.from}": promote moves one stage's deployment to another.`, ['Try: --from dev --to prod'], 'SAME_STAGE')
  const release = await openRelease(session, options.api)
  const [{summary: source}, found] = await Promise.all([
    stageToRelease(session, release, options.from, {flag: '--from'}) as Promise<FoundStage>,
    stageToRelease(session, release, options.to, {flag: '--to', mayCreate: options.createStage, createHint: 'add --create-stage, to create it on the promoted deployment'}),
  ])
  const target = found?.summary
  if (!source.deploymentId) {
    throw new ApigwError(`Stage "${source.name}" of ${release.label} runs no deployment, so there is nothing to promote.`, {
      code: 'NOTHING_TO_PROMOTE',
      exitCode: ExitCode.notFound,
      suggestions: [`Try: apigw deploy --api ${release.api.id} --stage ${source.name} first`],
    })
  }
  if (target) {
    refuseCanary(release, target, 'promoting would move the base under it, and the canary would keep serving its share.')
    refuseAutoDeploy(release, target, 'point the stage at a chosen deployment')
  }
  const notes = source.canary
    ? [`Stage "${source.name}" has a canary (deployment ${source.canary.deploymentId} at ${source.canary.percentTraffic}%); promoting its base deployment ${source.deploymentId}.`]
    : []
  const stageName = target?.name ?? options.to
  // Exports and the normaliser load only for --diff.
  const diff = options.diff ? await (await import('./stage-diff.js')).diffStages(session, release, source.name, {name: stageName, exists: target !== undefined}) : null
  const base: ReleaseBase = {release, stageName, stage: target, action: 'promote', fromStage: source.name, diff}
  const deployments = await release.adapter.deployments()
  const deployment = deployments.find((candidate) => candidate.id === source.deploymentId)
  const at = (options.now ?? new Date()).toISOString()
  if (target?.deploymentId === source.deploymentId) {
    // A promotion whose record was never written is finished by recording it.
    const moved = unrecordedMove(target.name, target.deploymentId, deployments)
    if (moved) {
      const finish = recordOnly(base, {id: source.deploymentId, description: deployment?.description ?? null}, moved, {action: 'promote', stage: target.name, from: source.name, by: options.actor, at})
      return {...finish, notes: [...notes, ...finish.notes]}
    }
    const same = `Stage "${target.name}" already runs deployment ${source.deploymentId}, as "${source.name}" does; nothing to promote.`
    return unchanged(base, source.deploymentId, deployment?.description ?? null, [...notes, same])
  }
  return {
    ...repoint(base, {id: source.deploymentId, description: deployment?.description ?? null}, {
      summary: `promote deployment ${source.deploymentId} of ${release.label} from stage "${source.name}" to ${target ? `stage "${target.name}", replacing deployment ${target.deploymentId ?? 'none'}` : `a new stage "${options.to}"`}`,
      severity: 'destructive',
      record: {action: 'promote', stage: base.stageName, from: source.name, by: options.actor, at, replaced: target?.deploymentId ?? undefined},
      rerunRecords: unrecordedMove(base.stageName, source.deploymentId, deployments) !== undefined,
    }),
    notes,
  }
}
