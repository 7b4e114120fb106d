/**
 * What the progressive canary controller (`canary run`) needs from a REST stage, so the controller
 * can be tested with a fake and the real implementation can reuse the manual canary commands' plans.
 */

/** A REST stage's release state, as read just now. */
export interface CanaryState {
  baseDeploymentId: string
  /** null when the stage has no canary. */
  canary: {deploymentId: string; percentTraffic: number; stageVariableOverrides: Record<string, string>; useStageCache: boolean} | null
}

/**
 * Changes one stage's canary. Every method re-reads the stage first and throws ApigwError
 * code STAGE_CHANGED (exit 5) when the stage is not in `expected` state any more (someone else
 * changed it meanwhile), so the controller never overwrites another operator's change. setPercent
 * and promote need every canary setting as expected; abort and pause, which move traffic back to
 * the base, only the same base and canary deployments (a share changed meanwhile does not stop
 * them). Every method throws NO_CANARY (exit 5) when `expected` has no canary.
 * Implementation: createCanaryActuator in ./actuator-aws.ts.
 */
export interface CanaryActuator {
  read(): Promise<CanaryState>
  /** Sets the canary's share of traffic (0–100). */
  setPercent(percent: number, expected: CanaryState): Promise<CanaryState>
  /** The promotion batch (docs/aws-behaviour.md#promotion-is-one-updatestage-of-three-operations), then `remove /canarySettings`; the previous base is recorded for rollback. */
  promote(expected: CanaryState): Promise<CanaryState>
  /** `remove /canarySettings`: all traffic back to the base deployment at once. */
  abort(expected: CanaryState): Promise<CanaryState>
  /** Percent 0, canary kept. */
  pause(expected: CanaryState): Promise<CanaryState>
}
