import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {recordMetric} from '../../packages/sandbox/src/cloudwatch/record.js'
import {indexSeries} from '../../packages/sandbox/src/cloudwatch/series.js'
import {aggregate, statistic} from '../../packages/sandbox/src/cloudwatch/statistics.js'
import {TABLES, type MetricMinute} from '../../packages/sandbox/src/model.js'
import {Store} from '../../packages/sandbox/src/store.js'

const T0 = Date.UTC(2026, 0, 1, 12)
const stateDir = () => mkdtempSync(join(tmpdir(), 'apigw-metric-storage-'))
const dimensions = [{Name: 'ApiId', Value: 'a1'}, {Name: 'Stage', Value: '$default'}]
const latency = (values: number[], counts: number[]) => ({namespace: 'AWS/ApiGateway', metricName: 'Latency', dimensions, unit: 'Milliseconds', timestamp: T0, values, counts})

/** The percentiles and totals a GetMetricData would compute from the store's one series. */
function figures(store: Store) {
  const [minutes] = [...indexSeries(store).values()]
  const merged = aggregate(minutes)
  return ['p50', 'p90', 'p99', 'SampleCount', 'Sum', 'Minimum', 'Maximum', 'PR(:20)'].map((stat) => statistic(stat)!(merged))
}

describe('metric minutes stored compactly (flat distributions; by series in the snapshot)', () => {
  it('keeps a minute\'s distribution flat and in value order, and the same across a restart (journal, then snapshot)', () => {
    const dir = stateDir()
    const store = Store.open(dir)
    recordMetric(store, latency([30, 10, 20], [1, 5, 2]))
    recordMetric(store, latency([20, 40], [2, 1]))
    const [minute] = store.all<MetricMinute>(TABLES.metricData)
    expect(minute.distribution).toEqual([10, 5, 20, 4, 30, 1, 40, 1])
    const before = figures(store)
    expect(before).toEqual([20, 30, 40, 11, 200, 10, 40, (9 / 11) * 100])
    // Replayed from the journal (as if killed), then read from the snapshot that replay wrote.
    expect(figures(Store.open(dir))).toEqual(before)
    expect(figures(Store.open(dir))).toEqual(before)
    expect(JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')).version).toBe(3)
  })

  it('reads minutes an older sandbox stored as [value, count] pairs (a version 2 snapshot and its journal) and upgrades them', () => {
    const dir = stateDir()
    const old = (at: number, distribution: number[][]) => ({namespace: 'AWS/ApiGateway', metricName: 'Latency', dimensions, unit: 'Milliseconds', minute: at, sum: 0, sampleCount: 3, minimum: 10, maximum: 30, distribution})
    const key = JSON.stringify(['AWS/ApiGateway', 'Latency', [['ApiId', 'a1'], ['Stage', '$default']]])
    writeFileSync(join(dir, 'state.json'), JSON.stringify({version: 2, regions: {'us-east-1': {metricData: [[`${key}|${T0}`, old(T0, [[10, 2], [30, 1]])]]}}}))
    writeFileSync(join(dir, 'journal.ndjson'), JSON.stringify(['metricData', `${key}|${T0 + 60_000}`, old(T0 + 60_000, [[20, 3]]), 'us-east-1']) + '\n')
    const store = Store.open(dir)
    expect(store.all<MetricMinute>(TABLES.metricData).map((minute) => minute.distribution)).toEqual([[10, 2, 30, 1], [20, 3]])
    expect(statistic('p50')!(aggregate(indexSeries(store).get(key)!))).toBe(20)
    // A minute that goes on being recorded after the upgrade merges into the flat shape.
    recordMetric(store, {...latency([10], [1]), timestamp: T0 + 60_000})
    Store.open(dir).close() // folds the journal into a new snapshot
    const snapshot = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8'))
    expect(snapshot.version).toBe(3)
    // By series, each field a column.
    expect(snapshot.regions['us-east-1'].metricData).toEqual([
      {namespace: 'AWS/ApiGateway', metricName: 'Latency', dimensions, minute: [T0, T0 + 60_000], unit: ['Milliseconds', 'Milliseconds'], sum: [0, 10], sampleCount: [3, 4], minimum: [10, 10], maximum: [30, 30], distribution: [[10, 2, 30, 1], [10, 1, 20, 3]]},
    ])
  })
})
