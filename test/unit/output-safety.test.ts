import {spawnSync} from 'node:child_process'
import {parse} from 'yaml'
import {describe, expect, it} from 'vitest'
import {escapeControls, escapeDeep} from '../../packages/cli/src/lib/util/escape.js'
import {renderResult} from '../../packages/cli/src/cli/ui/output.js'
import {parseDuration} from '../../packages/cli/src/lib/util/duration.js'
import {shellQuote} from '../../packages/cli/src/lib/util/text.js'

// What a hostile key name does to a terminal: retitle it (OSC 0), then clear it (CSI 2J).
const HOSTILE = '\u001B]0;pwned\u0007\u001B[2J'
const RAW_CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/

const render = (data: unknown, format: 'json' | 'yaml' | 'table' | 'text' | 'csv', color = false) => renderResult({data}, {format, color})

describe('escapeControls', () => {
  it('shows C0, DEL, C1 and bidi overrides as visible escapes', () => {
    expect(escapeControls(HOSTILE)).toBe('\\x1b]0;pwned\\x07\\x1b[2J')
    expect(escapeControls('a\tb\nc\rd\u007Fe')).toBe('a\\tb\\nc\\rd\\x7fe')
    expect(escapeControls('csi\u009B2J nel\u0085')).toBe('csi\\x9b2J nel\\x85')
    expect(escapeControls('admin\u202Egnp.exe \u2066x\u2069')).toBe('admin\\u202egnp.exe \\u2066x\\u2069')
  })

  it('leaves printable text, accents and wide characters alone', () => {
    expect(escapeControls('café 東京 ✓ -_=+@')).toBe('café 東京 ✓ -_=+@')
  })

  it('escapes keys and values of plain objects and arrays, nothing else', () => {
    const date = new Date(0)
    expect(escapeDeep({[`k${HOSTILE}`]: [HOSTILE, 1, null, true], date})).toEqual({'k\\x1b]0;pwned\\x07\\x1b[2J': ['\\x1b]0;pwned\\x07\\x1b[2J', 1, null, true], date})
  })
})

describe('rendering text from AWS', () => {
  const keys = [{id: 'k1', name: HOSTILE, tags: {[HOSTILE]: 'v\u202E'}}]

  it('escapes it in tables, generic and custom, before the view colours it', async () => {
    const generic = await render(keys, 'table', true)
    expect(generic.replaceAll(/\u001B\[[\d;]*m/g, '')).not.toMatch(RAW_CONTROL)
    expect(generic).toContain('\\x1b]0;pwned\\x07\\x1b[2J')
    expect(generic).toContain('\u001B[1m') // apigw's own bold header still works
    const custom = await renderResult({data: keys, view: async () => (rows) => `name=${rows[0].name}`}, {format: 'table', color: false})
    expect(custom).toBe('name=\\x1b]0;pwned\\x07\\x1b[2J\n')
  })

  it('escapes it in text output, tabs and line breaks inside a value included', async () => {
    const text = await render([{name: `two\tcolumns\nand lines${HOSTILE}`, id: 'k1'}], 'text')
    expect(text).toBe('two\\tcolumns\\nand lines\\x1b]0;pwned\\x07\\x1b[2J\tk1\n')
  })

  it('writes YAML with escapes only, which reads back to the same values', async () => {
    const data = {name: HOSTILE, [`c1\u009B`]: 'bidi\u202Eend', del: 'x\u007F', plain: 'ok'}
    const yaml = await render(data, 'yaml')
    expect(yaml).not.toMatch(RAW_CONTROL)
    expect(yaml).toContain('plain: ok')
    expect(parse(yaml)).toEqual(data)
  })

  it('keeps JSON valid JSON, C0 escaped by JSON itself', async () => {
    const json = await render(keys, 'json')
    expect(json).not.toContain('\u001B')
    expect(JSON.parse(json)).toEqual(keys)
  })
})

describe('shellQuote of a name with control characters, for Try: lines', () => {
  it('writes $\'…\' with escapes: no raw control character, and bash reads back the exact name', () => {
    const name = `it's ${HOSTILE} \\ tab\there\nnl\u202E\u009B`
    const quoted = shellQuote(name)
    expect(quoted).not.toMatch(RAW_CONTROL)
    expect(quoted.startsWith("$'")).toBe(true)
    const echoed = spawnSync('bash', ['-c', `printf '%s' ${quoted}`], {encoding: 'utf8', env: {LC_ALL: 'C.UTF-8'}})
    expect(echoed.stdout).toBe(name)
  })

  it('quotes other names as before', () => {
    expect([shellQuote('shop'), shellQuote('my key'), shellQuote("it's")]).toEqual(['shop', "'my key'", `'it'\\''s'`])
  })
})

describe('CSV cells', () => {
  it("neutralises cells a spreadsheet would run as a formula (OWASP): a leading ' and quotes", async () => {
    const rows = [{a: '=HYPERLINK("http://x","y")'}, {a: '+1'}, {a: '-2+3'}, {a: '@SUM(A1)'}, {a: '\tx'}, {a: '\rx'}, {a: 'safe'}]
    expect(await render(rows, 'csv')).toBe(['a', `"'=HYPERLINK(""http://x"",""y"")"`, `"'+1"`, `"'-2+3"`, `"'@SUM(A1)"`, `"'\tx"`, '\\rx', 'safe', ''].join('\n'))
  })

  it("keeps apigw's own numbers, negative ones included, as numbers", async () => {
    expect(await render([{change: -1.5, count: 3}], 'csv')).toBe('change,count\n-1.5,3\n')
  })

  it('escapes control characters other than line breaks and tabs', async () => {
    expect(await render([{name: `${HOSTILE}\nline`}], 'csv')).toBe('name\n"\\x1b]0;pwned\\x07\\x1b[2J\nline"\n')
  })
})

describe('duration limits', () => {
  it('refuses a duration longer than the flag takes, naming the maximum (exit 2, never a crash)', () => {
    expect(() => parseDuration('99999999999d', '--timeout')).toThrow('--timeout can be at most 24d; got "99999999999d".')
    expect(() => parseDuration('25d', '--wait')).toThrow(expect.objectContaining({exitCode: 2, code: 'DURATION_TOO_LONG', suggestions: ['Try: --wait 24d']}))
    expect(() => parseDuration(`${'9'.repeat(400)}d`, '--bake')).toThrow('--bake can be at most 24d')
  })

  it('lets date-only durations reach further: --since 455d, --grace 365d', () => {
    expect(parseDuration('455d', '--since')).toBe(455 * 86_400_000)
    expect(() => parseDuration('456d', '--since')).toThrow('--since can be at most 455d')
    expect(parseDuration('365d', '--grace')).toBe(365 * 86_400_000)
    expect(() => parseDuration('2h', '--transition-delay')).toThrow('--transition-delay can be at most 1h')
  })

  it('suggests the maximum alone for a setting inside another value (latency=, --latency p50)', () => {
    expect(() => parseDuration('30d', 'latency')).toThrow(expect.objectContaining({message: 'latency can be at most 24d; got "30d".', suggestions: ['Try: 24d or less']}))
  })

  it('takes the maximum itself', () => {
    expect(parseDuration('24d', '--timeout')).toBe(24 * 86_400_000)
  })
})
