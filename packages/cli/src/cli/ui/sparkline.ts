/** Sparklines for small charts: one character a value, missing values left blank (never drawn as zero). */

export const BARS = '▁▂▃▄▅▆▇█'
/**
 * The newest values as bars, scaled to the largest of them and `floor` (the 5XX limit, so a quiet
 * line stays low). `paint` may colour a bar by its value (red above a limit).
 */
export function sparkline(values: Array<number | null>, floor: number, width = 40, paint?: (bar: string, value: number) => string): string {
  const shown = values.slice(-width)
  const top = Math.max(floor, ...shown.map((value) => value ?? 0))
  return shown
    .map((value) => {
      if (value === null) return ' '
      const bar = BARS[top === 0 ? 0 : Math.min(BARS.length - 1, Math.floor((value / top) * (BARS.length - 1)))]
      return paint ? paint(bar, value) : bar
    })
    .join('')
}
