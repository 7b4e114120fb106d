import type {AwsSession, LogsGateway} from '../aws/index.js'
import {ApigwError, ExitCode} from '../errors.js'
import {showStage} from '../stages/index.js'
import type {ApiType} from '../catalog/index.js'
import {shellQuote} from '../util/shell.js'

export type LogKind = 'access' | 'execution'
export type Side = 'base' | 'canary'

/** One log group apigw reads, and what it holds. */
export interface LogSource {
  group: string
  kind: LogKind
  side: Side
}

/** A stage's logging as its settings say, and the groups that exist for it. */
export interface StageLogs {
  api: {id: string; name: string; type: ApiType}
  stage: string
  /** The execution logging level (REST and WebSocket); null when the kind has none or it is unset. */
  executionLogging: string | null
  accessLog: {destinationArn: string; format: string | null} | null
  sources: LogSource[]
  notices: string[]
}

export interface Selection {
  kinds: LogKind[]
  sides: Side[]
}

const CANARY_SUFFIX = '/Canary'

/**
 * Finds the stage's log groups: execution logs by prefix, both spellings of the group's name
 * (docs/aws-behaviour.md#execution-logs-have-a-group-per-stage), and the access log group the
 * stage's settings name (docs/aws-behaviour.md#access-logs), each with its `/Canary` twin.
 */
export async function findStageLogs(session: AwsSession, options: {api: string; stage: string} & Selection): Promise<StageLogs> {
  const {api, stage} = await showStage(session, options.api, options.stage)
  const logs = await session.logs()
  const notices: string[] = []
  const executionLogging = api.type === 'http' ? null : stage.logging && stage.logging !== 'OFF' ? stage.logging : null
  const accessLog = stage.accessLog?.destinationArn ? {destinationArn: stage.accessLog.destinationArn, format: stage.accessLog.format} : null
  const sources: LogSource[] = []
  if (options.kinds.includes('execution') && api.type === 'http' && !options.kinds.includes('access')) notices.push('HTTP APIs have no execution logs, only access logs.')
  if (options.kinds.includes('execution') && api.type !== 'http') {
    const names = [`API-Gateway-Execution-Logs_${api.id}/${stage.name}`, `API-Gateway-Execution-Logs/${api.id}/${stage.name}`]
    for (const found of await Promise.all(names.map((name) => twins(logs, name, 'execution')))) sources.push(...found)
  }
  if (options.kinds.includes('access') && accessLog) {
    const group = logGroupName(accessLog.destinationArn)
    if (group === null) notices.push(`The access logs of ${stage.name} go to ${accessLog.destinationArn}, which is not a CloudWatch Logs group: apigw reads only CloudWatch Logs.`)
    else {
      const found = await twins(logs, group, 'access')
      // API Gateway writes access logs only to a group that exists (docs/aws-behaviour.md#access-log-lines).
      if (!found.some((source) => source.side === 'base')) notices.push(`The access log group ${group} does not exist, and API Gateway does not create it: no access line is written. Create it: aws logs create-log-group --log-group-name ${shellQuote(group)}`)
      sources.push(...found)
    }
  }
  // Canary groups first: the merge takes the earlier group of two events at one time (tail.ts, canaryCopies).
  const chosen = sources.filter((source) => options.sides.includes(source.side)).sort((a, b) => Number(b.side === 'canary') - Number(a.side === 'canary'))
  const found = {api, stage: stage.name, executionLogging, accessLog, sources: chosen, notices}
  if (!executionLogging && !accessLog) throw loggingOff(found)
  if (found.sources.length === 0 && notices.length === 0) notices.push(`No log group of ${stage.name} holds ${describe(options)} yet.`)
  return found
}

/** The group and its `/Canary` twin, those that exist (one DescribeLogGroups by prefix). */
async function twins(logs: LogsGateway, name: string, kind: LogKind): Promise<LogSource[]> {
  const groups = await logs.describeLogGroups(name)
  const sources: LogSource[] = []
  for (const group of groups) {
    if (group.logGroupName === name) sources.push({group: name, kind, side: 'base'})
    else if (group.logGroupName === `${name}${CANARY_SUFFIX}`) sources.push({group: group.logGroupName, kind, side: 'canary'})
  }
  return sources
}

/** `arn:aws:logs:<region>:<account>:log-group:<name>` (with or without a trailing `:*`); null for Firehose. */
export function logGroupName(arn: string): string | null {
  const match = /^arn:[^:]+:logs:[^:]*:[^:]*:log-group:(.+?)(?::\*)?$/.exec(arn)
  return match ? match[1] : null
}

const describe = (selection: Selection) =>
  `${selection.sides.length === 1 ? `${selection.sides[0]} ` : ''}${selection.kinds.length === 1 ? `${selection.kinds[0]} logs` : 'logs'}`

/**
 * LOGGING_OFF (exit 4): the stage writes no log (or not the kind `needs` says), and the commands that
 * turn logging on, with what they cost.
 */
export function loggingOff(found: Omit<StageLogs, 'notices' | 'sources'>, needs?: string): ApigwError {
  const target = `--api ${shellQuote(found.api.id)} --stage ${shellQuote(found.stage)}`
  const suggestions = [
    `Try: apigw doctor --fix ${target} --checks access-logging-off (makes the stage a log group and sends it one JSON line per request)`,
    `Or: apigw stages set ${target} --access-log <log-group-arn> --access-log-format json (to a log group you have)`,
  ]
  if (found.api.type !== 'http' && !needs) {
    suggestions.push(
      `Or: apigw stages set ${target} --logging error (execution logs of failed requests; --logging info logs every request's steps, and --data-trace on their full bodies: both are billed as CloudWatch Logs ingestion per request, and data trace can log personal data)`,
    )
  }
  const why = needs ? `${needs}, and no access log is set` : found.api.type === 'http' ? 'no access log is set' : 'execution logging is off and no access log is set'
  return new ApigwError(`Stage ${found.stage} of ${found.api.name} (${found.api.id}) writes no ${needs ? 'access ' : ''}logs: ${why}.`, {
    code: 'LOGGING_OFF',
    exitCode: ExitCode.notFound,
    suggestions,
  })
}
