import {readdirSync, readFileSync} from 'node:fs'
import {dirname, join, relative, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'

// The sandbox is a package of its own (packages/sandbox, apigw-sandbox): it may import its own
// modules, Node's, and the packages it declares as dependencies — never apigw's CLI.

const SANDBOX = fileURLToPath(new URL('../../packages/sandbox/src/', import.meta.url))
const DEPENDENCIES = Object.keys(JSON.parse(readFileSync(new URL('../../packages/sandbox/package.json', import.meta.url), 'utf8')).dependencies)

const sources = (dir: string): string[] =>
  readdirSync(dir, {withFileTypes: true}).flatMap((entry) => (entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : []))

/** Every module specifier a file imports or re-exports, statically or dynamically. */
const specifiers = (text: string) =>
  [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?\bfrom\s+'([^']+)'|(?:^|\n)\s*import\s+'([^']+)'|\bimport\(\s*'([^']+)'\s*\)/g)].map((match) => match[1] ?? match[2] ?? match[3])

describe('the sandbox stands on its own', () => {
  it('imports only its own modules, Node, and its declared dependencies', () => {
    const outside: string[] = []
    for (const file of sources(SANDBOX)) {
      for (const specifier of specifiers(readFileSync(file, 'utf8'))) {
        const inside = specifier.startsWith('.') && !relative(SANDBOX, resolve(dirname(file), specifier)).startsWith('..')
        const allowed = inside || specifier.startsWith('node:') || DEPENDENCIES.some((name) => specifier === name || specifier.startsWith(`${name}/`))
        if (!allowed) outside.push(`${relative(SANDBOX, file)} imports ${specifier}`)
      }
    }
    expect(outside).toEqual([])
  })
})
