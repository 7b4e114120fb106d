import {describe, expect, it} from 'vitest'
import {stageNotFound} from '../../src/lib/stages/find.js'

describe('stageNotFound', () => {
  it('suggests the nearest stage, else one the API has, else making a first one (exit 4)', () => {
    expect(stageNotFound('REST API "shop"', 'prdo', ['dev', 'prod']).suggestions).toEqual(['Try: --stage prod'])
    expect(stageNotFound('REST API "shop"', 'nope', ['prod'])).toMatchObject({exitCode: 4, message: 'REST API "shop" has no stage "nope"; its stages: prod.', suggestions: ['Try: --stage prod']})
    expect(stageNotFound('REST API "shop"', 'prod', []).suggestions).toEqual(['Try: apigw deploy with --create-stage, to make a first stage'])
  })
})
