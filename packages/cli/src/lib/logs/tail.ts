import type {AwsSession} from '../aws/index.js'
import {systemClock, type Clock} from '../util/clock.js'
import {followMerged} from './follow.js'
import {findStageLogs, type LogKind, type Side, type StageLogs} from './groups.js'
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
  const stage = await findStageLogs(session, {api: options.api, stage: options.stage, kinds, sides: options.sides})
  const logs = await session.logs()
  const read = lineReader(stage.accessLog?.format ?? null, options)
  const clock = options.clock ?? systemClock
  const filterPattern = serverPattern(options)
  const events = options.follow
    ? followMerged(logs, stage.sources, {startTime: options.startTime, filterPattern, ...options.follow, now: () => clock.now(), sleep: (ms) => clock.sleep(ms)})
    : readMerged(logs, stage.sources, {startTime: options.startTime, endTime: options.endTime}, filterPattern)
  async function* lines(): AsyncGenerator<LogLine[]> {
    for await (const batch of events) {
      const kept = batch.map(({source, event}) => read(source, event)).filter((line): line is LogLine => line !== null)
      if (kept.length > 0) yield kept
      // A long run: each page gets the whole retry budget again.
      session.renewRetryBudget()
    }
  }
  return {stage, lines: lines()}
}
