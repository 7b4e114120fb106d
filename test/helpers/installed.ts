import {execFileSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, readFileSync, symlinkSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {expect} from 'vitest'
import {runProgram} from './cli.js'

// Checks for apigw installed the ways operators install it (npm's global prefix, a standalone
// tarball), run from outside the repository with nothing of it on PATH.

/** The apigw package (packages/cli), and the repository holding it and its workspace's node_modules. */
export const root = fileURLToPath(new URL('../../packages/cli/', import.meta.url))
export const repository = fileURLToPath(new URL('../../', import.meta.url))
export const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))

/** A fresh directory for one test file's installs, left in the system's temp directory. */
export const scratch = (label: string) => mkdtempSync(join(tmpdir(), `apigw-${label}-`))

/**
 * A PATH of one directory holding only these programs (symlinks, by name), so a test shows exactly
 * what the installed apigw needs from it: never the repository, and node only when given.
 */
export function onlyOnPath(programs: Record<string, string>): string {
  const dir = join(scratch('path'), 'bin')
  mkdirSync(dir)
  for (const [name, target] of Object.entries(programs)) symlinkSync(target, join(dir, name))
  return dir
}

/** Where `sh` finds a program on the test's own PATH (for onlyOnPath). */
export const which = (program: string) => execFileSync('sh', ['-c', `command -v ${program}`], {encoding: 'utf8'}).trim()

/**
 * What an operator does first with a fresh install: `--version`, `--help`, a command of an oclif plugin,
 * and a sandbox round trip (start in the background, create an API, list it, stop).
 */
export async function expectWorkingInstall(apigw: string, path: string, nodeVersion: string): Promise<void> {
  const home = scratch('installed-home')
  const stateDir = join(home, 'sandbox')
  const env = {PATH: path, HOME: home, CI: 'true', APIGW_SANDBOX_DIR: stateDir}
  const run = (...args: string[]) => runProgram(apigw, args, {env, cwd: home})

  const version = await run('--version')
  expect(version).toEqual({code: 0, stdout: `apigw/${packageJson.version} ${process.platform}-${process.arch} node-v${nodeVersion}\n`, stderr: ''})
  const help = await run('--help')
  expect(help.code).toBe(0)
  expect(help.stdout).toContain('$ apigw [COMMAND]')
  expect(help.stdout).toMatch(/^ {2}sandbox +run a local AWS-compatible API Gateway/m)
  // A command of @oclif/plugin-autocomplete, which oclif loads from node_modules by name.
  const autocomplete = await run('autocomplete', 'bash')
  expect(autocomplete.code, autocomplete.stderr).toBe(0)
  expect(autocomplete.stdout).toContain('apigw autocomplete')

  const started = await run('sandbox', 'start', '--detach', '--state-dir', stateDir, '--json')
  expect(started.code, started.stderr).toBe(0)
  try {
    const created = await run('apis', 'create', '--name', 'installed', '--type', 'http', '--sandbox', '--json')
    expect(created.code, created.stderr).toBe(0)
    // --query and YAML: code the bundle loads lazily, in chunks of their own.
    const listed = await run('apis', 'list', '--sandbox', '--query', 'apis[].name', '--output', 'yaml')
    expect(listed).toEqual({code: 0, stdout: '- installed\n', stderr: ''})
  } finally {
    const stopped = await run('sandbox', 'stop', '--state-dir', stateDir, '--json')
    expect(JSON.parse(stopped.stdout)).toMatchObject({stopped: true, pid: JSON.parse(started.stdout).pid})
  }
}
