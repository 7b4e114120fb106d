import {createHash} from 'node:crypto'
import type {SandboxContext} from '../context.js'
import {appendEvent, type LogGroupData, LogGroups} from '../logs/data.js'
import type {StageRecord} from '../model.js'
import {findDeployment, requireStage as requireRestStage} from '../rest/lookup.js'
import {requireDeployment, requireStage as requireV2Stage, routesOf} from '../v2/lookup.js'
import {renderAccessLog, type LoggedRequest, type LogScope} from './access-log.js'
import type {Cohort} from './cohort.js'
import type {Histogram} from './latency.js'
import type {Uniform} from './random.js'
import type {Target} from './target.js'

/** One route traffic is spread over: how a request names it in the logs, and its execution logging (REST). */
interface LoggedRoute {
  httpMethod: string
  resourcePath: string
  routeKey?: string
  executionLogging?: {level: 'INFO' | 'ERROR'; dataTrace: boolean}
}

/** What the logs say about a failed request: its status, the access log's error fields, the execution log's reason. */
interface Failure {
  status: number
  message: string
  responseType: string
  execution?: string
}

/** The errors behind simulated 4XXs and 5XXs, in AWS's words. docs/aws-behaviour.md#execution-log-lines */
const CLIENT_ERRORS: Failure[] = [
  {status: 403, message: 'Missing Authentication Token', responseType: 'MISSING_AUTHENTICATION_TOKEN'},
  {status: 404, message: 'Not Found', responseType: 'RESOURCE_NOT_FOUND'},
  {status: 429, message: 'Too Many Requests', responseType: 'THROTTLED'},
  {status: 400, message: 'Invalid request body', responseType: 'BAD_REQUEST_BODY'},
]
const SERVER_ERRORS: Failure[] = [
  {status: 502, message: 'Internal server error', responseType: 'INTEGRATION_FAILURE', execution: 'Execution failed due to configuration error: Malformed Lambda proxy response'},
  {status: 504, message: 'Endpoint request timed out', responseType: 'INTEGRATION_TIMEOUT', execution: 'Execution failed due to a timeout error'},
  {status: 500, message: 'Internal server error', responseType: 'API_CONFIGURATION_ERROR', execution: 'Execution failed due to configuration error: Invalid permissions on Lambda function'},
]
/** Documentation addresses (RFC 5737): callers that are nobody. */
const CALLERS = ['198.51.100.7', '198.51.100.23', '203.0.113.9', '203.0.113.54', '192.0.2.10', '192.0.2.77']
const USER_AGENT = 'curl/8.5.0'
const HOUR_MS = 3_600_000

/** The execution-log group API Gateway creates for a REST stage. docs/aws-behaviour.md#api-gateway-creates-the-execution-log-groups */
export const executionLogGroup = (apiId: string, stage: string) => `API-Gateway-Execution-Logs_${apiId}/${stage}`
/** A canary's requests log to the stage's groups and again to these, named with `/Canary` appended. */
export const canaryGroup = (group: string) => `${group}/Canary`

/** The group an access-log destination ARN names (`arn:aws:logs:region:account:log-group:NAME[:*]`); Firehose ARNs name none. */
export function accessLogGroupOf(destinationArn: string | undefined): string | undefined {
  return destinationArn ? /^arn:aws[\w-]*:logs:[\w-]+:\d{12}:log-group:([^:]+)(:\*)?$/.exec(destinationArn)?.[1] : undefined
}

/** Where a stage's requests are logged, and how. */
interface Destinations {
  access?: {format: string; base: LogGroupData; canary?: LogGroupData; baseName: string; canaryName: string}
  execution?: {base: LogGroupData; canary: LogGroupData; baseName: string; canaryName: string}
}

/**
 * Writes a log line (and execution-log lines) for each simulated request, when the stage logs:
 * access logs to the group its `accessLogSettings` names, if that group exists (API Gateway does
 * not create it); REST execution logs at each method's level (its own setting, else the stage-wide
 * `*\/*` one) to the group API Gateway creates. Canary requests also go to the `/Canary` groups.
 */
export class TrafficLogs {
  private constructor(
    private readonly context: SandboxContext,
    private readonly scope: LogScope,
    private readonly destinations: Destinations,
    private readonly routes: LoggedRoute[],
    private readonly keys: string[],
    private readonly random: Uniform,
  ) {}

