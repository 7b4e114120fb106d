import {execFileSync} from 'node:child_process'
import {readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {scratch} from '../helpers/installed.js'

// apigw-sandbox as another project gets it: packed (its prepack builds dist/ and the type
// declarations), installed into a fresh project, and used there through its documented door.
const sandboxPackage = fileURLToPath(new URL('../../packages/sandbox/', import.meta.url))
const manifest = JSON.parse(readFileSync(join(sandboxPackage, 'package.json'), 'utf8'))
const project = scratch('sandbox-package')
let tarball: string

// Settings an outer npm passes down as npm_config_* (CI's `npm exec --allow-scripts=…`) are its own:
// these are project installs, which npm refuses such a flag for (EALLOWSCRIPTS).
const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_config_allow_scripts$/i.test(name)))
const npm = (cwd: string, ...args: string[]) => execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], {cwd, env, encoding: 'utf8'})

beforeAll(() => {
  tarball = join(project, npm(sandboxPackage, 'pack', '--pack-destination', project).trim().split('\n').at(-1)!)
  writeFileSync(join(project, 'package.json'), JSON.stringify({name: 'a-project', private: true, type: 'module'}))
  npm(project, 'install', '--prefer-offline', tarball)
}, 180_000)
afterAll(() => rmSync(project, {recursive: true, force: true}))

describe('the apigw-sandbox package', () => {
  it('ships its built entry points with their types, and no sources', () => {
    const files = execFileSync('tar', ['-tzf', tarball], {encoding: 'utf8'}).trim().split('\n').map((file) => file.replace(/^package\//, ''))
    expect(files).toEqual(expect.arrayContaining(['README.md', 'LICENSE', 'package.json', 'dist/index.js', 'dist/index.d.ts', 'dist/contract.js', 'dist/facts.js', 'dist/main.js']))
    expect(files.filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))).toEqual([])
  })

  it('installs only its declared dependencies, none of apigw', () => {
    expect(Object.keys(manifest.dependencies).sort()).toEqual(['@smithy/core', 'yaml'])
    const modules = readdirSync(join(project, 'node_modules'))
    expect(modules).toContain('apigw-sandbox')
    expect(modules).not.toContain('apigw')
    expect(modules).not.toContain('@oclif')
  })

  it("starts with startSandbox, answers an API Gateway call, and stops (the README's example, without the SDK)", () => {
    const script = `
      import {startSandbox} from 'apigw-sandbox'
      import {TOKEN_HEADER} from 'apigw-sandbox/contract'
      const sandbox = await startSandbox({})
      const created = await fetch(sandbox.endpoint + '/restapis', {method: 'POST', headers: {'content-type': 'application/json'}, body: JSON.stringify({name: 'shop'})})
      const listed = await (await fetch(sandbox.endpoint + '/restapis')).json()
      const status = await fetch(sandbox.endpoint + '/_sandbox/status', {headers: {[TOKEN_HEADER]: sandbox.token}})
      await sandbox.stop()
      console.log(JSON.stringify({created: created.status, names: listed.item.map((api) => api.name), control: status.status}))
    `
    writeFileSync(join(project, 'use.mjs'), script)
    const output = execFileSync(process.execPath, ['use.mjs'], {cwd: project, encoding: 'utf8'})
    expect(JSON.parse(output)).toEqual({created: 201, names: ['shop'], control: 200})
  })
})
