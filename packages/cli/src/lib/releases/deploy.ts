import type {AwsSession} from '../aws/index.js'
import {checkStageName} from '../util/stage-name.js'
import {shellQuote} from '../util/text.js'
import {openRelease} from './adapter.js'
import {checkReleaseText, withRecord} from './note.js'
import {refuseCanary, releaseChange, resultOf, stageToRelease, unchanged, type ReleaseBase, type ReleaseChange, type ReleaseFollowUp, type ReleaseOutline} from './release.js'

export interface DeployOptions {
  api: string
  stage: string
  /** The operator's text; the release record is added after it. */
  description?: string
  createStage: boolean
  /** Who deploys, for the record. */
  actor: string
  now?: Date
}

/** Prepares a deployment (see outlineDeploy), followed as asked once it ran. */
export async function prepareDeploy(session: AwsSession, options: DeployOptions & ReleaseFollowUp): Promise<ReleaseChange> {
  return releaseChange(await outlineDeploy(session, options), options)
}

/**
 * A deployment of the API as it is now to a stage, recording who made it and what it
 * replaced. REST: CreateDeployment with stageName. HTTP/WebSocket: CreateDeployment with StageName,
 * or CreateDeployment then CreateStage for a new stage; a stage that deploys itself (AutoDeploy)
 * needs nothing, and its last automatic deployment is the answer.
 */
async function outlineDeploy(session: AwsSession, options: DeployOptions): Promise<ReleaseOutline> {
  if (options.description !== undefined) checkReleaseText(options.description)
  if (options.createStage) checkStageName(options.stage)
  const release = await openRelease(session, options.api)
  const found = await stageToRelease(session, release, options.stage, {
    flag: '--stage',
    mayCreate: options.createStage,
    createHint: 'add --create-stage, to create it with this deployment',
  })
  const stage = found?.summary
  const base: ReleaseBase = {release, stageName: stage?.name ?? options.stage, stage, action: 'deploy'}
  if (stage) {
    refuseCanary(
      release,
      stage,
      `AWS refuses a plain deployment to a canary-enabled stage ("Non canary deployment not supported on stage ${stage.name} because Canary is enabled"). Release through the canary with apigw canary instead.`,
    )
  }
  if (stage?.autoDeploy) {
    const last = stage.deploymentId ? await release.adapter.deployment(stage.deploymentId) : undefined
    return unchanged(
      base,
      stage.deploymentId ?? '',
      last?.description ?? null,
      [`Stage "${stage.name}" of ${release.label} deploys itself (AutoDeploy): AWS makes a deployment whenever its routes or integrations change, so there is nothing to deploy. Its last automatic deployment is ${stage.deploymentId ?? 'none yet'}${last?.createdDate ? `, made ${last.createdDate}` : ''}.`],
    )
  }
  const previous = stage?.deploymentId ?? undefined
  const description = withRecord(options.description, {action: 'deploy', stage: base.stageName, by: options.actor, at: (options.now ?? new Date()).toISOString(), replaced: previous})
  const deploy = release.adapter.deploy(base.stageName, description, {newStage: stage === undefined, firstStep: 1})
  return {
    base,
    change: {
      summary: stage ? `deploy ${release.label} to stage "${stage.name}", replacing deployment ${previous ?? 'none'}` : `deploy ${release.label} to a new stage "${base.stageName}"`,
      severity: 'safe',
      steps: deploy.steps,
      // Only a new HTTP stage takes two steps: the deployment is made, the stage is not.
      recovery: (_failed, results) =>
        `Try: ${['apigw', 'deploy', '--api', release.api.id, '--stage', base.stageName, '--create-stage'].map(shellQuote).join(' ')} (again; deployment ${deploy.deploymentId(results)} is left unused)`,
    },
    notes: [],
    result: (results) => resultOf(base, {changed: true, deploymentId: deploy.deploymentId(results), description}),
  }
}
