import type {ApiType} from '../catalog/index.js'
import type {AwsSession} from '../aws/index.js'
import {ApigwError, ExitCode} from '../errors.js'
import type {Change, Severity, StepResults} from '../change/index.js'
import type {PreparedChange} from '../change/index.js'
import {listStages, pickStage, type FoundStage} from '../catalog/index.js'
import type {StageSummary} from '../catalog/index.js'
import type {Clock} from '../util/clock.js'
import {shellCommand} from '../util/shell.js'
import {byCodePoint, closestMatches, shellQuote} from '../util/text.js'
import type {Deployment, ReleaseApi} from './adapter.js'
import {parseDescription, withRecord, type ReleaseAction, type ReleaseRecord} from './note.js'
import type {StageDiff} from './stage-diff.js'
import {waitUntilServed} from './wait.js'

/** The stable JSON shape of `apigw deploy`, `stages rollback` and `stages promote` (docs/json.md). */
export interface ReleaseResult {
  api: {id: string; name: string; type: ApiType}
  stage: string
  action: ReleaseAction
  /** False when the stage already ran the deployment (or deploys itself): nothing was changed. */
  changed: boolean
  previousDeploymentId: string | null
  deploymentId: string
  /** The deployment's description as AWS now has it, release records included. */
  description: string | null
  /** promote: the source stage. */
  fromStage: string | null
  stageCreated: boolean
  /** HTTP stages with AutoDeploy on deploy themselves. */
  autoDeploy: boolean
  /** With --wait: true once the stage serves the deployment; null when not waited for. */
  live: boolean | null
  /** promote --diff: what changes for the target stage's clients; null otherwise. */
  diff: StageDiff | null
}

/** How a release is followed once it ran: --wait, and GitHub Actions' step outputs. */
export interface ReleaseFollowUp {
  /** Until the stage serves the deployment; exit 7 after the timeout. */
  wait?: {timeoutMs: number; clock?: Clock}
  /** The GITHUB_OUTPUT file the deployment ids go to. */
  githubOutput?: string
}

/** A release ready to apply; `diff` is promote --diff's comparison, shown before anything runs. */
export interface ReleaseChange extends PreparedChange<ReleaseResult> {
  diff: StageDiff | null
}

/** A release as the builders below outline it: the change, or none when there is nothing to change. */
export interface ReleaseOutline {
  base: ReleaseBase
  change?: Change
  notes: string[]
  /** The result, from the change's step results (none when there is no change). */
  result(results: StepResults): ReleaseResult
}

/** An outlined release, followed as asked once it ran. */
export function releaseChange(outline: ReleaseOutline, followUp: ReleaseFollowUp): ReleaseChange {
  const diff = outline.base.diff ?? null
  return {
    change: outline.change,
    notes: outline.notes,
    diff,
    preview: diff ? {diff} : undefined,
    async result(run, io) {
      let result = outline.result(run.results)
      if (followUp.wait) {
        await waitUntilServed(outline.base.release.adapter, {stage: result.stage, deploymentId: result.deploymentId, ...followUp.wait, onProgress: io.note})
        result = {...result, live: true}
      }
      if (followUp.githubOutput) await (await import('./github-output.js')).writeGithubOutputs(followUp.githubOutput, result)
      return result
    },
  }
}

/** What every release of one stage starts from. */
export interface ReleaseBase {
  release: ReleaseApi
  /** The stage as AWS spells it. */
  stageName: string
  /** undefined: the stage does not exist yet (it is created). */
  stage: StageSummary | undefined
  action: ReleaseAction
  fromStage?: string
  diff?: StageDiff | null
}

export function resultOf(base: ReleaseBase, fields: Pick<ReleaseResult, 'changed' | 'deploymentId' | 'description'>): ReleaseResult {
  return {
    api: base.release.api,
    stage: base.stageName,
    action: base.action,
    changed: fields.changed,
    deploymentId: fields.deploymentId,
    previousDeploymentId: base.stage?.deploymentId ?? null,
    description: fields.description,
    fromStage: base.fromStage ?? null,
    stageCreated: base.stage === undefined,
    autoDeploy: base.stage?.autoDeploy ?? false,
    live: null,
    diff: base.diff ?? null,
  }
}

