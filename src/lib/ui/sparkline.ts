/** Sparklines for small charts: one character a value, missing values left blank (never drawn as zero). */

const BARS = '▁▂▃▄▅▆▇█'
/** The newest values as bars, scaled to the largest of them and `floor` (the 5XX limit, so a quiet line stays low). */
export function sparkline(values: Array<number | null>, floor: number, width = 40): string {
  const shown = values.slice(-width)
  const top = Math.max(floor, ...shown.map((value) => value ?? 0))
  return shown.map((value) => (value === null ? ' ' : BARS[top === 0 ? 0 : Math.min(BARS.length - 1, Math.floor((value / top) * (BARS.length - 1)))])).join('')
}
