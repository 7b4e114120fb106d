import {integrationProfile, LatencySampler, type Histogram} from './latency.js'
import {Splitter, type Uniform} from './random.js'
import type {ErrorRate, LatencyProfile} from './spec.js'
import type {ApiKind} from './target.js'

/** WebSocket traffic is counted in messages; a client opens one connection per this many. */
const MESSAGES_PER_CONNECTION = 20

/** What one group of requests (the base or the canary's) did in one stretch of time. */
export interface Cohort {
  requests: number
  errors4xx: number
  errors5xx: number
  /** Requests served from the stage cache; undefined when these requests had no cache to use. */
  cacheHits: number | undefined
  latency: Histogram
  integrationLatency: Histogram
  /** WebSocket connections opened. */
  connections: number
}

/** Turns request counts into what those requests did, for one deployment's error and latency profile. */
export class CohortSampler {
  private readonly serverErrors: Splitter
  private readonly clientErrors: Splitter
  private readonly cacheHits: Splitter
  private readonly connections: Splitter
  private readonly latency: LatencySampler
  private readonly integrationLatency: LatencySampler

  constructor(
    private readonly random: Uniform,
    private readonly errorRate: ErrorRate,
    latency: LatencyProfile,
    private readonly kind: ApiKind,
  ) {
    this.serverErrors = new Splitter(random)
    this.clientErrors = new Splitter(random)
    this.cacheHits = new Splitter(random)
    this.connections = new Splitter(random)
    this.latency = new LatencySampler(latency)
    this.integrationLatency = new LatencySampler(integrationProfile(latency))
  }

  /** What `requests` requests did; `cacheHitRatio` is undefined when they had no cache to use. */
  sample(requests: number, cacheHitRatio: number | undefined): Cohort {
    const serverShare = this.errorRate['5xx']
    const errors5xx = this.serverErrors.take(requests, serverShare)
    // 4XX and 5XX are shares of all requests: take the 4XX from those not already 5XX.
    const clientShare = serverShare >= 1 ? 0 : Math.min(1, this.errorRate['4xx'] / (1 - serverShare))
    const errors4xx = this.clientErrors.take(requests - errors5xx, clientShare)
    const cacheHits = cacheHitRatio === undefined ? undefined : this.cacheHits.take(requests, cacheHitRatio)
    return {
      requests,
      errors4xx,
      errors5xx,
      cacheHits,
      latency: this.latency.sample(requests, this.random),
      // Requests answered from the cache never reach the integration.
      integrationLatency: this.integrationLatency.sample(requests - (cacheHits ?? 0), this.random),
      connections: this.kind === 'websocket' ? this.connections.take(requests, 1 / MESSAGES_PER_CONNECTION) : 0,
    }
  }
}
