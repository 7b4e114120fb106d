import type {RestApi} from '../aws/index.js'
import type {AwsSession} from '../aws/index.js'
import type {Api} from '../aws/index.js'
import {sentInput, type Change} from '../change/index.js'
import type {PreparedChange} from '../change/index.js'
import {API_TYPE_LABELS, fromRest, fromV2, summarize, type AnyApi, type ApiSummary} from '../catalog/index.js'
import type {CreateRequest} from './create-options.js'
import {apiEndpointUrl, stageInvokeUrl} from '../catalog/index.js'
import {sameNameWarnings} from './same-name.js'

/** The stable JSON shape of `apis create` (docs/json.md). */
export interface CreatedApi {
  api: ApiSummary & {tags: Record<string, string>}
  /** The API's base URL: REST stages are paths under it, an HTTP API's `$default` stage is the URL itself. */
  apiEndpoint: string
  /** The stages that exist now, with their invoke URLs: only the `$default` stage of a quick create. */
  stages: Array<{name: string; invokeUrl: string}>
}

/**
 * Looks for APIs of the same name, and prepares the one call that creates the API: CreateRestApi, or
 * CreateApi (HTTP quick create when there is a target). The request was checked by checkCreateOptions.
 */
export async function prepareApiCreation(session: AwsSession, request: CreateRequest): Promise<PreparedChange<CreatedApi>> {
  return {
    change: {summary: creationSummary(request), severity: 'safe', steps: [creationStep(session, request)]},
    // Other APIs with the same name.
    warnings: await sameNameWarnings(session, request.name, request.type),
    result(run) {
      const entry = request.type === 'rest' ? fromRest(run.results[0] as RestApi) : fromV2(run.results[0] as Api)
      return createdApi(session, entry, request)
    },
    nextSteps: (created) => nextSteps(session, created, request),
  }
}

function creationSummary(request: CreateRequest): string {
  const what = `create ${API_TYPE_LABELS[request.type]} API "${request.name}"`
  return request.target ? `${what} with a $default route to ${request.target} and an auto-deploying $default stage` : what
}

function creationStep(session: AwsSession, request: CreateRequest): Change['steps'][number] {
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