/** A release that changes nothing: the stage already runs `deploymentId`. */
export function unchanged(base: ReleaseBase, deploymentId: string, description: string | null, notes: string[]): ReleaseOutline {
  return {base, notes, result: () => resultOf(base, {changed: false, deploymentId, description})}
}

/**
 * Points a stage at an existing deployment (creating the stage if it has none), then records the
 * release in that deployment's description, so history and a later rollback know of it.
 */
export function repoint(
  base: ReleaseBase,
  target: Pick<Deployment, 'id' | 'description'>,
  how: {summary: string; severity: Severity; record: ReleaseRecord; rerunRecords: boolean},
): ReleaseOutline {
  const {adapter} = base.release
  const description = withRecord(target.description, how.record)
  const move = base.stage ? adapter.point(base.stageName, target.id) : adapter.createStage(base.stageName, target.id)
  const moveSummary = base.stage
    ? `point stage "${base.stageName}" at deployment ${target.id} (was ${base.stage.deploymentId ?? 'none'})`
    : `create stage "${base.stageName}" on deployment ${target.id}`
  return {
    base,
    change: {
      summary: how.summary,
      severity: how.severity,
      steps: [{...move, summary: moveSummary}, recordStep(base, target.id, description)],
      recovery: () => recordRecovery(base, target.id, description, how.record, how.rerunRecords),
    },
    notes: [],
    result: () => resultOf(base, {changed: true, deploymentId: target.id, description}),
  }
}

const recordStep = (base: ReleaseBase, deploymentId: string, description: string) => ({
  ...base.release.adapter.describe(deploymentId, description),
  summary: `record it in deployment ${deploymentId}'s description, for history and rollback`,
})

/**
 * After the stage moved but its record was not written: the same apigw command again, when it will
 * find the move unrecorded (`rerunRecords`: the stage's newest record is on another deployment), and
 * the AWS CLI call that writes the record.
 */
function recordRecovery(base: ReleaseBase, deploymentId: string, description: string, record: ReleaseRecord, rerunRecords: boolean): string {
  const {id} = base.release.api
  const again =
    record.action === 'promote'
      ? shellCommand('apigw', 'stages', 'promote', '--api', id, '--from', record.from ?? '', '--to', base.stageName, '--yes')
      : shellCommand('apigw', 'stages', 'rollback', '--api', id, '--stage', base.stageName, '--to', deploymentId, '--yes')
  const aws = base.release.adapter.describeCommand(deploymentId, description)
  return [
    `Stage "${base.stageName}" already runs ${deploymentId}, but the ${record.action} is not recorded yet: history and rollback need the record.`,
    ...(rerunRecords ? [`Try: ${again} (finds the ${record.action} unrecorded and records it)`, `Or: ${aws}`] : [`Try: ${aws}`]),
  ].join('\n')
}

/** The newest release record naming a stage: on which deployment, and what it replaced. */
export interface RecordedRelease {
  deploymentId: string
  replaced?: string
}

/**
 * The stage's newest record, when it is on another deployment than the one the stage runs: the
 * stage moved since, and no record says so (a run that stopped after the move and before the record).
 */
export function unrecordedMove(stageName: string, liveId: string | null, deployments: Deployment[]): RecordedRelease | undefined {
  const newest = deployments
    .flatMap((deployment) => parseDescription(deployment.description).records.filter((record) => record.stage === stageName).map((record) => ({record, deploymentId: deployment.id})))
    .sort((a, b) => byCodePoint(b.record.at, a.record.at))[0]
  if (!newest || !liveId || newest.deploymentId === liveId) return undefined
  return {deploymentId: newest.deploymentId, replaced: newest.record.replaced}
}

/**
 * Finishes a release an earlier run made but did not record: the stage already runs `target`, so
 * only the record is written, naming what the stage ran before (the deployment of its newest record).
 */
