import {existsSync, readdirSync, readFileSync} from 'node:fs'
import {dirname, join, relative} from 'node:path'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'

// docs/aws-behaviour.md states every AWS behaviour apigw relies on, one heading each; code, tests and
// docs cite a heading by its anchor. A citation of a heading that is not there, or of the old shared
// notes (never in the repository), points a reader at nothing.

const DOC = 'docs/aws-behaviour.md'
/** The old notes' name, spelled in parts so that this file does not cite them itself. */
const OLD_NOTES = ['aws', 'facts'].join('-')
const SCANNED = ['src', 'test', 'scripts', 'bench', 'packages', 'docs', 'README.md']
const SKIPPED = new Set(['node_modules', 'dist', '.git'])
const TEXT = /\.(ts|mts|cts|js|mjs|cjs|json|md|ya?ml|sh)$/
const THIS_FILE = fileURLToPath(import.meta.url)

/** The nearest folder above this file that holds the document, so the test can move with the test tiers. */
function repositoryRoot(): string {
  for (let dir = dirname(THIS_FILE); ; dir = dirname(dir)) {
    if (existsSync(join(dir, DOC))) return dir
    if (dirname(dir) === dir) throw new Error(`${DOC} is not in any folder above ${THIS_FILE}`)
  }
}

/** GitHub's anchor for a heading (as github-slugger makes it): lower case, punctuation dropped, spaces to hyphens. */
function anchorOf(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '').replace(/ /g, '-')
}

interface Section {
  level: number
  anchor: string
  body: string
}

/** A Markdown document's headings, outside code blocks, each with the text up to the next heading. */
function sectionsOf(markdown: string): Section[] {
  const sections: Section[] = []
  let fenced = false
  for (const line of markdown.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced
    const heading = fenced ? null : /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line)
    if (heading) sections.push({level: heading[1].length, anchor: anchorOf(heading[2]), body: ''})
    else if (sections.length > 0) sections[sections.length - 1].body += `${line}\n`
  }
  return sections
}

/** What is wrong with one file's citations: the old notes, numbered sections of them, or anchors the document lacks. */
function citationProblems(text: string, anchors: Set<string>): string[] {
  const problems: string[] = []
  if (new RegExp(OLD_NOTES, 'i').test(text)) problems.push(`cites "${OLD_NOTES}", which is not in the repository: cite docs/aws-behaviour.md#<anchor>`)
  if (/§\s*\d/.test(text)) problems.push('cites a numbered section ("§N"): cite docs/aws-behaviour.md#<anchor>')
  for (const [, anchor] of text.matchAll(/docs\/aws-behaviour\.md#([\p{L}\p{N}_-]+)/gu)) {
    if (!anchors.has(anchor)) problems.push(`cites docs/aws-behaviour.md#${anchor}, which is no heading of the document`)
  }
  return problems
}

function* textFiles(path: string): Generator<string> {
  if (!existsSync(path)) return
  if (TEXT.test(path)) {
    yield path
    return
  }
  for (const entry of readdirSync(path, {withFileTypes: true})) {
    if (entry.isDirectory() && !SKIPPED.has(entry.name)) yield* textFiles(join(path, entry.name))
    else if (entry.isFile() && TEXT.test(entry.name)) yield join(path, entry.name)
  }
}

describe('docs/aws-behaviour.md', () => {
  const root = repositoryRoot()
  const sections = sectionsOf(readFileSync(join(root, DOC), 'utf8'))
  const anchors = new Set(sections.map((section) => section.anchor))

  it('gives every heading an anchor of its own', () => {
    const seen = sections.map((section) => section.anchor)
    expect(seen.filter((anchor, index) => seen.indexOf(anchor) !== index)).toEqual([])
    expect(seen.length).toBeGreaterThan(50)
  })

  it('names the source of every behaviour', () => {
    const unsourced = sections.filter((section) => section.level === 3 && !/^Source: \S/m.test(section.body)).map((section) => section.anchor)
    expect(unsourced).toEqual([])
  })

  it('ends with the table of what AWS does that we do not know', () => {
    const last = sections[sections.length - 1]
    expect(last.anchor).toBe('what-aws-does-that-we-do-not-know')
    expect(last.body).toMatch(/^\| behaviour \| what apigw assumes \|$/m)
    expect(last.body.match(/^\| /gm)?.length).toBeGreaterThan(10)
  })

  it('links only to its own headings', () => {
    const body = sections.map((section) => section.body).join('')
    const broken = [...body.matchAll(/\]\(#([^)]+)\)/g)].map(([, anchor]) => anchor).filter((anchor) => !anchors.has(anchor))
    expect(broken).toEqual([])
  })

  it('is what every citation in the code, tests, scripts, benches and docs points at', () => {
    const problems: string[] = []
    for (const top of SCANNED) {
      for (const file of textFiles(join(root, top))) {
        if (file === THIS_FILE) continue
        for (const problem of citationProblems(readFileSync(file, 'utf8'), anchors)) problems.push(`${relative(root, file)} ${problem}`)
      }
    }
    expect(problems).toEqual([])
  })
})

describe('the citation check', () => {
  it('makes the anchors GitHub makes', () => {
    expect(anchorOf('Stage names are compared without case')).toBe('stage-names-are-compared-without-case')
    expect(anchorOf("The SDK's `limit`: 1.0 / 2")).toBe('the-sdks-limit-10--2')
    expect(sectionsOf('# A\n```\n# not a heading\n```\n### B b\ntext\n').map((s) => s.anchor)).toEqual(['a', 'b-b'])
  })

  it('finds old citations and anchors the document lacks', () => {
    const anchors = new Set(['stage-names'])
    expect(citationProblems('// see docs/aws-behaviour.md#stage-names', anchors)).toEqual([])
    expect(citationProblems(`/** (${OLD_NOTES} §4) */`, anchors)).toHaveLength(2)
    expect(citationProblems("describe('stages (§2)'", anchors)).toHaveLength(1)
    expect(citationProblems('// docs/aws-behaviour.md#stage-name', anchors)).toEqual(['cites docs/aws-behaviour.md#stage-name, which is no heading of the document'])
  })
})
