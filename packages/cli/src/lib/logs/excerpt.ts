import type {AwsSession} from '../aws/index.js'
import {ApigwError} from '../errors.js'
import {shellQuote} from '../util/shell.js'
import {isJsonFormat, jsonKeys} from './format.js'
import {findStageLogs, type LogSource} from './groups.js'
import {lineReader, type LogLine} from './read.js'

/** What `canary run` and `canary status` show of the canary's logs when it fails. */
export interface CanaryLogExcerpt {
  /** The canary's first error lines in the window (at most `limit`). */
  lines: LogLine[]
  group: string | null
  /** Why no line could be read (logging off, no canary group, AWS refused), or null. */
  unreadable: string | null
  /** The commands that show more: the canary's error lines, and canary versus base (with access logs). */
  more: string[]
}

/**
 * The canary's first error lines, with one bounded FilterLogEvents: its execution log group's
 * failures ("Execution failed", the reasons behind 5XXs) when execution logging is on, else its
 * access log's 5XX lines. Never throws for the logs: what could not be read is said in `unreadable`.
 */
export async function canaryLogExcerpt(session: AwsSession, options: {api: string; stage: string; startTime: number; endTime: number; limit?: number}): Promise<CanaryLogExcerpt> {
  const limit = options.limit ?? 5
  const since = `${Math.max(1, Math.floor((options.endTime - options.startTime) / 60_000))}m`
  const target = `--api ${shellQuote(options.api)} --stage ${shellQuote(options.stage)}`
  // logs summary reads access logs: named only where the stage has them (or where that is not known).
  const moreOf = (source?: LogSource, accessLogs = true) => [
    `apigw logs ${target} --canary ${source?.kind === 'execution' ? `--execution --filter '"Execution failed"'` : '--status 5xx'} --since ${since}`,
    ...(accessLogs ? [`apigw logs summary ${target} --since ${since}`] : []),
  ]
  const more = moreOf()
  try {
    const stage = await findStageLogs(session, {api: options.api, stage: options.stage, kinds: ['execution', 'access'], sides: ['canary']})
    const source = stage.sources.find((candidate) => candidate.kind === 'execution') ?? stage.sources.find((candidate) => candidate.kind === 'access')
    if (!source) return {lines: [], group: null, unreadable: "the stage has no canary log group yet", more}
    const format = stage.accessLog?.format ?? null
    const events = await (await session.logs()).filterLogEventsOnce({logGroupName: source.group, startTime: options.startTime, endTime: options.endTime, filterPattern: errorPattern(source, format), limit: source.kind === 'access' && !isJsonFormat(format ?? '') ? 200 : limit})
    const read = lineReader(format, source.kind === 'access' ? {status: {from: 500, to: 599}} : {})
    const lines = events.map((event) => read(source, event)).filter((line): line is LogLine => line !== null).slice(0, limit)
    return {lines, group: source.group, unreadable: null, more: moreOf(source, stage.accessLog !== null)}
  } catch (error) {
    if (error instanceof ApigwError) return {lines: [], group: null, unreadable: error.message, more}
    throw error
  }
}

/** The filter pattern that finds errors: execution failures, or a JSON access line's 5XX status; other formats are read and checked here. */
function errorPattern(source: LogSource, format: string | null): string | undefined {
  if (source.kind === 'execution') return '"Execution failed"'
  const key = format && isJsonFormat(format) ? jsonKeys(format).get('status') : undefined
  return key && /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `{ $.${key} = 5* }` : undefined
}
