import {type ApiType, findStage, type StageSummary} from '../catalog/index.js'
import type {AwsSession} from '../aws/index.js'
import {byCodePoint} from '../util/text.js'
import {openRelease, type Deployment} from './adapter.js'
import {parseDescription, type ReleaseAction} from './note.js'

/** One release of a stage: a deployment it was pointed at, when, by whom (JSON contract, docs/json.md). */
export interface Release {
  deploymentId: string
  /** null: no apigw record names this stage (made by the console, another tool, or auto-deploy). */
  action: ReleaseAction | null
  /** When the release was made; for a release without a record, when its deployment was made. */
  releasedAt: string | null
  by: string | null
  /** promote: the stage the deployment came from. */
  fromStage: string | null
  /** The deployment the stage ran before this release. */
  replaced: string | null
  /** The deployment's own text, without apigw's records. */
  description: string | null
  createdDate: string | null
  /** The stage's current deployment (the newest release of it). */
  live: boolean
  /** The deployment the stage's canary runs. */
  canary: boolean
  autoDeployed: boolean
}

export interface StageHistory {
  api: {id: string; name: string; type: ApiType}
  stage: string
  liveDeploymentId: string | null
  canary: {deploymentId: string | null; percentTraffic: number} | null
  autoDeploy: boolean
  /** Newest first. */
  releases: Release[]
}

export async function stageHistory(session: AwsSession, options: {api: string; stage: string}): Promise<StageHistory> {
  const release = await openRelease(session, options.api)
  const [{summary}, deployments] = await Promise.all([findStage(session, release.entry, options.stage), release.adapter.deployments()])
  return {
    api: release.api,
    stage: summary.name,
    liveDeploymentId: summary.deploymentId,
    canary: summary.canary,
    autoDeploy: summary.autoDeploy ?? false,
    releases: releasesOf(summary, deployments),
  }
}

/**
 * A stage's releases, newest first. AWS keeps deployments per API, not per stage, so a stage's
 * releases are the apigw records naming it (one deployment may have several: deployed, later
 * rolled back to), plus its live and canary deployments when no record names them.
 */
export function releasesOf(stage: Pick<StageSummary, 'name' | 'deploymentId' | 'canary'>, deployments: Deployment[]): Release[] {
  const recorded = deployments.flatMap((deployment) => {
    const {text, records} = parseDescription(deployment.description)
    return records
      .filter((record) => record.stage === stage.name)
      .map((record): Release => ({
        ...unrecorded(deployment, text),
        action: record.action,
        releasedAt: record.at,
        by: record.by,
        fromStage: record.from ?? null,
        replaced: record.replaced ?? null,
      }))
  })
  // Newest first; ISO times sort as text. Releases without a time go last.
  const releases = recorded.sort((a, b) => byCodePoint(b.releasedAt ?? '', a.releasedAt ?? ''))
  const mark = (deploymentId: string | null | undefined, flag: 'live' | 'canary') => {
    if (!deploymentId) return
    const newest = releases.find((release) => release.deploymentId === deploymentId)
    if (newest) newest[flag] = true
    else {
      const deployment = deployments.find((candidate) => candidate.id === deploymentId)
      // Unrecorded, yet in force now: it goes first.
      if (deployment) releases.unshift({...unrecorded(deployment, parseDescription(deployment.description).text), [flag]: true})
    }
  }
  mark(stage.canary?.deploymentId, 'canary')
  mark(stage.deploymentId, 'live')
  return releases
}

function unrecorded(deployment: Deployment, text: string): Release {
  return {
    deploymentId: deployment.id,
    action: null,
    releasedAt: deployment.createdDate,
    by: null,
    fromStage: null,
    replaced: null,
    description: text === '' ? null : text,
    createdDate: deployment.createdDate,
    live: false,
    canary: false,
    autoDeployed: deployment.autoDeployed,
  }
}
