import type {AwsSession} from '../aws/index.js'
import {ApigwError, ExitCode} from '../errors.js'
import {findStage} from '../catalog/index.js'
import {shellQuote} from '../util/text.js'
import {openRelease, type Deployment, type ReleaseApi} from './adapter.js'
import {releasesOf} from './history.js'
import {recordOnly, refuseAutoDeploy, refuseCanary, releaseChange, repoint, unchanged, unrecordedMove, type ReleaseBase, type ReleaseChange, type ReleaseFollowUp, type ReleaseOutline} from './release.js'

export interface RollbackOptions {
  api: string
  stage: string
  /** A deployment to go back to; default: the one the live release replaced. */
  to?: string
  actor: string
  now?: Date
}

/** Prepares a rollback (see outlineRollback), followed as asked once it ran. */
export async function prepareRollback(session: AwsSession, options: RollbackOptions & ReleaseFollowUp): Promise<ReleaseChange> {
  return releaseChange(await outlineRollback(session, options), options)
}

/**
 * Pointing a stage back at an earlier deployment: the one its live release replaced (as
 * recorded by apigw), or `to`. Like `kubectl rollout undo`, a rollback is itself a release, so a
 * second rollback returns to where the first started. Destructive: the stage's traffic moves.
 */
async function outlineRollback(session: AwsSession, options: RollbackOptions): Promise<ReleaseOutline> {
  const release = await openRelease(session, options.api)
  const [{summary: stage}, deployments] = await Promise.all([findStage(session, release.entry, options.stage), release.adapter.deployments()])
  refuseCanary(release, stage, 'rolling back would move the base under it, and the canary would keep serving its share.')
  refuseAutoDeploy(release, stage, 'point the stage at a chosen deployment')
  const base: ReleaseBase = {release, stageName: stage.name, stage, action: 'rollback'}
  const command = (...flags: string[]) => ['apigw', 'stages', ...flags, '--api', release.api.id, '--stage', stage.name].map(shellQuote).join(' ')
  // A rollback whose record was never written: the stage already runs what the newest record replaced.
  const moved = unrecordedMove(stage.name, stage.deploymentId, deployments)
  const finishing = moved !== undefined && moved.replaced === stage.deploymentId
  const targetId = options.to ?? (finishing ? stage.deploymentId! : previousDeployment(release, stage.name, stage.deploymentId, deployments, command))
  const target = deployments.find((deployment) => deployment.id === targetId)
  if (!target) throw deploymentMissing(release, targetId, options.to === undefined, command)
  const at = (options.now ?? new Date()).toISOString()
  if (target.id === stage.deploymentId) {
    if (moved) return recordOnly(base, target, moved, {action: 'rollback', stage: stage.name, by: options.actor, at})
    return unchanged(base, target.id, target.description, [`Stage "${stage.name}" of ${release.label} already runs deployment ${target.id}; nothing to roll back.`])
  }
  return repoint(base, target, {
    summary: `roll stage "${stage.name}" of ${release.label} back from deployment ${stage.deploymentId ?? 'none'} to ${target.id}`,
    severity: 'destructive',
    record: {action: 'rollback', stage: stage.name, by: options.actor, at, replaced: stage.deploymentId ?? undefined},
    rerunRecords: unrecordedMove(stage.name, target.id, deployments) !== undefined,
  })
}

/** What the live release replaced, from its record; NO_PREVIOUS_DEPLOYMENT (exit 4) when nothing says. */
function previousDeployment(release: ReleaseApi, stage: string, live: string | null, deployments: Deployment[], command: (...flags: string[]) => string): string {
  const current = releasesOf({name: stage, deploymentId: live, canary: null}, deployments).find((entry) => entry.live)
  if (current?.replaced) return current.replaced
  const why = !live
    ? 'it runs no deployment'
    : current?.action
      ? `deployment ${live} was its first release`
      : `deployment ${live} carries no apigw record for this stage (it was not released with apigw)`
  throw new ApigwError(`No earlier deployment is known for stage "${stage}" of ${release.label}: ${why}.`, {
    code: 'NO_PREVIOUS_DEPLOYMENT',
    exitCode: ExitCode.notFound,
    suggestions: [`Try: ${command('history')}, then ${command('rollback')} --to <deployment-id>`],
  })
}

function deploymentMissing(release: ReleaseApi, id: string, recorded: boolean, command: (...flags: string[]) => string): ApigwError {
  const where = recorded ? `The live release replaced deployment ${id}, but ${release.label} no longer has it` : `${release.label} has no deployment ${id}`
  return new ApigwError(`${where}.`, {
    code: 'DEPLOYMENT_NOT_FOUND',
    exitCode: ExitCode.notFound,
    suggestions: [`Try: ${command('history')}, to see the deployments this stage ran`],
  })
}
