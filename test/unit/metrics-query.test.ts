import {describe, expect, it} from 'vitest'
import type {CloudWatchGateway, MetricDataQuery} from '../../packages/cli/src/lib/aws/cloudwatch-gateway.js'
import {ApigwError, ExitCode} from '../../packages/cli/src/lib/errors.js'
import {fetchQueries} from '../../packages/cli/src/lib/metrics/fetch.js'
import {addFormula} from '../../packages/cli/src/lib/metrics/math.js'
import {measureFor, measuresOf} from '../../packages/cli/src/lib/metrics/measures.js'
import {apiDimension} from '../../packages/cli/src/lib/metrics/names.js'
import {batches, QuerySet} from '../../packages/cli/src/lib/metrics/query.js'
import {readMetrics, stageDimensions, trafficParts} from '../../packages/cli/src/lib/metrics/read.js'
import {findStageSeries} from '../../packages/cli/src/lib/metrics/series.js'

const MINUTE = 60_000
const rest = apiDimension({kind: 'rest', id: 'a1b2c3d4e5', name: 'shop'})
const http = apiDimension({kind: 'http', id: 'h1t2t3p4', name: 'orders'})

/** The metric, statistic and dimensions of each query, in order. */
const asked = (queries: MetricDataQuery[]) =>
  queries.map((query) => [query.MetricStat!.Metric!.MetricName, query.MetricStat!.Stat, Object.fromEntries(query.MetricStat!.Metric!.Dimensions!.map((d) => [d.Name, d.Value]))])

/** A CloudWatch that answers every query with `points(id)` and records each call's query count. */
function fakeCloudWatch(points: (query: MetricDataQuery) => Array<[number, number]> = () => [], fail?: (queries: MetricDataQuery[]) => Error | undefined) {
  const calls: number[] = []
  const gateway = {
    listMetrics: async () => [],
    getMetricData: async (input: {MetricDataQueries: MetricDataQuery[]}) => {
      calls.push(input.MetricDataQueries.length)
      const failure = fail?.(input.MetricDataQueries)
      if (failure) throw failure
      return input.MetricDataQueries.map((query) => {
        const data = points(query)
        return {Id: query.Id, Timestamps: data.map(([at]) => new Date(at)), Values: data.map(([, value]) => value), StatusCode: 'Complete'}
      })
    },
  } as unknown as CloudWatchGateway
  return {gateway, calls}
}

