import {apiLabel, summarize, type AnyApi, type ApiType} from '../apis/catalog.js'
import {resolveApi} from '../apis/resolve.js'
import type {AwsSession} from '../aws/session.js'
import type {PlanStep, StepResults} from '../plan/plan.js'
import {restReleases} from './rest-release.js'
import {v2Releases} from './v2-release.js'

/** A deployment, the same for every API kind. */
export interface Deployment {
  id: string
  createdDate: string | null
  description: string | null
  /** HTTP and WebSocket: made by the stage's auto-deploy, not by anyone. */
  autoDeployed: boolean
}

/** A call a plan makes, before the release logic words its summary. */
export type Call = Omit<PlanStep, 'summary'>

/**
 * How releases are made on one kind of API: REST (apigateway) or HTTP/WebSocket (apigatewayv2).
 * Everything kind-specific lives behind this; deploy, history, rollback and promote do not ask which kind.
 */
export interface ReleaseAdapter {
  deployments(): Promise<Deployment[]>
  /** One deployment, or undefined when the API has none with that id. */
  deployment(id: string): Promise<Deployment | undefined>
  /** The steps that make a deployment and point `stage` at it, creating the stage when `newStage`. */
  deploySteps(stage: string, description: string, newStage: boolean): PlanStep[]
  /** The id of the deployment that deploySteps made, from their results. */
  deployedId(results: StepResults): string
  /** Points an existing stage at a deployment. */
  point(stage: string, deploymentId: string): Call
  /** Creates a stage that runs a deployment. */
  createStage(stage: string, deploymentId: string): Call
  /** Replaces a deployment's description. */
  describe(deploymentId: string, description: string): Call
  /** The AWS CLI command that does what describe() does, for a run that stopped before it. */
  describeCommand(deploymentId: string, description: string): string
  /** Whether the stage serves the deployment yet; throws when AWS says the deployment failed. */
  serves(stage: string, deploymentId: string): Promise<boolean>
}

/** The API a release command works on. */
export interface ReleaseApi {
  api: {id: string; name: string; type: ApiType}
  /** 'REST API "shop" (a1b2c3d4e5)' */
  label: string
  entry: AnyApi
  adapter: ReleaseAdapter
}

export async function openRelease(session: AwsSession, reference: string): Promise<ReleaseApi> {
  const entry = await resolveApi(session, reference)
  const {id, name, type} = summarize(entry)
  const adapter = entry.type === 'rest' ? restReleases(session, id) : v2Releases(session, id)
  return {api: {id, name, type}, label: apiLabel({id, name, type}), entry, adapter}
}
