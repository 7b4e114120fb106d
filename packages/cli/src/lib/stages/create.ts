import {apiLabel, isoDate, summarize, type AnyApi} from '../catalog/index.js'
import {apiEndpointUrl} from '../catalog/index.js'
import {resolveApi} from '../catalog/index.js'
import type {Stage} from '../aws/index.js'
import type {AwsSession} from '../aws/index.js'
import type {V2Stage} from '../aws/index.js'
import {ApigwError, ExitCode, usageError} from '../errors.js'
import {sentInput, type ChangeStep} from '../change/index.js'
import type {PreparedChange} from '../change/index.js'
import {DEFAULT_STAGE, checkStageName} from '../util/stage-name.js'
import {byCodePoint, shellQuote} from '../util/text.js'
import {settingsAdapterFor} from './adapters.js'
import {stageDetails} from './details.js'
import {listStages, type FoundStage} from '../catalog/index.js'
import type {StageShown} from './show.js'
import {restStageSummary, v2StageSummary} from '../catalog/index.js'

export interface CreateStageOptions {
  /** Id or name. */
  api: string
  stage: string
  /** A deployment id; else REST takes the newest, and v2 none unless `latest`. */
  deployment?: string
  latest: boolean
  description?: string
  variables: Record<string, string>
  autoDeploy?: boolean
}

/** Checks what can be checked before any AWS call: the stage name, and a deployment named alongside --auto-deploy. */
export function checkCreateStageOptions(options: CreateStageOptions): CreateStageOptions {
  checkStageName(options.stage)
  if (options.autoDeploy && (options.deployment !== undefined || options.latest)) {
    throw usageError('--auto-deploy on picks the deployment itself (the API as it is now, and every change after): leave out --deployment and --latest.', ['Try: --auto-deploy on alone'], 'INVALID_SETTING')
  }
  return options
}

/**
 * Prepares CreateStage. A REST stage must serve a deployment: the one named, else the newest; an
 * API never deployed is refused with how to deploy it. An HTTP or WebSocket stage may start with
 * none (or auto-deploy, which deploys at once).
 */
export async function prepareStageCreation(session: AwsSession, options: CreateStageOptions): Promise<PreparedChange<StageShown>> {
  const entry = await resolveApi(session, options.api)
  const api = summarize(entry)
  const label = apiLabel(api)
  const refused = settingsAdapterFor(api.type).inapplicable({variables: {}, unsetVariables: [], routeThrottles: {}, autoDeploy: options.autoDeploy})
  if (refused) throw usageError(`${refused.flag} does not apply to ${label}: ${refused.why}.`, [`Try: the same command without ${refused.flag}`], 'SETTING_NOT_FOR_KIND')
  if (api.type === 'rest' && options.stage === DEFAULT_STAGE) {
    throw usageError(`REST APIs have no $default stage: name the stage, e.g. --stage prod.`, ['Try: --stage prod'], 'INVALID_STAGE_NAME')
  }
  const [stages, deployments] = await Promise.all([listStages(session, entry), deploymentsNewestFirst(session, entry)])
  const same = (name: string) => (api.type === 'rest' ? name.toLowerCase() === options.stage.toLowerCase() : name === options.stage)
  const existing = stages.find((stage) => same(stage.summary.name))
  if (existing) {
    throw new ApigwError(`${label} already has a stage "${existing.summary.name}".`, {
      code: 'STAGE_EXISTS',
      exitCode: ExitCode.conflict,
      suggestions: [`Try: apigw stages set --api ${api.id} --stage ${shellQuote(existing.summary.name)} … (to change its settings)`],
    })
  }
  const deploymentId = chooseDeployment(options, deployments, api.type === 'rest', label, api.id)
  const endpoint = apiEndpointUrl(session, entry)
  const how = deploymentId ? ` on deployment ${deploymentId}${options.deployment === undefined ? ' (the newest)' : ''}` : options.autoDeploy ? ' with auto-deploy' : ' with no deployment'
  const summary = `create stage "${options.stage}" of ${label}${how}`
  const servesNothing = !deploymentId && !options.autoDeploy
  return {
    change: {summary, severity: 'safe', steps: [createStep(session, entry, options, deploymentId, endpoint, summary)]},
    result: (run) => ({api: {id: api.id, name: api.name, type: api.type}, stage: stageDetails(run.results[0] as FoundStage)}),
    // What the operator should know about the new stage.
    nextSteps: () =>
      !servesNothing
        ? []
        : [`Stage "${options.stage}" has no deployment yet: it serves nothing until the API is deployed to it.`, `Try: apigw deploy --api ${api.id} --stage ${shellQuote(options.stage)}`],
  }
}