describe('metric names and dimensions by API kind', () => {
  it('names REST metrics 4XXError/5XXError under ApiName, HTTP metrics 4xx/5xx under ApiId', () => {
    expect(measureFor('5xx-rate', 'rest').formula).toEqual({kind: 'ratio', part: '5XXError', whole: ['Count']})
    expect(measureFor('5xx-rate', 'http').formula).toEqual({kind: 'ratio', part: '5xx', whole: ['Count']})
    expect(measureFor('4xx', 'http').formula).toEqual({kind: 'sum', metric: '4xx'})
    expect(measureFor('p99', 'rest').formula).toEqual({kind: 'statistic', metric: 'Latency', stat: 'p99'})
    expect(measureFor('integration-latency', 'websocket').formula).toEqual({kind: 'average', metric: 'IntegrationLatency'})
    expect(measureFor('cache-hit-ratio', 'rest').formula).toEqual({kind: 'ratio', part: 'CacheHitCount', whole: ['CacheHitCount', 'CacheMissCount']})
    expect(rest).toEqual({Name: 'ApiName', Value: 'shop'})
    expect(http).toEqual({Name: 'ApiId', Value: 'h1t2t3p4'})
  })

  it('builds one query per statistic, shared by the figures that need it', () => {
    const queries = new QuerySet(60)
    const stage = [{dimensions: stageDimensions(rest, 'prod'), weight: 1}]
    addFormula(queries, measureFor('count', 'rest').formula, stage)
    addFormula(queries, measureFor('5xx-rate', 'rest').formula, stage)
    addFormula(queries, measureFor('p99', 'rest').formula, stage)
    expect(asked(queries.queries)).toEqual([
      ['Count', 'Sum', {ApiName: 'shop', Stage: 'prod'}],
      ['5XXError', 'Sum', {ApiName: 'shop', Stage: 'prod'}],
      ['Latency', 'p99', {ApiName: 'shop', Stage: 'prod'}],
    ])
    expect(queries.queries.map((query) => [query.Id, query.MetricStat!.Metric!.Namespace, query.MetricStat!.Period])).toEqual([
      ['q0', 'AWS/ApiGateway', 60],
      ['q1', 'AWS/ApiGateway', 60],
      ['q2', 'AWS/ApiGateway', 60],
    ])
    const v2 = new QuerySet(300)
    addFormula(v2, measureFor('5xx-rate', 'http').formula, [{dimensions: stageDimensions(http, '$default'), weight: 1}])
    expect(asked(v2.queries)).toEqual([
      ['5xx', 'Sum', {ApiId: 'h1t2t3p4', Stage: '$default'}],
      ['Count', 'Sum', {ApiId: 'h1t2t3p4', Stage: '$default'}],
    ])
  })

  it('leaves out what a kind does not publish, and says which figures it has', () => {
    expect(measuresOf('http').map((m) => m.name)).not.toContain('cache-hit-ratio')
    expect(measuresOf('websocket').map((m) => m.name)).toEqual(['integration-p50', 'integration-p90', 'integration-p99', 'integration-latency', 'connects', 'messages', 'client-errors', 'integration-errors', 'execution-errors'])
    expect(() => measureFor('cache-hit-ratio', 'http')).toThrow(expect.objectContaining({code: 'METRIC_NOT_PUBLISHED', exitCode: ExitCode.usage}))
    expect(() => measureFor('p99', 'websocket')).toThrow(/WebSocket APIs do not publish p99/)
    expect(() => measureFor('5xx-rat', 'rest')).toThrow(expect.objectContaining({code: 'UNKNOWN_METRIC', message: 'Unknown metric "5xx-rat"; did you mean 5xx-rate, 4xx-rate?'}))
  })

  it('passes any percentile and any CloudWatch statistic of a latency through', () => {
    expect(measureFor('p99.9', 'rest').formula).toEqual({kind: 'statistic', metric: 'Latency', stat: 'p99.9'})
    expect(measureFor('integration-p95', 'http').formula).toEqual({kind: 'statistic', metric: 'IntegrationLatency', stat: 'p95'})
    expect(measureFor('latency:tm99', 'rest').formula).toEqual({kind: 'statistic', metric: 'Latency', stat: 'tm99'})
  })
})

