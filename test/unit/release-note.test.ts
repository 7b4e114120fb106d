import {describe, expect, it} from 'vitest'
import {ApigwError} from '../../packages/cli/src/lib/errors.js'
import {checkReleaseText, DESCRIPTION_LIMIT, formatRecord, parseDescription, withRecord, type ReleaseRecord} from '../../packages/cli/src/lib/releases/note.js'

const deploy: ReleaseRecord = {action: 'deploy', stage: 'prod', by: 'alice@laptop', at: '2026-11-21T15:00:00.000Z', replaced: 'a1b2c3'}

describe('release records in deployment descriptions', () => {
  it('format compactly and read back the same', () => {
    const text = formatRecord(deploy)
    expect(text).toBe('[apigw: deploy prod by alice@laptop at 2026-11-21T15:00:00.000Z, replaced a1b2c3]')
    expect(parseDescription(`Fix checkout ${text}`)).toEqual({text: 'Fix checkout', records: [deploy]})
  })

  it('read promotions with their source stage, first releases without a replaced deployment, $default stages', () => {
    const promote: ReleaseRecord = {action: 'promote', stage: '$default', from: 'dev', by: 'ci@github-run-7', at: '2026-11-22T09:10:11.123Z'}
    expect(formatRecord(promote)).toBe('[apigw: promote $default from dev by ci@github-run-7 at 2026-11-22T09:10:11.123Z]')
    expect(parseDescription(`${formatRecord(deploy)} ${formatRecord(promote)}`).records).toEqual([deploy, promote])
  })

  it('leave descriptions apigw did not write as text, and garbled records too', () => {
    expect(parseDescription('made in the console')).toEqual({text: 'made in the console', records: []})
    expect(parseDescription(undefined)).toEqual({text: '', records: []})
    expect(parseDescription('[apigw: deploy prod by x at yesterday]').records).toEqual([])
    expect(parseDescription('[apigw: launch prod by x at 2026-11-21T15:00:00.000Z]').records).toEqual([])
  })

  it('keep who made a release to one word without the characters the format uses', () => {
    const record = formatRecord({...deploy, by: 'Jane Doe, [ops]'})
    expect(parseDescription(record).records[0].by).toBe('Jane_Doe_ops_')
    expect(parseDescription(formatRecord({...deploy, by: 'x'.repeat(200)})).records[0].by).toHaveLength(64)
  })

  it('append a record after the text and earlier records', () => {
    const once = withRecord('Fix checkout', deploy)
    const twice = withRecord(once, {action: 'rollback', stage: 'prod', by: 'bob@host', at: '2026-11-23T00:00:00.000Z', replaced: 'ffffff'})
    expect(twice).toBe(`Fix checkout ${formatRecord(deploy)} [apigw: rollback prod by bob@host at 2026-11-23T00:00:00.000Z, replaced ffffff]`)
    expect(withRecord(undefined, deploy)).toBe(formatRecord(deploy))
  })

  it(`stay within AWS's ${DESCRIPTION_LIMIT} characters by dropping the oldest records first, then the end of the text`, () => {
    let description = withRecord('t'.repeat(800), deploy)
    for (let day = 10; day < 30; day++) description = withRecord(description, {...deploy, at: `2026-12-${day}T00:00:00.000Z`})
    expect(description.length).toBeLessThanOrEqual(DESCRIPTION_LIMIT)
    const {text, records} = parseDescription(description)
    expect(text).toBe('t'.repeat(800))
    expect(records.at(-1)!.at).toBe('2026-12-29T00:00:00.000Z')
    expect(records[0].at > '2026-12-10').toBe(true)
    const long = withRecord('u'.repeat(1100), deploy)
    expect(long.length).toBe(DESCRIPTION_LIMIT)
    expect(parseDescription(long).records).toEqual([deploy])
    expect(parseDescription(long).text.endsWith('…')).toBe(true)
  })

  it('refuse a --description that leaves no room for records, or poses as one', () => {
    expect(() => checkReleaseText('ok')).not.toThrow()
    expect(() => checkReleaseText('x'.repeat(801))).toThrow(/at most 800 fit/)
    expect(() => checkReleaseText('[apigw: deploy prod by me at 2026-01-01T00:00:00Z]')).toThrow(ApigwError)
  })
})
