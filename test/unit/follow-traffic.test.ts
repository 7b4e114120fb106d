import {describe, expect, it} from 'vitest'
import {followTraffic} from '../../packages/cli/src/lib/sandbox/traffic.js'

// `apigw sandbox traffic --follow` stopped within the millisecond it started (Ctrl-C at once) has
// no window to publish: it ends with nothing published, and asks the sandbox nothing (an empty
// window would be refused, which ended the run with exit 2).
describe('live traffic stopped at once', () => {
  it('publishes nothing and calls no sandbox', async () => {
    const rounds: unknown[] = []
    const published = await followTraffic(
      // Nothing listens here: any call would fail the run.
      {endpoint: 'http://127.0.0.1:9', token: 'unused'},
      {apiId: 'a1b2c3d4e5', stage: 'prod', rps: 100, errorRate: {'4xx': 0, '5xx': 0}, latency: {p50: 20, p99: 90}, cacheHit: 0},
      {intervalMs: 10_000, until: Promise.resolve(), onRound: (summary) => rounds.push(summary), clock: {now: () => 1_765_000_000_000}},
    )
    expect([published, rounds]).toEqual([0, []])
  })
})
