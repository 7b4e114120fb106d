import {readdirSync, readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {withDefaultValue} from '../../packages/cli/src/cli/optional-value.js'
import {barChart, fitColumns, niceCeiling, timeAxis} from '../../packages/cli/src/cli/ui/chart.js'
import {dashboardView, rangeText} from '../../packages/cli/src/cli/ui/dashboard-view.js'
import {compactNumber, latencyText, percentText, valueFormat} from '../../packages/cli/src/cli/ui/metric-format.js'
import {palette} from '../../packages/cli/src/cli/ui/palette.js'
import {fixedDashboard} from './dashboard-data.js'

const plain = palette(false)
const FIXTURES = new URL('../fixtures/dashboard/', import.meta.url)
const stripAnsi = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, '')

describe('charts', () => {
  it('fits periods to columns: the worst of several a column, or each period wider', () => {
    expect(fitColumns([1, 5, 2, null, null, null], 3, 'highest')).toEqual([5, 2, null])
    expect(fitColumns([0.8, 0.1, 0.8, 0.8], 2, 'lowest')).toEqual([0.1, 0.8])
    expect(fitColumns([10, 20, 30, 40], 2, 'mean')).toEqual([15, 35])
    expect(fitColumns([1, null], 5, 'highest')).toEqual([1, 1, null, null])
  })

  it('rounds scales up to round numbers', () => {
    expect([0.018, 0.01, 1048, 361, 1, 0].map(niceCeiling)).toEqual([0.02, 0.01, 1500, 400, 1, 0])
  })

  it('draws a gap for missing data and a flat ▁ for zero, with unit labels on the axis', () => {
    const lines = barChart([0, null, 5, 10], {width: 20, height: 2, top: 10, format: (v) => `${v} ms`, limit: null, combine: 'highest', colors: plain, times: {start: '14:00', end: '14:04'}})
    expect(lines).toEqual([
      '10 ms┤         ███  ',
      ' 0 ms┤▁▁▁   ██████  ',
      '      14:00  14:04  ',
    ])
  })

  it('draws bars over the limit red, only when colour is on', () => {
    const options = {width: 10, height: 1, top: 10, format: String, limit: 5, combine: 'highest' as const, times: {start: '', end: ''}}
    expect(barChart([2, 8], {...options, colors: palette(true)})[0]).toContain('\x1b[31m')
    expect(barChart([2, 8], {...options, colors: plain})[0]).not.toContain('\x1b[')
  })

  it('spreads times over the axis as room allows', () => {
    expect(timeAxis({start: '14:00', middle: '15:30', end: '17:00'}, 30)).toBe('14:00       15:30        17:00')
    expect(timeAxis({start: '14:00', middle: '15:30', end: '17:00'}, 12)).toBe('14:00  17:00')
    expect(timeAxis({start: '14:00', end: '17:00'}, 6)).toBe('14:00 ')
  })

  it('writes figures short, with their units', () => {
    expect([7, 0.25, 980, 1234, 15_500, 3_400_000].map(compactNumber)).toEqual(['7', '0.25', '980', '1.2k', '15.5k', '3.4M'])
    expect([0.0052, 0.123, 1].map(percentText)).toEqual(['0.52%', '12.3%', '100%'])
    expect([4.54, 350.4, 12_345].map(latencyText)).toEqual(['4.5 ms', '350 ms', '12.3 s'])
    expect(valueFormat('count', 60, 'req')(1234)).toBe('1.2k req/min')
    expect(valueFormat('count', 300, 'req')(40)).toBe('40 req/5m')
    expect(valueFormat('bytes', 60)(2048)).toBe('2 KB/min')
    expect([rangeText('0.2%', '1.8%'), rangeText('36 ms', '76 ms'), rangeText('900', '1.5k'), rangeText('980 ms', '12.3 s')]).toEqual(['0.2–1.8%', '36–76 ms', '900–1.5k', '980 ms–12.3 s'])
  })
})

