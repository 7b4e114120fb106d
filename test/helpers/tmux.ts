import {execFileSync} from 'node:child_process'
import {existsSync, mkdtempSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {setTimeout as sleep} from 'node:timers/promises'
import {shellQuote} from '../../packages/cli/src/lib/util/shell.js'

export interface TerminalRun {
  /** What the terminal showed (stderr, prompts and answers), when the command ended. */
  screen: string
  stdout: string
  code: number
}

/**
 * Runs a program on a real terminal (a private tmux server), stdout to a file and stderr on the
 * terminal, as an operator at a shell. Each `answers` entry waits until the screen matches, then types
 * a line, or presses a key (tmux's name for it: C-c).
 */
export async function runOnTerminal(argv: string[], env: Record<string, string>, answers: Array<{when: RegExp; type: string} | {when: RegExp; press: string}> = []): Promise<TerminalRun> {
  const dir = mkdtempSync(join(tmpdir(), 'apigw-tmux-'))
  const socket = `apigw-${process.pid}-${Date.now()}`
  const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], {encoding: 'utf8'})
  const assignments = Object.entries(env).map(([key, value]) => shellQuote(`${key}=${value}`))
  const command = `env -i ${assignments.join(' ')} ${argv.map(shellQuote).join(' ')} > ${shellQuote(join(dir, 'stdout'))}; echo $? > ${shellQuote(join(dir, 'code'))}`
  tmux('-f', '/dev/null', 'new-session', '-d', '-x', '200', '-y', '50', 'sh', '-c', `${command}; sleep 60`)
  const screen = () => tmux('capture-pane', '-p', '-J')
  try {
    for (const answer of answers) {
      await until(() => answer.when.test(screen()), `the screen to show ${answer.when}`, screen)
      if ('type' in answer) tmux('send-keys', answer.type, 'Enter')
      else tmux('send-keys', answer.press)
    }
    await until(() => existsSync(join(dir, 'code')) && readFileSync(join(dir, 'code'), 'utf8').endsWith('\n'), 'the command to end', screen)
    return {screen: screen(), stdout: readFileSync(join(dir, 'stdout'), 'utf8'), code: Number(readFileSync(join(dir, 'code'), 'utf8'))}
  } finally {
    tmux('kill-server')
  }
}

/** Polls for something the terminal shows; a test that never sees it fails with the screen in the message. */
async function until(condition: () => boolean, what: string, screen: () => string): Promise<void> {
  for (let tries = 0; tries < 300; tries++) {
    if (condition()) return
    await sleep(50)
  }
  throw new Error(`Gave up waiting for ${what}. The screen:\n${screen()}`)
}