export function recordOnly(base: ReleaseBase, target: Pick<Deployment, 'id' | 'description'>, moved: RecordedRelease, record: Omit<ReleaseRecord, 'replaced'>): ReleaseOutline {
  const full: ReleaseRecord = {...record, replaced: moved.deploymentId}
  const description = withRecord(target.description, full)
  return {
    base,
    change: {
      summary: `record the ${record.action} of stage "${base.stageName}" to deployment ${target.id} (from ${moved.deploymentId}) that an earlier run made without recording it`,
      severity: 'safe',
      steps: [recordStep(base, target.id, description)],
      recovery: () => recordRecovery(base, target.id, description, full, true),
      continues: true,
    },
    notes: [`Stage "${base.stageName}" of ${base.release.label} already runs deployment ${target.id}, but no record says how it got there: an earlier run stopped before recording it. Recording the ${record.action} now.`],
    result: () => ({...resultOf(base, {changed: true, deploymentId: target.id, description}), previousDeploymentId: moved.deploymentId}),
  }
}

export interface StageLookup {
  /** The flag that named the stage, for the suggestions: --stage, --from, --to. */
  flag: string
  /** With --create-stage: a missing stage is undefined rather than an error. */
  mayCreate?: boolean
  /** How to create it, when that is an option: "add --create-stage, …". */
  createHint?: string
}

/**
 * The stage named, or undefined when the API has none by that name and it `mayCreate`; otherwise
 * STAGE_NOT_FOUND (exit 4) naming the stages, suggesting a close name under the right flag, and how to create it.
 */
export async function stageToRelease(session: AwsSession, release: ReleaseApi, name: string, lookup: StageLookup): Promise<FoundStage | undefined> {
  const stages = await listStages(session, release.entry)
  try {
    return pickStage(release.entry, stages, name, session.options.onWarning)
  } catch (error) {
    if (!(error instanceof ApigwError) || error.code !== 'STAGE_NOT_FOUND') throw error
    if (lookup.mayCreate) return undefined
    const names = stages.map((stage) => stage.summary.name)
    // Where the stage can be created, that leads: another stage (prod!) is offered only when its name is close to the one typed.
    const suggestions = lookup.createHint
      ? [`Try: ${lookup.createHint}`, ...closestMatches(name, names, 1).map((close) => `Or, for the stage it has: ${lookup.flag} ${shellQuote(close)}`)]
      : error.suggestions.map((suggestion) => suggestion.replace(/^Try: --stage /, `Try: ${lookup.flag} `))
    throw new ApigwError(error.message, {code: error.code, exitCode: error.exitCode, suggestions})
  }
}

/** A canary splits the stage's traffic; repointing its base under it is apigw canary's business. */
export function refuseCanary(release: ReleaseApi, stage: StageSummary, why: string): void {
  if (!stage.canary) return
  throw new ApigwError(
    `Stage "${stage.name}" of ${release.label} has a canary (deployment ${stage.canary.deploymentId ?? 'unknown'} at ${stage.canary.percentTraffic}%): ${why}`,
    {
      code: 'CANARY_ACTIVE',
      exitCode: ExitCode.conflict,
      suggestions: [`Try: finish the canary first: apigw canary promote, or apigw canary abort --api ${release.api.id} --stage ${shellQuote(stage.name)}`],
    },
  )
}

/** AWS refuses a DeploymentId on an HTTP stage while AutoDeploy is on (docs/aws-behaviour.md#a-deployment-cannot-be-chosen-while-autodeploy-is-on). */
export function refuseAutoDeploy(release: ReleaseApi, stage: StageSummary, what: string): void {
  if (!stage.autoDeploy) return
  throw new ApigwError(
    `Stage "${stage.name}" of ${release.label} deploys itself (AutoDeploy): AWS makes a deployment whenever its routes or integrations change, and refuses to ${what} while AutoDeploy is on.`,
    {
      code: 'AUTO_DEPLOY_STAGE',
      exitCode: ExitCode.conflict,
      suggestions: [`Try: turn AutoDeploy off first: aws apigatewayv2 update-stage --api-id ${release.api.id} --stage-name ${shellQuote(stage.name)} --no-auto-deploy`],
    },
  )
}
