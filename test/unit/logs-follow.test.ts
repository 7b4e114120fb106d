import {describe, expect, it} from 'vitest'
import type {LogEvent, LogsGateway} from '../../packages/cli/src/lib/aws/index.js'
import {followMerged} from '../../packages/cli/src/lib/logs/follow.js'
import {readMerged} from '../../packages/cli/src/lib/logs/read.js'
import type {LogSource} from '../../packages/cli/src/lib/logs/index.js'

/** A gateway over groups the test fills, paged `pageSize` at a time, counting the calls. */
function fakeLogs(pageSize: number) {
  const groups = new Map<string, LogEvent[]>()
  let reads = 0
  const logs = {
    async *filterLogEvents({logGroupName, startTime, endTime}: {logGroupName: string; startTime: number; endTime?: number}) {
      reads++
      const events = (groups.get(logGroupName) ?? []).filter((event) => event.timestamp >= startTime && event.timestamp <= (endTime ?? Infinity)).toSorted((a, b) => a.timestamp - b.timestamp)
      for (let from = 0; from < events.length; from += pageSize) yield events.slice(from, from + pageSize)
      if (events.length === 0) yield []
    },
  } as unknown as LogsGateway
  let id = 0
  const put = (group: string, ...timestamps: number[]) => groups.set(group, [...(groups.get(group) ?? []), ...timestamps.map((timestamp) => ({eventId: String(++id), timestamp, message: `${group} ${timestamp}`}))])
  return {logs, put, reads: () => reads}
}

const sources: LogSource[] = [
  {group: 'a', kind: 'access', side: 'base'},
  {group: 'b', kind: 'access', side: 'canary'},
]

describe('reading merged by time', () => {
  it('interleaves the groups in time order across their pages, a batch ending where a group needs its next page', async () => {
    const fake = fakeLogs(2)
    fake.put('a', 1, 4, 5, 8)
    fake.put('b', 2, 3, 6, 7, 9)
    const batches: number[][] = []
    for await (const batch of readMerged(fake.logs, sources, {startTime: 0})) batches.push(batch.map(({event}) => event.timestamp))
    expect(batches.flat()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9])
    expect(batches.length).toBeGreaterThan(1)
  })
})

describe('--follow', () => {
  it('across refreshes: every event once, late ones inside the overlap too, none twice', async () => {
    const fake = fakeLogs(3)
    let now = 1_000
    const seen: number[] = []
    // Each sleep is a refresh: time moves on and new events arrive, one of them late (an older timestamp).
    const arrivals: Array<() => void> = [
      () => fake.put('a', 1_100, 1_200),
      () => fake.put('b', 1_150, 2_500),
      () => fake.put('a', 2_400),
      () => {},
    ]
    fake.put('a', 500, 900)
    fake.put('b', 950)
    const follow = followMerged(fake.logs, sources, {
      startTime: 0,
      pollMs: 1_000,
      overlapMs: 1_500,
      now: () => now,
      sleep: async (ms) => {
        now += ms
        const arrive = arrivals.shift()
        if (!arrive) throw new Error('enough refreshes')
        arrive()
      },
    })
    await expect(
      (async () => {
        for await (const batch of follow) seen.push(...batch.map(({event}) => event.timestamp))
      })(),
    ).rejects.toThrow('enough refreshes')
    expect(seen.toSorted((x, y) => x - y)).toEqual([500, 900, 950, 1_100, 1_150, 1_200, 2_400, 2_500])
    expect(new Set(seen).size).toBe(seen.length)
    expect(fake.reads()).toBe(2 * 5)
  })
})
