import type {Palette} from './palette.js'
import {BARS, sparkline} from './sparkline.js'

/**
 * Bar charts for the terminal, with eighth-block precision: a column per period (or the worst of
 * several periods when there are more periods than columns), the scale from 0 to a round top
 * labelled with its unit, and a time axis. A gap is missing data; zero is a flat ▁.
 */

/** How the periods squeezed into one column combine: the worst of them (the highest or the lowest), or their mean for traffic. */
export type Combine = 'highest' | 'lowest' | 'mean'

/**
 * Values fitted to `columns`: with more periods than columns, each column combines the periods it
 * covers (spread evenly, so every column is used); with fewer, each period is as many columns wide
 * as fit. A column with no value at all is a gap (null).
 */
export function fitColumns(values: Array<number | null>, columns: number, combine: Combine): Array<number | null> {
  if (values.length === 0 || columns <= 0) return []
  if (values.length <= columns) {
    const repeat = Math.floor(columns / values.length)
    return values.flatMap((value) => Array<number | null>(repeat).fill(value))
  }
  return Array.from({length: columns}, (_, column) => {
    const covered = values.slice(Math.floor((column * values.length) / columns), Math.floor(((column + 1) * values.length) / columns))
    const present = covered.filter((value): value is number => value !== null)
    if (present.length === 0) return null
    if (combine === 'mean') return present.reduce((sum, value) => sum + value, 0) / present.length
    return combine === 'highest' ? Math.max(...present) : Math.min(...present)
  })
}

/** Round tops for a scale, times a power of ten. */
const STEPS = [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]

/** The smallest round number (1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten) at least `value`; 0 for nothing above 0. */
export function niceCeiling(value: number): number {
  if (!(value > 0)) return 0
  const magnitude = 10 ** Math.floor(Math.log10(value))
  const step = STEPS.find((s) => s * magnitude >= value * (1 - 1e-9))!
  return Number((step * magnitude).toPrecision(12))
}

/** One scale for charts shown side by side (base and canary): up to the highest value or the limit, rounded up. */
export function scaleTop(series: Array<Array<number | null>>, limit: number | null, fallback: number): number {
  const highest = Math.max(limit ?? 0, ...series.flat().map((value) => value ?? 0))
  return niceCeiling(highest) || fallback
}

export interface ChartOptions {
  /** Visible columns, axis labels included; every line is padded to it. */
  width: number
  /** Rows of bars. */
  height: number
  top: number
  format: (value: number) => string
  /** Values above it are drawn red. */
  limit: number | null
  combine: Combine
  colors: Palette
  /** Times under the first and last column, and the middle one when there is room. */
  times: {start: string; middle?: string; end: string}
}

/** A bar chart: `height` rows of bars, then a row of times. */
export function barChart(values: Array<number | null>, options: ChartOptions): string[] {
  const {height, top, colors} = options
  const labels = [options.format(top), options.format(0)]
  const labelWidth = Math.max(...labels.map((label) => label.length))
  const plot = Math.max(1, options.width - labelWidth - 1)
  const cells = fitColumns(values, plot, options.combine)
  const breach = (value: number) => options.limit !== null && value > options.limit
  const rows: string[] = []
  for (let row = height - 1; row >= 0; row--) {
    const label = row === height - 1 ? labels[0] : row === 0 ? labels[1] : ''
    const bars = cells.map((value) => {
      if (value === null) return ' '
      const eighths = Math.max(row === 0 ? 1 : 0, Math.min(8, Math.round((value / top) * height * 8) - row * 8))
      if (eighths <= 0) return ' '
      return breach(value) ? colors.red(BARS[eighths - 1]) : BARS[eighths - 1]
    })
    rows.push(`${label.padStart(labelWidth)}${row === height - 1 || row === 0 ? '┤' : '│'}${bars.join('')}${' '.repeat(plot - cells.length)}`)
  }
  rows.push(`${' '.repeat(labelWidth + 1)}${timeAxis(options.times, cells.length)}${' '.repeat(plot - cells.length)}`)
  return rows
}

/** The times spread over `width` columns: start at the left, end at the right, middle between when it fits. */
export function timeAxis(times: ChartOptions['times'], width: number): string {
  const axis = Array<string>(width).fill(' ')
  const put = (text: string, at: number) => [...text].forEach((char, i) => (at + i >= 0 && at + i < width ? (axis[at + i] = char) : undefined))
  if (width >= times.start.length + times.end.length + 1) put(times.end, width - times.end.length)
  if (width >= times.start.length) put(times.start, 0)
  if (times.middle && width >= times.start.length + times.middle.length + times.end.length + 4) put(times.middle, Math.floor((width - times.middle.length) / 2))
  return axis.join('')
}

/** A one-row chart on the same scale: a character a column of periods (or, with few periods, several characters a period). */
export function compactChart(values: Array<number | null>, options: {width: number; top: number; limit: number | null; combine: Combine; colors: Palette}): string {
  const {width, top, limit, colors} = options
  const cells = fitColumns(values, width, options.combine)
  const drawn = sparkline(cells, top, cells.length, (bar, value) => (limit !== null && value > limit ? colors.red(bar) : bar))
  return drawn + ' '.repeat(Math.max(0, width - cells.length))
}
