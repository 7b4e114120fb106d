import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {recordMetric, type MetricObservation} from '../../packages/sandbox/src/cloudwatch/record.js'
import {indexSeries} from '../../packages/sandbox/src/cloudwatch/series.js'
import {TABLES, type MetricMinute} from '../../packages/sandbox/src/model.js'
import {Store} from '../../packages/sandbox/src/store.js'

const MINUTE = 60_000
const T0 = Date.UTC(2026, 0, 1, 12)
const stateDir = () => mkdtempSync(join(tmpdir(), 'apigw-cw-index-'))

const observe = (api: string, metricName: string, at: number, values: number[]): MetricObservation => ({
  namespace: 'AWS/ApiGateway',
  metricName,
  dimensions: [{Name: 'ApiName', Value: api}, {Name: 'Stage', Value: 'prod'}],
  timestamp: at,
  values,
})

/** The index as a plain value: series keys in order, each with its minutes' times and figures. */
const shape = (index: Map<string, MetricMinute[]>) =>
  [...index].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, minutes]) => [key, minutes.map((m) => [m.minute, m.sum, m.sampleCount, m.minimum, m.maximum, m.distribution])])

/** What a full scan of the table gives: the index of a new store holding the same records, put directly. */
function fullScan(store: Store) {
  const copy = Store.memory()
  store.all(TABLES.metricData).forEach((record, i) => copy.put(TABLES.metricData, String(i), record))
  return shape(indexSeries(copy))
}

describe('the sandbox CloudWatch series index (kept as minutes are recorded, not rebuilt per read)', () => {
  it('answers like a full scan after minutes are recorded following a read: new series, new minutes out of order, updated minutes', () => {
    const store = Store.memory()
    recordMetric(store, observe('shop', 'Count', T0, [1]))
    recordMetric(store, observe('shop', 'Count', T0 + 2 * MINUTE, [1, 1]))
    const first = indexSeries(store)
    expect(shape(first)).toEqual(fullScan(store))

    recordMetric(store, observe('shop', 'Count', T0 + MINUTE, [1])) // between two minutes it has
    recordMetric(store, observe('shop', 'Count', T0 - MINUTE, [1])) // before the first
    recordMetric(store, observe('shop', 'Count', T0 + 2 * MINUTE + 5_000, [1])) // into a minute it has
    recordMetric(store, observe('shop', 'Latency', T0, [12, 30])) // a new metric
    recordMetric(store, observe('books', 'Count', T0 + 3 * MINUTE, [1])) // a new API

    const kept = indexSeries(store)
    expect(kept).toBe(first) // the same index, kept up to date rather than rebuilt
    expect(shape(kept)).toEqual(fullScan(store))
    const times = kept.get(JSON.stringify(['AWS/ApiGateway', 'Count', [['ApiName', 'shop'], ['Stage', 'prod']]]))!.map((m) => (m.minute - T0) / MINUTE)
    expect(times).toEqual([-1, 0, 1, 2])
  })

  it('is rebuilt after a change that did not come through recordMetric (a cleared state, a record put directly)', () => {
    const store = Store.memory()
    recordMetric(store, observe('shop', 'Count', T0, [1]))
    expect(indexSeries(store).size).toBe(1)
    store.clear()
    expect(indexSeries(store).size).toBe(0)
    recordMetric(store, observe('shop', 'Count', T0, [1]))
    const minute = store.all<MetricMinute>(TABLES.metricData)[0]
    store.put(TABLES.metricData, 'copy', {...minute, metricName: '5XXError'})
    expect([...indexSeries(store).keys()].map((key) => JSON.parse(key)[1]).sort()).toEqual(['5XXError', 'Count'])
  })

  it('matches a full scan across restarts, with minutes recorded after each', () => {
    const dir = stateDir()
    for (let restart = 0; restart < 3; restart++) {
      const store = Store.open(dir)
      indexSeries(store)
      recordMetric(store, observe('shop', 'Count', T0 + restart * MINUTE, [1, 2]))
      recordMetric(store, observe(`api-${restart}`, 'Latency', T0, [restart + 5]))
      expect(shape(indexSeries(store))).toEqual(fullScan(store))
      store.close()
    }
    const reopened = indexSeries(Store.open(dir))
    expect(new Set([...reopened.keys()].map((key) => JSON.parse(key)[2][0][1]))).toEqual(new Set(['api-0', 'api-1', 'api-2', 'shop']))
    expect(reopened.get(JSON.stringify(['AWS/ApiGateway', 'Count', [['ApiName', 'shop'], ['Stage', 'prod']]]))!.map((m) => [(m.minute - T0) / MINUTE, m.sum])).toEqual([[0, 3], [1, 3], [2, 3]])
  })
})
