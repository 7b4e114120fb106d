import {apiLabel, summarize, type AnyApi, type ApiType} from '../catalog/index.js'
import {resolveApi} from '../catalog/index.js'
import type {AwsSession} from '../aws/index.js'
import type {ChangeStep, StepResults} from '../change/index.js'
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

/** A call a change makes, before the release logic words its summary. */
export type Call = Omit<ChangeStep, 'summary'>

/**
 * An API's id: known, or returned by an earlier step of the change (an API that `apis import`
 * creates). Only deploy() can run before the API exists; the other methods need a known id.
 */
export interface PendingId {
  /** As the change shows it: the id, or "<API id from step 1>". */
  shown: string
  of(results: StepResults): string
}

export const knownId = (id: string): PendingId => ({shown: id, of: () => id})

/** The steps that deploy, and how to read the new deployment's id from the change's results. */
export interface DeploySteps {
  steps: ChangeStep[]
  deploymentId(results: StepResults): string
}

/**
 * How releases are made on one kind of API: REST (apigateway) or HTTP/WebSocket (apigatewayv2).
 * Everything kind-specific lives behind this; deploy, history, rollback and promote do not ask which kind.
 */
export interface ReleaseAdapter {
  deployments(): Promise<Deployment[]>
  /** One deployment, or undefined when the API has none with that id. */
  deployment(id: string): Promise<Deployment | undefined>
  /**
   * The steps that make a deployment and point `stage` at it, creating the stage when `newStage`;
   * `firstStep` is where they start in the change (1-based), for steps that read an earlier result.
   */
  deploy(stage: string, description: string, options: {newStage: boolean; firstStep: number}): DeploySteps
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

/** The release adapter for an API of this kind. */
export function releaseAdapter(session: AwsSession, type: ApiType, id: PendingId): ReleaseAdapter {
  return type === 'rest' ? restReleases(session, id) : v2Releases(session, id)
}

export async function openRelease(session: AwsSession, reference: string): Promise<ReleaseApi> {
  const entry = await resolveApi(session, reference)
  const {id, name, type} = summarize(entry)
  return {api: {id, name, type}, label: apiLabel({id, name, type}), entry, adapter: releaseAdapter(session, type, knownId(id))}
}
