import {execFileSync, spawnSync} from 'node:child_process'
import {mkdtempSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import {helpFor} from '../../packages/cli/src/cli/fast-help.js'
import {loadHelpSources} from '../../packages/cli/src/cli/help-sources.js'
import {EMPTY_HOME, spawnCli} from '../helpers/cli.js'

// Help is answered from the manifest without oclif (src/cli/fast-help.ts). Here every command's,
// topic's and the root's help is compared with what oclif's own help class prints for the same argv,
// rendered afresh each run (test/helpers/oclif-help.mjs), so a change in oclif or in a command that the
// fast path renders differently fails here.
const ROOT = fileURLToPath(new URL('../../packages/cli/', import.meta.url))
const manifest = JSON.parse(readFileSync(new URL('../../packages/cli/oclif.manifest.json', import.meta.url), 'utf8')) as {commands: Record<string, {hidden?: boolean}>}
// Hidden commands (shell completion's __complete) are left to oclif's help.
const commandIds = Object.keys(manifest.commands).filter((id) => !manifest.commands[id]!.hidden)
const topicIds = [...new Set(commandIds.flatMap((id) => id.split(':').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join(':'))))]
const words = (id: string) => id.split(':')

const ARGVS = [
  [],
  ['--help'],
  ['help'],
  // A topic that is a command too (`apigw logs`) runs the command when named alone, so only its help is compared.
  ...topicIds.flatMap((id) => [...(commandIds.includes(id) ? [] : [words(id)]), [...words(id), '--help'], ['help', ...words(id)]]),
  ...commandIds.flatMap((id) => [[...words(id), '--help'], ['help', ...words(id)]]),
  ['autocomplete', '--help'],
]

const REFERENCE = fileURLToPath(new URL('../helpers/oclif-help.mjs', import.meta.url))

function oclifHelp(argvs: string[][], columns?: number): string[] {
  const env = {PATH: process.env.PATH, HOME: EMPTY_HOME, ...(columns ? {OCLIF_COLUMNS: String(columns)} : {})}
  return JSON.parse(execFileSync(process.execPath, [REFERENCE, JSON.stringify(argvs)], {env, encoding: 'utf8'}))
}

/** Runs a command on a terminal (script(1) gives it one, 80 columns by oclif's rule), as an operator's xterm. */
function onTerminal(command: string[]): string {
  const quoted = command.map((word) => `'${word.replaceAll("'", "'\\''")}'`).join(' ')
  const env = {PATH: process.env.PATH, HOME: EMPTY_HOME, TERM: 'xterm-256color'}
  return execFileSync('script', ['-qec', quoted, '/dev/null'], {env, encoding: 'utf8'}).replaceAll('\r\n', '\n')
}

const fastHelp = (argv: string[], width: number) => helpFor(argv, () => loadHelpSources(ROOT, width))

