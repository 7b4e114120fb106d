import {describe, expect, it} from 'vitest'
import {trend} from '../../packages/cli/src/lib/dashboard/fleet.js'
import {windowFigures} from '../../packages/cli/src/lib/metrics/figures.js'
import {LATENCY_KNOTS, seriesStats, seriesValues, type Formula, type Part, type SeriesData} from '../../packages/cli/src/lib/metrics/math.js'
import {parseSpan, periodWindow, timeline} from '../../packages/cli/src/lib/metrics/read.js'
import {parseWindow} from '../../packages/cli/src/lib/util/window.js'

const MINUTE = 60_000
const T = [0, MINUTE, 2 * MINUTE, 3 * MINUTE]

/** One series' data from a table: metric → stat → values per minute of T (undefined: no datapoint). */
function data(table: Record<string, Record<string, Array<number | undefined>>>): SeriesData {
  return {
    points: (metric, stat) => {
      const values = table[metric]?.[stat]
      if (!values) return new Map()
      return new Map(values.flatMap((value, i): Array<[number, number]> => (value === undefined ? [] : [[T[i], value]])))
    },
    refusal: () => undefined,
  }
}

/** Uniform latency from low to high in each minute, as CloudWatch's percentiles would sketch it. */
function uniformLatency(requests: number[], low: number, high: number): Record<string, Array<number | undefined>> {
  return {
    SampleCount: requests,
    ...Object.fromEntries(LATENCY_KNOTS.map(([stat, share]) => [stat, requests.map(() => low + share * (high - low))])),
    p99: requests.map(() => low + 0.99 * (high - low)),
  }
}

const plain = (series: SeriesData): Part[] => [{data: series, weight: 1}]
const values = (formula: Formula, parts: Part[]) => seriesValues(formula, parts, T).values

describe('series math', () => {
  it('gives rates as errors ÷ requests of each period, from Sums', () => {
    const stage = data({Count: {Sum: [1000, 400, 0, undefined]}, '5XXError': {Sum: [10, 0, 0, undefined]}})
    expect(values({kind: 'ratio', part: '5XXError', whole: ['Count']}, plain(stage))).toEqual([0.01, 0, null, null])
  })

  it('keeps gaps: a period without a datapoint is null, never 0', () => {
    const stage = data({Count: {Sum: [1000, undefined, 500, undefined]}})
    expect(values({kind: 'sum', metric: 'Count'}, plain(stage))).toEqual([1000, null, 500, null])
    expect(seriesStats([null, 3, null, 1, null])).toEqual({current: 1, min: 1, max: 3})
    expect(seriesStats([null, null])).toEqual({current: null, min: null, max: null})
  })

  it('passes percentiles through as CloudWatch gives them', () => {
    const stage = data({Latency: {p99: [350, 361.621, undefined, 900]}})
    expect(values({kind: 'statistic', metric: 'Latency', stat: 'p99'}, plain(stage))).toEqual([350, 361.621, null, 900])
  })

  it('takes the canary off the stage for the base: sums exactly, percentiles through the sketches', () => {
    const stage = data({
      Count: {Sum: [1000, 1000, 1000, undefined]},
      '5XXError': {Sum: [30, 12, 10, undefined]},
      Latency: uniformLatency([1000, 1000, 1000, 0], 100, 200),
    })
    const canary = data({Count: {Sum: [100, 100, undefined, undefined]}, '5XXError': {Sum: [20, 2, undefined, undefined]}, Latency: uniformLatency([100, 100, 0, 0], 100, 200)})
    const base: Part[] = [{data: stage, weight: 1}, {data: canary, weight: -1}]
    expect(values({kind: 'sum', metric: 'Count'}, base)).toEqual([900, 900, 1000, null])
    expect(values({kind: 'ratio', part: '5XXError', whole: ['Count']}, base)).toEqual([10 / 900, 10 / 900, 0.01, null])
    const p99 = values({kind: 'statistic', metric: 'Latency', stat: 'p99'}, base)
    expect(p99[0]).toBeCloseTo(199)
    expect(p99[3]).toBeNull()
    // The canary alone: its own series, passed through.
    expect(values({kind: 'ratio', part: '5XXError', whole: ['Count']}, plain(canary))).toEqual([0.2, 0.02, null, null])
  })

  it('averages as Sum ÷ SampleCount, and says which statistics the base cannot have', () => {
    const stage = data({IntegrationLatency: {Sum: [5000, undefined, 0, 0], SampleCount: [100, undefined, 0, 0]}})
    expect(values({kind: 'average', metric: 'IntegrationLatency'}, plain(stage))).toEqual([50, null, null, null])
    const base: Part[] = [{data: stage, weight: 1}, {data: stage, weight: -1}]
    expect(seriesValues({kind: 'statistic', metric: 'Latency', stat: 'tm99'}, base, T)).toEqual({
      values: [null, null, null, null],
      unavailable: 'tm99 of Latency exists for whole series only: the base (the stage less its canary) can be computed for percentiles alone.',
    })
  })

  it('adds a window up period by period for the figures, with the WebSocket API\'s own metrics', () => {
    const stage = data({
      MessageCount: {Sum: [100, 300, undefined, undefined]},
      ClientError: {Sum: [1, 3, undefined, undefined]},
      IntegrationError: {Sum: [2, 6, undefined, undefined]},
      IntegrationLatency: {...uniformLatency([100, 300, 0, 0], 10, 20), Sum: [1500, 4500, undefined, undefined]},
    })
    const figures = windowFigures('websocket', plain(stage), 'none')
    expect(figures).toMatchObject({requests: 400, errors4xx: 4, errors5xx: 8, rate4xx: 0.01, rate5xx: 0.02, integrationLatencyMs: 15, note: null})
    expect(figures.latencyMs.p50).toBeCloseTo(15)
    expect(windowFigures('websocket', [], 'No requests in the window.')).toMatchObject({requests: null, rate5xx: null, note: 'No requests in the window.'})
  })
})

