import type {AwsSession, LogEvent} from '../aws/index.js'
import {systemClock, type Clock} from '../util/clock.js'
import {followMerged} from './follow.js'
import {findStageLogs, type LogKind, type LogSource, type Side, type StageLogs} from './groups.js'
import {lineReader, readMerged, serverPattern, type LineFilter, type LogLine} from './read.js'

export interface TailOptions extends LineFilter {
  api: string
  stage: string
  kinds: LogKind[]
  sides: Side[]
  startTime: number
  endTime?: number
  follow?: {pollMs: number; overlapMs: number}
  clock?: Clock
}

export interface Tail {
  stage: StageLogs
  /** The lines, a batch at a time, oldest first; for ever under `follow`. */
  lines: AsyncGenerator<LogLine[]>
}

/** `apigw logs`: finds the stage's groups, then reads them (or follows them) merged by time. */
export async function tailStageLogs(session: AwsSession, options: TailOptions): Promise<Tail> {
  // --status and --route select access lines: execution lines carry neither.
  const kinds = options.status || options.route ? options.kinds.filter((kind) => kind === 'access') : options.kinds
  // Both sides' groups are read whatever --canary or --base says: the stage's own groups hold the canary's lines too.
  const stage = await findStageLogs(session, {api: options.api, stage: options.stage, kinds, sides: ['canary', 'base']})
  const logs = await session.logs()
  const read = lineReader(stage.accessLog?.format ?? null, options)
  const clock = options.clock ?? systemClock
  const filterPattern = serverPattern(options)
  const events = options.follow
    ? followMerged(logs, stage.sources, {startTime: options.startTime, filterPattern, ...options.follow, now: () => clock.now(), sleep: (ms) => clock.sleep(ms)})
    : readMerged(logs, stage.sources, {startTime: options.startTime, endTime: options.endTime}, filterPattern)
  const copies = canaryCopies()
  async function* lines(): AsyncGenerator<LogLine[]> {
    for await (const batch of events) {
      const kept = batch
        .filter(copies)
        .map(({source, event}) => read(source, event))
        .filter((line): line is LogLine => line !== null && options.sides.includes(line.side))
      if (kept.length > 0) yield kept
      // A long run: each page gets the whole retry budget again.
      session.renewRetryBudget()
    }
  }
  return {stage, lines: lines()}
}

/**
 * API Gateway logs a canary's request in the stage's group and again in the `/Canary` one
 * (docs/aws-behaviour.md#api-gateway-creates-the-execution-log-groups). The merge puts the canary
 * copy first among events of the same time, so the stage's copy is the one dropped: a line is
 * printed once, as the canary's. Holds only the events of one millisecond.
 */
function canaryCopies(): (item: {source: LogSource; event: LogEvent}) => boolean {
  let at = Number.NaN
  const canary = new Map<string, number>()
  return ({source, event}) => {
    if (event.timestamp !== at) {
      at = event.timestamp
      canary.clear()
    }
    const key = `${source.kind}\n${event.message}`
    if (source.side === 'canary') {
      canary.set(key, (canary.get(key) ?? 0) + 1)
      return true
    }
    const copies = canary.get(key) ?? 0
    if (copies === 0) return true
    canary.set(key, copies - 1)
    return false
  }
}
