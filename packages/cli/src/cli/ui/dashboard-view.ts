import {API_TYPE_LABELS} from '../../lib/catalog/index.js'
import type {Dashboard, DashboardPanel} from '../../lib/dashboard/index.js'
import {findMeasure, type Unit} from '../../lib/metrics/index.js'
import {formatDuration} from '../../lib/util/duration.js'
import {escapeDeep} from '../../lib/util/escape.js'
import {wrapText} from '../../lib/util/text.js'
import {barChart, compactChart, scaleTop, type Combine} from './chart.js'
import {compactNumber, latencyText, percentText, periodText, valueFormat, windowText} from './metric-format.js'
import type {Palette} from './palette.js'
import {cutVisible} from './redraw.js'

/**
 * The dashboard on a screen of `width` columns and, on a terminal, `height` rows: panels in as many
 * columns of at least 76 characters as fit, each a bar chart as tall as the height allows; when
 * even two rows of bars do not fit, one line a panel (a sparkline and its figures). With a canary,
 * base and canary are side by side on one scale. Without a height (not a terminal), charts are
 * three rows high and the dashboard as long as it needs.
 */
export interface Screen {
  width: number
  height?: number
}

const PANEL_MIN_WIDTH = 76
const GAP = 2
const MAX_CHART_ROWS = 8
const STATIC_CHART_ROWS = 3

/** Lines a full panel takes beyond its bars: title, the sides' figures (with a canary), the time axis, a blank line. */
const panelExtraLines = (sides: number) => 3 + (sides > 1 ? 1 : 0)

export function dashboardView(fromAws: Dashboard, colors: Palette, screen: Screen): string {
  // --watch draws it without the renderer, which escapes everything else: names from AWS escaped here too.
  const data = escapeDeep(fromAws)
  const header = headerLines(data, colors)
  const notes = noteLines(data).flatMap((note) => wrapText(note, screen.width).map((line) => colors.dim(line)))
  const routes = routeLines(data, colors, screen.width)
  const columns = Math.max(1, Math.floor((screen.width + GAP) / (PANEL_MIN_WIDTH + GAP)))
  const panelWidth = Math.floor((screen.width - GAP * (columns - 1)) / columns)
  const panelRows = Math.ceil(data.panels.length / columns)
  const room = screen.height === undefined ? undefined : screen.height - header.length - 1 - routes.length - notes.length - 1
  const chartRows = room === undefined ? STATIC_CHART_ROWS : Math.min(MAX_CHART_ROWS, Math.floor(room / panelRows) - panelExtraLines(data.traffic.length))
  const body = chartRows >= 2 ? panelGrid(data, colors, columns, panelWidth, chartRows) : compactRows([{heading: null, panels: data.panels}], data, colors, screen.width)
  const lines = [...header, '', ...body, ...routes, ...notes].map((line) => cutVisible(line, screen.width))
  return fitHeight(lines, screen.height).join('\n')
}

/** What is shown, over when, and the canary when there is one. */
function headerLines(data: Dashboard, colors: Palette): string[] {
  const period = formatDuration(data.window.periodSeconds * 1000)
  const lines = [`${colors.bold(`${data.api.name} (${data.api.id})`)} ${API_TYPE_LABELS[data.api.type]} · stage ${colors.bold(data.stage)} · ${windowText(data.window)} · ${period} periods`]
  if (data.canary) lines.push(`canary ${data.canary.percentTraffic}% (deployment ${data.canary.deploymentId ?? '-'}) · base = the stage less the canary`)
  return lines
}

/** Missing series and unavailable figures, said once under the panels. */
function noteLines(data: Dashboard): string[] {
  const unavailable = [...data.panels, ...(data.routes?.routes.flatMap((route) => route.panels) ?? [])].flatMap((panel) =>
    panel.series.filter((side) => side.unavailable).map((side) => `${panel.metric}${side.traffic === 'all' ? '' : ` (${side.traffic})`}: unavailable: ${side.unavailable}`),
  )
  return [...data.notes, ...(data.routes?.note ? [data.routes.note] : []), ...new Set(unavailable)]
}

/** Cuts what does not fit on the screen, saying so on the last line. */
function fitHeight(lines: string[], height: number | undefined): string[] {
  if (height === undefined || lines.length <= height - 1) return lines
  const kept = lines.slice(0, Math.max(0, height - 2))
  return [...kept, `… ${lines.length - kept.length} more lines: a taller terminal shows them`]
}

