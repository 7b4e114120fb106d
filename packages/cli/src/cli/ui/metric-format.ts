import {formatDuration} from '../../lib/util/duration.js'
import type {Unit} from '../../lib/metrics/index.js'

/** A number in at most four characters or so: 7, 0.25, 980, 1.2k, 15k, 3.4M. */
export function compactNumber(value: number): string {
  const abs = Math.abs(value)
  for (const [size, suffix] of [[1e9, 'G'], [1e6, 'M'], [1e3, 'k']] as const) {
    if (abs >= size) return `${shortDecimal(value / size)}${suffix}`
  }
  return Number.isInteger(value) || abs >= 100 ? String(Math.round(value)) : String(Number(value.toPrecision(2)))
}

/** One decimal below 100, none above: 1.2, 15.5, 150. */
const shortDecimal = (value: number) => (Math.abs(value) >= 100 ? String(Math.round(value)) : String(Number(value.toFixed(1))))

/** "0.52%", "12.3%", "100%": two decimals below 10%, one below 100%. */
export function percentText(share: number): string {
  const percent = share * 100
  return `${Number(percent.toFixed(percent < 10 ? 2 : percent < 100 ? 1 : 0))}%`
}

/** "4.5 ms", "350 ms", "12.3 s". */
export function latencyText(ms: number): string {
  if (ms >= 10_000) return `${Number((ms / 1000).toFixed(1))} s`
  return `${ms < 10 ? Number(ms.toFixed(1)) : Math.round(ms)} ms`
}

function bytesText(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB']
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${shortDecimal(value)} ${units[unit]}`
}

/** "min" for a 60-second period, else the period: "5m". */
export const periodText = (periodSeconds: number) => (periodSeconds === 60 ? 'min' : formatDuration(periodSeconds * 1000))

/** How a figure's values read, with their unit: "1.2k req/min", "0.52%", "350 ms", "1.5 MB/min". */
export function valueFormat(unit: Unit, periodSeconds: number, noun = ''): (value: number) => string {
  const per = `${noun ? `${noun}/` : '/'}${periodText(periodSeconds)}`
  switch (unit) {
    case 'ratio':
      return percentText
    case 'ms':
      return latencyText
    case 'bytes':
      return (value) => `${bytesText(value)}/${periodText(periodSeconds)}`
    case 'count':
      return (value) => `${compactNumber(value)}${noun ? ' ' : ''}${per}`
  }
}

/**
 * A window's span in UTC: "14:05–14:20 UTC" within one day, with the dates when it spans more
 * ("2026-08-29 16:03 – 2026-12-07 16:04 UTC"), so that a long window never reads as a few minutes.
 */
export function windowText(window: {start: string; end: string}): string {
  const [startDay, endDay] = [window.start.slice(0, 10), window.end.slice(0, 10)]
  const [from, to] = [window.start.slice(11, 16), window.end.slice(11, 16)]
  return startDay === endDay ? `${from}–${to} UTC` : `${startDay} ${from} – ${endDay} ${to} UTC`
}
