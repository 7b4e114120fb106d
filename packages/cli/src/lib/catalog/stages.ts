import {apiLabel, summarize, type AnyApi} from './apis.js'
import {apiEndpointUrl} from './endpoints.js'
import type {AwsSession, Stage, V2Stage} from '../aws/index.js'
import {ApigwError, ExitCode} from '../errors.js'
import {byCodePoint, closestMatches} from '../util/text.js'
import {restStageSummary, v2StageSummary, type StageSummary} from './stage-summary.js'

/** A stage as AWS returned it, with its kind, and its summary. */
export type FoundStage = ({kind: 'rest'; raw: Stage} | {kind: 'http' | 'websocket'; raw: V2Stage}) & {summary: StageSummary}

/** Every stage of an API, by name. */
export async function listStages(session: AwsSession, entry: AnyApi): Promise<FoundStage[]> {
  const endpoint = apiEndpointUrl(session, entry)
  const found: FoundStage[] =
    entry.type === 'rest'
      ? (await (await session.rest()).listStages(entry.api.id ?? '')).map((raw) => ({kind: 'rest', raw, summary: restStageSummary(raw, endpoint)}))
      : (await (await session.v2()).listStages(entry.api.ApiId ?? '')).map((raw) => ({kind: entry.type, raw, summary: v2StageSummary(raw, endpoint)}))
  return found.sort((a, b) => byCodePoint(a.summary.name, b.summary.name))
}

/**
 * One stage by name, or STAGE_NOT_FOUND (exit 4) naming the stages the API has. REST compares
 * names case-insensitively, as AWS does (docs/aws-behaviour.md#stage-names-are-compared-without-case), but a stage spelt exactly as typed comes
 * first, and a match found only by folding case is told through the session's warnings; HTTP and
 * WebSocket compare exactly.
 */
export async function findStage(session: AwsSession, entry: AnyApi, name: string): Promise<FoundStage> {
  return pickStage(entry, await listStages(session, entry), name, session.options.onWarning)
}

/** findStage among stages already listed; `onCaseFolded` hears of a match that differs in case. */
export function pickStage(entry: AnyApi, stages: FoundStage[], name: string, onCaseFolded?: (message: string) => void): FoundStage {
  const exact = stages.find((candidate) => candidate.summary.name === name)
  if (exact) return exact
  const folded = entry.type === 'rest' ? stages.find((candidate) => candidate.summary.name.toLowerCase() === name.toLowerCase()) : undefined
  if (!folded) throw stageNotFound(apiLabel(summarize(entry)), name, stages.map((s) => s.summary.name))
  onCaseFolded?.(`there is no stage "${name}"; using stage "${folded.summary.name}" (REST stage names match ignoring case).`)
  return folded
}

export function stageNotFound(apiLabel: string, stage: string, names: string[]): ApigwError {
  const close = closestMatches(stage, names)
  return new ApigwError(`${apiLabel} has no stage "${stage}"; its stages: ${names.join(', ') || 'none'}.`, {
    code: 'STAGE_NOT_FOUND',
    exitCode: ExitCode.notFound,
    // The nearest name, else any stage it has; with none, the way to make one.
    suggestions: [names.length > 0 ? `Try: --stage ${close[0] ?? names[0]}` : 'Try: apigw deploy with --create-stage, to make a first stage'],
  })
}
