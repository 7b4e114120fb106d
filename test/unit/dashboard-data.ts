import type {Dashboard, DashboardPanel} from '../../packages/cli/src/lib/dashboard/stage.js'
import {stagePanels} from '../../packages/cli/src/lib/dashboard/panels.js'
import {seriesStats} from '../../packages/cli/src/lib/metrics/math.js'
import type {Traffic} from '../../packages/cli/src/lib/metrics/read.js'

/**
 * Dashboards from fixed series (no clock, no randomness), for snapshot tests of the rendering:
 * three hours of minutes ending 17:00 UTC, with a dip, a spike, a gap and a cache flush.
 */

const START = Date.parse('2026-11-21T14:00:00.000Z')
const MINUTES = 180
const wave = (i: number, period: number) => Math.sin((i / period) * 2 * Math.PI)

/** Latency figures: ms at rest, and how far they swing. */
const LATENCY: Record<string, [ms: number, swing: number]> = {
  p50: [40, 4],
  p90: [130, 10],
  p99: [350, 40],
  'integration-p50': [30, 3],
  'integration-p90': [110, 8],
  'integration-p99': [300, 30],
}

/** A figure's value in minute `i` for one side, shaped like live traffic: daily-ish swell, a bad patch at 16:10–16:25. */
function valueOf(metric: string, i: number, side: Traffic): number | null {
  if (i >= 95 && i < 100) return null // CloudWatch had nothing for these minutes: drawn as a gap.
  const canary = side === 'canary'
  const share = side === 'canary' ? 0.1 : side === 'base' ? 0.9 : 1
  const requests = Math.round((1200 + 300 * wave(i, 90)) * share)
  const incident = i >= 130 && i < 145
  const rate5xx = canary ? 0.02 + 0.01 * wave(i, 20) : incident ? 0.018 : 0.004 + 0.002 * wave(i, 30)
  const rate4xx = 0.02 + 0.005 * wave(i, 45)
  const slow = (canary ? 1.6 : 1) * (incident ? 1.8 : 1)
  switch (metric) {
    case 'count':
      return requests
    case '4xx':
      return Math.round(requests * rate4xx)
    case '4xx-rate':
      return rate4xx
    case '5xx':
      return Math.round(requests * rate5xx)
    case '5xx-rate':
      return rate5xx
    case 'cache-hit-ratio':
      // The canary does not use the stage cache. A flush at 15:30: empty, then refilling over five minutes.
      if (canary) return null
      return i >= 90 && i < 95 ? ((i - 90) / 5) * 0.8 : 0.8 + 0.02 * wave(i, 60)
    default: {
      if (!LATENCY[metric]) return null
      const [ms, swing] = LATENCY[metric]
      return ms * slow + swing * wave(i, 25)
    }
  }
}

const thresholds = {max5xxRate: 0.01, max4xxRate: 0.05, maxP99Ms: 800}

/** A REST stage with a cache, and a canary at 10% when `canary` is set. */
export function fixedDashboard(options: {canary?: boolean; unavailable?: string} = {}): Dashboard {
  const traffic: Traffic[] = options.canary ? ['base', 'canary'] : ['all']
  const timestamps = Array.from({length: MINUTES}, (_, i) => new Date(START + i * 60_000).toISOString())
  const panels = stagePanels('rest', true, thresholds).map(
    (spec): DashboardPanel => ({
      metric: spec.measure.name,
      title: spec.measure.title,
      unit: spec.measure.unit,
      limit: spec.limit,
      series: traffic.map((side) => {
        const values = timestamps.map((_, i) => valueOf(spec.measure.name, i, side))
        const unavailable = spec.measure.name === options.unavailable ? 'CloudWatch refused p99 of Latency: The value p99 for parameter MetricDataQueries.member.8.MetricStat.Stat is not supported.' : null
        return {traffic: side, ...(unavailable ? {values: values.map(() => null), current: null, min: null, max: null} : {values, ...seriesStats(values)}), unavailable}
      }),
    }),
  )
  return {
    api: {id: 'a1b2c3d4e5', name: 'shop', type: 'rest'},
    stage: 'prod',
    window: {start: timestamps[0], end: new Date(START + MINUTES * 60_000).toISOString(), periodSeconds: 60},
    timestamps,
    canary: options.canary ? {deploymentId: 'x9y8z7', percentTraffic: 10} : null,
    traffic,
    panels,
    routes: null,
    notes: [],
  }
}