interface DeploymentFact {
  id: string
  createdDate: string | null
}

async function deploymentsNewestFirst(session: AwsSession, entry: AnyApi): Promise<DeploymentFact[]> {
  const id = summarize(entry).id
  const found =
    entry.type === 'rest'
      ? (await (await session.rest()).listDeployments(id)).map((deployment) => ({id: deployment.id ?? '', createdDate: isoDate(deployment.createdDate)}))
      : (await (await session.v2()).listDeployments(id)).map((deployment) => ({id: deployment.DeploymentId ?? '', createdDate: isoDate(deployment.CreatedDate)}))
  return found.sort((a, b) => byCodePoint(b.createdDate ?? '', a.createdDate ?? ''))
}

/** The deployment the new stage serves: the one named (which must exist), the newest, or none (v2 only). */
function chooseDeployment(options: CreateStageOptions, deployments: DeploymentFact[], mustHaveOne: boolean, label: string, apiId: string): string | undefined {
  if (options.deployment !== undefined) {
    if (deployments.some((deployment) => deployment.id === options.deployment)) return options.deployment
    const newest = deployments.slice(0, 5).map((deployment) => `${deployment.id} (${deployment.createdDate ?? 'unknown date'})`)
    throw new ApigwError(`${label} has no deployment "${options.deployment}"; its newest: ${newest.join(', ') || 'none'}.`, {
      code: 'DEPLOYMENT_NOT_FOUND',
      exitCode: ExitCode.notFound,
      suggestions: ['Try: --latest, for the newest deployment'],
    })
  }
  if (!mustHaveOne && !options.latest) return undefined
  if (deployments.length > 0) return deployments[0].id
  throw new ApigwError(`${label} has never been deployed, and a stage ${mustHaveOne ? 'must serve' : 'with --latest needs'} a deployment.`, {
    code: 'NO_DEPLOYMENTS',
    exitCode: ExitCode.conflict,
    suggestions: [`Try: apigw deploy --api ${apiId} --stage ${shellQuote(options.stage)} (deploys the API and creates the stage)`],
  })
}

function createStep(session: AwsSession, entry: AnyApi, options: CreateStageOptions, deploymentId: string | undefined, endpoint: string, summary: string): ChangeStep {
  const {id} = summarize(entry)
  const variables = Object.keys(options.variables).length > 0 ? options.variables : undefined
  if (entry.type === 'rest') {
    const input = {restApiId: id, stageName: options.stage, deploymentId, description: options.description, variables}
    return {
      service: 'apigateway',
      operation: 'CreateStage',
      input: sentInput(input),
      summary,
      run: async (): Promise<FoundStage> => {
        const raw: Stage = await (await session.rest()).createStage(input)
        return {kind: 'rest', raw, summary: restStageSummary(raw, endpoint)}
      },
    }
  }
  const input = {ApiId: id, StageName: options.stage, DeploymentId: deploymentId, Description: options.description, StageVariables: variables, AutoDeploy: options.autoDeploy}
  return {
    service: 'apigatewayv2',
    operation: 'CreateStage',
    input: sentInput(input),
    summary,
    run: async (): Promise<FoundStage> => {
      const raw: V2Stage = await (await session.v2()).createStage(input)
      return {kind: entry.type, raw, summary: v2StageSummary(raw, endpoint)}
    },
  }
}
