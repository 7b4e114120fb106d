import {isoDate} from '../catalog/index.js'
import type {AwsSession} from '../aws/index.js'
import {sharedNameWarnings} from '../metrics/index.js'
import {systemClock, type Clock} from '../util/clock.js'
import {capitalize} from '../util/text.js'
import type {CanaryState} from './actuator.js'
import {canaryMetrics, type WindowMetrics} from '../metrics/index.js'
import {readCanaryState} from './changes.js'
import {openCanaryStage} from './stage.js'

/** A deployment as `canary status` shows it. */
export interface DeploymentInfo {
  deploymentId: string
  description: string | null
  createdDate: string | null
}

/** The stable JSON shape of `canary status` (docs/json.md). */
export interface CanaryStatus {
  api: {id: string; name: string}
  stage: string
  base: DeploymentInfo
  /** null when the stage has no canary. */
  canary: (DeploymentInfo & {percentTraffic: number; stageVariableOverrides: Record<string, string>; useStageCache: boolean}) | null
  /** Canary and base side by side over the window; null figures come with a note saying why. */
  metrics: WindowMetrics
}

export interface StatusWatch {
  /** Things to say once, on stderr. */
  notices: string[]
  /** The stage and its metrics over the last `sinceMs`, read now. */
  read(): Promise<CanaryStatus>
}

/** Opens a REST stage for `canary status` (once), to be read now and on every --watch refresh. */
export async function watchCanaryStatus(session: AwsSession, options: {api: string; stage: string; sinceMs: number; clock?: Clock}): Promise<StatusWatch> {
  const clock = options.clock ?? systemClock
  const {api, stage} = await openCanaryStage(session, options)
  const metrics = canaryMetrics(session, {apiName: api.name, stage: stage.stageName})
  const deployments = new Map<string, Promise<DeploymentInfo>>()
  const deployment = (deploymentId: string) => {
    if (!deployments.has(deploymentId)) deployments.set(deploymentId, describeDeployment(session, api.id, deploymentId))
    return deployments.get(deploymentId)!
  }
  return {
    notices: await sharedNameWarnings(session, api),
    async read() {
      const now = clock.now()
      const [state, window] = await Promise.all([readCanaryState(stage), metrics.read({start: now - options.sinceMs, end: now})])
      // Canary requests in the window count even after the canary went; with neither, the reason is simpler.
      const canary = !state.canary && window.canary.requests === null ? {...window.canary, note: `${capitalize(stage.where)} has no canary.`} : window.canary
      return {api: {id: api.id, name: api.name}, stage: stage.stageName, ...(await withDescriptions(state, deployment)), metrics: {...window, canary}}
    },
  }
}

async function withDescriptions(state: CanaryState, deployment: (id: string) => Promise<DeploymentInfo>): Promise<Pick<CanaryStatus, 'base' | 'canary'>> {
  const {canary} = state
  return {
    base: await deployment(state.baseDeploymentId),
    canary: canary && {
      ...(await deployment(canary.deploymentId)),
      percentTraffic: canary.percentTraffic,
      stageVariableOverrides: canary.stageVariableOverrides,
      useStageCache: canary.useStageCache,
    },
  }
}

async function describeDeployment(session: AwsSession, apiId: string, deploymentId: string): Promise<DeploymentInfo> {
  const found = await (await session.rest()).getDeployment(apiId, deploymentId)
  return {deploymentId, description: found.description ?? null, createdDate: isoDate(found.createdDate)}
}
