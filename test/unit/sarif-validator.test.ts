import {describe, expect, it} from 'vitest'
import {sarifViolations} from '../helpers/sarif.js'

/** The validator the doctor tests rely on, shown failing on what the schema refuses. */
describe('sarifViolations', () => {
  const valid = () => ({
    version: '2.1.0',
    runs: [{tool: {driver: {name: 'x', rules: [{id: 'a'}, {id: 'b'}]}}, results: [{ruleId: 'b', ruleIndex: 1, level: 'error', message: {text: 'm'}, locations: [{physicalLocation: {artifactLocation: {uri: 'apigw:/a'}}}]}]}],
  })

  it('accepts a minimal valid log', () => {
    expect(sarifViolations(valid())).toEqual([])
  })

  it('refuses a wrong version, a level outside the enum, a ruleIndex at another rule, a result without a message and an unknown property', () => {
    const log = valid() as any
    log.version = '2.0.0'
    log.runs[0].results[0].level = 'high'
    log.runs[0].results[0].ruleIndex = 0
    log.runs[0].results.push({ruleId: 'a'})
    log.runs[0].tool.driver.rules[0].severity = 'high'
    expect(sarifViolations(log)).toEqual([
      '$.version: must be "2.1.0"',
      '$.runs[0].tool.driver.rules[0]: "severity" is not a property of rule',
      '$.runs[0].results[0].level: must be one of none, note, warning, error',
      '$.runs[0].results[0].ruleIndex: points at rule 0, which is not "b"',
      '$.runs[0].results[1]: must have "message"',
      '$.runs[0].results[1].message: a message needs text or id',
    ])
  })
})
