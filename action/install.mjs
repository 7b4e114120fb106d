#!/usr/bin/env node
// The GitHub Action's install step (action.yml): makes the apigw that INPUT_VERSION names runnable,
// puts `apigw` on PATH for the job's later steps (GITHUB_PATH), and gives step outputs `bin` (what
// action/run.mjs runs) and `version`. INPUT_VERSION is one of:
//   empty        this action's own checkout, built here unless it already is;
//   a directory  an apigw checkout, likewise;
//   otherwise    what npm installs: a version (0.1.0 or v0.1.0 means apigw@0.1.0), a dist-tag
//                (apigw@next), a packed tarball's path or URL — into RUNNER_TEMP, not the runner's Node.
import {spawnSync} from 'node:child_process'
import {appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'
import {UsageError} from './command-line.mjs'

const env = process.env
const temp = env.RUNNER_TEMP || tmpdir()

try {
  const version = (env.INPUT_VERSION ?? '').trim()
  const checkout = version === '' ? fileURLToPath(new URL('..', import.meta.url)) : isDirectory(version) ? resolve(version) : undefined
  const {bin, binDir} = checkout ? fromCheckout(checkout) : fromNpm(npmSpec(version))
  const reported = spawnSync(process.execPath, [bin, '--version'], {encoding: 'utf8'})
  if (reported.status !== 0) throw new Error(`the installed apigw does not run: ${reported.stderr.trim()}`)
  process.stdout.write(`Installed ${reported.stdout.trim()}\n`)
  if (env.GITHUB_PATH) appendFileSync(env.GITHUB_PATH, `${binDir}\n`)
  if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, `bin=${bin}\nversion=${/^apigw\/(\S+)/.exec(reported.stdout)?.[1] ?? ''}\n`)
} catch (error) {
  process.stderr.write(`::error title=apigw action::${error.message}\n`)
  process.exitCode = error.exitCode ?? 3
}

/** A checkout runs from where it is (built first if need be); PATH gets a link to its apigw's bin/run.js. */
function fromCheckout(dir) {
  const cli = join(dir, 'packages', 'cli')
  if (!existsSync(join(cli, 'oclif.manifest.json'))) {
    run('npm', ['ci', '--no-audit', '--no-fund'], dir)
    run('npm', ['run', 'build', '--workspace', 'apigw'], dir)
  }
  const binDir = join(temp, 'apigw-bin')
  mkdirSync(binDir, {recursive: true})
  rmSync(join(binDir, 'apigw'), {force: true})
  symlinkSync(join(cli, 'bin', 'run.js'), join(binDir, 'apigw'))
  return {bin: join(cli, 'bin', 'run.js'), binDir}
}

/**
 * A package goes into a prefix of its own, as `npm i -g` would put it, with `apigw` in its bin/. A job
 * that uses the action in several steps installs a pinned version once: later steps find it there.
 */
function fromNpm(spec) {
  const prefix = join(temp, 'apigw')
  const pinned = /^apigw@(\d+\.\d+\.\d+\S*)$/.exec(spec)?.[1]
  if (!pinned || installedVersion(prefix) !== pinned) run('npm', ['install', '--global', '--prefix', prefix, '--no-audit', '--no-fund', spec], temp)
  return {bin: join(prefix, 'bin', 'apigw'), binDir: join(prefix, 'bin')}
}

function installedVersion(prefix) {
  try {
    return JSON.parse(readFileSync(join(prefix, 'lib', 'node_modules', 'apigw', 'package.json'), 'utf8')).version
  } catch {
    return undefined
  }
}

/** The npm spec for the version input; a path that is not there is a mistake, not a package name. */
function npmSpec(version) {
  if (/^v?\d+\.\d+\.\d+\S*$/.test(version)) return `apigw@${version.replace(/^v/, '')}`
  if (existsSync(version)) return resolve(version)
  if (/^[./~]|\.tgz$/.test(version)) throw new UsageError(`version: there is no file or directory ${version}`)
  return version
}

function run(command, args, cwd) {
  const result = spawnSync(command, args, {cwd, stdio: ['ignore', 'inherit', 'inherit']})
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (in ${cwd})${result.error ? `: ${result.error.message}` : ''}`)
}

function isDirectory(path) {
  try {
    return statSync(path).isDirectory()
  } catch {
    return false
  }
}
