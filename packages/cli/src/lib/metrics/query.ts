import {MAX_QUERIES_PER_CALL, type MetricDataQuery} from '../aws/index.js'
import {NAMESPACE, type Dimension} from './names.js'

/** One statistic of one metric of one series. */
export interface Want {
  dimensions: Dimension[]
  metric: string
  stat: string
}

/**
 * The GetMetricData queries a read needs, each asked once however many figures use it (a 5XX rate
 * and a request count share Count's Sum), with ids CloudWatch accepts.
 */
export class QuerySet {
  readonly queries: MetricDataQuery[] = []
  private readonly ids = new Map<string, string>()

  constructor(readonly periodSeconds: number) {}

  /** The id of the query for `want`, added the first time it is asked for. */
  id(want: Want): string {
    const key = wantKey(want)
    let id = this.ids.get(key)
    if (id === undefined) {
      id = `q${this.queries.length}`
      this.ids.set(key, id)
      this.queries.push({
        Id: id,
        MetricStat: {Metric: {Namespace: NAMESPACE, MetricName: want.metric, Dimensions: want.dimensions}, Period: this.periodSeconds, Stat: want.stat},
        ReturnData: true,
      })
    }
    return id
  }

  /** The id of the query for `want`, if it was asked for. */
  find(want: Want): string | undefined {
    return this.ids.get(wantKey(want))
  }
}

const wantKey = (want: Want) => JSON.stringify([want.dimensions, want.metric, want.stat])

/** Queries in groups of at most `size`: one GetMetricData call each. */
export function batches<T>(items: T[], size = MAX_QUERIES_PER_CALL): T[][] {
  const groups: T[][] = []
  for (let from = 0; from < items.length; from += size) groups.push(items.slice(from, from + size))
  return groups
}
