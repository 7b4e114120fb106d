import {TABLES, type UsageRecord} from '../model.js'
import {usageKey, utcDay} from '../rest/usage.js'
import type {Store} from '../store.js'
import {RoundRobin, type Uniform} from './random.js'

/** Counts requests per API key and UTC day while a run goes, then adds them to the usage rows once. */
export class UsageTally {
  /** Usage row id → the requests this run adds to it. */
  private readonly added = new Map<string, {keyId: string; day: string; requests: number}>()
  private readonly spread: RoundRobin

  constructor(
    random: Uniform,
    private readonly keys: string[],
    private readonly apiId: string,
    private readonly stageName: string,
  ) {
    this.spread = new RoundRobin(random, keys.length)
  }

  add(time: number, requests: number): void {
    if (requests === 0) return
    const day = utcDay(time)
    for (const [i, count] of this.spread.spread(requests).entries()) {
      if (count === 0) continue
      const keyId = this.keys[i]
      const id = usageKey(keyId, this.apiId, this.stageName, day)
      const entry = this.added.get(id) ?? {keyId, day, requests: 0}
      entry.requests += count
      this.added.set(id, entry)
    }
  }

  save(store: Store): void {
    for (const [id, {keyId, day, requests}] of this.added) {
      const row = store.get<UsageRecord>(TABLES.usage, id) ?? {keyId, apiId: this.apiId, stage: this.stageName, day, requests: 0}
      row.requests += requests
      store.put(TABLES.usage, id, row)
    }
  }
}
