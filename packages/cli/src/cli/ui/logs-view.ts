import {fieldOf, type LogLine, type LogsSummary, type SideFigures} from '../../lib/logs/index.js'
import {escapeControls, escapeDeep, toSafeJson} from '../../lib/util/escape.js'
import type {OutputFormat} from '../../lib/util/output-formats.js'
import {toCsv} from './csv.js'
import {latencyText, percentText} from './metric-format.js'
import {palette, type Palette} from './palette.js'
import {renderTable} from './table.js'
import {toYaml} from './yaml-text.js'

/**
 * Log lines are printed as they are read, a batch at a time, never gathered into one document:
 * JSON lines for json, a YAML document per line, CSV with one header, and for table and text a
 * line each with the time, side, status and route in columns. Text from the logs is escaped.
 */
export function logLinesWriter(format: OutputFormat, color: boolean): (batch: LogLine[]) => string {
  const colors = palette(color)
  let headed = false
  switch (format) {
    case 'json':
      return (batch) => batch.map((line) => `${toSafeJson(line, 0)}\n`).join('')
    case 'yaml':
      return (batch) => batch.map((line) => `---\n${toYaml(line)}\n`).join('')
    case 'csv':
      return (batch) => {
        const rows = toCsv(batch.map(csvRecord)).split('\n')
        const text = (headed ? rows.slice(1) : rows).join('\n')
        headed = true
        return `${text}\n`
      }
    case 'text':
      return (batch) => batch.map((line) => `${[line.time, line.side, line.kind, line.status ?? '-', line.route ?? '-', line.requestId ?? '-', line.message].map((cell) => escapeControls(String(cell))).join('\t')}\n`).join('')
    case 'table':
      return (batch) => batch.map((line) => `${tableLine(escapeDeep(line), colors)}\n`).join('')
  }
}

/**
 * One line: time, side, kind; then for an access line in the stage's format its status, route,
 * request id, caller and latency, and for any other line the message as written.
 */
function tableLine(line: LogLine, colors: Palette): string {
  const side = line.side === 'canary' ? colors.magenta('canary') : 'base  '
  const kind = line.kind === 'access' ? 'access' : 'exec  '
  return `${colors.dim(line.time)} ${side} ${kind} ${line.fields ? accessSummary(line, line.fields, colors) : line.message}`
}

function accessSummary(line: LogLine, fields: NonNullable<LogLine['fields']>, colors: Palette): string {
  const status = line.status === null ? '-' : line.status >= 500 ? colors.red(String(line.status)) : line.status >= 400 ? colors.yellow(String(line.status)) : String(line.status)
  const latency = fieldOf(fields, 'integrationLatency') ?? fieldOf(fields, 'latency')
  const rest = [line.requestId, fieldOf(fields, 'apiKeyId') ?? fieldOf(fields, 'ip'), latency && `${latency} ms`, fieldOf(fields, 'error')].filter(Boolean)
  return `${status} ${line.route ?? '-'}  ${rest.join(' ')}`
}

const csvRecord = (line: LogLine) => ({time: line.time, kind: line.kind, side: line.side, status: line.status, route: line.route, requestId: line.requestId, group: line.group, eventId: line.eventId, message: line.message})

/** `logs summary`: a heading and a table for each figure, canary versus base first. */
export function logsSummaryView(summary: LogsSummary, colors: Palette): string {
  const rate = (share: number | null) => (share === null ? '-' : percentText(share))
  const side = (name: string, figures: SideFigures) => [name, figures.requests, figures['4xx'], rate(figures['4xxRate']), figures['5xx'], rate(figures['5xxRate'])]
  const sections = [
    `${colors.bold(`${summary.api.name} (${summary.api.id}) stage ${summary.stage}`)}: access logs ${summary.window.start.slice(0, 16)}Z to ${summary.window.end.slice(0, 16)}Z, ${summary.groups.join(', ') || 'no group'}`,
    section('Canary versus base', renderTable(['', 'REQUESTS', '4XX', '4XX RATE', '5XX', '5XX RATE'], [side('base', summary.sides.base), ...(summary.sides.canary ? [side('canary', summary.sides.canary)] : [])], colors), colors),
    section('5XX and 4XX by route and status', summary.errors.length === 0 ? 'none' : renderTable(['ROUTE', 'STATUS', 'REQUESTS'], summary.errors.map((row) => [row.route, row.status, row.requests]), colors), colors),
  ]
  if (summary.slowest) sections.push(section('Slowest routes (p99 integration latency)', renderTable(['ROUTE', 'P99', 'REQUESTS'], summary.slowest.map((row) => [row.route, row.p99 === null ? '-' : latencyText(row.p99), row.requests]), colors), colors))
  if (summary.callers) sections.push(section('Top callers', renderTable(['CALLER', 'REQUESTS', '4XX', '5XX'], summary.callers.map((row) => [row.caller, row.requests, row['4xx'], row['5xx']]), colors), colors))
  return sections.join('\n\n')
}

const section = (title: string, body: string, colors: Palette) => `${colors.bold(title)}\n${body}`