  /** undefined when the stage logs nothing: then the simulator writes nothing. */
  static of(context: SandboxContext, target: Target, keys: string[]): TrafficLogs | undefined {
    const groups = new LogGroups(context)
    const rest = target.kind === 'rest' ? requireRestStage(context, target.apiId, target.stageName) : undefined
    const stage = rest ?? requireV2Stage(context, target.apiId, target.stageName)
    const destinations: Destinations = {}
    const accessName = accessLogGroupOf(stage.accessLogSettings?.destinationArn)
    const format = stage.accessLogSettings?.format
    if (accessName && format && groups.record(accessName)) {
      const canaryName = canaryGroup(accessName)
      destinations.access = {format, base: groups.events(accessName), baseName: accessName, canaryName, canary: groups.record(canaryName) ? groups.events(canaryName) : undefined}
    }
    const routes = rest ? restRoutes(context, rest) : v2Routes(context, target.apiId, target.stageName)
    if (routes.some((route) => route.executionLogging)) {
      const baseName = executionLogGroup(target.apiId, target.stageName)
      const canaryName = canaryGroup(baseName)
      destinations.execution = {base: groups.ensure(baseName), baseName, canaryName, canary: groups.ensure(canaryName)}
    }
    if (!destinations.access && !destinations.execution) return undefined
    const scope = {apiId: target.apiId, stage: target.stageName, region: context.region, accountId: context.accountId, deploymentId: stage.deploymentId}
    return new TrafficLogs(context, scope, destinations, routes, keys, () => context.clock.random())
  }

  /** Logs `cohort`'s requests, spread at random over [from, to). */
  write(from: number, to: number, cohort: Cohort, canary: boolean): void {
    const count = cohort.requests
    if (count === 0) return
    const times = Array.from({length: count}, () => from + Math.floor(this.random() * (to - from))).sort((a, b) => a - b)
    const outcomes = this.shuffle([...Array<undefined>(count - cohort.errors4xx - cohort.errors5xx).fill(undefined), ...this.pick(CLIENT_ERRORS, cohort.errors4xx), ...this.pick(SERVER_ERRORS, cohort.errors5xx)])
    const latencies = this.shuffle(expand(cohort.latency))
    const integration = this.shuffle(expand(cohort.integrationLatency))
    const now = this.context.clock.now()
    for (let i = 0; i < count; i++) {
      const failure = outcomes[i]
      const integrationLatency = integration[i]
      const route = this.routes[Math.floor(this.random() * this.routes.length)]
      const request = this.request(route, times[i], failure, integrationLatency, Math.max(latencies[i] ?? 1, (integrationLatency ?? 0) + 1), canary)
      const {access, execution} = this.destinations
      if (access) {
        const line = renderAccessLog(access.format, this.scope, request)
        this.append(access.base, access.baseName, request.time, line, now)
        if (canary && access.canary) this.append(access.canary, access.canaryName, request.time, line, now)
      }
      if (execution && route.executionLogging) {
        for (const [offset, line] of executionLines(request, failure, route.executionLogging, this.scope)) {
          this.append(execution.base, execution.baseName, request.time + offset, line, now)
          if (canary) this.append(execution.canary, execution.canaryName, request.time + offset, line, now)
        }
      }
    }
  }

  private request(route: LoggedRoute, time: number, failure: Failure | undefined, integrationLatency: number | undefined, responseLatency: number, canary: boolean): LoggedRequest {
    const concrete = route.resourcePath.replace(/\{[^}]+\+\}/g, 'items/1').replace(/\{[^}]+\}/g, () => String(1 + Math.floor(this.random() * 999)))
    const keyId = this.keys.length > 0 ? this.keys[Math.floor(this.random() * this.keys.length)] : undefined
    const status = failure?.status ?? (route.httpMethod === 'POST' ? 201 : 200)
    return {
      requestId: this.hex(8) + '-' + this.hex(4) + '-4' + this.hex(3) + '-a' + this.hex(3) + '-' + this.hex(12),
      extendedRequestId: Buffer.from(this.hex(22), 'hex').toString('base64').slice(0, 15) + '=',
      sourceIp: CALLERS[Math.floor(this.random() * CALLERS.length)],
      userAgent: USER_AGENT,
      time,
      httpMethod: route.httpMethod,
      resourcePath: route.resourcePath,
      path: route.routeKey === undefined ? `/${this.scope.stage}${concrete}` : concrete,
      routeKey: route.routeKey,
      status,
      responseLength: failure ? JSON.stringify({message: failure.message}).length : 40 + Math.floor(this.random() * 400),
      integrationLatency: failure && failure.status < 500 ? undefined : integrationLatency,
      responseLatency,
      apiKeyId: keyId,
      isCanaryRequest: route.routeKey === undefined ? canary : undefined,
      errorMessage: failure?.message,
      errorResponseType: failure?.responseType,
    }
  }

  /** Streams are named as AWS names them: 32 hex digits; one per group and hour here. */
  private append(group: LogGroupData, groupName: string, time: number, message: string, now: number): void {
    const name = createHash('md5').update(`${groupName}@${Math.floor(time / HOUR_MS)}`).digest('hex')
    appendEvent(group.ensure(name, now), time, message, now)
  }

  private pick(choices: Failure[], count: number): Failure[] {
    return Array.from({length: count}, () => choices[Math.floor(this.random() * choices.length)])
  }

  private shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.random() * (i + 1))
      ;[items[i], items[j]] = [items[j], items[i]]
    }
    return items
  }

  private hex(length: number): string {
    let text = ''
    while (text.length < length) text += Math.floor(this.random() * 16).toString(16)
    return text
  }
}

