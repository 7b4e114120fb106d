import {apiLabel, listStages, resolveApi, stageNotFound, summarize} from '../catalog/index.js'
import type {AwsSession} from '../aws/index.js'
import {ApigwError, ExitCode, usageError} from '../errors.js'
import {closestMatches, shellQuote} from '../util/text.js'
import {usagePlanLabel} from './membership.js'
import type {ApiStageReference} from './options.js'
import {apiStageText, type UsagePlanApiStage, type UsagePlanSummary} from './summary.js'

/** AWS compares stage names without case (docs/aws-behaviour.md#stage-names-are-compared-without-case). */
export const sameApiStage = (a: Pick<UsagePlanApiStage, 'apiId' | 'stage'>, b: Pick<UsagePlanApiStage, 'apiId' | 'stage'>) =>
  a.apiId === b.apiId && a.stage.toLowerCase() === b.stage.toLowerCase()

/**
 * The API stages that `--stage`/`--add-stage` name, checked before any change: each API must be a
 * REST API (usage plans and API keys do not exist for HTTP and WebSocket APIs) and the stage must
 * exist; it is named as AWS names it. The same stage given twice counts once.
 */
export async function resolveApiStages(session: AwsSession, references: ApiStageReference[], flag: string): Promise<UsagePlanApiStage[]> {
  const resolved: UsagePlanApiStage[] = []
  for (const reference of references) {
    const apiStage = await resolveApiStage(session, reference, flag)
    if (!resolved.some((known) => sameApiStage(known, apiStage))) resolved.push(apiStage)
  }
  return resolved
}

async function resolveApiStage(session: AwsSession, reference: ApiStageReference, flag: string): Promise<UsagePlanApiStage> {
  const entry = await resolveApi(session, reference.api)
  const {id, name, type} = summarize(entry)
  const label = apiLabel({id, name, type})
  if (entry.type !== 'rest') {
    throw usageError(
      `${label} cannot be in a usage plan: usage plans and API keys exist only for REST APIs (API Gateway's HTTP and WebSocket APIs have neither).`,
      [`Try: throttle its stage instead, with apigw stages set --api ${id} --stage ${shellQuote(reference.stage)} --throttle 100:200`],
      'UNSUPPORTED_API_TYPE',
    )
  }
  const names = (await listStages(session, entry)).map((stage) => stage.summary.name)
  const stage = names.find((candidate) => candidate.toLowerCase() === reference.stage.toLowerCase())
  if (stage === undefined) {
    const {message, code, exitCode} = stageNotFound(label, reference.stage, names)
    const [close] = closestMatches(reference.stage, names)
    throw new ApigwError(message, {
      code,
      exitCode,
      suggestions: [close ? `Try: ${flag} ${reference.api}:${close}` : `Try: deploy the API to that stage first: apigw deploy --api ${id} --stage ${shellQuote(reference.stage)} --create-stage`],
    })
  }
  return {apiId: id, apiName: name, stage}
}

/**
 * The plan's own API stage that `--remove-stage` names, by API id or name: no lookup of the API,
 * so a stage of an API deleted since can still be removed. STAGE_NOT_IN_PLAN (exit 4) otherwise.
 */
export function planApiStage(plan: UsagePlanSummary, reference: ApiStageReference, flag: string): UsagePlanApiStage {
  const found = plan.apiStages.find(
    (apiStage) => (apiStage.apiId === reference.api || apiStage.apiName === reference.api) && apiStage.stage.toLowerCase() === reference.stage.toLowerCase(),
  )
  if (found) return found
  const covered = plan.apiStages.map(apiStageText)
  throw new ApigwError(`The ${usagePlanLabel(plan)} does not cover ${reference.api}:${reference.stage}; it covers ${covered.join(', ') || 'no API stages'}.`, {
    code: 'STAGE_NOT_IN_PLAN',
    exitCode: ExitCode.notFound,
    suggestions: covered.length > 0 ? [`Try: ${flag} ${covered[0]}`] : [`Try: apigw plans show ${plan.id}`],
  })
}
