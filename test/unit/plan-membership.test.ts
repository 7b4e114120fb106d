import {describe, expect, it} from 'vitest'
import {attachProblem} from '../../packages/cli/src/lib/usage-plans/membership.js'

const plan = (id: string, ...stages: string[]) => ({id, name: `plan-${id}`, apiStages: stages.map((apiStage) => ({apiId: apiStage.split(':')[0], stage: apiStage.split(':')[1]}))})
const key = {id: 'k1', name: 'partner'}

describe('attachProblem: AWS usage plan key rules, checked locally', () => {
  it('accepts a key in plans covering other API stages', () => {
    expect(attachProblem(plan('gold', 'a:prod'), key, [plan('free', 'a:dev'), plan('b', 'b:prod')])).toBeUndefined()
  })

  it('refuses a key already in the plan', () => {
    expect(attachProblem(plan('gold', 'a:prod'), key, [plan('gold', 'a:prod')])?.code).toBe('KEY_ALREADY_IN_PLAN')
  })

  it('refuses a second plan for the same API stage, naming the plan and the stage', () => {
    const problem = attachProblem(plan('gold', 'a:prod', 'a:dev'), key, [plan('free', 'a:prod')])
    expect(problem?.code).toBe('ONE_PLAN_PER_API_STAGE')
    expect(problem?.message).toContain('plan-free (free), which also covers a:prod')
    expect(problem?.exitCode).toBe(5)
  })

  it('refuses an eleventh plan', () => {
    const ten = Array.from({length: 10}, (_, index) => plan(`p${index}`, `api${index}:prod`))
    expect(attachProblem(plan('gold', 'x:prod'), key, ten)?.code).toBe('KEY_PLAN_LIMIT')
  })
})
