import {describe, expect, it} from 'vitest'
import {parseTarget, previousTag, previousTargets, previousValue} from '../../packages/cli/src/lib/domains/previous.js'
import {parseDescription, withRecord} from '../../packages/cli/src/lib/releases/note.js'

describe('the way back of a domain switch, kept in a tag', () => {
  it('writes characters tags do not allow as +XX and reads them back', () => {
    expect(previousTag('')).toBe('apigw:previous')
    expect(previousTag('orders/v2')).toBe('apigw:previous:orders/v2')
    expect(previousValue({apiId: 'a1b2c3', stage: '$default'})).toBe('a1b2c3:+24default')
    expect(previousValue({apiId: 'a1b2c3', stage: 'a+b~c'})).toBe('a1b2c3:a+2Bb+7Ec')
    const tags = {[previousTag('')]: previousValue({apiId: 'x1', stage: '$default'}), [previousTag('v1')]: previousValue({apiId: 'y2', stage: 'a+b~c'}), other: 'kept apart'}
    expect(previousTargets(tags)).toEqual(new Map([['', 'x1:$default'], ['v1', 'y2:a+b~c']]))
  })

  it('parses "apiId:stage", the stage after the first colon; anything else is no target', () => {
    expect(parseTarget('a1b2c3:prod')).toEqual({apiId: 'a1b2c3', stage: 'prod'})
    expect(parseTarget('a1b2c3:')).toBeUndefined()
    expect(parseTarget(':prod')).toBeUndefined()
    expect(parseTarget('prod')).toBeUndefined()
  })
})

describe('a switch release record', () => {
  it('is read back with the domain path as its from, beside deploy records', () => {
    const description = withRecord('[apigw: deploy green by a@h at 2026-12-07T18:03:40.125Z]', {action: 'switch', stage: 'green', from: 'api.example.com/plants', by: 'b@h', at: '2026-12-07T18:11:09.711Z', replaced: 'd4e5f6'})
    expect(description).toBe('[apigw: deploy green by a@h at 2026-12-07T18:03:40.125Z] [apigw: switch green from api.example.com/plants by b@h at 2026-12-07T18:11:09.711Z, replaced d4e5f6]')
    expect(parseDescription(description).records[1]).toEqual({action: 'switch', stage: 'green', from: 'api.example.com/plants', by: 'b@h', at: '2026-12-07T18:11:09.711Z', replaced: 'd4e5f6'})
  })
})
