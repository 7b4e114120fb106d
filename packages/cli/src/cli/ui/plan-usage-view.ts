import type {KeyUsage, UsagePlanUsage} from '../../lib/usage-plans/index.js'
import type {Palette} from './palette.js'
import {sparkline} from './sparkline.js'
import {quotaText} from './plans-view.js'
import {renderKeyValues, renderTable, type Cell} from './table.js'

/** Wider charts wrap on an 80-column terminal next to the other columns. */
const CHART_WIDTH = 31

const keyName = (key: KeyUsage) => key.name ?? key.id

/** The last day GetUsage gave figures for. */
const lastDay = (key: KeyUsage) => [...key.days].reverse().find((day) => day.used !== null)

/**
 * `plans usage`: the plan and its quota, one line per key (total, last day, what is left of the
 * quota, a sparkline of the days), then the days themselves; missing days show as "-", not 0.
 */
export function planUsageView(data: UsagePlanUsage, colors: Palette): string {
  const head = renderKeyValues(
    [
      ['usage plan', `${data.usagePlanName} (${data.usagePlanId})`],
      ['days', `${data.startDate} to ${data.endDate} (UTC)`],
      ['quota', quotaText(data.quota) ?? 'none'],
    ],
    colors,
  )
  if (data.keys.length === 0) return `${head}\n\nNo keys in this plan: no usage to show.`
  const summary = renderTable(
    ['KEY', 'NAME', 'USED', 'LAST DAY', 'REMAINING', `DAILY (${Math.min(CHART_WIDTH, data.keys[0].days.length)} days)`],
    data.keys.map((key) => {
      const known = key.days.filter((day) => day.used !== null)
      const last = lastDay(key)
      return [
        key.id,
        key.name,
        known.length === 0 ? null : known.reduce((sum, day) => sum + (day.used ?? 0), 0),
        last ? `${last.used} on ${last.date}` : null,
        remainingText(last?.remaining ?? null, data),
        sparkline(key.days.map((day) => day.used), 0, CHART_WIDTH),
      ]
    }),
    colors,
  )
  const withQuota = data.quota !== null
  const days = renderTable(
    ['DATE', ...data.keys.map(keyName)],
    data.keys[0].days.map((day, index) => [day.date, ...data.keys.map((key) => dayCell(key.days[index], withQuota))]),
    colors,
  )
  const caption = colors.dim(withQuota ? 'used/remaining per day; - where AWS gave no figures' : 'used per day; - where AWS gave no figures')
  return [head, summary, `${days}\n${caption}`].join('\n\n')
}

function remainingText(remaining: number | null, data: UsagePlanUsage): Cell {
  if (data.quota === null) return 'no quota'
  return remaining === null ? null : `${remaining} of ${quotaText(data.quota)}`
}

function dayCell(day: KeyUsage['days'][number], withQuota: boolean): Cell {
  if (day.used === null) return null
  return withQuota ? `${day.used}/${day.remaining ?? '-'}` : day.used
}
