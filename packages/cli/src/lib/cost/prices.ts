import {usageError} from '../errors.js'

/** One price tier: up to a cumulative monthly count (null: no end), at a price per million units. */
export interface Tier {
  upTo: number | null
  perMillion: number
}

/** A price table: the one apigw carries (prices-us-east-1.ts), or --prices. */
export interface Prices {
  source: string
  date: string
  region: string
  rest: {requests: Tier[]}
  http: {requests: Tier[]}
  websocket: {messages: Tier[]; connectionMinutes: Tier[]}
  /** USD per hour, by cache size in GB as the API names it ("0.5", "1.6", … "237"). */
  cacheHourly: Record<string, number>
}

/** What `units` cost, filling each tier in turn. */
export function tiered(units: number, tiers: Tier[]): number {
  let cost = 0
  let from = 0
  for (const tier of tiers) {
    const to = tier.upTo ?? Infinity
    const inTier = Math.max(0, Math.min(units, to) - from)
    cost += (inTier / 1e6) * tier.perMillion
    from = to
    if (units <= to) break
  }
  return cost
}

/** --prices: a JSON file shaped as Prices, checked in full (a wrong price would go unnoticed). */
export function parsePrices(text: string, file: string): Prices {
  const fail = (why: string) =>
    usageError(`--prices ${file}: ${why}`, ['Try: a JSON file shaped as docs/fleet.md#prices shows (apigw cost --json prints the table in use under "prices")'], 'INVALID_PRICES')
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    throw fail(`not JSON (${(error as Error).message}).`)
  }
  const object = (value: unknown, at: string) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw fail(`${at} must be an object.`)
    return value as Record<string, unknown>
  }
  const price = (value: unknown, at: string) => {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw fail(`${at} must be a price (a number, 0 or more); got ${JSON.stringify(value)}.`)
    return value
  }
  const tiers = (value: unknown, at: string): Tier[] => {
    if (!Array.isArray(value) || value.length === 0) throw fail(`${at} must be a list of tiers ({"upTo", "perMillion"}).`)
    return value.map((entry, i) => {
      const tier = object(entry, `${at}[${i}]`)
      const last = i === value.length - 1
      if (last ? tier.upTo !== null : !(typeof tier.upTo === 'number' && tier.upTo > 0)) {
        throw fail(`${at}[${i}].upTo must be ${last ? 'null (the last tier has no end)' : 'a count above 0'}.`)
      }
      if (i > 0 && !last && (tier.upTo as number) <= ((value[i - 1] as Tier).upTo as number)) throw fail(`${at}[${i}].upTo must be above the tier before.`)
      return {upTo: tier.upTo as number | null, perMillion: price(tier.perMillion, `${at}[${i}].perMillion`)}
    })
  }
  const root = object(data, 'the file')
  const text_ = (value: unknown, at: string) => {
    if (typeof value !== 'string') throw fail(`${at} must be a string.`)
    return value
  }
  const cache = object(root.cacheHourly, 'cacheHourly')
  return {
    source: text_(root.source, 'source'),
    date: text_(root.date, 'date'),
    region: text_(root.region, 'region'),
    rest: {requests: tiers(object(root.rest, 'rest').requests, 'rest.requests')},
    http: {requests: tiers(object(root.http, 'http').requests, 'http.requests')},
    websocket: {
      messages: tiers(object(root.websocket, 'websocket').messages, 'websocket.messages'),
      connectionMinutes: tiers(object(root.websocket, 'websocket').connectionMinutes, 'websocket.connectionMinutes'),
    },
    cacheHourly: Object.fromEntries(Object.entries(cache).map(([size, value]) => [size, price(value, `cacheHourly["${size}"]`)])),
  }
}