/** How a figure's unit reads in its title: "req/min", "%", "ms". */
function unitLabel(panel: DashboardPanel, periodSeconds: number): string {
  const noun = findMeasure(panel.metric)?.noun
  if (panel.unit === 'count') return `${noun ? `${noun}/` : '/'}${periodText(periodSeconds)}`
  return {ratio: '%', ms: 'ms', bytes: `bytes/${periodText(periodSeconds)}`}[panel.unit]
}

/** A figure without the per-period unit that the title carries: "1.2k", "0.52%", "350 ms". */
function statText(unit: Unit, periodSeconds: number): (value: number) => string {
  if (unit === 'count') return compactNumber
  if (unit === 'ratio') return percentText
  return unit === 'ms' ? latencyText : valueFormat(unit, periodSeconds)
}

/** How periods squeezed into a column combine: the worst of them, or their mean for traffic. */
function combineOf(panel: DashboardPanel): Combine {
  const worse = findMeasure(panel.metric)?.worse
  return worse === 'higher' ? 'highest' : worse === 'lower' ? 'lowest' : 'mean'
}

/** The smallest scale top when every value is 0 or missing. */
const FALLBACK_TOP: Record<Unit, number> = {count: 10, ratio: 0.01, ms: 10, bytes: 1024}

function panelTop(panel: DashboardPanel): number {
  return scaleTop(panel.series.map((side) => side.values), panel.limit, FALLBACK_TOP[panel.unit])
}

/**
 * "now 1.2k  min 980  max 1.5k", or "now 1.2k (980–1.5k)" where that does not fit in `room`; the
 * newest in red when it breaches the limit; "no data" without any value.
 */
function figuresText(panel: DashboardPanel, side: DashboardPanel['series'][number], periodSeconds: number, colors: Palette, room: number): string {
  if (side.unavailable) return colors.yellow('unavailable')
  if (side.current === null) return 'no data'
  const stat = statText(panel.unit, periodSeconds)
  const now = `now ${panel.limit !== null && side.current > panel.limit ? colors.red(stat(side.current)) : stat(side.current)}`
  const long = `${now}  min ${stat(side.min!)}  max ${stat(side.max!)}`
  return visibleLength(long) <= room ? long : `${now} (${rangeText(stat(side.min!), stat(side.max!))})`
}

/** Panels in `columns` columns, each with charts `chartRows` high. */
function panelGrid(data: Dashboard, colors: Palette, columns: number, width: number, chartRows: number): string[] {
  const panels = data.panels.map((panel) => fullPanel(panel, data, colors, width, chartRows))
  const lines: string[] = []
  for (let from = 0; from < panels.length; from += columns) {
    const row = panels.slice(from, from + columns)
    const height = Math.max(...row.map((panel) => panel.length))
    for (let i = 0; i < height; i++) lines.push(row.map((panel) => padVisible(panel[i] ?? '', width)).join(' '.repeat(GAP)).trimEnd())
    lines.push('')
  }
  return lines
}

function fullPanel(panel: DashboardPanel, data: Dashboard, colors: Palette, width: number, chartRows: number): string[] {
  const {periodSeconds} = data.window
  const top = panelTop(panel)
  const title = `${colors.bold(panel.title)} ${colors.dim(`(${unitLabel(panel, periodSeconds)})`)}${panel.limit === null ? '' : colors.dim(`  limit ${statText(panel.unit, periodSeconds)(panel.limit)}`)}`
  const sides = panel.series.length
  const sideWidth = Math.floor((width - GAP * (sides - 1)) / sides)
  const times = {start: data.timestamps[0]?.slice(11, 16) ?? '', middle: data.timestamps[Math.floor(data.timestamps.length / 2)]?.slice(11, 16), end: data.window.end.slice(11, 16)}
  const charts = panel.series.map((side) => {
    if (side.unavailable) return [colors.yellow('unavailable (see below)'), ...Array<string>(chartRows).fill('')]
    return barChart(side.values, {width: sideWidth, height: chartRows, top, format: valueFormat(panel.unit, periodSeconds, findMeasure(panel.metric)?.noun), limit: panel.limit, combine: combineOf(panel), colors, times})
  })
  const joined = charts[0].map((_, i) => charts.map((chart) => padVisible(chart[i] ?? '', sideWidth)).join(' '.repeat(GAP)).trimEnd())
  if (sides === 1) return [cutVisible(`${title}  ${figuresText(panel, panel.series[0], periodSeconds, colors, width - visibleLength(title) - 2)}`, width), ...joined]
  const figures = panel.series.map((side) => {
    const label = `${colors.bold(side.traffic)}  `
    return padVisible(cutVisible(`${label}${figuresText(panel, side, periodSeconds, colors, sideWidth - visibleLength(label))}`, sideWidth), sideWidth)
  })
  return [cutVisible(title, width), figures.join(' '.repeat(GAP)).trimEnd(), ...joined]
}

