import type {CacheChanged, CacheFigures, CacheMinute, CacheStatus, FlushResult, MethodCacheStatus, Verification} from '../../lib/cache/index.js'
import {millis, percent} from '../../lib/metrics/index.js'
import {windowText} from './metric-format.js'
import type {Palette} from './palette.js'
import {sparkline} from './sparkline.js'
import {cacheText, stageSettingsChangedView} from './stages-view.js'
import {renderKeyValues, renderTable, type Cell} from './table.js'

const orNone = <T>(value: T | null, show: (value: T) => string): Cell => (value === null ? null : show(value))
const onOff = (value: boolean | null | undefined) => (value === undefined || value === null ? null : value ? 'on' : 'off')
const clock = (iso: string) => iso.slice(11, 16)

/** The settings that changed, then the cluster as it is now. */
export function cacheChangedView(data: CacheChanged, colors: Palette): string {
  return [stageSettingsChangedView(data, colors), '', renderKeyValues([['cache cluster', cacheText(data.cluster) === 'off' ? `off (${data.cluster.status})` : cacheText(data.cluster)]], colors)].join('\n')
}

/** The short names `cache method set --unauthorized` takes. */
const UNAUTHORIZED_NAMES: Record<string, string> = {FAIL_WITH_403: 'fail', SUCCEED_WITH_RESPONSE_HEADER: 'header', SUCCEED_WITHOUT_RESPONSE_HEADER: 'ignore'}

function methodRow(method: MethodCacheStatus): Cell[] {
  const caching = method.caching
  return [
    method.method,
    method.cached ? 'yes' : 'no',
    onOff(caching?.enabled),
    orNone(caching?.ttlInSeconds ?? null, (ttl) => `${ttl} s`),
    onOff(caching?.dataEncrypted),
    onOff(caching?.requireAuthorizationForCacheControl),
    orNone(caching?.unauthorizedCacheControlHeaderStrategy ?? null, (strategy) => UNAUTHORIZED_NAMES[strategy] ?? strategy),
    method.cacheKeyParameters?.join(', '),
    method.source === 'inherited' ? 'inherited (*/*)' : method.source,
  ]
}

/** A window's hit ratio and integration latency, for key/value blocks. */
function figuresPairs(metrics: CacheFigures, colors: Palette): Array<[string, Cell]> {
  const counts = metrics.hits === null || metrics.misses === null ? '' : ` (${metrics.hits} hits, ${metrics.misses} misses)`
  return [
    ['hit ratio', metrics.hitRatio === null ? null : `${percent(metrics.hitRatio)}${counts}`],
    ['integration', orNone(metrics.integrationLatencyMs, (ms) => `${millis(ms)} average`)],
    ['per minute', metrics.hitRatio === null ? null : `${sparkline(metrics.minutes.map((minute) => minute.hitRatio), 1, 60)} ${colors.dim('hit ratio, a bar a minute')}`],
  ]
}

export function cacheStatusView(data: CacheStatus, colors: Palette): string {
  const pairs: Array<[string, Cell]> = [
    ['api', `${data.api.name} (${data.api.id})`],
    ['stage', data.stage],
    ['cluster', data.cluster.enabled ? cacheText(data.cluster) : `off (${data.cluster.status})`],
  ]
  const lines = [
    renderKeyValues(pairs, colors),
    '',
    colors.bold(`Metrics ${windowText(data.metrics.window)}`),
    renderKeyValues(figuresPairs(data.metrics, colors), colors),
    ...(data.metrics.note ? [colors.dim(data.metrics.note)] : []),
    '',
    colors.bold('Methods'),
    renderTable(['METHOD', 'CACHED', 'CACHING', 'TTL', 'ENCRYPTED', 'REQUIRE AUTH', 'UNAUTHORIZED', 'KEY PARAMETERS', 'SETTINGS'], data.methods.map(methodRow), colors),
  ]
  return lines.join('\n')
}

export function flushView(data: FlushResult, colors: Palette): string {
  const table = renderTable(
    ['STAGE', 'RESULT', 'OPERATIONS', 'NOTE'],
    data.stages.map((stage) => [stage.stage, stage.status, stage.operations.join(', '), stage.error?.message ?? stage.reason]),
    colors,
  )
  return data.verification ? [table, '', recoveryChart(data.verification, colors)].join('\n') : table
}

/** One series of minutes as bars, the flush marked with │ between the minutes before it and the rest. */
function bars(minutes: CacheMinute[], flushMinute: string, pick: (minute: CacheMinute) => number | null, floor: number): string {
  const values = minutes.map(pick)
  const top = Math.max(floor, ...values.map((value) => value ?? 0))
  const split = minutes.findIndex((minute) => minute.minute >= flushMinute)
  const at = split < 0 ? minutes.length : split
  return `${sparkline(values.slice(0, at), top)}│${sparkline(values.slice(at), top)}`
}

/** For figures since the flush before its first whole minute: CloudWatch counts by the minute, and the flush's own minute mixes in requests from before it. */
const notYet = (verification: Verification) => (verification.latest === null ? `n/a yet (counts from ${clock(verification.sinceStart)})` : '-')

/** The chart of --verify: hit ratio and integration latency a minute a bar, before and since the flush. */
export function recoveryChart(verification: Verification, colors: Palette): string {
  const {before, since, latest, metrics} = verification
  const flushMinute = `${verification.flushedAt.slice(0, 16)}:00.000Z`
  const figure = (value: number | null, show: (value: number) => string) => (value === null ? '-' : show(value))
  const recovered =
    verification.recovered === null ? notYet(verification) : verification.recovered ? colors.green('yes') : colors.yellow(`not yet (under 90% of the ${figure(before.hitRatio, percent)} before)`)
  return [
    colors.bold(`After the flush at ${verification.flushedAt.slice(11, 19)} UTC`) + colors.dim(`  ${windowText(metrics.window)}, a bar a minute, │ marks the flush`),
    renderTable(
      ['', 'CHART', 'BEFORE', 'SINCE', 'LATEST'],
      [
        ['hit ratio', bars(metrics.minutes, flushMinute, (minute) => minute.hitRatio, 1), figure(before.hitRatio, percent), since.hitRatio === null ? notYet(verification) : percent(since.hitRatio), latest ? `${figure(latest.hitRatio, percent)} (${clock(latest.minute)})` : '-'],
        ['integration', bars(metrics.minutes, flushMinute, (minute) => minute.integrationLatencyMs, 0), figure(before.integrationLatencyMs, millis), figure(since.integrationLatencyMs, millis), figure(latest?.integrationLatencyMs ?? null, millis)],
      ],
      colors,
    ),
    `recovered  ${recovered}`,
    ...(metrics.note ? [colors.dim(metrics.note)] : []),
  ].join('\n')
}

/** One line per look of --verify, where no chart can be redrawn. */
export function recoveryLine(verification: Verification): string {
  const {before, since, latest} = verification
  const ratio = (value: number | null) => (value === null ? '-' : percent(value))
  const latency = (value: number | null) => (value === null ? '-' : millis(value))
  return (
    `${verification.checkedAt.slice(11, 19)} UTC  hit ratio since the flush ${since.hitRatio === null ? notYet(verification) : percent(since.hitRatio)} (before ${ratio(before.hitRatio)}; latest minute ${ratio(latest?.hitRatio ?? null)}), ` +
    `integration latency ${latency(since.integrationLatencyMs)} (before ${latency(before.integrationLatencyMs)})`
  )
}
