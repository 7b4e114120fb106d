import {describe, expect, it} from 'vitest'
import type {AnyApi} from '../../packages/cli/src/lib/catalog/apis.js'
import {pickStage, stageNotFound, type FoundStage} from '../../packages/cli/src/lib/catalog/stages.js'

describe('stageNotFound', () => {
  it('suggests the nearest stage, else one the API has, else making a first one (exit 4)', () => {
    expect(stageNotFound('REST API "shop"', 'prdo', ['dev', 'prod']).suggestions).toEqual(['Try: --stage prod'])
    expect(stageNotFound('REST API "shop"', 'nope', ['prod'])).toMatchObject({exitCode: 4, message: 'REST API "shop" has no stage "nope"; its stages: prod.', suggestions: ['Try: --stage prod']})
    expect(stageNotFound('REST API "shop"', 'prod', []).suggestions).toEqual(['Try: apigw deploy with --create-stage, to make a first stage'])
  })
})

describe('pickStage', () => {
  const rest: AnyApi = {type: 'rest', api: {id: 'a1', name: 'shop'}}
  const http: AnyApi = {type: 'http', api: {ApiId: 'h1', Name: 'shop', ProtocolType: 'HTTP'}}
  const stages = (...names: string[]) => names.map((name) => ({kind: 'rest', raw: {}, summary: {name}}) as unknown as FoundStage)

  it('prefers the stage spelt exactly as typed, saying nothing', () => {
    const notes: string[] = []
    expect(pickStage(rest, stages('Prod', 'prod'), 'prod', (note) => notes.push(note)).summary.name).toBe('prod')
    expect(pickStage(rest, stages('prod', 'Prod'), 'Prod', (note) => notes.push(note)).summary.name).toBe('Prod')
    expect(notes).toEqual([])
  })

  it('folds case for REST only, and says so', () => {
    const notes: string[] = []
    expect(pickStage(rest, stages('Prod'), 'prod', (note) => notes.push(note)).summary.name).toBe('Prod')
    expect(notes).toEqual(['there is no stage "prod"; using stage "Prod" (REST stage names match ignoring case).'])
    expect(() => pickStage(http, stages('Prod'), 'prod')).toThrow(expect.objectContaining({code: 'STAGE_NOT_FOUND', exitCode: 4}))
  })
})