describe('fast help', () => {
  it('covers every command and topic', () => {
    expect(commandIds.length).toBeGreaterThan(50)
    expect(topicIds).toEqual(expect.arrayContaining(['apis', 'cache', 'cache:method', 'sandbox']))
  })

  for (const width of [80, 60, 132]) {
    it(`prints what oclif prints for the root, every topic and every command, at ${width} columns`, () => {
      const expected = oclifHelp(ARGVS, width === 80 ? undefined : width)
      ARGVS.forEach((argv, index) => {
        expect(fastHelp(argv, width), `apigw ${argv.join(' ')}`).toBe(expected[index])
      })
    })
  }

  it('usage names no empty alternative: a flag already in a group (--all in --api | --all) is not joined again', () => {
    const argvs = commandIds.map((id) => [...words(id), '--help'])
    const usageOf = (text: string) => text.split('\n\n')[1]!
    const wide = 2000
    const references = oclifHelp(argvs, wide)
    argvs.forEach((argv, index) => {
      for (const usage of [usageOf(references[index]!), usageOf(fastHelp(argv, wide)!)]) {
        expect(usage, `apigw ${argv.join(' ')}`).not.toMatch(/\| [\])|]| [\])]/)
      }
    })
    const doctor = usageOf(fastHelp(['doctor', '--help'], wide)!)
    expect(doctor).toContain('[--api <value> | --all] [--stage <value>] [--checks <value>]')
    expect(doctor).toContain('[--access-log <value> --fix] [--tag <value>...] [--dry-run]')
    expect(usageOf(fastHelp(['dashboard', '--help'], wide)!)).toContain('[--api <value> | --all] [--stage <value>] [--since <value>]')
  })

  it('is what the CLI prints without a TTY, from the manifest, exit 0', async () => {
    const expected = oclifHelp([['--help'], ['apis'], ['apis', 'list', '--help'], ['help', 'keys', 'rotate']])
    const env = {PATH: process.env.PATH ?? '', HOME: EMPTY_HOME}
    const runs = await Promise.all([spawnCli(['--help'], env), spawnCli(['apis'], env), spawnCli(['apis', 'list', '--help'], env), spawnCli(['help', 'keys', 'rotate'], env)])
    runs.forEach((run, index) => {
      expect(run.stdout).toBe(expected[index])
      expect(run.stderr).toBe('')
      expect(run.code).toBe(0)
    })
  })

  it('stops quietly when the reader goes away (| head -1, a reader that closes), and writes to /dev/null', () => {
    const env = {PATH: process.env.PATH, HOME: EMPTY_HOME}
    const bin = join(ROOT, 'bin', 'run.js')
    const firstLine = spawnSync('sh', ['-c', `"${process.execPath}" "${bin}" --help | head -1`], {env, encoding: 'utf8'})
    expect(firstLine.stdout).toBe(`${oclifHelp([['--help']])[0]!.split('\n')[0]}\n`)
    // A reader that closes its end at once, and apigw started after it has: the write fails with EPIPE.
    const gone = spawnSync('sh', ['-c', `(sleep 0.3; exec "${process.execPath}" "${bin}" apis list --help) | (exec 0<&-; sleep 1)`], {env, encoding: 'utf8'})
    expect(gone.stderr).toBe('')
    const toNull = spawnSync('sh', ['-c', `"${process.execPath}" "${bin}" apis list --help > /dev/null`], {env, encoding: 'utf8'})
    expect([toNull.status, toNull.stderr]).toEqual([0, ''])
  })

  it('paints on a terminal as oclif does: bold headers, underlined values, for every topic and command', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'apigw-help-')), 'oclif.json')
    onTerminal([process.execPath, REFERENCE, JSON.stringify(ARGVS), file])
    const expected = JSON.parse(readFileSync(file, 'utf8')) as string[]
    expect(expected[ARGVS.findIndex((argv) => argv.join(' ') === 'apis list --help')]).toContain('\u001B[1mFLAGS\u001B[22m\n  --name=\u001B[4m<value>\u001B[24m')
    ARGVS.forEach((argv, index) => {
      expect(helpFor(argv, () => loadHelpSources(ROOT, 80, true)), `apigw ${argv.join(' ')}`).toBe(expected[index])
    })
    // And the CLI answers so itself.
    const bin = join(ROOT, 'bin', 'run.js')
    expect(onTerminal([process.execPath, bin, 'apis', 'list', '--help'])).toBe(expected[ARGVS.findIndex((argv) => argv.join(' ') === 'apis list --help')])
  })

  it('--version prints the version oclif shows in the root help', async () => {
    const [root] = oclifHelp([['--help']])
    const version = await spawnCli(['--version'], {PATH: process.env.PATH ?? '', HOME: EMPTY_HOME})
    expect(version.stdout).toMatch(/^apigw\/\d+\.\d+\.\d+ \S+ node-v\d+/)
    expect(root).toContain(`VERSION\n  ${version.stdout}`)
    expect(version.code).toBe(0)
  })

  it('leaves to oclif what it cannot answer: words after a command, an unknown word, a second help, colour', async () => {
    expect(fastHelp(['apis', 'show', 'my-api', '--help'], 80)).toBeUndefined()
    expect(fastHelp(['apis', 'lsit', '--help'], 80)).toBeUndefined()
    expect(fastHelp(['apis', 'list'], 80)).toBeUndefined()
    expect(fastHelp(['help', 'help'], 80)).toBeUndefined()
    const env = {PATH: process.env.PATH ?? '', HOME: EMPTY_HOME}
    // With colour asked for, oclif paints the help.
    const colored = await spawnCli(['apis', 'list', '--help', '--color'], env)
    expect(colored.stdout).toContain('\u001B[1mUSAGE')
  })
})
