import {describe, expect, it} from 'vitest'
import {renderResult, toText} from '../../packages/cli/src/cli/ui/output.js'
import {colorEnabled} from '../../packages/cli/src/cli/ui/color.js'

const data = {apis: [{id: 'a1', name: 'pets', type: 'rest'}, {id: 'b2', name: 'orders', type: 'http'}]}
const render = (format: 'json' | 'yaml' | 'table' | 'text' | 'csv', extra: {query?: string; color?: boolean} = {}) =>
  renderResult({data}, {format, query: extra.query, color: extra.color ?? false})

describe('renderResult', () => {
  it('prints JSON, pretty, with a trailing newline', async () => {
    expect(await render('json')).toBe(`${JSON.stringify(data, null, 2)}\n`)
  })

  it('prints YAML', async () => {
    expect(await render('yaml')).toBe('apis:\n  - id: a1\n    name: pets\n    type: rest\n  - id: b2\n    name: orders\n    type: http\n')
  })

  it('applies --query before formatting, as the AWS CLI does', async () => {
    expect(await render('json', {query: 'apis[?type==`http`].name | [0]'})).toBe('"orders"\n')
    expect(await render('text', {query: 'apis[].[id, name]'})).toBe('a1\tpets\nb2\torders\n')
  })

  it('refuses an invalid query as a usage error', async () => {
    await expect(render('json', {query: 'apis[?'})).rejects.toMatchObject({code: 'INVALID_QUERY', exitCode: 2})
  })

  it("uses the command's own table view, or a generic one for query results", async () => {
    const custom = await renderResult({data, view: async () => (value) => `${value.apis.length} apis`}, {format: 'table', color: false})
    expect(custom).toBe('2 apis\n')
    const generic = await render('table', {query: 'apis'})
    expect(generic).toBe('id  name    type\na1  pets    rest\nb2  orders  http\n')
  })

  it('colours table headers only when colour is on', async () => {
    expect(await render('table', {query: 'apis'})).not.toContain('\u001B[')
    expect(await render('table', {query: 'apis', color: true})).toContain('\u001B[1m')
  })
})

describe('toText', () => {
  it('prints scalars plainly, null as None, and records one per line', () => {
    expect(toText('x')).toBe('x')
    expect(toText([1, null, true])).toBe('1\tNone\ttrue')
    expect(toText({a: 1, b: {c: 2}})).toBe('1\n2')
  })
})

describe('CSV', () => {
  it("prints the result's one list of records, or what --query picks", async () => {
    expect(await render('csv')).toBe('id,name,type\na1,pets,rest\nb2,orders,http\n')
    expect(await render('csv', {query: 'apis[].name'})).toBe('value\npets\norders\n')
  })

  it('quotes what needs quoting, leaves null cells empty, and writes nested values as JSON', async () => {
    const points = {metric: 'count', notes: ['a note'], points: [{timestamp: 't1', value: 3, label: 'a, "b"'}, {timestamp: 't2', value: null, tags: {x: 1}}]}
    expect(await renderResult({data: points}, {format: 'csv', color: false})).toBe('timestamp,value,label,tags\nt1,3,"a, ""b""",\nt2,,,"{""x"":1}"\n')
  })

  it('refuses a result without one list of records, saying how to pick one', async () => {
    await expect(renderResult({data: {a: [{x: 1}], b: [{y: 2}]}}, {format: 'csv', color: false})).rejects.toMatchObject({
      code: 'CSV_NEEDS_LIST',
      exitCode: 2,
      suggestions: ['Try: --query to pick a list, e.g. --query points', 'Or: --output json'],
    })
  })
})

describe('colorEnabled', () => {
  it.each([
    [{isTTY: true, env: {}}, true],
    [{isTTY: false, env: {}}, false],
    [{isTTY: false, env: {CI: 'true'}}, false],
    [{isTTY: true, env: {NO_COLOR: '1'}}, false],
    [{isTTY: true, env: {TERM: 'dumb'}}, false],
    [{isTTY: false, env: {FORCE_COLOR: '1'}}, true],
    [{isTTY: true, env: {FORCE_COLOR: '0'}}, false],
    [{isTTY: true, env: {FORCE_COLOR: '1'}, flag: false}, false],
    [{isTTY: false, env: {NO_COLOR: '1'}, flag: true}, true],
  ])('%j → %s', (inputs, expected) => {
    expect(colorEnabled(inputs)).toBe(expected)
  })
})
