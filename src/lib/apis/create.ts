import type {Api, AwsSession, RestApi} from '../aws/index.js'
import {type Plan, sentInput, type StepResults} from '../plan/index.js'
import {type AnyApi, API_TYPE_LABELS, apiEndpointUrl, type ApiSummary, fromRest, fromV2, stageInvokeUrl, summarize} from '../catalog/index.js'
import type {CreateRequest} from './create-options.js'
import {sameNameWarnings} from './same-name.js'

/** The stable JSON shape of `apis create` (documented in the README). */
export interface CreatedApi {
  api: ApiSummary & {tags: Record<string, string>}
  /** The API's base URL: REST stages are paths under it, an HTTP API's `$default` stage is the URL itself. */
  apiEndpoint: string
  /** The stages that exist now, with their invoke URLs: only the `$default` stage of a quick create. */
  stages: Array<{name: string; invokeUrl: string}>
}

export interface ApiCreation {
  plan: Plan
  /** For stderr, before anything is created: other APIs with the same name. */
  warnings: string[]
  /** The new API from the plan's results, with what to do next (for stderr). */
  outcome(results: StepResults): {created: CreatedApi; nextSteps: string[]}
}

/**
 * Looks for APIs of the same name, and plans the one call that creates the API: CreateRestApi, or
 * CreateApi (HTTP quick create when there is a target). The request was checked by checkCreateOptions.
 */
export async function prepareApiCreation(session: AwsSession, request: CreateRequest): Promise<ApiCreation> {
  return {
    plan: {summary: creationSummary(request), severity: 'safe', steps: [creationStep(session, request)]},
    warnings: await sameNameWarnings(session, request.name, request.type),
    outcome(results) {
      const entry = request.type === 'rest' ? fromRest(results[0] as RestApi) : fromV2(results[0] as Api)
      const created = createdApi(session, entry, request)
      return {created, nextSteps: nextSteps(session, created, request)}
    },
  }
}

function creationSummary(request: CreateRequest): string {
  const what = `create ${API_TYPE_LABELS[request.type]} API "${request.name}"`
  return request.target ? `${what} with a $default route to ${request.target} and an auto-deploying $default stage` : what
}

function creationStep(session: AwsSession, request: CreateRequest): Plan['steps'][number] {
  const tags = Object.keys(request.tags).length > 0 ? request.tags : undefined
  if (request.type === 'rest') {
    const input = {
      name: request.name,
      description: request.description,
      endpointConfiguration: request.endpointType ? {types: [request.endpointType.toUpperCase() as 'REGIONAL' | 'EDGE' | 'PRIVATE']} : undefined,
      tags,
    }
    return {service: 'apigateway', operation: 'CreateRestApi', input: sentInput(input), summary: creationSummary(request), run: async () => (await session.rest()).createRestApi(input)}
  }
  const input = {
    Name: request.name,
    ProtocolType: request.type === 'http' ? ('HTTP' as const) : ('WEBSOCKET' as const),
    Description: request.description,
    Target: request.target,
    RouteSelectionExpression: request.routeSelection,
    Tags: tags,
  }
  return {service: 'apigatewayv2', operation: 'CreateApi', input: sentInput(input), summary: creationSummary(request), run: async () => (await session.v2()).createApi(input)}
}

function createdApi(session: AwsSession, entry: AnyApi, request: CreateRequest): CreatedApi {
  const apiEndpoint = apiEndpointUrl(session, entry)
  const tags = (entry.type === 'rest' ? entry.api.tags : entry.api.Tags) ?? {}
  // Quick create makes the $default stage; nothing else creates a stage.
  const stages = request.target ? [{name: '$default', invokeUrl: stageInvokeUrl(apiEndpoint, '$default')}] : []
  return {api: {...summarize(entry), tags}, apiEndpoint, stages}
}

/** What stands between the new API and its first request, as commands to run. */
function nextSteps(session: AwsSession, created: CreatedApi, request: CreateRequest): string[] {
  const {id} = created.api
  switch (request.type) {
    case 'rest':
      return [
        `No stages yet: once it has methods and a deployment, each stage is served at ${created.apiEndpoint}/<stage>.`,
        `Try: aws apigateway create-deployment --rest-api-id ${id} --stage-name prod (after adding resources and methods)`,
      ]
    case 'websocket':
      return [
        `No routes or stages yet: clients will connect to ${created.apiEndpoint}/<stage>.`,
        `Try: aws apigatewayv2 create-route --api-id ${id} --route-key '$default' --target integrations/<integration-id>, then aws apigatewayv2 create-stage --api-id ${id} --stage-name production --auto-deploy`,
      ]
    case 'http':
      if (!request.target) {
        return [`No routes or stages yet.`, `Try: aws apigatewayv2 create-stage --api-id ${id} --stage-name '$default' --auto-deploy (after adding routes)`]
      }
      return lambdaPermission(session, id, request.target)
  }
}

/** A Lambda target answers only once API Gateway may invoke it; quick create does not grant that. */
function lambdaPermission(session: AwsSession, apiId: string, target: string): string[] {
  const lambda = /^arn:([^:]+):lambda:[^:]+:(\d{12}):function:/.exec(target)
  if (!lambda) return []
  const [, partition, account] = lambda
  const sourceArn = `arn:${partition}:execute-api:${session.settings.region}:${account}:${apiId}/*`
  return [
    'API Gateway needs permission to invoke the function, unless it has it already:',
    `Try: aws lambda add-permission --function-name ${target} --statement-id apigw-${apiId} --action lambda:InvokeFunction --principal apigateway.amazonaws.com --source-arn '${sourceArn}'`,
  ]
}
