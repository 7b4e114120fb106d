import {spawnSync} from 'node:child_process'
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'

// apigw runs on Node 22 and 24. The project brings Node 22 itself (the devDependency "node" puts a
// Node binary in node_modules/.bin, first on npm scripts' PATH), so `npm test` runs on it even where
// the system Node is older; a silent fallback to the system Node must fail here.
const TESTED_MAJORS = ['22', '24']
const root = fileURLToPath(new URL('../../packages/cli/', import.meta.url))
const major = (version: string) => version.replace(/^v/, '').split('.')[0]

describe('the Node that runs apigw', () => {
  it('is a tested line that package.json engines allows, in the test workers', () => {
    const engines = JSON.parse(readFileSync(`${root}package.json`, 'utf8')).engines.node as string
    expect(engines).toBe(`>=${TESTED_MAJORS[0]}`)
    expect(TESTED_MAJORS).toContain(major(process.version))
  })

  it('is the same one for bin/run.js started through its shebang (#!/usr/bin/env node), as npm scripts and operators start it', () => {
    const result = spawnSync(`${root}bin/run.js`, ['--version'], {encoding: 'utf8', env: {PATH: process.env.PATH}})
    expect(result.stderr).toBe('')
    expect(result.stdout).toBe(`apigw/${JSON.parse(readFileSync(`${root}package.json`, 'utf8')).version} ${process.platform}-${process.arch} node-${process.version}\n`)
  })

  it('is refused plainly when it is older than 22: one error, exit 3, nothing run', () => {
    // Node 20 as far as apigw can tell (process.version and process.versions.node), whatever runs the test.
    const older = join(mkdtempSync(join(tmpdir(), 'apigw-node20-')), 'node20.cjs')
    writeFileSync(older, "Object.defineProperty(process, 'versions', {value: {...process.versions, node: '20.20.2'}})\nObject.defineProperty(process, 'version', {value: 'v20.20.2'})\n")
    for (const args of [['--version'], ['apis', 'list']]) {
      const result = spawnSync(process.execPath, ['--require', older, `${root}bin/run.js`, ...args], {encoding: 'utf8', env: {PATH: process.env.PATH}})
      expect(result.stdout).toBe('')
      expect(result.stderr).toBe('Error: apigw needs Node.js 22 or later; this is Node v20.20.2.\nTry: install Node 22 or 24 (https://nodejs.org), or the standalone apigw, which carries its own Node (docs/install.md).\n')
      expect(result.status).toBe(3)
    }
  })
})
