/** The longest window one run simulates. */
export const MAX_WINDOW_MS = 31 * 24 * 60 * 60_000

/** One run of the traffic simulator: what flowed through one stage over one window of time. */
export interface TrafficSpec {
  /** A REST or HTTP/WebSocket API id. */
  apiId: string
  /** The stage name (matched case-insensitively for REST APIs, as AWS does). */
  stage: string
  /** Requests per second, on average (messages per second for WebSocket APIs). */
  rps: number
  /** The window, epoch ms: each minute gets the share of its traffic that falls inside [start, end). */
  start: number
  end: number
  /** Shares of requests (0–1) answered 4XX and 5XX. */
  errorRate: ErrorRate
  /** The latency distribution, in ms. */
  latency: LatencyProfile
  /** Share of requests served from a REST stage's cache once it is available and warm (0–1). */
  cacheHit: number
  /** The canary's own profiles; the base profiles when absent. */
  canaryErrorRate?: ErrorRate
  canaryLatency?: LatencyProfile
  /** API key ids (REST only) the requests are spread over evenly, counted per key and UTC day for GetUsage. */
  keys?: string[]
}

export interface ErrorRate {
  '4xx': number
  '5xx': number
}

export interface LatencyProfile {
  p50: number
  p99: number
}

export interface TrafficSummary {
  apiId: string
  apiName: string
  stage: string
  start: string
  end: string
  /** The minutes the window touches (a part-minute counts). */
  minutes: number
  requests: number
  /** Requests sent to the canary; they are in `requests` too. */
  canaryRequests: number
  errors4xx: number
  errors5xx: number
  cacheHits: number
}
