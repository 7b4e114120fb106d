import {describe, expect, it} from 'vitest'
import {ApigwError} from '../../packages/cli/src/lib/errors.js'
import {createCommand} from '../../packages/cli/src/lib/usage-plans/commands.js'
import {parseApiStage, parseQuotaFlag, parseThrottleFlag, usageWindow} from '../../packages/cli/src/lib/usage-plans/options.js'
import {datesFrom, usageDays} from '../../packages/cli/src/lib/usage-plans/usage.js'
import {mapConcurrently} from '../../packages/cli/src/lib/util/concurrency.js'

/** The usage error a parser throws: exit 2, the flag named, an example to copy. */
function refusal(parse: () => unknown): {message: string; suggestions: string[]; exitCode: number} {
  try {
    parse()
  } catch (error) {
    if (error instanceof ApigwError) return {message: error.message, suggestions: error.suggestions, exitCode: error.exitCode}
    throw error
  }
  throw new Error('expected a usage error')
}

describe('--throttle rate:burst', () => {
  it('reads a whole or fractional rate and a whole burst', () => {
    expect(parseThrottleFlag('100:200')).toEqual({rateLimit: 100, burstLimit: 200})
    expect(parseThrottleFlag(' 2.5 : 10 ')).toEqual({rateLimit: 2.5, burstLimit: 10})
  })

  it('takes off only where it may remove the throttle (plans set)', () => {
    expect(parseThrottleFlag('OFF', true)).toBe('off')
    expect(refusal(() => parseThrottleFlag('off')).message).toContain('--throttle "off" is not rate:burst')
  })

  it.each(['100', '100:2.5', 'fast:10', ':10', '-1:5'])('refuses %j, naming the flag with an example', (text) => {
    const error = refusal(() => parseThrottleFlag(text))
    expect(error.exitCode).toBe(2)
    expect(error.message).toContain(`--throttle "${text}"`)
    expect(error.suggestions).toEqual(['Try: --throttle 100:200'])
  })
})

describe('--quota limit/period', () => {
  it('reads a whole limit per day, week or month, in any case', () => {
    expect(parseQuotaFlag('1000/day')).toEqual({limit: 1000, period: 'DAY'})
    expect(parseQuotaFlag('5 / Week')).toEqual({limit: 5, period: 'WEEK'})
    expect(parseQuotaFlag('100000/MONTH')).toEqual({limit: 100000, period: 'MONTH'})
    expect(parseQuotaFlag('off', true)).toBe('off')
  })

  it.each(['1000', '1000/year', '1.5/day', 'day/1000', '/day'])('refuses %j, naming the flag with an example', (text) => {
    const error = refusal(() => parseQuotaFlag(text))
    expect(error.exitCode).toBe(2)
    expect(error.message).toContain(`--quota "${text}" is not limit/period`)
    expect(error.suggestions).toEqual(['Try: --quota 1000/day'])
  })

  it('refuses a limit beyond AWS\'s 32-bit integer', () => {
    expect(refusal(() => parseQuotaFlag('2147483648/day')).message).toContain('more than AWS allows (2147483647)')
  })
})

describe('api:stage', () => {
  it('splits at the last colon: API names may have one, stage names may not', () => {
    expect(parseApiStage('shop:prod', '--stage')).toEqual({api: 'shop', stage: 'prod'})
    expect(parseApiStage('shop:v2:prod', '--stage')).toEqual({api: 'shop:v2', stage: 'prod'})
  })

  it.each(['shop', 'shop:', ':prod'])('refuses %j with the flag it came from', (text) => {
    const error = refusal(() => parseApiStage(text, '--add-stage'))
    expect(error.message).toContain(`--add-stage "${text}" is not api:stage`)
    expect(error.suggestions).toEqual(['Try: --add-stage shop:prod'])
  })
})

