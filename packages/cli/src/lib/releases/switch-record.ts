import type {AwsSession} from '../aws/index.js'
import type {ChangeStep} from '../change/index.js'
import {openRelease} from './adapter.js'
import {releasesOf} from './history.js'
import {withRecord} from './note.js'

export interface SwitchRecord {
  /** The API and stage a custom domain's path now reaches, and the deployment the stage runs. */
  apiId: string
  stage: string
  deploymentId: string
  /** `<domain>/<path>` */
  domainPath: string
  actor: string
  at: string
}

/**
 * The step that records a `domains switch` in the description of the deployment the target stage
 * runs, beside deploy's and promote's records, so that `stages history` shows when traffic came to
 * the stage through a domain. The stage did not move, so the record carries forward what its live
 * release replaced: rollback reads it from the newest record of the live deployment.
 */
export async function switchRecordStep(session: AwsSession, record: SwitchRecord): Promise<ChangeStep> {
  const release = await openRelease(session, record.apiId)
  const deployments = await release.adapter.deployments()
  const deployment = deployments.find((candidate) => candidate.id === record.deploymentId)
  const live = releasesOf({name: record.stage, deploymentId: record.deploymentId, canary: null}, deployments).find((entry) => entry.live)
  const description = withRecord(deployment?.description, {
    action: 'switch',
    stage: record.stage,
    from: record.domainPath,
    by: record.actor,
    at: record.at,
    ...(live?.replaced ? {replaced: live.replaced} : {}),
  })
  return {...release.adapter.describe(record.deploymentId, description), summary: `record the switch in deployment ${record.deploymentId}'s description, for stages history`}
}