/** A histogram's values, each as many times as it counts. */
function expand(histogram: Histogram): number[] {
  const values: number[] = []
  for (const [value, count] of histogram) for (let i = 0; i < count; i++) values.push(Math.round(value))
  return values
}

/**
 * A REST request's execution-log lines at `level` (with their ms offsets), in the shapes API Gateway
 * writes: every request at INFO, only the failures behind 5XXs at ERROR; bodies only with data trace.
 */
function executionLines(request: LoggedRequest, failure: Failure | undefined, {level, dataTrace}: {level: 'INFO' | 'ERROR'; dataTrace: boolean}, scope: LogScope): [number, string][] {
  const id = `(${request.requestId})`
  const done: [number, string] = [request.responseLatency, `${id} Method completed with status: ${request.status}`]
  const failed: [number, string][] = failure?.execution ? [[request.responseLatency, `${id} ${failure.execution}`]] : []
  if (level === 'ERROR') return failed.length > 0 ? [...failed, done] : []
  const lines: [number, string][] = [
    [0, `${id} Extended Request Id: ${request.extendedRequestId}`],
    [0, `${id} Verifying Usage Plan for request: ${request.requestId}. API Key:  API Stage: ${scope.apiId}/${scope.stage}`],
    [0, `${id} Starting execution for request: ${request.requestId}`],
    [0, `${id} HTTP Method: ${request.httpMethod}, Resource Path: ${request.path.slice(scope.stage.length + 1)}`],
  ]
  if (dataTrace) lines.push([0, `${id} Method request body before transformations: `])
  if (request.integrationLatency !== undefined) {
    if (dataTrace && !failure) lines.push([request.integrationLatency, `${id} Endpoint response body before transformations: {"ok":true}`])
    if (dataTrace && failure?.status === 502) lines.push([request.integrationLatency, `${id} Endpoint response body before transformations: Internal Server Error`])
  }
  return [...lines, ...failed, done]
}

/** A REST stage's deployed methods (`GET /orders/{id}`), each with its execution logging; `GET /` when none are deployed. */
function restRoutes(context: SandboxContext, stage: StageRecord): LoggedRoute[] {
  const resources = findDeployment(context, stage.apiId, stage.deploymentId)?.resources ?? []
  const everywhere = stage.methodSettings['*/*']
  // A method's own entry decides when it sets a level; otherwise the stage-wide one does.
  const logging = (key: string): LoggedRoute['executionLogging'] => {
    const setting = stage.methodSettings[key]?.loggingLevel ? stage.methodSettings[key] : everywhere
    const level = setting?.loggingLevel
    return level === 'INFO' || level === 'ERROR' ? {level, dataTrace: setting.dataTraceEnabled} : undefined
  }
  const routes = resources.flatMap((resource) =>
    Object.keys(resource.resourceMethods ?? {}).map((method) => ({
      httpMethod: method === 'ANY' ? 'GET' : method,
      resourcePath: resource.path,
      executionLogging: logging(`${resource.path.slice(1)}/${method}`),
    })),
  )
  return routes.length > 0 ? routes : [{httpMethod: 'GET', resourcePath: '/', executionLogging: logging('*/*')}]
}

/** A v2 stage's routes (deployed, or the API's before any deployment); `$default` is called at `/`. */
function v2Routes(context: SandboxContext, apiId: string, stageName: string): LoggedRoute[] {
  const stage = requireV2Stage(context, apiId, stageName)
  const routes = stage.deploymentId ? requireDeployment(context, apiId, stage.deploymentId).routes : routesOf(context, apiId)
  const logged = routes.map(({routeKey}) => {
    const [method, path] = routeKey.includes(' ') ? routeKey.split(' ') : ['GET', '/']
    return {httpMethod: method === 'ANY' ? 'GET' : method, resourcePath: path, routeKey}
  })
  return logged.length > 0 ? logged : [{httpMethod: 'GET', resourcePath: '/', routeKey: '$default'}]
}
