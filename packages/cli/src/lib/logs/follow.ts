import type {LogEvent, LogsGateway} from '../aws/index.js'
import type {LogSource} from './groups.js'
import {readMerged} from './read.js'

export interface FollowOptions {
  startTime: number
  filterPattern?: string
  /** How long between two reads. */
  pollMs: number
  /**
   * How far back each read reaches before the present: CloudWatch Logs can make an event readable
   * a while after its timestamp, so each read covers this much again, and what was seen is dropped by id.
   */
  overlapMs: number
  now: () => number
  sleep: (ms: number) => Promise<void>
}

/**
 * Polls the groups for ever: each read from (now − overlap) to the present, events already seen
 * dropped by their id, so a refresh neither repeats nor skips a line. Holds only the ids inside
 * the overlap.
 */
export async function* followMerged(logs: LogsGateway, sources: LogSource[], options: FollowOptions): AsyncGenerator<Array<{source: LogSource; event: LogEvent}>> {
  const seen = new Map<string, number>()
  let from = options.startTime
  for (;;) {
    const readAt = options.now()
    for await (const batch of readMerged(logs, sources, {startTime: from}, options.filterPattern)) {
      const fresh = batch.filter(({source, event}) => !seen.has(`${source.group}\n${event.eventId}`))
      for (const {source, event} of fresh) seen.set(`${source.group}\n${event.eventId}`, event.timestamp)
      if (fresh.length > 0) yield fresh
    }
    from = Math.max(options.startTime, readAt - options.overlapMs)
    for (const [id, timestamp] of seen) if (timestamp < from) seen.delete(id)
    await options.sleep(options.pollMs)
  }
}
