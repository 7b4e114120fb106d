import {spawnSync} from 'node:child_process'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {EMPTY_HOME} from './cli.js'

// What the tests of examples/ci share: reading the apigw command lines out of a CI file, checking
// them against the manifest, and the sandbox each run starts (stopped, and checked stopped, by state directory).

export const root = fileURLToPath(new URL('../..', import.meta.url))
const BIN = join(root, 'packages/cli/bin/run.js')
const MANIFEST = JSON.parse(readFileSync(join(root, 'packages/cli/oclif.manifest.json'), 'utf8'))
type Flag = {char?: string; allowNo?: boolean}

/** The apigw command lines of a shell script (also inside `$(…)`): the words after `apigw` up to a redirection, a pipe or the end of a quoted string. */
export function apigwLines(script: string): string[] {
  const lines: string[] = []
  for (const line of script.split('\n')) {
    const match = /(?:^|[\s(])apigw ((?:[\w$.%,/=-]+ ?)+)/.exec(line.replaceAll('"$API"', '$API'))
    if (match) lines.push(match[1])
  }
  return lines
}

/** Whether `apigw <line>` names a command of the manifest, with flags it has: the problems found. */
export function problems(line: string): string[] {
  const words = line.match(/"[^"]*"|\S+/g) ?? []
  if (words.length === 1 && ['--version', '--help'].includes(words[0]!)) return []
  const nameLength = [3, 2, 1].find((length) => MANIFEST.commands[words.slice(0, length).join(':')])
  if (!nameLength) return [`apigw ${line}: no such command`]
  const flags: Record<string, Flag> = MANIFEST.commands[words.slice(0, nameLength).join(':')].flags
  return words.slice(nameLength).flatMap((word) => {
    if (word.startsWith('--')) {
      const name = word.slice(2).split('=')[0]
      return flags[name] || (name.startsWith('no-') && flags[name.slice(3)]?.allowNo) ? [] : [`apigw ${line}: no flag --${name}`]
    }
    if (/^-\w$/.test(word)) return Object.values(flags).some((flag) => flag.char === word[1]) ? [] : [`apigw ${line}: no flag ${word}`]
    return []
  })
}

const sandboxCommand = (verb: 'stop' | 'status', stateDir: string) =>
  spawnSync(process.execPath, [BIN, 'sandbox', verb, '--state-dir', stateDir], {env: {PATH: process.env.PATH, HOME: EMPTY_HOME}})

/** Stops the sandbox of a state directory, if one runs (for afterAll, whatever a run left). */
export const stopSandbox = (stateDir: string) => void sandboxCommand('stop', stateDir)

/** Whether a sandbox still runs on a state directory (`sandbox status` exits 1 when none does). */
export const sandboxLeftRunning = (stateDir: string) => sandboxCommand('status', stateDir).status !== 1
