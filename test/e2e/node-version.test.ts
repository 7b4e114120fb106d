import {spawnSync} from 'node:child_process'
import {readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'

// apigw runs on Node 22 and 24. The project brings Node 22 itself (the devDependency "node" puts a
// Node binary in node_modules/.bin, first on npm scripts' PATH), so `npm test` runs on it even where
// the system Node is older; a silent fallback to the system Node must fail here.
const TESTED_MAJORS = ['22', '24']
const root = fileURLToPath(new URL('../../', import.meta.url))
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
})