describe('the canary series', () => {
  const metric = (dimensions: Array<[string, string]>) => ({Namespace: 'AWS/ApiGateway', MetricName: 'Count', Dimensions: dimensions.map(([Name, Value]) => ({Name, Value}))})

  it('is found among the API\'s series, with per-method series apart', () => {
    const found = findStageSeries(
      [
        metric([['ApiName', 'shop'], ['Stage', 'prod']]),
        metric([['ApiName', 'shop'], ['Stage', 'prod/Canary']]),
        metric([['ApiName', 'shop'], ['Method', 'GET'], ['Resource', '/pets'], ['Stage', 'prod']]),
        metric([['ApiName', 'shop'], ['Method', 'GET'], ['Resource', '/pets'], ['Stage', 'prod/Canary']]),
        metric([['ApiName', 'other'], ['Stage', 'prod']]),
      ],
      rest,
      'prod',
    )
    expect(found).toMatchObject({stage: 'prod', canary: 'prod/Canary', routes: [{route: 'GET /pets'}]})
    expect(findStageSeries([metric([['ApiId', 'h1t2t3p4'], ['Route', 'GET /orders'], ['Stage', '$default']])], http, '$default').routes.map((r) => r.route)).toEqual(['GET /orders'])
  })

  it('gives the base as the stage less the canary, and the canary under Stage "<stage>/Canary"', () => {
    const series = {stage: stageDimensions(rest, 'prod'), canary: stageDimensions(rest, 'prod/Canary')}
    expect(trafficParts('all', series)).toEqual([{dimensions: series.stage, weight: 1}])
    expect(trafficParts('canary', series)).toEqual([{dimensions: [{Name: 'ApiName', Value: 'shop'}, {Name: 'Stage', Value: 'prod/Canary'}], weight: 1}])
    expect(trafficParts('base', series)).toEqual([{dimensions: series.stage, weight: 1}, {dimensions: series.canary, weight: -1}])
    // No canary series: the base is the whole stage, the canary has nothing.
    expect(trafficParts('base', {stage: series.stage})).toEqual([{dimensions: series.stage, weight: 1}])
    expect(trafficParts('canary', {stage: series.stage})).toEqual([])
  })

  it('asks for latency sketches of both series when the base needs percentiles', () => {
    const queries = new QuerySet(60)
    const parts = trafficParts('base', {stage: stageDimensions(rest, 'prod'), canary: stageDimensions(rest, 'prod/Canary')})
    addFormula(queries, measureFor('p99', 'rest').formula, parts)
    const stats = asked(queries.queries)
    expect(stats).toHaveLength(26)
    expect(stats.filter(([, , dims]) => (dims as Record<string, string>).Stage === 'prod/Canary').map(([, stat]) => stat)).toEqual(['SampleCount', 'Minimum', 'p10', 'p25', 'p50', 'p75', 'p90', 'p95', 'p98', 'p99', 'p99.5', 'p99.9', 'Maximum'])
  })
})

describe('batching', () => {
  it('cuts queries into groups of at most 500', () => {
    expect(batches(Array.from({length: 1201}, (_, i) => i)).map((group) => group.length)).toEqual([500, 500, 201])
    expect(batches([])).toEqual([])
  })

  it('makes ceil(queries / 500) GetMetricData calls, and every query is answered', async () => {
    const {gateway, calls} = fakeCloudWatch((query) => [[0, Number(query.Id!.slice(1))]])
    const queries = new QuerySet(60)
    for (let i = 0; i < 1001; i++) queries.id({dimensions: stageDimensions(rest, `s${i}`), metric: 'Count', stat: 'Sum'})
    const fetched = await fetchQueries(gateway, queries.queries, {start: 0, end: MINUTE})
    expect(calls).toEqual([500, 500, 1])
    expect(fetched.points('q1000').get(0)).toBe(1000)
  })

  it('makes at most four calls at once, and keeps every answer whichever call ends first', async () => {
    let [inFlight, most] = [0, 0]
    const pending: Array<() => void> = []
    const gateway = {
      getMetricData: async (input: {MetricDataQueries: MetricDataQuery[]}) => {
        most = Math.max(most, ++inFlight)
        await new Promise<void>((resolve) => pending.push(resolve))
        inFlight--
        return input.MetricDataQueries.map((query) => ({Id: query.Id, Timestamps: [new Date(0)], Values: [Number(query.Id!.slice(1))], StatusCode: 'Complete'}))
      },
    } as unknown as CloudWatchGateway
    const queries = new QuerySet(60)
    for (let i = 0; i < 2600; i++) queries.id({dimensions: stageDimensions(rest, `s${i}`), metric: 'Count', stat: 'Sum'})
    const fetching = fetchQueries(gateway, queries.queries, {start: 0, end: MINUTE})
    // Answer the newest call first, each time, until all six are answered.
    for (let answered = 0; answered < 6; answered++) {
      await new Promise((resolve) => setImmediate(resolve))
      pending.pop()!()
    }
    const fetched = await fetching
    expect(most).toBe(4)
    for (const i of [0, 499, 500, 1999, 2599]) expect(fetched.points(`q${i}`).get(0)).toBe(i)
  })

  it('reads everything one screen shows in one call', async () => {
    const {gateway, calls} = fakeCloudWatch()
    const parts = trafficParts('base', {stage: stageDimensions(rest, 'prod'), canary: stageDimensions(rest, 'prod/Canary')})
    const series = ['count', '4xx', '4xx-rate', '5xx', '5xx-rate', 'p50', 'p90', 'p99', 'integration-p50', 'integration-p90', 'integration-p99', 'cache-hit-ratio'].map((name) => ({
      formula: measureFor(name, 'rest').formula,
      parts,
    }))
    const read = await readMetrics(gateway, {start: 0, end: 180 * MINUTE, periodSeconds: 60}, {series})
    expect(calls).toHaveLength(1)
    expect(read.series).toHaveLength(12)
    expect(read.timeline).toHaveLength(180)
  })
})