describe('windows', () => {
  it('takes whole periods: those that ended for charts, the one in progress too for totals', () => {
    const now = Date.parse('2026-11-21T17:00:30Z')
    const chart = periodWindow(now, 3 * 3_600_000, 60, {current: false})
    expect([new Date(chart.start).toISOString(), new Date(chart.end).toISOString()]).toEqual(['2026-11-21T14:00:00.000Z', '2026-11-21T17:00:00.000Z'])
    expect(timeline(chart)).toHaveLength(180)
    const total = periodWindow(now, 15 * MINUTE, 60, {current: true})
    expect([new Date(total.start).toISOString(), new Date(total.end).toISOString()]).toEqual(['2026-11-21T16:45:00.000Z', '2026-11-21T17:01:00.000Z'])
    const fiveMinutes = periodWindow(now, 3_600_000, 300, {current: true})
    expect(timeline(fiveMinutes).map((at) => new Date(at).toISOString().slice(11, 16))).toEqual(['16:00', '16:05', '16:10', '16:15', '16:20', '16:25', '16:30', '16:35', '16:40', '16:45', '16:50', '16:55', '17:00'])
  })

  it('checks --since and --period before any call', () => {
    const since = (text: string) => parseWindow({since: text}, text)
    expect(parseSpan(since('3h'), '1m')).toMatchObject({sinceMs: 3 * 3_600_000, periodSeconds: 60})
    expect(() => parseSpan(since('3h'), '90s')).toThrow('--period must be whole minutes')
    expect(() => parseSpan(since('30s'), '1m')).toThrow('--since 30s is shorter than one --period 1m.')
    expect(() => parseSpan(since('7d'), '1m')).toThrow(expect.objectContaining({message: '--since 7d in periods of 1m is 10080 periods; at most 1440 can be shown.', suggestions: ['Try: --period 7m']}))
  })
})

describe('the fleet trend', () => {
  it('compares the 5XX rate of the second half with the first', () => {
    const requests = [100, 100, 100, 100]
    expect(trend([1, 1, 5, 5], requests)).toBe('up')
    expect(trend([5, 5, 1, 1], requests)).toBe('down')
    expect(trend([1, 1, 1, 1], requests)).toBe('flat')
    expect(trend([0, 0, 0.05, 0.05], requests)).toBe('flat')
    expect(trend([1, 1, null, null], [100, 100, null, null])).toBeNull()
  })
})
