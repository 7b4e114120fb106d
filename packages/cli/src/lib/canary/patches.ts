import type {PatchOperation} from '../aws/index.js'

/**
 * The UpdateStage patch operations of every canary change, exactly as AWS takes them (docs/aws-behaviour.md#canary-releases).
 * Pure, so what --dry-run shows is what is sent, and each change is written in one place.
 */

const PERCENT = '/canarySettings/percentTraffic'
const DEPLOYMENT = '/canarySettings/deploymentId'
const USE_STAGE_CACHE = '/canarySettings/useStageCache'
const OVERRIDES = '/canarySettings/stageVariableOverrides'

/** AWS reads percentages back as floats and writes them as strings: 25 → "25.0", 12.5 → "12.5". */
export const percentValue = (percent: number) => (Number.isInteger(percent) ? percent.toFixed(1) : String(percent))

export const percentOps = (percent: number): PatchOperation[] => [{op: 'replace', path: PERCENT, value: percentValue(percent)}]

export const useStageCacheOps = (on: boolean): PatchOperation[] => [{op: 'replace', path: USE_STAGE_CACHE, value: String(on)}]

/** Overrides one canary variable each (stage variable names are letters, digits and _: no escaping). */
export function overrideOps(set: Record<string, string>, unset: string[] = []): PatchOperation[] {
  return [
    ...Object.entries(set).map(([name, value]): PatchOperation => ({op: 'replace', path: `${OVERRIDES}/${name}`, value})),
    ...unset.map((name): PatchOperation => ({op: 'remove', path: `${OVERRIDES}/${name}`})),
  ]
}

/** All traffic back to the base deployment at once: the canary is gone. */
export const removeCanaryOps = (): PatchOperation[] => [{op: 'remove', path: '/canarySettings'}]

export interface CanaryOnDeployment {
  deploymentId: string
  percent: number
  overrides: Record<string, string>
  useStageCache: boolean
  /** The stage has a canary that this one replaces completely (as a canary CreateDeployment would). */
  replacing: boolean
}

/**
 * A canary on an existing deployment: `replace /canarySettings/deploymentId` (which creates the
 * canary at 0%), then its share and settings. Replacing removes the old canary first, in the same
 * call, so none of its overrides survive.
 */
export function canaryOnDeploymentOps(canary: CanaryOnDeployment): PatchOperation[] {
  return [
    ...(canary.replacing ? removeCanaryOps() : []),
    {op: 'replace', path: DEPLOYMENT, value: canary.deploymentId},
    ...percentOps(canary.percent),
    ...overrideOps(canary.overrides),
    ...(canary.useStageCache ? useStageCacheOps(true) : []),
  ]
}

/**
 * The promotion batch: no traffic to the canary, its deployment becomes the stage's, its overrides
 * are merged into the stage's variables (overrides win). The canary stays, at 0%. The copy of the
 * overrides is left out when there are none: it would merge nothing, and whether AWS accepts a copy
 * from a map the stage does not have is not known (docs/aws-behaviour.md#what-aws-does-that-we-do-not-know).
 */
export function promotionOps(hasOverrides: boolean): PatchOperation[] {
  return [
    ...percentOps(0),
    {op: 'copy', from: DEPLOYMENT, path: '/deploymentId'},
    ...(hasOverrides ? [{op: 'copy', from: OVERRIDES, path: '/variables'} satisfies PatchOperation] : []),
  ]
}