describe('a statistic CloudWatch refuses', () => {
  it('is set aside with CloudWatch\'s reason, and the rest read again without it', async () => {
    const refusal = new ApigwError('GetMetricData failed: The value tm99 for parameter MetricDataQueries.member.2.MetricStat.Stat is not supported.', {
      code: 'InvalidParameterValueException',
      exitCode: ExitCode.aws,
      cause: new Error('The value tm99 for parameter MetricDataQueries.member.2.MetricStat.Stat is not supported.'),
    })
    const {gateway, calls} = fakeCloudWatch(() => [[0, 5]], (queries) => (queries.some((query) => query.MetricStat!.Stat === 'tm99') ? refusal : undefined))
    const queries = new QuerySet(60)
    const stage = [{dimensions: stageDimensions(rest, 'prod'), weight: 1}]
    addFormula(queries, measureFor('count', 'rest').formula, stage)
    addFormula(queries, measureFor('latency:tm99', 'rest').formula, stage)
    const read = await readMetrics(gateway, {start: 0, end: MINUTE, periodSeconds: 60}, {series: [{formula: measureFor('count', 'rest').formula, parts: stage}, {formula: measureFor('latency:tm99', 'rest').formula, parts: stage}]})
    expect(calls).toEqual([2, 1])
    expect(read.series[0]).toMatchObject({values: [5], unavailable: null})
    expect(read.series[1]).toEqual({
      values: [null],
      current: null,
      min: null,
      max: null,
      unavailable: 'CloudWatch refused tm99 of Latency: The value tm99 for parameter MetricDataQueries.member.2.MetricStat.Stat is not supported.',
    })
  })

  it('is unavailable when CloudWatch answers with a message and no data', async () => {
    const gateway = {
      getMetricData: async (input: {MetricDataQueries: MetricDataQuery[]}) =>
        input.MetricDataQueries.map((query) => ({Id: query.Id, Timestamps: [], Values: [], StatusCode: 'Complete', Messages: [{Code: 'ArithmeticError', Value: 'Percentiles need values that are not negative'}]})),
    } as unknown as CloudWatchGateway
    const stage = [{dimensions: stageDimensions(rest, 'prod'), weight: 1}]
    const read = await readMetrics(gateway, {start: 0, end: MINUTE, periodSeconds: 60}, {series: [{formula: measureFor('p99', 'rest').formula, parts: stage}]})
    expect(read.series[0].unavailable).toBe('CloudWatch refused p99 of Latency: ArithmeticError: Percentiles need values that are not negative')
  })

  it('still fails the read for any other error', async () => {
    const {gateway} = fakeCloudWatch(undefined, () => new ApigwError('GetMetricData failed: Rate exceeded', {code: 'THROTTLED', exitCode: ExitCode.unavailable}))
    const stage = [{dimensions: stageDimensions(rest, 'prod'), weight: 1}]
    await expect(readMetrics(gateway, {start: 0, end: MINUTE, periodSeconds: 60}, {series: [{formula: measureFor('count', 'rest').formula, parts: stage}]})).rejects.toMatchObject({code: 'THROTTLED'})
  })
})