/** "0.2–1.8%", "36–76 ms", "900–1.5k": a unit both ends share is written once. */
export function rangeText(low: string, high: string): string {
  const unit = /[^\d.]*$/.exec(high)![0]
  return unit && low.endsWith(unit) && unit !== high ? `${low.slice(0, -unit.length)}–${high}` : `${low}–${high}`
}

/** Panels shown one line each, in groups under a heading (a route's), or none. */
interface PanelGroup {
  heading: string | null
  panels: DashboardPanel[]
}

/** One line a panel, as a table: name, then per side a sparkline, the newest value and the range; columns aligned across groups. */
function compactRows(groups: PanelGroup[], data: Dashboard, colors: Palette, width: number): string[] {
  const {periodSeconds} = data.window
  const panels = groups.flatMap((group) => group.panels)
  const indent = groups.some((group) => group.heading) ? '    ' : ''
  const sides = panels[0]?.series.map((side) => side.traffic) ?? []
  const cells = new Map(
    panels.map((panel) => {
      const stat = statText(panel.unit, periodSeconds)
      return [panel, panel.series.map((side) => (side.unavailable ? ['n/a', ''] : side.current === null ? ['-', ''] : [stat(side.current), rangeText(stat(side.min!), stat(side.max!))]))]
    }),
  )
  const all = [...cells.values()].flat()
  const nowWidth = Math.max(3, ...all.map(([now]) => now.length))
  const rangeWidth = Math.max(7, ...all.map(([, range]) => range.length))
  const nameWidth = indent.length + Math.max(...panels.map((panel) => panel.metric.length))
  const sparkWidth = Math.max(4, Math.floor((width - nameWidth) / Math.max(1, sides.length)) - GAP - nowWidth - rangeWidth - 2)
  const sideHead = (side: string) => `${(sides.length > 1 ? side : '').padEnd(sparkWidth)} ${'now'.padStart(nowWidth)} ${'min–max'.padEnd(rangeWidth)}`
  const head = colors.dim(`${''.padEnd(nameWidth)}${sides.map((side) => `${' '.repeat(GAP)}${sideHead(side)}`).join('')}`.trimEnd())
  const row = (panel: DashboardPanel) => {
    const top = panelTop(panel)
    const parts = panel.series.map((side, s) => {
      const [now, range] = cells.get(panel)![s]
      const breach = panel.limit !== null && side.current !== null && side.current > panel.limit
      const shownNow = breach ? colors.red(now.padStart(nowWidth)) : now.padStart(nowWidth)
      return `${compactChart(side.values, {width: sparkWidth, top, limit: panel.limit, combine: combineOf(panel), colors})} ${shownNow} ${range.padEnd(rangeWidth)}`
    })
    return `${indent}${panel.metric.padEnd(nameWidth - indent.length)}${parts.map((part) => `${' '.repeat(GAP)}${part}`).join('')}`.trimEnd()
  }
  return [head, ...groups.flatMap((group) => [...(group.heading ? [`  ${colors.bold(group.heading)}`] : []), ...group.panels.map(row)]), '']
}

/** With --routes: each method's or route's panels as compact rows under its name. */
function routeLines(data: Dashboard, colors: Palette, width: number): string[] {
  if (!data.routes || data.routes.routes.length === 0) return []
  return [colors.bold(data.api.type === 'rest' ? 'Methods' : 'Routes'), ...compactRows(data.routes.routes.map((route) => ({heading: route.route, panels: route.panels})), data, colors, width)]
}

const visibleLength = (line: string) => line.replace(/\x1b\[[0-9;]*m/g, '').length

/** Pads a line that may hold colour codes to `width` visible characters. */
function padVisible(line: string, width: number): string {
  const visible = visibleLength(line)
  return visible >= width ? line : line + ' '.repeat(width - visible)
}
