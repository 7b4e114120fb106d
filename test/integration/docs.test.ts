import {existsSync, readFileSync, readdirSync} from 'node:fs'
import {dirname, join, relative} from 'node:path'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import {ExitCode} from '../../packages/cli/src/lib/errors.js'

const root = fileURLToPath(new URL('../..', import.meta.url))
const generator = join(root, 'scripts/docs.mjs')

interface Manifest {
  commands: Record<string, {summary?: string; hidden?: boolean; flags: Record<string, unknown>}>
}
type Generator = {
  renderDocs(root: string, options?: {manifest?: Manifest}): Map<string, string>
  anchor(heading: string): string
}
const {renderDocs, anchor} = (await import(generator)) as Generator
const manifest = (): Manifest => JSON.parse(readFileSync(join(root, 'packages/cli/oclif.manifest.json'), 'utf8'))
/** The commands the reference documents: not the hidden ones (shell completion's __complete, in docs/completion.md). */
const documentedIds = () => Object.entries(manifest().commands).filter(([, command]) => !command.hidden).map(([id]) => id)

const markdownFiles = (dir: string): string[] =>
  readdirSync(dir, {withFileTypes: true}).flatMap((entry) =>
    entry.isDirectory() ? markdownFiles(join(dir, entry.name)) : entry.name.endsWith('.md') ? [join(dir, entry.name)] : [],
  )

/** The anchors GitHub gives a markdown file's headings (outside fenced blocks). */
function anchors(text: string): Set<string> {
  let fenced = false
  const found = new Set<string>()
  for (const line of text.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced
    else if (!fenced && /^#+ /.test(line)) found.add(anchor(line.replace(/^#+ /, '')))
  }
  return found
}

describe('docs/commands and docs/json.md', () => {
  it('are what npm run docs makes from the current manifest and docs/src (run it after changing a command)', () => {
    const pages = renderDocs(root)
    const onDisk = readdirSync(join(root, 'docs/commands')).map((name) => `docs/commands/${name}`)
    expect(onDisk.sort()).toEqual([...pages.keys()].filter((path) => path.startsWith('docs/commands/')).sort())
    for (const [path, content] of pages) {
      expect(readFileSync(join(root, path), 'utf8') === content, `${path} is stale: run npm run docs`).toBe(true)
    }
  })

  it('see a changed summary or a new flag, so a stale page fails the check above', () => {
    const changed = manifest()
    changed.commands['apis:list'].summary = 'a summary --help does not give'
    changed.commands['keys:show'].flags['brand-new'] = {name: 'brand-new', type: 'boolean', description: 'a flag the pages lack'}
    const pages = renderDocs(root, {manifest: changed})
    expect(pages.get('docs/commands/apis.md')).toContain('a summary --help does not give')
    expect(pages.get('docs/commands/apis.md')).not.toBe(readFileSync(join(root, 'docs/commands/apis.md'), 'utf8'))
    expect(pages.get('docs/commands/keys.md')).toContain('| `--brand-new` | a flag the pages lack |')
  })

  it('give every command hand-written notes from docs/src/commands', () => {
    for (const id of documentedIds()) {
      expect(existsSync(join(root, 'docs/src/commands', `${id.replaceAll(':', '-')}.md`)), `docs/src/commands lacks ${id}`).toBe(true)
    }
  })

  it('use every notes file in docs/src/commands (a renamed command leaves none behind)', () => {
    const ids = documentedIds()
    const names = new Set([...ids.map((id) => id.replaceAll(':', '-')), ...ids.flatMap((id) => [`${id.split(':')[0]}.before`, `${id.split(':')[0]}.after`])])
    for (const file of readdirSync(join(root, 'docs/src/commands'))) expect(names, `docs/src/commands/${file} belongs to no command or topic`).toContain(file.replace(/\.md$/, ''))
  })

  it('give every command its JSON shape in docs/json.md', () => {
    const json = renderDocs(root).get('docs/json.md')!
    for (const id of documentedIds()) expect(json, `docs/json.md lacks ${id}`).toContain(`### \`apigw ${id.replaceAll(':', ' ')}\``)
  })

  it('give each command its usage, flags and the JSON shape its notes document', () => {
    const pages = renderDocs(root)
    const apis = pages.get('docs/commands/apis.md')!
    expect(apis).toContain('## `apigw apis list`')
    expect(apis).toContain('apigw apis show --api <value> [global flags]')
    expect(apis).toContain('| `--type <rest\\|http\\|websocket>` |')
    expect(apis).toContain('and the [global flags](../global-flags.md).')
    expect(pages.get('docs/json.md')).toContain('JSON (`--json`): `{"apis": [{"id", "name", "type", "endpointType", "createdDate", "description"}]}`')
  })
})

describe('docs/exit-codes.md', () => {
  it('explains every exit code apigw has, with what to do', () => {
    const text = readFileSync(join(root, 'docs/exit-codes.md'), 'utf8')
    for (const code of Object.values(ExitCode)) expect(text).toMatch(new RegExp(`^\\| ${code} \\| [^|]+ \\| [^|]+ \\|$`, 'm'))
  })
})

describe('README and docs/', () => {
  it('README stays a front door: at most 300 lines', () => {
    expect(readFileSync(join(root, 'README.md'), 'utf8').split('\n').length).toBeLessThanOrEqual(300)
  })

  it('link only to files and headings that exist', () => {
    // docs/src's links are written for the pages made from it, and checked there.
    const files = [join(root, 'README.md'), ...markdownFiles(join(root, 'docs')).filter((file) => !file.startsWith(join(root, 'docs/src/')))]
    for (const file of files) {
      const text = readFileSync(file, 'utf8')
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/.test(target)) continue
        const [path, hash] = target.split('#')
        const linked = path === '' ? file : join(dirname(file), path)
        const where = `${relative(root, file)} links to ${target}`
        expect(existsSync(linked), where).toBe(true)
        if (hash !== undefined && linked.endsWith('.md')) expect([...anchors(readFileSync(linked, 'utf8'))], where).toContain(hash)
      }
    }
  })
})
