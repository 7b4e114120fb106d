import type {ApiType} from '../catalog/index.js'
import type {CloudWatchGateway} from '../aws/index.js'
import {usageError} from '../errors.js'
import {formatDuration, parseDuration} from '../util/duration.js'
import type {ReadWindow} from '../util/window.js'
import {fetchQueries} from './fetch.js'
import {addFigureQueries, windowFigures, type Figures} from './figures.js'
import {addFormula, seriesData, seriesStats, seriesValues, type Formula, type Part, type PartSpec} from './math.js'
import type {Dimension} from './names.js'
import {QuerySet} from './query.js'

/**
 * One read of CloudWatch for everything a command shows: every series and window figure asked
 * for, in ONE GetMetricData call per 500 queries.
 */

/** Whose requests: the stage's (all), its canary's, or the base's (the stage less its canary). */
export const TRAFFIC = ['all', 'base', 'canary'] as const
export type Traffic = (typeof TRAFFIC)[number]

/** The Stage dimension values of a stage's series. */
export interface SeriesDimensions {
  stage: Dimension[]
  /** Absent when CloudWatch has no canary series. */
  canary?: Dimension[]
}

/** The series a traffic side adds and takes off. Without a canary series the base is the whole stage. */
export function trafficParts(traffic: Traffic, series: SeriesDimensions): PartSpec[] {
  const stage = {dimensions: series.stage, weight: 1}
  if (traffic === 'all') return [stage]
  if (!series.canary) return traffic === 'base' ? [stage] : []
  const canary = {dimensions: series.canary, weight: 1}
  return traffic === 'canary' ? [canary] : [stage, {...canary, weight: -1}]
}

export const stageDimensions = (api: Dimension, stage: string): Dimension[] => [api, {Name: 'Stage', Value: stage}]

/** A window of whole periods, epoch ms. */
export interface Window {
  start: number
  end: number
  periodSeconds: number
}

/** The most periods one series may have: a day of minutes. */
const MAX_PERIODS = 1440

/** The window (parseWindow) and --period, checked before any AWS call: periods are whole minutes, and there are at most 1440 of them. */
export function parseSpan(window: ReadWindow, period: string): ReadWindow & {periodSeconds: number} {
  const {sinceMs, label} = window
  const periodMs = parseDuration(period, '--period')
  if (!(periodMs >= 60_000 && periodMs % 60_000 === 0)) throw usageError(`--period must be whole minutes (CloudWatch's periods are multiples of 60 s); got "${period}".`, ['Try: --period 1m'])
  if (sinceMs < periodMs) throw usageError(`${label} is shorter than one --period ${period}.`, [`Try: --since ${formatDuration(periodMs * 60)}`])
  const periods = Math.ceil(sinceMs / periodMs)
  if (periods > MAX_PERIODS) {
    const wider = Math.ceil(sinceMs / MAX_PERIODS / 60_000) * 60_000
    throw usageError(`${label} in periods of ${period} is ${periods} periods; at most ${MAX_PERIODS} can be shown.`, [`Try: --period ${formatDuration(wider)}`])
  }
  return {...window, periodSeconds: periodMs / 1000}
}

/**
 * The periods that end at or before `now` (a chart's: the period in progress would show as a dip),
 * or, with `current`, the one in progress too (a total's: it holds the newest requests).
 */
export function periodWindow(now: number, sinceMs: number, periodSeconds: number, options: {current: boolean}): Window {
  const period = periodSeconds * 1000
  const end = (options.current ? Math.ceil(now / period) : Math.floor(now / period)) * period
  return {start: Math.min(end - period, Math.floor((now - sinceMs) / period) * period), end, periodSeconds}
}

/** The start of every period in the window. */
export function timeline(window: Window): number[] {
  const period = window.periodSeconds * 1000
  return Array.from({length: Math.round((window.end - window.start) / period)}, (_, i) => window.start + i * period)
}

export interface SeriesItem {
  formula: Formula
  parts: PartSpec[]
}

export interface FiguresItem {
  kind: ApiType
  parts: PartSpec[]
  /** What the figures' note says when there were no requests. */
  noRequests: string
}

/** One series over the window: a value per period (null: no data), its newest, lowest and highest. */
export interface SeriesResult {
  values: Array<number | null>
  current: number | null
  min: number | null
  max: number | null
  /** Why there are no values: CloudWatch refused a statistic, or it cannot be computed. */
  unavailable: string | null
}

export interface MetricsRead {
  timeline: number[]
  series: SeriesResult[]
  figures: Figures[]
}

/** Builds the queries of every item, runs them, and computes each item from the results. */
export async function readMetrics(cloudwatch: CloudWatchGateway, window: Window, items: {series?: SeriesItem[]; figures?: FiguresItem[]}): Promise<MetricsRead> {
  const queries = new QuerySet(window.periodSeconds)
  for (const item of items.series ?? []) addFormula(queries, item.formula, item.parts)
  for (const item of items.figures ?? []) addFigureQueries(queries, item.kind, item.parts)
  const fetched = queries.queries.length > 0 ? await fetchQueries(cloudwatch, queries.queries, window) : undefined
  const parts = (specs: PartSpec[]): Part[] => specs.map((spec) => ({data: seriesData(queries, fetched!, spec.dimensions), weight: spec.weight}))
  const periods = timeline(window)
  return {
    timeline: periods,
    series: (items.series ?? []).map((item) => {
      const {values, unavailable} = seriesValues(item.formula, parts(item.parts), periods)
      return {values, ...seriesStats(values), unavailable}
    }),
    figures: (items.figures ?? []).map((item) => windowFigures(item.kind, parts(item.parts), item.noRequests)),
  }
}

/** The window as results show it: ISO 8601. */
export const shownWindow = (window: Window) => ({start: new Date(window.start).toISOString(), end: new Date(window.end).toISOString(), periodSeconds: window.periodSeconds})
