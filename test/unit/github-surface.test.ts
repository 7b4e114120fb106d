import {mkdtempSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {ANNOTATIONS_PER_LEVEL, annotationLine, escapeData, escapeProperty, markdownTable, markdownText, withinLimits, writeGithubReport} from '../../packages/cli/src/cli/ci/github.js'
import {githubReport} from '../../packages/cli/src/cli/ci/github-reports.js'
import type {RolloutEnd, RolloutEvent} from '../../packages/cli/src/lib/canary/controller.js'
import type {CheckResult} from '../../packages/cli/src/lib/metrics/check.js'
import type {DiffReport} from '../../packages/cli/src/lib/openapi/diff.js'

// A name from AWS that tries everything: a table cell's end, a new line with a workflow command, a
// property's end, HTML, Markdown, and a terminal's retitle and clear (OSC 0, CSI 2J).
const HOSTILE = 'a|b\n::add-mask::x,y:z <b>*c*</b> 100% \u001B]0;pwned\u0007\u001B[2J\r'

/** The workflow commands a runner would find in `text`: lines that start with `::`. */
const commands = (text: string) => text.split('\n').filter((line) => line.startsWith('::'))

describe('workflow command escaping', () => {
  it('escapes %, CR and LF in data, and also : and , in properties, as the runner decodes them', () => {
    expect(escapeData('50%\r\nnext')).toBe('50%25%0D%0Anext')
    expect(escapeProperty('shop: prod, eu 5%\n')).toBe('shop%3A prod%2C eu 5%25%0A')
    // Escaping % first: an input that already looks escaped comes back as written.
    expect(escapeData('%0A')).toBe('%250A')
  })

  it('keeps a hostile name inside one annotation: one line, one command, no control characters', () => {
    const line = annotationLine({level: 'error', title: `gate on ${HOSTILE}`, message: `failed: ${HOSTILE}`})
    expect(line.endsWith('\n')).toBe(true)
    expect(line.slice(0, -1)).not.toMatch(/[\n\r\u0000-\u001F]/)
    expect(commands(line)).toHaveLength(1)
    const [, level, title, message] = /^::(\w+) title=([^:]*)::(.*)\n$/.exec(line)!
    expect(level).toBe('error')
    // The title has no : or , left to end it; its line break is shown as \n, as on a terminal.
    expect(title).toBe('gate on a|b\\n%3A%3Aadd-mask%3A%3Ax%2Cy%3Az <b>*c*</b> 100%25 \\x1b]0;pwned\\x07\\x1b[2J\\r')
    // apigw's own line breaks in a message are kept (as %0A, which the runner shows as a new line).
    expect(message).toBe('failed: a|b%0A::add-mask::x,y:z <b>*c*</b> 100%25 \\x1b]0;pwned\\x07\\x1b[2J\\r')
  })
})

describe('Markdown in the job summary', () => {
  it('shows text as text: no HTML, no Markdown, no cell end, one line, controls visible', () => {
    expect(markdownText(HOSTILE)).toBe('a\\|b\\\\n::add-mask::x,y:z &lt;b&gt;\\*c\\*&lt;/b&gt; 100% \\\\x1b\\]0;pwned\\\\x07\\\\x1b\\[2J\\\\r')
    expect(markdownText(null)).toBe('')
    expect(markdownText(42)).toBe('42')
  })

  it('builds a table whose rows stay rows, whatever the cells hold', () => {
    const table = markdownTable(['gate', 'detail'], [['5xx-rate', HOSTILE], ['p99', 'x | y']])
    expect(table).toEqual(['| gate | detail |', '| --- | --- |', `| 5xx-rate | ${markdownText(HOSTILE)} |`, '| p99 | x \\| y |', ''])
    // Each row has exactly its two cells: every | inside a cell is escaped.
    for (const row of table.slice(0, 4)) expect(row.split(/(?<!\\)\|/)).toHaveLength(4)
    expect(markdownTable(['a'], [])).toEqual([])
  })
})

const gate = (status: 'pass' | 'fail', name: '5xx-rate' | 'p99', value: number, limit: number, detail: string) => ({gate: name, status, value, limit, detail})

const check = (over: Partial<CheckResult>): CheckResult => ({
  api: {id: 'a1', name: HOSTILE, type: 'rest'} as CheckResult['api'],
  stage: 'prod',
  traffic: 'all',
  window: {start: '2026-01-01T00:00:00Z', end: '2026-01-01T00:15:00Z', periodSeconds: 60},
  outcome: 'failed',
  pass: false,
  reason: null,
  figures: {requests: 1200, errors4xx: 0, errors5xx: 24, rate4xx: 0, rate5xx: 0.02, latencyMs: {p50: 40, p90: 90, p99: 350}, integrationLatencyMs: 30, note: null},
  gates: [gate('fail', '5xx-rate', 0.02, 0.01, 'stage 5XX rate 2% (24 of 1200) > 1% allowed'), gate('pass', 'p99', 350, 800, 'stage p99 350 ms ≤ 800 ms')],
  ...over,
})

describe('githubReport', () => {
  it('metrics check: an error per failed gate, and every gate with its value and limit in the summary', () => {
    const report = githubReport({command: 'metrics check', result: check({}), exitCode: 1})
    expect(report.annotations).toEqual([{level: 'error', title: `metrics check: 5xx-rate on ${HOSTILE} stage prod`, message: 'stage 5XX rate 2% (24 of 1200) > 1% allowed'}])
    expect(report.summary).toContain('### ❌ apigw metrics check: failed (exit 1)\n')
    expect(report.summary).toContain('| 5xx-rate | fail | 2% | 1% | stage 5XX rate 2% (24 of 1200) &gt; 1% allowed |')
    expect(report.summary).toContain('| p99 | pass | 350 ms | 800 ms | stage p99 350 ms ≤ 800 ms |')
    expect(report.summary).toContain(`${markdownText(`${HOSTILE} stage prod`)} (all traffic), 2026-01-01T00:00:00Z to 2026-01-01T00:15:00Z: 1200 requests.`)
    expect(report.summary.endsWith('\n\n')).toBe(true)
  })

  it('metrics check: not enough data is a warning when --no-data pass lets it through, an error when not', () => {
    const quiet = {outcome: 'not-enough-data' as const, reason: 'Only 12 requests; 100 needed.', gates: []}
    expect(githubReport({command: 'metrics check', result: check({...quiet, pass: true}), exitCode: 0}).annotations).toEqual([
      {level: 'warning', title: `metrics check: not enough data on ${HOSTILE} stage prod`, message: 'Only 12 requests; 100 needed.'},
    ])
    expect(githubReport({command: 'metrics check', result: check({...quiet, pass: false}), exitCode: 1}).annotations[0].level).toBe('error')
    const passed = githubReport({command: 'metrics check', result: check({outcome: 'passed', pass: true, gates: [gate('pass', 'p99', 350, 800, 'ok')]}), exitCode: 0})
    expect(passed.annotations).toEqual([])
    expect(passed.summary).toMatch(/^### ✅ apigw metrics check: passed \(exit 0\)$/m)
  })

  it('apis diff: removed and changed operations are errors, added ones warnings; each field a row', () => {
    const diff: DiffReport = {
      equal: false,
      added: ['GET /new|x'],
      removed: ['DELETE /old'],
      changed: [{operation: 'GET /items', changes: [{field: 'integration.uri', file: 'https://b', aws: 'https://a'}, {field: 'apiKeyRequired', file: true, aws: null}]}],
      file: 'shop.yaml',
      api: {id: 'a1', name: 'shop', type: 'rest'},
      stage: 'prod',
      operations: {file: 2, aws: 2},
    } as DiffReport
    const report = githubReport({command: 'apis diff', result: diff, exitCode: 1})
    expect(report.annotations).toEqual([
      {level: 'error', title: 'apis diff: shop stage prod', message: 'DELETE /old is in AWS but not in shop.yaml.'},
      {level: 'error', title: 'apis diff: shop stage prod', message: 'GET /items differs: integration.uri (file https://b, AWS https://a); apiKeyRequired (file true, AWS —).'},
      {level: 'warning', title: 'apis diff: shop stage prod', message: 'GET /new|x is in shop.yaml but not in AWS.'},
    ])
    expect(report.summary).toContain('### ❌ apigw apis diff: 3 differences (exit 1)')
    expect(report.summary).toContain('| added (only in the file) | GET /new\\|x |  |  |  |')
    expect(report.summary).toContain('| removed (only in AWS) | DELETE /old |  |  |  |')
    expect(report.summary).toContain('| changed | GET /items | integration.uri | https://b | https://a |')
    expect(report.summary).toContain('| changed | GET /items | apiKeyRequired | true | — |')
  })

  it('canary run: the steps reached and how each ended, the last gates, and an error for an aborted rollout', () => {
    const failed = {gate: '5xx-rate' as const, status: 'fail' as const, canary: 0.09, base: 0.004, limit: 0.01, detail: 'canary 5XX rate 9% > 1% allowed'}
    const position = {step: 1, steps: 2, percent: 10}
    const end = {at: 't', event: 'aborted', message: 'Aborted at step 1 (10%).\nCanary removed.', exitCode: 1, action: 'abort', failedGates: [failed], state: null, position} as RolloutEnd
    const events = [
      {at: 't', event: 'started', canaryDeploymentId: 'can4ry', baseDeploymentId: 'ba5e01', steps: [10, 100], bakeSeconds: 60, timeoutAt: 't'},
      {at: 't', event: 'step-started', ...position, bakeUntil: 't'},
      {at: 't', event: 'evaluation', ...position, outcome: 'failed', gates: [failed]},
      {at: 't', event: 'evaluation', ...position, outcome: 'failed', gates: [failed]},
      end,
    ] as RolloutEvent[]
    const report = githubReport({command: 'canary run', events, end})
    expect(report.annotations).toEqual([{level: 'error', title: 'canary run: aborted', message: 'Aborted at step 1 (10%).\nCanary removed.'}])
    expect(report.summary).toContain('### ❌ apigw canary run: aborted (exit 1)')
    expect(report.summary).toContain('**aborted** at step 1 of 2 (10%): Aborted at step 1 (10%).\\\\nCanary removed.')
    expect(report.summary).toContain('Canary deployment can4ry, base ba5e01.')
    expect(report.summary).toContain('| 1 | 10% | 2 | 2 | aborted |\n| 2 | 100% | 0 | 0 | not reached |')
    expect(report.summary).toContain('| 5xx-rate | fail | 9% | 0.4% | 1% | canary 5XX rate 9% &gt; 1% allowed |')
    const interrupted = {...end, event: 'interrupted', exitCode: 130} as RolloutEnd
    expect(githubReport({command: 'canary run', events, end: interrupted}).annotations[0].level).toBe('warning')
  })
})

describe('writeGithubReport', () => {
  it('writes annotations to stderr and appends the summary; an unwritable summary is a warning, not a failure', () => {
    const summary = join(mkdtempSync(join(tmpdir(), 'apigw-summary-')), 'step-summary')
    let stderr = ''
    const report = {annotations: [{level: 'error' as const, title: 't', message: 'm'}], summary: '### one\n\n'}
    writeGithubReport(report, summary, (text) => (stderr += text))
    writeGithubReport(report, summary, (text) => (stderr += text))
    expect(readFileSync(summary, 'utf8')).toBe('### one\n\n### one\n\n')
    expect(stderr).toBe('::error title=t::m\n::error title=t::m\n')
    stderr = ''
    writeGithubReport(report, join(summary, 'not-a-directory', 'x'), (text) => (stderr += text))
    expect(commands(stderr)).toEqual(['::error title=t::m', expect.stringMatching(/^::warning title=apigw job summary::Could not write the job summary to .+ \(GITHUB_STEP_SUMMARY\)/)])
  })
})

describe('withinLimits', () => {
  it('keeps what GitHub shows of each level, the last one saying how many more the summary has', () => {
    const many = (level: 'error' | 'warning', count: number) => Array.from({length: count}, (_, index) => ({level, title: 'apis diff: shop', message: `${level} ${index + 1}`}))
    const kept = withinLimits([...many('error', 25), ...many('warning', ANNOTATIONS_PER_LEVEL)])
    const errors = kept.filter((annotation) => annotation.level === 'error')
    expect(errors).toHaveLength(ANNOTATIONS_PER_LEVEL)
    expect(errors.at(-2)?.message).toBe('error 9')
    expect(errors.at(-1)).toEqual({level: 'error', title: 'apis diff: shop', message: '16 more like these: see the job summary.'})
    expect(kept.filter((annotation) => annotation.level === 'warning').map((annotation) => annotation.message)).toEqual(many('warning', ANNOTATIONS_PER_LEVEL).map((annotation) => annotation.message))
  })
})
