import type {AwsSession} from '../aws/index.js'
import {type FoundSeries, type MetricsStage, openMetricsStage, periodWindow, readMetrics, seriesFinder, type SeriesItem, type SeriesResult, shownWindow, type Traffic, trafficNotes, trafficParts, type Unit} from '../metrics/index.js'
import {systemClock, type Clock} from '../util/clock.js'
import {shellQuote} from '../util/text.js'
import {routePanels, stagePanels, type PanelSpec, type Thresholds} from './panels.js'

/** One figure's chart: a series per traffic side shown (the stage's, or base and canary side by side). */
export interface DashboardPanel {
  metric: string
  title: string
  unit: Unit
  /** Values above it are breaches; null: no limit. */
  limit: number | null
  series: Array<{traffic: Traffic} & SeriesResult>
}

/** The stable JSON shape of `dashboard` (docs/json.md). */
export interface Dashboard {
  api: MetricsStage['api']
  stage: string
  window: {start: string; end: string; periodSeconds: number}
  /** The start of each period, oldest first: every series has a value (or null) for each. */
  timestamps: string[]
  canary: MetricsStage['canary']
  /** ["all"], or ["base", "canary"] when the stage has a canary. */
  traffic: Traffic[]
  panels: DashboardPanel[]
  /** With --routes: each method's or route's panels, or why there are none. */
  routes: {detailedMetrics: boolean; note: string | null; routes: Array<{route: string; panels: DashboardPanel[]}>} | null
  /** Series CloudWatch does not have, and why. */
  notes: string[]
}

export interface DashboardOptions {
  api: string
  stage: string
  sinceMs: number
  periodSeconds: number
  routes: boolean
  thresholds: Thresholds
  clock?: Clock
}

export interface DashboardWatch {
  /** Things to say once, on stderr. */
  notices: string[]
  /** Everything on screen, read now: one GetMetricData call (per 500 queries). */
  read(): Promise<Dashboard>
}

/** Finds the stage once; each read is then one GetMetricData call (and ListMetrics while a canary's series is missing). */
export async function openDashboard(session: AwsSession, options: DashboardOptions): Promise<DashboardWatch> {
  const clock = options.clock ?? systemClock
  const {stage, notices} = await openMetricsStage(session, options)
  const findSeries = seriesFinder(session, stage)
  const traffic: Traffic[] = stage.canary ? ['base', 'canary'] : ['all']
  const panels = stagePanels(stage.api.type, stage.cacheEnabled, options.thresholds)
  return {
    notices,
    async read() {
      const found = await findSeries()
      const window = periodWindow(clock.now(), options.sinceMs, options.periodSeconds, {current: false})
      const routes = options.routes && stage.detailedMetrics ? found.routes : []
      const stageItems = panels.flatMap((panel) => traffic.map((side) => ({formula: panel.formula, parts: trafficParts(side, found.dimensions)})))
      const routeSpecs = routePanels(stage.api.type, options.thresholds)
      const routeItems = routes.flatMap((route) => routeSpecs.map((panel): SeriesItem => ({formula: panel.formula, parts: [{dimensions: route.dimensions, weight: 1}]})))
      const read = await readMetrics(await session.cloudwatch(), window, {series: [...stageItems, ...routeItems]})
      const results = read.series.slice()
      const take = (specs: PanelSpec[], sides: Traffic[]) =>
        specs.map((panel): DashboardPanel => ({
          metric: panel.measure.name,
          title: panel.measure.title,
          unit: panel.measure.unit,
          limit: panel.limit,
          series: sides.map((side) => ({traffic: side, ...results.shift()!})),
        }))
      return {
        api: stage.api,
        stage: stage.stage,
        window: shownWindow(window),
        timestamps: read.timeline.map((at) => new Date(at).toISOString()),
        canary: stage.canary,
        traffic,
        panels: take(panels, traffic),
        routes: options.routes ? {detailedMetrics: stage.detailedMetrics, note: routesNote(stage, found), routes: routes.map((route) => ({route: route.route, panels: take(routeSpecs, ['all'])}))} : null,
        notes: trafficNotes(found, traffic),
      }
    },
  }
}

/** Why there are no per-route panels, and how to have them. */
function routesNote(stage: MetricsStage, found: FoundSeries): string | null {
  const what = stage.api.type === 'rest' ? 'per-method' : 'per-route'
  if (!stage.detailedMetrics) {
    return `Detailed metrics are off for stage "${stage.stage}", so CloudWatch has no ${what} series. Try: apigw stages set --api ${shellQuote(stage.api.id)} --stage ${shellQuote(stage.stage)} --metrics on`
  }
  if (found.routes.length === 0) return `Detailed metrics are on, but CloudWatch has no ${what} series for stage "${stage.stage}" yet: they appear a minute or two after the first requests.`
  return null
}
