import {execFileSync} from 'node:child_process'
import {existsSync, readdirSync, readFileSync, rmSync} from 'node:fs'
import {isBuiltin} from 'node:module'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {expectWorkingInstall, onlyOnPath, packageJson, root, scratch} from '../helpers/installed.js'

// `npm i -g apigw`, from the tarball `npm pack` makes, on a machine with no clone. The pack skips
// prepack's build: `npm test` has just built dist/, and rebuilding it here would pull it from under
// the test files running beside this one.
const dir = scratch('pack')
const prefix = join(dir, 'prefix')
const installed = join(prefix, 'lib/node_modules/apigw')
let tarball: string

const npm = (...args: string[]) => execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], {cwd: root, encoding: 'utf8'})

beforeAll(() => {
  tarball = join(dir, npm('pack', '--ignore-scripts', '--pack-destination', dir).trim().split('\n').at(-1)!)
  npm('install', '--global', '--prefer-offline', '--prefix', prefix, tarball)
}, 120_000)
afterAll(() => rmSync(dir, {recursive: true, force: true}))

describe('the npm package', () => {
  it('holds what runs and nothing else: bin/, dist/, the manifest, package.json, README and LICENSE', () => {
    const files = execFileSync('tar', ['-tzf', tarball], {encoding: 'utf8'}).trim().split('\n').map((file) => file.replace(/^package\//, ''))
    const tops = [...new Set(files.map((file) => file.split('/')[0]))].sort()
    expect(tops).toEqual(['LICENSE', 'README.md', 'bin', 'dist', 'oclif.manifest.json', 'package.json'])
    expect(files).toEqual(expect.arrayContaining(['bin/run.js', 'bin/package.json', 'dist/cli/main.cjs', 'dist/help-index.json', 'dist/sandbox/main.js']))
    expect(files.filter((file) => /\.(ts|map)$/.test(file))).toEqual([])
  })

  it('says where it comes from, and builds itself before packing', () => {
    expect(packageJson.repository.url).toMatch(/^git\+https:\/\/github\.com\/.+\.git$/)
    expect(packageJson.homepage).toMatch(/^https:\/\//)
    expect(packageJson.bugs.url).toMatch(/^https:\/\//)
    expect(packageJson.keywords).toEqual(expect.arrayContaining(['aws', 'api-gateway', 'cli']))
    expect(packageJson.license).toBe('MIT')
    expect(packageJson.scripts.prepack).toBe('npm run build')
  })

  it('installs only the oclif plugins that oclif loads by name: the bundle carries the SDK, oclif, YAML and the rest', () => {
    expect(Object.keys(packageJson.dependencies).sort()).toEqual(['@oclif/plugin-autocomplete', '@oclif/plugin-help'])
    const modules = readdirSync(join(installed, 'node_modules'))
    for (const bundled of ['@aws-sdk', '@smithy', '@inquirer', 'yaml', 'jmespath', 'cli-table3', 'typescript', 'esbuild', 'node']) expect(modules).not.toContain(bundled)
    // The bundle imports no package at run time but through package.json "imports" (#oclif/*).
    expect(readFileSync(join(installed, 'package.json'), 'utf8')).toContain('"#oclif/*": "./dist/oclif/*"')
    expect(existsSync(join(installed, 'dist/oclif/startup.js'))).toBe(true)
  })

  it('imports no other package at run time: none a command reaches only lazily is missing', () => {
    const files = readdirSync(join(installed, 'dist'), {recursive: true, encoding: 'utf8'}).filter((file) => /\.c?js$/.test(file))
    const packages = new Set<string>()
    for (const file of files) {
      for (const [, specifier] of readFileSync(join(installed, 'dist', file), 'utf8').matchAll(/(?:from ?|import\(|require\()"([^"]+)"/g)) {
        if (/^(@\w[\w.-]*\/)?\w[\w.-]*(\/|$)/.test(specifier) && !isBuiltin(specifier)) packages.add(specifier)
      }
    }
    // Neither is ever loaded: oclif tries typescript (inside a try) only for TypeScript sources, and
    // the SDK names the CRT signer in an error message for a signing mode apigw never uses.
    expect([...packages].sort()).toEqual(['@aws-sdk/signature-v4-crt', 'typescript'])
  })

  it('runs from the install prefix with nothing of the repository on PATH', async () => {
    const path = `${join(prefix, 'bin')}:${onlyOnPath({node: process.execPath})}`
    await expectWorkingInstall(join(prefix, 'bin/apigw'), path, process.version.slice(1))
  })
})