describe('--since: GetUsage dates in UTC', () => {
  const now = Date.parse('2024-05-30T23:59:00Z')

  it('counts a duration back in whole days, today included', () => {
    expect(usageWindow({since: '30d'}, now)).toEqual({startDate: '2024-05-01', endDate: '2024-05-30'})
    expect(usageWindow({since: '1d'}, now)).toEqual({startDate: '2024-05-30', endDate: '2024-05-30'})
    expect(usageWindow({since: '36h'}, now)).toEqual({startDate: '2024-05-29', endDate: '2024-05-30'})
  })

  it('takes a date as the first day', () => {
    expect(usageWindow({since: '2024-04-15'}, now)).toEqual({startDate: '2024-04-15', endDate: '2024-05-30'})
  })

  it('refuses what is neither, a date that does not exist, a day after today, and zero', () => {
    expect(refusal(() => usageWindow({since: 'last month'}, now)).message).toContain('--since "last month" is neither a duration')
    expect(refusal(() => usageWindow({since: '2024-02-30'}, now)).message).toContain('--since 2024-02-30 is not a date')
    expect(refusal(() => usageWindow({since: '2024-06-01'}, now)).message).toContain('after today (2024-05-30, UTC)')
    expect(refusal(() => usageWindow({since: '0d'}, now)).exitCode).toBe(2)
  })

  it('takes --start and --end as dates or ISO times (their UTC days); --since counts back from --end; 30d by default', () => {
    expect(usageWindow({}, now)).toEqual({startDate: '2024-05-01', endDate: '2024-05-30'})
    expect(usageWindow({start: '2024-05-01', end: '2024-05-07'}, now)).toEqual({startDate: '2024-05-01', endDate: '2024-05-07'})
    expect(usageWindow({start: '2024-05-01T23:30-02:00'}, now)).toEqual({startDate: '2024-05-02', endDate: '2024-05-30'})
    expect(usageWindow({since: '7d', end: '2024-05-10'}, now)).toEqual({startDate: '2024-05-04', endDate: '2024-05-10'})
  })

  it('refuses --since with --start, a reversed window, an --end after today and a time without its zone (exit 2)', () => {
    expect(refusal(() => usageWindow({since: '7d', start: '2024-05-01'}, now)).message).toBe('--since and --start both set where the window begins; give one.')
    expect(refusal(() => usageWindow({start: '2024-05-10', end: '2024-05-01'}, now)).message).toBe('--start 2024-05-10 is after the last day (2024-05-01, UTC).')
    expect(refusal(() => usageWindow({end: '2024-06-01'}, now)).message).toBe('--end 2024-06-01 is after today (2024-05-30, UTC).')
    expect(refusal(() => usageWindow({start: '2024-05-01T09:00'}, now)).suggestions).toEqual(['Try: --start 2024-05-01T09:00Z'])
  })
})

describe('usage days', () => {
  const dates = datesFrom('2024-02-28', '2024-03-01')

  it('lists every date, across month ends', () => {
    expect(dates).toEqual(['2024-02-28', '2024-02-29', '2024-03-01'])
  })

  it('lays GetUsage pairs on the dates, and leaves days it gave nothing for missing, not 0', () => {
    expect(usageDays(dates, [[5, 95], [0, 95]], true)).toEqual([
      {date: '2024-02-28', used: 5, remaining: 95},
      {date: '2024-02-29', used: 0, remaining: 95},
      {date: '2024-03-01', used: null, remaining: null},
    ])
    expect(usageDays(dates, undefined, true).every((day) => day.used === null)).toBe(true)
  })

  it('gives no remaining count for a plan without a quota', () => {
    expect(usageDays(['2024-02-28'], [[7, 0]], false)).toEqual([{date: '2024-02-28', used: 7, remaining: null}])
  })
})

describe('createCommand', () => {
  it('says everything the flags can, quoted for a shell, stages by API id', () => {
    expect(
      createCommand({
        id: 'p1',
        name: 'gold plan',
        description: "partners' tier",
        apiStages: [{apiId: 'a1', apiName: 'shop', stage: 'prod'}],
        throttle: {rateLimit: 2.5, burstLimit: 10},
        quota: {limit: 1000, period: 'DAY', offset: 0},
      }),
    ).toBe("apigw plans create --name 'gold plan' --description 'partners'\\'' tier' --throttle 2.5:10 --quota 1000/day --stage a1:prod")
  })
})

describe('mapConcurrently', () => {
  it('keeps the order and never runs more than the limit at once', async () => {
    let running = 0
    let most = 0
    const results = await mapConcurrently([30, 10, 20, 5, 15], 2, async (ms) => {
      most = Math.max(most, ++running)
      await new Promise((resolve) => setTimeout(resolve, ms))
      running--
      return ms * 2
    })
    expect(results).toEqual([60, 20, 40, 10, 30])
    expect(most).toBe(2)
  })
})
