import {execFileSync, spawnSync} from 'node:child_process'
import {createHash} from 'node:crypto'
import {readdirSync, readFileSync, rmSync, statSync, symlinkSync} from 'node:fs'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {expectWorkingInstall, onlyOnPath, packageJson, repository, root, scratch, which} from '../helpers/installed.js'

// The standalone tarball for this machine's platform (the one target a test can run), built by
// `npm run pack:standalone` without its build (`npm test` has just built dist/, see pack.test.ts).
// The Node package comes through npm's cache, so only the first run downloads it.
const target = `${process.platform}-${process.arch}`
const supported = ['linux-x64', 'linux-arm64', 'darwin-x64', 'darwin-arm64'].includes(target)
const script = join(root, 'scripts/pack-standalone.mjs')
const name = `apigw-${packageJson.version}-${target}`
const work = scratch('standalone')
const out = join(work, 'out')
const unpacked = join(work, name)
const nodeVersion = JSON.parse(readFileSync(join(repository, 'node_modules/node/package.json'), 'utf8')).version

describe.runIf(supported)(`the standalone tarball for ${target}`, () => {
  beforeAll(() => {
    execFileSync(process.execPath, [script, '--no-build', '--target', target, '--out', out], {cwd: root, stdio: ['ignore', 'ignore', 'pipe']})
    execFileSync('tar', ['-xzf', join(out, `${name}.tar.gz`), '-C', work])
  }, 180_000)
  // Its Node alone is over 100 MB.
  afterAll(() => rmSync(work, {recursive: true, force: true}))

  it('comes with its SHA-256 in SHASUMS256.txt, in the format sha256sum -c reads', () => {
    expect(readdirSync(out).sort()).toEqual(['SHASUMS256.txt', `${name}.tar.gz`])
    const digest = createHash('sha256').update(readFileSync(join(out, `${name}.tar.gz`))).digest('hex')
    expect(readFileSync(join(out, 'SHASUMS256.txt'), 'utf8')).toBe(`${digest}  ${name}.tar.gz\n`)
  })

  it('carries its own Node, a launcher, and only the runtime dependencies', () => {
    expect(statSync(join(unpacked, 'bin/apigw')).mode & 0o111).toBe(0o111)
    expect(statSync(join(unpacked, 'node/bin/node')).mode & 0o111).toBe(0o111)
    expect(readdirSync(join(unpacked, 'node_modules'))).not.toContain('@aws-sdk')
    expect(readdirSync(join(unpacked, 'node_modules/@oclif')).sort()).toEqual(['core', 'plugin-autocomplete', 'plugin-help'])
  })

  it('runs through a symlink on a PATH without node, on the Node it carries', async () => {
    const path = onlyOnPath({dirname: which('dirname'), readlink: which('readlink')})
    expect(spawnSync('/bin/sh', ['-c', 'command -v node'], {env: {PATH: path}}).status).not.toBe(0)
    const link = join(path, 'apigw')
    symlinkSync(join(unpacked, 'bin/apigw'), link)
    await expectWorkingInstall(link, path, nodeVersion)
  })
})

describe('npm run pack:standalone', () => {
  it('refuses a target it cannot build, with exit 2 and the ones it can', () => {
    const result = spawnSync(process.execPath, [script, '--target', 'windows-x64'], {cwd: root, encoding: 'utf8'})
    expect(result.status).toBe(2)
    expect(result.stderr).toBe('Unknown target windows-x64. Try: --target linux-x64 | linux-arm64 | darwin-x64 | darwin-arm64\n')
  })
})