describe('the dashboard on a screen', () => {
  const screens = [
    ['rest-80x24', {canary: false}, {width: 80, height: 24}],
    ['rest-160x48', {canary: false}, {width: 160, height: 48}],
    ['canary-80x24', {canary: true}, {width: 80, height: 24}],
    ['canary-160x48', {canary: true}, {width: 160, height: 48}],
    ['rest-80-no-tty', {canary: false}, {width: 80}],
  ] as const

  for (const [name, options, screen] of screens) {
    it(`renders ${name} as the snapshot, within the screen`, async () => {
      const text = dashboardView(fixedDashboard(options), plain, screen)
      const lines = text.split('\n')
      expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(screen.width)
      if ('height' in screen) expect(lines.length).toBeLessThan(screen.height)
      await expect(`${text}\n`).toMatchFileSnapshot(new URL(`${name}.txt`, FIXTURES).pathname)
    })
  }

  it('uses the height it has: bar charts when they fit, a line a panel when not', () => {
    const tall = dashboardView(fixedDashboard(), plain, {width: 160, height: 48})
    expect(tall).toContain('Latency p99 (ms)  limit 800 ms  now')
    expect(dashboardView(fixedDashboard(), plain, {width: 80, height: 24})).toMatch(/^p99 +[▁-█ ]+ +\d+ ms \d+–\d+ ms$/m)
  })

  it('shows missing data as missing and an unavailable figure with its reason', () => {
    const text = dashboardView(fixedDashboard({unavailable: 'p99'}), plain, {width: 80})
    expect(text).toContain('Latency p99 (ms)  limit 800 ms  unavailable')
    // The reason, wrapped to the screen's width.
    expect(text.replaceAll('\n', ' ')).toContain('p99: unavailable: CloudWatch refused p99 of Latency: The value p99 for parameter MetricDataQueries.member.8.MetricStat.Stat is not supported.')
    expect(text).toMatch(/Cache hit ratio \(%\)  now 79\.8%  min 0%  max 82%/)
  })

  it('colours only on request, and breached figures red', () => {
    const colored = dashboardView(fixedDashboard({canary: true}), palette(true), {width: 160, height: 48})
    // The canary's 5XX rate (1.69%) is over the 1% limit.
    expect(colored).toContain(`now ${'\x1b[31m'}1.69%`)
    expect(stripAnsi(colored)).toBe(dashboardView(fixedDashboard({canary: true}), plain, {width: 160, height: 48}))
  })
})

describe('terminal captures (tmux capture-pane of the real CLI against a sandbox)', () => {
  const captures = readdirSync(FIXTURES).filter((file) => file.startsWith('tmux-'))

  it('are kept for 80x24 and 160x48', () => {
    expect(captures.some((file) => file.includes('80x24'))).toBe(true)
    expect(captures.some((file) => file.includes('160x48'))).toBe(true)
  })

  for (const file of captures) {
    it(`${file} fits its terminal and has the snapshot's layout`, () => {
      const [width, height] = /(\d+)x(\d+)/.exec(file)!.slice(1).map(Number)
      const lines = readFileSync(new URL(file, FIXTURES), 'utf8').replace(/\n$/, '').split('\n')
      expect(lines.length).toBeLessThanOrEqual(height)
      expect(Math.max(...lines.map((line) => [...line].length))).toBeLessThanOrEqual(width)
      const snapshot = readFileSync(new URL(`${file.includes('canary') ? 'canary' : 'rest'}-${width}x${height}.txt`, FIXTURES), 'utf8')
      // The same panels in the same order, whatever the live numbers were.
      const titles = (text: string) => text.split('\n').map((line) => /^([A-Za-z0-9][\w .()-]*?)(?= {2}| \(|$)/.exec(line)?.[1]).filter((title) => title && /^(Requests|4XX|5XX|Latency|Integration|Cache|count|4xx|5xx|p\d|integration|cache)/.test(title))
      expect(titles(lines.join('\n'))).toEqual(titles(snapshot))
    })
  }
})

describe('--watch without a value', () => {
  it('takes the default when bare, and the value given otherwise', () => {
    expect(withDefaultValue(['--api', 'shop', '--watch'], '--watch', '30s')).toEqual(['--api', 'shop', '--watch', '30s'])
    expect(withDefaultValue(['--watch', '--routes'], '--watch', '30s')).toEqual(['--watch', '30s', '--routes'])
    expect(withDefaultValue(['--watch', '10s'], '--watch', '30s')).toEqual(['--watch', '10s'])
    expect(withDefaultValue(['--watch=10s'], '--watch', '30s')).toEqual(['--watch=10s'])
    expect(withDefaultValue(['--api', 'shop'], '--watch', '30s')).toEqual(['--api', 'shop'])
  })
})
