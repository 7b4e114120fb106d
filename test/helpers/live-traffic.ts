import {simulateTraffic} from '../../packages/sandbox/src/traffic/simulate.js'
import type {TrafficSpec} from '../../packages/sandbox/src/traffic/spec.js'
import type {Sandbox} from './sandbox.js'

/**
 * Live traffic through a stage while a test runs, published into an in-process sandbox every
 * quarter second; canary requests follow the stage's canary share at each moment. Returns stop.
 */
export function driveTraffic(sandbox: Sandbox, apiId: string, profile: Partial<TrafficSpec> = {}): () => void {
  let last = Date.now()
  const publish = () => {
    const now = Date.now()
    simulateTraffic(sandbox.context, {
      apiId,
      stage: 'prod',
      rps: 10_000,
      start: last,
      end: now,
      errorRate: {'4xx': 0.02, '5xx': 0.002},
      latency: {p50: 40, p99: 350},
      cacheHit: 0,
      ...profile,
    })
    last = now
  }
  const timer = setInterval(publish, 250)
  return () => clearInterval(timer)
}
