import type {ApiType} from '../catalog/index.js'
import {type Formula, type GateLimits, type Measure, measureFor} from '../metrics/index.js'

/** The most a figure should be; null: no limit. Values above it are breaches, red on a terminal. */
export type Thresholds = Pick<GateLimits, 'max5xxRate' | 'max4xxRate' | 'maxP99Ms'>

/** A stage's panels, in screen order: traffic, errors (count and rate), latency, cache; WebSocket's own. */
const STAGE_PANELS: Record<ApiType, string[]> = {
  rest: ['count', '4xx', '4xx-rate', '5xx', '5xx-rate', 'p50', 'p90', 'p99', 'integration-p50', 'integration-p90', 'integration-p99', 'cache-hit-ratio'],
  http: ['count', '4xx', '4xx-rate', '5xx', '5xx-rate', 'p50', 'p90', 'p99', 'integration-p50', 'integration-p90', 'integration-p99'],
  websocket: ['connects', 'messages', 'client-errors', 'integration-errors', 'execution-errors', 'integration-p50', 'integration-p90', 'integration-p99'],
}

/** Each method's or route's panels: its traffic, its server errors, its tail latency. */
const ROUTE_PANELS: Record<ApiType, string[]> = {
  rest: ['count', '5xx-rate', 'p99'],
  http: ['count', '5xx-rate', 'p99'],
  websocket: ['messages', 'integration-errors', 'integration-p99'],
}

export interface PanelSpec {
  measure: Measure
  formula: Formula
  limit: number | null
}

function limitOf(measure: string, thresholds: Thresholds): number | null {
  if (measure === '5xx-rate') return thresholds.max5xxRate
  if (measure === '4xx-rate') return thresholds.max4xxRate
  return measure === 'p99' ? thresholds.maxP99Ms : null
}

const panels = (names: string[], kind: ApiType, thresholds: Thresholds): PanelSpec[] =>
  names.map((name) => ({...measureFor(name, kind), limit: limitOf(name, thresholds)}))

/** The cache hit ratio only where a REST stage cache is on: without one there is nothing to hit. */
export function stagePanels(kind: ApiType, cacheEnabled: boolean, thresholds: Thresholds): PanelSpec[] {
  return panels(STAGE_PANELS[kind].filter((name) => name !== 'cache-hit-ratio' || cacheEnabled), kind, thresholds)
}

export const routePanels = (kind: ApiType, thresholds: Thresholds) => panels(ROUTE_PANELS[kind], kind, thresholds)
