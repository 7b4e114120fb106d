import {describe, expect, it} from 'vitest'
import {accountProblems, parseKeyFile} from '../../packages/cli/src/lib/keys/import-csv.js'

const value = (label: string) => `${label}-value-0123456789abcdefghijklm`
const plan = (id: string, apiStage: string) => ({id, name: `plan-${id}`, apiStages: [{apiId: apiStage.split(':')[0], stage: apiStage.split(':')[1]}]})

describe('parseKeyFile: AWS\'s API key file format', () => {
  it('reads columns in any order and case, quoted fields with " or \', a BOM and CRLF; Enabled defaults to true', () => {
    const text = `\uFEFFUsagePlanIds,ENABLED,key,Name,Extra\r\n"p1,p2",FALSE,${value('a')},alpha,x\r\n,,'${value('b')}',beta\r\n\r\n`
    expect(parseKeyFile(text)).toEqual({
      keys: [
        {line: 2, name: 'alpha', value: value('a'), description: undefined, enabled: false, usagePlanIds: ['p1', 'p2']},
        {line: 3, name: 'beta', value: value('b'), description: undefined, enabled: true, usagePlanIds: []},
      ],
      problems: [],
      warnings: [],
    })
  })

  it('counts lines inside quoted fields, so later rows keep their real line numbers', () => {
    const {keys} = parseKeyFile(`name,key,description\na,${value('a')},"two\nlines"\nb,${value('b')},`)
    expect(keys.map((key) => [key.line, key.description])).toEqual([
      [2, 'two\nlines'],
      [4, undefined],
    ])
  })

  it('refuses a value with a line break or another control character, as keys create does, never quoting it', () => {
    const text = `name,key\na,"${value('a')}\nsecond"\nb,"${value('b')}\tx"\nc,${value('c')}`
    const {problems} = parseKeyFile(text)
    expect(problems).toEqual([
      {line: 2, message: 'the value has more than one line'},
      {line: 4, message: 'the value has a control character (such as a tab)'},
    ])
  })

  it('reports every bad row with its line, in AWS\'s words, never quoting a value', () => {
    const short = 's'.repeat(19)
    const long = 'l'.repeat(129)
    const text = ['name,key,enabled', `a,${short},`, `b,${long},`, `${'n'.repeat(1025)},${value('c')},`, `d,${value('d')},maybe`, `e,${value('d')},`].join('\n')
    const {problems} = parseKeyFile(text)
    expect(problems).toEqual([
      {line: 2, message: 'API Key value should be at least 20 characters'},
      {line: 3, message: 'API Key value exceeds maximum size of 128 characters'},
      {line: 4, message: 'Invalid API Key name, can be at most 1024 characters.'},
      {line: 5, message: 'Enabled is "maybe"; it must be true or false (empty means true)'},
      {line: 6, message: 'the same value as line 5: ImportApiKeys would keep only one key'},
    ])
    for (const secret of [short, long, value('d')]) expect(JSON.stringify(problems)).not.toContain(secret)
  })

  it('warns about values under 30 characters, which AWS accepts', () => {
    const {problems, warnings} = parseKeyFile(`name,key\na,${'v'.repeat(25)}\nb,${'w'.repeat(30)}`)
    expect(problems).toEqual([])
    expect(warnings).toEqual([{line: 2, message: 'the value has 25 characters; AWS recommends at least 30 for imported keys'}])
  })

  it('refuses a file without the Name and Key columns, or without rows', () => {
    expect(parseKeyFile('').problems).toEqual([{line: 1, message: 'the file is empty; it needs a header row naming at least the Name and Key columns'}])
    expect(parseKeyFile(`name,value\na,${value('a')}`).problems[0].message).toBe('the header has no Key column (AWS names the value column Key, not Value); it has: name, value')
    expect(parseKeyFile('description\nx').problems[0].message).toBe('the header has no Name and Key columns; it has: description')
    expect(parseKeyFile('\n\nName,Key\n').problems).toEqual([{line: 3, message: 'the file has a header but no keys below it'}])
  })
})

describe('accountProblems: the file against the account', () => {
  const plans = [plan('p1', 'api1:prod'), plan('p2', 'api2:prod'), plan('p3', 'api1:prod')]

  it('accepts known plans on different API stages and new values', () => {
    const {keys} = parseKeyFile(`name,key,usageplanids\na,${value('a')},"p1,p2"`)
    expect(accountProblems(keys, plans, [{id: 'k1', value: value('other')}])).toEqual([])
  })

  it('names unknown plans, plans sharing an API stage, a plan twice, and values existing keys have', () => {
    const {keys} = parseKeyFile(['name,key,usageplanids', `a,${value('a')},"p1,nope"`, `b,${value('b')},"p1,p3"`, `c,${value('c')},"p2,p2"`, `d,${value('taken')},`].join('\n'))
    const problems = accountProblems(keys, plans, [{id: 'k9', name: 'owner', value: value('taken')}])
    expect(problems).toEqual([
      {line: 2, message: 'no usage plan has the id "nope"'},
      {line: 3, message: 'The key b (line 3) is in usage plan plan-p1 (p1), which also covers api1:prod; AWS allows a key in one usage plan per API stage.'},
      {line: 4, message: 'The key c (line 4) is already in usage plan plan-p2 (p2).'},
      {line: 5, message: 'this value is already the value of key owner (k9); ImportApiKeys would overwrite that key'},
    ])
  })

  it('refuses an eleventh plan for one key', () => {
    const many = Array.from({length: 11}, (_, index) => plan(`q${index}`, `api${index}:prod`))
    const {keys} = parseKeyFile(`name,key,usageplanids\na,${value('a')},"${many.map((p) => p.id).join(',')}"`)
    expect(accountProblems(keys, many, [])[0].message).toBe("The key a (line 2) is already in 10 usage plans, AWS's limit per key.")
  })
})
